// Creating and editing members: what is stored, what is refused (with the field to fix), and the
// audit entries written in the same transaction.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createMember, getMemberDetail, updateMember, getMemberForEdit } from "@/lib/org/members";
import { ownerDb } from "@/tests/fixtures/db";
import { makeRosterTree, memberInput, nextCard, type RosterTree } from "@/tests/fixtures/members";

let tree: RosterTree;

beforeAll(async () => {
  tree = await makeRosterTree();
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const countMembers = () => ownerDb().member.count({ where: { tenantId: tree.tenantId } });

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe("creating a member", () => {
  test("stores the normalized record, the first branch membership and an audit entry", async () => {
    // Decomposed (NFD) input with stray spaces, as some keyboards and copy-pastes produce it.
    const typed = "  Trần   Thị Thu\u0301y  ".normalize("NFD");
    const { id } = await createMember(
      tree.admin,
      memberInput(tree.x.id, { fullName: typed, partyCardNumber: " 79 123456 ", admittedOn: "2012-03-01", officialOn: "2013-03-01" }),
      { requestId: "req-create" },
    );
    const stored = await ownerDb().member.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: tree.tenantId, id } },
      select: { fullName: true, searchName: true, partyCardNumber: true, branchId: true, version: true },
    });
    expect(stored).toEqual({
      fullName: "Trần Thị Thúy",
      searchName: "tran thi thuy",
      partyCardNumber: "79123456",
      branchId: tree.x.id,
      version: 1,
    });
    const memberships = await ownerDb().branchMembership.findMany({
      where: { tenantId: tree.tenantId, memberId: id },
      select: { branchId: true, validFrom: true, validTo: true },
    });
    expect(memberships).toEqual([{ branchId: tree.x.id, validFrom: new Date("2012-03-01"), validTo: null }]);
    const audit = await ownerDb().auditEntry.findMany({
      where: { tenantId: tree.tenantId, entityType: "Member", entityId: id },
      select: { action: true, actorUserId: true, before: true, after: true, requestId: true },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "member.create",
      actorUserId: tree.admin.id,
      before: null,
      requestId: "req-create",
      after: {
        fullName: "Trần Thị Thúy",
        partyCardNumber: "79123456",
        admittedOn: "2012-03-01",
        branchId: tree.x.id,
        membershipValidFrom: "2012-03-01",
      },
    });
  });

  test("a membership never starts before the branch existed", async () => {
    const { id } = await createMember(tree.admin, memberInput(tree.x.id, { admittedOn: "1995-01-10", officialOn: "1996-01-10", birthDate: "1970-01-01" }));
    const membership = await ownerDb().branchMembership.findFirstOrThrow({ where: { tenantId: tree.tenantId, memberId: id } });
    expect(membership.validFrom).toEqual(new Date("2010-01-01"));
  });

  test("refuses a party card number already used in the tenant (spaces and case do not matter)", async () => {
    const card = nextCard();
    await createMember(tree.admin, memberInput(tree.x.id, { partyCardNumber: card }));
    const before = await countMembers();
    const spaced = `${card.slice(0, 3)} ${card.slice(3)}`.toLowerCase();
    const errors = await fieldErrorsOf(createMember(tree.admin, memberInput(tree.x2.id, { partyCardNumber: spaced })));
    expect(errors.partyCardNumber?.[0]).toMatch(/Số thẻ đảng viên này đã có/);
    expect(await countMembers()).toBe(before);
  });

  test.each([
    ["official day before admission", { admittedOn: "2015-06-01", officialOn: "2015-05-31" }, "officialOn", /trước ngày vào Đảng/],
    ["admitted before turning 18", { birthDate: "2000-06-02", admittedOn: "2018-06-01", officialOn: "2019-06-01" }, "birthDate", /đủ 18 tuổi/],
    ["probationary with an official day", { status: "PROBATIONARY", officialOn: "2011-05-19", partyCardNumber: "" }, "officialOn", /dự bị/],
    ["official without an official day", { status: "OFFICIAL", officialOn: "" }, "officialOn", /cần có ngày/],
    ["admitted in the future", { admittedOn: "2099-01-01", officialOn: "", status: "PROBATIONARY" }, "admittedOn", /sau ngày hôm nay/],
    ["an impossible date", { birthDate: "1985-02-30" }, "birthDate", /không hợp lệ/],
    ["no name", { fullName: "   " }, "fullName", /họ và tên/],
  ])("refuses %s, naming the field, and writes nothing", async (_name, overrides, field, message) => {
    const before = await countMembers();
    const errors = await fieldErrorsOf(createMember(tree.admin, memberInput(tree.x.id, overrides)));
    expect(errors[field]?.join(" ")).toMatch(message);
    expect(await countMembers()).toBe(before);
  });

  test("refuses a closed branch and a unit that is not a branch", async () => {
    const closed = await fieldErrorsOf(createMember(tree.admin, memberInput(tree.closed.id)));
    expect(closed.branchId?.[0]).toMatch(/ngừng hoạt động/);
    const committee = await fieldErrorsOf(createMember(tree.admin, memberInput(tree.g.id)));
    expect(committee.branchId?.[0]).toMatch(/không phải là chi bộ/);
  });
});

describe("editing a member", () => {
  test("saves with the current version, bumps it, and audits before and after", async () => {
    const { id } = await createMember(tree.admin, memberInput(tree.x.id, { fullName: "Lê Văn Bình", phone: "" }));
    const form = await getMemberForEdit(tree.admin, id);
    const result = await updateMember(tree.admin, { ...form, phone: "0912 345 678", occupation: "Phó Trưởng phòng" }, { requestId: "req-edit" });
    expect(result.version).toBe(2);
    const detail = await getMemberDetail(tree.admin, id);
    expect(detail).toMatchObject({ phone: "0912 345 678", occupation: "Phó Trưởng phòng", version: 2 });
    const entry = await ownerDb().auditEntry.findFirstOrThrow({
      where: { tenantId: tree.tenantId, entityId: id, action: "member.update" },
      select: { before: true, after: true, requestId: true },
    });
    expect(entry.requestId).toBe("req-edit");
    expect(entry.before).toMatchObject({ phone: null, occupation: "Chuyên viên", version: 1 });
    expect(entry.after).toMatchObject({ phone: "0912 345 678", occupation: "Phó Trưởng phòng", version: 2 });
  });

  test("refuses a stale version and keeps the other person's change", async () => {
    const { id } = await createMember(tree.admin, memberInput(tree.x.id, { fullName: "Phạm Thị Cúc" }));
    const formA = await getMemberForEdit(tree.admin, id);
    const formB = await getMemberForEdit(tree.adminG, id);
    await updateMember(tree.admin, { ...formA, occupation: "Kế toán" });
    await expect(updateMember(tree.adminG, { ...formB, occupation: "Văn thư" })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateMember(tree.adminG, { ...formB, occupation: "Văn thư" })).rejects.toThrow(/vừa được người khác cập nhật/);
    const stored = await ownerDb().member.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tree.tenantId, id } } });
    expect(stored.occupation).toBe("Kế toán");
    expect(stored.version).toBe(2);
    expect(await ownerDb().auditEntry.count({ where: { tenantId: tree.tenantId, entityId: id, action: "member.update" } })).toBe(1);
  });

  test("refuses taking another member's card number", async () => {
    const card = nextCard();
    await createMember(tree.admin, memberInput(tree.x.id, { partyCardNumber: card }));
    const { id } = await createMember(tree.admin, memberInput(tree.x.id));
    const form = await getMemberForEdit(tree.admin, id);
    const errors = await fieldErrorsOf(updateMember(tree.admin, { ...form, partyCardNumber: card }));
    expect(errors.partyCardNumber?.[0]).toMatch(/đã có/);
  });

  test("applies the same date rules as creation", async () => {
    const { id } = await createMember(tree.admin, memberInput(tree.x.id));
    const form = await getMemberForEdit(tree.admin, id);
    const errors = await fieldErrorsOf(updateMember(tree.admin, { ...form, officialOn: "2009-01-01" }));
    expect(errors.officialOn?.[0]).toMatch(/trước ngày vào Đảng/);
    expect((await getMemberDetail(tree.admin, id)).version).toBe(1);
  });
});
