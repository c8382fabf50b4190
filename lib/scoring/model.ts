// The rubric (khung tiêu chí) as data: types and zod schemas, so a rubric can be exported to JSON,
// edited by a tenant and imported again. Points are written as decimals in the data (4.5) and turned
// into integer tenths only inside the validator and the engine (see exact.ts).
import { z } from "zod";
import { LEVELS, type Level } from "@/lib/domain/levels";
import { MEETING_KINDS, isIsoDate } from "@/lib/meetings/rules/types";

export { LEVELS, type Level };

export const LEVEL_LABELS: Record<Level, string> = {
  GOOD: "Tốt",
  FAIR: "Khá",
  AVERAGE: "Trung bình",
  POOR: "Kém",
};

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

export interface IntervalData {
  /** null = unbounded (−∞). */
  min: number | null;
  /** null = unbounded (+∞). */
  max: number | null;
  /** Default true: bands include their lower edge (SPEC §5.3). */
  minInclusive?: boolean | undefined;
  /** Default false. */
  maxInclusive?: boolean | undefined;
}

export interface MeasureInfo {
  label: string;
  unit: "%" | "phút" | "giờ" | "";
  domain: IntervalData;
  /** The fact may be absent (documents never posted, no task due). */
  nullable: boolean;
}

export const MEASURE_INFO: Record<MeasureId, MeasureInfo> = {
  durationShortfallMinutes: {
    label: "số phút thiếu so với thời lượng yêu cầu",
    unit: "phút",
    domain: { min: null, max: null },
    nullable: false,
  },
  durationPercentOfRequired: {
    label: "thời lượng so với thời lượng yêu cầu",
    unit: "%",
    domain: { min: 0, max: null },
    nullable: false,
  },
  actualMinutes: { label: "thời lượng thực tế", unit: "phút", domain: { min: 0, max: null }, nullable: false },
  attendancePercent: {
    label: "tỷ lệ đảng viên dự",
    unit: "%",
    domain: { min: 0, max: 100, maxInclusive: true },
    nullable: false,
  },
  unexcusedAbsences: { label: "số đảng viên vắng không lý do", unit: "", domain: { min: 0, max: null }, nullable: false },
  longestExcusedStreak: {
    label: "chuỗi vắng có lý do liên tiếp dài nhất",
    unit: "",
    domain: { min: 0, max: null },
    nullable: false,
  },
  speakersPercent: {
    label: "tỷ lệ đảng viên có mặt tham gia phát biểu",
    unit: "%",
    domain: { min: 0, max: 100, maxInclusive: true },
    nullable: false,
  },
  ideologyMinutes: { label: "thời gian sinh hoạt tư tưởng", unit: "phút", domain: { min: 0, max: null }, nullable: false },
  documentsLeadHours: {
    label: "thời gian đăng tài liệu trước cuộc họp",
    unit: "giờ",
    domain: { min: null, max: null },
    nullable: true,
  },
  finalDocumentsDelayHours: {
    label: "thời gian đăng văn bản cuối cùng sau cuộc họp",
    unit: "giờ",
    domain: { min: 0, max: null },
    nullable: true,
  },
  targetsMetPercent: {
    label: "tỷ lệ chỉ tiêu nghị quyết kỳ trước hoàn thành",
    unit: "%",
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

const code = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "Mã chỉ gồm chữ cái không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ cái.");
const isoDate = z.string().refine(isIsoDate, "Ngày phải có dạng YYYY-MM-DD.");
const decimal = z.number().finite();

const intervalShape = {
  min: decimal.nullable(),
  max: decimal.nullable(),
  minInclusive: z.boolean().optional(),
  maxInclusive: z.boolean().optional(),
};

export const intervalSchema = z.strictObject(intervalShape);

/** One band: points for a measured value in [min, max) unless the edge flags say otherwise. */
export const bandSchema = z.strictObject({ ...intervalShape, points: decimal });
export type Band = z.infer<typeof bandSchema>;

/**
 * Checked before the bands: a value of another measure that caps the criterion (e.g. A1: any
 * unexcused absence → 1). With `within`, the cap applies only while the rule's own measure lies in
 * that interval (T1: "under half the required time → 1" only once the shortfall exceeds 30 min,
 * SPEC §5.3's order).
 */
export const bandOverrideSchema = z.strictObject({ measure: z.enum(MEASURES), ...intervalShape, points: decimal, within: intervalSchema.optional() });
export type BandOverride = z.infer<typeof bandOverrideSchema>;

export const bandsRuleSchema = z.strictObject({
  id: z.literal("bands"),
  measure: z.enum(MEASURES),
  /** The range the bands must cover, without gaps or overlaps; must contain the measure's domain. */
  range: intervalSchema,
  bands: z.array(bandSchema).min(1),
  /** Points when the measure has no value (documents never posted → 0; no task due → R1 default 30). */
  whenMissing: decimal.optional(),
  overrides: z.array(bandOverrideSchema).optional(),
  /**
   * The edge between the rule's two bands is a tenant setting in force on the meeting day, carried
   * in the facts' `readings` (one source per threshold: the preparation page, the dashboard and the
   * score read the same value). Without a reading the edge written in the bands applies.
   */
  edgeFrom: z.enum(["docsLeadHours", "postMeetingPostHours", "maxExcusedStreak"]).optional(),
});
export type BandsRule = z.infer<typeof bandsRuleSchema>;

export const flagsRuleSchema = z.strictObject({
  id: z.literal("flags"),
  /** Full points when every fact holds, else 0. */
  facts: z.array(z.enum(FLAG_FACTS)).min(1),
  /** When this fact is false the requirement does not apply and full points are given (P3: no chi ủy). */
  notRequiredWhenFalse: z.enum(FLAG_FACTS).optional(),
});
export type FlagsRule = z.infer<typeof flagsRuleSchema>;

export const ruleSchema = z.discriminatedUnion("id", [bandsRuleSchema, flagsRuleSchema]);
export type Rule = z.infer<typeof ruleSchema>;

export const criterionSchema = z.strictObject({
  code,
  name: z.string().min(1),
  maxPoints: decimal,
  /** Marks are multiples of the step (0.5 in every built-in rubric). */
  step: decimal,
  mode: z.enum(CRITERION_MODES),
  guidance: z.string().optional(),
  rule: ruleSchema.optional(),
  /** Only scored when the meeting has (or has not) a thematic part, e.g. C3. */
  appliesWhen: z.strictObject({ hasThematicPart: z.boolean() }).optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const groupSchema = z.strictObject({
  code,
  name: z.string().min(1),
  points: decimal,
  criteria: z.array(criterionSchema).min(1),
});
export type CriterionGroup = z.infer<typeof groupSchema>;

/**
 * What changes with or without a thematic part (SPEC §10.2 `thematicMode`). The default HD 42 mode
 * raises C2 to 15 when C3 does not apply; a "95 cap" mode would instead lower C's group points and
 * the total. Keys are criterion / group codes.
 */
export const thematicVariantSchema = z.strictObject({
  hasThematicPart: z.boolean(),
  /**
   * Issue 14: the variant of a pure THEMATIC meeting (a thematic part and no regular part), chosen
   * before the plain "with a thematic part" one; it needs hasThematicPart true.
   */
  pureThematic: z.boolean().optional(),
  /** Criteria that do not apply in this situation (a pure thematic meeting has no regular content, C2). */
  notApplicable: z.array(z.string()).optional(),
  description: z.string().optional(),
  maxPoints: z.record(z.string(), decimal).optional(),
  groupPoints: z.record(z.string(), decimal).optional(),
  totalPoints: decimal.optional(),
});
export type ThematicVariant = z.infer<typeof thematicVariantSchema>;

export const conditionSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("fullPoints"),
    code: z.string().min(1),
    /** Criterion or group codes that must all reach their maximum. */
    criteria: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    kind: z.literal("hardCheck"),
    code: z.string().min(1),
    check: z.enum(HARD_CHECKS),
    /** e.g. { ratePercent: 85 } for H1, { maxConsecutive: 3 } for H3, { minMinutes: 90 } for H4. */
    params: z.record(z.string(), decimal).optional(),
  }),
]);
export type LevelCondition = z.infer<typeof conditionSchema>;

export const levelRuleSchema = z.strictObject({
  level: z.enum(LEVELS),
  /** The total must be at least this (unrounded, SPEC §5.2). */
  minTotal: decimal,
  conditions: z.array(conditionSchema).optional(),
  /** Where a total above the threshold lands when a condition fails (Bình Thuận: Tốt → Khá). */
  fallbackLevel: z.enum(LEVELS).optional(),
});
export type LevelRule = z.infer<typeof levelRuleSchema>;

export const rubricSchema = z.strictObject({
  code,
  version: z.number().int().positive(),
  name: z.string().min(1),
  description: z.string().optional(),
  issuer: z.string().min(1),
  legalBasis: z.string().min(1),
  scope: z.enum(RUBRIC_SCOPES),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
  meetingKinds: z.array(z.enum(MEETING_KINDS)).min(1),
  totalPoints: decimal,
  groups: z.array(groupSchema).min(1),
  thematicVariants: z.array(thematicVariantSchema).optional(),
  levelRules: z.array(levelRuleSchema).min(1),
});
export type Rubric = z.infer<typeof rubricSchema>;

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

const ZOD_REASON: Record<string, string> = {
  invalid_type: "sai kiểu dữ liệu hoặc bị thiếu",
  too_small: "nhỏ hơn mức cho phép",
  too_big: "lớn hơn mức cho phép",
  invalid_value: "giá trị không được phép",
  invalid_union: "không khớp dạng nào được phép",
  invalid_format: "sai định dạng",
  unrecognized_keys: "có trường không được phép",
  not_multiple_of: "không đúng bước",
};

/** zod issues as Vietnamese messages; our own refinements already carry Vietnamese text. */
export function issuesFromZod(error: z.ZodError, what: string): ScoringIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const reason = issue.code === "custom" ? issue.message.replace(/\.$/, "") : (ZOD_REASON[issue.code] ?? "không hợp lệ");
    const extra = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
    const where = path ? ` tại "${path}"` : "";
    return { path, message: `${what}${where}: ${reason}${extra}.` };
  });
}
