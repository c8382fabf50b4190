// Annual roll-up of a branch's meeting levels (Phú Thọ rule, SPEC §5.4 and E9) and the quarterly
// thematic quota (SPEC §2). Thresholds are parameters: they will become tenant settings.
import {
  MONTHLY_MEETING_KINDS,
  THEMATIC_MEETING_KINDS,
  monthOf,
  quarterOf,
  yearOf,
  type IsoDate,
  type MeetingKind,
} from "@/lib/meetings/rules/types";
import { PHU_THO_ROLLUP, type AnnualRollupSettings } from "@/lib/domain/annual-rollup";
import { LEVEL_LABELS, levelRank } from "./model";
import { LEVELS, type Level } from "@/lib/domain/levels";
import { scoringMessages } from "./messages";
import { fill } from "@/lib/i18n/fill";

const wording = scoringMessages.rollup;

export interface RatedMeeting {
  date: IsoDate;
  kind: MeetingKind;
  /** The effective level (reviewer's, else overseer's, else the self-score: SPEC §5.5). */
  level: Level;
}


export interface MonthRating {
  month: number;
  /** Levels of the month's regular/combined meetings; the missing-month level when there was none. */
  levels: Level[];
  missing: boolean;
}

export interface AnnualRollup {
  year: number;
  level: Level;
  months: MonthRating[];
  /** Counts over the monthly ratings (missing months included at their level). */
  counts: Record<Level, number>;
  missingMonths: number[];
  allMonthlyAtLeastGoodFloor: boolean;
  allAtLeastFairFloor: boolean;
  explanation: string;
}

const atLeast = (level: Level, floor: Level) => levelRank(level) >= levelRank(floor);

/**
 * The year's level (SPEC §5.4): Tốt when every monthly meeting is ≥ Khá and at least 7 are Tốt; Khá
 * when every meeting (monthly, thematic, extraordinary) is ≥ Trung bình; otherwise Trung bình. With
 * `goodNeedsFairCondition` (a tenant's stricter reading) a Tốt year must also meet the Khá condition.
 */
export function rollupYear(
  meetings: readonly RatedMeeting[],
  year: number,
  settings: AnnualRollupSettings = PHU_THO_ROLLUP,
): AnnualRollup {
  const inYear = meetings.filter((m) => yearOf(m.date) === year && monthOf(m.date) <= settings.throughMonth);
  const months: MonthRating[] = [];
  for (let month = 1; month <= settings.throughMonth; month++) {
    const levels = inYear
      .filter((m) => monthOf(m.date) === month && MONTHLY_MEETING_KINDS.includes(m.kind))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((m) => m.level);
    months.push(levels.length > 0 ? { month, levels, missing: false } : { month, levels: [settings.missingMonthLevel], missing: true });
  }
  const monthly = months.flatMap((m) => m.levels);
  const others = inYear.filter((m) => !MONTHLY_MEETING_KINDS.includes(m.kind)).map((m) => m.level);

  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const level of monthly) counts[level] += 1;

  const allMonthlyAtLeastGoodFloor = monthly.every((l) => atLeast(l, settings.goodFloor));
  const allAtLeastFairFloor = [...monthly, ...others].every((l) => atLeast(l, settings.fairFloor));
  const enoughGood = counts.GOOD >= settings.minGoodCount;

  const level: Level =
    allMonthlyAtLeastGoodFloor && enoughGood && (allAtLeastFairFloor || !settings.goodNeedsFairCondition)
      ? "GOOD"
      : allAtLeastFairFloor
        ? "FAIR"
        : settings.belowFairLevel;

  const missingMonths = months.filter((m) => m.missing).map((m) => m.month);
  const tally = LEVELS.filter((l) => counts[l] > 0)
    .map((l) => fill(wording.tally, { count: counts[l], level: LEVEL_LABELS[l] }))
    .join(", ");
  const reasons: string[] = [];
  if (missingMonths.length > 0) {
    reasons.push(fill(wording.missingMonths, { months: missingMonths.join(", "), level: LEVEL_LABELS[settings.missingMonthLevel] }));
  }
  if (level === "GOOD") {
    reasons.push(fill(wording.goodReason, { floor: LEVEL_LABELS[settings.goodFloor], count: settings.minGoodCount }));
  } else if (level === "FAIR") {
    reasons.push(
      allMonthlyAtLeastGoodFloor
        ? fill(wording.fairNotEnoughGood, { good: counts.GOOD, count: settings.minGoodCount })
        : fill(wording.fairBelowGoodFloor, { goodFloor: LEVEL_LABELS[settings.goodFloor], fairFloor: LEVEL_LABELS[settings.fairFloor] }),
    );
  } else {
    reasons.push(fill(wording.belowFairFloor, { floor: LEVEL_LABELS[settings.fairFloor] }));
  }
  return {
    year,
    level,
    months,
    counts,
    missingMonths,
    allMonthlyAtLeastGoodFloor,
    allAtLeastFairFloor,
    explanation: fill(wording.explanation, { year, tally, reasons: reasons.join("; "), level: LEVEL_LABELS[level] }),
  };
}

export interface QuarterQuota {
  quarter: number;
  count: number;
  met: boolean;
  /** The quarter is over at `asOf`: an unmet quota is now a shortfall, not a reminder. */
  ended: boolean;
}

export interface ThematicQuota {
  quarters: QuarterQuota[];
  allMet: boolean;
  /** Ended quarters without enough thematic meetings: what the AnnualPlan alert reports. */
  shortQuarters: number[];
}

const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"] as const;

/** At least `minPerQuarter` THEMATIC or COMBINED meetings in each quarter of `year` (SPEC §2). */
export function thematicQuota(
  meetings: readonly Pick<RatedMeeting, "date" | "kind">[],
  year: number,
  options: { minPerQuarter?: number; asOf?: IsoDate } = {},
): ThematicQuota {
  const min = options.minPerQuarter ?? 1;
  const quarters = [1, 2, 3, 4].map((quarter): QuarterQuota => {
    const count = meetings.filter(
      (m) => yearOf(m.date) === year && quarterOf(m.date) === quarter && THEMATIC_MEETING_KINDS.includes(m.kind),
    ).length;
    const end = `${year}-${QUARTER_END[quarter - 1]}`;
    return { quarter, count, met: count >= min, ended: options.asOf === undefined || options.asOf > end };
  });
  return {
    quarters,
    allMet: quarters.every((q) => q.met),
    shortQuarters: quarters.filter((q) => q.ended && !q.met).map((q) => q.quarter),
  };
}
