// The classification engine: one pure function from (frame, marks, condition facts, proposed level)
// to the points per criterion, the part and group totals, the total, the highest level the total
// and the conditions allow, and whether a proposed level is allowed (each failed condition named).
// Exact: points are integer tenths and shares exact ratios (lib/exact/ratio.ts); 89,5 stays below
// 90. Invalid input yields `errors` (and no level), never a throw.
import { Points, compareRatio, ratioFromDecimal, type Tenths } from "@/lib/exact/ratio";
import { fill } from "@/lib/i18n/fill";
// The one namespace the browser's live preview needs: imported alone, not the whole catalog.
import words from "@/lib/i18n/messages/vi/classification-rules.json";
import {
  CONDITION_FACTS,
  LEVEL_LABELS,
  PARTS,
  isPercentFact,
  levelRank,
  type ClassificationLevel,
  type ClassificationSubject,
  type ConditionFacts,
  type EvidenceKey,
  type Frame,
  type FrameIssue,
  type LevelCondition,
  type Part,
} from "./model";
import { validateFrameCached } from "./validate";

/** Marks per criterion code: 7.5, "7.5" or "7,5". */
export type Marks = Readonly<Record<string, number | string>>;

export interface ClassifyInput {
  marks: Marks;
  /** Remarks per criterion code: the reason a judged criterion got its mark. */
  remarks?: Readonly<Record<string, string>>;
  facts: ConditionFacts;
  /** The level the column proposes; checked against what the total and the conditions allow. */
  proposedLevel?: ClassificationLevel | null;
}

export interface ClassifyOptions {
  /** Every criterion must be marked (a submitted column); false for a draft's running total. */
  complete?: boolean;
  /** A criterion without record evidence needs a written remark (the self-assessment). */
  requireJudgedRemarks?: boolean;
}

export interface CriterionResult {
  code: string;
  name: string;
  group: string;
  part: Part;
  max: number;
  /** Null when not marked yet. */
  points: number | null;
  remark: string | null;
  /** No record evidence: the mark is a judgement and carries a remark. */
  judged: boolean;
  evidence: EvidenceKey[];
}

export interface GroupTotal {
  code: string;
  name: string;
  part: Part;
  max: number;
  points: number;
}

export interface ConditionResult {
  code: string;
  /** The level that requires it. */
  level: ClassificationLevel;
  name: string;
  held: boolean;
  explanation: string;
}

export interface ProposalCheck {
  level: ClassificationLevel;
  allowed: boolean;
  /** Why not: the total below the threshold and each failed condition, by name. */
  reasons: string[];
}

export interface ClassifyResult {
  frame: { code: string; version: number; name: string; subject: ClassificationSubject };
  perCriterion: CriterionResult[];
  groupTotals: GroupTotal[];
  parts: Record<Part, { max: number; points: number }>;
  total: number;
  totalTenths: Tenths;
  max: number;
  /** The highest level the total and the conditions allow; null while a mark is missing or invalid. */
  level: ClassificationLevel | null;
  levelLabel: string | null;
  conditions: ConditionResult[];
  proposed: ProposalCheck | null;
  errors: FrameIssue[];
}

const fmt = (t: Tenths) => Points.format(t, "vi");
const num = Points.toNumber;
const percentText = (value: number) => `${String(value).replace(".", ",")} %`;

function emptyResult(frame: Frame, errors: FrameIssue[]): ClassifyResult {
  return {
    frame: { code: frame.code, version: frame.version, name: frame.name, subject: frame.subject },
    perCriterion: [],
    groupTotals: [],
    parts: { GENERAL: { max: 0, points: 0 }, TASKS: { max: 0, points: 0 } },
    total: 0,
    totalTenths: 0,
    max: 0,
    level: null,
    levelLabel: null,
    conditions: [],
    proposed: null,
    errors,
  };
}

/** The condition's name as read out ("Có từ 30 % chỉ tiêu, nhiệm vụ hoàn thành vượt mức"). */
export function conditionName(condition: LevelCondition): string {
  if (condition.name) return condition.name;
  const value = condition.value === undefined ? "" : percentText(condition.value);
  switch (condition.fact) {
    case "allTasksOnTime":
      return condition.test === "true" ? words.conditionName.allTasksOnTime : words.conditionName.someTasksLate;
    case "disciplined":
      return condition.test === "false" ? words.conditionName.notDisciplined : words.conditionName.disciplined;
    case "exceededPercent":
      return fill(condition.test === "atLeast" ? words.conditionName.exceededAtLeast : words.conditionName.exceededAtMost, { value });
    case "latePercent":
      return fill(condition.test === "atMost" ? words.conditionName.lateAtMost : words.conditionName.lateAtLeast, { value });
  }
}

function evaluateCondition(condition: LevelCondition, level: ClassificationLevel, facts: ConditionFacts): ConditionResult {
  const name = conditionName(condition);
  const label = CONDITION_FACTS[condition.fact].label;
  const value = facts[condition.fact];
  if (value === undefined || value === null) {
    return { code: condition.code, level, name, held: false, explanation: fill(words.condition.undeclared, { label: label.toLowerCase() }) };
  }
  if (isPercentFact(condition.fact)) {
    const actual = typeof value === "number" ? ratioFromDecimal(value) : null;
    const limit = ratioFromDecimal(condition.value ?? 0);
    if (!actual || !limit) return { code: condition.code, level, name, held: false, explanation: fill(words.condition.invalidValue, { label }) };
    const c = compareRatio(actual, limit);
    const held = condition.test === "atLeast" ? c >= 0 : c <= 0;
    const need = fill(condition.test === "atLeast" ? words.condition.needAtLeast : words.condition.needAtMost, { value: percentText(condition.value ?? 0) });
    return { code: condition.code, level, name, held, explanation: fill(words.condition.percent, { label, value: percentText(value as number), need }) };
  }
  const held = condition.test === "true" ? value === true : value === false;
  return { code: condition.code, level, name, held, explanation: fill(value === true ? words.condition.yes : words.condition.no, { label }) };
}

/** Levels by threshold, highest first. */
function rulesByThreshold(frame: Frame) {
  return [...frame.levels].sort((a, b) => (Points.parse(b.minTotal) ?? 0) - (Points.parse(a.minTotal) ?? 0));
}

/**
 * Classifies one subject. With `complete` (default) every criterion must be marked; marks above the
 * maximum or off the step are errors; a proposed level above what is allowed is an error naming the
 * threshold and each failed condition.
 */
export function classify(frame: Frame, input: ClassifyInput, options: ClassifyOptions = {}): ClassifyResult {
  const check = validateFrameCached(frame);
  if (!check.ok) return emptyResult(frame, [{ message: fill(words.engine.invalidFrame, { code: frame.code }) }, ...check.errors]);
  const complete = options.complete ?? true;
  const errors: FrameIssue[] = [];
  const marks = input.marks ?? {};
  const remarks = input.remarks ?? {};

  const known = new Set(frame.groups.flatMap((g) => g.criteria.map((c) => c.code)));
  for (const code of Object.keys(marks)) {
    if (!known.has(code)) errors.push({ path: code, message: fill(words.engine.unknownCriterion, { frame: frame.code, code }) });
  }

  const perCriterion: CriterionResult[] = [];
  const groupTotals: GroupTotal[] = [];
  const parts: Record<Part, { max: number; points: number }> = { GENERAL: { max: 0, points: 0 }, TASKS: { max: 0, points: 0 } };
  const partTenths: Record<Part, { max: Tenths; points: Tenths }> = { GENERAL: { max: 0, points: 0 }, TASKS: { max: 0, points: 0 } };
  let totalTenths = 0;
  for (const group of frame.groups) {
    let groupPoints = 0;
    for (const c of group.criteria) {
      const max = Points.parse(c.maxPoints) ?? 0;
      const step = Points.parse(c.step) ?? 1;
      const judged = (c.evidence ?? []).length === 0;
      const remark = typeof remarks[c.code] === "string" && remarks[c.code]!.trim() ? remarks[c.code]!.trim() : null;
      const raw = marks[c.code];
      let points: Tenths | null = null;
      if (raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
        if (complete) errors.push({ path: c.code, kind: "unmarked", message: fill(words.engine.unmarked, { code: c.code, name: c.name }) });
      } else {
        const t = Points.parse(raw);
        const negative = typeof raw === "number" ? raw < 0 : String(raw).trim().startsWith("-");
        if (t === null) {
          errors.push({
            path: c.code,
            message: fill(negative ? words.engine.negative : words.engine.invalidMark, { code: c.code, raw: String(raw) }),
          });
        } else if (t > max) {
          errors.push({ path: c.code, message: fill(words.engine.aboveMax, { code: c.code, points: fmt(t), max: fmt(max) }) });
        } else if (t % step !== 0) {
          errors.push({ path: c.code, message: fill(words.engine.offStep, { code: c.code, points: fmt(t), step: fmt(step) }) });
        } else {
          points = t;
        }
      }
      if (options.requireJudgedRemarks && judged && points !== null && !remark) {
        errors.push({ path: c.code, kind: "remarkMissing", message: fill(words.engine.remarkMissing, { code: c.code, name: c.name }) });
      }
      groupPoints += points ?? 0;
      partTenths[group.part].max += max;
      perCriterion.push({
        code: c.code,
        name: c.name,
        group: group.code,
        part: group.part,
        max: num(max),
        points: points === null ? null : num(points),
        remark,
        judged,
        evidence: [...(c.evidence ?? [])],
      });
    }
    partTenths[group.part].points += groupPoints;
    totalTenths += groupPoints;
    groupTotals.push({ code: group.code, name: group.name, part: group.part, max: group.points, points: num(groupPoints) });
  }
  for (const part of PARTS) parts[part] = { max: num(partTenths[part].max), points: num(partTenths[part].points) };

  const conditions: ConditionResult[] = [];
  for (const rule of frame.levels) {
    for (const condition of rule.conditions ?? []) conditions.push(evaluateCondition(condition, rule.level, input.facts ?? {}));
  }
  const heldCodes = new Set(conditions.filter((c) => c.held).map((c) => c.code));
  const ordered = rulesByThreshold(frame);
  const attainable =
    ordered.find((rule) => totalTenths >= (Points.parse(rule.minTotal) ?? 0) && (rule.conditions ?? []).every((c) => heldCodes.has(c.code)))?.level ?? null;

  let proposed: ProposalCheck | null = null;
  if (input.proposedLevel) {
    const rule = frame.levels.find((r) => r.level === input.proposedLevel);
    const label = LEVEL_LABELS[input.proposedLevel];
    if (!rule) {
      proposed = { level: input.proposedLevel, allowed: false, reasons: [fill(words.engine.unknownLevel, { frame: frame.code, label })] };
    } else {
      // At or below what the total and the conditions allow is a choice (members often rate
      // themselves modestly); above it, the proposed level's own threshold and conditions say why not.
      const allowed = attainable !== null && levelRank(input.proposedLevel) <= levelRank(attainable);
      const reasons: string[] = [];
      if (!allowed) {
        const min = Points.parse(rule.minTotal) ?? 0;
        if (totalTenths < min) reasons.push(fill(words.engine.totalBelow, { total: fmt(totalTenths), min: fmt(min) }));
        for (const c of conditions.filter((x) => x.level === rule.level && !x.held)) reasons.push(fill(words.engine.conditionNotHeld, { code: c.code, name: c.name, explanation: c.explanation.replace(/\.$/, "") }));
      }
      proposed = { level: input.proposedLevel, allowed, reasons };
    }
    if (!proposed.allowed && errors.length === 0) {
      errors.push({ path: "proposedLevel", message: fill(words.engine.notAllowed, { label, reasons: proposed.reasons.join("; ") }) });
    }
  }

  // A refused proposal does not hide what the record allows; any other error does.
  const level = errors.some((e) => e.path !== "proposedLevel") ? null : attainable;
  return {
    frame: { code: frame.code, version: frame.version, name: frame.name, subject: frame.subject },
    perCriterion,
    groupTotals,
    parts,
    total: num(totalTenths),
    totalTenths,
    max: frame.totalPoints,
    level,
    levelLabel: level ? LEVEL_LABELS[level] : null,
    conditions,
    proposed,
    errors,
  };
}
