// Calendar days for the roster. A calendar day is a Date at UTC midnight (how Prisma reads and
// writes @db.Date); "today" is the day in Vietnam whatever the server's zone. Raw SQL gets days as
// "yyyy-mm-dd" strings, never Date objects: Postgres would cast a timestamp to a date in the
// session's time zone and could shift it by one day.
import { TIME_ZONE } from "@/lib/i18n/format";

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-01" → that day at UTC midnight, or null when it is not a real date. */
export function parseDay(value: string): Date | null {
  const match = ISO_DAY.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** The calendar day as "yyyy-mm-dd" (inputs of type date, JSON, audit entries, raw SQL). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isoDayOrNull(date: Date | null | undefined): string | null {
  return date ? isoDay(date) : null;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Calendar months; the day is clamped to the target month (31/1 + 1 month = 28 or 29/2). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/** Completed years between two calendar days (age on a day). */
export function fullYears(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  if (to.getUTCMonth() < from.getUTCMonth() || (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate())) {
    years -= 1;
  }
  return years;
}

const dayFormatter = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today in Vietnam, as a calendar day. */
export function todayInVietnam(now: Date = new Date()): Date {
  return parseDay(dayFormatter.format(now))!;
}

/** Whether a period with an inclusive last day (null = open) covers `day`. */
export function covers(period: { from: Date; to: Date | null }, day: Date): boolean {
  return period.from.getTime() <= day.getTime() && (period.to === null || period.to.getTime() >= day.getTime());
}

/** Whether two periods with inclusive last days (null = open) share at least one day. */
export function overlaps(a: { from: Date; to: Date | null }, b: { from: Date; to: Date | null }): boolean {
  const aEndsBeforeB = a.to !== null && a.to.getTime() < b.from.getTime();
  const bEndsBeforeA = b.to !== null && b.to.getTime() < a.from.getTime();
  return !aEndsBeforeB && !bEndsBeforeA;
}
