import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/login/login-form";
import { getCurrentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/documents/urls";
import { login } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("title") };
}

/** `next`: a page of this app to open after signing in (a QR code on a printed notice points here). */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next ?? "/");
  const t = await getTranslations();
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <span aria-hidden="true" className="block h-1.5 w-16 rounded-full bg-brand-700" />
          <p className="text-lg font-semibold tracking-wide text-brand-800 uppercase">{t("app.name")}</p>
        </div>
        <div className="rounded-2xl border border-ink-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-2xl font-bold text-ink-950">{t("login.title")}</h1>
          <p className="mt-2 mb-6 text-base text-ink-700">{t("login.intro")}</p>
          <LoginForm action={login} next={next} />
        </div>
        <p className="mt-6 text-center text-base text-ink-700">{t("login.forgot")}</p>
      </div>
    </main>
  );
}
