// Pure rules of the meeting record: targets met (→ R1), speakers' share (→ C5), resolution
// numbers, task result percents, attendance figures while marking, and a member's year counters.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  attendanceFigures,
  formatTargets,
  memberCounters,
  resultPercentFor,
  speakersShare,
  suggestResolutionNumber,
  targetsMet,
  type TaskOutcome,
} from "@/lib/meetings/record-rules";
import type { RollEntry } from "@/lib/meetings/rules/types";
import { formatPercent } from "@/lib/exact/ratio";

const task = (result: TaskOutcome["result"], resultPercent: number | null = null): TaskOutcome => ({ result, resultPercent });

describe("targetsMet", () => {
  test.each([
    // [tasks, metHundredths, share text]
    [[task("DONE"), task("DONE"), task("NOT_DONE")], 200, "66,7 %"],
    [[task("DONE"), task("PARTLY", 50)], 150, "75,0 %"],
    [[task("PARTLY", 60), task("PARTLY", 40), task(null)], 100, "33,3 %"],
    [Array.from({ length: 10 }, (_, i) => task(i < 8 ? "DONE" : "NOT_DONE")), 800, "80,0 %"], // E1: 8/10
    [[task("NOT_DONE", 70)], 0, "0,0 %"], // a percent on NOT_DONE is ignored
    [[task("DONE", 10)], 100, "100,0 %"], // DONE is always a whole target
  ] as const)("%#: met %s hundredths", (tasks, met, text) => {
    const result = targetsMet(tasks);
    expect(result.metHundredths).toBe(met);
    expect(formatPercent(result.share!)).toBe(text);
  });

  test("nothing due gives no share (R1 takes its default)", () => {
    expect(targetsMet([])).toMatchObject({ due: 0, share: null, pending: 0 });
  });

  test("unevaluated tasks count as due and not met", () => {
    expect(targetsMet([task("DONE"), task(null)])).toMatchObject({ due: 2, evaluated: 1, pending: 1, share: { num: 100, den: 2 } });
  });

  test("the share never exceeds 100 % nor falls below 0, and grows when a result improves", () => {
    const outcome = fc.oneof(
      fc.constant(task(null)),
      fc.constant(task("DONE")),
      fc.constant(task("NOT_DONE")),
      fc.integer({ min: 1, max: 99 }).map((p) => task("PARTLY", p)),
    );
    fc.assert(
      fc.property(fc.array(outcome, { minLength: 1, maxLength: 30 }), fc.nat(), (tasks, pick) => {
        const r = targetsMet(tasks);
        expect(r.share!.num).toBeGreaterThanOrEqual(0);
        expect(r.share!.num).toBeLessThanOrEqual(100 * r.share!.den);
        expect(r.done + r.partly + r.notDone + r.pending).toBe(r.due);
        const improved = tasks.map((t, i) => (i === pick % tasks.length ? task("DONE") : t));
        expect(targetsMet(improved).metHundredths).toBeGreaterThanOrEqual(r.metHundredths);
      }),
    );
  });

  test("formatTargets writes hundredths of targets the Vietnamese way", () => {
    expect([formatTargets(800), formatTargets(850), formatTargets(875), formatTargets(805), formatTargets(0)]).toEqual(["8", "8,5", "8,75", "8,05", "0"]);
  });
});

describe("resultPercentFor", () => {
  test("DONE is 100, NOT_DONE is 0, PARTLY must be 1–99", () => {
    expect(resultPercentFor("DONE", null)).toBe(100);
    expect(resultPercentFor("NOT_DONE", 50)).toBe(0);
    expect(resultPercentFor("PARTLY", 1)).toBe(1);
    expect(resultPercentFor("PARTLY", 99)).toBe(99);
    for (const bad of [null, 0, 100, 50.5, -3]) expect(resultPercentFor("PARTLY", bad)).toBeNull();
  });
});

describe("speakersShare", () => {
  const present = new Set(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n"]);
  test("E6: 7 distinct speakers of 14 present is exactly 50 %", () => {
    const speeches = ["a", "b", "c", "d", "e", "f", "g", "a"].map((memberId) => ({ memberId, isDiscussion: true }));
    expect(speakersShare(speeches, present)).toEqual({ speakers: 7, present: 14, share: { num: 700, den: 14 } });
  });
  test("the chair's report, guests and members not present do not count", () => {
    const speeches = [
      { memberId: "a", isDiscussion: false },
      { memberId: null, isDiscussion: true },
      { memberId: "zz", isDiscussion: true },
      { memberId: "b", isDiscussion: true },
    ];
    expect(speakersShare(speeches, present).speakers).toBe(1);
  });
  test("nobody present: no share", () => {
    expect(speakersShare([], new Set()).share).toBeNull();
  });
});

describe("suggestResolutionNumber", () => {
  test.each([
    [[], "01-NQ/CB"],
    [["01-NQ/CB", "02-NQ/CB"], "03-NQ/CB"],
    [["09-NQ/CB", "3-NQ/CB", null, "Kết luận số 40"], "10-NQ/CB"],
    [["11 - NQ/CB"], "12-NQ/CB"],
    [["05-KL/CB"], "01-NQ/CB"],
  ] as const)("%j → %s", (used, expected) => {
    expect(suggestResolutionNumber(used)).toBe(expected);
  });
});

describe("attendanceFigures", () => {
  const roll: RollEntry[] = [
    { memberId: "a", status: "OFFICIAL", exempt: false, suspended: false, attachedElsewhere: false },
    { memberId: "b", status: "OFFICIAL", exempt: false, suspended: false, attachedElsewhere: false },
    { memberId: "c", status: "PROBATIONARY", exempt: false, suspended: false, attachedElsewhere: false },
    { memberId: "x", status: "OFFICIAL", exempt: true, suspended: false, attachedElsewhere: false },
    { memberId: "s", status: "OFFICIAL", exempt: false, suspended: true, attachedElsewhere: false },
  ];
  test("while marking, unmarked members stay in D_att so the rate never looks better than it is", () => {
    const figures = attendanceFigures(roll, [{ memberId: "a", mark: "PRESENT" }]);
    expect(figures).toMatchObject({ complete: false, unmarked: ["b", "c"], denominator: 3 });
    expect(figures.summary.present).toBe(1);
    expect(formatPercent(figures.ratePercent!)).toBe("33,3 %");
  });
  test("complete: the exempt absentee and the suspended member are out of D_att", () => {
    const figures = attendanceFigures(roll, [
      { memberId: "a", mark: "PRESENT" },
      { memberId: "b", mark: "ABSENT_EXCUSED" },
      { memberId: "c", mark: "SPECIAL_DUTY" },
    ]);
    expect(figures).toMatchObject({ complete: true, unmarked: [], denominator: 2, errors: [] });
    expect(figures.ratePercent).toEqual({ num: 100, den: 2 });
  });
  test("a mark the rules refuse is reported, and the rest still adds up", () => {
    const figures = attendanceFigures(roll, [
      { memberId: "a", mark: "PRESENT" },
      { memberId: "b", mark: "PRESENT" },
      { memberId: "c", mark: "PRESENT" },
      { memberId: "x", mark: "ABSENT_UNEXCUSED" },
    ]);
    expect(figures.complete).toBe(false);
    expect(figures.errors.map((e) => e.code)).toEqual(["EXEMPT_ABSENCE"]);
    expect(figures).toMatchObject({ denominator: 3, summary: { present: 3 } });
  });
});

describe("memberCounters", () => {
  const thresholds = { maxExcusedStreak: 3, unexcusedMonthsWarn: 2, unexcusedMonthsFlag: 3 };
  test("the mark at this meeting extends the streak; last year's marks do not count", () => {
    const history = [
      { date: "2024-12-05", kind: "REGULAR" as const, mark: "ABSENT_EXCUSED" as const },
      { date: "2025-01-05", kind: "REGULAR" as const, mark: "ABSENT_EXCUSED" as const },
      { date: "2025-02-05", kind: "REGULAR" as const, mark: "ABSENT_EXCUSED" as const },
      { date: "2025-03-05", kind: "REGULAR" as const, mark: "ABSENT_EXCUSED" as const },
    ];
    const none = memberCounters(history, { date: "2025-04-05", kind: "REGULAR", mark: null }, thresholds);
    expect(none.streak).toMatchObject({ current: 3, longestViolates: false });
    const fourth = memberCounters(history, { date: "2025-04-05", kind: "REGULAR", mark: "ABSENT_EXCUSED" }, thresholds);
    expect(fourth.streak).toMatchObject({ current: 4, longest: 4, longestViolates: true });
    const back = memberCounters(history, { date: "2025-04-05", kind: "REGULAR", mark: "PRESENT" }, thresholds);
    expect(back.streak).toMatchObject({ current: 0, longest: 3 });
  });
  test("unexcused months: warn at 2, flag at 3, per the thresholds given", () => {
    const history = [
      { date: "2025-01-05", kind: "REGULAR" as const, mark: "ABSENT_UNEXCUSED" as const },
      { date: "2025-01-20", kind: "EXTRAORDINARY" as const, mark: "ABSENT_UNEXCUSED" as const },
      { date: "2025-03-05", kind: "REGULAR" as const, mark: "ABSENT_UNEXCUSED" as const },
    ];
    expect(memberCounters(history, { date: "2025-04-05", kind: "REGULAR", mark: "PRESENT" }, thresholds).months).toMatchObject({ months: [1, 3], status: "WARN" });
    expect(memberCounters(history, { date: "2025-04-05", kind: "REGULAR", mark: "ABSENT_UNEXCUSED" }, thresholds).months).toMatchObject({
      months: [1, 3, 4],
      status: "FLAG",
    });
    expect(
      memberCounters(history, { date: "2025-04-05", kind: "REGULAR", mark: "PRESENT" }, { ...thresholds, unexcusedMonthsFlag: 2 }).months.status,
    ).toBe("FLAG");
  });
});
