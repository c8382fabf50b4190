// vi-VN formatting shared by pages, services, exports and tests. Everything is shown in Vietnam's
// time zone whatever the server's own zone is, and built from Intl parts so the layout
// (dd/MM/yyyy, HH:mm) does not depend on the ICU version of the runtime.

export const LOCALE = "vi";
export const INTL_LOCALE = "vi-VN";
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

export type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Không phải ngày giờ hợp lệ: ${String(value)}`);
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
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
