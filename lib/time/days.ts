// Calendar days and Vietnam's clock: the one home of day arithmetic. A calendar day is a Date at UTC
// midnight (how Prisma reads and writes @db.Date); "today" is the day in Vietnam whatever the
// server's zone. Vietnam has kept UTC+7 all year since 1975 (no daylight saving), so an instant and
// its Vietnamese wall-clock time differ by a constant. Raw SQL gets days as "yyyy-mm-dd" strings,
// never Date objects: Postgres would cast a timestamp to a date in the session's time zone.
/** Vietnam's IANA zone (lib/i18n/format re-exports it for the formatters). */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

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

/** The instant a calendar day (UTC midnight) begins in Vietnam: 17:00 UTC the day before. */
export function vietnamMidnight(day: Date | number): Date {
  return new Date((typeof day === "number" ? day : day.getTime()) - VIETNAM_OFFSET_MS);
}

/** The instant a month (1–12; 13 = January of the next year) begins in Vietnam. */
export function vietnamMonthStart(year: number, month: number): Date {
  return vietnamMidnight(Date.UTC(year, month - 1, 1));
}

/** An instant's Vietnamese wall-clock time, read with the getUTC… methods (for layouts built by hand). */
export function vietnamWallClock(instant: Date): Date {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS);
}

/** The calendar day in Vietnam of an instant, as UTC midnight (how @db.Date columns compare). */
export function vietnamDayOf(value: Date | string | number): Date {
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`vietnamDayOf: not a valid instant: ${String(value)}`); // a caller's fault: inputs are parsed before
  const local = instant.getTime() + VIETNAM_OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS));
}
