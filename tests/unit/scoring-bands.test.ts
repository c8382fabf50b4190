// Both sides of every AUTO band edge of the HD 42 frame (SPEC §5.3), plus the HD 12 "> 85 %" edge.
import { describe, expect, it } from "vitest";
import { score } from "@/lib/scoring/engine";
import type { MeetingFacts } from "@/lib/scoring/facts";
import type { Rubric } from "@/lib/scoring/model";
import { HD12_2018, HD42_2025 } from "@/lib/scoring/rubrics";

/** A meeting that earns every AUTO point; each test changes one thing. */
const BASE: MeetingFacts = {
  kind: "REGULAR",
  hasThematicPart: false,
  requiredMinutes: 90,
  actualMinutes: 90,
  present: 10,
  attendanceDenominator: 10,
  absentExcused: 0,
  absentUnexcused: 0,
  longestExcusedStreak: 0,
  speakers: 6,
  ideologyMinutes: 15,
  documentsLeadMinutes: 24 * 60,
  finalDocumentsDelayMinutes: 60,
  hasCommittee: true,
  preMeetingHeld: true,
  preMeetingMinuted: true,
  noticeToAllMembers: true,
  noticeToOverseer: true,
  previousTargets: { met: 10, total: 10 },
  draftResolutionExists: true,
  preparedBySecretaryOrDeputy: true,
  minutesComplete: true,
};

const HD42_MARKS = { P1: 3, P2: 2, C1: 5, C2: 15, C4: 2, C6: 1, B1: 2, B2: 4, B3: 3, B4: 1, N1: 1, N2: 2, N3: 1, N4: 1, K1: 2, K2: 2 };
const HD12_MARKS = { P4: 5, C2: 10, C5: 8, C6: 7, K1: 5, K3: 5 };

function pointsOf(code: string, patch: Partial<MeetingFacts>, rubric: Rubric = HD42_2025): number | undefined {
  const result = score(rubric, { ...BASE, ...patch }, rubric === HD42_2025 ? HD42_MARKS : HD12_MARKS);
  expect(result.errors).toEqual([]);
  return result.perCriterion.find((c) => c.code === code)?.points;
}

/** P of D present, everyone else excused. */
const attendance = (present: number, denominator: number): Partial<MeetingFacts> => ({
  present,
  attendanceDenominator: denominator,
  absentExcused: denominator - present,
  speakers: 0,
});

describe("T1: shortfall s = R − actual", () => {
  it.each([
    ["s < 0 (longer than required)", 120, 90, 5],
    ["s = 0", 90, 90, 5],
    ["s = 1", 89, 90, 4],
    ["s = 15", 75, 90, 4],
    ["s = 16", 74, 90, 3],
    ["s = 30", 60, 90, 3],
    ["s = 31", 59, 90, 2],
    ["actual = R/2 exactly (R = 90)", 45, 90, 2],
    ["actual one minute under R/2 (R = 90)", 44, 90, 1],
    ["actual = R/2 exactly (R = 120)", 60, 120, 2],
    ["actual under R/2 (R = 120)", 59, 120, 1],
    ["no meeting time at all", 0, 90, 1],
  ])("%s: %i/%i min → %i", (_name, actual, required, expected) => {
    expect(pointsOf("T1", { actualMinutes: actual, requiredMinutes: required, ideologyMinutes: 0 })).toBe(expected);
  });
});

describe("T1 in SPEC §5.3's order: the shortfall bands before \"under half → 1\" (issue 14)", () => {
  it.each([
    ["a committee's 45-min minimum, held 20: s = 25 → 3", 20, 45, 3],
    ["required 45, held 15: s = 30 → 3", 15, 45, 3],
    ["required 60, held 25: s = 35 and 25 < 30 → 1", 25, 60, 1],
    ["required 60, held 30: s = 30 → 3", 30, 60, 3],
  ])("%s", (_name, actual, required, expected) => {
    expect(pointsOf("T1", { actualMinutes: actual, requiredMinutes: required, ideologyMinutes: 0 })).toBe(expected);
  });

  it("the stricter reading (scoring.halfDurationFirst) checks the half first: 45 required, 20 held → 1", () => {
    const facts = { actualMinutes: 20, requiredMinutes: 45, ideologyMinutes: 0 };
    expect(pointsOf("T1", { ...facts, readings: { halfDurationFirst: true } })).toBe(1);
    expect(pointsOf("T1", { ...facts, readings: { halfDurationFirst: false } })).toBe(3);
  });
});

describe("P5, K3, A2: the edge is the tenant's setting on the meeting day (facts.readings), one source per threshold", () => {
  it("docsLeadHours = 48: documents 30 h ahead are late, P5 = 0; 48 h ahead → 2", () => {
    expect(pointsOf("P5", { documentsLeadMinutes: 30 * 60 })).toBe(2);
    expect(pointsOf("P5", { documentsLeadMinutes: 30 * 60, readings: { docsLeadHours: 48 } })).toBe(0);
    expect(pointsOf("P5", { documentsLeadMinutes: 48 * 60, readings: { docsLeadHours: 48 } })).toBe(2);
  });

  it("postMeetingPostHours = 24: final documents 30 h after → K3 = 0", () => {
    expect(pointsOf("K3", { finalDocumentsDelayMinutes: 30 * 60 })).toBe(1);
    expect(pointsOf("K3", { finalDocumentsDelayMinutes: 30 * 60, readings: { postMeetingPostHours: 24 } })).toBe(0);
  });

  it("maxExcusedStreak = 2: a streak of 3 loses A2 (HD 42) and A3 (HD 12)", () => {
    expect(pointsOf("A2", { longestExcusedStreak: 3 })).toBe(1);
    expect(pointsOf("A2", { longestExcusedStreak: 3, readings: { maxExcusedStreak: 2 } })).toBe(0);
    expect(pointsOf("A2", { longestExcusedStreak: 2, readings: { maxExcusedStreak: 2 } })).toBe(1);
    expect(pointsOf("A3", { longestExcusedStreak: 3, readings: { maxExcusedStreak: 2 } }, HD12_2018)).toBe(0);
  });
});

describe("A1: attendance rate, with an unexcused absence capping it at 1", () => {
  it.each([
    [100, 100, 4],
    [90, 100, 4],
    [89, 100, 3],
    [9, 10, 4],
    [75, 100, 3],
    [74, 100, 2],
    [3, 4, 3],
    [65, 100, 2],
    [64, 100, 1],
    [13, 20, 2],
    [0, 10, 1],
  ])("%i/%i present → %i", (present, denominator, expected) => {
    expect(pointsOf("A1", attendance(present, denominator))).toBe(expected);
  });

  it("one unexcused absence gives 1 even at 99 %", () => {
    expect(pointsOf("A1", { present: 99, attendanceDenominator: 100, absentUnexcused: 1, speakers: 0 })).toBe(1);
  });
});

describe("A2: longest excused streak", () => {
  it.each([
    [0, 1],
    [3, 1],
    [4, 0],
    [12, 0],
  ])("streak %i → %i", (streak, expected) => {
    expect(pointsOf("A2", { longestExcusedStreak: streak })).toBe(expected);
  });
});

describe("C5: share of present members who spoke (exactly 50 % → 4)", () => {
  it.each([
    [0, 10, 2],
    [59, 200, 2],
    [3, 10, 3],
    [61, 200, 3],
    [79, 200, 3],
    [4, 10, 4],
    [81, 200, 4],
    [99, 200, 4],
    [5, 10, 4],
    [101, 200, 5],
    [10, 10, 5],
  ])("%i of %i → %i", (speakers, present, expected) => {
    expect(pointsOf("C5", { ...attendance(present, present), speakers })).toBe(expected);
  });

  it("nobody present means 0 % and the lowest band, not a division by zero", () => {
    expect(pointsOf("C5", { ...attendance(0, 10) })).toBe(2);
  });
});

describe("R1: share of the previous resolution's targets met", () => {
  it.each([
    [100, 30],
    [90, 30],
    [89, 27],
    [80, 27],
    [79, 24],
    [70, 24],
    [69, 20],
    [60, 20],
    [59, 15],
    [50, 15],
    [49, 10],
    [0, 10],
  ])("%i/100 → %i", (met, expected) => {
    expect(pointsOf("R1", { previousTargets: { met, total: 100 } })).toBe(expected);
  });

  it("no task due: the SPEC §10.3 default of 30", () => {
    expect(pointsOf("R1", { previousTargets: null })).toBe(30);
  });

  it("5/9 = 55.6 % → 15 and 3/9 = 33.3 % → 10 (E4, E8)", () => {
    expect(pointsOf("R1", { previousTargets: { met: 5, total: 9 } })).toBe(15);
    expect(pointsOf("R1", { previousTargets: { met: 3, total: 9 } })).toBe(10);
  });
});

describe("P5, C8: documents on the Sổ tay", () => {
  it.each([
    ["48 h ahead", 48 * 60, 2, 1],
    ["exactly 24 h ahead", 24 * 60, 2, 1],
    ["23 h 59 m ahead", 24 * 60 - 1, 0, 1],
    ["posted after the start", -30, 0, 1],
    ["never posted", null, 0, 0],
  ])("%s → P5 %i, C8 %i", (_name, lead, p5, c8) => {
    expect(pointsOf("P5", { documentsLeadMinutes: lead })).toBe(p5);
    expect(pointsOf("C8", { documentsLeadMinutes: lead })).toBe(c8);
  });
});

describe("K3: final documents within 2 days", () => {
  it.each([
    ["right away", 0, 1],
    ["exactly 48 h after", 48 * 60, 1],
    ["48 h 1 m after", 48 * 60 + 1, 0],
    ["never", null, 0],
  ])("%s → %i", (_name, delay, expected) => {
    expect(pointsOf("K3", { finalDocumentsDelayMinutes: delay })).toBe(expected);
  });
});

describe("C7: ideology slot", () => {
  it.each([
    [0, 0],
    [14, 0],
    [15, 1],
    [30, 1],
    [45, 1],
  ])("%i min → %i", (minutes, expected) => {
    expect(pointsOf("C7", { ideologyMinutes: minutes })).toBe(expected);
  });
});

describe("P3, P4: chi ủy meeting and notice", () => {
  it.each([
    ["held and minuted", { preMeetingHeld: true, preMeetingMinuted: true }, 2],
    ["held, no minutes", { preMeetingHeld: true, preMeetingMinuted: false }, 0],
    ["not held", { preMeetingHeld: false, preMeetingMinuted: false }, 0],
    ["no chi ủy at all", { hasCommittee: false, preMeetingHeld: false, preMeetingMinuted: false }, 2],
  ])("P3 %s → %i", (_name, patch, expected) => {
    expect(pointsOf("P3", patch)).toBe(expected);
  });

  it.each([
    ["to all and to the overseer", { noticeToAllMembers: true, noticeToOverseer: true }, 1],
    ["not to the overseer", { noticeToAllMembers: true, noticeToOverseer: false }, 0],
    ["not to all members", { noticeToAllMembers: false, noticeToOverseer: true }, 0],
  ])("P4 %s → %i", (_name, patch, expected) => {
    expect(pointsOf("P4", patch)).toBe(expected);
  });
});

describe("HD 12: \"trên 85%\" is strict", () => {
  it.each([
    [86, 10],
    [85, 7],
    [75, 7],
    [74, 4],
    [65, 4],
    [64, 0],
  ])("A1 at %i/100 → %i", (present, expected) => {
    expect(pointsOf("A1", attendance(present, 100), HD12_2018)).toBe(expected);
  });

  it("H1 fails at exactly 85 % and holds just above", () => {
    const h1 = (present: number) =>
      score(HD12_2018, { ...BASE, ...attendance(present, 100) }, HD12_MARKS).conditions.find((c) => c.code === "H1")?.held;
    expect(h1(85)).toBe(false);
    expect(h1(86)).toBe(true);
  });

  it("H1 and H3 read the tenant's attendance.minRatePercent and maxExcusedStreak when the facts carry them (issue 14)", () => {
    const check = (code: string, patch: Partial<MeetingFacts>) =>
      score(HD12_2018, { ...BASE, ...patch }, HD12_MARKS).conditions.find((c) => c.code === code)?.held;
    expect(check("H1", { ...attendance(88, 100), readings: { minRatePercent: 90 } })).toBe(false);
    expect(check("H1", { ...attendance(88, 100) })).toBe(true);
    expect(check("H3", { longestExcusedStreak: 3, readings: { maxExcusedStreak: 2 } })).toBe(false);
    expect(check("H3", { longestExcusedStreak: 3 })).toBe(true);
  });

  it("H4 needs 90 minutes whatever R is (E4: a combined meeting of 100 min passes)", () => {
    const h4 = (actual: number) =>
      score(HD12_2018, { ...BASE, requiredMinutes: 120, actualMinutes: actual }, HD12_MARKS).conditions.find((c) => c.code === "H4")
        ?.held;
    expect(h4(90)).toBe(true);
    expect(h4(89)).toBe(false);
  });
});

describe("HD 42 for a pure THEMATIC meeting (issue 14): no regular content, so C2 does not apply and C3 carries 15", () => {
  const { C2: _c2, ...withoutC2 } = HD42_MARKS;

  it("is scored on C3 (max 15) without C2, to 100 points", () => {
    const result = score(HD42_2025, { ...BASE, kind: "THEMATIC", hasThematicPart: true }, { ...withoutC2, C3: 15 });
    expect(result.errors).toEqual([]);
    expect(result.perCriterion.find((c) => c.code === "C2")).toMatchObject({ applicable: false, points: 0 });
    expect(result.perCriterion.find((c) => c.code === "C3")).toMatchObject({ applicable: true, max: 15, points: 15 });
    expect(result.groupTotals.find((g) => g.code === "C")).toMatchObject({ max: 30, points: 30 });
    expect(result.total).toBe(100);
  });

  it("refuses a C2 mark for it, while a COMBINED meeting keeps C2 10 + C3 5", () => {
    const thematic = score(HD42_2025, { ...BASE, kind: "THEMATIC", hasThematicPart: true }, { ...HD42_MARKS, C2: 10, C3: 15 });
    expect(thematic.errors.map((e) => e.path)).toEqual(["C2"]);
    const combined = score(HD42_2025, { ...BASE, kind: "COMBINED", hasThematicPart: true }, { ...HD42_MARKS, C2: 10, C3: 5 });
    expect(combined.errors).toEqual([]);
    expect(combined.perCriterion.find((c) => c.code === "C3")).toMatchObject({ max: 5 });
  });
});
