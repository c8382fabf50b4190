// The scoring engine's core: one pure function from (rubric, meeting facts, manual marks) to a
// scorecard with evidence per criterion, group totals, the total and the level (ARCHITECTURE §6).
// Everything is computed in integer tenths; invalid marks yield `errors` (and no level), never a
// throw. The rubric and facts must already have passed checkScoringInput (engine.ts, with zod, on
// the server): this module loads no zod, so the score editor can run it in the browser.
import { Points, type Tenths } from "@/lib/exact/ratio";
import { capitalize, describeFlag, describeMeasure, flagValue, measureValue, type MeetingFacts } from "./facts";
import { HARD_CHECK_NAMES, evaluateHardCheck } from "./hard-checks";
import { contains, toExact } from "./intervals";
import { layoutFor, situationLabel, type CriterionLayout, type RubricLayout } from "./layout";
import {
  LEVEL_LABELS,
  type CriterionMode,
  type LevelCondition,
  type MeasureId,
  type BandsRule,
  type Rubric,
  type Rule,
  type ScoringIssue,
} from "./model";
import type { Level } from "@/lib/domain/levels";
import { fill } from "@/lib/i18n/fill";
import words from "@/lib/i18n/messages/vi/scoring-rules.json";

const wording = words.engine;

/** Marks of the MANUAL criteria: 4.5, "4.5" or "4,5". */
export type ManualMarks = Readonly<Record<string, number | string>>;

/** Replaces an AUTO result; the reason is required and is kept with the scorecard (audited upstream). */
/** A type, not an interface, so that it is plain JSON to Prisma (the overrides columns). */
export type AutoOverride = {
  points: number | string;
  reason: string;
};

export interface ScoreOptions {
  overrides?: Readonly<Record<string, AutoOverride>>;
}

export interface CriterionScore {
  code: string;
  name: string;
  group: string;
  mode: CriterionMode;
  applicable: boolean;
  max: number;
  points: number;
  /** A Vietnamese sentence saying why, e.g. "Thời lượng 100/120 phút, thiếu 20 phút → 3 điểm". */
  evidence: string;
  overridden: boolean;
  overrideReason?: string;
  /** For an overridden AUTO criterion: what the rule computed. */
  computedPoints?: number;
}

export interface GroupTotal {
  code: string;
  name: string;
  max: number;
  points: number;
}

export interface ConditionResult {
  code: string;
  kind: LevelCondition["kind"];
  /** The level that requires it. */
  level: Level;
  name: string;
  held: boolean;
  explanation: string;
}

export interface ScoreResult {
  rubric: { code: string; version: number; name: string };
  hasThematicPart: boolean | null;
  perCriterion: CriterionScore[];
  groupTotals: GroupTotal[];
  total: number;
  /** The exact total in tenths, for any further comparison. */
  totalTenths: Tenths;
  max: number;
  /** Null whenever `errors` is not empty. */
  level: Level | null;
  levelLabel: string | null;
  conditions: ConditionResult[];
  errors: ScoringIssue[];
}

const fmt = (t: Tenths) => Points.format(t, "vi");
const num = Points.toNumber;

/** The result for a rubric or facts that failed checkScoringInput: its errors, no points, no level. */
export function unscorable(rubric: Rubric, errors: ScoringIssue[]): ScoreResult {
  return {
    rubric: { code: rubric.code, version: rubric.version, name: rubric.name },
    hasThematicPart: null,
    perCriterion: [],
    groupTotals: [],
    total: 0,
    totalTenths: 0,
    max: 0,
    level: null,
    levelLabel: null,
    conditions: [],
    errors,
  };
}

function family(measure: MeasureId): string {
  return measure.startsWith("duration") || measure === "actualMinutes" ? "duration" : measure;
}

interface AutoOutcome {
  tenths: Tenths;
  phrase: string;
}

/** The tenant chose the stricter T1 reading: a duration rule's caps apply before its bands. */
function strictDurationReading(rule: BandsRule, f: MeetingFacts): boolean {
  return family(rule.measure) === "duration" && f.readings?.halfDurationFirst === true;
}

/**
 * The rule's bands with the edge between its two bands moved to the tenant's setting in force on the
 * meeting day (`edgeFrom`, read from the facts); the validator makes such a rule two adjacent bands.
 */
function bandsInForce(rule: BandsRule, f: MeetingFacts): BandsRule["bands"] {
  const edge = rule.edgeFrom ? f.readings?.[rule.edgeFrom] : undefined;
  const [lower, upper] = rule.bands;
  if (edge === undefined || rule.bands.length !== 2 || !lower || !upper) return rule.bands;
  return [
    { ...lower, max: edge },
    { ...upper, min: edge },
  ];
}

function autoPoints(rule: Rule, f: MeetingFacts, max: Tenths): AutoOutcome {
  if (rule.id === "flags") {
    if (rule.notRequiredWhenFalse && !flagValue(rule.notRequiredWhenFalse, f)) {
      return { tenths: max, phrase: fill(wording.notRequired, { phrase: capitalize(describeFlag(rule.notRequiredWhenFalse, false)) }) };
    }
    const values = rule.facts.map((flag) => [flag, flagValue(flag, f)] as const);
    const phrase = capitalize(values.map(([flag, value]) => describeFlag(flag, value)).join("; "));
    return { tenths: values.every(([, value]) => value) ? max : 0, phrase };
  }

  const mainValue = measureValue(rule.measure, f);
  for (const override of rule.overrides ?? []) {
    if (override.within && !strictDurationReading(rule, f)) {
      const within = toExact(override.within);
      if (!mainValue || !within || !contains(within, mainValue)) continue;
    }
    const value = measureValue(override.measure, f);
    const interval = toExact(override);
    if (value && interval && contains(interval, value)) {
      let phrase = describeMeasure(override.measure, f);
      if (family(override.measure) !== family(rule.measure)) {
        const main = describeMeasure(rule.measure, f);
        phrase += ` (${main.charAt(0).toLowerCase()}${main.slice(1)})`;
      }
      return { tenths: Points.parse(override.points) ?? 0, phrase };
    }
  }
  const value = mainValue;
  const phrase = describeMeasure(rule.measure, f);
  if (value === null) return { tenths: Points.parse(rule.whenMissing ?? 0) ?? 0, phrase };
  for (const band of bandsInForce(rule, f)) {
    const interval = toExact(band);
    if (interval && contains(interval, value)) return { tenths: Points.parse(band.points) ?? 0, phrase };
  }
  // Unreachable with a validated rubric: its bands cover the measure's whole domain.
  return { tenths: 0, phrase: fill(wording.outsideBands, { phrase }) };
}

function parseMark(
  what: string,
  raw: number | string,
  layout: CriterionLayout,
  errors: ScoringIssue[],
): Tenths | null {
  const code = layout.criterion.code;
  const t = Points.parse(raw);
  if (t === null) {
    const negative = typeof raw === "number" ? raw < 0 : typeof raw === "string" && raw.trim().startsWith("-");
    errors.push({
      path: code,
      message: negative
        ? fill(wording.markNegative, { what, code })
        : fill(wording.markInvalid, { what, code, raw: String(raw) }),
    });
    return null;
  }
  if (t > layout.maxTenths) {
    errors.push({ path: code, message: fill(wording.markOverMax, { what, code, points: fmt(t), max: fmt(layout.maxTenths) }) });
    return null;
  }
  if (layout.stepTenths > 0 && t % layout.stepTenths !== 0) {
    errors.push({ path: code, message: fill(wording.markNotMultiple, { what, code, points: fmt(t), step: fmt(layout.stepTenths) }) });
    return null;
  }
  return t;
}

function hasReason(override: AutoOverride | null | undefined): override is AutoOverride {
  return typeof override === "object" && override !== null && typeof override.reason === "string" && override.reason.trim() !== "";
}

function checkInputCodes(layout: RubricLayout, marks: ManualMarks, overrides: Readonly<Record<string, AutoOverride>>, rubric: Rubric, errors: ScoringIssue[]): void {
  const byCode = new Map(layout.criteria.map((c) => [c.criterion.code, c]));
  const notApplicable = (c: CriterionLayout) =>
    fill(wording.notApplicableCriterion, { code: c.criterion.code, situation: situationLabel(layout.hasThematicPart, layout.pureThematic) });
  for (const code of Object.keys(marks)) {
    const c = byCode.get(code);
    if (!c) errors.push({ path: code, message: fill(wording.noSuchCriterion, { rubric: rubric.code, code }) });
    else if (c.criterion.mode === "AUTO") {
      errors.push({ path: code, message: fill(wording.autoNeedsOverride, { code }) });
    } else if (!c.applicable) errors.push({ path: code, message: notApplicable(c) });
  }
  for (const [code, override] of Object.entries(overrides)) {
    const c = byCode.get(code);
    if (!c) errors.push({ path: code, message: fill(wording.noSuchCriterion, { rubric: rubric.code, code }) });
    else if (c.criterion.mode === "MANUAL") {
      errors.push({ path: code, message: fill(wording.manualNoOverride, { code }) });
    } else if (!c.applicable) errors.push({ path: code, message: notApplicable(c) });
    else if (!hasReason(override)) {
      errors.push({ path: code, message: fill(wording.overrideReason, { code }) });
    }
  }
}

function scoreCriterion(
  c: CriterionLayout,
  f: MeetingFacts,
  marks: ManualMarks,
  overrides: Readonly<Record<string, AutoOverride>>,
  hasThematicPart: boolean,
  errors: ScoringIssue[],
): CriterionScore & { tenths: Tenths } {
  const base = {
    code: c.criterion.code,
    name: c.criterion.name,
    group: c.group.code,
    mode: c.criterion.mode,
    applicable: c.applicable,
    max: num(c.applicable ? c.maxTenths : c.nominalMaxTenths),
    overridden: false,
  };
  if (!c.applicable) {
    return { ...base, points: 0, tenths: 0, evidence: fill(wording.notApplicable, { situation: situationLabel(hasThematicPart, f.kind === "THEMATIC" && hasThematicPart) }) };
  }

  if (c.criterion.mode === "AUTO" && c.criterion.rule) {
    const auto = autoPoints(c.criterion.rule, f, c.maxTenths);
    const autoEvidence = fill(wording.autoEvidence, { phrase: auto.phrase, points: fmt(auto.tenths) });
    const override = overrides[c.criterion.code];
    if (override && hasReason(override)) {
      const t = parseMark(wording.overrideLabel, override.points, c, errors);
      if (t !== null) {
        const reason = override.reason.trim();
        return {
          ...base,
          points: num(t),
          tenths: t,
          overridden: true,
          overrideReason: reason,
          computedPoints: num(auto.tenths),
          evidence: fill(wording.overrideEvidence, { points: fmt(t), auto: autoEvidence, reason }),
        };
      }
    }
    return { ...base, points: num(auto.tenths), tenths: auto.tenths, evidence: autoEvidence };
  }

  const raw = marks[c.criterion.code];
  if (raw === undefined) {
    errors.push({ path: c.criterion.code, kind: "unmarked", message: fill(wording.unmarked, { code: c.criterion.code, name: c.criterion.name }) });
    return { ...base, points: 0, tenths: 0, evidence: wording.unmarkedEvidence };
  }
  const t = parseMark(wording.markLabel, raw, c, errors);
  if (t === null) return { ...base, points: 0, tenths: 0, evidence: wording.markInvalidEvidence };
  return { ...base, points: num(t), tenths: t, evidence: fill(wording.manualEvidence, { points: fmt(t), max: fmt(c.maxTenths) }) };
}

function evaluateCondition(
  condition: LevelCondition,
  level: Level,
  f: MeetingFacts,
  scores: ReadonlyMap<string, { points: Tenths; max: Tenths; applicable: boolean; isGroup: boolean }>,
): ConditionResult {
  if (condition.kind === "hardCheck") {
    const outcome = evaluateHardCheck(condition.check, f, condition.params);
    return { code: condition.code, kind: condition.kind, level, name: HARD_CHECK_NAMES[condition.check], ...outcome };
  }
  const parts: string[] = [];
  let held = true;
  for (const code of condition.criteria) {
    const s = scores.get(code);
    const what = s?.isGroup ? fill(wording.groupLabel, { code }) : fill(wording.criterionLabel, { code });
    if (!s) {
      held = false;
      parts.push(fill(wording.notInRubric, { what }));
    } else if (!s.applicable) {
      parts.push(fill(wording.conditionNotApplicable, { what }));
    } else {
      if (s.points < s.max) held = false;
      parts.push(fill(wording.conditionPart, { what, points: fmt(s.points), max: fmt(s.max) }));
    }
  }
  const list = parts.join("; ");
  return {
    code: condition.code,
    kind: condition.kind,
    level,
    name: fill(wording.fullPointsName, { codes: condition.criteria.join(", ") }),
    held,
    explanation: held ? fill(wording.fullPointsHeld, { list }) : fill(wording.fullPointsMissed, { list }),
  };
}

function decideLevel(rubric: Rubric, totalTenths: Tenths, conditions: ReadonlyMap<string, ConditionResult>): Level | null {
  const rules = [...rubric.levelRules].sort((a, b) => (Points.parse(b.minTotal) ?? 0) - (Points.parse(a.minTotal) ?? 0));
  let i = 0;
  while (i < rules.length) {
    const rule = rules[i];
    if (!rule) break;
    if (totalTenths < (Points.parse(rule.minTotal) ?? 0)) {
      i += 1;
      continue;
    }
    if ((rule.conditions ?? []).every((c) => conditions.get(c.code)?.held === true)) return rule.level;
    const fallback = rule.fallbackLevel === undefined ? -1 : rules.findIndex((r) => r.level === rule.fallbackLevel);
    // The validator makes the fallback a lower level, so this always moves down.
    i = fallback > i ? fallback : i + 1;
  }
  return null;
}

/**
 * Scores one meeting with a rubric and facts that passed checkScoringInput (engine.ts's `score` checks
 * and calls this; the score editor calls it with the rubric and facts the server checked).
 * `manualMarks` holds every applicable MANUAL criterion; `options.overrides` replaces AUTO results,
 * each with a reason.
 */
export function scoreChecked(rubric: Rubric, f: MeetingFacts, manualMarks: ManualMarks, options: ScoreOptions = {}): ScoreResult {
  const errors: ScoringIssue[] = [];
  if (!rubric.meetingKinds.includes(f.kind)) {
    errors.push({ path: "kind", message: fill(wording.rubricNotForKind, { rubric: rubric.code, kind: f.kind }) });
  }
  const marks: ManualMarks = manualMarks ?? {};
  const overrides = options.overrides ?? {};
  const layout = layoutFor(rubric, f.hasThematicPart, f.kind === "THEMATIC");
  checkInputCodes(layout, marks, overrides, rubric, errors);

  const scored = layout.criteria.map((c) => scoreCriterion(c, f, marks, overrides, f.hasThematicPart, errors));
  const byCode = new Map<string, { points: Tenths; max: Tenths; applicable: boolean; isGroup: boolean }>();
  scored.forEach((s, i) => {
    const c = layout.criteria[i];
    if (c) byCode.set(s.code, { points: s.tenths, max: c.maxTenths, applicable: c.applicable, isGroup: false });
  });

  const groupTotals: GroupTotal[] = [];
  for (const g of layout.groups) {
    const members = scored.filter((s) => s.group === g.group.code && s.applicable);
    const points = members.reduce((acc, s) => acc + s.tenths, 0);
    byCode.set(g.group.code, { points, max: g.pointsTenths, applicable: true, isGroup: true });
    groupTotals.push({ code: g.group.code, name: g.group.name, max: num(g.pointsTenths), points: num(points) });
  }
  const totalTenths = scored.reduce((acc, s) => acc + (s.applicable ? s.tenths : 0), 0);

  const conditions = new Map<string, ConditionResult>();
  for (const rule of rubric.levelRules) {
    for (const condition of rule.conditions ?? []) {
      if (!conditions.has(condition.code)) conditions.set(condition.code, evaluateCondition(condition, rule.level, f, byCode));
    }
  }

  const level = errors.length > 0 ? null : decideLevel(rubric, totalTenths, conditions);
  return {
    rubric: { code: rubric.code, version: rubric.version, name: rubric.name },
    hasThematicPart: f.hasThematicPart,
    perCriterion: scored.map(({ tenths: _tenths, ...rest }) => rest),
    groupTotals,
    total: num(totalTenths),
    totalTenths,
    max: num(layout.totalTenths),
    level,
    levelLabel: level ? LEVEL_LABELS[level] : null,
    conditions: [...conditions.values()],
    errors,
  };
}
