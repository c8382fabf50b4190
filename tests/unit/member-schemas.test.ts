// The roster's input rules, shared by forms, the API and the services: what is accepted, what is
// refused (with the field a person must fix), and that parsing twice changes nothing (actions parse,
// then the service parses the result again).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { covers, overlaps } from "@/lib/org/member-dates";
import {
  addResidenceLinkSchema,
  addTemporaryTransferSchema,
  createMemberSchema,
  decodeCursor,
  encodeCursor,
  memberListQuerySchema,
  normalizeCardNumber,
  probationEnds,
  transferMemberSchema,
  updateMemberSchema,
} from "@/lib/org/member-schemas";
import { addDays, addMonths, fullYears, isoDay, parseDay, todayInVietnam } from "@/lib/time/days";

const BRANCH = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fullName: "Nguyễn Văn An",
    gender: "MALE",
    birthDate: "1985-04-12",
    partyCardNumber: "79012345",
    admittedOn: "2010-05-19",
    officialOn: "2011-05-19",
    status: "OFFICIAL",
    ethnicity: "Kinh",
    hometown: "",
    occupation: "",
    phone: "",
    email: "",
    branchId: BRANCH,
    membershipFrom: "",
    ...overrides,
  };
}

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.join(".")] ??= issue.message;
  return out;
}

describe("member fields", () => {
  it("normalizes what was typed: NFC names, single spaces, empty optional fields as null, cards without spaces", () => {
    const parsed = createMemberSchema.parse(
      form({ fullName: "  Lê   Thị  Thu\u0301y ".normalize("NFD"), partyCardNumber: " 79 01-2345 ", email: " An@Coquan.GOV.vn " }),
    );
    expect(parsed.fullName).toBe("Lê Thị Thúy");
    expect(parsed.fullName).toBe(parsed.fullName.normalize("NFC"));
    expect(parsed.partyCardNumber).toBe("7901-2345");
    expect(parsed.email).toBe("an@coquan.gov.vn");
    expect(parsed).toMatchObject({ hometown: null, phone: null, membershipFrom: null, birthDate: new Date("1985-04-12T00:00:00Z") });
  });

  it.each([
    ["official before admission", { officialOn: "2010-05-18" }, "officialOn", /trước ngày vào Đảng/],
    ["under 18 on admission", { birthDate: "1992-05-20", admittedOn: "2010-05-19" }, "birthDate", /18 tuổi/],
    ["probationary with an official day", { status: "PROBATIONARY" }, "officialOn", /dự bị/],
    ["official without an official day", { officialOn: "" }, "officialOn", /cần có ngày/],
    ["no gender", { gender: "" }, "gender", /giới tính/],
    ["a day that does not exist", { admittedOn: "2010-02-29", officialOn: "", status: "PROBATIONARY" }, "admittedOn", /không hợp lệ/],
    ["a date in another format", { birthDate: "12/04/1985" }, "birthDate", /không hợp lệ/],
    ["a bad e-mail", { email: "an@" }, "email", /thư điện tử/],
    ["letters in the phone number", { phone: "09x12345678" }, "phone", /chữ số/],
    ["membership before admission", { membershipFrom: "2009-01-01" }, "membershipFrom", /trước ngày vào Đảng/],
  ])("refuses %s on the right field", (_name, overrides, field, message) => {
    const result = createMemberSchema.safeParse(form(overrides));
    expect(result.success).toBe(false);
    expect(errorsOf(result)[field]).toMatch(message);
  });

  it("accepts turning 18 on the day of admission, and a probationary member without card", () => {
    expect(createMemberSchema.safeParse(form({ birthDate: "1992-05-19", admittedOn: "2010-05-19", officialOn: "2011-05-19" })).success).toBe(true);
    expect(createMemberSchema.safeParse(form({ status: "PROBATIONARY", officialOn: "", partyCardNumber: "" })).success).toBe(true);
  });

  it("is idempotent: parsing the parsed value gives it back (action, then service)", () => {
    const once = createMemberSchema.parse(form({ hometown: "Hà Tĩnh" }));
    expect(createMemberSchema.parse(once)).toEqual(once);
    const update = updateMemberSchema.parse({ ...form(), id: BRANCH, version: "3" });
    expect(update.version).toBe(3);
    expect(updateMemberSchema.parse(update)).toEqual(update);
    const transfer = transferMemberSchema.parse({ memberId: BRANCH, version: 1, targetBranchId: BRANCH, effectiveOn: "2025-01-01", note: "" });
    expect(transferMemberSchema.parse(transfer)).toEqual(transfer);
  });

  it("a branch of the tenant or a name outside, never both nor neither", () => {
    const base = { memberId: BRANCH, fromDate: "2025-01-01" };
    expect(addTemporaryTransferSchema.safeParse({ ...base, hostName: "Chi bộ ngoài" }).success).toBe(true);
    expect(addTemporaryTransferSchema.safeParse({ ...base, hostBranchId: BRANCH }).success).toBe(true);
    expect(errorsOf(addTemporaryTransferSchema.safeParse(base)).hostName).toBeDefined();
    expect(errorsOf(addTemporaryTransferSchema.safeParse({ ...base, hostBranchId: BRANCH, hostName: "X" })).hostName).toBeDefined();
    const exempt = addResidenceLinkSchema.safeParse({ ...base, residenceBranchName: "Chi bộ thôn Đông", exempt: "on" });
    expect(errorsOf(exempt).exemptReason).toMatch(/Hướng dẫn 33/);
    const ends = addResidenceLinkSchema.safeParse({ ...base, residenceBranchName: "X", toDate: "2024-12-31" });
    expect(errorsOf(ends).toDate).toMatch(/trước ngày bắt đầu/);
  });

  it("card numbers compare without spaces and case", () => {
    expect(normalizeCardNumber(" 79 012 345 ")).toBe("79012345");
    expect(normalizeCardNumber("ab-12")).toBe("AB-12");
  });
});

describe("list query", () => {
  it("defaults to the current roll, 50 per page; GET forms' empty values mean no filter", () => {
    expect(memberListQuerySchema.parse({ q: "", status: "", position: "", branch: "", cursor: "" })).toEqual({
      q: null,
      status: null,
      position: null,
      branch: null,
      exempt: false,
      roll: "current",
      cursor: null,
      limit: 50,
    });
    expect(memberListQuerySchema.parse({ exempt: "1", roll: "ended", limit: "100" })).toMatchObject({ exempt: true, roll: "ended", limit: 100 });
    expect(memberListQuerySchema.safeParse({ limit: "500" }).success).toBe(false);
    expect(memberListQuerySchema.safeParse({ roll: "deleted" }).success).toBe(false);
  });

  it("cursors round-trip and tampered ones are rejected", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.uuid(), (sortKey, id) => {
        expect(decodeCursor(encodeCursor({ sortKey, id }))).toEqual({ sortKey, id });
      }),
    );
    expect(decodeCursor("nonsense")).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify(["a", "not-a-uuid"])).toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify({ sortKey: "a" })).toString("base64url"))).toBeNull();
  });
});

describe("calendar days", () => {
  it("parses only real days and prints them back", () => {
    expect(parseDay("2024-02-29")).toEqual(new Date("2024-02-29T00:00:00Z"));
    expect(parseDay("2023-02-29")).toBeNull();
    expect(parseDay("2023-13-01")).toBeNull();
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true }), (date) => {
        const day = isoDay(date);
        expect(isoDay(parseDay(day)!)).toBe(day);
      }),
    );
  });

  it("today is the day in Vietnam (UTC+7), whatever the server's zone", () => {
    expect(isoDay(todayInVietnam(new Date("2026-12-31T16:59:59Z")))).toBe("2026-12-31");
    expect(isoDay(todayInVietnam(new Date("2026-12-31T17:00:00Z")))).toBe("2027-01-01");
  });

  it("probation ends 12 calendar months after admission, clamped to the month", () => {
    expect(isoDay(probationEnds(new Date("2025-01-15")))).toBe("2026-01-15");
    expect(isoDay(probationEnds(new Date("2024-02-29")))).toBe("2025-02-28");
    expect(isoDay(addMonths(new Date("2025-01-31"), 1))).toBe("2025-02-28");
  });

  it("ages count completed years", () => {
    expect(fullYears(new Date("1992-05-19"), new Date("2010-05-18"))).toBe(17);
    expect(fullYears(new Date("1992-05-19"), new Date("2010-05-19"))).toBe(18);
  });

  it("periods with inclusive last days: touching is overlapping, the next day is not", () => {
    const jan = { from: new Date("2025-01-01"), to: new Date("2025-01-31") };
    expect(overlaps(jan, { from: new Date("2025-01-31"), to: null })).toBe(true);
    expect(overlaps(jan, { from: new Date("2025-02-01"), to: null })).toBe(false);
    expect(overlaps({ from: new Date("2025-03-01"), to: null }, jan)).toBe(false);
    expect(covers(jan, new Date("2025-01-31"))).toBe(true);
    expect(covers(jan, addDays(new Date("2025-01-31"), 1))).toBe(false);
    // Symmetric, as a property.
    const period = fc
      .tuple(fc.integer({ min: 0, max: 400 }), fc.option(fc.integer({ min: 0, max: 60 })))
      .map(([start, length]) => ({ from: addDays(new Date("2025-01-01"), start), to: length === null ? null : addDays(new Date("2025-01-01"), start + length) }));
    fc.assert(
      fc.property(period, period, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a));
      }),
    );
  });
});
