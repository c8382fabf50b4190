import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MemberAccountsForm } from "@/components/admin/users/member-accounts-form";
import { BackLink } from "@/components/members/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { getMemberAccountsView } from "@/lib/accounts/member-accounts";
import { requireUser } from "@/lib/auth/session";
import { requestOrigin } from "@/lib/documents/urls";
import { orNotFound } from "@/lib/pages/page-load";
import { createMemberAccountsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.bulk");
  return { title: t("title") };
}

export default async function MemberAccountsPage({ searchParams }: { searchParams: Promise<{ branch?: string }> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "user.manage")) notFound();
  const { branch: branchId } = await searchParams;
  const view = await orNotFound(getMemberAccountsView(user, branchId ?? null), { forbidden: true });
  const t = await getTranslations("users.bulk");
  const signInUrl = `${requestOrigin(await headers())}/login`;
  return (
    <>
      <BackLink href="/admin/users" label={t("back")} />
      <PageHeader title={view.branch ? t("branchTitle", { branch: view.branch.name }) : t("title")} description={t("intro")} />
      {view.branch ? (
        // The form stays mounted after it succeeds (the page then has no member left to list): it
        // holds the passwords to print, shown once.
        <MemberAccountsForm action={createMemberAccountsAction} branch={view.branch} signInUrl={signInUrl} />
      ) : view.branches.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <ul className="flex flex-col divide-y divide-ink-100 rounded-xl border border-ink-200 bg-white">
          {view.branches.map((b) => (
            <li key={b.id}>
              <Link href={`/admin/users/accounts?branch=${b.id}`} className="flex min-h-14 items-center justify-between gap-3 px-4 py-3 no-underline hover:bg-ink-50">
                <span className="flex flex-col">
                  <span className="text-base font-semibold text-ink-950">{b.name}</span>
                  {b.parentName ? <span className="text-sm text-ink-700">{b.parentName}</span> : null}
                </span>
                <span className="shrink-0 text-base font-semibold text-brand-800">{t("count", { count: b.count })} →</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
