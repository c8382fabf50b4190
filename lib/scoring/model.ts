// The rubric (khung tiêu chí) as data: plain types and constants, so a rubric can be exported to JSON,
// edited by a tenant and imported again. Points are written as decimals in the data (4.5) and turned
// into integer tenths only inside the validator and the engine (see exact.ts). No zod here: the score
// editor runs the engine in the browser; the zod schemas that check a rubric on the server live in
// schemas.ts, which asserts at compile time that they infer exactly these types.
import { LEVELS, type Level } from "@/lib/domain/levels";
import type { MeetingKind } from "@/lib/meetings/rules/types";
import words from "@/lib/i18n/messages/vi/scoring-rules.json";

export const LEVEL_LABELS: Record<Level, string> = words.levels;

/** 3 for GOOD … 0 for POOR. */
export function levelRank(level: Level): number {
  return LEVELS.length - 1 - LEVELS.indexOf(level);
}

export const RUBRIC_SCOPES = ["NATIONAL", "TENANT", "SUBTREE"] as const;
export type RubricScope = (typeof RUBRIC_SCOPES)[number];

export const CRITERION_MODES = ["AUTO", "MANUAL"] as const;
export type CriterionMode = (typeof CRITERION_MODES)[number];

/**
 * Quantities an AUTO band rule can measure from the meeting facts. Each has a natural domain that the
 * rule's bands must cover, and a unit used in messages. Ratios are percentages (0–100).
 */
export const MEASURES = [
  "durationShortfallMinutes",
  "durationPercentOfRequired",
  "actualMinutes",
  "attendancePercent",
  "unexcusedAbsences",
  "longestExcusedStreak",
  "speakersPercent",
  "ideologyMinutes",
  "documentsLeadHours",
  "finalDocumentsDelayHours",
  "targetsMetPercent",
] as const;
export type MeasureId = (typeof MEASURES)[number];

export type IntervalData = {
  /** null = unbounded (−∞). */
  min: number | null;
  /** null = unbounded (+∞). */
  max: number | null;
  /** Default true: bands include their lower edge (SPEC §5.3). */
  minInclusive?: boolean | undefined;
  /** Default false. */
  maxInclusive?: boolean | undefined;
};

export interface MeasureInfo {
  label: string;
  /** Key of the unit's word in scoringRules.units; "" for a plain count. */
  unit: "percent" | "minutes" | "hours" | "";
  domain: IntervalData;
  /** The fact may be absent (documents never posted, no task due). */
  nullable: boolean;
}

export const MEASURE_INFO: Record<MeasureId, MeasureInfo> = {
  durationShortfallMinutes: {
    label: words.measures.durationShortfallMinutes,
    unit: "minutes",
    domain: { min: null, max: null },
    nullable: false,
  },
  durationPercentOfRequired: {
    label: words.measures.durationPercentOfRequired,
    unit: "percent",
    domain: { min: 0, max: null },
    nullable: false,
  },
  actualMinutes: { label: words.measures.actualMinutes, unit: "minutes", domain: { min: 0, max: null }, nullable: false },
  attendancePercent: {
    label: words.measures.attendancePercent,
    unit: "percent",
    domain: { min: 0, max: 100, maxInclusive: true },
    nullable: false,
  },
  unexcusedAbsences: { label: words.measures.unexcusedAbsences, unit: "", domain: { min: 0, max: null }, nullable: false },
  longestExcusedStreak: {
    label: words.measures.longestExcusedStreak,
    unit: "",
    domain: { min: 0, max: null },
    nullable: false,
  },
  speakersPercent: {
    label: words.measures.speakersPercent,
    unit: "percent",
    domain: { min: 0, max: 100, maxInclusive: true },
    nullable: false,
  },
  ideologyMinutes: { label: words.measures.ideologyMinutes, unit: "minutes", domain: { min: 0, max: null }, nullable: false },
  documentsLeadHours: {
    label: words.measures.documentsLeadHours,
    unit: "hours",
    domain: { min: null, max: null },
    nullable: true,
  },
  finalDocumentsDelayHours: {
    label: words.measures.finalDocumentsDelayHours,
    unit: "hours",
    domain: { min: 0, max: null },
    nullable: true,
  },
  targetsMetPercent: {
    label: words.measures.targetsMetPercent,
    unit: "percent",
    domain: { min: 0, max: 100, maxInclusive: true },
    nullable: true,
  },
};

/** Yes/no facts an AUTO flag rule can require. */
export const FLAG_FACTS = [
  "preparedBySecretaryOrDeputy",
  "hasCommittee",
  "preMeetingHeld",
  "preMeetingMinuted",
  "noticeToAllMembers",
  "noticeToOverseer",
  "documentsPosted",
  "draftResolutionExists",
  "minutesComplete",
  "finalDocumentsPosted",
] as const;
export type FlagFact = (typeof FLAG_FACTS)[number];

/** HD 12 hard checks (SPEC §5.1). */
export const HARD_CHECKS = ["H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8"] as const;
export type HardCheckId = (typeof HARD_CHECKS)[number];

/** One band: points for a measured value in [min, max) unless the edge flags say otherwise. */
export type Band = {
  /** The edges as in IntervalData. */
  min: number | null;
  max: number | null;
  minInclusive?: boolean | undefined;
  maxInclusive?: boolean | undefined;
  points: number;
};

/**
 * Checked before the bands: a value of another measure that caps the criterion (e.g. A1: any
 * unexcused absence → 1). With `within`, the cap applies only while the rule's own measure lies in
 * that interval (T1: "under half the required time → 1" only once the shortfall exceeds 30 min,
 * SPEC §5.3's order).
 */
export type BandOverride = {
  measure: MeasureId;
  /** The edges as in IntervalData. */
  min: number | null;
  max: number | null;
  minInclusive?: boolean | undefined;
  maxInclusive?: boolean | undefined;
  points: number;
  within?: IntervalData | undefined;
};

export type BandsRule = {
  id: "bands";
  measure: MeasureId;
  /** The range the bands must cover, without gaps or overlaps; must contain the measure's domain. */
  range: IntervalData;
  bands: Band[];
  /** Points when the measure has no value (documents never posted → 0; no task due → R1 default 30). */
  whenMissing?: number | undefined;
  overrides?: BandOverride[] | undefined;
  /**
   * The edge between the rule's two bands is a tenant setting in force on the meeting day, carried
   * in the facts' `readings` (one source per threshold: the preparation page, the dashboard and the
   * score read the same value). Without a reading the edge written in the bands applies.
   */
  edgeFrom?: "docsLeadHours" | "postMeetingPostHours" | "maxExcusedStreak" | undefined;
};

export type FlagsRule = {
  id: "flags";
  /** Full points when every fact holds, else 0. */
  facts: FlagFact[];
  /** When this fact is false the requirement does not apply and full points are given (P3: no chi ủy). */
  notRequiredWhenFalse?: FlagFact | undefined;
};

export type Rule = BandsRule | FlagsRule;

export type Criterion = {
  code: string;
  name: string;
  maxPoints: number;
  /** Marks are multiples of the step (0.5 in every built-in rubric). */
  step: number;
  mode: CriterionMode;
  guidance?: string | undefined;
  rule?: Rule | undefined;
  /** Only scored when the meeting has (or has not) a thematic part, e.g. C3. */
  appliesWhen?: { hasThematicPart: boolean } | undefined;
};

export type CriterionGroup = {
  code: string;
  name: string;
  points: number;
  criteria: Criterion[];
};

/**
 * What changes with or without a thematic part (SPEC §10.2 `thematicMode`). The default HD 42 mode
 * raises C2 to 15 when C3 does not apply; a "95 cap" mode would instead lower C's group points and
 * the total. Keys are criterion / group codes.
 */
export type ThematicVariant = {
  hasThematicPart: boolean;
  /**
   * Issue 14: the variant of a pure THEMATIC meeting (a thematic part and no regular part), chosen
   * before the plain "with a thematic part" one; it needs hasThematicPart true.
   */
  pureThematic?: boolean | undefined;
  /** Criteria that do not apply in this situation (a pure thematic meeting has no regular content, C2). */
  notApplicable?: string[] | undefined;
  description?: string | undefined;
  maxPoints?: Record<string, number> | undefined;
  groupPoints?: Record<string, number> | undefined;
  totalPoints?: number | undefined;
};

export type LevelCondition =
  | {
      kind: "fullPoints";
      code: string;
      /** Criterion or group codes that must all reach their maximum. */
      criteria: string[];
    }
  | {
      kind: "hardCheck";
      code: string;
      check: HardCheckId;
      /** e.g. { ratePercent: 85 } for H1, { maxConsecutive: 3 } for H3, { minMinutes: 90 } for H4. */
      params?: Record<string, number> | undefined;
    };

export type LevelRule = {
  level: Level;
  /** The total must be at least this (unrounded, SPEC §5.2). */
  minTotal: number;
  conditions?: LevelCondition[] | undefined;
  /** Where a total above the threshold lands when a condition fails (Bình Thuận: Tốt → Khá). */
  fallbackLevel?: Level | undefined;
};

export type Rubric = {
  code: string;
  version: number;
  name: string;
  description?: string | undefined;
  issuer: string;
  legalBasis: string;
  scope: RubricScope;
  /** "YYYY-MM-DD". */
  effectiveFrom: string;
  effectiveTo?: string | null | undefined;
  meetingKinds: MeetingKind[];
  totalPoints: number;
  groups: CriterionGroup[];
  thematicVariants?: ThematicVariant[] | undefined;
  levelRules: LevelRule[];
};

/** A problem found in a rubric, the facts or the marks; the message is for a person (Vietnamese). */
export interface ScoringIssue {
  /** Criterion code or data path the issue is about. */
  path?: string;
  message: string;
  /**
   * What callers may act on without reading the words: "unmarked" — a criterion scored by hand has
   * no mark yet (a draft may be saved so); "remarkMissing" — a judged criterion has points but no
   * remark. Absent for every other issue.
   */
  kind?: "unmarked" | "remarkMissing";
}
