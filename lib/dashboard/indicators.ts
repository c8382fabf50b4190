// The dashboard's vocabulary: the monthly counts the aggregates keep (one column each in
// BranchMonthStats / UnitMonthStats, defined in migration 20261122020000_dashboard) and the
// indicators leaders read and set targets for (chỉ tiêu), each computed from those counts.

/** The counts of BranchMonthStats / UnitMonthStats, in table order. */
export const STAT_COLUMNS = [
  "meetings",
  "meetingsHeld",
  "regularBranches",
  "regularStreakBranches",
  "thematicHeld",
  "thematicBranches",
  "thematicStreakBranches",
  "present",
  "attendanceDenominator",
  "absentExcused",
  "absentUnexcused",
  "levelGood",
  "levelFair",
  "levelAverage",
  "levelPoor",
  "awaitingScore",
  "awaitingReview",
  "recordsDue",
  "resolutionsOnTime",
  "minutesOnTime",
  "visits",
  "visitedBranches",
  "visitedYearBranches",
] as const;
export type StatColumn = (typeof STAT_COLUMNS)[number];
export type MonthStats = Record<StatColumn, number>;

export function emptyStats(): MonthStats {
  return Object.fromEntries(STAT_COLUMNS.map((c) => [c, 0])) as MonthStats;
}

export function addStats(into: MonthStats, row: Partial<Record<StatColumn, number | null>>): MonthStats {
  for (const c of STAT_COLUMNS) into[c] += Number(row[c] ?? 0);
  return into;
}

/** Indicators a tenant may set a yearly target for (the database checks the same list). */
export const INDICATORS = [
  "regularEveryMonth",
  "thematicQuota",
  "attendanceRate",
  "unexcusedAbsences",
  "goodShare",
  "fairOrBetterShare",
  "overseerCoverage",
  "resolutionsOnTime",
  "minutesOnTime",
] as const;
export type Indicator = (typeof INDICATORS)[number];

/** Unexcused absences are a count where fewer is better; every other indicator is a percentage where more is better. */
export const INDICATOR_UNIT: Record<Indicator, "percent" | "count"> = {
  regularEveryMonth: "percent",
  thematicQuota: "percent",
  attendanceRate: "percent",
  unexcusedAbsences: "count",
  goodShare: "percent",
  fairOrBetterShare: "percent",
  overseerCoverage: "percent",
  resolutionsOnTime: "percent",
  minutesOnTime: "percent",
};

export function lowerIsBetter(indicator: Indicator): boolean {
  return indicator === "unexcusedAbsences";
}

/**
 * A counted share for display: `value` of `of`, with its floating `rate` (null when nothing could be
 * counted, 0 of 0). Not the exact fraction of the scoring rules (`Ratio` in lib/exact/ratio.ts).
 */
export interface CountShare {
  value: number;
  of: number;
  rate: number | null;
}

export function countShare(value: number, of: number): CountShare {
  return { value, of, rate: of > 0 ? value / of : null };
}

