// Invariants of the engine over random meetings and random valid marks, for every built-in rubric.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { score, type ScoreResult } from "@/lib/scoring/engine";
import { Points } from "@/lib/exact/ratio";
import type { MeetingFacts } from "@/lib/scoring/facts";
import { levelRank, type Rubric } from "@/lib/scoring/model";
import { BUILT_IN_RUBRICS, BINH_THUAN_HD42, HD42_2025 } from "@/lib/scoring/rubrics";
import { layoutFor } from "@/lib/scoring/layout";

/** Consistent facts: fractions in thousandths are spread over the counts they depend on. */
const factsArb: fc.Arbitrary<MeetingFacts> = fc
  .record({
    kind: fc.constantFrom("REGULAR", "THEMATIC", "COMBINED" as const),
    hasThematicPart: fc.boolean(),
    requiredMinutes: fc.integer({ min: 30, max: 180 }),
    actualMinutes: fc.integer({ min: 0, max: 300 }),
    denominator: fc.integer({ min: 1, max: 300 }),
    presentShare: fc.integer({ min: 0, max: 1000 }),
    unexcusedShare: fc.integer({ min: 0, max: 1000 }),
    speakerShare: fc.integer({ min: 0, max: 1000 }),
    ideologyShare: fc.integer({ min: 0, max: 1000 }),
    longestExcusedStreak: fc.integer({ min: 0, max: 12 }),
    documentsLeadMinutes: fc.option(fc.integer({ min: -600, max: 10_000 })),
    finalDocumentsDelayMinutes: fc.option(fc.integer({ min: 0, max: 10_000 })),
    targets: fc.option(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1000 }))),
    flags: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  })
  .map((r) => {
    const present = Math.floor((r.presentShare * r.denominator) / 1000);
    const absent = r.denominator - present;
    const absentUnexcused = Math.floor((r.unexcusedShare * absent) / 1000);
    const [hasCommittee, held, minuted, toAll, toOverseer, draft, prepared, complete] = r.flags;
    return {
      kind: r.kind,
      hasThematicPart: r.hasThematicPart,
      requiredMinutes: r.requiredMinutes,
      actualMinutes: r.actualMinutes,
      present,
      attendanceDenominator: r.denominator,
      absentExcused: absent - absentUnexcused,
      absentUnexcused,
      longestExcusedStreak: r.longestExcusedStreak,
      speakers: Math.floor((r.speakerShare * present) / 1000),
      ideologyMinutes: Math.floor((r.ideologyShare * r.actualMinutes) / 1000),
      documentsLeadMinutes: r.documentsLeadMinutes,
      finalDocumentsDelayMinutes: r.finalDocumentsDelayMinutes,
      hasCommittee: hasCommittee ?? true,
      preMeetingHeld: held ?? true,
      preMeetingMinuted: (held ?? true) && (minuted ?? true),
      noticeToAllMembers: toAll ?? true,
      noticeToOverseer: toOverseer ?? true,
      previousTargets: r.targets && { total: r.targets[0], met: Math.floor((r.targets[1] * r.targets[0]) / 1000) },
      draftResolutionExists: draft ?? true,
      preparedBySecretaryOrDeputy: prepared ?? true,
      minutesComplete: complete ?? true,
    };
  });

/** Every applicable MANUAL criterion of the rubric for this meeting, with its maximum and step in tenths. */
function manualCriteria(rubric: Rubric, facts: MeetingFacts) {
  return layoutFor(rubric, facts.hasThematicPart, facts.kind === "THEMATIC")
    .criteria.filter((c) => c.applicable && c.criterion.mode === "MANUAL")
    .map((c) => ({ code: c.criterion.code, max: c.maxTenths, step: c.stepTenths }));
}

/** Random valid marks: each criterion gets a multiple of its step between 0 and its maximum. */
const caseArb = (rubric: Rubric) =>
  fc.tuple(factsArb, fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 })).map(([facts, picks]) => {
    const criteria = manualCriteria(rubric, facts);
    const marks: Record<string, number> = {};
    criteria.forEach((c, i) => {
      const steps = c.max / c.step;
      marks[c.code] = Points.toNumber(((picks[i] ?? 0) % (steps + 1)) * c.step);
    });
    return { facts, marks, criteria };
  });

function checkLevel(rubric: Rubric, result: ScoreResult): void {
  expect(result.level).not.toBeNull();
  const rule = rubric.levelRules.find((r) => r.level === result.level);
  if (!rule) throw new Error(`no rule for ${String(result.level)}`);
  // The level's own threshold and conditions hold…
  expect(result.totalTenths).toBeGreaterThanOrEqual(Points.parse(rule.minTotal) ?? Infinity);
  for (const condition of rule.conditions ?? []) {
    expect(result.conditions.find((c) => c.code === condition.code)?.held).toBe(true);
  }
  // …and no better level's do.
  for (const better of rubric.levelRules.filter((r) => result.level && levelRank(r.level) > levelRank(result.level))) {
    const reached = result.totalTenths >= (Points.parse(better.minTotal) ?? Infinity);
    const allHeld = (better.conditions ?? []).every((c) => result.conditions.find((x) => x.code === c.code)?.held);
    expect(reached && allHeld).toBe(false);
  }
}

describe.each(BUILT_IN_RUBRICS.map((r) => [r.code, r] as const))("%s", (_code, rubric) => {
  it("keeps the total within [0, max], equal to the sum of its parts, with a level", () => {
    fc.assert(
      fc.property(caseArb(rubric), ({ facts, marks }) => {
        const result = score(rubric, facts, marks);
        expect(result.errors).toEqual([]);
        expect(Number.isInteger(result.totalTenths)).toBe(true);
        expect(result.total).toBeGreaterThanOrEqual(0);
        expect(result.total).toBeLessThanOrEqual(result.max);
        const fromCriteria = result.perCriterion.reduce((acc, c) => acc + (Points.parse(c.points) ?? NaN), 0);
        const fromGroups = result.groupTotals.reduce((acc, g) => acc + (Points.parse(g.points) ?? NaN), 0);
        expect(fromCriteria).toBe(result.totalTenths);
        expect(fromGroups).toBe(result.totalTenths);
        for (const c of result.perCriterion) expect(c.points).toBeLessThanOrEqual(c.max);
        checkLevel(rubric, result);
      }),
      { numRuns: 200 },
    );
  });

  it("never lowers the total or the level when a MANUAL mark goes up one step", () => {
    fc.assert(
      fc.property(caseArb(rubric), fc.nat(), ({ facts, marks, criteria }, pick) => {
        const target = criteria[pick % criteria.length];
        if (!target) return;
        const current = Points.parse(marks[target.code] ?? 0) ?? 0;
        if (current + target.step > target.max) return;
        const before = score(rubric, facts, marks);
        const after = score(rubric, facts, { ...marks, [target.code]: Points.toNumber(current + target.step) });
        expect(after.totalTenths).toBe(before.totalTenths + target.step);
        expect(levelRank(after.level ?? "POOR")).toBeGreaterThanOrEqual(levelRank(before.level ?? "POOR"));
      }),
      { numRuns: 200 },
    );
  });
});

describe("levels and their conditions", () => {
  it("Tốt under HD 42 always means at least 90", () => {
    fc.assert(
      fc.property(caseArb(HD42_2025), ({ facts, marks }) => {
        const result = score(HD42_2025, facts, marks);
        if (result.level === "GOOD") expect(result.totalTenths).toBeGreaterThanOrEqual(900);
        else expect(result.totalTenths).toBeLessThan(900);
      }),
      { numRuns: 200 },
    );
  });

  it("Tốt under Bình Thuận always means ≥ 90 with A = 5, T1 = 5, C5 = 5 and C6 = 1", () => {
    fc.assert(
      fc.property(caseArb(BINH_THUAN_HD42), ({ facts, marks }) => {
        const result = score(BINH_THUAN_HD42, facts, marks);
        const points = (code: string) => result.perCriterion.find((c) => c.code === code)?.points;
        const full =
          result.groupTotals.find((g) => g.code === "A")?.points === 5 && points("T1") === 5 && points("C5") === 5 && points("C6") === 1;
        expect(result.level === "GOOD").toBe(result.totalTenths >= 900 && full);
        if (result.totalTenths >= 900 && !full) expect(result.level).toBe("FAIR");
      }),
      { numRuns: 200 },
    );
  });
});

describe("robustness", () => {
  it("never throws, whatever it is given, and reports errors instead", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUILT_IN_RUBRICS), fc.anything(), fc.anything(), fc.anything(), (rubric, facts, marks, overrides) => {
        const result = score(
          rubric,
          facts as MeetingFacts,
          marks as Record<string, number>,
          { overrides: overrides as Record<string, { points: number; reason: string }> },
        );
        expect(result.errors.length).toBeGreaterThan(0);
        expect(result.level).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on valid facts with arbitrary marks", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUILT_IN_RUBRICS),
        factsArb,
        fc.dictionary(fc.constantFrom("P1", "C2", "C3", "T1", "B2", "K1", "X"), fc.oneof(fc.double(), fc.string(), fc.integer())),
        (rubric, facts, marks) => {
          const result = score(rubric, facts, marks);
          expect(result.total).toBeGreaterThanOrEqual(0);
          expect(result.total).toBeLessThanOrEqual(result.max);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("Points.format and Points.parse are inverses", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (tenths) => {
        expect(Points.parse(Points.format(tenths, "json"))).toBe(tenths);
        expect(Points.parse(Points.format(tenths, "vi"))).toBe(tenths);
      }),
    );
  });
});
