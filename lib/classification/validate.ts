// Frame validator: everything a tenant could get wrong when editing a classification frame's JSON,
// reported in Vietnamese (as lib/scoring/validate.ts does for rubrics). The engine refuses to
// classify with a frame that does not pass.
import { Points, type Tenths } from "@/lib/exact/ratio";
import {
  COLLECTIVE_EVIDENCE,
  CONDITION_FACTS,
  LEVEL_LABELS,
  MEMBER_EVIDENCE,
  PARTS,
  frameSchema,
  isPercentFact,
  issuesFromZod,
  levelRank,
  type Frame,
  type FrameIssue,
} from "./model";
import { fill } from "@/lib/i18n/fill";
import catalog from "@/lib/i18n/messages/vi/classification-rules.json";
import { oncePerObject } from "@/lib/rule-sets/once-per-object";

const words = catalog.validate;

export type FrameValidation = { ok: true; frame: Frame } | { ok: false; errors: FrameIssue[] };

const fmt = (t: Tenths) => Points.format(t, "vi");

export const PART_LABELS = words.partLabels;

class Issues {
  readonly list: FrameIssue[] = [];
  add(path: string, message: string): void {
    if (!this.list.some((i) => i.message === message)) this.list.push({ path, message });
  }
  points(path: string, what: string, value: number): Tenths | null {
    const t = Points.parse(value);
    if (t === null) this.add(path, fill(words.notPoints, { what, value: String(value).replace(".", ",") }));
    return t;
  }
}

function checkHeader(frame: Frame, issues: Issues): void {
  if (frame.effectiveTo && frame.effectiveTo < frame.effectiveFrom) {
    issues.add("effectiveTo", fill(words.effectiveTo, { to: frame.effectiveTo, from: frame.effectiveFrom }));
  }
  if (new Set(frame.periods).size !== frame.periods.length) issues.add("periods", words.periodsRepeated);
}

function checkCriteria(frame: Frame, issues: Issues): void {
  const seen = new Set<string>();
  const allowed = frame.subject === "COLLECTIVE" ? COLLECTIVE_EVIDENCE : MEMBER_EVIDENCE;
  const whom = frame.subject === "COLLECTIVE" ? words.whom.COLLECTIVE : words.whom.MEMBER;
  for (const group of frame.groups) {
    for (const c of [group, ...group.criteria]) {
      if (seen.has(c.code)) issues.add(c.code, fill(words.codeRepeated, { code: c.code }));
      seen.add(c.code);
    }
    const groupPoints = issues.points(group.code, fill(words.groupPoints, { code: group.code }), group.points);
    let sum = 0;
    for (const c of group.criteria) {
      const max = issues.points(c.code, fill(words.criterionMax, { code: c.code }), c.maxPoints);
      const step = issues.points(c.code, fill(words.criterionStep, { code: c.code }), c.step);
      if (step === 0) issues.add(c.code, fill(words.stepZero, { code: c.code }));
      if (max !== null && step && max % step !== 0) issues.add(c.code, fill(words.stepDivides, { code: c.code, step: fmt(step), max: fmt(max) }));
      if (max === 0) issues.add(c.code, fill(words.maxZero, { code: c.code }));
      sum += max ?? 0;
      for (const key of c.evidence ?? []) {
        if (!allowed.includes(key)) issues.add(c.code, fill(words.evidenceNotAllowed, { code: c.code, key, whom }));
      }
    }
    if (groupPoints !== null && sum !== groupPoints) {
      issues.add(group.code, fill(words.groupSum, { code: group.code, sum: fmt(sum), points: fmt(groupPoints) }));
    }
  }
}

function checkTotals(frame: Frame, issues: Issues): void {
  const total = issues.points("totalPoints", words.framePoints, frame.totalPoints);
  let sum = 0;
  for (const part of PARTS) {
    const groups = frame.groups.filter((g) => g.part === part);
    if (groups.length === 0) issues.add("groups", fill(words.partMissing, { part: PART_LABELS[part] }));
    sum += groups.reduce((acc, g) => acc + (Points.parse(g.points) ?? 0), 0);
  }
  if (total !== null && sum !== total) issues.add("totalPoints", fill(words.totalSum, { sum: fmt(sum), total: fmt(total) }));
}

function checkLevels(frame: Frame, issues: Issues): void {
  const seen = new Set<string>();
  const conditionCodes = new Set<string>();
  const parsed = frame.levels.map((rule) => {
    const label = LEVEL_LABELS[rule.level];
    if (seen.has(rule.level)) issues.add("levels", fill(words.levelRepeated, { label }));
    seen.add(rule.level);
    for (const c of rule.conditions ?? []) {
      if (conditionCodes.has(c.code)) issues.add("levels", fill(words.conditionCodeRepeated, { code: c.code }));
      conditionCodes.add(c.code);
      const percent = isPercentFact(c.fact);
      const factLabel = CONDITION_FACTS[c.fact].label.toLowerCase();
      if (percent && c.test !== "atLeast" && c.test !== "atMost") {
        issues.add("levels", fill(words.percentTest, { code: c.code, label, fact: factLabel }));
      }
      if (!percent && c.test !== "true" && c.test !== "false") {
        issues.add("levels", fill(words.booleanTest, { code: c.code, label, fact: factLabel }));
      }
      if (percent && (c.value === undefined || c.value < 0 || c.value > 100)) {
        issues.add("levels", fill(words.percentValue, { code: c.code, label }));
      }
      if (!percent && c.value !== undefined) issues.add("levels", fill(words.noValue, { code: c.code, label }));
    }
    return { rule, min: issues.points("levels", fill(words.threshold, { label }), rule.minTotal) };
  });
  const byRank = [...parsed].sort((a, b) => levelRank(b.rule.level) - levelRank(a.rule.level));
  for (let i = 1; i < byRank.length; i++) {
    const higher = byRank[i - 1]!;
    const lower = byRank[i]!;
    if (higher.min === null || lower.min === null || higher.rule.level === lower.rule.level) continue;
    if (lower.min >= higher.min) {
      issues.add(
        "levels",
        fill(words.thresholdOrder, { lower: LEVEL_LABELS[lower.rule.level], lowerMin: fmt(lower.min), higher: LEVEL_LABELS[higher.rule.level], higherMin: fmt(higher.min) }),
      );
    }
  }
  const total = Points.parse(frame.totalPoints);
  for (const p of parsed) {
    if (p.min !== null && total !== null && p.min > total) {
      issues.add("levels", fill(words.thresholdAboveTotal, { label: LEVEL_LABELS[p.rule.level], min: fmt(p.min), total: fmt(total) }));
    }
  }
  const bottom = byRank.at(-1);
  if (bottom && bottom.min !== null && bottom.min > 0) {
    issues.add("levels", fill(words.bottomZero, { label: LEVEL_LABELS[bottom.rule.level] }));
  }
  if (bottom && (bottom.rule.conditions?.length ?? 0) > 0) {
    issues.add("levels", fill(words.bottomConditions, { label: LEVEL_LABELS[bottom.rule.level] }));
  }
}

/** Semantic checks of a frame whose shape is already right. */
export function validateFrame(frame: Frame): FrameValidation {
  const issues = new Issues();
  checkHeader(frame, issues);
  checkCriteria(frame, issues);
  checkTotals(frame, issues);
  checkLevels(frame, issues);
  return issues.list.length > 0 ? { ok: false, errors: issues.list } : { ok: true, frame };
}

/** A frame from JSON (an import or the editor): shape first, then the semantic checks. */
export function parseFrame(input: unknown): FrameValidation {
  const parsed = frameSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesFromZod(parsed.error, words.frame) };
  return validateFrame(parsed.data);
}

/** Checks a frame once per object (frames are immutable values): the engine calls this every time. */
export const validateFrameCached: (frame: Frame) => FrameValidation = oncePerObject(parseFrame);
