// Attendance denominators (SPEC §4.1) and vote validity (QĐ 24 point 9.3), rebuilt from rolls.
import { describe, expect, it } from "vitest";
import {
  computeAttendance,
  requiredDuration,
  voteValidity,
  type AttendanceEntry,
  type RollEntry,
} from "@/lib/meetings/rules";
import { formatPercent, formatRatio, percentOf } from "@/lib/exact/ratio";

interface RollShape {
  official: number;
  probationary: number;
  exemptAbsent?: number;
  exemptPresent?: number;
  elsewhere?: number;
  excused?: number;
  unexcused?: number;
}

/**
 * A roll and its marks: the special cases go to official members in the order listed, everyone else
 * is present. Exempt-absent and elsewhere members are left unmarked, as a secretary would.
 */
function build(shape: RollShape): { roll: RollEntry[]; marks: AttendanceEntry[] } {
  const roll: RollEntry[] = [];
  const marks: AttendanceEntry[] = [];
  const queue = [
    ...Array<string>(shape.exemptAbsent ?? 0).fill("exemptAbsent"),
    ...Array<string>(shape.exemptPresent ?? 0).fill("exemptPresent"),
    ...Array<string>(shape.elsewhere ?? 0).fill("elsewhere"),
    ...Array<string>(shape.excused ?? 0).fill("excused"),
    ...Array<string>(shape.unexcused ?? 0).fill("unexcused"),
  ];
  for (let i = 0; i < shape.official + shape.probationary; i++) {
    const memberId = `m${i + 1}`;
    const status = i < shape.official ? "OFFICIAL" : "PROBATIONARY";
    const role = i < shape.official ? queue[i] : undefined;
    roll.push({
      memberId,
      status,
      exempt: role === "exemptAbsent" || role === "exemptPresent",
      suspended: false,
      attachedElsewhere: role === "elsewhere",
    });
    if (role === "excused") marks.push({ memberId, mark: "ABSENT_EXCUSED" });
    else if (role === "unexcused") marks.push({ memberId, mark: "ABSENT_UNEXCUSED" });
    else if (role === undefined || role === "exemptPresent") marks.push({ memberId, mark: "PRESENT" });
  }
  return { roll, marks };
}

describe("SPEC §11 rolls: D_att and P", () => {
  it.each<[string, RollShape, number, number, string]>([
    ["E1", { official: 22, probationary: 2, exemptAbsent: 2, excused: 2 }, 22, 20, "90.91"],
    ["E2", { official: 12, probationary: 0, excused: 1 }, 12, 11, "91.67"],
    ["E3", { official: 33, probationary: 3, exemptAbsent: 3, elsewhere: 1, excused: 2, unexcused: 1 }, 32, 29, "90.63"],
    ["E4", { official: 16, probationary: 2, exemptAbsent: 1, excused: 2 }, 17, 15, "88.24"],
    ["E5", { official: 21, probationary: 1, excused: 3 }, 22, 19, "86.36"],
    ["E6", { official: 15, probationary: 1, exemptAbsent: 1, exemptPresent: 1, excused: 1 }, 15, 14, "93.33"],
    ["E7", { official: 10, probationary: 0, exemptAbsent: 1, excused: 2 }, 9, 7, "77.78"],
    ["E8", { official: 9, probationary: 0, excused: 2, unexcused: 2 }, 9, 5, "55.56"],
  ])("%s: D_att %i, P %i, rate %s %", (_id, shape, denominator, present, rate) => {
    const { roll, marks } = build(shape);
    const result = computeAttendance(roll, marks);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.denominator).toBe(denominator);
    expect(result.value.present).toBe(present);
    expect(result.value.sizeForDurationRule).toBe(denominator);
    expect(result.value.rate && formatRatio(percentOf(result.value.rate.num, result.value.rate.den), 2, "json")).toBe(rate);
    expect(result.value.absentExcused).toBe(shape.excused ?? 0);
    expect(result.value.absentUnexcused).toBe(shape.unexcused ?? 0);
  });

  it("E3: 36 − 3 exempt − 1 elsewhere = 32 ≥ 30, so the meeting needs 120 minutes", () => {
    const { roll, marks } = build({ official: 33, probationary: 3, exemptAbsent: 3, elsewhere: 1, excused: 2, unexcused: 1 });
    const result = computeAttendance(roll, marks);
    if (!result.ok) throw new Error("marks rejected");
    expect(result.value).toMatchObject({ rollSize: 36, exemptAbsent: 3, elsewhere: 1, denominator: 32 });
    expect(requiredDuration({ kind: "REGULAR", attendanceDenominator: result.value.sizeForDurationRule }).minutes).toBe(120);
  });

  it("E6: the exempt member who attends counts in both P and D_att", () => {
    const { roll, marks } = build({ official: 15, probationary: 1, exemptAbsent: 1, exemptPresent: 1, excused: 1 });
    const result = computeAttendance(roll, marks);
    if (!result.ok) throw new Error("marks rejected");
    expect(result.value).toMatchObject({ present: 14, denominator: 15, exemptPresent: 1, exemptAbsent: 1, presentProbationary: 1 });
  });
});

describe("special statuses", () => {
  const roll: RollEntry[] = [
    { memberId: "a", status: "OFFICIAL", exempt: false, suspended: false, attachedElsewhere: false },
    { memberId: "b", status: "OFFICIAL", exempt: false, suspended: true, attachedElsewhere: false },
    { memberId: "c", status: "OFFICIAL", exempt: false, suspended: false, attachedElsewhere: false },
    { memberId: "d", status: "PROBATIONARY", exempt: false, suspended: false, attachedElsewhere: false },
  ];

  it("suspended members are not summoned; special duty leaves the denominator; probationary members count", () => {
    const result = computeAttendance(roll, [
      { memberId: "a", mark: "PRESENT" },
      { memberId: "c", mark: "SPECIAL_DUTY" },
      { memberId: "d", mark: "PRESENT" },
    ]);
    expect(result.ok && result.value).toMatchObject({ present: 2, denominator: 2, suspended: 1, specialDuty: 1, rate: { num: 2, den: 2 } });
  });

  const others: AttendanceEntry[] = [
    { memberId: "c", mark: "PRESENT" },
    { memberId: "d", mark: "PRESENT" },
  ];
  it.each([
    ["a guest marked as if on the roll", [{ memberId: "a", mark: "PRESENT" }, { memberId: "guest", mark: "PRESENT" }], "NOT_ON_ROLL"],
    ["a member marked twice", [{ memberId: "a", mark: "PRESENT" }, { memberId: "a", mark: "ABSENT_EXCUSED" }], "DUPLICATE_MARK"],
    ["a member left unmarked", [], "MISSING_MARK"],
    ["a suspended member marked present", [{ memberId: "a", mark: "PRESENT" }, { memberId: "b", mark: "PRESENT" }], "SUSPENDED_MARKED"],
    ["EXEMPT for a member without an exemption", [{ memberId: "a", mark: "EXEMPT" }], "NOT_EXEMPT"],
    ["ELSEWHERE without a temporary attachment", [{ memberId: "a", mark: "ELSEWHERE" }], "NOT_ATTACHED"],
  ] as const)("rejects %s", (_name, marks, code) => {
    const result = computeAttendance(roll, [...others, ...marks]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual([code]);
  });

  it("an exempt member cannot be 'absent without reason', and an attached member is only ELSEWHERE", () => {
    const special: RollEntry[] = [
      { memberId: "x", status: "OFFICIAL", exempt: true, suspended: false, attachedElsewhere: false },
      { memberId: "y", status: "OFFICIAL", exempt: false, suspended: false, attachedElsewhere: true },
    ];
    const result = computeAttendance(special, [
      { memberId: "x", mark: "ABSENT_UNEXCUSED" },
      { memberId: "y", mark: "PRESENT" },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.message)).toEqual([
        'Đảng viên x được miễn sinh hoạt: đánh dấu "Có mặt" nếu dự, hoặc "Miễn sinh hoạt", không phải "Vắng không lý do".',
        'Đảng viên y đang sinh hoạt tạm thời ở chi bộ khác; chỉ đánh dấu "Sinh hoạt tạm thời nơi khác", không phải "Có mặt".',
      ]);
    }
  });
});

describe("vote validity", () => {
  const e6 = build({ official: 15, probationary: 1, exemptAbsent: 1, exemptPresent: 1, excused: 1 });

  it("E6: D_vote 13, 12 for and 1 abstaining is valid at 92.3 %", () => {
    const result = voteValidity(e6.roll, e6.marks, { for: 12, against: 0, abstain: 1 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.denominator).toEqual({
      officialSummoned: 15,
      attachedElsewhere: 0,
      exemptAbsent: 1,
      suspended: 0,
      absentWithApprovedReason: 1,
      value: 13,
    });
    expect(result.value.votersPresent).toBe(13);
    expect(result.value.valid).toBe(true);
    expect(result.value.shareInFavour && formatPercent(percentOf(result.value.shareInFavour.num, result.value.shareInFavour.den))).toBe(
      "92,3 %",
    );
    expect(result.value.explanation).toBe(
      "Số đảng viên được biểu quyết = 15 đảng viên chính thức được triệu tập − 1 miễn sinh hoạt vắng mặt − 1 vắng có lý do được cấp ủy chấp thuận = 13. 12 tán thành > 6,5 (một nửa) → hợp lệ, đạt tỷ lệ 92,3 %.",
    );
  });

  it.each([
    [7, true],
    [6, false],
  ])("E6 roll: %i for out of D_vote 13 → valid %s", (votesFor, valid) => {
    const result = voteValidity(e6.roll, e6.marks, { for: votesFor, against: 13 - votesFor, abstain: 0 });
    expect(result.ok && result.value.valid).toBe(valid);
  });

  it.each([
    [7, true],
    [6, false],
  ])("even D_vote 12: %i for → valid %s (exactly half is not more than half)", (votesFor, valid) => {
    const { roll, marks } = build({ official: 12, probationary: 3 });
    const result = voteValidity(roll, marks, { for: votesFor, against: 0, abstain: 0 });
    expect(result.ok && result.value.denominator.value).toBe(12);
    expect(result.ok && result.value.valid).toBe(valid);
  });

  it("probationary members never vote: more hands than officials present is an error", () => {
    const result = voteValidity(e6.roll, e6.marks, { for: 13, against: 0, abstain: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        {
          code: "TALLY_EXCEEDS_VOTERS",
          message: "Tổng số biểu quyết (13 tán thành + 0 không tán thành + 1 không biểu quyết = 14) vượt số đảng viên chính thức có mặt (13).",
        },
      ]);
    }
  });

  it("an unapproved excused absence and an unexcused one stay in D_vote; special duty and suspension leave it", () => {
    const roll: RollEntry[] = ["a", "b", "c", "d", "e", "f"].map((memberId) => ({
      memberId,
      status: "OFFICIAL",
      exempt: false,
      suspended: memberId === "f",
      attachedElsewhere: false,
    }));
    const result = voteValidity(
      roll,
      [
        { memberId: "a", mark: "PRESENT" },
        { memberId: "b", mark: "PRESENT" },
        { memberId: "c", mark: "ABSENT_EXCUSED", reasonApproved: false },
        { memberId: "d", mark: "ABSENT_UNEXCUSED" },
        { memberId: "e", mark: "SPECIAL_DUTY" },
      ],
      { for: 2, against: 0, abstain: 0 },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.denominator).toMatchObject({ officialSummoned: 6, suspended: 1, absentWithApprovedReason: 1, value: 4 });
    expect(result.value.valid).toBe(false);
    expect(result.value.explanation).toContain("2 tán thành không vượt quá 2 (một nửa) → không hợp lệ (50,0 %).");
  });

  it("rejects negative or fractional counts", () => {
    const result = voteValidity(e6.roll, e6.marks, { for: -1, against: 0.5, abstain: 0 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.message)).toEqual([
        "Số phiếu tán thành phải là số nguyên không âm.",
        "Số phiếu không tán thành phải là số nguyên không âm.",
      ]);
    }
  });
});
