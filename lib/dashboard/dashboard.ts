// The leaders' dashboard over a subtree (LEADER, REVIEWER, TENANT_ADMIN: dashboard.read; every role
// sees the same numbers): this month and the year to date, trends by month, the same table one
// level down (tenant → committee → branch), a branch's meetings, and progress against the yearly
// targets. Everything is read from the monthly aggregates (UnitMonthStats, kept by triggers in the
// same transaction as the facts), so the root of a province costs a dozen rows, a drill-down a
// dozen per child. Only the number of branches active each month is counted from OrgUnit (one
// index range over the subtree's paths).
import type { Principal } from "@/lib/auth/permissions";
import { withTenantReplica, type Tx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Level, MeetingKind, MeetingState, OrgUnitKind } from "@/lib/generated/prisma/enums";
import { documentTiming } from "@/lib/meetings/documents";
import { effectiveResult } from "@/lib/scoring/annual";
import { settingsFor } from "@/lib/settings/resolve";
import { addStats, emptyStats, INDICATORS, INDICATOR_UNIT, lowerIsBetter, countShare, type Indicator, type MonthStats, type CountShare } from "./indicators";
import { monthDate, resolvePeriod, type Period, type PeriodInput } from "./period";
import { pathRange, resolveScope, type ResolvedScope } from "./scope";
import { isoDay, vietnamDayOf, vietnamMonthStart } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";

export interface DashboardQuery extends PeriodInput {
  unit?: string | null;
}

export interface LevelCounts {
  GOOD: number;
  FAIR: number;
  AVERAGE: number;
  POOR: number;
  /** Held meetings without an effective result yet. */
  unscored: number;
}

export interface PeriodFigures {
  /** Branches active at some time in the period (the denominator of "of all branches"). */
  branches: number;
  meetingsHeld: number;
  /** Branches that held their regular (or combined) meeting; for the year: every month so far. */
  regular: CountShare | null;
  attendance: CountShare;
  absentExcused: number;
  absentUnexcused: number;
  levels: LevelCounts;
  /** GOOD among the scored meetings; GOOD or FAIR among them. */
  goodShare: CountShare;
  fairOrBetterShare: CountShare;
  /** Branches with at least one superior-committee visit; visits counted. */
  coverage: CountShare;
  visits: number;
  resolutionsOnTime: CountShare;
  minutesOnTime: CountShare;
  awaitingReview: number;
}

export interface QuarterFigures {
  quarter: number;
  /** Branches with a thematic (or combined) meeting held in the quarter, of those active in it. */
  met: CountShare;
  /** Every month of the quarter is over (by the end of the chosen month). */
  ended: boolean;
  /** The quarter has not started by the chosen month. */
  ahead: boolean;
}

export interface TrendRow {
  month: number;
  branches: number;
  meetingsHeld: number;
  regular: CountShare;
  thematicHeld: number;
  attendance: CountShare;
  absentUnexcused: number;
  levels: LevelCounts;
  coverage: CountShare;
  visits: number;
  resolutionsOnTime: CountShare;
  minutesOnTime: CountShare;
}

export interface ChildRow {
  id: string;
  name: string;
  kind: OrgUnitKind;
  isBranch: boolean;
  /** Branches active in the chosen month; members on the roll now. */
  branches: number;
  members: number;
  month: PeriodFigures;
  ytd: PeriodFigures;
  /** The quarter of the chosen month. */
  quarter: CountShare;
}

export interface MeetingRow {
  id: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  /** Day in Vietnam (actual start, else planned), yyyy-mm-dd. */
  day: string;
  month: number;
  held: boolean;
  present: number;
  attendanceDenominator: number;
  absentUnexcused: number;
  effective: { level: Level; total: number | null; source: "final" | "overseer" | "self" } | null;
  /** A review meeting, or an extraordinary one the tenant does not score (scoring.scoreExtraordinary): never "unscored". */
  notScored: boolean;
  awaitingReview: boolean;
  /** null: not held (or no end time), so nothing is due yet. */
  resolutionOnTime: boolean | null;
  minutesOnTime: boolean | null;
  visits: number;
}

export interface TargetProgress {
  indicator: Indicator;
  unit: "percent" | "count";
  /** Percent (95 for 95 %) or a count. */
  target: number;
  /** Year to date, same unit; null while nothing could be counted. */
  actual: number | null;
  status: "met" | "behind" | "noData";
}

export interface Dashboard {
  period: Period;
  /** Filters that were ignored and why (Vietnamese). */
  notes: string[];
  unit: ResolvedScope["unit"];
  trail: ResolvedScope["trail"];
  roots: ResolvedScope["roots"];
  members: { members: number; officials: number };
  month: PeriodFigures;
  ytd: PeriodFigures;
  /** Branches that met the quarterly quota in every ended quarter so far; null before the first quarter ends. */
  thematicEveryQuarter: CountShare | null;
  quarters: QuarterFigures[];
  trend: TrendRow[];
  /** One level down (null when the unit is a branch). */
  children: ChildRow[] | null;
  /** The branch's meetings of the year through the chosen month (only when the unit is a branch). */
  meetings: MeetingRow[] | null;
  targets: TargetProgress[];
}

// ─── Branch activity ────────────────────────────────────────────────────────────────────────────

/** Branches with the same active months: [from, to] as month numbers of the year (1–12). */
interface ActiveGroup {
  child: string;
  from: number;
  to: number;
  count: number;
}

class Activity {
  constructor(private readonly groups: readonly ActiveGroup[]) {}

  /** Branches (under `child`, or anywhere when null) active at some time in months a..b. */
  activeIn(a: number, b: number, child: string | null = null): number {
    let n = 0;
    for (const g of this.groups) if ((child === null || g.child === child) && g.from <= b && g.to >= a) n += g.count;
    return n;
  }
}

/**
 * The branches of the subtree active during `year`, grouped by the child of the unit they sit
 * under ("" for the unit itself when it is a branch) and by their first and last active month.
 */
async function loadActivity(tx: Tx, tenantId: string, unitPath: string, year: number): Promise<Activity> {
  const { lower, upper } = pathRange(unitPath);
  const start = monthDate(year, 1);
  const end = new Date(Date.UTC(year, 11, 31));
  const rows = await tx.$queryRaw<{ child: string; from: number; to: number; count: number }[]>`
    SELECT split_part(substr(u."path", ${unitPath.length + 1}), '/', 1) AS "child",
           CASE WHEN u."activeFrom" < ${start}::date THEN 1 ELSE extract(month FROM u."activeFrom")::int END AS "from",
           CASE WHEN u."activeTo" IS NULL OR u."activeTo" > ${end}::date THEN 12 ELSE extract(month FROM u."activeTo")::int END AS "to",
           count(*)::int AS "count"
    FROM "OrgUnit" u
    WHERE u."tenantId" = ${tenantId}::uuid AND u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}
      AND u."kind" IN ('GRASSROOTS_BRANCH', 'BRANCH')
      AND u."activeFrom" <= ${end}::date AND (u."activeTo" IS NULL OR u."activeTo" >= ${start}::date)
    GROUP BY 1, 2, 3`;
  return new Activity(rows);
}

// ─── Figures from monthly rows ──────────────────────────────────────────────────────────────────

type Months = MonthStats[]; // index 1..12 (0 unused)

function sumMonths(months: Months, a: number, b: number): MonthStats {
  const total = emptyStats();
  for (let m = Math.max(1, a); m <= Math.min(12, b); m++) addStats(total, months[m]!);
  return total;
}

function levelsOf(s: MonthStats): LevelCounts {
  return { GOOD: s.levelGood, FAIR: s.levelFair, AVERAGE: s.levelAverage, POOR: s.levelPoor, unscored: s.awaitingScore };
}

function figures(s: MonthStats, branches: number, regular: CountShare | null, coveredBranches: number): PeriodFigures {
  const scored = s.levelGood + s.levelFair + s.levelAverage + s.levelPoor;
  return {
    branches,
    meetingsHeld: s.meetingsHeld,
    regular,
    attendance: countShare(s.present, s.attendanceDenominator),
    absentExcused: s.absentExcused,
    absentUnexcused: s.absentUnexcused,
    levels: levelsOf(s),
    goodShare: countShare(s.levelGood, scored),
    fairOrBetterShare: countShare(s.levelGood + s.levelFair, scored),
    coverage: countShare(coveredBranches, branches),
    visits: s.visits,
    resolutionsOnTime: countShare(s.resolutionsOnTime, s.recordsDue),
    minutesOnTime: countShare(s.minutesOnTime, s.recordsDue),
    awaitingReview: s.awaitingReview,
  };
}

/** This month's and the year-to-date figures of one unit (or child) from its monthly rows. */
function periodFigures(months: Months, period: Period, activity: Activity, child: string | null): { month: PeriodFigures; ytd: PeriodFigures } {
  const m = period.month;
  const monthBranches = activity.activeIn(m, m, child);
  const month = figures(months[m]!, monthBranches, countShare(months[m]!.regularBranches, monthBranches), months[m]!.visitedBranches);
  const ytdStats = sumMonths(months, 1, m);
  const t = period.completeThrough;
  // Every month so far: the streak flag of the last month that is over, of the branches active then.
  const regularYtd = t >= 1 ? countShare(months[t]!.regularStreakBranches, activity.activeIn(t, t, child)) : null;
  const ytd = figures(ytdStats, activity.activeIn(1, m, child), regularYtd, ytdStats.visitedYearBranches);
  return { month, ytd };
}

function quarterFigures(months: Months, period: Period, activity: Activity, child: string | null): QuarterFigures[] {
  return [1, 2, 3, 4].map((q) => {
    const first = q * 3 - 2;
    const last = Math.min(q * 3, period.month);
    const ahead = first > period.month;
    const met = ahead ? 0 : sumMonths(months, first, last).thematicBranches;
    return { quarter: q, met: countShare(met, ahead ? 0 : activity.activeIn(first, last, child)), ended: q <= period.quartersEnded, ahead };
  });
}

function thematicEveryQuarter(months: Months, period: Period, activity: Activity, child: string | null): CountShare | null {
  const q = period.quartersEnded;
  if (q < 1) return null;
  return countShare(sumMonths(months, q * 3 - 2, q * 3).thematicStreakBranches, activity.activeIn(q * 3 - 2, q * 3, child));
}

function trendRows(months: Months, period: Period, activity: Activity): TrendRow[] {
  const rows: TrendRow[] = [];
  for (let m = 1; m <= period.month; m++) {
    const s = months[m]!;
    const branches = activity.activeIn(m, m);
    rows.push({
      month: m,
      branches,
      meetingsHeld: s.meetingsHeld,
      regular: countShare(s.regularBranches, branches),
      thematicHeld: s.thematicHeld,
      attendance: countShare(s.present, s.attendanceDenominator),
      absentUnexcused: s.absentUnexcused,
      levels: levelsOf(s),
      coverage: countShare(s.visitedBranches, branches),
      visits: s.visits,
      resolutionsOnTime: countShare(s.resolutionsOnTime, s.recordsDue),
      minutesOnTime: countShare(s.minutesOnTime, s.recordsDue),
    });
  }
  return rows;
}

async function loadMonths(tx: Tx, tenantId: string, unitIds: readonly string[], year: number): Promise<Map<string, Months>> {
  const rows = await tx.unitMonthStats.findMany({
    where: { tenantId, unitId: { in: [...unitIds] }, month: { gte: monthDate(year, 1), lt: monthDate(year + 1, 1) } },
  });
  const out = new Map<string, Months>();
  for (const id of unitIds) out.set(id, Array.from({ length: 13 }, () => emptyStats()));
  for (const row of rows) {
    const months = out.get(row.unitId)!;
    addStats(months[row.month.getUTCMonth() + 1]!, row);
  }
  return out;
}

// ─── Targets ────────────────────────────────────────────────────────────────────────────────────

/** The year-to-date value of an indicator, in the unit targets are set in (percent or count). */
export function indicatorValue(indicator: Indicator, ytd: PeriodFigures, thematic: CountShare | null): number | null {
  const pct = (r: CountShare | null) => (r && r.rate !== null ? Math.round(r.rate * 1000) / 10 : null);
  switch (indicator) {
    case "regularEveryMonth":
      return pct(ytd.regular);
    case "thematicQuota":
      return pct(thematic);
    case "attendanceRate":
      return pct(ytd.attendance);
    case "unexcusedAbsences":
      return ytd.absentUnexcused;
    case "goodShare":
      return pct(ytd.goodShare);
    case "fairOrBetterShare":
      return pct(ytd.fairOrBetterShare);
    case "overseerCoverage":
      return pct(ytd.coverage);
    case "resolutionsOnTime":
      return pct(ytd.resolutionsOnTime);
    case "minutesOnTime":
      return pct(ytd.minutesOnTime);
  }
}

function targetProgress(rows: { indicator: string; target: Prisma.Decimal }[], ytd: PeriodFigures, thematic: CountShare | null): TargetProgress[] {
  const byIndicator = new Map(rows.map((r) => [r.indicator, r.target.toNumber()]));
  return INDICATORS.filter((i) => byIndicator.has(i)).map((indicator) => {
    const target = byIndicator.get(indicator)!;
    const actual = indicatorValue(indicator, ytd, thematic);
    const status = actual === null ? "noData" : (lowerIsBetter(indicator) ? actual <= target : actual >= target) ? "met" : "behind";
    return { indicator, unit: INDICATOR_UNIT[indicator], target, actual, status };
  });
}

// ─── A branch's meetings ────────────────────────────────────────────────────────────────────────

const MINUTE = 60_000;

/** Filed within `hours` after the end, delay counted in whole minutes up (as documentTiming does). */
export function filedWithin(filed: Date | null, ended: Date | null, hours: number): boolean {
  if (!filed || !ended) return false;
  return Math.ceil((filed.getTime() - ended.getTime()) / MINUTE) <= hours * 60;
}


async function branchMeetings(tx: Tx, tenantId: string, branch: { id: string; path: string }, period: Period): Promise<MeetingRow[]> {
  // Vietnam's 1 January starts at 17:00 UTC the day before; meetings are read with a day of margin
  // on each side and then placed by their own day.
  const from = vietnamMonthStart(period.year, 1);
  const to = vietnamMonthStart(period.year, period.month + 1);
  const range = { gte: from, lt: to };
  const meetings = await tx.meeting.findMany({
    where: { tenantId, branchId: branch.id, OR: [{ plannedStart: range }, { actualStart: range }] },
    select: {
      id: true,
      title: true,
      kind: true,
      state: true,
      plannedStart: true,
      actualStart: true,
      actualEnd: true,
      scorecard: { select: { selfLevel: true, selfTotalTenths: true, overseerLevel: true, overseerTotalTenths: true, finalLevel: true, finalTotalTenths: true } },
      resolution: { select: { postedAt: true } },
      minutes: { select: { adoptedAt: true } },
      documents: { where: { kind: { in: ["FINAL_RESOLUTION", "MINUTES"] } }, select: { kind: true, postedAt: true } },
    },
    orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
  });
  const ids = meetings.map((m) => m.id);
  const marks = ids.length
    ? await tx.attendance.groupBy({ by: ["meetingId", "status"], where: { tenantId, meetingId: { in: ids } }, _count: { _all: true } })
    : [];
  const visits = ids.length ? await visitCounts(tx, tenantId, ids) : new Map<string, number>();
  const hoursByDay = new Map<string, number>();
  const rows: MeetingRow[] = [];
  for (const m of meetings) {
    const start = m.actualStart ?? m.plannedStart;
    const day = isoDay(vietnamDayOf(start));
    const year = Number(day.slice(0, 4));
    const month = Number(day.slice(5, 7));
    if (year !== period.year || month > period.month) continue;
    const held = HELD_STATES.includes(m.state);
    const count = (status: string) => (held ? (marks.find((x) => x.meetingId === m.id && x.status === status)?._count._all ?? 0) : 0);
    const present = count("PRESENT");
    const excused = count("ABSENT_EXCUSED");
    const unexcused = count("ABSENT_UNEXCUSED");
    let resolutionOnTime: boolean | null = null;
    let minutesOnTime: boolean | null = null;
    const notScored =
      m.kind === "REVIEW" ||
      (m.kind === "EXTRAORDINARY" && !(await settingsFor(tx, tenantId, branch.path, new Date(`${day}T00:00:00.000Z`)))["scoring.scoreExtraordinary"]);
    if (held && m.actualEnd) {
      if (!hoursByDay.has(day)) {
        const settings = await settingsFor(tx, tenantId, branch.path, new Date(`${day}T00:00:00.000Z`));
        hoursByDay.set(day, settings["meeting.postMeetingPostHours"]);
      }
      const hours = hoursByDay.get(day)!;
      const timing = documentTiming({
        documents: m.documents,
        plannedStart: m.plannedStart,
        actualStart: m.actualStart,
        actualEnd: m.actualEnd,
        resolutionPostedAt: m.resolution?.postedAt ?? null,
      });
      resolutionOnTime = timing.finalDocumentsDelayMinutes !== null && timing.finalDocumentsDelayMinutes <= hours * 60;
      const minutesFiled = [m.minutes?.adoptedAt ?? null, ...m.documents.filter((d) => d.kind === "MINUTES").map((d) => d.postedAt)]
        .filter((d): d is Date => d !== null)
        .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      minutesOnTime = filedWithin(minutesFiled, m.actualEnd, hours);
    }
    rows.push({
      id: m.id,
      title: m.title,
      kind: m.kind,
      state: m.state,
      day,
      month,
      held,
      present,
      attendanceDenominator: present + excused + unexcused,
      absentUnexcused: unexcused,
      effective: held ? effectiveResult(m.state, m.scorecard) : null,
      notScored,
      awaitingReview: m.state === "SELF_SCORED" || m.state === "CONFIRMED",
      resolutionOnTime,
      minutesOnTime,
      visits: held ? (visits.get(m.id) ?? 0) : 0,
    });
  }
  return rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Visits that cover a branch (attended, not waiting for or refused approval), per meeting. */
async function visitCounts(tx: Tx, tenantId: string, meetingIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await tx.overseerVisit.groupBy({
    by: ["meetingId"],
    where: { tenantId, meetingId: { in: [...meetingIds] }, status: "ATTENDED", approval: { in: ["NOT_NEEDED", "APPROVED"] } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.meetingId, r._count._all]));
}

// ─── The dashboard ──────────────────────────────────────────────────────────────────────────────

/** The dashboard of `query.unit` (default: the user's first subtree) for a month. 404 outside the grant. */
export async function getDashboard(user: Principal, query: DashboardQuery = {}, options: { now?: Date } = {}): Promise<Dashboard> {
  const { period, notes } = resolvePeriod(query, options.now);
  return withTenantReplica(user.tenantId, async (tx) => {
    const scope = await resolveScope(tx, user, "dashboard.read", query.unit);
    const unit = scope.unit;
    const children = unit.isBranch
      ? []
      : await tx.orgUnit.findMany({
          where: {
            tenantId: user.tenantId,
            parentId: unit.id,
            kind: { not: "PARTY_GROUP" },
            activeFrom: { lte: new Date(Date.UTC(period.year, 11, 31)) },
            OR: [{ activeTo: null }, { activeTo: { gte: period.yearStart } }],
          },
          select: { id: true, name: true, kind: true },
        });
    const ids = [unit.id, ...children.map((c) => c.id)];
    // One connection in a transaction: the statements run in turn anyway.
    const months = await loadMonths(tx, user.tenantId, ids, period.year);
    const activity = await loadActivity(tx, user.tenantId, unit.path, period.year);
    const memberRows = await tx.unitMemberStats.findMany({ where: { tenantId: user.tenantId, unitId: { in: ids } }, select: { unitId: true, members: true, officials: true } });
    const targetRows = await tx.dashboardTarget.findMany({ where: { tenantId: user.tenantId, year: period.year }, select: { indicator: true, target: true } });
    const members = new Map(memberRows.map((r) => [r.unitId, r]));
    const own = months.get(unit.id)!;
    const { month, ytd } = periodFigures(own, period, activity, null);
    const thematic = thematicEveryQuarter(own, period, activity, null);
    const collator = new Intl.Collator("vi", { numeric: true });

    const childRows: ChildRow[] | null = unit.isBranch
      ? null
      : children
          .map((c) => {
            const cm = months.get(c.id)!;
            const figs = periodFigures(cm, period, activity, c.id);
            const isBranch = c.kind === "GRASSROOTS_BRANCH" || c.kind === "BRANCH";
            return {
              id: c.id,
              name: c.name,
              kind: c.kind,
              isBranch,
              branches: figs.month.branches,
              members: members.get(c.id)?.members ?? 0,
              month: figs.month,
              ytd: figs.ytd,
              quarter: quarterFigures(cm, period, activity, c.id)[period.quarter - 1]!.met,
            };
          })
          .sort((a, b) => collator.compare(a.name, b.name));

    return {
      period,
      notes,
      unit,
      trail: scope.trail,
      roots: scope.roots,
      members: { members: members.get(unit.id)?.members ?? 0, officials: members.get(unit.id)?.officials ?? 0 },
      month,
      ytd,
      thematicEveryQuarter: thematic,
      quarters: quarterFigures(own, period, activity, null),
      trend: trendRows(own, period, activity),
      children: childRows,
      meetings: unit.isBranch ? await branchMeetings(tx, user.tenantId, unit, period) : null,
      targets: targetProgress(targetRows, ytd, thematic),
    };
  });
}
