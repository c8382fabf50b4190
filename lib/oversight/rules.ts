// Pure rules of oversight (SPEC §6): the quota of a committee level, pro-rata progress through the
// year, whole months without a visit, the back-dating window. No database here, so the arithmetic
// is unit-tested on its own; services feed it dates as UTC midnights of Vietnamese calendar days.
import type { CommitteeLevel } from "@/lib/generated/prisma/enums";
import type { SettingsSnapshot } from "@/lib/settings/resolve";
import { DAY_MS } from "@/lib/time/days";

export const COMMITTEE_LEVELS: readonly CommitteeLevel[] = ["PROVINCIAL", "DISTRICT", "GRASSROOTS"];

const QUOTA_KEY = {
  PROVINCIAL: "oversight.quotaProvincial",
  DISTRICT: "oversight.quotaDistrict",
  GRASSROOTS: "oversight.quotaGrassroots",
} as const satisfies Record<CommitteeLevel, keyof SettingsSnapshot>;

/** Visits per year required of a member of a committee at `level`. */
export function quotaFor(settings: Pick<SettingsSnapshot, (typeof QUOTA_KEY)[CommitteeLevel]>, level: CommitteeLevel): number {
  return settings[QUOTA_KEY[level]];
}

export type QuotaStatus = "MET" | "ON_TRACK" | "BEHIND";

export interface QuotaProgress {
  /** The year's quota, scaled down when the overseer was first assigned during the year. */
  quota: number;
  /** Visits due by `asOf` at an even pace (fractional). */
  expected: number;
  status: QuotaStatus;
  /** 0 = January: the month the quota starts to run (the first assignment's month, else January). */
  startMonth: number;
}

/**
 * Progress of `counted` visits against `annualQuota` in `year` as of `asOf`. The quota runs from
 * January, or from the month of the overseer's first assignment when that falls inside the year
 * (an overseer assigned in September owes a third of the year's visits, rounded up). Visits are
 * due pro rata over the whole months elapsed: on 1 July half of the quota is due, so "behind at
 * mid-year" is fewer than half. A year that is over is judged on the whole quota.
 */
export function quotaProgress(input: {
  annualQuota: number;
  counted: number;
  year: number;
  asOf: Date;
  /** First day of the overseer's earliest assignment that overlaps the year. */
  firstAssignedOn: Date | null;
}): QuotaProgress {
  const { annualQuota, counted, year, asOf } = input;
  const first = input.firstAssignedOn;
  const startMonth = first && first.getUTCFullYear() === year ? first.getUTCMonth() : 0;
  const months = 12 - startMonth;
  const quota = Math.ceil((annualQuota * months) / 12);
  const elapsed =
    asOf.getUTCFullYear() > year ? months : asOf.getUTCFullYear() < year ? 0 : Math.max(0, asOf.getUTCMonth() - startMonth);
  const expected = months === 0 ? quota : (quota * elapsed) / months;
  const status: QuotaStatus = counted >= quota ? "MET" : counted >= expected ? "ON_TRACK" : "BEHIND";
  return { quota, expected, status, startMonth };
}

/** True from 1 July of `year` on: the mid-year checkpoint of the quota has passed. */
export function pastMidYear(year: number, asOf: Date): boolean {
  return asOf.getTime() >= Date.UTC(year, 6, 1);
}

/** Whole calendar months from `from` to `to` (both calendar days): 5/3 → 4/6 is 2, → 5/6 is 3. */
export function wholeMonthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return Math.max(0, to.getUTCDate() < from.getUTCDate() ? months - 1 : months);
}


/** Calendar days from the meeting's day to the day the visit is recorded (both in Vietnam). */
export function daysAfter(meetingDay: Date, recordedDay: Date): number {
  return Math.round((recordedDay.getTime() - meetingDay.getTime()) / DAY_MS);
}

/** A visit recorded more than `backdateDays` calendar days after the meeting waits for a reviewer. */
export function needsApproval(meetingDay: Date, recordedDay: Date, backdateDays: number): boolean {
  return daysAfter(meetingDay, recordedDay) > backdateDays;
}

/** A term [from, to] (to null: open) covers a calendar day. */
export function termCovers(term: { validFrom: Date; validTo: Date | null }, day: Date): boolean {
  return term.validFrom.getTime() <= day.getTime() && (term.validTo === null || term.validTo.getTime() >= day.getTime());
}

/** Two terms share at least one day. */
export function termsOverlap(a: { validFrom: Date; validTo: Date | null }, b: { validFrom: Date; validTo: Date | null }): boolean {
  const aEnd = a.validTo?.getTime() ?? Number.POSITIVE_INFINITY;
  const bEnd = b.validTo?.getTime() ?? Number.POSITIVE_INFINITY;
  return a.validFrom.getTime() <= bEnd && b.validFrom.getTime() <= aEnd;
}

export function yearBounds(year: number): { start: Date; end: Date } {
  return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year, 11, 31)) };
}

/** A branch not visited for `oversight.alertMonthsWithoutVisit` months or more is flagged on the coverage page. */
export function visitAlertDue(monthsWithoutVisit: number, settings: Pick<SettingsSnapshot, "oversight.alertMonthsWithoutVisit">): boolean {
  return monthsWithoutVisit >= settings["oversight.alertMonthsWithoutVisit"];
}
