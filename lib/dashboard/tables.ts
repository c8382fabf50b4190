// The dashboard's tables, built once from a Dashboard and used twice: the page shows each chart
// with its table, and the XLSX export writes the very same rows, so the file and the screen never
// disagree. Headings come from the catalog (dashboard.tables).
import { z } from "zod";
import type { Dashboard, PeriodFigures, TrendRow } from "./dashboard";
import type { CountShare } from "./indicators";
import messages from "@/lib/i18n/messages";
import { dashboardMessages } from "./messages";
import { fill } from "@/lib/i18n/fill";

const text = dashboardMessages.tables;
const levelText = dashboardMessages.levels;

export const TABLE_IDS = ["summary", "regular", "thematic", "attendance", "levels", "records", "coverage", "children", "meetings", "targets"] as const;
export type TableId = (typeof TABLE_IDS)[number];
export const tableIdSchema = z.enum([...TABLE_IDS, "all"]);

export type CellKind = "text" | "int" | "percent" | "date";
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  kind: CellKind;
}

export interface DataTable {
  id: TableId;
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
  /** Per row, where its first cell leads (drill-down, the meeting page); same order as rows. */
  links?: (string | null)[];
}

const pct = (r: CountShare | null): number | null => r?.rate ?? null;
const monthLabel = (m: number, year: number) => fill(text.monthLabel, { month: m, year });

function trendTable(id: TableId, title: string, d: Dashboard, columns: Column[], row: (r: TrendRow) => Record<string, Cell>): DataTable {
  return {
    id,
    title,
    columns: [{ key: "month", label: text.month, kind: "text" }, ...columns],
    rows: d.trend.map((r) => ({ month: monthLabel(r.month, d.period.year), ...row(r) })),
  };
}

function summaryRows(d: Dashboard): Record<string, Cell>[] {
  const ind = text.indicators;
  const line = (label: string, month: Cell, ytd: Cell, kind: "percent" | "int") => ({ indicator: label, month, ytd, kind });
  const both = (f: (p: PeriodFigures) => CountShare | null) => [pct(f(d.month)), pct(f(d.ytd))] as const;
  const rows = [
    line(ind.branches, d.month.branches, d.ytd.branches, "int"),
    line(ind.members, d.members.members, d.members.members, "int"),
    line(ind.meetingsHeld, d.month.meetingsHeld, d.ytd.meetingsHeld, "int"),
    line(ind.regular, ...both((p) => p.regular), "percent"),
    line(ind.thematicQuarter, pct(d.quarters[d.period.quarter - 1]?.met ?? null), pct(d.thematicEveryQuarter), "percent"),
    line(ind.attendance, ...both((p) => p.attendance), "percent"),
    line(ind.unexcused, d.month.absentUnexcused, d.ytd.absentUnexcused, "int"),
    line(ind.goodShare, ...both((p) => p.goodShare), "percent"),
    line(ind.fairOrBetterShare, ...both((p) => p.fairOrBetterShare), "percent"),
    line(ind.coverage, ...both((p) => p.coverage), "percent"),
    line(ind.resolutionsOnTime, ...both((p) => p.resolutionsOnTime), "percent"),
    line(ind.minutesOnTime, ...both((p) => p.minutesOnTime), "percent"),
    line(ind.awaitingReview, d.month.awaitingReview, d.ytd.awaitingReview, "int"),
  ];
  return rows;
}

/** Every table of a dashboard (children or meetings depending on the unit). */
export function dashboardTables(d: Dashboard): DataTable[] {
  const tables: DataTable[] = [];
  tables.push({
    id: "summary",
    title: text.summary,
    // The value columns hold percentages or counts per row ("kind" says which).
    columns: [
      { key: "indicator", label: text.indicator, kind: "text" },
      { key: "month", label: fill(text.thisMonth, { month: d.period.month, year: d.period.year }), kind: "percent" },
      { key: "ytd", label: fill(text.yearToDate, { month: d.period.month, year: d.period.year }), kind: "percent" },
    ],
    rows: summaryRows(d),
  });
  tables.push(
    trendTable("regular", text.regularTitle, d, [
      { key: "branches", label: text.branches, kind: "int" },
      { key: "regular", label: text.regularBranches, kind: "int" },
      { key: "regularRate", label: text.rate, kind: "percent" },
      { key: "thematicHeld", label: text.thematicHeld, kind: "int" },
      { key: "meetingsHeld", label: text.meetingsHeld, kind: "int" },
    ], (r) => ({ branches: r.branches, regular: r.regular.value, regularRate: pct(r.regular), thematicHeld: r.thematicHeld, meetingsHeld: r.meetingsHeld })),
  );
  tables.push({
    id: "thematic",
    title: text.thematicTitle,
    columns: [
      { key: "quarter", label: text.quarter, kind: "text" },
      { key: "met", label: text.thematicMet, kind: "int" },
      { key: "of", label: text.branches, kind: "int" },
      { key: "rate", label: text.rate, kind: "percent" },
      { key: "status", label: text.status, kind: "text" },
    ],
    rows: d.quarters
      .filter((q) => !q.ahead)
      .map((q) => ({
        quarter: fill(text.quarterLabel, { quarter: q.quarter, year: d.period.year }),
        met: q.met.value,
        of: q.met.of,
        rate: pct(q.met),
        status: q.ended ? text.quarterEnded : text.quarterRunning,
      })),
  });
  tables.push(
    trendTable("attendance", text.attendanceTitle, d, [
      { key: "present", label: text.present, kind: "int" },
      { key: "denominator", label: text.denominator, kind: "int" },
      { key: "rate", label: text.attendanceRate, kind: "percent" },
      { key: "unexcused", label: text.unexcused, kind: "int" },
    ], (r) => ({ present: r.attendance.value, denominator: r.attendance.of, rate: pct(r.attendance), unexcused: r.absentUnexcused })),
  );
  tables.push(
    trendTable("levels", text.levelsTitle, d, [
      { key: "GOOD", label: levelText.GOOD, kind: "int" },
      { key: "FAIR", label: levelText.FAIR, kind: "int" },
      { key: "AVERAGE", label: levelText.AVERAGE, kind: "int" },
      { key: "POOR", label: levelText.POOR, kind: "int" },
      { key: "unscored", label: levelText.unscored, kind: "int" },
    ], (r) => ({ ...r.levels })),
  );
  tables.push(
    trendTable("records", text.recordsTitle, d, [
      { key: "due", label: text.recordsDue, kind: "int" },
      { key: "resolutions", label: text.resolutionsOnTime, kind: "int" },
      { key: "resolutionsRate", label: text.rate, kind: "percent" },
      { key: "minutes", label: text.minutesOnTime, kind: "int" },
      { key: "minutesRate", label: text.rate, kind: "percent" },
    ], (r) => ({
      due: r.resolutionsOnTime.of,
      resolutions: r.resolutionsOnTime.value,
      resolutionsRate: pct(r.resolutionsOnTime),
      minutes: r.minutesOnTime.value,
      minutesRate: pct(r.minutesOnTime),
    })),
  );
  tables.push(
    trendTable("coverage", text.coverageTitle, d, [
      { key: "branches", label: text.branches, kind: "int" },
      { key: "visited", label: text.visitedBranches, kind: "int" },
      { key: "rate", label: text.rate, kind: "percent" },
      { key: "visits", label: text.visits, kind: "int" },
    ], (r) => ({ branches: r.branches, visited: r.coverage.value, rate: pct(r.coverage), visits: r.visits })),
  );
  if (d.children) {
    tables.push({
      id: "children",
      title: fill(text.childrenTitle, { unit: d.unit.name }),
      columns: [
        { key: "name", label: text.unit, kind: "text" },
        { key: "branches", label: text.branches, kind: "int" },
        { key: "members", label: text.members, kind: "int" },
        { key: "regularMonth", label: text.regularMonth, kind: "percent" },
        { key: "regularYtd", label: text.regularYtd, kind: "percent" },
        { key: "thematic", label: text.thematicQuarterShort, kind: "percent" },
        { key: "attendance", label: text.attendanceRate, kind: "percent" },
        { key: "unexcused", label: text.unexcused, kind: "int" },
        { key: "good", label: text.goodShare, kind: "percent" },
        { key: "coverage", label: text.coverage, kind: "percent" },
        { key: "resolutions", label: text.resolutionsRate, kind: "percent" },
        { key: "awaitingReview", label: text.awaitingReview, kind: "int" },
      ],
      rows: d.children.map((c) => ({
        name: c.name,
        branches: c.branches,
        members: c.members,
        regularMonth: pct(c.month.regular),
        regularYtd: pct(c.ytd.regular),
        thematic: pct(c.quarter),
        attendance: pct(c.ytd.attendance),
        unexcused: c.ytd.absentUnexcused,
        good: pct(c.ytd.goodShare),
        coverage: pct(c.ytd.coverage),
        resolutions: pct(c.ytd.resolutionsOnTime),
        awaitingReview: c.ytd.awaitingReview,
      })),
      links: d.children.map((c) => `/dashboard?unit=${c.id}&year=${d.period.year}&month=${d.period.month}`),
    });
  }
  if (d.meetings) {
    const yesNo = (v: boolean | null) => (v === null ? null : v ? text.yes : text.no);
    tables.push({
      id: "meetings",
      title: fill(text.meetingsTitle, { unit: d.unit.name, year: d.period.year }),
      columns: [
        { key: "title", label: text.meeting, kind: "text" },
        { key: "day", label: text.day, kind: "date" },
        { key: "kind", label: text.kind, kind: "text" },
        { key: "state", label: text.state, kind: "text" },
        { key: "attendance", label: text.attendanceRate, kind: "percent" },
        { key: "unexcused", label: text.unexcused, kind: "int" },
        { key: "total", label: text.score, kind: "text" },
        { key: "level", label: text.level, kind: "text" },
        { key: "resolution", label: text.resolutionFiled, kind: "text" },
        { key: "minutes", label: text.minutesFiled, kind: "text" },
        { key: "visits", label: text.visits, kind: "int" },
      ],
      rows: d.meetings.map((r) => ({
        title: r.title,
        day: r.day,
        kind: messages.meetings.kind[r.kind],
        state: messages.meetings.state[r.state],
        attendance: r.held && r.attendanceDenominator > 0 ? r.present / r.attendanceDenominator : null,
        unexcused: r.held ? r.absentUnexcused : null,
        total: r.effective?.total != null ? r.effective.total.toLocaleString("vi-VN", { maximumFractionDigits: 1 }) : null,
        level: r.effective ? levelText[r.effective.level] : r.held ? (r.notScored ? levelText.notScored : levelText.unscored) : null,
        resolution: yesNo(r.resolutionOnTime),
        minutes: yesNo(r.minutesOnTime),
        visits: r.held ? r.visits : null,
      })),
      links: d.meetings.map((r) => `/meetings/${r.id}`),
    });
  }
  tables.push({
    id: "targets",
    title: fill(text.targetsTitle, { year: d.period.year }),
    columns: [
      { key: "indicator", label: text.indicator, kind: "text" },
      { key: "target", label: text.target, kind: "text" },
      { key: "actual", label: text.actual, kind: "text" },
      { key: "status", label: text.status, kind: "text" },
    ],
    rows: d.targets.map((x) => {
      const unit = x.unit === "percent" ? "%" : "";
      const num = (v: number) => `${v.toLocaleString("vi-VN", { maximumFractionDigits: 2 })}${unit}`;
      return {
        indicator: dashboardMessages.indicators[x.indicator],
        target: num(x.target),
        actual: x.actual === null ? null : num(x.actual),
        status: dashboardMessages.targetStatus[x.status],
      };
    }),
  });
  return tables;
}
