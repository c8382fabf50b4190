// The period a classification covers (QĐ 366: the year by default, also a quarter or the term),
// written as a short key in URLs and the API: "2026", "2026-Q4", "2020-2025".
import type { PeriodKind } from "./model";
import { addDays, vietnamMidnight } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const words = messages.classificationServer.period;

export interface Period {
  key: string;
  kind: PeriodKind;
  /** First and last calendar day (UTC midnights), both inclusive. */
  start: Date;
  end: Date;
  /** The year that closes the period (targets and shares are per year). */
  year: number;
  label: string;
}

const ROMAN = ["I", "II", "III", "IV"];
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const inRange = (year: number) => year >= 2000 && year <= 2100;

export function yearPeriod(year: number): Period {
  return { key: String(year), kind: "YEAR", start: utc(year, 1, 1), end: utc(year, 12, 31), year, label: fill(words.year, { year }) };
}

/** The period of a key, or null when the key is not one. */
export function parsePeriod(key: string | null | undefined): Period | null {
  const text = (key ?? "").trim();
  let match = /^(\d{4})$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    return inRange(year) ? yearPeriod(year) : null;
  }
  match = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (match) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    if (!inRange(year)) return null;
    const end = new Date(Date.UTC(year, quarter * 3, 0));
    return { key: `${year}-Q${quarter}`, kind: "QUARTER", start: utc(year, quarter * 3 - 2, 1), end, year, label: fill(words.quarter, { quarter: ROMAN[quarter - 1]!, year }) };
  }
  match = /^(\d{4})-(\d{4})$/.exec(text);
  if (match) {
    const from = Number(match[1]);
    const to = Number(match[2]);
    if (!inRange(from) || !inRange(to) || to <= from || to - from > 10) return null;
    return { key: `${from}-${to}`, kind: "TERM", start: utc(from, 1, 1), end: utc(to, 12, 31), year: to, label: fill(words.term, { from, to }) };
  }
  return null;
}

/** The key of a stored period. */
export function periodOf(kind: PeriodKind, start: Date, end: Date): Period {
  const y = start.getUTCFullYear();
  const key = kind === "YEAR" ? String(y) : kind === "QUARTER" ? `${y}-Q${Math.floor(start.getUTCMonth() / 3) + 1}` : `${y}-${end.getUTCFullYear()}`;
  return parsePeriod(key)!;
}

/** Vietnam is UTC+7 all year: an instant range that covers the period's calendar days in Vietnam. */
export function instantRange(period: Pick<Period, "start" | "end">): { gte: Date; lt: Date } {
  return { gte: vietnamMidnight(period.start), lt: vietnamMidnight(addDays(period.end, 1)) };
}
