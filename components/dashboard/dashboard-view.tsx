// The leaders' dashboard, drawn on the server from one Dashboard (lib/dashboard/dashboard.ts): the
// period picker, the figures of the month and the year to date, targets, one section per chart
// (chart, its table, its XLSX), and the table one level down or the branch's meetings.
import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Dashboard, PeriodFigures } from "@/lib/dashboard/dashboard";
import type { CountShare } from "@/lib/dashboard/indicators";
import type { DataTable, TableId } from "@/lib/dashboard/tables";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { BarChart, ProgressBar, StackedBarChart, type Bar } from "./charts";
import { DataTableView } from "./data-table";

const fieldClass = "min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900";
const pct = (r: CountShare | null | undefined) => (r && r.rate !== null ? formatPercent(r.rate) : "—");

export function exportHref(d: Dashboard, table: TableId | "all"): string {
  const params = new URLSearchParams({ unit: d.unit.id, year: String(d.period.year), month: String(d.period.month), table });
  return `/api/v1/dashboard/export?${params}`;
}

export async function PeriodPicker({ d }: { d: Dashboard }) {
  const t = await getTranslations("dashboard.period");
  const currentYear = d.period.today.getUTCFullYear();
  const years = Array.from({ length: 6 }, (_, i) => currentYear - i);
  return (
    <Form action="/dashboard" aria-label={t("legend")} className="flex flex-col gap-4 sm:flex-row sm:items-end">
      <input type="hidden" name="unit" value={d.unit.id} />
      <div className="flex flex-col gap-1.5 sm:w-40">
        <label htmlFor="dashboard-month" className="text-base font-semibold text-ink-900">
          {t("month")}
        </label>
        <select id="dashboard-month" name="month" defaultValue={String(d.period.month)} className={fieldClass}>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option key={m} value={m}>
              {t("monthOption", { month: m })}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1.5 sm:w-40">
        <label htmlFor="dashboard-year" className="text-base font-semibold text-ink-900">
          {t("year")}
        </label>
        <select id="dashboard-year" name="year" defaultValue={String(d.period.year)} className={fieldClass}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("primary")}>
        {t("apply")}
      </button>
    </Form>
  );
}

export async function Trail({ d }: { d: Dashboard }) {
  const t = await getTranslations("dashboard");
  const query = `year=${d.period.year}&month=${d.period.month}`;
  return (
    <nav aria-label={t("trail")} className="text-base">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {d.trail.map((step, i) => (
          <li key={step.id} className="flex items-center gap-2">
            {i > 0 ? <span aria-hidden="true" className="text-ink-500">›</span> : null}
            {i === d.trail.length - 1 ? (
              <span aria-current="page" className="font-semibold text-ink-900">
                {step.name}
              </span>
            ) : (
              <Link href={`/dashboard?unit=${step.id}&${query}`} className="text-brand-800 underline underline-offset-2">
                {step.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {d.roots.length > 1 ? (
        <p className="mt-2 flex flex-wrap gap-2 text-sm text-ink-700">
          <span>{t("otherRoots")}</span>
          {d.roots
            .filter((r) => r.id !== d.trail[0]?.id)
            .map((r) => (
              <Link key={r.id} href={`/dashboard?unit=${r.id}&${query}`} className="text-brand-800 underline underline-offset-2">
                {r.name}
              </Link>
            ))}
        </p>
      ) : null}
    </nav>
  );
}

function Figure({ title, value, detail, ytd, ytdDetail }: { title: string; value: string; detail?: ReactNode; ytd: ReactNode; ytdDetail?: ReactNode }) {
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
      <h3 className="text-base font-semibold text-ink-800">{title}</h3>
      <p className="text-3xl font-bold tabular-nums text-ink-950">{value}</p>
      {detail ? <p className="text-sm text-ink-700">{detail}</p> : null}
      <div className="mt-auto border-t border-ink-100 pt-2 text-sm text-ink-800">
        <p>{ytd}</p>
        {ytdDetail ? <p className="text-ink-600">{ytdDetail}</p> : null}
      </div>
    </div>
  );
}

function levelsLine(f: PeriodFigures, labels: Record<"GOOD" | "FAIR" | "AVERAGE" | "POOR", string>): string {
  return (["GOOD", "FAIR", "AVERAGE", "POOR"] as const).map((l) => `${labels[l]} ${formatNumber(f.levels[l])}`).join(" · ");
}

export async function SummaryFigures({ d }: { d: Dashboard }) {
  const t = await getTranslations("dashboard.cards");
  const lv = await getTranslations("dashboard.levels");
  const labels = { GOOD: lv("GOOD"), FAIR: lv("FAIR"), AVERAGE: lv("AVERAGE"), POOR: lv("POOR") };
  const { month, ytd, period } = d;
  const quarter = d.quarters[period.quarter - 1]!;
  const ofBranches = (r: CountShare | null) => (r ? t("ofBranches", { value: formatNumber(r.value), of: formatNumber(r.of) }) : t("none"));
  return (
    <section aria-labelledby="dashboard-figures" className="flex flex-col gap-3">
      <h2 id="dashboard-figures" className="text-xl font-semibold text-ink-900">
        {t("title", { month: period.month, year: period.year })}
      </h2>
      <p className="text-base text-ink-700">
        {t("scope", { branches: formatNumber(month.branches), members: formatNumber(d.members.members), held: formatNumber(month.meetingsHeld) })}
      </p>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Figure
          title={t("regular")}
          value={pct(month.regular)}
          detail={ofBranches(month.regular)}
          ytd={period.completeThrough >= 1 ? t("regularYtd", { through: period.completeThrough, value: pct(ytd.regular) }) : t("regularYtdNone")}
          ytdDetail={period.completeThrough >= 1 ? ofBranches(ytd.regular) : undefined}
        />
        <Figure
          title={t("thematic", { quarter: quarter.quarter })}
          value={pct(quarter.met)}
          detail={`${ofBranches(quarter.met)}${quarter.ended ? "" : ` · ${t("quarterRunning")}`}`}
          ytd={d.thematicEveryQuarter ? t("thematicYtd", { quarters: period.quartersEnded, value: pct(d.thematicEveryQuarter) }) : t("thematicYtdNone")}
          ytdDetail={d.thematicEveryQuarter ? ofBranches(d.thematicEveryQuarter) : undefined}
        />
        <Figure
          title={t("attendance")}
          value={pct(month.attendance)}
          detail={t("attendanceDetail", { present: formatNumber(month.attendance.value), of: formatNumber(month.attendance.of) })}
          ytd={t("ytd", { value: pct(ytd.attendance) })}
          ytdDetail={t("attendanceDetail", { present: formatNumber(ytd.attendance.value), of: formatNumber(ytd.attendance.of) })}
        />
        <Figure
          title={t("unexcused")}
          value={formatNumber(month.absentUnexcused)}
          detail={t("excused", { count: formatNumber(month.absentExcused) })}
          ytd={t("ytd", { value: formatNumber(ytd.absentUnexcused) })}
          ytdDetail={t("excused", { count: formatNumber(ytd.absentExcused) })}
        />
        <Figure
          title={t("levels")}
          value={pct(month.goodShare)}
          detail={`${t("goodShare")} · ${levelsLine(month, labels)}`}
          ytd={t("ytd", { value: pct(ytd.goodShare) })}
          ytdDetail={`${levelsLine(ytd, labels)} · ${t("unscored", { count: formatNumber(ytd.levels.unscored) })}`}
        />
        <Figure
          title={t("coverage")}
          value={pct(month.coverage)}
          detail={`${ofBranches(month.coverage)} · ${t("visits", { count: formatNumber(month.visits) })}`}
          ytd={t("ytd", { value: pct(ytd.coverage) })}
          ytdDetail={`${ofBranches(ytd.coverage)} · ${t("visits", { count: formatNumber(ytd.visits) })}`}
        />
        <Figure
          title={t("records")}
          value={pct(month.resolutionsOnTime)}
          detail={t("recordsDetail", { resolutions: formatNumber(month.resolutionsOnTime.value), minutes: formatNumber(month.minutesOnTime.value), of: formatNumber(month.resolutionsOnTime.of) })}
          ytd={t("ytd", { value: pct(ytd.resolutionsOnTime) })}
          ytdDetail={t("recordsDetail", { resolutions: formatNumber(ytd.resolutionsOnTime.value), minutes: formatNumber(ytd.minutesOnTime.value), of: formatNumber(ytd.resolutionsOnTime.of) })}
        />
        <Figure
          title={t("awaiting")}
          value={formatNumber(month.awaitingReview)}
          detail={t("awaitingDetail")}
          ytd={t("ytd", { value: formatNumber(ytd.awaitingReview) })}
        />
      </div>
    </section>
  );
}

export async function TargetsPanel({ d, canManage, setters = [] }: { d: Dashboard; canManage: boolean; setters?: string[] }) {
  const t = await getTranslations("dashboard.targetsPanel");
  const names = await getTranslations("dashboard.indicators");
  const status = await getTranslations("dashboard.targetStatus");
  // Everyone who reads the dashboard may open the targets; only administrators change them there.
  const manage = (
    <Link href={`/dashboard/targets?year=${d.period.year}`} className={buttonClass("secondary")}>
      {canManage ? t("manage") : t("view")}
    </Link>
  );
  const number = (v: number, unit: "percent" | "count") => (unit === "percent" ? formatPercent(v / 100, { maximumFractionDigits: 2 }) : formatNumber(v));
  return (
    <Card title={t("title", { year: d.period.year })} actions={manage}>
      {d.targets.length === 0 ? (
        <p className="text-base text-ink-700">{canManage ? t("emptyAdmin") : t("empty", { names: setters.length ? setters.join(", ") : "none" })}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {d.targets.map((x) => {
            const reached = x.actual === null ? 0 : x.unit === "count" ? (x.actual <= x.target ? 1 : x.target / Math.max(1, x.actual)) : x.target > 0 ? x.actual / x.target : 1;
            return (
              <li key={x.indicator} className="flex flex-col gap-1.5">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold text-ink-900">{names(x.indicator)}</span>
                  <Badge tone={x.status === "met" ? "success" : x.status === "behind" ? "brand" : "muted"}>{status(x.status)}</Badge>
                </div>
                <ProgressBar share={reached} tone={x.status === "met" ? "success" : x.status === "behind" ? "warning" : "muted"} label={names(x.indicator)} />
                <p className="text-sm text-ink-700">
                  {t(x.unit === "count" ? "lineCount" : "line", {
                    actual: x.actual === null ? "—" : number(x.actual, x.unit),
                    target: number(x.target, x.unit),
                  })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** One chart with its table and its XLSX. */
export async function ChartSection({ d, table, chart, note }: { d: Dashboard; table: DataTable; chart: ReactNode; note?: string }) {
  const t = await getTranslations("dashboard");
  return (
    <section aria-labelledby={`chart-${table.id}`} className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={`chart-${table.id}`} className="text-xl font-semibold text-ink-900">
          {table.title}
        </h2>
        <a href={exportHref(d, table.id)} download className={buttonClass("secondary")} data-export={table.id}>
          {t("exportTable")}
        </a>
      </div>
      {note ? <p className="text-sm text-ink-700">{note}</p> : null}
      <figure className="flex flex-col gap-3">
        {chart}
        <figcaption className="sr-only">{t("chartCaption", { title: table.title })}</figcaption>
      </figure>
      <details className="group" open={table.rows.length <= 4}>
        <summary className="min-h-11 cursor-pointer py-2 text-base font-semibold text-brand-800">{t("showTable")}</summary>
        <DataTableView table={table} caption={table.title} emptyText={t("noRows")} />
      </details>
    </section>
  );
}

export function ratioBars(d: Dashboard, pick: (row: Dashboard["trend"][number]) => CountShare, monthLabel: (m: number) => string): Bar[] {
  return d.trend.map((row) => {
    const r = pick(row);
    return { label: monthLabel(row.month), value: r.rate, display: r.rate === null ? "—" : formatPercent(r.rate, { maximumFractionDigits: 0 }) };
  });
}

export { BarChart, StackedBarChart };
