// The arithmetic of oversight (SPEC §6): pro-rata progress against the quota of a committee level,
// the mid-year checkpoint, whole months without a visit, the back-dating window and terms.
import { describe, expect, it } from "vitest";
import { needsApproval, pastMidYear, quotaFor, quotaProgress, termCovers, termsOverlap, wholeMonthsBetween } from "@/lib/oversight/rules";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const KON_TUM = { "oversight.quotaProvincial": 2, "oversight.quotaDistrict": 6, "oversight.quotaGrassroots": 6 };

describe("quota progress", () => {
  it("takes the quota of the committee level", () => {
    expect(quotaFor(KON_TUM, "PROVINCIAL")).toBe(2);
    expect(quotaFor(KON_TUM, "GRASSROOTS")).toBe(6);
  });

  it.each([
    // annual, counted, asOf, first assigned, → quota, expected, status
    [6, 2, "2026-07-01", "2025-05-01", 6, 3, "BEHIND"],
    [6, 3, "2026-07-01", "2025-05-01", 6, 3, "ON_TRACK"],
    [2, 1, "2026-07-01", null, 2, 1, "ON_TRACK"],
    [2, 0, "2026-07-01", null, 2, 1, "BEHIND"],
    [6, 0, "2026-01-20", null, 6, 0, "ON_TRACK"],
    [6, 6, "2026-03-01", null, 6, 1, "MET"],
    // Assigned in September: a third of the year's visits, due from September on.
    [6, 0, "2026-09-15", "2026-09-01", 2, 0, "ON_TRACK"],
    [6, 1, "2026-12-01", "2026-09-01", 2, 1.5, "BEHIND"],
    // A year that is over is judged on the whole quota.
    [6, 5, "2027-03-01", null, 6, 6, "BEHIND"],
  ] as const)("quota %i, %i counted on %s (assigned %s) → %i due, %f by now, %s", (annualQuota, counted, asOf, first, quota, expected, status) => {
    const progress = quotaProgress({ annualQuota, counted, year: 2026, asOf: day(asOf), firstAssignedOn: first ? day(first) : null });
    expect(progress).toMatchObject({ quota, status });
    expect(progress.expected).toBeCloseTo(expected);
  });

  it("passes mid-year on 1 July", () => {
    expect(pastMidYear(2026, day("2026-06-30"))).toBe(false);
    expect(pastMidYear(2026, day("2026-07-01"))).toBe(true);
  });
});

describe("calendar rules", () => {
  it("counts whole months between two days", () => {
    expect(wholeMonthsBetween(day("2026-03-05"), day("2026-06-04"))).toBe(2);
    expect(wholeMonthsBetween(day("2026-03-05"), day("2026-06-05"))).toBe(3);
    expect(wholeMonthsBetween(day("2025-12-31"), day("2026-01-30"))).toBe(0);
    expect(wholeMonthsBetween(day("2026-06-05"), day("2026-03-05"))).toBe(0);
  });

  it("needs a reviewer only beyond the window, in calendar days", () => {
    expect(needsApproval(day("2026-03-05"), day("2026-03-12"), 7)).toBe(false);
    expect(needsApproval(day("2026-03-05"), day("2026-03-13"), 7)).toBe(true);
    expect(needsApproval(day("2026-03-05"), day("2026-03-05"), 0)).toBe(false);
  });

  it("covers and overlaps terms with open ends", () => {
    const open = { validFrom: day("2026-01-01"), validTo: null };
    const spring = { validFrom: day("2026-03-01"), validTo: day("2026-05-31") };
    expect(termCovers(open, day("2030-01-01"))).toBe(true);
    expect(termCovers(spring, day("2026-06-01"))).toBe(false);
    expect(termsOverlap(open, spring)).toBe(true);
    expect(termsOverlap(spring, { validFrom: day("2026-06-01"), validTo: null })).toBe(false);
    expect(termsOverlap(spring, { validFrom: day("2026-05-31"), validTo: day("2026-05-31") })).toBe(true);
  });
});
