// The roster layout's value rules: dates, headers, genders, positions and formula cells.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { escapeCsvCell, fieldOfHeader, formatRosterDate, isFormulaLike, normalizeCardNumber, parseCalendarDate, parseGender, parsePosition, unescapeCell } from "@/lib/org/roster-layout";
import { todayInVietnam } from "@/lib/time/days";

const iso = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

describe("dates", () => {
  test.each([
    ["05/03/1985", "1985-03-05"],
    ["5/3/1985", "1985-03-05"],
    ["05-03-1985", "1985-03-05"],
    ["05.03.1985", "1985-03-05"],
    ["1985-03-05", "1985-03-05"],
    ["1985-03-05T00:00:00.000Z", "1985-03-05"],
    [" 29/02/2024 ", "2024-02-29"],
  ])("%s is %s", (text, expected) => {
    expect(iso(parseCalendarDate(text))).toBe(expected);
  });

  test.each(["31/02/1990", "29/02/2023", "13/13/1990", "1990", "05/03/85", "ngày 5 tháng 3", "", "00/01/1990", "01/01/1800", "1985-03-05T10:00:00+07:00"])(
    "%s is refused",
    (text) => {
      expect(parseCalendarDate(text)).toBeNull();
    },
  );

  test("formatting and parsing round-trip every day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }), (date) => {
        const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
        expect(parseCalendarDate(formatRosterDate(day))?.getTime()).toBe(day.getTime());
      }),
    );
  });

  test("today is the calendar day in Vietnam, whatever the server's zone", () => {
    // 20:30 UTC on 21 November is already 22 November in Hanoi (UTC+7).
    expect(iso(todayInVietnam(new Date("2026-11-21T20:30:00Z")))).toBe("2026-11-22");
    expect(iso(todayInVietnam(new Date("2026-11-21T16:59:59Z")))).toBe("2026-11-21");
  });
});

describe("headers", () => {
  test.each([
    ["Họ và tên", "fullName"],
    ["HỌ VÀ TÊN", "fullName"],
    ["ho va ten", "fullName"],
    ["  Họ  tên ", "fullName"],
    ["Ngày sinh (*)", "birthDate"],
    ["Nam/Nữ", "gender"],
    ["Số thẻ đảng", "partyCardNumber"],
    ["SỐ THẺ ĐẢNG VIÊN", "partyCardNumber"],
    ["Ngày kết nạp", "admittedOn"],
    ["Ngày vào Đảng", "admittedOn"],
    ["Ngày công nhận chính thức", "officialOn"],
    ["Chi bộ", "branchName"],
    ["Mã chi bộ", "branchCode"],
    ["Chức vụ", "position"],
    ["Chức vụ Đảng", "position"],
    ["SĐT", "phone"],
    ["E-mail", "email"],
    ["STT", "index"],
  ])("%s → %s", (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  test("unknown headers are not guessed", () => {
    expect(fieldOfHeader("Ghi chú")).toBeNull();
    expect(fieldOfHeader("Tên")).toBeNull();
  });
});

describe("values", () => {
  test.each([
    ["Nam", "MALE"],
    ["nữ", "FEMALE"],
    ["NU", "FEMALE"],
    ["Nữ ", "FEMALE"],
    ["x", null],
  ])("gender %s → %s", (text, gender) => {
    expect(parseGender(text)).toBe(gender);
  });

  test.each([
    ["Bí thư", "SECRETARY"],
    ["bi thu chi bo", "SECRETARY"],
    ["Phó Bí thư", "DEPUTY_SECRETARY"],
    ["Chi ủy viên", "COMMITTEE_MEMBER"],
    ["Tổ trưởng", "GROUP_LEADER"],
    ["Trưởng phòng", null],
  ])("position %s → %s", (text, kind) => {
    expect(parsePosition(text)).toBe(kind);
  });

  test("card numbers lose spaces and case", () => {
    expect(normalizeCardNumber(" 79 01 2345 ")).toBe("79012345");
    expect(normalizeCardNumber("ab-12")).toBe("AB-12");
  });
});

describe("formula cells", () => {
  test.each(["=1+1", "=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "+84 abc"])("%s is formula-like", (text) => {
    expect(isFormulaLike(text)).toBe(true);
  });

  test.each(["Nguyễn Văn A", "+84 912 345 678", "0912345678", "", "a=b"])("%s is plain text", (text) => {
    expect(isFormulaLike(text)).toBe(false);
  });

  test("CSV export escapes what import would refuse, and import reads the escape back", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeCsvCell(text);
        expect(isFormulaLike(escaped)).toBe(false);
        expect(unescapeCell(escaped)).toBe(text.startsWith("'") && isFormulaLike(text.slice(1)) ? text.slice(1) : text);
      }),
    );
    expect(escapeCsvCell("=cmd")).toBe("'=cmd");
    expect(unescapeCell("'=cmd")).toBe("=cmd");
    expect(unescapeCell("'quoted")).toBe("'quoted");
  });
});
