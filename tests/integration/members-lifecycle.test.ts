// A member's life on the roll: transfers and the roster on a day, exemptions, temporary transfers,
// suspensions, becoming official, leaving, positions (one secretary at a time) and QĐ 213 links.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ValidationError } from "@/lib/errors";
import {
  addExemption,
  addSuspension,
  addTemporaryTransfer,
  assignPosition,
  branchRosterOn,
  endMembership,
  endPeriod,
  endPosition,
  makeOfficial,
  transferMember,
} from "@/lib/org/member-lifecycle";
import { addResidenceLink, saveResidenceComment, updateResidenceLink } from "@/lib/org/member-residence";
import { createMember, getMemberDetail, listMembers } from "@/lib/org/members";
import { ownerDb } from "@/tests/fixtures/db";
import { makeRosterTree, memberInput, type RosterTree } from "@/tests/fixtures/members";

let tree: RosterTree;

beforeAll(async () => {
  tree = await makeRosterTree();
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

async function newMember(branchId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await createMember(tree.admin, memberInput(branchId, overrides))).id;
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const rosterIds = (branchId: string, iso: string) =>
  withTenant(tree.tenantId, (tx) => branchRosterOn(tx, tree.tenantId, branchId, day(iso))).then((rows) => rows.map((row) => row.memberId));
const auditOf = (memberId: string, action: string) =>
  ownerDb().auditEntry.findMany({
    where: { tenantId: tree.tenantId, entityType: "Member", entityId: memberId, action },
    select: { before: true, after: true, actorUserId: true },
  });

describe("transfer between branches", () => {
  test("closes the old membership the day before, opens the new one, and moves the roster on that day", async () => {
    const id = await newMember(tree.x.id, { fullName: "Đỗ Văn Chuyển", admittedOn: "2012-01-10", officialOn: "2013-01-10" });
    const result = await transferMember(tree.admin, { memberId: id, version: 1, targetBranchId: tree.x2.id, effectiveOn: "2024-07-01" });
    expect(result.version).toBe(2);

    const memberships = await ownerDb().branchMembership.findMany({
      where: { tenantId: tree.tenantId, memberId: id },
      select: { branchId: true, validFrom: true, validTo: true },
      orderBy: { validFrom: "asc" },
    });
    expect(memberships).toEqual([
      { branchId: tree.x.id, validFrom: day("2012-01-10"), validTo: day("2024-06-30") },
      { branchId: tree.x2.id, validFrom: day("2024-07-01"), validTo: null },
    ]);
    expect((await getMemberDetail(tree.admin, id)).branch.id).toBe(tree.x2.id);

    // The attendance denominator of a meeting follows the membership valid on the meeting day.
    expect(await rosterIds(tree.x.id, "2024-06-30")).toContain(id);
    expect(await rosterIds(tree.x2.id, "2024-06-30")).not.toContain(id);
    expect(await rosterIds(tree.x.id, "2024-07-01")).not.toContain(id);
    expect(await rosterIds(tree.x2.id, "2024-07-01")).toContain(id);
    expect(await rosterIds(tree.x.id, "2012-01-09")).not.toContain(id);

    const [entry] = await auditOf(id, "member.transfer");
    expect(entry).toMatchObject({
      actorUserId: tree.admin.id,
      before: { branchId: tree.x.id, validFrom: "2012-01-10", version: 1 },
      after: { branchId: tree.x2.id, effectiveOn: "2024-07-01", previousMembershipValidTo: "2024-06-30", version: 2 },
    });
  });

  test("the roster says who was official on the day", async () => {
    const id = await newMember(tree.x2.id, { fullName: "Vũ Thị Dự", admittedOn: "2023-03-01", officialOn: "2024-03-01" });
    const roster = await withTenant(tree.tenantId, (tx) => branchRosterOn(tx, tree.tenantId, tree.x2.id, day("2023-12-31")));
    expect(roster.find((row) => row.memberId === id)?.statusOn).toBe("PROBATIONARY");
    const later = await withTenant(tree.tenantId, (tx) => branchRosterOn(tx, tree.tenantId, tree.x2.id, day("2024-03-01")));
    expect(later.find((row) => row.memberId === id)?.statusOn).toBe("OFFICIAL");
  });

  test("ends the secretary's term in the branch they leave", async () => {
    const id = await newMember(tree.y.id, { fullName: "Hồ Văn Bí" });
    await assignPosition(tree.admin, { memberId: id, orgUnitId: tree.y.id, kind: "SECRETARY", termFrom: "2020-01-01" });
    await transferMember(tree.admin, { memberId: id, version: 1, targetBranchId: tree.x.id, effectiveOn: "2025-02-01" });
    const positions = await ownerDb().position.findMany({ where: { tenantId: tree.tenantId, memberId: id }, select: { termTo: true } });
    expect(positions).toEqual([{ termTo: day("2025-01-31") }]);
  });

  test.each([
    ["a date not after the current membership's start", { effectiveOn: "2010-05-19" }, "effectiveOn", /phải sau ngày bắt đầu sinh hoạt/],
    ["a closed target branch", { targetBranchId: "closed", effectiveOn: "2025-03-01" }, "targetBranchId", /ngừng hoạt động/],
    ["a target that is not a branch", { targetBranchId: "g" }, "targetBranchId", /không phải là chi bộ/],
    ["the member's own branch", { targetBranchId: "x" }, "targetBranchId", /đang sinh hoạt ở chi bộ này/],
    ["a future date", { effectiveOn: "2099-01-01" }, "effectiveOn", /sau ngày hôm nay/],
  ])("refuses %s and changes nothing", async (_name, overrides: Record<string, string>, field, message) => {
    const id = await newMember(tree.x.id);
    const units: Record<string, string> = { closed: tree.closed.id, g: tree.g.id, x: tree.x.id };
    const target = overrides.targetBranchId ? units[overrides.targetBranchId] : tree.x2.id;
    const error = await refusal(
      transferMember(tree.admin, { memberId: id, version: 1, effectiveOn: "2024-01-01", ...overrides, targetBranchId: target }),
    );
    expect(error.fieldErrors[field]?.[0]).toMatch(message);
    expect(await ownerDb().branchMembership.count({ where: { tenantId: tree.tenantId, memberId: id } })).toBe(1);
    expect((await getMemberDetail(tree.admin, id)).version).toBe(1);
  });

  test("refuses a stale version", async () => {
    const id = await newMember(tree.x.id);
    await transferMember(tree.admin, { memberId: id, version: 1, targetBranchId: tree.x2.id, effectiveOn: "2024-01-01" });
    await expect(
      transferMember(tree.admin, { memberId: id, version: 1, targetBranchId: tree.x.id, effectiveOn: "2024-06-01" }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await getMemberDetail(tree.admin, id)).branch.id).toBe(tree.x2.id);
  });
});

describe("exemptions, temporary transfers and suspensions", () => {
  test("an exemption may not overlap another one; ending it opens the way", async () => {
    const id = await newMember(tree.x.id, { fullName: "Lý Văn Miễn" });
    const first = await addExemption(tree.admin, { memberId: id, fromDate: "2024-01-01", toDate: "", reason: "Tuổi cao (nam trên 60 tuổi)" });
    const overlap = await refusal(addExemption(tree.admin, { memberId: id, fromDate: "2024-06-01", toDate: "2024-12-31", reason: "Điều trị bệnh" }));
    expect(overlap.fieldErrors.fromDate?.[0]).toMatch(/trùng với lần miễn công tác và sinh hoạt đảng từ 01\/01\/2024 \(chưa kết thúc\)/);

    await endPeriod(tree.admin, { memberId: id, kind: "exemption", periodId: first.id, toDate: "2024-05-31" });
    await addExemption(tree.admin, { memberId: id, fromDate: "2024-06-01", toDate: "2024-12-31", reason: "Điều trị bệnh dài ngày" });
    const detail = await getMemberDetail(tree.admin, id);
    expect(detail.exemptions.map((e) => [e.fromDate, e.toDate])).toEqual([
      [day("2024-06-01"), day("2024-12-31")],
      [day("2024-01-01"), day("2024-05-31")],
    ]);
    const [ended] = await auditOf(id, "member.exemption.end");
    expect(ended).toMatchObject({ before: { toDate: null }, after: { toDate: "2024-05-31" } });
  });

  test("a temporary transfer names a branch of the tenant or one outside, never both", async () => {
    const id = await newMember(tree.x.id);
    const both = await refusal(
      addTemporaryTransfer(tree.admin, { memberId: id, hostBranchId: tree.x2.id, hostName: "Chi bộ ngoài", fromDate: "2025-01-01" }),
    );
    expect(both.fieldErrors.hostName).toBeDefined();
    await addTemporaryTransfer(tree.admin, { memberId: id, hostName: "Chi bộ Học viện Chính trị khu vực I", fromDate: "2025-01-01", toDate: "2025-12-31", reason: "Học tập trung" });
    const clash = await refusal(addTemporaryTransfer(tree.admin, { memberId: id, hostBranchId: tree.x2.id, fromDate: "2025-06-01" }));
    expect(clash.fieldErrors.fromDate?.[0]).toMatch(/trùng với lần sinh hoạt tạm thời/);
    await addTemporaryTransfer(tree.admin, { memberId: id, hostBranchId: tree.x2.id, fromDate: "2026-01-01", toDate: "2026-03-31" });
    const detail = await getMemberDetail(tree.admin, id);
    expect(detail.temporaryTransfers.map((t) => t.hostBranch?.id ?? t.hostName)).toEqual([tree.x2.id, "Chi bộ Học viện Chính trị khu vực I"]);
  });

  test("a suspension may not overlap another one", async () => {
    const id = await newMember(tree.x.id);
    await addSuspension(tree.admin, { memberId: id, fromDate: "2023-01-01", toDate: "2023-06-30", reason: "Bị khởi tố" });
    const clash = await refusal(addSuspension(tree.admin, { memberId: id, fromDate: "2023-06-30", reason: "Bị tạm giam" }));
    expect(clash.fieldErrors.fromDate?.[0]).toMatch(/đình chỉ/);
    await addSuspension(tree.admin, { memberId: id, fromDate: "2023-07-01", reason: "Bị tạm giam" });
    expect(await ownerDb().suspension.count({ where: { tenantId: tree.tenantId, memberId: id } })).toBe(2);
  });
});

describe("becoming official and leaving the roll", () => {
  test("saves an early official day with a warning, refuses one before admission", async () => {
    const id = await newMember(tree.x.id, { status: "PROBATIONARY", officialOn: "", partyCardNumber: "", admittedOn: "2025-01-15" });
    const before = await refusal(makeOfficial(tree.admin, { memberId: id, version: 1, officialOn: "2025-01-14" }));
    expect(before.fieldErrors.officialOn?.[0]).toMatch(/trước ngày vào Đảng/);

    const result = await makeOfficial(tree.admin, { memberId: id, version: 1, officialOn: "2025-12-01", partyCardNumber: "" });
    expect(result.warnings[0]).toMatch(/sớm hơn đủ 12 tháng dự bị \(thường từ 15\/01\/2026\)/);
    expect(await getMemberDetail(tree.admin, id)).toMatchObject({ status: "OFFICIAL", officialOn: day("2025-12-01"), version: 2 });
    const [entry] = await auditOf(id, "member.makeOfficial");
    expect(entry).toMatchObject({ before: { status: "PROBATIONARY" }, after: { status: "OFFICIAL", officialOn: "2025-12-01" } });
  });

  test("twelve months on is saved without a warning", async () => {
    const id = await newMember(tree.x.id, { status: "PROBATIONARY", officialOn: "", partyCardNumber: "", admittedOn: "2024-02-29" });
    const result = await makeOfficial(tree.admin, { memberId: id, version: 1, officialOn: "2025-02-28" });
    expect(result.warnings).toEqual([]);
  });

  test("ending membership closes the open membership and positions, hides the member from the current roll", async () => {
    const id = await newMember(tree.x2.id, { fullName: "Mai Văn Rời" });
    await assignPosition(tree.admin, { memberId: id, orgUnitId: tree.x2.id, kind: "COMMITTEE_MEMBER", termFrom: "2020-05-01" });
    await endMembership(tree.admin, { memberId: id, version: 1, endedOn: "2025-09-01", endReason: "TRANSFERRED_OUT" });

    const memberships = await ownerDb().branchMembership.findMany({ where: { tenantId: tree.tenantId, memberId: id }, select: { validTo: true } });
    expect(memberships).toEqual([{ validTo: day("2025-08-31") }]);
    const positions = await ownerDb().position.findMany({ where: { tenantId: tree.tenantId, memberId: id }, select: { termTo: true } });
    expect(positions).toEqual([{ termTo: day("2025-08-31") }]);
    expect(await rosterIds(tree.x2.id, "2025-09-01")).not.toContain(id);

    const current = await listMembers(tree.admin, { q: "mai van roi" });
    expect(current.items.map((item) => item.id)).not.toContain(id);
    const ended = await listMembers(tree.admin, { q: "mai van roi", roll: "ended" });
    expect(ended.items.map((item) => item.id)).toEqual([id]);

    const again = await refusal(addExemption(tree.admin, { memberId: id, fromDate: "2025-10-01", reason: "x" }));
    expect(again.message).toMatch(/đã ra khỏi danh sách/);
    const [entry] = await auditOf(id, "member.end");
    expect(entry?.after).toMatchObject({ endedOn: "2025-09-01", endReason: "TRANSFERRED_OUT", membershipValidTo: "2025-08-31" });
  });
});

describe("positions", () => {
  test("one secretary at a time per unit: the database refusal becomes a field error", async () => {
    const first = await newMember(tree.y.id, { fullName: "Trịnh Văn Một" });
    const second = await newMember(tree.y.id, { fullName: "Trịnh Văn Hai" });
    await assignPosition(tree.admin, { memberId: first, orgUnitId: tree.y.id, kind: "SECRETARY", termFrom: "2025-03-01" });
    const clash = await refusal(assignPosition(tree.admin, { memberId: second, orgUnitId: tree.y.id, kind: "SECRETARY", termFrom: "2025-09-01" }));
    expect(clash.fieldErrors.termFrom?.[0]).toMatch(/^Chi bộ đã có bí thư trong thời gian này/);
    expect(await ownerDb().position.count({ where: { tenantId: tree.tenantId, memberId: second } })).toBe(0);

    // End the first term on 31/8 (its last day): the next secretary may start on 1/9.
    const firstPosition = await ownerDb().position.findFirstOrThrow({ where: { tenantId: tree.tenantId, memberId: first } });
    await endPosition(tree.admin, { memberId: first, positionId: firstPosition.id, termTo: "2025-08-31" });
    await assignPosition(tree.admin, { memberId: second, orgUnitId: tree.y.id, kind: "SECRETARY", termFrom: "2025-09-01" });
    const [assigned] = await auditOf(second, "member.position.assign");
    expect(assigned?.after).toMatchObject({ kind: "SECRETARY", orgUnitId: tree.y.id, termFrom: "2025-09-01", termTo: null });
  });

  test("positions only in the member's own line, for official members, tổ trưởng only in a tổ đảng", async () => {
    const id = await newMember(tree.x.id);
    await expect(assignPosition(tree.admin, { memberId: id, orgUnitId: tree.y.id, kind: "COMMITTEE_MEMBER", termFrom: "2025-01-01" })).rejects.toThrow(
      /Không tìm thấy tổ chức đảng/,
    );
    const wrongKind = await refusal(assignPosition(tree.admin, { memberId: id, orgUnitId: tree.group.id, kind: "SECRETARY", termFrom: "2025-01-01" }));
    expect(wrongKind.fieldErrors.kind).toBeDefined();
    await assignPosition(tree.admin, { memberId: id, orgUnitId: tree.group.id, kind: "GROUP_LEADER", termFrom: "2025-01-01" });
    await assignPosition(tree.admin, { memberId: id, orgUnitId: tree.g.id, kind: "COMMITTEE_MEMBER", termFrom: "2025-01-01" });

    const probationary = await newMember(tree.x.id, { status: "PROBATIONARY", officialOn: "", partyCardNumber: "", admittedOn: "2025-06-01" });
    const refused = await refusal(assignPosition(tree.admin, { memberId: probationary, orgUnitId: tree.x.id, kind: "COMMITTEE_MEMBER", termFrom: "2025-07-01" }));
    expect(refused.fieldErrors.termFrom?.[0]).toMatch(/chính thức/);
  });
});

describe("QĐ 213 residence links", () => {
  test("links to a branch of the tenant or by name, one at a time, with one comment per year", async () => {
    const id = await newMember(tree.x.id, { fullName: "Cao Thị Cư" });
    const link = await addResidenceLink(tree.admin, {
      memberId: id,
      residenceBranchName: "Chi bộ Khu phố 3, phường An Phú",
      address: "12 Lê Lợi",
      fromDate: "2023-01-01",
      exempt: "",
    });
    const clash = await refusal(addResidenceLink(tree.admin, { memberId: id, residenceBranchId: tree.y.id, fromDate: "2024-01-01" }));
    expect(clash.fieldErrors.fromDate?.[0]).toMatch(/đã có mối liên hệ nơi cư trú khác/);

    await saveResidenceComment(tree.admin, { memberId: id, linkId: link.id, year: 2024, comment: "Gương mẫu.", receivedOn: "2025-01-10" });
    const replaced = await saveResidenceComment(tree.admin, {
      memberId: id,
      linkId: link.id,
      year: "2024",
      comment: "Gương mẫu, tích cực tham gia sinh hoạt khu phố.",
      commentedBy: "Chi ủy Khu phố 3",
      receivedOn: "2025-01-15",
    });
    expect(replaced.replaced).toBe(true);
    const detail = await getMemberDetail(tree.admin, id);
    expect(detail.residenceLinks).toHaveLength(1);
    expect(detail.residenceLinks[0]?.comments).toEqual([
      expect.objectContaining({ year: 2024, comment: "Gương mẫu, tích cực tham gia sinh hoạt khu phố.", commentedBy: "Chi ủy Khu phố 3" }),
    ]);
    const [entry] = await auditOf(id, "member.residenceComment.replace");
    expect(entry).toMatchObject({ before: { comment: "Gương mẫu.", receivedOn: "2025-01-10" }, after: { receivedOn: "2025-01-15" } });

    const early = await refusal(saveResidenceComment(tree.admin, { memberId: id, linkId: link.id, year: 2022, comment: "x", receivedOn: "2023-01-01" }));
    expect(early.fieldErrors.year).toBeDefined();

    // End the link, then link to a branch of the tenant from the next day (HD 33: exempt, with its ground).
    await updateResidenceLink(tree.admin, {
      memberId: id,
      linkId: link.id,
      version: 1,
      residenceBranchName: "Chi bộ Khu phố 3, phường An Phú",
      address: "12 Lê Lợi",
      fromDate: "2023-01-01",
      toDate: "2024-12-31",
    });
    const inside = await addResidenceLink(tree.admin, {
      memberId: id,
      residenceBranchId: tree.y.id,
      fromDate: "2025-01-01",
      exempt: "on",
      exemptReason: "Đi học tập trung từ 12 tháng trở lên",
    });
    const exempt = await refusal(saveResidenceComment(tree.admin, { memberId: id, linkId: inside.id, year: 2025, comment: "x", receivedOn: "2025-12-01" }));
    expect(exempt.fieldErrors.comment?.[0]).toMatch(/Hướng dẫn 33/);
    const stale = updateResidenceLink(tree.admin, { memberId: id, linkId: link.id, version: 1, residenceBranchName: "X", fromDate: "2023-01-01", toDate: "2024-12-31" });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
  });
});
