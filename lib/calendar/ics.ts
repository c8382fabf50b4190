// iCalendar (RFC 5545) writer for the meeting feed. Pure. Times are written as local times in
// Asia/Ho_Chi_Minh with a VTIMEZONE (Vietnam keeps UTC+7 all year, so one STANDARD block is exact),
// UIDs are stable per meeting, and SEQUENCE follows the meeting's version so clients update events.
import { vietnamWallClock, TIME_ZONE } from "@/lib/time/days";

export interface CalendarEvent {
  /** Stable across feeds: the meeting id. */
  id: string;
  /** Increases whenever the meeting changes (its version). */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location: string | null;
  description: string | null;
  url: string | null;
  status: "TENTATIVE" | "CONFIRMED" | "CANCELLED";
  /** Last change (DTSTAMP / LAST-MODIFIED). */
  updatedAt: Date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 20261105T140000: the local time in Vietnam, for DTSTART;TZID=Asia/Ho_Chi_Minh. */
export function localStamp(instant: Date): string {
  const local = vietnamWallClock(instant);
  return (
    `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`
  );
}

/** 20261105T070000Z */
export function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function buildIcs(events: readonly CalendarEvent[], options: { name: string; now?: Date; uidDomain?: string }): string {
  const now = options.now ?? new Date();
  const domain = options.uidDomain ?? "so-sinh-hoat-chi-bo";
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//So sinh hoat chi bo//Lich sinh hoat//VI",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    "BEGIN:VTIMEZONE",
    `TZID:${TIME_ZONE}`,
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
  ];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:meeting-${event.id}@${domain}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${utcStamp(now)}`,
      `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
      `DTSTART;TZID=${TIME_ZONE}:${localStamp(event.start)}`,
      `DTEND;TZID=${TIME_ZONE}:${localStamp(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `STATUS:${event.status}`,
    );
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
