import type { Metadata } from "next";
import Link from "next/link";
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

export default async function OrgPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; closed?: string | string[] }>;
}) {
  const user = await requireUser();
  if (!canAnywhere(user, "org.read")) notFound();
  const { q, closed } = await searchParams;
  const query = (Array.isArray(q) ? q[0] : q)?.trim().slice(0, 100) ?? "";
  const includeClosed = closed === "1";
  // The service reads only the subtrees of the user's org.read grants.
  const [tree, t, ta] = await Promise.all([
    getOrgTree(user, { q: query, includeClosed }),
    getTranslations("org"),
    getTranslations("orgAdmin.tree"),
  ]);
  if (!tree) notFound();
  const toggleParams = new URLSearchParams({ ...(query ? { q: query } : {}), ...(includeClosed ? {} : { closed: "1" }) });
  const closedToggle =
    tree.closedCount > 0 ? (
      <Link href={`/org${toggleParams.size ? `?${toggleParams}` : ""}`} className="inline-flex min-h-11 items-center text-base font-semibold text-brand-800 underline">
        {includeClosed ? ta("hideClosed") : ta("showClosed", { count: tree.closedCount })}
      </Link>
    ) : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="mb-6 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
        <OrgSearch query={query} includeClosed={includeClosed} />
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
          {closedToggle}
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
