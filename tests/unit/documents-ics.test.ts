// The iCal feed's text: what calendar apps need to place and update a meeting correctly.
import { describe, expect, test } from "vitest";
import { buildIcs, escapeText, foldLine, localStamp, type CalendarEvent } from "@/lib/calendar/ics";

const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
  sequence: 3,
  start: new Date("2026-11-05T07:00:00.000Z"),
  end: new Date("2026-11-05T08:30:00.000Z"),
  summary: "Sinh hoạt chi bộ thường kỳ tháng 11/2026 – Chi bộ Phòng Ngân sách",
  location: "Phòng họp tầng 2; Sở Tài chính, số 1",
  description: "Thường kỳ. Đã thông báo.\nChuyên đề: học tập, làm theo",
  url: "https://so.example/meetings/0190a1b2",
  status: "CONFIRMED",
  updatedAt: new Date("2026-11-01T02:03:04.000Z"),
  ...overrides,
});

describe("iCal feed", () => {
  test("times are local Vietnam times with a VTIMEZONE, the UID is the meeting's, SEQUENCE its version", () => {
    const ics = buildIcs([event()], { name: "Lịch sinh hoạt", now: new Date("2026-11-02T00:00:00.000Z") });
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n");
    expect(ics).toContain("TZOFFSETTO:+0700");
    expect(ics).toContain("DTSTART;TZID=Asia/Ho_Chi_Minh:20261105T140000");
    expect(ics).toContain("DTEND;TZID=Asia/Ho_Chi_Minh:20261105T153000");
    expect(ics).toContain("UID:meeting-0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b@so-sinh-hoat-chi-bo");
    expect(ics).toContain("SEQUENCE:3");
    expect(ics).toContain("DTSTAMP:20261102T000000Z");
    expect(ics).toContain("STATUS:CONFIRMED");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    // No bare LF: every line ends with CRLF.
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
  });

  test("the same meeting gives the same UID in every feed; a cancelled one says so", () => {
    const a = buildIcs([event()], { name: "A" });
    const b = buildIcs([event({ status: "CANCELLED", sequence: 4 })], { name: "B" });
    const uid = (ics: string) => /UID:(.*)\r\n/.exec(ics)?.[1];
    expect(uid(a)).toBe(uid(b));
    expect(b).toContain("STATUS:CANCELLED");
  });

  test("a time just after midnight in Vietnam falls on the Vietnamese day", () => {
    expect(localStamp(new Date("2026-11-04T17:30:00.000Z"))).toBe("20261105T003000");
  });

  test("text escaping and folding at 75 octets without breaking a Vietnamese letter", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    const long = `SUMMARY:${"Nghị quyết chi bộ về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh ".repeat(2)}`;
    const folded = foldLine(long);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((line) => line.startsWith(" "))).toBe(true);
    expect(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join("")).toBe(long);
  });
});
