import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UserList } from "@/components/admin/users/user-list";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/accounts/users";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 100) ?? "";

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; after?: string | string[] }> }) {
  const user = await requireUser();
  const params = await searchParams;
  const q = first(params.q);
  const after = first(params.after);
  // Null without user.manage anywhere; otherwise only the accounts anchored in the user's subtrees.
  const page = await listUsers(user, { q, after });
  if (!page) notFound();
  const t = await getTranslations("users");
  const next = page.nextAfter ? `/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), after: page.nextAfter })}` : null;
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")}>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href="/admin/users/new" variant="primary">
            {t("list.create")}
          </ButtonLink>
          <ButtonLink href="/admin/users/accounts">{t("bulk.title")}</ButtonLink>
        </div>
      </PageHeader>
      <div className="mb-6 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
        <Form action="/admin/users" role="search" className="flex flex-col gap-2">
          <label htmlFor="user-search" className="text-base font-semibold text-ink-900">
            {t("list.searchLabel")}
          </label>
          <div className="flex flex-wrap gap-2">
            <input
              id="user-search"
              name="q"
              type="search"
              defaultValue={q}
              placeholder={t("list.searchPlaceholder")}
              autoComplete="off"
              className="min-h-12 w-full min-w-0 flex-1 basis-40 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900 placeholder:text-ink-500"
            />
            <button type="submit" className={buttonClass("primary", "min-h-12 px-5")}>
              {t("list.search")}
            </button>
            {q ? (
              <Link href="/admin/users" className={buttonClass("ghost", "min-h-12")}>
                {t("list.clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </div>
      {page.items.length === 0 ? (
        q ? (
          <EmptyState title={t("list.noMatch", { query: q })}>{t("list.noMatchHint")}</EmptyState>
        ) : (
          <EmptyState title={t("list.emptyTitle")}>
            <p>{t("list.emptyHint")}</p>
            <p className="mt-4">
              <ButtonLink href="/admin/users/new" variant="primary">
                {t("list.create")}
              </ButtonLink>
            </p>
          </EmptyState>
        )
      ) : (
        <section aria-label={t("title")} className="flex flex-col gap-4">
          <UserList items={page.items} />
          <nav aria-label={t("list.pages")} className="flex flex-wrap gap-3">
            {after ? (
              <ButtonLink href={q ? `/admin/users?${new URLSearchParams({ q })}` : "/admin/users"}>{t("list.firstPage")}</ButtonLink>
            ) : null}
            {next ? <ButtonLink href={next}>{t("list.nextPage")}</ButtonLink> : null}
          </nav>
        </section>
      )}
    </>
  );
}
