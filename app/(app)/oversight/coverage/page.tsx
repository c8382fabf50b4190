import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QuotaFigure, Section } from "@/components/oversight/oversight-views";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getCoverage } from "@/lib/oversight/coverage";
import { orNotFound } from "@/lib/pages/page-load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.coverage");
  return { title: t("title") };
}

const ALERTS_SHOWN = 20;
const fieldClass = "min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900";

/** Who attends which branch, against the quotas (REVIEWER, LEADER, TENANT_ADMIN over their subtree). */
export default async function CoveragePage({ searchParams }: { searchParams: Promise<{ year?: string; unit?: string }> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "dashboard.read")) notFound();
  const query = await searchParams;
  const view = await orNotFound(getCoverage(user, { year: query.year, unit: query.unit }), { forbidden: true, invalid: true });
  const t = await getTranslations("oversight.coverage");
  const tl = await getTranslations("oversight.links");
  const day = (d: Date | null) => (d ? formatCalendarDate(d) : "—");
  const years = Array.from({ length: 4 }, (_, i) => new Date().getUTCFullYear() - i);
  const unitQuery = query.unit ? `&unit=${query.unit}` : "";
  return (
    <>
      <PageHeader title={t("title")} description={t("intro", { year: view.year, day: formatCalendarDate(view.asOf) })}>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {canAnywhere(user, "score.review") ? (
            <Link href="/oversight/approvals" className="link-action">
              {tl("approvals")}
            </Link>
          ) : null}
          {canAnywhere(user, "settings.manage") ? (
            <Link href="/oversight/assignments" className="link-action">
              {tl("assignments")}
            </Link>
          ) : null}
        </div>
      </PageHeader>

      <form method="get" action="/oversight/coverage" className="mb-6 flex flex-col gap-4 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end sm:p-5">
        <div className="flex flex-col gap-1.5 sm:w-40">
          <label htmlFor="coverage-year" className="text-base font-semibold text-ink-900">
            {t("year")}
          </label>
          <select id="coverage-year" name="year" defaultValue={String(view.year)} className={fieldClass}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-1 flex-col gap-1.5">
          <label htmlFor="coverage-unit" className="text-base font-semibold text-ink-900">
            {t("unit")}
          </label>
          <select id="coverage-unit" name="unit" defaultValue={query.unit ?? ""} className={fieldClass}>
            <option value="">{t("allUnits")}</option>
            {view.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {"— ".repeat(Math.max(0, unit.depth - (view.units[0]?.depth ?? 0)))}
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-12 rounded-lg border border-ink-300 bg-white px-4 font-semibold text-ink-900 hover:bg-ink-50">
          {t("show")}
        </button>
      </form>

      <div className="flex flex-col gap-8">
        <p className="text-base text-ink-700">
          {t("quotas", {
            provincial: view.settings.quotaProvincial,
            district: view.settings.quotaDistrict,
            grassroots: view.settings.quotaGrassroots,
            months: view.settings.alertMonthsWithoutVisit,
          })}{" "}
          {/* A file, not a page. */}
          <a href={`/api/v1/oversight/export?year=${view.year}${unitQuery}`} download className="font-semibold text-brand-800 underline">
            {t("exportSubtree")}
          </a>
        </p>

        <Section id="coverage-alerts" title={t("alerts.title")}>
          {view.alerts.branches.length === 0 && view.alerts.overseersBehind.length === 0 ? (
            <p className="text-base text-ink-700">{view.midYearPassed ? t("alerts.none") : t("alerts.noneBeforeMidYear")}</p>
          ) : (
            <div className="flex flex-col gap-3">
              {view.alerts.overseersBehind.length > 0 ? (
                <Alert tone="warning" title={t("alerts.behindTitle", { count: view.alerts.overseersBehind.length })}>
                  <ul className="list-disc pl-5">
                    {view.alerts.overseersBehind.map((o) => (
                      <li key={o.user.id}>{t("alerts.behindItem", { name: o.user.displayName, counted: o.counted, quota: o.quota })}</li>
                    ))}
                  </ul>
                </Alert>
              ) : !view.midYearPassed ? (
                <p className="text-base text-ink-700">{t("alerts.midYearLater")}</p>
              ) : null}
              {view.alerts.branches.length > 0 ? (
                <Alert tone="warning" title={t("alerts.branchesTitle", { count: view.alerts.branches.length, months: view.settings.alertMonthsWithoutVisit })}>
                  <ul className="list-disc pl-5">
                    {view.alerts.branches.slice(0, ALERTS_SHOWN).map((b) => (
                      <li key={b.branch.id}>
                        {b.neverVisited
                          ? t("alerts.neverItem", { branch: b.branch.name, parent: b.branch.parentName ?? "" })
                          : t("alerts.branchItem", { branch: b.branch.name, parent: b.branch.parentName ?? "", months: b.monthsWithoutVisit, day: day(b.lastVisit) })}
                        {b.overseers.length === 0 ? ` ${t("alerts.noOverseer")}` : ""}
                      </li>
                    ))}
                  </ul>
                  {view.alerts.branches.length > ALERTS_SHOWN ? <p className="mt-1">{t("alerts.more", { count: view.alerts.branches.length - ALERTS_SHOWN })}</p> : null}
                </Alert>
              ) : null}
            </div>
          )}
        </Section>

        <Section id="coverage-overseers" title={t("overseers.title")} intro={t("overseers.intro")}>
          {view.overseers.length === 0 ? (
            <EmptyState title={t("overseers.emptyTitle")}>{t("overseers.empty")}</EmptyState>
          ) : (
            <ul className="grid gap-4 md:grid-cols-2">
              {view.overseers.map((o) => (
                <li key={o.user.id}>
                  <Card title={o.user.displayName} titleAs="h3">
                    <QuotaFigure coverage={o} year={view.year} />
                    <p className="mt-2 text-sm text-ink-700">{t("overseers.last", { day: day(o.lastVisit) })}</p>
                    {o.branches.length > 0 ? <p className="text-sm text-ink-700">{t("overseers.branches", { names: o.branches.map((b) => b.name).join(", ") })}</p> : null}
                    <a href={`/api/v1/oversight/export?year=${view.year}&user=${o.user.id}`} download className="mt-2 inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 underline">
                      {t("overseers.export", { name: o.user.displayName })}
                    </a>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section id="coverage-branches" title={t("branches.title")} intro={t("branches.intro")}>
          {view.branches.length === 0 ? (
            <EmptyState title={t("branches.emptyTitle")}>{t("branches.empty")}</EmptyState>
          ) : (
            <ul className="flex flex-col divide-y divide-ink-100 rounded-xl border border-ink-200 bg-white">
              {view.branches.map((b) => (
                <li key={b.branch.id} className={b.alert ? "flex flex-col gap-0.5 bg-warning-50 px-4 py-3" : "flex flex-col gap-0.5 px-4 py-3"}>
                  <p className="text-base font-semibold text-ink-950">
                    {b.branch.name}
                    {b.branch.parentName ? <span className="font-normal text-ink-700"> · {b.branch.parentName}</span> : null}
                  </p>
                  <p className="text-sm text-ink-800">
                    {b.neverVisited ? t("branches.never") : t("branches.last", { day: day(b.lastVisit), months: b.monthsWithoutVisit })}
                    {" · "}
                    {t("branches.thisYear", { count: b.visitsThisYear, year: view.year })}
                  </p>
                  <p className="text-sm text-ink-700">
                    {b.overseers.length > 0 ? t("branches.overseers", { names: b.overseers.map((o) => o.displayName).join(", ") }) : t("branches.noOverseer")}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </>
  );
}
