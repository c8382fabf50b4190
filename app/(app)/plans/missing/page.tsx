import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PlanYearNav } from "@/components/meetings/plan-year-nav";
import { BackLink } from "@/components/org/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listMissingPlans } from "@/lib/meetings/plans";
import { planYear } from "@/lib/meetings/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meetings.plans.missing");
  return { title: t("title") };
}

export default async function MissingPlansPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requireUser();
  // Leaders (dashboard.read); the service reads only their subtrees.
  if (!canAnywhere(user, "dashboard.read")) notFound();
  const year = planYear(await searchParams);
  const [missing, t] = await Promise.all([listMissingPlans(user, year), getTranslations("meetings")]);
  return (
    <>
      <BackLink href={`/plans?year=${year}`} label={t("plans.title")} />
      <PageHeader title={t("plans.missing.title")} description={t("plans.missing.intro")}>
        <PlanYearNav year={year} href={(y) => `/plans/missing?year=${y}`} />
      </PageHeader>
      {missing.total === 0 ? (
        <EmptyState title={t("plans.missing.emptyTitle", { year })}>{t("plans.missing.emptyHint")}</EmptyState>
      ) : (
        <section aria-labelledby="missing-count" className="flex flex-col gap-3">
          <p id="missing-count" className="text-base font-semibold text-ink-900">
            {t("plans.missing.count", { count: missing.total, year })}
          </p>
          <ul className="flex flex-col gap-2">
            {missing.rows.map((row) => (
              <li key={row.id}>
                <Link
                  href={`/plans/${row.id}?year=${year}`}
                  className="flex min-h-12 flex-col rounded-xl border border-ink-200 bg-white px-4 py-3 no-underline shadow-sm hover:bg-ink-50"
                >
                  <span className="text-lg font-semibold text-ink-950">{row.name}</span>
                  {row.parentName ? <span className="text-sm text-ink-700">{t("plans.missing.parent")}: {row.parentName}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
