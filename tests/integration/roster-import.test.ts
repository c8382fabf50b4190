// Roster import against the real database: the dry run writes no member, the apply writes exactly
// the plan in one transaction (or nothing), re-importing changes nothing, scope and staleness are
// enforced, and our own export re-imports as all unchanged.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { exportRoster } from "@/lib/org/roster-export";
import { applyImport, dryRunImport, getImport, listImports, RosterFileError } from "@/lib/org/roster-import";
import { ownerDb } from "@/tests/fixtures/db";
import { csvFile, makeImportTree, type ImportTree, type RowInput } from "@/tests/fixtures/roster-import";
import { isoDay, todayInVietnam } from "@/lib/time/days";

let tree: ImportTree;

beforeAll(async () => {
  tree = await makeImportTree();
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const members = () =>
  ownerDb().member.findMany({
    where: { tenantId: tree.tenantId },
    orderBy: { fullName: "asc" },
    select: { id: true, fullName: true, branchId: true, phone: true, occupation: true, version: true, partyCardNumber: true, status: true, officialOn: true },
  });
const auditCount = () => ownerDb().auditEntry.count({ where: { tenantId: tree.tenantId } });

function newRow(name: string, card: string | null, extra: RowInput = {}): RowInput {
  return {
    "Họ và tên": name,
    "Ngày sinh": "12/03/1990",
    "Giới tính": "Nữ",
    "Dân tộc": "Kinh",
    "Số thẻ đảng viên": card ? `${tree.cardPrefix}${card}` : undefined,
    "Ngày vào Đảng": "19/05/2015",
    "Ngày chính thức": "19/05/2016",
    "Chi bộ": "Chi bộ Hai",
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

async function importFile(bytes: Uint8Array, user = tree.admin, fileName = "danh-sach.csv") {
  return dryRunImport(user, { fileName, bytes });
}

describe("dry run", () => {
  test("checks every row, stores the file and its report, and writes no member", async () => {
    const before = await members();
    const result = await importFile(
      csvFile([
        newRow("Hoàng Thị Hoa", "1001"),
        newRow("Vũ Văn Khoa", null, { "Chi bộ": "Chi bộ Một", "Mã chi bộ": "A1", "Chức vụ": "Chi ủy viên" }),
        newRow("Đỗ Minh", "1003", { "Ngày sinh": "31/02/1990" }),
      ]),
    );
    expect(result.status).toBe("VALIDATED");
    expect(result).toMatchObject({ rowCount: 3, createCount: 2, updateCount: 0, unchangedCount: 0, errorCount: 1 });
    expect(result.report.issues).toEqual([
      expect.objectContaining({ row: 4, column: "Ngày sinh", code: "badDate", message: expect.stringContaining("31/02/1990") }),
    ]);
    expect(result.report.creates.map((c) => c.fullName)).toEqual(["Hoàng Thị Hoa", "Vũ Văn Khoa"]);
    expect(await members()).toEqual(before);
    const stored = await ownerDb().memberImport.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tree.tenantId, id: result.id } },
      select: { content: true, fileSha256: true, status: true, createdById: true, scopeUnitId: true },
    });
    expect(stored.status).toBe("VALIDATED");
    expect(stored.createdById).toBe(tree.admin.id);
    expect(stored.scopeUnitId).toBe(tree.root.id);
    expect(stored.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(stored.content).toString("utf8")).toContain("Hoàng Thị Hoa");
  });

  test("a file-level fault stores nothing and says what is wrong", async () => {
    const count = await ownerDb().memberImport.count({ where: { tenantId: tree.tenantId } });
    const latin1 = Uint8Array.from([...new TextEncoder().encode("Họ và tên,Ngày sinh\n"), 0x4e, 0x67, 0x75, 0x79, 0xea, 0x6e, 0x0a]);
    const error = await rejection(importFile(latin1));
    expect(error).toBeInstanceOf(RosterFileError);
    expect((error as RosterFileError).message).toMatch(/^Tệp không phải UTF-8/);
    const headerless = await rejection(importFile(new TextEncoder().encode("a,b,c\n1,2,3\n")));
    expect((headerless as RosterFileError).code).toBe("noHeader");
    expect(await ownerDb().memberImport.count({ where: { tenantId: tree.tenantId } })).toBe(count);
  });
});

describe("apply", () => {
  test("creates exactly the planned members, with their branch history and positions, in one go", async () => {
    const file = csvFile([
      newRow("Hoàng Thị Hoa", "2001", { "Điện thoại": "0912 345 678" }),
      newRow("Vũ Văn Khoa", null, { "Chi bộ": "Chi bộ Một", "Mã chi bộ": "A1", "Chức vụ": "Chi ủy viên", "Ngày chính thức": "" }),
    ]);
    const dry = await importFile(file);
    expect(dry).toMatchObject({ createCount: 2, errorCount: 0 });
    const auditsBefore = await auditCount();

    const result = await applyImport(tree.admin, dry.id, { requestId: "req-apply" });
    expect(result).toMatchObject({ created: 2, updated: 0, transferred: 0, positions: 1, unchanged: 0 });

    const hoa = await ownerDb().member.findFirstOrThrow({
      where: { tenantId: tree.tenantId, fullName: "Hoàng Thị Hoa" },
      select: { id: true, branchId: true, phone: true, status: true, gender: true, birthDate: true, officialOn: true, searchName: true },
    });
    expect(hoa).toMatchObject({ branchId: tree.a2.id, phone: "0912 345 678", status: "OFFICIAL", gender: "FEMALE", searchName: "hoang thi hoa" });
    expect(isoDay(hoa.birthDate)).toBe("1990-03-12");
    const khoa = await ownerDb().member.findFirstOrThrow({
      where: { tenantId: tree.tenantId, fullName: "Vũ Văn Khoa" },
      select: { id: true, status: true, partyCardNumber: true, branchMemberships: { select: { branchId: true, validFrom: true, validTo: true } }, positions: { select: { kind: true, orgUnitId: true, termTo: true } } },
    });
    expect(khoa.status).toBe("PROBATIONARY");
    expect(khoa.partyCardNumber).toBeNull();
    expect(khoa.branchMemberships).toEqual([{ branchId: tree.a1.id, validFrom: new Date("2015-05-19"), validTo: null }]);
    expect(khoa.positions).toEqual([{ kind: "COMMITTEE_MEMBER", orgUnitId: tree.a1.id, termTo: null }]);

    const imported = await getImport(tree.admin, dry.id);
    expect(imported.status).toBe("APPLIED");
    expect(imported.appliedAt).not.toBeNull();
    expect(imported.report?.applied).toMatchObject({ created: 2, updated: 0 });
    // One summary entry for the import (creations are not audited one by one).
    const audits = await ownerDb().auditEntry.findMany({ where: { tenantId: tree.tenantId, requestId: "req-apply" }, select: { action: true, after: true } });
    expect(audits).toEqual([{ action: "memberImport.apply", after: expect.objectContaining({ created: 2, status: "APPLIED" }) }]);
    expect(await auditCount()).toBe(auditsBefore + 1);
  });

  test("re-importing the same file reports every row unchanged, and applying it again is refused without writes", async () => {
    const file = csvFile([newRow("Ngô Văn Long", "3001"), newRow("Ngô Thị Mai", null)]);
    const first = await importFile(file);
    const early = await importFile(file);
    await applyImport(tree.admin, first.id);
    const before = await members();
    const audits = await auditCount();
    // A dry run of the same file made before the apply now says it was applied, and cannot be applied.
    expect((await getImport(tree.admin, early.id)).report?.sameFileAppliedAt).not.toBeNull();
    expect(await rejection(applyImport(tree.admin, early.id))).toBeInstanceOf(ConflictError);

    const again = await importFile(file);
    expect(again).toMatchObject({ rowCount: 2, createCount: 0, updateCount: 0, unchangedCount: 2, errorCount: 0 });
    expect(again.report.sameFileAppliedAt).not.toBeNull();
    const refused = await rejection(applyImport(tree.admin, again.id));
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/đã được cập nhật vào danh sách/);
    // The first import cannot be applied twice either.
    expect(await rejection(applyImport(tree.admin, first.id))).toBeInstanceOf(ConflictError);
    expect(await members()).toEqual(before);
    // Only the second dry run's own "validate" entry was written.
    expect(await auditCount()).toBe(audits + 1);
  });

  test("updates only the fields that changed, transfers through the branch history, and audits each member", async () => {
    const today = todayInVietnam();
    const file = csvFile([
      {
        // Binh moves from A1 to A2 and gets a phone number; her name is typed without the card's spaces.
        "Họ và tên": "Trần Thị Bình",
        "Ngày sinh": "02/09/1988",
        "Giới tính": "Nữ",
        "Số thẻ đảng viên": tree.binh.partyCardNumber!,
        "Ngày vào Đảng": "03/03/2012",
        "Ngày chính thức": "03/03/2013",
        "Chi bộ": "Chi bộ Hai",
        "Điện thoại": "0987654321",
      },
      {
        // Cuong has no card yet: found by name and birth date; becomes official with a card.
        "Họ và tên": "Lê Văn Cường",
        "Ngày sinh": "1996-01-20",
        "Giới tính": "Nam",
        "Số thẻ đảng viên": `${tree.cardPrefix}4444`,
        "Ngày vào Đảng": "02/09/2025",
        "Chi bộ": "Chi bộ Hai",
      },
      {
        // An: nothing changes (empty cells keep what is stored, e.g. the occupation).
        "Họ và tên": "Nguyễn Văn An",
        "Ngày sinh": "12/04/1975",
        "Giới tính": "Nam",
        "Số thẻ đảng viên": tree.an.partyCardNumber!,
        "Ngày vào Đảng": "19/05/2000",
        "Ngày chính thức": "19/05/2001",
        // Two branches are called "Chi bộ Một" in the tenant: the code says which.
        "Chi bộ": "Chi bộ Một",
        "Mã chi bộ": "A1",
        "Chức vụ": "Bí thư",
      },
    ]);
    const dry = await importFile(file);
    expect(dry).toMatchObject({ createCount: 0, updateCount: 2, unchangedCount: 1, errorCount: 0 });
    const binhChange = dry.report.changes.find((change) => change.fullName === "Trần Thị Bình")!;
    expect(binhChange.changes).toEqual([
      { column: "Điện thoại", from: null, to: "0987654321" },
      { column: "Chi bộ", from: "Chi bộ Một", to: "Chi bộ Hai" },
    ]);
    const anBefore = await ownerDb().member.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tree.tenantId, id: tree.an.id } }, select: { version: true, updatedAt: true } });

    const result = await applyImport(tree.admin, dry.id, { requestId: "req-update" });
    expect(result).toMatchObject({ created: 0, updated: 2, transferred: 1, unchanged: 1 });

    const binh = await ownerDb().member.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tree.tenantId, id: tree.binh.id } },
      select: { branchId: true, phone: true, occupation: true, version: true, branchMemberships: { orderBy: { validFrom: "asc" }, select: { branchId: true, validFrom: true, validTo: true } } },
    });
    expect(binh).toMatchObject({ branchId: tree.a2.id, phone: "0987654321", occupation: "Chuyên viên", version: 2 });
    expect(binh.branchMemberships).toEqual([
      { branchId: tree.a1.id, validFrom: new Date("2012-03-03"), validTo: new Date(today.getTime() - 86_400_000) },
      { branchId: tree.a2.id, validFrom: today, validTo: null },
    ]);
    const cuong = await ownerDb().member.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tree.tenantId, id: tree.cuong.id } }, select: { partyCardNumber: true, version: true } });
    expect(cuong).toEqual({ partyCardNumber: `${tree.cardPrefix}4444`, version: 2 });
    expect(await ownerDb().member.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tree.tenantId, id: tree.an.id } }, select: { version: true, updatedAt: true } })).toEqual(anBefore);

    const audits = await ownerDb().auditEntry.findMany({
      where: { tenantId: tree.tenantId, requestId: "req-update", entityType: "Member" },
      orderBy: { action: "asc" },
      select: { action: true, entityId: true, before: true, after: true },
    });
    expect(audits).toEqual([
      { action: "member.transfer", entityId: tree.binh.id, before: { "Chi bộ": "Chi bộ Một", "Điện thoại": null }, after: expect.objectContaining({ "Chi bộ": "Chi bộ Hai", "Điện thoại": "0987654321", importId: dry.id }) },
      { action: "member.update", entityId: tree.cuong.id, before: expect.objectContaining({ "Số thẻ đảng viên": null }), after: expect.objectContaining({ "Số thẻ đảng viên": `${tree.cardPrefix}4444` }) },
    ]);
  });
});

describe("scope", () => {
  test("rows touching branches or members outside the admin's subtree are refused, and the file cannot be applied", async () => {
    const dry = await importFile(
      csvFile([
        // "Chi bộ Một" exists in A and in B: for an admin of A it is A's.
        newRow("Phan Văn Nam", "5001", { "Chi bộ": "Chi bộ Một" }),
        newRow("Phan Văn Bắc", "5002", { "Chi bộ": "Chi bộ Ba" }),
        { ...newRow("Phạm Thị Dung", null, { "Chi bộ": "Chi bộ Hai" }), "Số thẻ đảng viên": tree.dung.partyCardNumber! },
        newRow("Phan Văn Tây", "5004", { "Chi bộ": "", "Mã chi bộ": "B2" }),
        newRow("Phan Văn Đông", "5005", { "Chi bộ": "Chi bộ Cũ" }),
      ]),
      tree.adminA,
    );
    expect(dry).toMatchObject({ createCount: 1, errorCount: 4 });
    expect(dry.report.issues.map((entry) => [entry.row, entry.code])).toEqual([
      [3, "branchOutsideScope"],
      [4, "cardOutsideScope"],
      [5, "branchOutsideScope"],
      [6, "closedBranch"],
    ]);
    const before = await members();
    const refused = await rejection(applyImport(tree.adminA, dry.id));
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as Error).message).toMatch(/4 dòng lỗi/);
    expect(await members()).toEqual(before);
  });

  test("an import is invisible outside its scope and to other tenants", async () => {
    const dry = await importFile(csvFile([newRow("Phan Văn Nam", "6001", { "Chi bộ": "Chi bộ Ba" })]));
    expect(await rejection(getImport(tree.adminA, dry.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(applyImport(tree.adminA, dry.id))).toBeInstanceOf(NotFoundError);
    expect((await listImports(tree.adminA)).map((entry) => entry.id)).not.toContain(dry.id);
    expect((await listImports(tree.admin)).map((entry) => entry.id)).toContain(dry.id);
    const other = await makeImportTree();
    expect(await rejection(applyImport(other.admin, dry.id))).toBeInstanceOf(NotFoundError);
    expect(await rejection(dryRunImport(tree.adminA, { fileName: "x.csv", bytes: csvFile([]), scopeUnitId: tree.b.id }))).toBeInstanceOf(NotFoundError);
  });
});

describe("consistency", () => {
  test("a dry run made stale by a change to a member is refused, and nothing is written", async () => {
    const dry = await importFile(
      csvFile([
        { ...newRow("Nguyễn Văn An", null), "Số thẻ đảng viên": tree.an.partyCardNumber!, "Ngày sinh": "12/04/1975", "Giới tính": "Nam", "Ngày vào Đảng": "19/05/2000", "Ngày chính thức": "19/05/2001", "Mã chi bộ": "a1", "Điện thoại": "0900000001" },
        newRow("Tạ Văn Mới", "7001"),
      ]),
    );
    expect(dry).toMatchObject({ createCount: 1, updateCount: 1, errorCount: 0 });
    // Someone edits An's record meanwhile (as the member page does: version + 1).
    await withTenant(tree.tenantId, (tx) =>
      tx.member.update({ where: { tenantId_id: { tenantId: tree.tenantId, id: tree.an.id } }, data: { email: "an@example.vn", version: { increment: 1 } }, select: { id: true } }),
    );
    const before = await members();
    const refused = await rejection(applyImport(tree.admin, dry.id));
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toMatch(/đã thay đổi kể từ lúc kiểm tra/);
    expect(await members()).toEqual(before);
    expect((await getImport(tree.admin, dry.id)).status).toBe("VALIDATED");
  });

  test("a failure in the middle of the apply leaves nothing behind", async () => {
    const dry = await importFile(
      csvFile([
        newRow("Kiều Văn Một", "8001"),
        newRow("Kiều Văn Hai", "8002", { "Điện thoại": "0911111111" }),
        newRow("Kiều Văn Ba", "8003", { "Mã chi bộ": "A1", "Chức vụ": "Tổ trưởng" }),
      ]),
    );
    expect(dry).toMatchObject({ createCount: 3, errorCount: 0 });
    const before = await members();
    const audits = await auditCount();
    // Members are inserted first, positions later: a constraint on positions fails after real writes.
    await ownerDb().$executeRawUnsafe(`ALTER TABLE "Position" ADD CONSTRAINT "test_no_group_leader" CHECK ("kind" <> 'GROUP_LEADER') NOT VALID`);
    try {
      await expect(applyImport(tree.admin, dry.id)).rejects.toThrow();
    } finally {
      await ownerDb().$executeRawUnsafe(`ALTER TABLE "Position" DROP CONSTRAINT "test_no_group_leader"`);
    }
    expect(await members()).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect((await getImport(tree.admin, dry.id)).status).toBe("VALIDATED");
    // With the obstacle gone the same import applies.
    await expect(applyImport(tree.admin, dry.id)).resolves.toMatchObject({ created: 3, positions: 1 });
  });
});

describe("export", () => {
  async function download(format: "csv" | "xlsx", unit?: string): Promise<Uint8Array> {
    const file = await exportRoster(tree.admin, { format, unit });
    return new Uint8Array(await new Response(file.body).arrayBuffer());
  }

  test("the CSV export has a BOM, the layout's header and the current members", async () => {
    const bytes = await download("csv", tree.a1.id);
    const text = new TextDecoder().decode(bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("STT,Họ và tên,Ngày sinh,Giới tính,Dân tộc,Quê quán,Nghề nghiệp,Số thẻ đảng viên,Ngày vào Đảng,Ngày chính thức,Chi bộ,Mã chi bộ,Chức vụ,Điện thoại,Email");
    expect(lines).toContain(`1,Nguyễn Văn An,12/04/1975,Nam,Kinh,,Trưởng phòng,${tree.an.partyCardNumber},19/05/2000,19/05/2001,Chi bộ Một,A1,Bí thư,,an@example.vn`);
    expect(lines.every((line) => !line.includes("Phạm Thị Dung"))).toBe(true);
  });

  test.each(["csv", "xlsx"] as const)("the %s export of the whole tenant re-imports as all unchanged", async (format) => {
    const bytes = await download(format);
    const count = await ownerDb().member.count({ where: { tenantId: tree.tenantId, endedOn: null } });
    const dry = await importFile(bytes, tree.admin, `export.${format}`);
    expect(dry.format).toBe(format.toUpperCase());
    expect(dry.report.issues).toEqual([]);
    expect(dry).toMatchObject({ rowCount: count, createCount: 0, updateCount: 0, unchangedCount: count, errorCount: 0 });
  });

  test("export of a unit outside the admin's subtree is a 404", async () => {
    await expect(exportRoster(tree.adminA, { format: "csv", unit: tree.b1.id })).rejects.toBeInstanceOf(NotFoundError);
  });
});
