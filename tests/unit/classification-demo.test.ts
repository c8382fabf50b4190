// The demo classification (lib/seed/demo-classification.ts): what each demo role is promised to
// find, whatever ids a seed draws — the cap exceeded by exactly one member in one grassroots
// organisation, the secretary's branch not yet assessed but its review meeting held, the member
// account not started, every stored column one the workflow would have accepted.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { capStatus } from "@/lib/classification/cap";
import { classify } from "@/lib/classification/engine";
import { QD366_COLLECTIVE, QD366_MEMBER, QD366_MEMBER_LEADER } from "@/lib/classification/frames";
import type { ClassificationLevel, ConditionFacts, Frame } from "@/lib/classification/model";
import { DEMO_UNITS, generateDemoTenant, utcDate } from "@/lib/seed/demo-data";
import { demoClassificationYear, generateDemoClassification } from "@/lib/seed/demo-classification";

const AS_OF = utcDate("2026-12-07");

describe("demo classification", () => {
  // Two seeds with different ids: the promises hold for both.
  const runs = [0, 1].map(() => {
    const data = generateDemoTenant({ asOf: AS_OF, newId: randomUUID });
    return { data, rows: generateDemoClassification(data, { asOf: AS_OF, newId: randomUUID }) };
  });

  it.each(runs.map((r, i) => [i, r] as const))("seed %i: one grassroots organisation has exactly one member above the cap, waiting for a decision", (_i, { rows }) => {
    const byDeciding = new Map<string, { excellent: number; good: number; appraisedExcellent: number }>();
    for (const c of rows.classifications.filter((c) => c.subject !== "COLLECTIVE" && c.state !== "DRAFT")) {
      const level = (c.state === "DECIDED" ? c.decisionLevel : (c.appraisalLevel ?? c.reviewLevel ?? c.selfLevel)) as ClassificationLevel;
      const g = byDeciding.get(c.decidingUnitId) ?? { excellent: 0, good: 0, appraisedExcellent: 0 };
      if (level === "EXCELLENT") g.excellent += 1;
      if (level === "GOOD") g.good += 1;
      if (c.state === "APPRAISED" && level === "EXCELLENT") g.appraisedExcellent += 1;
      byDeciding.set(c.decidingUnitId, g);
    }
    const over = [...byDeciding.values()].map((g) => ({ ...g, over: capStatus(g, { percent: 20, base: "GOOD_OR_BETTER" }).over })).filter((g) => g.over > 0);
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ over: 1, appraisedExcellent: 1 });
  });

  it("the secretary's branch has its review meeting held and is not assessed yet; the member account has not started", () => {
    const { data, rows } = runs[0]!;
    const budget = data.orgUnits.find((u) => u.code === DEMO_UNITS.budgetBranch.code)!;
    expect(rows.classifications.some((c) => c.subjectId === budget.id)).toBe(false);
    expect(rows.meetings.filter((m) => m.branchId === budget.id)).toMatchObject([{ kind: "REVIEW", state: "MINUTES_ADOPTED" }]);
    const dangvien = data.users.find((u) => u.username === "dangvien")!;
    expect(rows.classifications.some((c) => c.memberId === dangvien.memberId)).toBe(false);
    expect(rows.classifications.filter((c) => c.unitId === budget.id && c.state === "SELF_ASSESSED").length).toBeGreaterThan(5);
    expect(demoClassificationYear(AS_OF)).toBe(2026);
    expect(demoClassificationYear(utcDate("2027-03-01"))).toBe(2026);
  });

  it("every submitted column is one the engine allows at its level, and decisions keep the totals", () => {
    const frames = new Map<string, Frame>([QD366_COLLECTIVE, QD366_MEMBER, QD366_MEMBER_LEADER].map((f) => [runs[0]!.rows.frames.find((r) => r.code === f.code)!.id as string, f]));
    const submitted = runs[0]!.rows.classifications.filter((c) => c.state !== "DRAFT");
    expect(submitted.length).toBeGreaterThan(500);
    for (const c of submitted) {
      const marks = c.selfMarks as { marks: Record<string, number>; remarks: Record<string, string> };
      const result = classify(frames.get(c.frameId)!, { ...marks, facts: c.selfFacts as ConditionFacts, proposedLevel: c.selfLevel as ClassificationLevel }, { requireJudgedRemarks: true });
      expect(result.errors, c.id).toEqual([]);
      expect(result.totalTenths).toBe(c.selfTotalTenths);
      if (c.state === "DECIDED") expect(c.decisionTotalTenths).toBe(c.selfTotalTenths);
    }
  });
});
