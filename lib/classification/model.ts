// The classification frame (khung tiêu chí đánh giá, xếp loại; QĐ 366-QĐ/TW, SPEC §7) as data:
// types and zod schemas, so a frame can be exported to JSON, edited by a tenant and imported again,
// exactly as rubrics are (lib/scoring/model.ts). Points are decimals in the data (7.5) and integer
// tenths only inside the validator and the engine (lib/exact/ratio.ts, shared).
import { z } from "zod";
import type { OrgUnitKind } from "@/lib/generated/prisma/enums";
import { code, decimal, isoDate, ruleSetIdentityShape } from "@/lib/scoring/schemas";
// Imported alone (not the whole catalog): the browser's score editor reads these labels too.
import words from "@/lib/i18n/messages/vi/classification-rules.json";

/** Best first; the order is the rank used by thresholds, proposals and the cap. */
export const CLASSIFICATION_LEVELS = ["EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED"] as const;
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];

export const LEVEL_LABELS: Record<ClassificationLevel, string> = words.levels;

/** 3 for EXCELLENT … 0 for NOT_COMPLETED. */
export function levelRank(level: ClassificationLevel): number {
  return CLASSIFICATION_LEVELS.length - 1 - CLASSIFICATION_LEVELS.indexOf(level);
}

/** Frames rate a party organisation (QĐ 366 annex 1), a member with a leadership post (annex 3) or without one (annex 4). */
export const SUBJECTS = ["COLLECTIVE", "MEMBER_LEADER", "MEMBER"] as const;
export type ClassificationSubject = (typeof SUBJECTS)[number];

/** The organisations rated with the collective frame: chi bộ, đảng bộ bộ phận, đảng bộ and chi bộ cơ sở. */
export const COLLECTIVE_UNIT_KINDS: readonly OrgUnitKind[] = ["GRASSROOTS_COMMITTEE", "GRASSROOTS_BRANCH", "SUB_COMMITTEE", "BRANCH"];

/** The year by default; QĐ 366 also allows a quarter or the term. */
export const PERIOD_KINDS = ["YEAR", "QUARTER", "TERM"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The two parts of every QĐ 366 frame: 30 general points and 70 for the results of tasks. */
export const PARTS = ["GENERAL", "TASKS"] as const;
export type Part = (typeof PARTS)[number];

/**
 * What the record can show beside a criterion (lib/classification/evidence.ts reads each). The
 * first five describe a party organisation, the others a member.
 */
export const EVIDENCE_KEYS = [
  "meetings",
  "thematic",
  "unitAttendance",
  "resolutions",
  "oversight",
  "memberAttendance",
  "tasks",
  "speeches",
  "residence",
  "exemptions",
  "commitments",
] as const;
export type EvidenceKey = (typeof EVIDENCE_KEYS)[number];

export const COLLECTIVE_EVIDENCE: readonly EvidenceKey[] = ["meetings", "thematic", "unitAttendance", "resolutions", "oversight"];
export const MEMBER_EVIDENCE: readonly EvidenceKey[] = ["memberAttendance", "tasks", "speeches", "residence", "exemptions", "commitments"];

/**
 * The facts a level's conditions test (SPEC §7): they are judged by whoever assesses (prefilled
 * from the record where it can tell), and kept with each column.
 */
export const CONDITION_FACTS = {
  allTasksOnTime: { kind: "boolean", label: words.facts.allTasksOnTime },
  exceededPercent: { kind: "percent", label: words.facts.exceededPercent },
  latePercent: { kind: "percent", label: words.facts.latePercent },
  disciplined: { kind: "boolean", label: words.facts.disciplined },
} as const;
export type ConditionFact = keyof typeof CONDITION_FACTS;
export const CONDITION_FACT_KEYS = Object.keys(CONDITION_FACTS) as ConditionFact[];

export function isPercentFact(fact: ConditionFact): boolean {
  return CONDITION_FACTS[fact].kind === "percent";
}

/** The values of the condition facts as one column states them; a missing fact fails any condition on it. */
export const conditionFactsSchema = z.strictObject({
  allTasksOnTime: z.boolean().nullable().optional(),
  exceededPercent: z.number().min(0).max(100).nullable().optional(),
  latePercent: z.number().min(0).max(100).nullable().optional(),
  disciplined: z.boolean().nullable().optional(),
});
export type ConditionFacts = z.infer<typeof conditionFactsSchema>;


export const criterionSchema = z.strictObject({
  code,
  name: z.string().min(1),
  maxPoints: decimal,
  /** Marks are multiples of the step. */
  step: decimal,
  guidance: z.string().optional(),
  /** Record shown beside the criterion; none: a judged criterion, marked with a written remark. */
  evidence: z.array(z.enum(EVIDENCE_KEYS)).optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const groupSchema = z.strictObject({
  code,
  name: z.string().min(1),
  part: z.enum(PARTS),
  points: decimal,
  criteria: z.array(criterionSchema).min(1),
});
export type CriterionGroup = z.infer<typeof groupSchema>;

export const conditionSchema = z.strictObject({
  code,
  fact: z.enum(CONDITION_FACT_KEYS as [ConditionFact, ...ConditionFact[]]),
  /** "true"/"false" for a yes/no fact; "atLeast"/"atMost" a percentage for a share. */
  test: z.enum(["true", "false", "atLeast", "atMost"]),
  value: decimal.optional(),
  /** How the condition is read out ("Không có tổ chức, cá nhân bị kỷ luật"); default: from the fact. */
  name: z.string().optional(),
});
export type LevelCondition = z.infer<typeof conditionSchema>;

export const levelRuleSchema = z.strictObject({
  level: z.enum(CLASSIFICATION_LEVELS),
  /** The total must be at least this (unrounded). */
  minTotal: decimal,
  /** All must hold; otherwise the next lower level is tried. */
  conditions: z.array(conditionSchema).optional(),
});
export type LevelRule = z.infer<typeof levelRuleSchema>;

export const frameSchema = z.strictObject({
  ...ruleSetIdentityShape,
  subject: z.enum(SUBJECTS),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
  /** The periods it may be used for; the first is the default. */
  periods: z.array(z.enum(PERIOD_KINDS)).min(1),
  totalPoints: decimal,
  groups: z.array(groupSchema).min(1),
  levels: z.array(levelRuleSchema).min(1),
});
export type Frame = z.infer<typeof frameSchema>;

export type { ScoringIssue as FrameIssue } from "@/lib/scoring/model";
export { issuesFromZod } from "@/lib/scoring/schemas";
