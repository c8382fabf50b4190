// Local times in Vietnam, the meeting schemas' time parsing and cross-field rules, and the
// calendar arithmetic of the annual plan. Pure: no database.
import { describe, expect, test } from "vitest";
import { parseLocalDateTime, toLocalDateTimeInput } from "@/lib/i18n/format";
import { middleMonth, slotInstant, thematicDay } from "@/lib/meetings/plans";
import { createMeetingSchema, generatePlanSchema, meetingDefaultsSchema, planYear } from "@/lib/meetings/schemas";
import { vietnamDayOf } from "@/lib/time/days";

describe("Vietnam local times", () => {
  test.each([
    ["2026-03-05T14:00", "2026-03-05T07:00:00.000Z"],
    ["2026-03-05 00:30", "2026-03-04T17:30:00.000Z"],
    ["2026-01-01T06:59", "2025-12-31T23:59:00.000Z"],
  ])("%s is %s", (local, iso) => {
    expect(parseLocalDateTime(local)?.toISOString()).toBe(iso);
    expect(toLocalDateTimeInput(new Date(iso))).toBe(local.replace(" ", "T"));
  });

  test.each(["2026-02-30T14:00", "2026-03-05T24:00", "2026-03-05T14:60", "2026-03-05", "05/03/2026 14:00", ""])("%j is not a time", (value) => {
    expect(parseLocalDateTime(value)).toBeNull();
  });

  test("the calendar day turns at midnight in Vietnam (17:00 UTC)", () => {
    expect(vietnamDayOf(new Date("2026-03-05T16:59:00Z")).toISOString()).toBe("2026-03-05T00:00:00.000Z");
    expect(vietnamDayOf(new Date("2026-03-05T17:00:00Z")).toISOString()).toBe("2026-03-06T00:00:00.000Z");
  });
});

describe("meeting input", () => {
  const base = { branchId: "b", kind: "REGULAR", title: "Sinh hoạt chi bộ", plannedStart: "2026-03-05T14:00" };

  test("ISO instants with an offset and local times give the same instant", () => {
    const a = createMeetingSchema.parse({ ...base, plannedStart: "2026-03-05T14:00+07:00" });
    const b = createMeetingSchema.parse(base);
    expect(a.plannedStart.getTime()).toBe(b.plannedStart.getTime());
    expect(a.plannedEnd).toBeNull();
  });

  test("the end must come after the start (equal is refused)", () => {
    const result = createMeetingSchema.safeParse({ ...base, plannedEnd: "2026-03-05T14:00" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["plannedEnd"]);
  });

  test("COMBINED and THEMATIC always have a thematic part and need a topic; REGULAR keeps the box as ticked", () => {
    expect(createMeetingSchema.parse({ ...base, kind: "COMBINED", topic: "Chuyển đổi số" }).hasThematicPart).toBe(true);
    expect(createMeetingSchema.parse({ ...base, hasThematicPart: "on" }).hasThematicPart).toBe(true);
    expect(createMeetingSchema.parse(base).hasThematicPart).toBe(false);
    expect(createMeetingSchema.safeParse({ ...base, kind: "THEMATIC", topic: "  " }).success).toBe(false);
  });

  test("a parsed value parses again (the action parses, then the service)", () => {
    const once = createMeetingSchema.parse({ ...base, kind: "COMBINED", topic: "A", place: "" });
    expect(createMeetingSchema.parse(once)).toEqual(once);
    const plan = generatePlanSchema.parse({ branchId: "b", year: "2027", topic2: "B", topic2Combined: "on", version: "" });
    expect(generatePlanSchema.parse(plan)).toEqual(plan);
  });
});

describe("plan input and calendar", () => {
  test("form fields map onto the four quarters; a JSON body without topics leaves them alone", () => {
    const form = generatePlanSchema.parse({ branchId: "b", year: "2027", topic1: " Nghị quyết ", topic3Combined: "on" });
    expect(form.topics.map((q) => [q.quarter, q.title, q.combined])).toEqual([
      [1, "Nghị quyết", false],
      [2, null, false],
      [3, null, true],
      [4, null, false],
    ]);
    expect(generatePlanSchema.parse({ branchId: "b", year: 2027 }).topics).toEqual([]);
    expect(generatePlanSchema.safeParse({ branchId: "b", year: 2027, topics: [{ quarter: 2 }, { quarter: 2 }] }).success).toBe(false);
  });

  test.each([
    [1, true],
    [28, true],
    [29, false],
    [0, false],
  ])("meeting day %i allowed: %s", (day, ok) => {
    expect(meetingDefaultsSchema.safeParse({ branchId: "b", version: 1, meetingDay: day }).success).toBe(ok);
  });

  test("slots are local times; the thematic meeting is two weeks from the regular day, in the quarter's middle month", () => {
    expect(slotInstant(2027, 1, 5, "14:00").toISOString()).toBe("2027-01-05T07:00:00.000Z");
    expect(slotInstant(2027, 12, 31, "06:00").toISOString()).toBe("2027-12-30T23:00:00.000Z");
    expect([1, 14, 15, 28].map(thematicDay)).toEqual([15, 28, 1, 14]);
    expect([1, 2, 3, 4].map(middleMonth)).toEqual([2, 5, 8, 11]);
  });

  test("the plan year defaults to the current year in Vietnam", () => {
    expect(planYear({}, new Date("2026-12-31T17:30:00Z"))).toBe(2027);
    expect(planYear({ year: "2030" })).toBe(2030);
    expect(planYear({ year: "abc" }, new Date("2026-06-01T00:00:00Z"))).toBe(2026);
  });
});
