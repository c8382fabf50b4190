import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrgSearch } from "@/components/org/org-search";
import { OrgTree } from "@/components/org/org-tree";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getOrgTree } from "@/lib/org/tree";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("org");
  return { title: t("title") };
}

export default async function OrgPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "org.read")) notFound();
  const { q } = await searchParams;
  const query = (Array.isArray(q) ? q[0] : q)?.trim().slice(0, 100) ?? "";
  // The service reads only the subtrees of the user's org.read grants.
  const [tree, t] = await Promise.all([getOrgTree(user, { q: query }), getTranslations("org")]);
  if (!tree) notFound();

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="mb-6 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
        <OrgSearch query={query} />
      </div>
      {tree.totals.units === 0 ? (
        <EmptyState title={t("emptyTitle")}>{t("emptyHint")}</EmptyState>
      ) : tree.search && tree.search.matches === 0 ? (
        <EmptyState title={t("searchSummary", { count: 0, query: tree.search.query })}>{t("searchEmptyHint")}</EmptyState>
      ) : (
        <section aria-label={t("title")} className="flex flex-col gap-4">
          {tree.search ? (
            <Alert tone="info">
              <p>{t("searchSummary", { count: tree.search.matches, query: tree.search.query })}</p>
              {tree.search.shown < tree.search.matches ? <p>{t("searchLimited", { shown: tree.search.shown })}</p> : null}
            </Alert>
          ) : (
            <p className="text-base text-ink-700">
              {t("summary", { units: tree.totals.units, branches: tree.totals.branches, members: tree.totals.members })}
            </p>
          )}
          {tree.truncated ? <Alert tone="info">{t("truncated")}</Alert> : null}
          <div className="rounded-xl border border-ink-200 bg-white p-2 shadow-sm sm:p-4">
            {/* Keyed by the query so a new search starts with its own open/closed state. */}
            <OrgTree key={tree.search?.query ?? ""} roots={tree.roots} searching={tree.search !== null} />
          </div>
        </section>
      )}
    </>
  );
}
