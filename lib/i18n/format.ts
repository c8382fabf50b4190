// vi-VN formatting shared by pages, services, exports and tests. Everything is shown in Vietnam's
// time zone whatever the server's own zone is, and built from Intl parts so the layout
// (dd/MM/yyyy, HH:mm) does not depend on the ICU version of the runtime.

import { TIME_ZONE, VIETNAM_OFFSET_MS } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
// The words alone: pages in the browser format with this module.
import words from "@/lib/i18n/messages/vi/format.json";

export const LOCALE = "vi";
export const INTL_LOCALE = "vi-VN";

export type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(fill(words.invalidDateTime, { value: String(value) }));
  return date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(value: DateInput, timeZone: string): Record<"day" | "month" | "year" | "hour" | "minute", string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  const out = { day: "", month: "", year: "", hour: "", minute: "" };
  for (const part of formatter.formatToParts(toDate(value))) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

/** "21/11/2026": an instant, as a date in Vietnam. */
export function formatDate(value: DateInput): string {
  const p = parts(value, TIME_ZONE);
  return `${p.day}/${p.month}/${p.year}`;
}

/**
 * "21/11/2026" for a calendar date stored without time (`@db.Date`, read back as UTC midnight):
 * formatted in UTC so the day never shifts, whatever the time zone.
 */
export function formatCalendarDate(value: DateInput): string {
  const p = parts(value, "UTC");
  return `${p.day}/${p.month}/${p.year}`;
}

/** "09:05": the time of day in Vietnam, 24-hour clock. */
export function formatTime(value: DateInput): string {
  const p = parts(value, TIME_ZONE);
  return `${p.hour}:${p.minute}`;
}

/** "09:05 21/11/2026": time then date, the usual order in Vietnamese administrative texts. */
export function formatDateTime(value: DateInput): string {
  return `${formatTime(value)} ${formatDate(value)}`;
}

/**
 * A length of time, unsigned: "58 giờ 4 phút", "6 giờ", "45 phút" (hours are not turned into days,
 * so it reads against rules written in hours: "ít nhất 24 giờ"). The one formatter of lead and lag
 * times: whether it is before or after is said by the sentence around it, never by a minus sign.
 */
export function formatDuration(minutes: number): string {
  const abs = Math.abs(Math.round(minutes));
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  if (hours === 0) return fill(words.minutes, { minutes: rest });
  return rest === 0 ? fill(words.hours, { hours: formatNumber(hours) }) : fill(words.hoursMinutes, { hours: formatNumber(hours), minutes: rest });
}

/** "12.345" / "1.234,5": vi-VN grouping (dot) and decimal comma. */
export function formatNumber(value: number, options: { maximumFractionDigits?: number } = {}): string {
  return new Intl.NumberFormat(INTL_LOCALE, { maximumFractionDigits: options.maximumFractionDigits ?? 2 }).format(value);
}

/** A ratio as a percentage: 0.856 → "85,6%". */
export function formatPercent(ratio: number, options: { maximumFractionDigits?: number } = {}): string {
  return new Intl.NumberFormat(INTL_LOCALE, {
    style: "percent",
    maximumFractionDigits: options.maximumFractionDigits ?? 1,
  }).format(ratio);
}

/**
 * Folds Vietnamese text for accent-insensitive search: "Chi bộ Đoàn Thể" → "chi bo doan the".
 * đ/Đ are separate letters (not a combining mark), so they are mapped explicitly.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    // đ (U+0111) and Đ (U+0110), by code point: a character table, not a word.
    .replace(/[\u0111\u0110]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/**
 * "2026-11-21T14:00" (an <input type="datetime-local"> value, or "2026-11-21 14:00") read as a time
 * in Vietnam → the instant. Null when malformed or not a real date/time.
 */
export function parseLocalDateTime(value: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (hour > 23 || minute > 59) return null;
  const asUtc = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (asUtc.getUTCFullYear() !== year || asUtc.getUTCMonth() !== month - 1 || asUtc.getUTCDate() !== day) return null;
  return new Date(asUtc.getTime() - VIETNAM_OFFSET_MS);
}

/** An instant → "2026-11-21T14:00" in Vietnam (the value of an <input type="datetime-local">). */
export function toLocalDateTimeInput(value: DateInput): string {
  const p = parts(value, TIME_ZONE);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

