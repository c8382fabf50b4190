// Row checks and the import plan, without a database: each row is a create, an update (with the
// fields that change), unchanged, or an error with its row, column and a Vietnamese message.
import { describe, expect, test } from "vitest";
import { locateHeader, type SheetRow } from "@/lib/org/roster-file";
import { parseRecords, planImport, type ExistingMember, type RosterSnapshot, type UnitInfo } from "@/lib/org/roster-import";

const TODAY = new Date("2026-11-21T00:00:00Z");
const HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Số thẻ đảng viên", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "Mã chi bộ", "Chức vụ", "Điện thoại", "Email", "Nghề nghiệp"];

type Cells = Partial<Record<(typeof HEADER)[number], string>>;

const BASE: Cells = {
  "Họ và tên": "Hoàng Thị Hoa",
  "Ngày sinh": "12/03/1990",
  "Giới tính": "Nữ",
  "Ngày vào Đảng": "19/05/2015",
  "Ngày chính thức": "19/05/2016",
  "Chi bộ": "Chi bộ Hai",
};

function sheet(rows: Cells[], format: "CSV" | "XLSX" = "CSV") {
  const all: SheetRow[] = [
    { line: 1, cells: HEADER.map((text) => ({ text })) },
    ...rows.map((row, index) => ({ line: index + 2, cells: HEADER.map((h) => ({ text: row[h] ?? "" })) })),
  ];
  const header = locateHeader(all);
  return parseRecords(all.slice(1), header, format, TODAY);
}

const unit = (id: string, name: string, code: string | null, path: string, extra: Partial<UnitInfo> = {}): UnitInfo => ({
  id,
  name,
  code,
  kind: "BRANCH",
  path,
  activeTo: null,
  ...extra,
});

const UNITS: UnitInfo[] = [
  unit("root", "Đảng bộ", null, "/root/", { kind: "BLOC_COMMITTEE" }),
  unit("a", "Đảng bộ Sở A", "A", "/root/a/", { kind: "GRASSROOTS_COMMITTEE" }),
  unit("a1", "Chi bộ Một", "A1", "/root/a/a1/"),
  unit("a2", "Chi bộ Hai", "A2", "/root/a/a2/"),
  unit("a3", "Chi bộ Cũ", "A3", "/root/a/a3/", { activeTo: new Date("2024-12-31T00:00:00Z") }),
  unit("b1", "Chi bộ Ba", "B1", "/root/b/b1/"),
  unit("b2", "Chi bộ Một", "B2", "/root/b/b2/"),
];

function member(overrides: Partial<ExistingMember>): ExistingMember {
  return {
    id: "m1",
    version: 3,
    branchId: "a2",
    branchPath: "/root/a/a2/",
    fullName: "Hoàng Thị Hoa",
    gender: "FEMALE",
    birthDate: new Date("1990-03-12T00:00:00Z"),
    partyCardNumber: "79000001",
    admittedOn: new Date("2015-05-19T00:00:00Z"),
    officialOn: new Date("2016-05-19T00:00:00Z"),
    status: "OFFICIAL",
    ethnicity: null,
    hometown: null,
    occupation: "Chuyên viên",
    phone: null,
    email: null,
    endedOn: null,
    ...overrides,
  };
}

function snapshot(members: ExistingMember[] = [], extra: Partial<RosterSnapshot> = {}): RosterSnapshot {
  const cardless = new Map<string, ExistingMember[]>();
  for (const m of members.filter((m) => !m.partyCardNumber)) {
    const key = `${m.fullName.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase()}|${m.birthDate.toISOString().slice(0, 10)}`;
    cardless.set(key, [...(cardless.get(key) ?? []), m]);
  }
  return {
    scopePath: "/root/a/",
    today: TODAY,
    units: UNITS,
    membersByCard: new Map(members.filter((m) => m.partyCardNumber).map((m) => [m.partyCardNumber!, m])),
    cardless,
    positions: new Map(),
    secretaries: new Map(),
    ...extra,
  };
}

function plan(rows: Cells[], snap = snapshot(), format: "CSV" | "XLSX" = "CSV") {
  const { records, issues, incomplete } = sheet(rows, format);
  let n = 0;
  return planImport(records, issues, snap, { rowCount: rows.length, incomplete, newId: () => `new-${++n}` });
}

const codes = (result: ReturnType<typeof plan>) => result.issues.map((entry) => [entry.row, entry.column, entry.code]);

describe("cell checks", () => {
  test("missing required values name their column", () => {
    const result = plan([{ ...BASE, "Họ và tên": "", "Giới tính": " ", "Chi bộ": "" }]);
    expect(codes(result)).toEqual([
      [2, "Họ và tên", "required"],
      [2, "Giới tính", "required"],
      [2, "Chi bộ", "required"],
    ]);
    expect(result.issues[0]!.message).toBe("Thiếu họ và tên.");
  });

  test("bad and future dates, official before admitted, too young at admission", () => {
    const result = plan([
      { ...BASE, "Ngày sinh": "31/02/1990" },
      { ...BASE, "Ngày vào Đảng": "01/01/2030" },
      { ...BASE, "Ngày chính thức": "18/05/2015" },
      { ...BASE, "Ngày sinh": "01/01/2000", "Ngày vào Đảng": "31/12/2017", "Ngày chính thức": "" },
    ]);
    expect(codes(result)).toEqual([
      [2, "Ngày sinh", "badDate"],
      [3, "Ngày vào Đảng", "futureDate"],
      [4, "Ngày chính thức", "officialBeforeAdmitted"],
      [5, "Ngày sinh", "ageAtAdmission"],
    ]);
    expect(result.issues[0]!.message).toBe("“31/02/1990” không phải ngày hợp lệ. Ghi ngày theo dạng ngày/tháng/năm, ví dụ 05/03/1985.");
    expect(result.counts).toMatchObject({ rows: 4, error: 4, create: 0 });
  });

  test("formula cells are refused in CSV; an apostrophe-escaped one is text", () => {
    const result = plan([
      { ...BASE, "Nghề nghiệp": '=HYPERLINK("http://evil","x")' },
      { ...BASE, "Họ và tên": "@Hoa", "Số thẻ đảng viên": "79000009" },
      { ...BASE, "Điện thoại": "+84 912 345 678", "Nghề nghiệp": "'-chuyên viên", "Số thẻ đảng viên": "79000010" },
    ]);
    expect(codes(result)).toEqual([
      [2, "Nghề nghiệp", "formula"],
      [3, "Họ và tên", "formula"],
    ]);
    expect(result.issues[0]!.message).toMatch(/có thể bị Excel chạy như công thức/);
    const created = result.rows.find((row) => row.line === 4);
    expect(created).toMatchObject({ action: "create", values: { phone: "+84 912 345 678", occupation: "-chuyên viên" } });
  });

  test("formula cells of an XLSX are refused", () => {
    const { records, issues } = (() => {
      const rows: SheetRow[] = [
        { line: 1, cells: HEADER.map((text) => ({ text })) },
        { line: 2, cells: HEADER.map((h) => (h === "Nghề nghiệp" ? { text: "", formula: true } : { text: BASE[h] ?? "" })) },
      ];
      return parseRecords(rows.slice(1), locateHeader(rows), "XLSX", TODAY);
    })();
    expect(records).toEqual([]);
    expect(issues.map((entry) => entry.code)).toEqual(["formula"]);
    expect(issues[0]!.message).toMatch(/Paste Values/);
  });

  test("a row with a faulty cell still has its branch checked, so one report lists all its faults", () => {
    const result = plan([{ ...BASE, "Ngày sinh": "1/13/1990", "Chi bộ": "Chi bộ Không Có" }]);
    expect(codes(result)).toEqual([
      [2, "Ngày sinh", "badDate"],
      [2, "Chi bộ", "unknownBranch"],
    ]);
    expect(result.counts.error).toBe(1);
  });

  test("gender, position, card, phone and email formats", () => {
    const result = plan([
      { ...BASE, "Giới tính": "Khác" },
      { ...BASE, "Chức vụ": "Trưởng ban" },
      { ...BASE, "Số thẻ đảng viên": "12" },
      { ...BASE, "Điện thoại": "12345" },
      { ...BASE, Email: "hoa@" },
    ]);
    expect(result.issues.map((entry) => entry.code)).toEqual(["badGender", "badPosition", "badCard", "badPhone", "badEmail"]);
  });

  test("a card number twice in the file is reported on the second row, with the first", () => {
    const result = plan([
      { ...BASE, "Số thẻ đảng viên": "79 000 123" },
      { ...BASE, "Họ và tên": "Người Khác", "Số thẻ đảng viên": "79000123" },
    ]);
    expect(codes(result)).toEqual([[3, "Số thẻ đảng viên", "duplicateCard"]]);
    expect(result.issues[0]!.message).toBe("Số thẻ 79000123 trùng với dòng 2 của tệp.");
  });

  test("names are stored NFC and trimmed", () => {
    const result = plan([{ ...BASE, "Họ và tên": "  Hoàng   Thị  Hoa ".normalize("NFD") }]);
    expect(result.rows[0]).toMatchObject({ action: "create", values: { fullName: "Hoàng Thị Hoa" } });
  });
});

describe("branches", () => {
  test("by exact name, by code (which wins), or by a unique name typed without accents", () => {
    const result = plan([
      { ...BASE, "Chi bộ": "Chi bộ Hai" },
      { ...BASE, "Chi bộ": "Chi bộ Hai", "Mã chi bộ": "a1", "Số thẻ đảng viên": "79000002" },
      { ...BASE, "Chi bộ": "chi bo hai", "Số thẻ đảng viên": "79000003" },
    ]);
    expect(result.issues).toEqual([]);
    expect(result.rows.map((row) => (row.action === "create" ? row.values.branchId : null))).toEqual(["a2", "a1", "a2"]);
  });

  test("unknown, outside the scope, ambiguous, not a branch, closed", () => {
    const wide = snapshot([], { scopePath: "/root/" });
    const result = plan(
      [
        { ...BASE, "Chi bộ": "Chi bộ Bốn" },
        { ...BASE, "Chi bộ": "Chi bộ Một" },
        { ...BASE, "Chi bộ": "Đảng bộ Sở A" },
        { ...BASE, "Chi bộ": "Chi bộ Cũ" },
        { ...BASE, "Mã chi bộ": "ZZ" },
      ],
      wide,
    );
    expect(result.issues.map((entry) => entry.code)).toEqual(["unknownBranch", "ambiguousBranch", "notBranch", "closedBranch", "unknownBranch"]);
    expect(result.issues[1]!.message).toMatch(/Mã chi bộ/);
    expect(result.issues[3]!.message).toBe("Chi bộ “Chi bộ Cũ” đã ngừng hoạt động từ 01/01/2025.");
    // For an admin of A only, "Chi bộ Một" is A's, and "Chi bộ Ba" is someone else's.
    const narrow = plan([{ ...BASE, "Chi bộ": "Chi bộ Một" }, { ...BASE, "Chi bộ": "Chi bộ Ba", "Số thẻ đảng viên": "79000005" }]);
    expect(narrow.rows.map((row) => row.action === "create" && row.values.branchId)).toEqual(["a1"]);
    expect(codes(narrow)).toEqual([[3, "Chi bộ", "branchOutsideScope"]]);
  });
});

describe("matching existing members", () => {
  test("same card, same values: unchanged (empty cells keep the stored value)", () => {
    const result = plan([{ ...BASE, "Số thẻ đảng viên": "79000001" }], snapshot([member({})]));
    expect(result.rows).toEqual([expect.objectContaining({ action: "unchanged", line: 2 })]);
    expect(result.counts).toMatchObject({ unchanged: 1, update: 0, create: 0 });
  });

  test("an update lists exactly the fields that change, a branch change is a transfer", () => {
    const result = plan(
      [{ ...BASE, "Số thẻ đảng viên": "79000001", "Chi bộ": "Chi bộ Một", "Điện thoại": "0912345678", "Nghề nghiệp": "Chuyên viên" }],
      snapshot([member({})]),
    );
    expect(result.rows[0]).toMatchObject({
      action: "update",
      transfer: true,
      changes: [
        { column: "Điện thoại", from: null, to: "0912345678" },
        { column: "Chi bộ", from: "Chi bộ Hai", to: "Chi bộ Một" },
      ],
    });
  });

  test("a member without a card is found by name and date of birth, and gets the card", () => {
    const cardless = member({ partyCardNumber: null, officialOn: null, status: "PROBATIONARY", admittedOn: new Date("2025-09-02T00:00:00Z") });
    const result = plan(
      [{ ...BASE, "Số thẻ đảng viên": "79000777", "Ngày vào Đảng": "02/09/2025", "Ngày chính thức": "" }],
      snapshot([cardless]),
    );
    expect(result.rows[0]).toMatchObject({ action: "update", changes: [{ column: "Số thẻ đảng viên", from: null, to: "79000777" }] });
  });

  test("a card of a member outside the scope, or of a member who left, is refused", () => {
    const outside = member({ id: "m2", partyCardNumber: "79000002", branchId: "b1", branchPath: "/root/b/b1/" });
    const left = member({ id: "m3", partyCardNumber: "79000003", endedOn: new Date("2025-01-01T00:00:00Z") });
    const result = plan(
      [
        { ...BASE, "Số thẻ đảng viên": "79000002" },
        { ...BASE, "Số thẻ đảng viên": "79000003" },
      ],
      snapshot([outside, left]),
    );
    expect(codes(result)).toEqual([
      [2, "Số thẻ đảng viên", "cardOutsideScope"],
      [3, "Số thẻ đảng viên", "memberLeft"],
    ]);
  });

  test("two rows for one member, two card-less newcomers that look alike, two card-less members that match", () => {
    const twins = [member({ id: "t1", partyCardNumber: null }), member({ id: "t2", partyCardNumber: null })];
    expect(plan([{ ...BASE }], snapshot(twins)).issues.map((entry) => entry.code)).toEqual(["ambiguousMember"]);
    const result = plan(
      [
        { ...BASE, "Số thẻ đảng viên": "79000001" },
        { ...BASE, "Số thẻ đảng viên": "" },
        { ...BASE, "Họ và tên": "Người Mới" },
        { ...BASE, "Họ và tên": "Người Mới" },
      ],
      snapshot([member({}), member({ id: "m9", partyCardNumber: null, fullName: "Hoàng Thị Hoa" })]),
    );
    expect(codes(result)).toEqual([[5, null, "duplicatePerson"]]);
    expect(result.rows.map((row) => row.action)).toEqual(["unchanged", "unchanged", "create"]);
  });

  test("keeping an official member's date when the cell is empty still checks it against a new admission date", () => {
    const result = plan([{ ...BASE, "Số thẻ đảng viên": "79000001", "Ngày vào Đảng": "20/05/2016", "Ngày chính thức": "" }], snapshot([member({})]));
    expect(codes(result)).toEqual([[2, "Ngày vào Đảng", "officialBeforeAdmitted"]]);
  });
  test("a member already in a closed branch is reported as unchanged; no one new joins it", () => {
    const stays = member({ branchId: "a3", branchPath: "/root/a/a3/" });
    const result = plan(
      [
        { ...BASE, "Chi bộ": "Chi bộ Cũ", "Số thẻ đảng viên": "79000001" },
        { ...BASE, "Chi bộ": "Chi bộ Cũ", "Họ và tên": "Người Mới", "Số thẻ đảng viên": "79000031" },
      ],
      snapshot([stays]),
    );
    expect(result.rows.map((row) => row.action)).toEqual(["unchanged"]);
    expect(codes(result)).toEqual([[3, "Chi bộ", "closedBranch"]]);
  });
});

describe("positions", () => {
  test("a branch has one secretary: taken by someone else, or claimed twice in the file", () => {
    const snap = snapshot([member({})], { secretaries: new Map([["a1", { memberId: "other", fullName: "Nguyễn Văn An" }]]) });
    const result = plan(
      [
        { ...BASE, "Chi bộ": "Chi bộ Một", "Chức vụ": "Bí thư", "Số thẻ đảng viên": "79000011" },
        { ...BASE, "Chức vụ": "Bí thư", "Số thẻ đảng viên": "79000001" },
        { ...BASE, "Họ và tên": "Người Mới", "Chức vụ": "bí thư", "Số thẻ đảng viên": "79000012" },
      ],
      snap,
    );
    expect(codes(result)).toEqual([
      [2, "Chức vụ", "secretaryTaken"],
      [4, "Chức vụ", "duplicateSecretary"],
    ]);
    expect(result.issues[0]!.message).toMatch(/đang có Bí thư Nguyễn Văn An/);
    expect(result.rows[0]).toMatchObject({ action: "update", position: "SECRETARY", changes: [{ column: "Chức vụ", from: null, to: "Bí thư" }] });
  });

  test("a position already held is unchanged; after a transfer it is opened in the new branch", () => {
    const snap = snapshot([member({})], { positions: new Map([["m1", [{ kind: "DEPUTY_SECRETARY", orgUnitId: "a2" }]]]) });
    expect(plan([{ ...BASE, "Số thẻ đảng viên": "79000001", "Chức vụ": "Phó Bí thư" }], snap).rows[0]!.action).toBe("unchanged");
    expect(plan([{ ...BASE, "Số thẻ đảng viên": "79000001", "Chức vụ": "Phó Bí thư", "Chi bộ": "Chi bộ Một" }], snap).rows[0]).toMatchObject({
      action: "update",
      transfer: true,
      position: "DEPUTY_SECRETARY",
    });
  });
});

describe("the plan's fingerprint", () => {
  test("is the same for the same file and data, and changes when a touched member changed", () => {
    const rows = [{ ...BASE, "Số thẻ đảng viên": "79000001", "Điện thoại": "0912345678" }, { ...BASE, "Họ và tên": "Người Mới", "Số thẻ đảng viên": "79000044" }];
    const first = plan(rows, snapshot([member({})]));
    expect(plan(rows, snapshot([member({})])).hash).toBe(first.hash);
    expect(plan(rows, snapshot([member({ version: 4 })])).hash).not.toBe(first.hash);
    expect(plan(rows, snapshot([member({ phone: "0900000000" })])).hash).not.toBe(first.hash);
  });
});
