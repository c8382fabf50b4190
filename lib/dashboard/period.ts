// The period a dashboard shows: a month of a year (default: this month in Vietnam), with what has
// already passed of it. Nonsense in the query never fails the page: it is ignored with a note.
import { dashboardMessages as text } from "./messages";
import { todayInVietnam } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";

export interface Period {
  year: number;
  /** 1–12: "this month" of the dashboard. */
  month: number;
  /** The chosen month is today's month: it is still under way. */
  inProgress: boolean;
  /** Months 1..completeThrough of the year are over (0: none yet). */
  completeThrough: number;
  /** Quarters whose three months are over by the end of the chosen month (or today). */
  quartersEnded: number;
  /** The quarter of the chosen month. */
  quarter: number;
  /** First day of the chosen month and of the year, as UTC midnight dates (how @db.Date compares). */
  monthStart: Date;
  yearStart: Date;
  today: Date;
}

export interface PeriodInput {
  year?: unknown;
  month?: unknown;
}

const MONTH_TEXT = /^(\d{4})-(\d{1,2})$/;

function integer(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) ? value : null;
  if (typeof value !== "string" || !/^\s*\d{1,4}\s*$/.test(value)) return null;
  return Number(value.trim());
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
}

/** The period asked for, or the nearest sensible one with a note saying what was ignored. */
export function resolvePeriod(input: PeriodInput, now: Date = new Date()): { period: Period; notes: string[] } {
  const notes: string[] = [];
  const today = todayInVietnam(now);
  const currentYear = today.getUTCFullYear();
  const currentMonth = today.getUTCMonth() + 1;

  let year: number | null = null;
  let month: number | null = null;
  // "2026-03" in the month field carries its year.
  if (typeof input.month === "string" && MONTH_TEXT.test(input.month.trim())) {
    const [, y, m] = MONTH_TEXT.exec(input.month.trim())!;
    year = Number(y);
    month = Number(m);
  } else {
    if (present(input.year)) {
      year = integer(input.year);
      if (year === null || year < 2000 || year > 2100) {
        notes.push(fill(text.notes.badYear, { value: String(input.year).slice(0, 20), year: currentYear }));
        year = null;
      }
    }
    if (present(input.month)) {
      month = integer(input.month);
      if (month === null || month < 1 || month > 12) {
        notes.push(fill(text.notes.badMonth, { value: String(input.month).slice(0, 20) }));
        month = null;
      }
    }
  }
  if (year !== null && (year < 2000 || year > 2100)) {
    notes.push(fill(text.notes.badYear, { value: String(year), year: currentYear }));
    year = null;
    month = null;
  }
  if (month !== null && (month < 1 || month > 12)) {
    notes.push(fill(text.notes.badMonth, { value: String(month) }));
    month = null;
  }
  year ??= currentYear;
  month ??= year === currentYear ? currentMonth : 12;
  if (year > currentYear || (year === currentYear && month > currentMonth)) {
    notes.push(fill(text.notes.future, { month, year }));
    year = currentYear;
    month = currentMonth;
  }

  const inProgress = year === currentYear && month === currentMonth;
  const completeThrough = inProgress ? month - 1 : month;
  return {
    period: {
      year,
      month,
      inProgress,
      completeThrough,
      quartersEnded: Math.floor(completeThrough / 3),
      quarter: Math.floor((month - 1) / 3) + 1,
      monthStart: new Date(Date.UTC(year, month - 1, 1)),
      yearStart: new Date(Date.UTC(year, 0, 1)),
      today,
    },
    notes,
  };
}

/** UTC midnight of the first day of month `m` (1–12, may be 13) of `year`. */
export function monthDate(year: number, m: number): Date {
  return new Date(Date.UTC(year, m - 1, 1));
}

/** "2026-03": the month key used in URLs and exports. */
export function monthKey(year: number, m: number): string {
  return `${year}-${String(m).padStart(2, "0")}`;
}
