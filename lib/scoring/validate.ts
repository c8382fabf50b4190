// Rubric validator: everything a tenant could get wrong when editing a rubric's JSON, reported in
// the catalog's words (scoring.validate). The engine refuses to score with a rubric that does not pass.
import { Points, compareRatio, type Tenths } from "@/lib/exact/ratio";
import { compareLower, covers, formatEdge, formatInterval, isEmpty, toExact, type ExactInterval } from "./intervals";
import { dependsOnThematicPart, situationLabel, situationsOf, type RubricLayout } from "./layout";
import {
  LEVEL_LABELS,
  MEASURE_INFO,
  levelRank,
  type BandsRule,
  type IntervalData,
  type Rubric,
  type ScoringIssue,
} from "./model";
import { issuesFromZod, rubricSchema } from "./schemas";
import { scoringMessages } from "./messages";
import { fill } from "@/lib/i18n/fill";
import { oncePerObject } from "@/lib/rule-sets/once-per-object";

const wording = scoringMessages.validate;

export type RubricValidation = { ok: true; rubric: Rubric } | { ok: false; errors: ScoringIssue[] };

const fmt = (t: Tenths) => Points.format(t, "vi");

class Issues {
  readonly list: ScoringIssue[] = [];
  add(path: string, message: string): void {
    if (!this.list.some((i) => i.message === message)) this.list.push({ path, message });
  }
  /** Tenths of a points value, or null after reporting it. */
  points(path: string, what: string, value: number): Tenths | null {
    const t = Points.parse(value);
    if (t === null) {
      this.add(path, fill(wording.badPoints, { what, value: String(value).replace(".", ",") }));
    }
    return t;
  }
}

function checkDates(rubric: Rubric, issues: Issues): void {
  if (rubric.effectiveTo && rubric.effectiveTo < rubric.effectiveFrom) {
    issues.add(
      "effectiveTo",
      fill(wording.effectiveToBefore, { effectiveTo: rubric.effectiveTo, effectiveFrom: rubric.effectiveFrom }),
    );
  }
}

function checkCodes(rubric: Rubric, issues: Issues): void {
  const seen = new Set<string>();
  const codes = rubric.groups.flatMap((g) => [g.code, ...g.criteria.map((c) => c.code)]);
  for (const code of codes) {
    if (seen.has(code)) issues.add(code, fill(wording.duplicateCode, { code }));
    seen.add(code);
  }
}

function checkCriteria(rubric: Rubric, issues: Issues): void {
  for (const group of rubric.groups) {
    issues.points(group.code, fill(wording.groupPoints, { code: group.code }), group.points);
    for (const c of group.criteria) {
      const max = issues.points(c.code, fill(wording.criterionMax, { code: c.code }), c.maxPoints);
      const step = issues.points(c.code, fill(wording.criterionStep, { code: c.code }), c.step);
      if (step === 0) issues.add(c.code, fill(wording.stepZero, { code: c.code }));
      if (max !== null && step) {
        if (max % step !== 0) {
          issues.add(c.code, fill(wording.stepNotDivides, { code: c.code, step: fmt(step), max: fmt(max) }));
        }
      }
      if (c.mode === "AUTO" && !c.rule) issues.add(c.code, fill(wording.autoWithoutRule, { code: c.code }));
      if (c.mode === "MANUAL" && c.rule) {
        issues.add(c.code, fill(wording.manualWithRule, { code: c.code }));
      }
    }
  }
}

function checkVariants(rubric: Rubric, issues: Issues): void {
  const criteria = new Map(rubric.groups.flatMap((g) => g.criteria.map((c) => [c.code, c] as const)));
  const groups = new Set(rubric.groups.map((g) => g.code));
  const seen = new Set<string>();
  for (const variant of rubric.thematicVariants ?? []) {
    const pure = variant.pureThematic === true;
    const label = situationLabel(variant.hasThematicPart, pure);
    const key = `${variant.hasThematicPart}|${pure}`;
    if (seen.has(key)) issues.add("thematicVariants", fill(wording.variantTwice, { label }));
    seen.add(key);
    if (pure && !variant.hasThematicPart) issues.add("thematicVariants", fill(wording.variantPureWithoutPart, { label }));
    for (const code of variant.notApplicable ?? []) {
      if (!criteria.has(code)) issues.add("thematicVariants", fill(wording.variantDropsUnknown, { label, code }));
    }
    for (const [code, value] of Object.entries(variant.maxPoints ?? {})) {
      const criterion = criteria.get(code);
      if (!criterion) {
        issues.add("thematicVariants", fill(wording.variantMaxUnknown, { label, code }));
        continue;
      }
      const max = issues.points(code, fill(wording.criterionMaxIn, { code, label }), value);
      const step = Points.parse(criterion.step);
      if (max !== null && step && max % step !== 0) {
        issues.add(code, fill(wording.stepNotDividesIn, { code, step: fmt(step), max: fmt(max), label }));
      }
    }
    for (const [code, value] of Object.entries(variant.groupPoints ?? {})) {
      if (!groups.has(code)) issues.add("thematicVariants", fill(wording.variantGroupUnknown, { label, code }));
      else issues.points(code, fill(wording.groupPointsIn, { code, label }), value);
    }
    if (variant.totalPoints !== undefined) issues.points("thematicVariants", fill(wording.totalIn, { label }), variant.totalPoints);
  }
}

function checkSums(rubric: Rubric, issues: Issues): void {
  issues.points("totalPoints", wording.rubricTotal, rubric.totalPoints);
  const dependent = dependsOnThematicPart(rubric);
  // A pure-thematic variant repeats most of the "with a thematic part" sums: say only what differs.
  const said = new Set<string>();
  const report = (layout: RubricLayout, path: string, text: string) => {
    if (layout.pureThematic && said.has(`${path}|${text}`)) return;
    said.add(`${path}|${text}`);
    issues.add(path, `${text}${dependent ? ` (${situationLabel(layout.hasThematicPart, layout.pureThematic)})` : ""}.`);
  };
  for (const layout of situationsOf(rubric)) {
    let groupSum = 0;
    for (const g of layout.groups) {
      const sum = g.criteria.filter((c) => c.applicable).reduce((acc, c) => acc + c.maxTenths, 0);
      if (sum !== g.pointsTenths) {
        report(layout, g.group.code, fill(wording.groupSum, { code: g.group.code, sum: fmt(sum), pointsTenths: fmt(g.pointsTenths) }));
      }
      groupSum += g.pointsTenths;
    }
    if (groupSum !== layout.totalTenths) {
      report(layout, "totalPoints", fill(wording.totalSum, { groupSum: fmt(groupSum), totalTenths: fmt(layout.totalTenths) }));
    }
  }
}

interface PlacedBand {
  exact: ExactInterval;
  data: IntervalData;
}

/** Upper edges in ascending order: +∞ last; at equal values an inclusive edge ends later. */
function compareUpper(a: ExactInterval, b: ExactInterval): number {
  if (a.max === null || b.max === null) return (a.max === null ? 1 : 0) - (b.max === null ? 1 : 0);
  const c = compareRatio(a.max, b.max);
  if (c !== 0) return c;
  return (a.maxInclusive ? 1 : 0) - (b.maxInclusive ? 1 : 0);
}

function checkBandCoverage(code: string, rule: BandsRule, issues: Issues): void {
  const info = MEASURE_INFO[rule.measure];
  const range = toExact(rule.range);
  if (!range || isEmpty(range)) {
    issues.add(code, fill(wording.rangeInvalid, { code, range: formatInterval(rule.range, info) }));
    return;
  }
  const domain = toExact(info.domain);
  if (domain && !covers(range, domain)) {
    issues.add(
      code,
      fill(wording.rangeNotCovering, { code, range: formatInterval(rule.range, info), domain: formatInterval(info.domain, info), label: info.label }),
    );
  }

  const placed: PlacedBand[] = [];
  for (const band of rule.bands) {
    const exact = toExact(band);
    if (!exact || isEmpty(exact)) {
      issues.add(code, fill(wording.bandInvalid, { code, band: formatInterval(band, info) }));
      return;
    }
    placed.push({ exact, data: band });
  }
  placed.sort((a, b) => compareLower(a.exact, b.exact));

  const first = placed[0];
  const last = placed[placed.length - 1];
  if (!first || !last) return;
  const start = compareLower(first.exact, range);
  if (start !== 0) {
    const startsInside = start > 0;
    issues.add(
      code,
      startsInside
        ? fill(wording.gapAtStart, { code, range: formatInterval(rule.range, info), data: formatInterval(first.data, info) })
        : fill(wording.bandOutside, { code, data: formatInterval(first.data, info), range: formatInterval(rule.range, info) }),
    );
  }
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1];
    const b = placed[i];
    if (!a || !b) continue;
    const shown = fill(wording.bandPair, { first: formatInterval(a.data, info), second: formatInterval(b.data, info) });
    if (a.exact.max === null || b.exact.min === null) {
      issues.add(code, fill(wording.overlap, { code, shown }));
      continue;
    }
    const aMax = a.data.max ?? 0;
    const bMin = b.data.min ?? 0;
    const c = compareRatio(a.exact.max, b.exact.min);
    if (c > 0) {
      issues.add(code, fill(wording.overlapBetween, { code, shown, bMin: formatEdge(bMin, info), aMax: formatEdge(aMax, info) }));
    } else if (c < 0) {
      issues.add(code, fill(wording.gapBetween, { code, aMax: formatEdge(aMax, info), bMin: formatEdge(bMin, info) }));
    } else if (a.exact.maxInclusive && b.exact.minInclusive) {
      issues.add(code, fill(wording.overlapAt, { code, shown, bMin: formatEdge(bMin, info) }));
    } else if (!a.exact.maxInclusive && !b.exact.minInclusive) {
      issues.add(code, fill(wording.gapAt, { code, bMin: formatEdge(bMin, info) }));
    }
  }
  const end = compareUpper(last.exact, range);
  if (end !== 0) {
    issues.add(
      code,
      end < 0
        ? fill(wording.gapAtEnd, { code, range: formatInterval(rule.range, info), data: formatInterval(last.data, info) })
        : fill(wording.bandOutside, { code, data: formatInterval(last.data, info), range: formatInterval(rule.range, info) }),
    );
  }
}

function checkRules(rubric: Rubric, issues: Issues): void {
  const layouts = situationsOf(rubric);
  for (const group of rubric.groups) {
    for (const c of group.criteria) {
      if (!c.rule) continue;
      // Auto points must fit the criterion's maximum in every situation where it applies.
      const maxima = layouts.flatMap((l) => l.criteria.filter((x) => x.criterion === c && x.applicable).map((x) => x.maxTenths));
      const max = maxima.length > 0 ? Math.min(...maxima) : (Points.parse(c.maxPoints) ?? 0);
      const step = Points.parse(c.step);
      const checkPoints = (what: string, value: number) => {
        const t = issues.points(c.code, fill(wording.pointsOf, { what, code: c.code }), value);
        if (t === null) return;
        if (t > max) issues.add(c.code, fill(wording.pointsOverMax, { code: c.code, what: what.toLowerCase(), points: fmt(t), max: fmt(max) }));
        else if (step && t % step !== 0) {
          issues.add(c.code, fill(wording.pointsNotMultiple, { code: c.code, what: what.toLowerCase(), points: fmt(t), step: fmt(step) }));
        }
      };
      if (c.rule.id === "bands") {
        const rule = c.rule;
        for (const band of rule.bands) checkPoints(wording.bandPoints, band.points);
        if (rule.whenMissing !== undefined) checkPoints(wording.missingPoints, rule.whenMissing);
        for (const o of rule.overrides ?? []) {
          checkPoints(wording.capPoints, o.points);
          const exact = toExact(o);
          if (!exact || isEmpty(exact)) {
            issues.add(c.code, fill(wording.capInvalid, { code: c.code, condition: formatInterval(o, MEASURE_INFO[o.measure]) }));
          }
        }
        for (const o of rule.overrides ?? []) {
          if (o.within) {
            const within = toExact(o.within);
            if (!within || isEmpty(within)) {
              issues.add(c.code, fill(wording.capWithinInvalid, { code: c.code, within: formatInterval(o.within, MEASURE_INFO[rule.measure]) }));
            }
          }
        }
        if (rule.edgeFrom && (rule.bands.length !== 2 || rule.bands[0]?.max !== rule.bands[1]?.min || rule.bands[0]?.max === null)) {
          issues.add(c.code, fill(wording.edgeFromTwoBands, { code: c.code }));
        }
        checkBandCoverage(c.code, rule, issues);
      }
    }
  }
}

function checkLevels(rubric: Rubric, issues: Issues): void {
  const rules = rubric.levelRules;
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.level)) issues.add("levelRules", fill(wording.levelTwice, { level: LEVEL_LABELS[rule.level] }));
    seen.add(rule.level);
  }
  const parsed = rules.map((rule) => ({
    rule,
    min: issues.points("levelRules", fill(wording.levelThreshold, { level: LEVEL_LABELS[rule.level] }), rule.minTotal),
  }));
  const byRank = [...parsed].sort((a, b) => levelRank(b.rule.level) - levelRank(a.rule.level));
  for (let i = 1; i < byRank.length; i++) {
    const higher = byRank[i - 1];
    const lower = byRank[i];
    if (!higher || !lower || higher.min === null || lower.min === null || higher.rule.level === lower.rule.level) continue;
    if (lower.min >= higher.min) {
      issues.add(
        "levelRules",
        fill(wording.levelsDescending, { lower: LEVEL_LABELS[lower.rule.level], lowerMin: fmt(lower.min), higher: LEVEL_LABELS[higher.rule.level], higherMin: fmt(higher.min) }),
      );
    }
  }
  const mins = parsed.map((p) => p.min).filter((m): m is Tenths => m !== null);
  if (mins.length === parsed.length && mins.length > 0) {
    const lowest = Math.min(...mins);
    if (lowest > 0) {
      issues.add(
        "levelRules",
        fill(wording.levelsFromZero, { lowest: fmt(lowest) }),
      );
    }
    const totals = situationsOf(rubric).map((l) => l.totalTenths);
    const total = Math.min(...totals);
    for (const p of parsed) {
      if (p.min !== null && p.min > total) {
        issues.add(
          "levelRules",
          fill(wording.levelOverTotal, { level: LEVEL_LABELS[p.rule.level], min: fmt(p.min), total: fmt(total) }),
        );
      }
    }
    const bottom = parsed.find((p) => p.min === lowest);
    if (bottom && (bottom.rule.conditions?.length ?? 0) > 0) {
      issues.add(
        "levelRules",
        fill(wording.lowestWithConditions, { level: LEVEL_LABELS[bottom.rule.level] }),
      );
    }
  }

  const codes = new Set(rubric.groups.flatMap((g) => [g.code, ...g.criteria.map((c) => c.code)]));
  for (const rule of rules) {
    const label = LEVEL_LABELS[rule.level];
    if (rule.fallbackLevel !== undefined) {
      if (!seen.has(rule.fallbackLevel)) {
        issues.add("levelRules", fill(wording.fallbackUndeclared, { fallback: LEVEL_LABELS[rule.fallbackLevel], level: label }));
      } else if (levelRank(rule.fallbackLevel) >= levelRank(rule.level)) {
        issues.add("levelRules", fill(wording.fallbackNotLower, { level: label }));
      }
    }
    for (const condition of rule.conditions ?? []) {
      if (condition.kind !== "fullPoints") continue;
      for (const code of condition.criteria) {
        if (!codes.has(code)) {
          issues.add("levelRules", fill(wording.conditionUnknownCode, { code: condition.code, label, code2: code }));
        }
      }
    }
  }
}

/** Semantic checks of a rubric whose shape is already right (a typed value or the output of parseRubric). */
export function validateRubric(rubric: Rubric): RubricValidation {
  const issues = new Issues();
  checkDates(rubric, issues);
  checkCodes(rubric, issues);
  checkCriteria(rubric, issues);
  checkVariants(rubric, issues);
  checkSums(rubric, issues);
  checkRules(rubric, issues);
  checkLevels(rubric, issues);
  return issues.list.length > 0 ? { ok: false, errors: issues.list } : { ok: true, rubric };
}

/** A rubric from JSON (an import): shape first, then the semantic checks. */
export function parseRubric(input: unknown): RubricValidation {
  const parsed = rubricSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesFromZod(parsed.error, wording.rubricLabel) };
  return validateRubric(parsed.data);
}

/** Checks a rubric only once per object (rubrics are treated as immutable values): the engine calls this on every score. */
export const validateRubricCached: (rubric: Rubric) => RubricValidation = oncePerObject(parseRubric);
