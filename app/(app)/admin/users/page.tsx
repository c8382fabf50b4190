import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UserList } from "@/components/admin/users/user-list";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SearchForm } from "@/components/ui/filter-form";
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
        <SearchForm
          path="/admin/users"
          id="user-search"
          label={t("list.searchLabel")}
          placeholder={t("list.searchPlaceholder")}
          submit={t("list.search")}
          clear={t("list.clear")}
          query={q}
          clearHref="/admin/users"
        />
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
