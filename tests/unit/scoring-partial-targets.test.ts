// A task reported PARTLY done counts its share of a target (SPEC §5.3 R1 via record-rules.targetsMet):
// the facts carry a fractional "met" and the engine's band and evidence use it exactly.
import { describe, expect, it } from "vitest";
import { score } from "@/lib/scoring/engine";
import type { MeetingFacts } from "@/lib/scoring/facts";
import { checkFacts } from "@/lib/scoring/schemas";
import { HD42_2025 } from "@/lib/scoring/rubrics";

const FACTS: MeetingFacts = {
  kind: "REGULAR",
  hasThematicPart: false,
  requiredMinutes: 90,
  actualMinutes: 95,
  present: 10,
  attendanceDenominator: 10,
  absentExcused: 0,
  absentUnexcused: 0,
  longestExcusedStreak: 0,
  speakers: 6,
  ideologyMinutes: 20,
  documentsLeadMinutes: 2880,
  finalDocumentsDelayMinutes: 600,
  hasCommittee: true,
  preMeetingHeld: true,
  preMeetingMinuted: true,
  noticeToAllMembers: true,
  noticeToOverseer: true,
  previousTargets: null,
  draftResolutionExists: true,
  preparedBySecretaryOrDeputy: true,
  minutesComplete: true,
};
const MARKS = { P1: 3, P2: 2, C1: 5, C2: 15, C4: 2, C6: 1, B1: 2, B2: 4, B3: 3, B4: 1, N1: 1, N2: 2, N3: 1, N4: 1, K1: 2, K2: 2 };
const r1 = (met: number, total: number) => score(HD42_2025, { ...FACTS, previousTargets: { met, total } }, MARKS).perCriterion.find((c) => c.code === "R1")!;

describe("previous targets met with partly done tasks", () => {
  it("2 done + one at 60 % of 3 is 2,6/3 = 86,7 % → 27 points", () => {
    const c = r1(2.6, 3);
    expect(c.points).toBe(27);
    expect(c.evidence).toContain("2,6/3");
    expect(c.evidence).toContain("86,7 %");
  });

  it("the 90 % edge is exact with hundredths: 8,99/10 is below it, 9/10 on it", () => {
    expect(r1(8.99, 10).points).toBe(27);
    expect(r1(9, 10).points).toBe(30);
  });

  it("refuses a share finer than a hundredth of a target, or more targets met than due", () => {
    expect(checkFacts({ ...FACTS, previousTargets: { met: 1.005, total: 3 } }).ok).toBe(false);
    expect(checkFacts({ ...FACTS, previousTargets: { met: 3.5, total: 3 } }).ok).toBe(false);
  });
});
