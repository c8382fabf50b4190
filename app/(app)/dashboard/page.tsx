import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import {
  BarChart,
  ChartSection,
  exportHref,
  PeriodPicker,
  ratioBars,
  StackedBarChart,
  SummaryFigures,
  TargetsPanel,
  Trail,
} from "@/components/dashboard/dashboard-view";
import { DataTableView } from "@/components/dashboard/data-table";
import { OverseersPanel } from "@/components/dashboard/overseers-panel";
import { dashboardOverseers } from "@/lib/dashboard/overseers";
import { ClassificationSharesSection } from "@/components/classification/dashboard-shares";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { authorize, canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getDashboard } from "@/lib/dashboard/dashboard";
import { targetSetters } from "@/lib/dashboard/targets";
import { dashboardTables, type DataTable, type TableId } from "@/lib/dashboard/tables";
import { formatPercent } from "@/lib/i18n/format";
import { orNotFound } from "@/lib/pages/page-load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "dashboard.read")) notFound();
  const raw = await searchParams;
  // A unit outside the user's subtrees (or another tenant's) is a page that does not exist.
  const d = await orNotFound(getDashboard(user, { unit: first(raw.unit), year: first(raw.year), month: first(raw.month) }), { forbidden: true });
  const t = await getTranslations("dashboard");
  const lv = await getTranslations("dashboard.levels");
  const tables = new Map<TableId, DataTable>(dashboardTables(d).map((table) => [table.id, table]));
  const table = (id: TableId) => tables.get(id)!;
  const monthLabel = (m: number) => t("monthShort", { month: m });
  // Targets are tenant-wide: the targets page itself checks the grant on the tenant's root.
  const canManageTargets = canAnywhere(user, "settings.manage");
  const setters = d.targets.length === 0 && !canManageTargets ? await targetSetters(user) : [];
  const target = (indicator: string) => {
    const x = d.targets.find((row) => row.indicator === indicator);
    return x && x.unit === "percent" ? x.target / 100 : null;
  };
  const canReview = authorize(user, "score.review", d.unit);

  return (
    <>
      <PageHeader title={t("title")} description={t("intro", { unit: d.unit.name, month: d.period.month, year: d.period.year })}>
        <Trail d={d} />
      </PageHeader>

      <div className="flex flex-col gap-8">
        {d.notes.length > 0 ? (
          <Alert tone="warning" title={t("notesTitle")}>
            <ul className="list-disc pl-5">
              {d.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </Alert>
        ) : null}

        <div className="flex flex-col gap-4 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5 lg:flex-row lg:items-end lg:justify-between">
          <PeriodPicker d={d} />
          <div className="flex flex-wrap gap-3">
            <a href={exportHref(d, "all")} download className={buttonClass("secondary")} data-export="all">
              {t("exportAll")}
            </a>
            {canReview ? (
              <Link href={`/review?unit=${d.unit.id}`} className={buttonClass("ghost")}>
                {t("toReview")}
              </Link>
            ) : null}
          </div>
        </div>

        {d.period.inProgress ? <p className="text-base text-ink-700">{t("inProgress", { month: d.period.month, through: d.period.completeThrough })}</p> : null}

        <SummaryFigures d={d} />

        <TargetsPanel d={d} canManage={canManageTargets} setters={setters} />

        {/* Issue 16: the year's classification shares against their targets. */}
        <Suspense fallback={null}>
          <ClassificationSharesSection user={user} unitId={d.unit.id} year={d.period.year} />
        </Suspense>

        {d.children ? (
          <section aria-labelledby="dashboard-children" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="dashboard-children" className="text-xl font-semibold text-ink-900">
                {table("children").title}
              </h2>
              <a href={exportHref(d, "children")} download className={buttonClass("secondary")} data-export="children">
                {t("exportTable")}
              </a>
            </div>
            <p className="text-base text-ink-700">{t("childrenHint", { month: d.period.month })}</p>
            <DataTableView table={table("children")} caption={table("children").title} emptyText={t("noChildren")} />
          </section>
        ) : null}

        {d.meetings ? (
          <section aria-labelledby="dashboard-meetings" className="flex flex-col gap-3">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <h2 id="dashboard-meetings" className="text-xl font-semibold text-ink-900">
                {table("meetings").title}
              </h2>
              <a href={exportHref(d, "meetings")} download className={buttonClass("secondary")} data-export="meetings">
                {t("exportTable")}
              </a>
            </div>
            <DataTableView table={table("meetings")} caption={table("meetings").title} emptyText={t("noMeetings")} />
          </section>
        ) : null}

        <div className="grid gap-6 xl:grid-cols-2">
          <ChartSection
            d={d}
            table={table("regular")}
            chart={<BarChart percent bars={ratioBars(d, (r) => r.regular, monthLabel)} target={target("regularEveryMonth")} label={t("charts.regular")} />}
          />
          <ChartSection
            d={d}
            table={table("thematic")}
            note={t("charts.thematicNote")}
            chart={
              <BarChart
                percent
                tone="info"
                target={target("thematicQuota")}
                label={t("charts.thematic")}
                bars={d.quarters
                  .filter((q) => !q.ahead)
                  .map((q) => ({ label: t("quarterShort", { quarter: q.quarter }), value: q.met.rate, display: q.met.rate === null ? "—" : formatPercent(q.met.rate, { maximumFractionDigits: 0 }) }))}
              />
            }
          />
          <ChartSection
            d={d}
            table={table("attendance")}
            chart={<BarChart percent tone="success" bars={ratioBars(d, (r) => r.attendance, monthLabel)} target={target("attendanceRate")} label={t("charts.attendance")} />}
          />
          <ChartSection
            d={d}
            table={table("levels")}
            chart={
              <StackedBarChart
                label={t("charts.levels")}
                columns={d.trend.map((r) => ({ label: monthLabel(r.month), values: { ...r.levels } }))}
                segments={[
                  { key: "GOOD", label: lv("GOOD"), className: "fill-success-700" },
                  { key: "FAIR", label: lv("FAIR"), className: "fill-info-700" },
                  { key: "AVERAGE", label: lv("AVERAGE"), className: "fill-warning-600" },
                  { key: "POOR", label: lv("POOR"), className: "fill-danger-700" },
                  { key: "unscored", label: lv("unscored"), className: "fill-ink-300" },
                ]}
              />
            }
          />
          <ChartSection
            d={d}
            table={table("records")}
            chart={<BarChart percent bars={ratioBars(d, (r) => r.resolutionsOnTime, monthLabel)} target={target("resolutionsOnTime")} label={t("charts.records")} />}
          />
          <ChartSection
            d={d}
            table={table("coverage")}
            chart={<BarChart percent tone="info" bars={ratioBars(d, (r) => r.coverage, monthLabel)} label={t("charts.coverage")} />}
          />
        </div>

        <Suspense fallback={<p className="text-base text-ink-700">{t("overseers.loading")}</p>}>
          <OverseersPanel overseers={settled(dashboardOverseers(user, d.unit.id, d.period.year))} unitId={d.unit.id} year={d.period.year} />
        </Suspense>
      </div>
    </>
  );
}

/** A promise handed to a streamed panel: marked as handled now (the panel shows its failure), so a fast rejection is no unhandled one. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
