// Tenant settings: every rule that provinces set differently, or that SPEC.md marks unconfirmed,
// is a setting with a documented default. A Setting row overrides the default from its
// effectiveFrom (inclusive) to its effectiveTo (inclusive), for the whole tenant or a subtree.
import { z } from "zod";
import { LEVELS } from "@/lib/domain/levels";
import { STREAK_NOT_DUE, type StreakNotDue } from "@/lib/domain/attendance-streak";
import { PHU_THO_ROLLUP } from "@/lib/domain/annual-rollup";

const minutes = z.number().int().min(0).max(24 * 60);
const hours = z.number().int().min(0).max(24 * 30);

export const SETTINGS = {
  /** SPEC §3.4: minimum duration of a REGULAR meeting (HD 42, as HD 12). */
  "meeting.minMinutesRegular": { schema: minutes, default: 90 },
  /** SPEC §3.4: minimum duration of a COMBINED meeting, and of a branch with at least largeBranchSize members. */
  "meeting.minMinutesLong": { schema: minutes, default: 120 },
  /** SPEC §4.1 item 4 and §5.3: D_att from which the long minimum applies (An Phú rule). */
  "meeting.largeBranchSize": { schema: z.number().int().min(1).max(1000), default: 30 },
  /**
   * SPEC §5.3 (issue 14): a minimum duration set by the superior committee for the branches of its
   * subtree (scope the row to that committee); when set it overrides both the regular and the long
   * minimum, for planning (the planned end) and for T1's required time. Null: none.
   */
  "meeting.committeeMinMinutes": { schema: minutes.min(15).nullable(), default: null as number | null },
  /** SPEC §3.1: documents must be posted at least this long before the meeting (P5). */
  "meeting.docsLeadHours": { schema: hours, default: 24 },
  /** SPEC §3.1: the final resolution is posted within this long after the meeting (K3). */
  "meeting.postMeetingPostHours": { schema: hours, default: 48 },
  /** SPEC §3.1: default notice lead time (no fixed rule; our modelling choice). */
  "meeting.noticeLeadDays": { schema: z.number().int().min(0).max(30), default: 3 },
  /** SPEC §4.2: quorum for monthly meetings is unconfirmed; null means none. */
  "meeting.quorumRatio": { schema: z.number().min(0).max(1).nullable(), default: null },
  /** SPEC §4.2: more than this many consecutive excused absences in a year violates HD 12. */
  "attendance.maxExcusedStreak": { schema: z.number().int().min(1).max(12), default: 3 },
  /**
   * SPEC §4.2 / §10.7 (unconfirmed; issue 14): how a SPECIAL_DUTY, EXEMPT or ELSEWHERE meeting treats
   * a run of excused absences. SKIP (default): the meeting was not the member's to attend (outside
   * D_att, SPEC §4.1), so it neither extends nor ends the run — and an ELSEWHERE month is carried by
   * the member's own marks at the host branch, which the counters read. COUNT reads it as excused
   * (excused, excused, special duty, excused, excused = 5); BREAK ends the run as PRESENT does (= 2).
   */
  "attendance.streakNotDue": { schema: z.enum(STREAK_NOT_DUE), default: "SKIP" as StreakNotDue, unconfirmed: true },
  /** SPEC §4.2: distinct months with an unexcused absence: warn at, flag at (Charter Art. 8.1). */
  "attendance.unexcusedMonthsWarn": { schema: z.number().int().min(1).max(12), default: 2 },
  "attendance.unexcusedMonthsFlag": { schema: z.number().int().min(1).max(12), default: 3 },
  /** Issue 12 (our modelling choice): attendance may be taken this many days before the meeting day (0: from the day itself). */
  "attendance.openDaysBefore": { schema: z.number().int().min(0).max(7), default: 0 },
  /** SPEC §4.2: HD 12 attendance threshold (rate must exceed it), in percent. */
  "attendance.minRatePercent": { schema: z.number().min(0).max(100), default: 85 },
  /** SPEC §5.5 (our modelling choice): a MANUAL mark below its maximum needs a written reason. */
  "scoring.deductionNeedsReason": { schema: z.boolean(), default: true },
  /**
   * SPEC §5.4 (Phú Thọ, our default): how a branch's year is rated from its meetings' levels. The
   * months rated (throughMonth) are not a rule: they follow the day the rating is read.
   */
  "scoring.annualRollup": {
    schema: z.strictObject({
      minGoodCount: z.number().int().min(0).max(12),
      goodFloor: z.enum(LEVELS),
      fairFloor: z.enum(LEVELS),
      belowFairLevel: z.enum(LEVELS),
      missingMonthLevel: z.enum(LEVELS),
      /** Issue 14: SPEC rates Tốt on the regular meetings only (false); true is the stricter reading. Rows saved before it exist, hence the default. */
      goodNeedsFairCondition: z.boolean().default(false),
    }),
    default: {
      minGoodCount: PHU_THO_ROLLUP.minGoodCount,
      goodFloor: PHU_THO_ROLLUP.goodFloor,
      fairFloor: PHU_THO_ROLLUP.fairFloor,
      belowFairLevel: PHU_THO_ROLLUP.belowFairLevel,
      missingMonthLevel: PHU_THO_ROLLUP.missingMonthLevel,
      goodNeedsFairCondition: PHU_THO_ROLLUP.goodNeedsFairCondition,
    },
  },
  /**
   * SPEC §5.3 T1 (issue 14): false (default) follows SPEC's order, the shortfall bands first and
   * "under half the required time → 1" only beyond 30 minutes short; true is the stricter reading
   * that checks the half first (required 45, held 20: 1 instead of 3).
   */
  "scoring.halfDurationFirst": { schema: z.boolean(), default: false },
  /** Issue 12: extraordinary meetings are not scored (no national frame covers them) unless this is true. */
  "scoring.scoreExtraordinary": { schema: z.boolean(), default: false },
  /** Issue 5 (reviewers' flags): an overseer who moves the self-score by more than this many points is flagged. */
  "scoring.anomalyAdjustPoints": { schema: z.number().min(0).max(100), default: 10 },
  /** Issue 5: flag a branch whose effective totals are identical across at least this many scored months. */
  "scoring.anomalyIdenticalMonths": { schema: z.number().int().min(2).max(12), default: 3 },
  /**
   * SPEC §7 / §10.11 (unconfirmed; HD 21-2019 set it): "xuất sắc" may not exceed `percent` % of those
   * rated "hoàn thành tốt" — counted with the excellent ones ("GOOD_OR_BETTER", the reading that
   * excellent subjects are chosen among the good) or without ("GOOD") — at the deciding level.
   */
  "classification.excellentCap": {
    schema: z.strictObject({ percent: z.number().min(0).max(100), base: z.enum(["GOOD_OR_BETTER", "GOOD"]) }),
    default: { percent: 20, base: "GOOD_OR_BETTER" as "GOOD_OR_BETTER" | "GOOD" },
  },
  /** SPEC §6 (Kon Tum QĐ 776, our default; the national frequency is unconfirmed): visits per year by committee level. */
  "oversight.quotaProvincial": { schema: z.number().int().min(0).max(100), default: 2 },
  "oversight.quotaDistrict": { schema: z.number().int().min(0).max(100), default: 6 },
  "oversight.quotaGrassroots": { schema: z.number().int().min(0).max(100), default: 6 },
  /** SPEC §6 (Kon Tum): a visit to the branch where the overseer lives does not count unless this is true. */
  "oversight.residenceVisitCounts": { schema: z.boolean(), default: false },
  /** Issue 6 (our modelling choice): a visit recorded more than this many days after the meeting needs a REVIEWER's approval. */
  "oversight.backdateDays": { schema: z.number().int().min(0).max(365), default: 7 },
  /** Issue 6 (our modelling choice): a branch without a visit for this many months is flagged. */
  "oversight.alertMonthsWithoutVisit": { schema: z.number().int().min(1).max(36), default: 3 },
  /** Locality printed in the place-and-date line of official documents ("Lâm Đồng, ngày …"); empty: none. */
  "documents.placeName": { schema: z.string().max(100), default: "" },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;

export function defaultSetting<K extends SettingKey>(key: K): SettingValue<K> {
  return SETTINGS[key].default as SettingValue<K>;
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}
