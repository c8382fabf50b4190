// The zod schemas that check a rubric and a meeting's facts on the server (import, API, stored rows,
// scoring), with Vietnamese messages. The types they describe are written out in model.ts and
// facts.ts without zod, so the score editor can run the engine in the browser without loading zod;
// the assertions at the end keep the two in step (tsc fails if a schema and its type disagree).
import { z } from "zod";
import { MEETING_KINDS, isIsoDate } from "@/lib/meetings/rules/types";
import type { MeetingFacts } from "./facts";
import {
  CRITERION_MODES,
  FLAG_FACTS,
  HARD_CHECKS,
  MEASURES,
  RUBRIC_SCOPES,
  type Band,
  type BandOverride,
  type BandsRule,
  type Criterion,
  type CriterionGroup,
  type FlagsRule,
  type IntervalData,
  type LevelCondition,
  type LevelRule,
  type Rubric,
  type Rule,
  type ScoringIssue,
  type ThematicVariant,
} from "./model";
import { LEVELS } from "@/lib/domain/levels";
import { fill } from "@/lib/i18n/fill";
// The words alone, not the whole catalog: lib/classification/model re-exports issuesFromZod to the browser.
import words from "@/lib/i18n/messages/vi/scoring-rules.json";

const wording = words.schemas;

/** The field types of every rule set (rubrics here, classification frames in lib/classification/model). */
export const code = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, wording.codeFormat);
export const isoDate = z.string().refine(isIsoDate, wording.dateFormat);
export const decimal = z.number().finite();

/** What names a rule set and where it comes from: the first fields of a rubric and of a frame. */
export const ruleSetIdentityShape = {
  code,
  version: z.number().int().positive(),
  name: z.string().min(1),
  description: z.string().optional(),
  issuer: z.string().min(1),
  legalBasis: z.string().min(1),
};

const intervalShape = {
  min: decimal.nullable(),
  max: decimal.nullable(),
  minInclusive: z.boolean().optional(),
  maxInclusive: z.boolean().optional(),
};

export const intervalSchema = z.strictObject(intervalShape);

/** One band: points for a measured value in [min, max) unless the edge flags say otherwise. */
export const bandSchema = z.strictObject({ ...intervalShape, points: decimal });

/**
 * Checked before the bands: a value of another measure that caps the criterion (e.g. A1: any
 * unexcused absence → 1). With `within`, the cap applies only while the rule's own measure lies in
 * that interval (T1: "under half the required time → 1" only once the shortfall exceeds 30 min,
 * SPEC §5.3's order).
 */
export const bandOverrideSchema = z.strictObject({ measure: z.enum(MEASURES), ...intervalShape, points: decimal, within: intervalSchema.optional() });

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

export const flagsRuleSchema = z.strictObject({
  id: z.literal("flags"),
  /** Full points when every fact holds, else 0. */
  facts: z.array(z.enum(FLAG_FACTS)).min(1),
  /** When this fact is false the requirement does not apply and full points are given (P3: no chi ủy). */
  notRequiredWhenFalse: z.enum(FLAG_FACTS).optional(),
});

export const ruleSchema = z.discriminatedUnion("id", [bandsRuleSchema, flagsRuleSchema]);

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

export const groupSchema = z.strictObject({
  code,
  name: z.string().min(1),
  points: decimal,
  criteria: z.array(criterionSchema).min(1),
});

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

export const levelRuleSchema = z.strictObject({
  level: z.enum(LEVELS),
  /** The total must be at least this (unrounded, SPEC §5.2). */
  minTotal: decimal,
  conditions: z.array(conditionSchema).optional(),
  /** Where a total above the threshold lands when a condition fails (Bình Thuận: Tốt → Khá). */
  fallbackLevel: z.enum(LEVELS).optional(),
});

export const rubricSchema = z.strictObject({
  ...ruleSetIdentityShape,
  scope: z.enum(RUBRIC_SCOPES),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
  meetingKinds: z.array(z.enum(MEETING_KINDS)).min(1),
  totalPoints: decimal,
  groups: z.array(groupSchema).min(1),
  thematicVariants: z.array(thematicVariantSchema).optional(),
  levelRules: z.array(levelRuleSchema).min(1),
});

const count = z.number().int().min(0);

export const meetingFactsSchema = z.object({
  kind: z.enum(MEETING_KINDS),
  hasThematicPart: z.boolean(),
  /** R from requiredDuration(): 90, 120 (combined or D_att ≥ 30) or the committee's value. */
  requiredMinutes: z.number().int().min(1),
  /** actualEnd − actualStart, whole minutes. */
  actualMinutes: count,
  /** P */
  present: count,
  /** D_att (SPEC §4.1 item 1); P + excused + unexcused must equal it. */
  attendanceDenominator: z.number().int().min(1),
  absentExcused: count,
  absentUnexcused: count,
  /** Longest excused streak still open among the members at this meeting, this calendar year (counters.ts). */
  longestExcusedStreak: count,
  /** Distinct present members with at least one discussion entry; guests and the chair's report excluded. */
  speakers: count,
  ideologyMinutes: count,
  /** Minutes between posting the documents and the start (negative: posted after it); null: never posted. */
  documentsLeadMinutes: z.number().int().nullable(),
  /** Minutes between the end and posting the final resolution; null: not posted. */
  finalDocumentsDelayMinutes: count.nullable(),
  /** The branch has a chi ủy (≥ 9 official members). */
  hasCommittee: z.boolean(),
  preMeetingHeld: z.boolean(),
  preMeetingMinuted: z.boolean(),
  noticeToAllMembers: z.boolean(),
  noticeToOverseer: z.boolean(),
  /** Targets of the previous resolution due by now and how many were met; null when none was due. */
  /** `met` may be fractional to the hundredth: a PARTLY task at 60 % counts 0.6 (SPEC §5.3 R1). */
  previousTargets: z
    .object({
      met: z.number().min(0).refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, wording.targetsMetDecimals),
      total: z.number().int().min(1),
    })
    .nullable(),
  draftResolutionExists: z.boolean(),
  preparedBySecretaryOrDeputy: z.boolean(),
  minutesComplete: z.boolean(),
  /**
   * The tenant's settings in force on the meeting day that rubric rules read (`edgeFrom`), kept with
   * the facts so a scorecard never changes when a setting changes later. Absent: the rubric's own edges.
   */
  readings: z
    .object({
      /** meeting.docsLeadHours: documents due this many hours ahead (P5). */
      docsLeadHours: z.number().int().min(0).optional(),
      /** meeting.postMeetingPostHours: final documents due within this many hours (K3). */
      postMeetingPostHours: z.number().int().min(0).optional(),
      /** attendance.maxExcusedStreak: more consecutive excused absences than this violates (A2). */
      maxExcusedStreak: z.number().int().min(0).optional(),
      /** attendance.minRatePercent: HD 12's H1, the rate must exceed it. */
      minRatePercent: z.number().min(0).max(100).optional(),
      /** scoring.halfDurationFirst: the stricter T1 reading, "under half → 1" before the shortfall bands. */
      halfDurationFirst: z.boolean().optional(),
    })
    .optional(),
});

const ZOD_REASON: Readonly<Record<string, string>> = wording.zodReasons;

/** zod issues in the catalog's words (scoringRules.schemas); our own refinements already carry catalog text. */
export function issuesFromZod(error: z.ZodError, what: string): ScoringIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const reason = issue.code === "custom" ? issue.message.replace(/\.$/, "") : (ZOD_REASON[issue.code] ?? wording.reasonInvalid);
    const extra = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
    const where = path ? fill(wording.at, { path }) : "";
    return { path, message: `${what}${where}: ${reason}${extra}.` };
  });
}

export type FactsCheck = { ok: true; facts: MeetingFacts } | { ok: false; errors: ScoringIssue[] };

/** Shape and consistency of the facts, with Vietnamese messages. */
export function checkFacts(input: unknown): FactsCheck {
  const parsed = meetingFactsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesFromZod(parsed.error, wording.factsLabel) };
  const f = parsed.data;
  const errors: ScoringIssue[] = [];
  const accounted = f.present + f.absentExcused + f.absentUnexcused;
  if (accounted !== f.attendanceDenominator) {
    errors.push({
      path: "attendanceDenominator",
      message: fill(wording.attendanceSum, { present: f.present, excused: f.absentExcused, unexcused: f.absentUnexcused, accounted, denominator: f.attendanceDenominator }),
    });
  }
  if (f.speakers > f.present) {
    errors.push({ path: "speakers", message: fill(wording.speakersOverPresent, { speakers: f.speakers, present: f.present }) });
  }
  if (f.ideologyMinutes > f.actualMinutes) {
    errors.push({
      path: "ideologyMinutes",
      message: fill(wording.ideologyOverDuration, { ideology: f.ideologyMinutes, actual: f.actualMinutes }),
    });
  }
  if (f.previousTargets && f.previousTargets.met > f.previousTargets.total) {
    errors.push({
      path: "previousTargets",
      message: fill(wording.targetsMetOverTotal, { met: f.previousTargets.met, total: f.previousTargets.total }),
    });
  }
  if (f.preMeetingMinuted && !f.preMeetingHeld) {
    errors.push({ path: "preMeetingMinuted", message: wording.preMeetingMinutedWithoutMeeting });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, facts: f };
}

/** True when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;

/** Compile-time only: each schema infers exactly the hand-written type of model.ts / facts.ts. */
export type SchemasMatchTypes = [
  Holds<Same<z.infer<typeof intervalSchema>, IntervalData>>,
  Holds<Same<z.infer<typeof bandSchema>, Band>>,
  Holds<Same<z.infer<typeof bandOverrideSchema>, BandOverride>>,
  Holds<Same<z.infer<typeof bandsRuleSchema>, BandsRule>>,
  Holds<Same<z.infer<typeof flagsRuleSchema>, FlagsRule>>,
  Holds<Same<z.infer<typeof ruleSchema>, Rule>>,
  Holds<Same<z.infer<typeof criterionSchema>, Criterion>>,
  Holds<Same<z.infer<typeof groupSchema>, CriterionGroup>>,
  Holds<Same<z.infer<typeof thematicVariantSchema>, ThematicVariant>>,
  Holds<Same<z.infer<typeof conditionSchema>, LevelCondition>>,
  Holds<Same<z.infer<typeof levelRuleSchema>, LevelRule>>,
  Holds<Same<z.infer<typeof rubricSchema>, Rubric>>,
  Holds<Same<z.infer<typeof meetingFactsSchema>, MeetingFacts>>,
];
