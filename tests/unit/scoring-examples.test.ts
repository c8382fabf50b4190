// SPEC §11 worked examples E1–E8 (HD 42, Bình Thuận, HD 12 checks) and E9 (annual roll-up), cell by
// cell. The score cells are copied from the SPEC's table as written there and parsed below.
import { describe, expect, it } from "vitest";
import { requiredDuration } from "@/lib/meetings/rules";
import { score } from "@/lib/scoring/engine";
import { formatRatio, percentOf } from "@/lib/exact/ratio";
import type { MeetingFacts } from "@/lib/scoring/facts";
import { LEVEL_LABELS } from "@/lib/scoring/model";
import { rollupYear, type RatedMeeting } from "@/lib/scoring/rollup";
import { BINH_THUAN_HD42, HD12_2018, HD42_2025 } from "@/lib/scoring/rubrics";
import type { Level } from "@/lib/domain/levels";

const HOUR = 60;
const DAY = 24 * HOUR;

/** Item codes of each group in code order, as the SPEC's score cells list them. */
const ITEMS: Record<string, string[]> = {
  T: ["T1"],
  A: ["A1", "A2"],
  P: ["P1", "P2", "P3", "P4", "P5"],
  C: ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"],
  B: ["B1", "B2", "B3", "B4"],
  N: ["N1", "N2", "N3", "N4"],
  R: ["R1"],
  K: ["K1", "K2", "K3"],
};
const MANUAL = new Set(["P1", "P2", "C1", "C2", "C3", "C4", "C6", "B1", "B2", "B3", "B4", "N1", "N2", "N3", "N4", "K1", "K2"]);

interface Example {
  id: string;
  /** Table row "Required R / actual", checked against requiredDuration(). */
  required: number;
  rate: string;
  speakersShare: string;
  targetsShare: string;
  facts: Omit<MeetingFacts, "requiredMinutes">;
  /** Score cells exactly as in the SPEC ("2+2+2+1+2 = 9"). */
  cells: Record<keyof typeof ITEMS, string>;
  total: number;
  level: Level;
  binhThuanFailed: string[];
  binhThuanLevel: Level;
  hd12Failed: string[];
}

const common = {
  kind: "REGULAR",
  hasThematicPart: false,
  hasCommittee: true,
  preMeetingHeld: true,
  preMeetingMinuted: true,
  noticeToAllMembers: true,
  noticeToOverseer: true,
  draftResolutionExists: true,
  preparedBySecretaryOrDeputy: true,
  minutesComplete: true,
} as const;

const EXAMPLES: Example[] = [
  {
    id: "E1",
    required: 90,
    rate: "90.91",
    speakersShare: "55.0",
    targetsShare: "80.0",
    facts: {
      ...common,
      actualMinutes: 95,
      present: 20,
      attendanceDenominator: 22,
      absentExcused: 2,
      absentUnexcused: 0,
      longestExcusedStreak: 2,
      speakers: 11,
      ideologyMinutes: 20,
      documentsLeadMinutes: 2 * DAY,
      finalDocumentsDelayMinutes: DAY, // next day
      previousTargets: { met: 8, total: 10 },
    },
    cells: {
      T: "5",
      A: "4+1 = 5",
      P: "2+2+2+1+2 = 9",
      C: "5+12+0+2+5+1+1+1 = 27",
      B: "2+3+2+1 = 8",
      N: "1+1+1+1 = 4",
      R: "27",
      K: "2+2+1 = 5",
    },
    total: 90,
    level: "GOOD",
    binhThuanFailed: [],
    binhThuanLevel: "GOOD",
    hd12Failed: [],
  },
  {
    id: "E2",
    required: 90,
    rate: "91.67",
    speakersShare: "54.5",
    targetsShare: "80.0",
    facts: {
      ...common,
      actualMinutes: 92,
      present: 11,
      attendanceDenominator: 12,
      absentExcused: 1,
      absentUnexcused: 0,
      longestExcusedStreak: 3,
      speakers: 6,
      ideologyMinutes: 15,
      documentsLeadMinutes: 20 * HOUR,
      finalDocumentsDelayMinutes: 3 * DAY, // day 3
      previousTargets: { met: 8, total: 10 },
    },
    cells: {
      T: "5",
      A: "4+1 = 5",
      P: "3+2+2+1+0 = 8",
      C: "5+11+0+2+5+1+1+1 = 26",
      B: "2+3.5+3+1 = 9.5",
      N: "1+2+1+1 = 5",
      R: "27",
      K: "2+2+0 = 4",
    },
    total: 89.5,
    level: "FAIR",
    binhThuanFailed: [],
    binhThuanLevel: "FAIR",
    hd12Failed: [],
  },
  {
    id: "E3",
    required: 120,
    rate: "90.63",
    speakersShare: "44.8",
    targetsShare: "70.0",
    facts: {
      ...common,
      actualMinutes: 125,
      present: 29,
      attendanceDenominator: 32,
      absentExcused: 2,
      absentUnexcused: 1,
      longestExcusedStreak: 2,
      speakers: 13,
      ideologyMinutes: 25,
      documentsLeadMinutes: 2 * DAY,
      finalDocumentsDelayMinutes: DAY,
      previousTargets: { met: 14, total: 20 },
    },
    cells: {
      T: "5",
      A: "1+1 = 2",
      P: "3+2+2+1+2 = 10",
      C: "5+13+0+2+4+1+1+1 = 27",
      B: "2+4+2+1 = 9",
      N: "1+2+1+1 = 5",
      R: "24",
      K: "2+2+1 = 5",
    },
    total: 87,
    level: "FAIR",
    binhThuanFailed: ["A", "C5"],
    binhThuanLevel: "FAIR",
    hd12Failed: ["H2"],
  },
  {
    id: "E4",
    required: 120,
    rate: "88.24",
    speakersShare: "33.3",
    targetsShare: "55.6",
    facts: {
      ...common,
      kind: "COMBINED",
      hasThematicPart: true,
      actualMinutes: 100,
      present: 15,
      attendanceDenominator: 17,
      absentExcused: 2,
      absentUnexcused: 0,
      longestExcusedStreak: 4,
      speakers: 5,
      ideologyMinutes: 10,
      documentsLeadMinutes: 3 * DAY,
      finalDocumentsDelayMinutes: DAY,
      previousTargets: { met: 5, total: 9 },
    },
    cells: {
      T: "3",
      A: "3+0 = 3",
      P: "3+2+2+1+2 = 10",
      C: "5+8+4+2+3+1+0+1 = 24",
      B: "2+2+1+1 = 6",
      N: "1+1+1+1 = 4",
      R: "15",
      K: "2+2+1 = 5",
    },
    total: 70,
    level: "FAIR",
    binhThuanFailed: ["A", "T1", "C5"],
    binhThuanLevel: "FAIR",
    hd12Failed: ["H3"],
  },
  {
    id: "E5",
    required: 90,
    rate: "86.36",
    speakersShare: "63.2",
    targetsShare: "90.0",
    facts: {
      ...common,
      actualMinutes: 100,
      present: 19,
      attendanceDenominator: 22,
      absentExcused: 3,
      absentUnexcused: 0,
      longestExcusedStreak: 2,
      speakers: 12,
      ideologyMinutes: 20,
      documentsLeadMinutes: 30 * HOUR,
      finalDocumentsDelayMinutes: 3 * HOUR, // same day
      previousTargets: { met: 9, total: 10 },
    },
    cells: {
      T: "5",
      A: "3+1 = 4",
      P: "3+2+2+1+2 = 10",
      C: "5+11+0+2+5+1+1+1 = 26",
      B: "2+3+3+1 = 9",
      N: "1+1+1+1 = 4",
      R: "30",
      K: "2+2+1 = 5",
    },
    total: 93,
    level: "GOOD",
    binhThuanFailed: ["A"],
    binhThuanLevel: "FAIR",
    hd12Failed: [],
  },
  {
    id: "E6",
    required: 90,
    rate: "93.33",
    speakersShare: "50.0",
    targetsShare: "100.0",
    facts: {
      ...common,
      actualMinutes: 90,
      present: 14,
      attendanceDenominator: 15,
      absentExcused: 1,
      absentUnexcused: 0,
      longestExcusedStreak: 1,
      speakers: 7,
      ideologyMinutes: 20,
      documentsLeadMinutes: 2 * DAY,
      finalDocumentsDelayMinutes: DAY,
      previousTargets: { met: 10, total: 10 },
    },
    cells: {
      T: "5",
      A: "4+1 = 5",
      P: "3+2+2+1+2 = 10",
      C: "5+14+0+2+4+1+1+1 = 28",
      B: "2+4+3+1 = 10",
      N: "1+2+1+1 = 5",
      R: "30",
      K: "2+2+1 = 5",
    },
    total: 98,
    level: "GOOD",
    binhThuanFailed: ["C5"],
    binhThuanLevel: "FAIR",
    hd12Failed: [],
  },
  {
    id: "E7",
    required: 90,
    rate: "77.78",
    speakersShare: "28.6",
    targetsShare: "60.0",
    facts: {
      ...common,
      draftResolutionExists: false,
      actualMinutes: 55,
      present: 7,
      attendanceDenominator: 9,
      absentExcused: 2,
      absentUnexcused: 0,
      longestExcusedStreak: 2,
      speakers: 2,
      ideologyMinutes: 5,
      documentsLeadMinutes: 10 * HOUR,
      finalDocumentsDelayMinutes: 4 * DAY, // day 4
      previousTargets: { met: 6, total: 10 },
    },
    cells: {
      T: "2",
      A: "3+1 = 4",
      P: "2+1+2+1+0 = 6",
      C: "4+8+0+1+2+1+0+1 = 17",
      B: "1+2+2+1 = 6",
      N: "1+1+0+1 = 3",
      R: "20",
      K: "2+2+0 = 4",
    },
    total: 62,
    level: "AVERAGE",
    binhThuanFailed: ["A", "T1", "C5"],
    binhThuanLevel: "AVERAGE",
    hd12Failed: ["H1", "H4", "H6"],
  },
  {
    id: "E8",
    required: 90,
    rate: "55.56",
    speakersShare: "20.0",
    targetsShare: "33.3",
    facts: {
      ...common,
      preMeetingHeld: false,
      preMeetingMinuted: false,
      draftResolutionExists: false,
      actualMinutes: 40,
      present: 5,
      attendanceDenominator: 9,
      absentExcused: 2,
      absentUnexcused: 2,
      longestExcusedStreak: 4,
      speakers: 1,
      ideologyMinutes: 0,
      documentsLeadMinutes: null,
      finalDocumentsDelayMinutes: null,
      previousTargets: { met: 3, total: 9 },
    },
    cells: {
      T: "1",
      A: "1+0 = 1",
      P: "2+0+0+1+0 = 3",
      C: "3+6+0+0+2+1+0+0 = 12",
      B: "1+1+2+1 = 5",
      N: "1+1+0+1 = 3",
      R: "10",
      K: "2+1+0 = 3",
    },
    total: 38,
    level: "POOR",
    binhThuanFailed: ["A", "T1", "C5"],
    binhThuanLevel: "POOR",
    hd12Failed: ["H1", "H2", "H3", "H4", "H5", "H6"],
  },
];

/** "2+3.5+3+1 = 9.5" → per-item points and the group sum. */
function parseCell(group: string, cell: string): { items: Record<string, number>; sum: number } {
  const [left = "", right] = cell.split("=");
  const values = left.split("+").map((v) => Number(v.trim()));
  const codes = ITEMS[group] ?? [];
  expect(values).toHaveLength(codes.length);
  const items = Object.fromEntries(codes.map((code, i) => [code, values[i] ?? NaN]));
  const sum = right === undefined ? (values[0] ?? NaN) : Number(right.trim());
  return { items, sum };
}

function setUp(example: Example) {
  const required = requiredDuration({ kind: example.facts.kind, attendanceDenominator: example.facts.attendanceDenominator });
  const facts: MeetingFacts = { ...example.facts, requiredMinutes: required.minutes };
  const expected: Record<string, number> = {};
  const groups: Record<string, number> = {};
  for (const [group, cell] of Object.entries(example.cells)) {
    const parsed = parseCell(group, cell);
    Object.assign(expected, parsed.items);
    groups[group] = parsed.sum;
  }
  const marks: Record<string, number> = {};
  for (const [code, points] of Object.entries(expected)) {
    // C3 is only marked when the meeting has a thematic part (E4); elsewhere it is not applicable.
    if (MANUAL.has(code) && (code !== "C3" || facts.hasThematicPart)) marks[code] = points;
  }
  return { facts, expected, groups, marks, required };
}

describe.each(EXAMPLES)("SPEC §11 $id", (example) => {
  const { facts, expected, groups, marks, required } = setUp(example);

  it("has the facts of the table: R, rate, speakers' share, targets met", () => {
    expect(required.minutes).toBe(example.required);
    expect(formatRatio(percentOf(facts.present, facts.attendanceDenominator), 2, "json")).toBe(example.rate);
    expect(formatRatio(percentOf(facts.speakers, facts.present), 1, "json")).toBe(example.speakersShare);
    const targets = facts.previousTargets;
    expect(targets && formatRatio(percentOf(targets.met, targets.total), 1, "json")).toBe(example.targetsShare);
  });

  it("scores every cell, group, the total and the level under HD 42", () => {
    const result = score(HD42_2025, facts, marks);
    expect(result.errors).toEqual([]);
    const points = Object.fromEntries(result.perCriterion.map((c) => [c.code, c.points]));
    expect(points).toEqual(expected);
    const totals = Object.fromEntries(result.groupTotals.map((g) => [g.code, g.points]));
    expect(totals).toEqual(groups);
    expect(result.total).toBe(example.total);
    expect(result.max).toBe(100);
    expect(result.level).toBe(example.level);
    expect(result.levelLabel).toBe(LEVEL_LABELS[example.level]);
    expect(result.perCriterion.find((c) => c.code === "C3")?.applicable).toBe(facts.hasThematicPart);
    expect(result.perCriterion.find((c) => c.code === "C2")?.max).toBe(facts.hasThematicPart ? 10 : 15);
  });

  it("fails the Bình Thuận checks of the table and lands on its level", () => {
    const result = score(BINH_THUAN_HD42, facts, marks);
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(example.total);
    expect(result.conditions.filter((c) => !c.held).map((c) => c.code)).toEqual(example.binhThuanFailed);
    expect(result.level).toBe(example.binhThuanLevel);
  });

  it("fails exactly the HD 12 checks of the table", () => {
    const result = score(HD12_2018, facts, { P4: 5, C2: 10, C5: 8, C6: 7, K1: 5, K3: 5 });
    expect(result.errors).toEqual([]);
    expect(result.conditions.map((c) => c.code)).toEqual(["H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8"]);
    expect(result.conditions.filter((c) => !c.held).map((c) => c.code)).toEqual(example.hd12Failed);
    if (example.hd12Failed.length > 0) expect(result.level).not.toBe("GOOD");
  });
});

describe("SPEC §11 notes, in the engine's own words", () => {
  const byId = (id: string) => {
    const example = EXAMPLES.find((e) => e.id === id);
    if (!example) throw new Error(id);
    return setUp(example);
  };
  const evidence = (id: string, code: string) => {
    const { facts, marks } = byId(id);
    return score(HD42_2025, facts, marks).perCriterion.find((c) => c.code === code)?.evidence;
  };

  it("explains each AUTO result with the measured fact", () => {
    expect(evidence("E1", "A1")).toBe("20/22 có mặt = 90,9 % → 4 điểm");
    expect(evidence("E4", "T1")).toBe("Thời lượng 100/120 phút, thiếu 20 phút → 3 điểm");
    expect(evidence("E7", "T1")).toBe("Thời lượng 55/90 phút, thiếu 35 phút → 2 điểm");
    expect(evidence("E8", "T1")).toBe("Thời lượng 40/90 phút = 44,4 % thời lượng yêu cầu → 1 điểm");
    expect(evidence("E3", "A1")).toBe("Có 1 đảng viên vắng không lý do (29/32 có mặt = 90,6 %) → 1 điểm");
    expect(evidence("E6", "C5")).toBe("7/14 đảng viên có mặt phát biểu = 50,0 % → 4 điểm");
    expect(evidence("E2", "P5")).toBe("Tài liệu đăng trước cuộc họp 20 giờ → 0 điểm");
    expect(evidence("E8", "P3")).toBe("Chi ủy chưa họp chuẩn bị; không có biên bản họp chi ủy → 0 điểm");
    expect(evidence("E1", "R1")).toBe("8/10 chỉ tiêu nghị quyết kỳ trước hoàn thành = 80,0 % → 27 điểm");
  });

  it("E6: with 8 of 14 speaking it would be 99 and Tốt under both", () => {
    const { facts, marks } = byId("E6");
    const better = { ...facts, speakers: 8 };
    expect(score(HD42_2025, better, marks)).toMatchObject({ total: 99, level: "GOOD" });
    expect(score(BINH_THUAN_HD42, better, marks)).toMatchObject({ total: 99, level: "GOOD" });
  });

  it("E2: 89.5 is Khá without rounding, 90 would be Tốt", () => {
    const { facts, marks } = byId("E2");
    expect(score(HD42_2025, facts, marks)).toMatchObject({ total: 89.5, totalTenths: 895, level: "FAIR" });
    expect(score(HD42_2025, facts, { ...marks, B2: 4 })).toMatchObject({ total: 90, totalTenths: 900, level: "GOOD" });
  });
});

describe("SPEC §11 E9: annual roll-up, Phú Thọ rule", () => {
  const CODES: Record<string, Level> = { T: "GOOD", K: "FAIR", TB: "AVERAGE", "Kém": "POOR" };
  const year = (levels: string): RatedMeeting[] =>
    levels.split(" ").map((code, i) => ({
      date: `2026-${String(i + 1).padStart(2, "0")}-15`,
      kind: "REGULAR",
      level: CODES[code] ?? "POOR",
    }));

  it.each([
    ["A", "T T K T T T K T K T K T", { GOOD: 8, FAIR: 4, AVERAGE: 0, POOR: 0 }, true, "GOOD"],
    ["B", "T T T K T T TB T T K T T", { GOOD: 9, FAIR: 2, AVERAGE: 1, POOR: 0 }, false, "FAIR"],
    ["C", "T K T K T K T K T K T K", { GOOD: 6, FAIR: 6, AVERAGE: 0, POOR: 0 }, true, "FAIR"],
    ["D", "T T T T T T T Kém T K T T", { GOOD: 10, FAIR: 1, AVERAGE: 0, POOR: 1 }, false, "AVERAGE"],
  ] as const)("branch %s: %s", (_branch, levels, counts, allAtLeastFair, expected) => {
    const result = rollupYear(year(levels), 2026);
    expect(result.counts).toEqual(counts);
    expect(result.allMonthlyAtLeastGoodFloor).toBe(allAtLeastFair);
    expect(result.level).toBe(expected);
  });

  it("a missing month counts as Kém, which puts a branch in case D", () => {
    const meetings = year("T T T T T T T T T T T T").filter((m) => m.date !== "2026-08-15");
    const result = rollupYear(meetings, 2026);
    expect(result.missingMonths).toEqual([8]);
    expect(result.counts).toMatchObject({ GOOD: 11, POOR: 1 });
    expect(result.level).toBe("AVERAGE");
    expect(result.explanation).toContain("tháng 8 không sinh hoạt, tính là Kém");
  });
});
