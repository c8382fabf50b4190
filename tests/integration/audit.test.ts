// Reading the audit trail: one record's history for whoever may audit the unit it belongs to, the
// tenant's recent changes for auditors of the whole tenant, readable diffs, keyset pages, filters.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getEntityAudit, getTenantAudit } from "@/lib/audit-log/query";
import { createUser, grantRole } from "@/lib/accounts/users";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { moveOrgUnit, updateOrgUnit } from "@/lib/org/units";
import { ownerDb } from "../fixtures/db";
import { addAccount, addMember, makeOrgTree, type AccountFixture, type OrgFixture } from "../fixtures/org-admin";

let t: OrgFixture;
let admin: AccountFixture;

beforeEach(async () => {
  t = await makeOrgTree();
  admin = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.root }], { displayName: "Quản trị Khối" });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

describe("a record's history", () => {
  it("lists changes newest first with who, what and a before → after diff with names for ids", async () => {
    await updateOrgUnit(admin, { id: t.b1.id, version: 1, name: "Chi bộ Văn phòng Sở", kind: "BRANCH", code: "S1-VP" });
    await moveOrgUnit(admin, { id: t.b1.id, version: 2, newParentId: t.g2.id });
    const result = await getEntityAudit(admin, { entityType: "OrgUnit", entityId: t.b1.id });
    expect(result?.subject).toMatchObject({ label: "Chi bộ Văn phòng Sở", href: `/org/${t.b1.id}` });
    const [move, rename] = result!.page.entries;
    expect(move).toMatchObject({ action: "orgUnit.move", actorName: "Quản trị Khối" });
    // The materialized path is bookkeeping, not shown; the parent is, by name.
    expect(move!.changes.map((c) => c.field)).toEqual(["parentId", "movedUnits"]);
    expect(move!.changes[0]).toEqual({ field: "parentId", before: t.g1.id, after: t.g2.id });
    expect(result!.page.names[t.g1.id]).toBe("Đảng bộ Sở Một");
    expect(result!.page.names[t.g2.id]).toBe("Đảng bộ Sở Hai");
    expect(rename!.changes).toEqual([{ field: "name", before: "Chi bộ Văn phòng", after: "Chi bộ Văn phòng Sở" }]);
  });

  it("shows a member's history to auditors of their branch only; unknown types and foreign ids are 404", async () => {
    const memberId = await addMember(t.tenantId, t.b1, "Lý Thị Mai");
    await withTenant(t.tenantId, (tx) =>
      tx.auditEntry.create({
        data: { tenantId: t.tenantId, actorUserId: admin.id, action: "member.update", entityType: "Member", entityId: memberId, before: { phone: null }, after: { phone: "0912345678" } },
      }),
    );
    const reviewerOfG1 = await addAccount(t.tenantId, [{ role: "REVIEWER", unit: t.g1 }]);
    const reviewerOfG2 = await addAccount(t.tenantId, [{ role: "REVIEWER", unit: t.g2 }]);
    const recorderOfB1 = await addAccount(t.tenantId, [{ role: "RECORDER", unit: t.b1 }]);
    expect((await getEntityAudit(reviewerOfG1, { entityType: "Member", entityId: memberId }))?.page.entries).toHaveLength(1);
    expect(await getEntityAudit(reviewerOfG2, { entityType: "Member", entityId: memberId })).toBeNull();
    expect(await getEntityAudit(recorderOfB1, { entityType: "Member", entityId: memberId })).toBeNull();
    expect(await getEntityAudit(admin, { entityType: "Meeting", entityId: memberId })).toBeNull();
    expect(await getEntityAudit(admin, { entityType: "Member", entityId: "not-a-uuid" })).toBeNull();
    const other = await makeOrgTree();
    expect(await getEntityAudit(admin, { entityType: "OrgUnit", entityId: other.b1.id })).toBeNull();
  });

  it("shows an account's history to auditors of every unit the account is anchored in", async () => {
    const created = await createUser(admin, { username: `ls.${randomUUID().slice(0, 8)}`, displayName: "Lê Sáu", role: "RECORDER", orgUnitId: t.b1.id });
    const reviewerOfG1 = await addAccount(t.tenantId, [{ role: "REVIEWER", unit: t.g1 }]);
    const history = await getEntityAudit(reviewerOfG1, { entityType: "User", entityId: created.id });
    expect(history?.page.entries.map((e) => e.action)).toEqual(["user.grantRole", "user.create"]);
    expect(history?.page.entries[0]!.changes).toEqual(
      expect.arrayContaining([{ field: "role", before: null, after: "RECORDER" }, { field: "orgUnitId", before: null, after: t.b1.id }]),
    );
    await grantRole(admin, { userId: created.id, role: "LEADER", orgUnitId: t.g2.id });
    expect(await getEntityAudit(reviewerOfG1, { entityType: "User", entityId: created.id })).toBeNull();
  });
});

describe("the tenant's recent changes", () => {
  it("is for auditors of the whole tenant, and filters by action and by day in Vietnam", async () => {
    const reviewerOfG1 = await addAccount(t.tenantId, [{ role: "REVIEWER", unit: t.g1 }]);
    expect(await getTenantAudit(reviewerOfG1, {})).toEqual({ allowed: false });
    const leader = await addAccount(t.tenantId, [{ role: "LEADER", unit: t.root }]);
    expect(await getTenantAudit(leader, {})).toEqual({ allowed: false });

    const at = (iso: string) => new Date(iso);
    await withTenant(t.tenantId, (tx) =>
      tx.auditEntry.createMany({
        data: [
          // 23:30 on 1 March in Vietnam is still 1 March, although it is 16:30 UTC.
          { tenantId: t.tenantId, action: "orgUnit.update", entityType: "OrgUnit", entityId: t.b1.id, at: at("2026-03-01T16:30:00Z") },
          // 00:30 on 2 March in Vietnam is 17:30 UTC on 1 March.
          { tenantId: t.tenantId, action: "orgUnit.update", entityType: "OrgUnit", entityId: t.b2.id, at: at("2026-03-01T17:30:00Z") },
          { tenantId: t.tenantId, action: "user.create", entityType: "User", entityId: admin.id, at: at("2026-03-01T10:00:00Z") },
        ],
      }),
    );
    const reviewer = await addAccount(t.tenantId, [{ role: "REVIEWER", unit: t.root }]);
    const day1 = await getTenantAudit(reviewer, { from: "2026-03-01", to: "2026-03-01" });
    if (!day1.allowed) throw new Error("expected access");
    expect(day1.page.entries.map((e) => e.entityId)).toEqual([t.b1.id, admin.id]);
    const updates = await getTenantAudit(reviewer, { action: "orgUnit.update" });
    if (!updates.allowed) throw new Error("expected access");
    expect(updates.page.entries.map((e) => e.entityId)).toEqual([t.b2.id, t.b1.id]);
    expect(updates.page.entries[0]!.actorName).toBeNull();
  });

  it("pages newest first by keyset, without gaps or repeats when entries share a timestamp", async () => {
    const same = new Date("2026-04-01T03:00:00Z");
    await withTenant(t.tenantId, (tx) =>
      tx.auditEntry.createMany({
        data: Array.from({ length: 57 }, (_, i) => ({
          tenantId: t.tenantId,
          action: "member.update",
          entityType: "Member",
          entityId: randomUUID(),
          at: i < 20 ? same : new Date(same.getTime() - i * 60_000),
        })),
      }),
    );
    const first = await getTenantAudit(admin, { action: "member.update" });
    if (!first.allowed) throw new Error("expected access");
    expect(first.page.entries).toHaveLength(50);
    const second = await getTenantAudit(admin, { action: "member.update", cursor: first.page.nextCursor! });
    if (!second.allowed) throw new Error("expected access");
    expect(second.page.entries).toHaveLength(7);
    expect(second.page.nextCursor).toBeNull();
    const ids = [...first.page.entries, ...second.page.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(57);
    const times = [...first.page.entries, ...second.page.entries].map((e) => e.at.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
