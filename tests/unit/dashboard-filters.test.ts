// The dashboard's period and the review desk's filters read whatever the URL says without failing:
// what makes sense is used, the rest is dropped with a Vietnamese note saying so.
import { describe, expect, test } from "vitest";
import { resolvePeriod } from "@/lib/dashboard/period";
import { parseReviewFilters } from "@/lib/dashboard/review";

/** 20 June 2025, 12:00 in Vietnam. */
const NOW = new Date("2025-06-20T05:00:00.000Z");

describe("resolvePeriod", () => {
  test("defaults to this month in Vietnam, which is still under way", () => {
    const { period, notes } = resolvePeriod({}, NOW);
    expect(period).toMatchObject({ year: 2025, month: 6, inProgress: true, completeThrough: 5, quartersEnded: 1, quarter: 2 });
    expect(notes).toEqual([]);
  });

  test("the last hours of 30 June UTC are already July in Vietnam", () => {
    expect(resolvePeriod({}, new Date("2025-06-30T18:00:00.000Z")).period).toMatchObject({ year: 2025, month: 7 });
  });

  test("a past month is over; a past year defaults to December", () => {
    expect(resolvePeriod({ year: "2025", month: "3" }, NOW).period).toMatchObject({ month: 3, inProgress: false, completeThrough: 3, quartersEnded: 1 });
    expect(resolvePeriod({ year: "2024" }, NOW).period).toMatchObject({ year: 2024, month: 12, completeThrough: 12, quartersEnded: 4 });
    expect(resolvePeriod({ month: "2024-08" }, NOW).period).toMatchObject({ year: 2024, month: 8 });
  });

  test("nonsense is ignored with a note, never an error", () => {
    const { period, notes } = resolvePeriod({ year: "'; DROP TABLE", month: "13" }, NOW);
    expect(period).toMatchObject({ year: 2025, month: 6 });
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain("DROP TABLE");
    expect(resolvePeriod({ year: "1999" }, NOW).notes).toHaveLength(1);
    expect(resolvePeriod({ month: "2025-00" }, NOW).notes).toHaveLength(1);
  });

  test("a month still to come shows this month, with a note", () => {
    const { period, notes } = resolvePeriod({ year: "2025", month: "9" }, NOW);
    expect(period).toMatchObject({ year: 2025, month: 6 });
    expect(notes[0]).toMatch(/9\/2025/);
  });
});

describe("parseReviewFilters", () => {
  test("every understood filter is kept", () => {
    const unit = "0195f3a2-7b4c-7d10-8e2f-123456789abc";
    expect(parseReviewFilters({ month: "2026-03", unit, level: "GOOD", anomaly: "IDENTICAL_MONTHS", state: "CONFIRMED", page: "3" })).toEqual({
      filters: { month: "2026-03", unit, level: "GOOD", anomaly: "IDENTICAL_MONTHS", state: "CONFIRMED" },
      page: 3,
      notes: [],
    });
  });

  test("each nonsense value is dropped with its own note", () => {
    const { filters, page, notes } = parseReviewFilters({ month: "2026-13", unit: "<script>", level: "EXCELLENT", anomaly: "everything", state: "FINALISED", page: "0" });
    expect(filters).toEqual({ month: null, unit: null, level: null, anomaly: null, state: null });
    expect(page).toBe(1);
    expect(notes).toHaveLength(6);
    expect(notes.join(" ")).toContain("<script>");
  });

  test("empty values are no filter at all", () => {
    expect(parseReviewFilters({ month: "", unit: " ", level: "", anomaly: "", state: "", page: "" })).toEqual({
      filters: { month: null, unit: null, level: null, anomaly: null, state: null },
      page: 1,
      notes: [],
    });
  });
});
