import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PlanYearNav } from "@/components/meetings/plan-year-nav";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listPlanStatus } from "@/lib/meetings/plans";
import { planYear } from "@/lib/meetings/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meetings.plans");
  return { title: t("title") };
}

export default async function PlansPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "meeting.read")) notFound();
  const year = planYear(await searchParams);
  // The service reads only the branches of the user's meeting scope.
  const [status, t] = await Promise.all([listPlanStatus(user, year), getTranslations("meetings")]);
  // A secretary with one branch goes straight to its plan.
  if (status.total === 1 && status.rows[0]) redirect(`/plans/${status.rows[0].id}?year=${year}`);

  return (
    <>
      <PageHeader title={t("plans.title")} description={t("plans.intro")}>
        <div className="flex flex-wrap items-center gap-3">
          <PlanYearNav year={year} href={(y) => `/plans?year=${y}`} />
          {canAnywhere(user, "dashboard.read") ? <ButtonLink href={`/plans/missing?year=${year}`}>{t("plans.missingLink")}</ButtonLink> : null}
        </div>
      </PageHeader>
      {status.rows.length === 0 ? (
        <EmptyState title={t("plans.emptyTitle")}>{t("plans.emptyHint")}</EmptyState>
      ) : (
        <section className="flex flex-col gap-3">
          {status.total > status.rows.length ? <Alert tone="info">{t("plans.truncated", { shown: status.rows.length })}</Alert> : null}
          <ul className="flex flex-col gap-2">
            {status.rows.map((row) => (
              <li key={row.id}>
                <Link
                  href={`/plans/${row.id}?year=${year}`}
                  className="flex min-h-12 flex-wrap items-center justify-between gap-2 rounded-xl border border-ink-200 bg-white px-4 py-3 no-underline shadow-sm hover:bg-ink-50"
                >
                  <span className="flex flex-col">
                    <span className="text-lg font-semibold text-ink-950">{row.name}</span>
                    {row.parentName ? <span className="text-sm text-ink-700">{row.parentName}</span> : null}
                  </span>
                  <span className="flex flex-wrap items-center gap-2 text-base text-ink-800">
                    <Badge tone={row.planId ? "success" : "muted"}>{row.planId ? t("plans.hasPlan") : t("plans.noPlan")}</Badge>
                    <span>{t("plans.meetingCount", { count: row.meetingCount })}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
