// Managing the org tree: create, edit, move a subtree, close, merge — each rule as a user meets it.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { getOrgTree, type OrgTreeNode } from "@/lib/org/tree";
import {
  closeOrgUnit,
  createOrgUnit,
  getOrgUnitForEdit,
  mergeBranches,
  moveOrgUnit,
  searchUnitsForPicker,
  updateOrgUnit,
} from "@/lib/org/units";
import { addAccount, addMember, addUnit, caught, day, makeOrgTree, type AccountFixture, type OrgFixture } from "../fixtures/org-admin";
import { ownerDb } from "../fixtures/db";

let t: OrgFixture;
let admin: AccountFixture;

beforeEach(async () => {
  t = await makeOrgTree();
  admin = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.root }]);
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const unit = (id: string) =>
  ownerDb().orgUnit.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } } });
const audits = (entityId: string) =>
  ownerDb().auditEntry.findMany({ where: { tenantId: t.tenantId, entityId }, orderBy: { at: "asc" } });

/** Members whose membership in `branchId` covers the day (inclusive ends). */
async function rosterOn(branchId: string, iso: string): Promise<string[]> {
  const rows = await withTenant(t.tenantId, (tx) =>
    tx.branchMembership.findMany({
      where: {
        tenantId: t.tenantId,
        branchId,
        validFrom: { lte: day(iso) },
        OR: [{ validTo: null }, { validTo: { gte: day(iso) } }],
      },
      select: { memberId: true },
    }),
  );
  return rows.map((row) => row.memberId).sort();
}

describe("creating a unit", () => {
  it("places a branch under a committee with its path, depth, normalized name, and an audit entry", async () => {
    const decomposed = "  Chi bộ   Phòng Pháp chế ".normalize("NFD");
    const { id } = await createOrgUnit(admin, {
      parentId: t.g1.id,
      name: decomposed,
      kind: "BRANCH",
      category: "ADMIN_PUBLIC",
      code: "S1-PC",
      activeFrom: "2026-01-15",
    });
    const created = await unit(id);
    expect(created).toMatchObject({
      name: "Chi bộ Phòng Pháp chế".normalize("NFC"),
      parentId: t.g1.id,
      path: `${t.g1.path}${id}/`,
      depth: 2,
      category: "ADMIN_PUBLIC",
      activeFrom: day("2026-01-15"),
    });
    const [entry] = await audits(id);
    expect(entry).toMatchObject({ action: "orgUnit.create", entityType: "OrgUnit", actorUserId: admin.id });
    expect(entry!.after).toMatchObject({ name: "Chi bộ Phòng Pháp chế", kind: "BRANCH", parentId: t.g1.id });
  });

  it("refuses kinds that do not fit the parent, and anything under a party group", async () => {
    const underBloc = await caught(
      createOrgUnit(admin, { parentId: t.root.id, name: "Chi bộ lạc chỗ", kind: "BRANCH", activeFrom: "2026-01-01" }),
      ValidationError,
    );
    expect(underBloc.fieldErrors.kind?.[0]).toMatch(/chỉ có thể có đơn vị trực thuộc là/);
    const underGroup = await caught(
      createOrgUnit(admin, { parentId: t.group.id, name: "Tổ con", kind: "PARTY_GROUP", activeFrom: "2026-01-01" }),
      ValidationError,
    );
    expect(underGroup.fieldErrors.kind?.[0]).toMatch(/không có đơn vị trực thuộc/);
    expect(await ownerDb().orgUnit.count({ where: { tenantId: t.tenantId } })).toBe(9);
  });

  it("refuses a code another unit already uses, whatever its letter case", async () => {
    const error = await caught(
      createOrgUnit(admin, { parentId: t.g1.id, name: "Chi bộ Mới", kind: "BRANCH", code: "s1-vp", activeFrom: "2026-01-01" }),
      ValidationError,
    );
    expect(error.fieldErrors.code?.[0]).toContain("Chi bộ Văn phòng");
  });

  it("answers 404 for a parent outside the admin's subtree and 403 for a reader without org.manage", async () => {
    const adminOfG2 = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g2 }]);
    await caught(createOrgUnit(adminOfG2, { parentId: t.g1.id, name: "Chi bộ X", kind: "BRANCH", activeFrom: "2026-01-01" }), NotFoundError);
    const leader = await addAccount(t.tenantId, [{ role: "LEADER", unit: t.root }]);
    await caught(createOrgUnit(leader, { parentId: t.g1.id, name: "Chi bộ X", kind: "BRANCH", activeFrom: "2026-01-01" }), ForbiddenError);
    const other = await makeOrgTree();
    await caught(createOrgUnit(admin, { parentId: other.g1.id, name: "Chi bộ X", kind: "BRANCH", activeFrom: "2026-01-01" }), NotFoundError);
  });
});

describe("editing a unit", () => {
  it("renames with the current version, audits before/after, and refuses a stale version without writing", async () => {
    await updateOrgUnit(admin, { id: t.b1.id, version: 1, name: "Chi bộ Văn phòng Sở", kind: "BRANCH", code: "S1-VP" });
    const renamed = await unit(t.b1.id);
    expect(renamed).toMatchObject({ name: "Chi bộ Văn phòng Sở", version: 2 });
    const [entry] = await audits(t.b1.id);
    expect(entry).toMatchObject({ action: "orgUnit.update", before: { name: "Chi bộ Văn phòng" }, after: { name: "Chi bộ Văn phòng Sở" } });

    const stale = await caught(
      updateOrgUnit(admin, { id: t.b1.id, version: 1, name: "Tên của người chậm chân", kind: "BRANCH", code: "S1-VP" }),
      ConflictError,
    );
    expect(stale.message).toMatch(/vừa được người khác thay đổi/);
    expect((await unit(t.b1.id)).name).toBe("Chi bộ Văn phòng Sở");
  });

  it("keeps a unit with members a branch, and refuses a kind that would orphan its children", async () => {
    await addMember(t.tenantId, t.b1, "Lê Văn Một");
    const withMembers = await caught(
      updateOrgUnit(admin, { id: t.b1.id, version: 1, name: "Chi bộ Văn phòng", kind: "SUB_COMMITTEE", code: "S1-VP" }),
      ValidationError,
    );
    expect(withMembers.fieldErrors.kind?.[0]).toMatch(/phải giữ loại chi bộ/);
    const withChildren = await caught(
      updateOrgUnit(admin, { id: t.sub.id, version: 1, name: "Đảng bộ bộ phận Khối Nội", kind: "BRANCH" }),
      ValidationError,
    );
    expect(withChildren.fieldErrors.kind?.[0]).toMatch(/đang có đơn vị trực thuộc/);
    // A branch without members may become a đảng bộ bộ phận of its đảng bộ cơ sở.
    await updateOrgUnit(admin, { id: t.b2.id, version: 1, name: "Đảng bộ bộ phận Kế toán", kind: "SUB_COMMITTEE" });
    expect((await unit(t.b2.id)).kind).toBe("SUB_COMMITTEE");
  });

  it("offers only the kinds the unit may take", async () => {
    await addMember(t.tenantId, t.b1, "Lê Văn Một");
    const b1 = await getOrgUnitForEdit(admin, t.b1.id);
    expect(b1?.allowedKinds).toEqual(["BRANCH"]);
    const b2 = await getOrgUnitForEdit(admin, t.b2.id);
    expect(b2?.allowedKinds.sort()).toEqual(["BRANCH", "SUB_COMMITTEE"]);
    expect(b2?.can).toMatchObject({ edit: true, move: true, close: true, merge: true });
  });
});

describe("moving a subtree", () => {
  it("rewrites the path and depth of a three-level subtree in one go, and nothing else", async () => {
    // sub → b3 → group moves from g1 to g2: a đảng bộ bộ phận fits under a đảng bộ cơ sở.
    const untouchedBefore = await ownerDb().orgUnit.findMany({
      where: { tenantId: t.tenantId, NOT: { path: { startsWith: t.sub.path } } },
      select: { id: true, path: true, depth: true },
      orderBy: { id: "asc" },
    });
    const result = await moveOrgUnit(admin, { id: t.sub.id, version: 1, newParentId: t.g2.id });
    expect(result.movedUnits).toBe(3);
    const [sub, b3, group] = await Promise.all([unit(t.sub.id), unit(t.b3.id), unit(t.group.id)]);
    expect(sub).toMatchObject({ parentId: t.g2.id, path: `${t.g2.path}${t.sub.id}/`, depth: 2, version: 2 });
    expect(b3).toMatchObject({ parentId: t.sub.id, path: `${t.g2.path}${t.sub.id}/${t.b3.id}/`, depth: 3 });
    expect(group).toMatchObject({ path: `${t.g2.path}${t.sub.id}/${t.b3.id}/${t.group.id}/`, depth: 4 });
    const untouchedAfter = await ownerDb().orgUnit.findMany({
      where: { tenantId: t.tenantId, id: { in: untouchedBefore.map((u) => u.id) } },
      select: { id: true, path: true, depth: true },
      orderBy: { id: "asc" },
    });
    expect(untouchedAfter).toEqual(untouchedBefore);
    const [entry] = await audits(t.sub.id);
    expect(entry).toMatchObject({ action: "orgUnit.move", before: { parentId: t.g1.id }, after: { parentId: t.g2.id, movedUnits: 3 } });

    // Grants follow the unit: an admin of g2 now manages the moved branch.
    const adminOfG2 = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g2 }]);
    expect((await getOrgUnitForEdit(adminOfG2, t.b3.id))?.can.edit).toBe(true);
  });

  it("refuses moving a unit into itself or its own subtree", async () => {
    const intoDescendant = await caught(moveOrgUnit(admin, { id: t.g1.id, version: 1, newParentId: t.sub.id }), ValidationError);
    expect(intoDescendant.fieldErrors.newParentId?.[0]).toMatch(/không thể chuyển một tổ chức vào bên trong chính nó/i);
    const intoItself = await caught(moveOrgUnit(admin, { id: t.sub.id, version: 1, newParentId: t.sub.id }), ValidationError);
    expect(intoItself.fieldErrors.newParentId?.[0]).toMatch(/bên trong chính nó/);
    expect((await unit(t.g1.id)).path).toBe(t.g1.path);
  });

  it("refuses moving the root, a kind that does not fit, and a stale version", async () => {
    const root = await caught(moveOrgUnit(admin, { id: t.root.id, version: 1, newParentId: t.g1.id }), ValidationError);
    expect(root.message).toMatch(/tổ chức cao nhất/);
    const misfit = await caught(moveOrgUnit(admin, { id: t.b1.id, version: 1, newParentId: t.root.id }), ValidationError);
    expect(misfit.fieldErrors.newParentId?.[0]).toMatch(/chỉ có thể có đơn vị trực thuộc là/);
    await caught(moveOrgUnit(admin, { id: t.b1.id, version: 7, newParentId: t.g2.id }), ConflictError);
    expect((await unit(t.b1.id)).parentId).toBe(t.g1.id);
  });

  it("treats a new parent outside the admin's subtree as not found", async () => {
    const adminOfG1 = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g1 }]);
    const error = await caught(moveOrgUnit(adminOfG1, { id: t.b1.id, version: 1, newParentId: t.g2.id }), ValidationError);
    expect(error.fieldErrors.newParentId?.[0]).toMatch(/Không tìm thấy/);
  });
});

describe("closing a unit", () => {
  it("refuses while members still belong to it, and says what to do first", async () => {
    await addMember(t.tenantId, t.b1, "Phạm Thị Hai");
    const error = await caught(closeOrgUnit(admin, { id: t.b1.id, version: 1, activeTo: "2026-06-30", closeReason: "Giải thể" }), ValidationError);
    expect(error.message).toMatch(/Còn 1 đảng viên/);
    expect(error.message).toMatch(/chuyển sinh hoạt/);
    expect((await unit(t.b1.id)).activeTo).toBeNull();
  });

  it("refuses while units under it are still active", async () => {
    const error = await caught(closeOrgUnit(admin, { id: t.sub.id, version: 1, activeTo: "2026-06-30", closeReason: "Giải thể" }), ValidationError);
    expect(error.message).toMatch(/Còn 2 đơn vị trực thuộc đang hoạt động/);
  });

  it("closes at the date with a reason, ends positions, keeps history, and leaves the default tree", async () => {
    const former = await addMember(t.tenantId, t.b2, "Đỗ Văn Cũ", "2016-01-01");
    await withTenant(t.tenantId, async (tx) => {
      // The member left the branch before the closing date: history only.
      await tx.branchMembership.updateMany({ where: { tenantId: t.tenantId, memberId: former }, data: { validTo: day("2020-12-31") } });
      await tx.member.update({ where: { tenantId_id: { tenantId: t.tenantId, id: former } }, data: { endedOn: day("2020-12-31"), endReason: "TRANSFERRED_OUT" } });
      await tx.position.create({ data: { tenantId: t.tenantId, memberId: former, orgUnitId: t.b2.id, kind: "SECRETARY", termFrom: day("2016-01-01") } });
    });
    await closeOrgUnit(admin, { id: t.b2.id, version: 1, activeTo: "2026-06-30", closeReason: "Giải thể theo quyết định 12-QĐ/ĐU" });
    expect(await unit(t.b2.id)).toMatchObject({ activeTo: day("2026-06-30"), closeReason: "Giải thể theo quyết định 12-QĐ/ĐU", version: 2 });
    const position = await ownerDb().position.findFirstOrThrow({ where: { tenantId: t.tenantId, orgUnitId: t.b2.id } });
    expect(position.termTo).toEqual(day("2026-06-30"));
    expect(await rosterOn(t.b2.id, "2019-05-01")).toEqual([former]);

    const [entry] = await audits(t.b2.id);
    expect(entry).toMatchObject({ action: "orgUnit.close", after: { activeTo: "2026-06-30", endedPositions: 1 } });

    await caught(closeOrgUnit(admin, { id: t.b2.id, version: 2, activeTo: "2026-07-30", closeReason: "Lần nữa" }), ValidationError);
  });

  it("hides closed units from the tree by default and shows them muted on request", async () => {
    await withTenant(t.tenantId, (tx) =>
      tx.orgUnit.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.b2.id } }, data: { activeTo: day("2020-01-01") } }),
    );
    const ids = (nodes: OrgTreeNode[]): string[] => nodes.flatMap((node) => [node.id, ...ids(node.children)]);
    const tree = await getOrgTree(admin);
    expect(ids(tree!.roots)).not.toContain(t.b2.id);
    expect(tree!.closedCount).toBe(1);
    const all = await getOrgTree(admin, { includeClosed: true });
    const find = (nodes: OrgTreeNode[]): OrgTreeNode | undefined =>
      nodes.map((node) => (node.id === t.b2.id ? node : find(node.children))).find(Boolean);
    expect(find(all!.roots)?.active).toBe(false);
  });

  it("counts a unit as active through its last day (inclusive), in Vietnam's calendar", async () => {
    const { todayInVietnam } = await import("@/lib/time/days");
    await withTenant(t.tenantId, (tx) =>
      tx.orgUnit.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.b2.id } }, data: { activeTo: todayInVietnam() } }),
    );
    const tree = await getOrgTree(admin);
    expect(tree!.closedCount).toBe(0);
  });
});

describe("merging branches", () => {
  it("moves every member with history, keeps the roster before the date, ends positions and closes the source", async () => {
    const m1 = await addMember(t.tenantId, t.b1, "Nguyễn Văn An", "2018-01-01");
    const m2 = await addMember(t.tenantId, t.b1, "Trần Thị Bình", "2022-03-01");
    const stay = await addMember(t.tenantId, t.b2, "Hoàng Văn Cường", "2019-01-01");
    // A member who left b1 long ago stays in b1's history only.
    const gone = await addMember(t.tenantId, t.b4, "Vũ Văn Đi", "2023-01-01");
    await withTenant(t.tenantId, async (tx) => {
      await tx.branchMembership.create({ data: { tenantId: t.tenantId, memberId: gone, branchId: t.b1.id, validFrom: day("2015-01-01"), validTo: day("2022-12-31") } });
      await tx.position.create({ data: { tenantId: t.tenantId, memberId: m1, orgUnitId: t.b1.id, kind: "SECRETARY", termFrom: day("2020-01-01") } });
    });
    const before = await rosterOn(t.b1.id, "2026-06-30");
    expect(before).toEqual([m1, m2].sort());

    const result = await mergeBranches(admin, { sourceId: t.b1.id, version: 1, targetId: t.b2.id, effectiveFrom: "2026-07-01" });
    expect(result).toMatchObject({ movedMembers: 2, endedPositions: 1 });

    expect(await rosterOn(t.b1.id, "2026-06-30")).toEqual(before);
    expect(await rosterOn(t.b1.id, "2026-07-01")).toEqual([]);
    expect(await rosterOn(t.b2.id, "2026-06-30")).toEqual([stay]);
    expect(await rosterOn(t.b2.id, "2026-07-01")).toEqual([m1, m2, stay].sort());
    expect(await rosterOn(t.b1.id, "2020-06-01")).toEqual([gone, m1].sort());

    const members = await ownerDb().member.findMany({ where: { tenantId: t.tenantId, id: { in: [m1, m2, gone] } }, select: { id: true, branchId: true } });
    expect(Object.fromEntries(members.map((m) => [m.id, m.branchId]))).toEqual({ [m1]: t.b2.id, [m2]: t.b2.id, [gone]: t.b4.id });
    const history = await ownerDb().branchMembership.findMany({ where: { tenantId: t.tenantId, memberId: m2 }, orderBy: { validFrom: "asc" } });
    expect(history.map((h) => [h.branchId, h.validFrom, h.validTo])).toEqual([
      [t.b1.id, day("2022-03-01"), day("2026-06-30")],
      [t.b2.id, day("2026-07-01"), null],
    ]);
    const position = await ownerDb().position.findFirstOrThrow({ where: { tenantId: t.tenantId, memberId: m1 } });
    expect(position.termTo).toEqual(day("2026-06-30"));
    expect(await unit(t.b1.id)).toMatchObject({ activeTo: day("2026-06-30"), mergedIntoId: t.b2.id, version: 2 });
    expect((await unit(t.b1.id)).closeReason).toMatch(/Sáp nhập vào Chi bộ Kế toán/);

    const transfers = await ownerDb().auditEntry.findMany({ where: { tenantId: t.tenantId, action: "member.transfer" } });
    expect(transfers.map((e) => e.entityId).sort()).toEqual([m1, m2].sort());
    expect(transfers[0]!.after).toMatchObject({ branchId: t.b2.id, effectiveFrom: "2026-07-01" });
    expect((await audits(t.b1.id)).map((e) => e.action)).toEqual(["orgUnit.merge"]);
    expect((await audits(t.b2.id)).map((e) => e.action)).toEqual(["orgUnit.mergeIn"]);
  });

  it("refuses a committee, a branch merged into itself, a stale version, and leaves everything as it was", async () => {
    const m1 = await addMember(t.tenantId, t.b1, "Nguyễn Văn An");
    await caught(mergeBranches(admin, { sourceId: t.sub.id, version: 1, targetId: t.b2.id, effectiveFrom: "2026-07-01" }), ValidationError);
    const self = await caught(mergeBranches(admin, { sourceId: t.b1.id, version: 1, targetId: t.b1.id, effectiveFrom: "2026-07-01" }), ValidationError);
    expect(self.fieldErrors.targetId?.[0]).toMatch(/chính nó/);
    const notBranch = await caught(mergeBranches(admin, { sourceId: t.b1.id, version: 1, targetId: t.g2.id, effectiveFrom: "2026-07-01" }), ValidationError);
    expect(notBranch.fieldErrors.targetId?.[0]).toMatch(/không phải là chi bộ/);
    await caught(mergeBranches(admin, { sourceId: t.b1.id, version: 3, targetId: t.b2.id, effectiveFrom: "2026-07-01" }), ConflictError);
    const withGroups = await caught(mergeBranches(admin, { sourceId: t.b3.id, version: 1, targetId: t.b2.id, effectiveFrom: "2026-07-01" }), ValidationError);
    expect(withGroups.message).toMatch(/tổ đảng/);
    expect(await rosterOn(t.b1.id, "2027-01-01")).toEqual([m1]);
    expect((await unit(t.b1.id)).activeTo).toBeNull();
  });

  it("refuses a target outside the admin's subtree", async () => {
    const adminOfG1 = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g1 }]);
    const error = await caught(
      mergeBranches(adminOfG1, { sourceId: t.b1.id, version: 1, targetId: t.b4.id, effectiveFrom: "2026-07-01" }),
      ValidationError,
    );
    expect(error.fieldErrors.targetId?.[0]).toMatch(/Không tìm thấy/);
  });
});

describe("unit picker", () => {
  it("offers new parents that fit and lie outside the unit's subtree, matched without accents", async () => {
    await addUnit(t.tenantId, t.root, "GRASSROOTS_COMMITTEE", "Đảng bộ Sở Ba");
    const options = await searchUnitsForPicker(admin, { q: "so", purpose: "moveTarget", unitId: t.b1.id });
    expect(options.map((o) => o.name).sort()).toEqual(["Đảng bộ Sở Ba", "Đảng bộ Sở Hai"]);
    const branches = await searchUnitsForPicker(admin, { q: "", purpose: "mergeTarget", unitId: t.b1.id });
    expect(branches.map((o) => o.id).sort()).toEqual([t.b2.id, t.b3.id, t.b4.id].sort());
  });
});
