// Excused streaks, the Charter three-month rule and required durations (SPEC §4.2, §3.4, §5.3).
import { describe, expect, it } from "vitest";
import {
  branchExcusedStreaks,
  durationMinutes,
  excusedStreak,
  requiredDuration,
  unexcusedMonths,
  type AttendanceMark,
  type MeetingKind,
  type MemberMeetingRecord,
} from "@/lib/meetings/rules";
import { score } from "@/lib/scoring/engine";
import type { MeetingFacts } from "@/lib/scoring/facts";
import { HD42_2025 } from "@/lib/scoring/rubrics";

const CODE: Record<string, AttendanceMark> = {
  P: "PRESENT",
  E: "ABSENT_EXCUSED",
  U: "ABSENT_UNEXCUSED",
  X: "EXEMPT",
  W: "ELSEWHERE",
  S: "SPECIAL_DUTY",
};

/** "P E E E" → monthly regular meetings from January of `year`. */
function monthly(marks: string, year = 2026, kind: MeetingKind = "REGULAR"): MemberMeetingRecord[] {
  return marks.split(" ").map((code, i) => ({
    date: `${year}-${String(i + 1).padStart(2, "0")}-15`,
    kind,
    mark: CODE[code] ?? "PRESENT",
  }));
}

describe("excused streak", () => {
  it.each([
    ["P E E E", 3, 3, false],
    ["P E E E E", 4, 4, true],
    ["E E P E", 1, 2, false],
    ["E E E E P", 0, 4, false],
    ["E E U E", 1, 2, false],
    ["E E W S X E", 3, 3, false],
    ["E E W E E", 4, 4, true],
  ])("%s → current %i, longest %i, violating now %s", (marks, current, longest, violates) => {
    const streak = excusedStreak(monthly(marks), 2026);
    expect(streak).toMatchObject({ current, longest, currentViolates: violates });
  });

  it("only REGULAR and COMBINED meetings form the sequence", () => {
    const records = [
      ...monthly("E E E", 2026),
      { date: "2026-03-20", kind: "THEMATIC" as const, mark: "PRESENT" as const },
      { date: "2026-04-15", kind: "COMBINED" as const, mark: "ABSENT_EXCUSED" as const },
    ];
    expect(excusedStreak(records, 2026)).toMatchObject({ current: 4, currentViolates: true });
  });

  it("restarts with the calendar year", () => {
    const records = [
      { date: "2025-11-15", kind: "REGULAR" as const, mark: "ABSENT_EXCUSED" as const },
      { date: "2025-12-15", kind: "REGULAR" as const, mark: "ABSENT_EXCUSED" as const },
      ...monthly("E E", 2026),
    ];
    expect(excusedStreak(records, 2026).current).toBe(2);
    expect(excusedStreak(records, 2025).current).toBe(2);
  });

  it("counts only up to the meeting being scored, whatever order the records come in", () => {
    const records = monthly("P E E E E").reverse();
    expect(excusedStreak(records, 2026, "2026-04-15").current).toBe(3);
    expect(excusedStreak(records, 2026, "2026-05-15").current).toBe(4);
  });

  it.each([
    ["SKIP", 4, true],
    ["COUNT", 5, true],
    ["BREAK", 2, false],
  ] as const)("special duty, exemption and elsewhere in a run follow attendance.streakNotDue = %s (issue 14)", (notDue, longest, violates) => {
    for (const marks of ["E E S E E", "E E X E E", "E E W E E"]) {
      const streak = excusedStreak(monthly(marks), 2026, undefined, { maxConsecutiveExcused: 3, kinds: ["REGULAR", "COMBINED"], notDue });
      expect(streak).toMatchObject({ longest, longestViolates: violates });
    }
  });

  it("the limit is a setting", () => {
    const streak = excusedStreak(monthly("E E E"), 2026, undefined, { maxConsecutiveExcused: 2, kinds: ["REGULAR"] });
    expect(streak.currentViolates).toBe(true);
  });

  it("the branch fact is the longest streak still open; the year's longest is kept apart", () => {
    const branch = branchExcusedStreaks(
      {
        m1: monthly("E E E E P"),
        m2: monthly("P P E E E"),
        m3: monthly("P P P P E"),
      },
      2026,
    );
    expect(branch).toEqual({ longestCurrent: 3, longestThisYear: 4, violatingMembers: [] });
  });

  it("a streak of 3 keeps A2 and a 4th excused absence in a row loses it (E2, E4)", () => {
    const facts = (streak: number): MeetingFacts => ({
      kind: "REGULAR",
      hasThematicPart: false,
      requiredMinutes: 90,
      actualMinutes: 90,
      present: 9,
      attendanceDenominator: 10,
      absentExcused: 1,
      absentUnexcused: 0,
      longestExcusedStreak: streak,
      speakers: 5,
      ideologyMinutes: 15,
      documentsLeadMinutes: 1440,
      finalDocumentsDelayMinutes: 60,
      hasCommittee: true,
      preMeetingHeld: true,
      preMeetingMinuted: true,
      noticeToAllMembers: true,
      noticeToOverseer: true,
      previousTargets: null,
      draftResolutionExists: true,
      preparedBySecretaryOrDeputy: true,
      minutesComplete: true,
    });
    const marks = { P1: 3, P2: 2, C1: 5, C2: 15, C4: 2, C6: 1, B1: 2, B2: 4, B3: 3, B4: 1, N1: 1, N2: 2, N3: 1, N4: 1, K1: 2, K2: 2 };
    const a2 = (history: Record<string, MemberMeetingRecord[]>) => {
      const streak = branchExcusedStreaks(history, 2026, "2026-05-15").longestCurrent;
      return score(HD42_2025, facts(streak), marks).perCriterion.find((c) => c.code === "A2")?.points;
    };
    expect(a2({ m1: monthly("P P E E E") })).toBe(1);
    expect(a2({ m1: monthly("P E E E E") })).toBe(0);
  });
});

describe("Charter Art. 8.1: months with an unexcused absence", () => {
  it.each([
    ["P P P P", [], "OK"],
    ["U P P P", [1], "OK"],
    ["U P U P", [1, 3], "WARN"],
    ["U P U U", [1, 3, 4], "FLAG"],
  ] as const)("%s → months %j, %s", (marks, months, status) => {
    const result = unexcusedMonths(monthly(marks), 2026);
    expect(result.months).toEqual(months);
    expect(result.status).toBe(status);
  });

  it("counts months, not meetings, and any kind of meeting", () => {
    const records = [
      { date: "2026-01-10", kind: "REGULAR" as const, mark: "ABSENT_UNEXCUSED" as const },
      { date: "2026-01-25", kind: "THEMATIC" as const, mark: "ABSENT_UNEXCUSED" as const },
      { date: "2026-02-25", kind: "EXTRAORDINARY" as const, mark: "ABSENT_UNEXCUSED" as const },
      { date: "2025-12-10", kind: "REGULAR" as const, mark: "ABSENT_UNEXCUSED" as const },
    ];
    expect(unexcusedMonths(records, 2026)).toMatchObject({ months: [1, 2], count: 2, status: "WARN" });
  });

  it("E8: the absentee's third month this year raises the flag", () => {
    const history = monthly("U P U P P P P P U");
    expect(unexcusedMonths(history, 2026, "2026-08-31").status).toBe("WARN");
    const result = unexcusedMonths(history, 2026, "2026-09-30");
    expect(result.status).toBe("FLAG");
    expect(result.explanation).toBe(
      "Vắng sinh hoạt không lý do trong 3 tháng của năm 2026 (tháng 1, tháng 3, tháng 9): xem xét xóa tên theo Điều 8.1 Điều lệ Đảng.",
    );
  });

  it("thresholds are settings", () => {
    const result = unexcusedMonths(monthly("U U"), 2026, undefined, { warnAt: 1, flagAt: 2, kinds: ["REGULAR"] });
    expect(result.status).toBe("FLAG");
  });
});

describe("required duration R", () => {
  it.each([
    ["REGULAR", 29, undefined, 90, "DEFAULT"],
    ["REGULAR", 30, undefined, 120, "LARGE_BRANCH"],
    ["REGULAR", 32, undefined, 120, "LARGE_BRANCH"],
    ["THEMATIC", 10, undefined, 90, "DEFAULT"],
    ["COMBINED", 17, undefined, 120, "COMBINED"],
    ["COMBINED", 40, undefined, 120, "COMBINED"],
    ["REGULAR", 8, 60, 60, "OVERRIDE"],
    ["COMBINED", 40, 100, 100, "OVERRIDE"],
    ["REGULAR", 8, null, 90, "DEFAULT"],
  ] as const)("%s with D_att %i and override %s → %i (%s)", (kind, size, override, minutes, reason) => {
    expect(requiredDuration({ kind, attendanceDenominator: size, committeeOverrideMinutes: override })).toMatchObject({ minutes, reason });
  });

  it("the 30-member rule is a setting", () => {
    const settings = { defaultMinutes: 90, combinedMinutes: 120, largeBranchSize: 25, largeBranchMinutes: 120 };
    expect(requiredDuration({ kind: "REGULAR", attendanceDenominator: 25 }, settings).minutes).toBe(120);
    expect(requiredDuration({ kind: "REGULAR", attendanceDenominator: 24 }, settings).minutes).toBe(90);
  });

  it("explains itself", () => {
    expect(requiredDuration({ kind: "REGULAR", attendanceDenominator: 32 }).explanation).toBe(
      "120 phút (chi bộ có 32 đảng viên phải dự, từ 30 trở lên)",
    );
  });
});

describe("actual duration", () => {
  it("is the whole minutes between start and end", () => {
    expect(durationMinutes(new Date("2026-03-05T19:30:00+07:00"), new Date("2026-03-05T21:05:00+07:00"))).toEqual({ ok: true, value: 95 });
    expect(durationMinutes(new Date("2026-03-05T19:30:00+07:00"), new Date("2026-03-05T21:05:59+07:00"))).toEqual({ ok: true, value: 95 });
  });

  it("refuses an end before the start or an invalid time", () => {
    const backwards = durationMinutes(new Date("2026-03-05T21:00:00+07:00"), new Date("2026-03-05T19:30:00+07:00"));
    expect(backwards).toEqual({ ok: false, errors: [{ code: "END_BEFORE_START", message: "Giờ kết thúc phải sau giờ bắt đầu." }] });
    expect(durationMinutes(new Date("nope"), new Date()).ok).toBe(false);
  });
});
