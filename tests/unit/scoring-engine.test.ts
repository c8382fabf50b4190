// The engine's contract around the numbers: exact points, marks and overrides validated into errors
// (never a throw), facts checked, the rubric in force chosen by date, kind and scope, roll-up options.
import { describe, expect, it } from "vitest";
import { score } from "@/lib/scoring/engine";
import { Points, compareRatio, formatRatio, percentOf } from "@/lib/exact/ratio";
import type { MeetingFacts } from "@/lib/scoring/facts";
import type { Rubric } from "@/lib/scoring/model";
import { rollupYear, thematicQuota } from "@/lib/scoring/rollup";
import { BINH_THUAN_HD42, HD12_2018, HD42_2025, NATIONAL_RUBRICS, rubricInForce } from "@/lib/scoring/rubrics";
import { PHU_THO_ROLLUP } from "@/lib/domain/annual-rollup";

const FACTS: MeetingFacts = {
  kind: "REGULAR",
  hasThematicPart: false,
  requiredMinutes: 120,
  actualMinutes: 100,
  present: 20,
  attendanceDenominator: 22,
  absentExcused: 2,
  absentUnexcused: 0,
  longestExcusedStreak: 1,
  speakers: 11,
  ideologyMinutes: 20,
  documentsLeadMinutes: 2880,
  finalDocumentsDelayMinutes: 1440,
  hasCommittee: true,
  preMeetingHeld: true,
  preMeetingMinuted: true,
  noticeToAllMembers: true,
  noticeToOverseer: true,
  previousTargets: { met: 8, total: 10 },
  draftResolutionExists: true,
  preparedBySecretaryOrDeputy: true,
  minutesComplete: true,
};

const MARKS = { P1: 3, P2: 2, C1: 5, C2: 15, C4: 2, C6: 1, B1: 2, B2: 4, B3: 3, B4: 1, N1: 1, N2: 2, N3: 1, N4: 1, K1: 2, K2: 2 };

const messages = (result: { errors: { message: string }[] }) => result.errors.map((e) => e.message);

describe("Points and ratios", () => {
  it.each([
    ["4.5", 45],
    ["4,5", 45],
    [4.5, 45],
    [" 30 ", 300],
    [0, 0],
    ["4.55", null],
    [-1, null],
    ["-0.5", null],
    [0.1 + 0.2, null],
    ["abc", null],
    [Number.NaN, null],
  ] as const)("parse(%j) → %j", (input, expected) => {
    expect(Points.parse(input)).toBe(expected);
  });

  it("formats vi-VN with a comma and JSON with a point, whole numbers bare", () => {
    expect(Points.format(45)).toBe("4,5");
    expect(Points.format(45, "json")).toBe("4.5");
    expect(Points.format(900)).toBe("90");
  });

  it("rounds ratios half up with integers only", () => {
    expect(formatRatio(percentOf(29, 32), 2, "json")).toBe("90.63");
    expect(formatRatio(percentOf(20, 22), 1)).toBe("90,9");
    expect(formatRatio(percentOf(1, 8), 0)).toBe("13");
    expect(compareRatio(percentOf(9, 10), { num: 90, den: 1 })).toBe(0);
    expect(compareRatio(percentOf(57, 100), { num: 57, den: 1 })).toBe(0);
  });
});

describe("manual marks are validated into errors, not exceptions", () => {
  const without = (code: string) => Object.fromEntries(Object.entries(MARKS).filter(([k]) => k !== code));

  it("scores a complete, valid sheet", () => {
    const result = score(HD42_2025, FACTS, MARKS);
    expect(messages(result)).toEqual([]);
    // T1 3 (100/120 min) + A 5 + P 10 + C 30 + B 10 + N 5 + R 27 + K 5
    expect(result.total).toBe(95);
    expect(result.level).toBe("GOOD");
  });

  it.each([
    ["a missing mark", without("P1"), "Chưa chấm tiêu chí P1 (Nội dung đúng, đủ, trọng tâm, sát tình hình cơ sở)."],
    ["a mark above the maximum", { ...MARKS, C2: 15.5 }, "Điểm tiêu chí C2 (15,5) vượt điểm tối đa 15."],
    ["a mark off the 0.5 step", { ...MARKS, B2: "3,2" }, "Điểm tiêu chí B2 (3,2) phải là bội số của 0,5."],
    ["a negative mark", { ...MARKS, B1: -1 }, "Điểm tiêu chí B1 không được âm."],
    ["a mark that is not a number", { ...MARKS, B1: "hai" }, 'Điểm tiêu chí B1 không hợp lệ: "hai" (cần số không âm, tối đa một chữ số thập phân).'],
    ["a mark for an AUTO criterion", { ...MARKS, T1: 5 }, "Tiêu chí T1 được tính tự động; muốn thay đổi phải ghi đè kèm lý do."],
    ["a mark for an unknown code", { ...MARKS, Z1: 1 }, "Khung HD42_2025 không có tiêu chí mã Z1."],
    ["C3 without a thematic part", { ...MARKS, C3: 4 }, "Tiêu chí C3 không áp dụng cho kỳ sinh hoạt này (khi không có phần chuyên đề)."],
  ])("%s", (_name, marks, message) => {
    const result = score(HD42_2025, FACTS, marks);
    expect(messages(result)).toEqual([message]);
    expect(result.level).toBeNull();
    expect(result.total).toBeGreaterThanOrEqual(0);
  });

  it("with a thematic part C2 is capped at 10 and C3 must be marked", () => {
    const facts = { ...FACTS, kind: "COMBINED" as const, hasThematicPart: true };
    expect(messages(score(HD42_2025, facts, MARKS))).toEqual([
      "Điểm tiêu chí C2 (15) vượt điểm tối đa 10.",
      "Chưa chấm tiêu chí C3 (Nội dung sinh hoạt chuyên đề).",
    ]);
    expect(score(HD42_2025, facts, { ...MARKS, C2: 10, C3: 5 })).toMatchObject({ total: 95, errors: [] });
  });

  it("accepts \"4,5\" and \"4.5\" alike", () => {
    expect(score(HD42_2025, FACTS, { ...MARKS, B2: "3,5" }).total).toBe(94.5);
    expect(score(HD42_2025, FACTS, { ...MARKS, B2: "3.5" }).total).toBe(94.5);
  });
});

describe("overriding an AUTO result", () => {
  it("keeps the computed value, the new one and the reason", () => {
    const result = score(HD42_2025, FACTS, MARKS, {
      overrides: { T1: { points: 5, reason: "Giờ kết thúc ghi nhầm, biên bản ghi 120 phút" } },
    });
    expect(messages(result)).toEqual([]);
    const t1 = result.perCriterion.find((c) => c.code === "T1");
    expect(t1).toMatchObject({ points: 5, computedPoints: 3, overridden: true, overrideReason: "Giờ kết thúc ghi nhầm, biên bản ghi 120 phút" });
    expect(t1?.evidence).toBe(
      "Ghi đè: 5 điểm (tự động: Thời lượng 100/120 phút, thiếu 20 phút → 3 điểm). Lý do: Giờ kết thúc ghi nhầm, biên bản ghi 120 phút",
    );
    expect(result.total).toBe(97);
  });

  it.each([
    ["without a reason", { T1: { points: 5, reason: "  " } }, "Ghi đè điểm tự động của tiêu chí T1 phải nêu lý do."],
    ["above the maximum", { T1: { points: 6, reason: "x" } }, "Điểm ghi đè tiêu chí T1 (6) vượt điểm tối đa 5."],
    ["on a MANUAL criterion", { P1: { points: 3, reason: "x" } }, "Tiêu chí P1 là tiêu chí chấm tay, nhập điểm trực tiếp thay vì ghi đè."],
  ])("is refused %s", (_name, overrides, message) => {
    const result = score(HD42_2025, FACTS, MARKS, { overrides });
    expect(messages(result)).toEqual([message]);
    expect(result.level).toBeNull();
    expect(result.perCriterion.find((c) => c.code === "T1")?.points).toBe(3);
  });
});

describe("facts are checked", () => {
  it.each([
    [
      "attendance that does not add up",
      { absentExcused: 1 },
      "Số có mặt (20) + vắng có lý do (1) + vắng không lý do (0) = 21, phải bằng số đảng viên phải dự (22).",
    ],
    ["more speakers than members present", { speakers: 21 }, "Số đảng viên phát biểu (21) vượt số có mặt (20)."],
    ["more targets met than set", { previousTargets: { met: 11, total: 10 } }, "Số chỉ tiêu đạt (11) vượt tổng số chỉ tiêu (10)."],
    ["a non-integer count", { present: 19.5 }, 'Dữ liệu kỳ sinh hoạt tại "present": sai kiểu dữ liệu hoặc bị thiếu.'],
  ])("%s", (_name, patch, message) => {
    const result = score(HD42_2025, { ...FACTS, ...patch }, MARKS);
    expect(messages(result)).toContain(message);
    expect(result.level).toBeNull();
  });

  it("a kind the rubric does not cover", () => {
    const result = score(HD42_2025, { ...FACTS, kind: "EXTRAORDINARY" }, MARKS);
    expect(messages(result)).toEqual(["Khung HD42_2025 không áp dụng cho loại kỳ sinh hoạt EXTRAORDINARY."]);
    expect(result.level).toBeNull();
  });
});

describe("Bình Thuận conditions explain themselves", () => {
  it("lists the four full-point conditions with what was reached", () => {
    const result = score(BINH_THUAN_HD42, { ...FACTS, actualMinutes: 120 }, MARKS);
    expect(result.conditions.map((c) => [c.code, c.held, c.explanation])).toEqual([
      ["A", true, "Nhóm A đạt 5/5 điểm (đủ điểm tối đa)."],
      ["T1", true, "Tiêu chí T1 đạt 5/5 điểm (đủ điểm tối đa)."],
      ["C5", true, "Tiêu chí C5 đạt 5/5 điểm (đủ điểm tối đa)."],
      ["C6", true, "Tiêu chí C6 đạt 1/1 điểm (đủ điểm tối đa)."],
    ]);
    expect(result.level).toBe("GOOD");
    const short = score(BINH_THUAN_HD42, { ...FACTS, actualMinutes: 120 }, { ...MARKS, C6: 0.5, B2: 4 });
    expect(short.conditions.find((c) => c.code === "C6")).toMatchObject({
      held: false,
      explanation: "Tiêu chí C6 đạt 0,5/1 điểm: chưa đạt điểm tối đa.",
    });
    expect(short).toMatchObject({ total: 96.5, level: "FAIR" });
  });
});

describe("rubricInForce", () => {
  const enabled = [...NATIONAL_RUBRICS, BINH_THUAN_HD42];

  it.each([
    ["2018-07-05", "REGULAR", null],
    ["2018-07-06", "REGULAR", "HD12_2018"],
    ["2025-10-27", "COMBINED", "HD12_2018"],
    ["2025-10-28", "REGULAR", "HD42_2025"],
    ["2026-03-01", "THEMATIC", "HD42_2025"],
    ["2026-03-01", "EXTRAORDINARY", null],
  ] as const)("national frames on %s for %s → %s", (date, kind, code) => {
    expect(rubricInForce(NATIONAL_RUBRICS, date, kind)?.code ?? null).toBe(code);
  });

  it("a tenant's template wins over the national frame, only while both are in force", () => {
    expect(rubricInForce(enabled, "2026-03-01", "REGULAR")?.code).toBe("BINH_THUAN_HD42");
    expect(rubricInForce(enabled, "2025-06-01", "REGULAR")?.code).toBe("HD12_2018");
  });

  it("among equals, the later effectiveFrom and then the higher version", () => {
    const v2: Rubric = { ...HD42_2025, version: 2 };
    const later: Rubric = { ...HD42_2025, code: "HD42_2026", effectiveFrom: "2026-01-01" };
    expect(rubricInForce([HD42_2025, v2], "2026-03-01", "REGULAR")).toBe(v2);
    expect(rubricInForce([later, HD42_2025, HD12_2018], "2026-03-01", "REGULAR")).toBe(later);
    expect(rubricInForce([later, HD42_2025], "2025-12-01", "REGULAR")).toBe(HD42_2025);
  });
});

describe("annual roll-up options and the thematic quota", () => {
  const months = (codes: string) =>
    codes.split(" ").map((c, i) => ({
      date: `2026-${String(i + 1).padStart(2, "0")}-10`,
      kind: "REGULAR" as const,
      level: c === "T" ? ("GOOD" as const) : ("FAIR" as const),
    }));

  it("the number of Tốt meetings is a setting", () => {
    const a = months("T T K T T T K T K T K T");
    expect(rollupYear(a, 2026).level).toBe("GOOD");
    expect(rollupYear(a, 2026, { ...PHU_THO_ROLLUP, minGoodCount: 9 }).level).toBe("FAIR");
  });

  it("SPEC §5.4 rates Tốt on the regular meetings: a Kém thematic meeting does not pull a Tốt year down (issue 14)", () => {
    const a = [...months("T T K T T T K T K T K T"), { date: "2026-05-20", kind: "THEMATIC" as const, level: "POOR" as const }];
    expect(rollupYear(a, 2026).level).toBe("GOOD");
    // A year that misses Tốt still needs every meeting ≥ Trung bình for Khá.
    const c = [...months("T K T K T K T K T K T K"), { date: "2026-05-20", kind: "THEMATIC" as const, level: "POOR" as const }];
    expect(rollupYear(c, 2026).level).toBe("AVERAGE");
  });

  it("the stricter reading (goodNeedsFairCondition) keeps that year at Trung bình", () => {
    const a = [...months("T T K T T T K T K T K T"), { date: "2026-05-20", kind: "THEMATIC" as const, level: "POOR" as const }];
    expect(rollupYear(a, 2026, { ...PHU_THO_ROLLUP, goodNeedsFairCondition: true }).level).toBe("AVERAGE");
  });

  it("a combined meeting counts as the month's regular meeting", () => {
    const a = months("T T K T T T K T K T K T").map((m, i) => (i === 4 ? { ...m, kind: "COMBINED" as const } : m));
    expect(rollupYear(a, 2026)).toMatchObject({ missingMonths: [], level: "GOOD" });
  });

  it("flags ended quarters without a thematic or combined meeting", () => {
    const quota = thematicQuota(
      [
        { date: "2026-02-10", kind: "THEMATIC" },
        { date: "2026-05-10", kind: "REGULAR" },
        { date: "2026-08-10", kind: "COMBINED" },
        { date: "2025-11-10", kind: "THEMATIC" },
      ],
      2026,
      { asOf: "2026-10-15" },
    );
    expect(quota.quarters.map((q) => [q.quarter, q.count, q.met, q.ended])).toEqual([
      [1, 1, true, true],
      [2, 0, false, true],
      [3, 1, true, true],
      [4, 0, false, false],
    ]);
    expect(quota.shortQuarters).toEqual([2]);
    expect(quota.allMet).toBe(false);
  });
});

describe("HD 12 rubric", () => {
  it("a clean meeting is Tốt; one failed hard check drops it to Khá despite the points", () => {
    const marks = { P4: 5, C2: 10, C5: 8, C6: 7, K1: 5, K3: 5 };
    const clean = { ...FACTS, actualMinutes: 95, present: 21, absentExcused: 1, previousTargets: { met: 9, total: 10 } };
    expect(score(HD12_2018, clean, marks)).toMatchObject({ total: 100, level: "GOOD" });
    const incomplete = { ...clean, minutesComplete: false };
    expect(score(HD12_2018, incomplete, marks)).toMatchObject({ total: 95, level: "FAIR" });
    const overridden = score(HD12_2018, incomplete, marks, {
      overrides: { C4: { points: 5, reason: "Biên bản được bổ sung sau cuộc họp" } },
    });
    expect(overridden.total).toBe(100);
    expect(overridden.conditions.filter((c) => !c.held).map((c) => c.code)).toEqual(["H7"]);
    expect(overridden.level).toBe("FAIR");
  });
});
