// Cross-tenant denial through the real application client: a tenant must never see, change or
// link to another tenant's rows, whatever ids it guesses. The owner client is used only to check
// what is really stored.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { makeTenant, ownerDb, type TenantFixture } from "@/tests/fixtures/db";

let a: TenantFixture;
let b: TenantFixture;
let bUserId: string;
const bUsername = `login-${randomUUID().slice(0, 8)}`;

function memberData(tenantId: string, branchId: string) {
  return {
    tenantId,
    id: randomUUID(),
    branchId,
    fullName: "Trần Thị B",
    gender: "FEMALE" as const,
    birthDate: new Date("1990-01-01"),
    admittedOn: new Date("2015-01-01"),
    status: "PROBATIONARY" as const,
  };
}

const ownerMember = (tenant: TenantFixture) =>
  ownerDb().member.findUnique({ where: { tenantId_id: { tenantId: tenant.tenantId, id: tenant.memberId } } });

beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
  bUserId = randomUUID();
  await withTenant(b.tenantId, (tx) =>
    tx.user.create({
      data: {
        tenantId: b.tenantId,
        id: bUserId,
        username: bUsername,
        passwordHash: "not-a-real-hash",
        displayName: "B admin",
        memberId: b.memberId,
      },
    }),
  );
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

describe("outside a tenant transaction", () => {
  test("the application runs as the non-owner role", async () => {
    const rows = await db().$queryRaw<{ user: string }[]>`SELECT current_user AS user`;
    expect(rows).toEqual([{ user: "sosh_app" }]);
  });

  test("tenant tables read as empty although they hold data", async () => {
    expect(await ownerDb().member.count()).toBeGreaterThanOrEqual(2);
    expect(await db().member.findMany()).toEqual([]);
    expect(await db().orgUnit.count()).toBe(0);
    expect(await db().tenant.count()).toBe(0);
    expect(await db().user.findUnique({ where: { username: bUsername } })).toBeNull();
  });

  test("inserts are refused", async () => {
    const data = memberData(a.tenantId, a.branchId);
    await expect(db().member.create({ data })).rejects.toThrow(/row-level security/);
    expect(await ownerDb().member.findUnique({ where: { tenantId_id: { tenantId: a.tenantId, id: data.id } } })).toBeNull();
  });
});

describe("inside tenant A", () => {
  test("only A's rows are listed", async () => {
    const { members, units, tenants } = await withTenant(a.tenantId, async (tx) => ({
      members: await tx.member.findMany({ select: { id: true } }),
      units: await tx.orgUnit.findMany({ select: { id: true } }),
      tenants: await tx.tenant.findMany({ select: { id: true } }),
    }));
    expect(members).toEqual([{ id: a.memberId }]);
    expect(units.map((u) => u.id).sort()).toEqual([a.rootId, a.branchId].sort());
    expect(tenants).toEqual([{ id: a.tenantId }]);
  });

  test("B's rows are invisible even by their exact ids", async () => {
    const found = await withTenant(a.tenantId, async (tx) => ({
      member: await tx.member.findUnique({ where: { tenantId_id: { tenantId: b.tenantId, id: b.memberId } } }),
      branch: await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: b.tenantId, id: b.branchId } } }),
      byIdOnly: await tx.member.findFirst({ where: { id: b.memberId } }),
      tenant: await tx.tenant.findUnique({ where: { id: b.tenantId } }),
      user: await tx.user.findUnique({ where: { username: bUsername } }),
    }));
    expect(found).toEqual({ member: null, branch: null, byIdOnly: null, tenant: null, user: null });
  });

  test("updates and deletes aimed at B's ids change nothing", async () => {
    const bKey = { tenantId_id: { tenantId: b.tenantId, id: b.memberId } };
    const before = await ownerMember(b);

    const counts = await withTenant(a.tenantId, async (tx) => ({
      updated: (await tx.member.updateMany({ where: { id: b.memberId }, data: { fullName: "Hacked" } })).count,
      updatedByTenant: (
        await tx.member.updateMany({ where: { tenantId: b.tenantId }, data: { fullName: "Hacked" } })
      ).count,
      deleted: (await tx.member.deleteMany({ where: { id: b.memberId } })).count,
    }));
    expect(counts).toEqual({ updated: 0, updatedByTenant: 0, deleted: 0 });

    // A single-row update or delete of an invisible row is "not found", exactly as for an id that never existed.
    await expect(
      withTenant(a.tenantId, (tx) => tx.member.update({ where: bKey, data: { fullName: "Hacked" } })),
    ).rejects.toMatchObject({ code: "P2025" });
    await expect(withTenant(a.tenantId, (tx) => tx.member.delete({ where: bKey }))).rejects.toMatchObject({
      code: "P2025",
    });

    expect(before).not.toBeNull();
    expect(await ownerMember(b)).toEqual(before);
  });

  test("a row carrying B's tenantId cannot be inserted", async () => {
    const data = memberData(b.tenantId, b.branchId);
    await expect(withTenant(a.tenantId, (tx) => tx.member.create({ data }))).rejects.toThrow(/row-level security/);
    await expect(
      withTenant(a.tenantId, (tx) =>
        tx.auditEntry.create({
          data: { tenantId: b.tenantId, action: "forged", entityType: "Member", entityId: b.memberId },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await ownerDb().member.findUnique({ where: { tenantId_id: { tenantId: b.tenantId, id: data.id } } })).toBeNull();
    expect(await ownerDb().auditEntry.count({ where: { tenantId: b.tenantId, action: "forged" } })).toBe(0);
  });

  test("A's member cannot be linked to B's branch (composite foreign key)", async () => {
    await expect(
      withTenant(a.tenantId, (tx) =>
        tx.member.update({
          where: { tenantId_id: { tenantId: a.tenantId, id: a.memberId } },
          data: { branchId: b.branchId },
        }),
      ),
    ).rejects.toThrow(/foreign key/i);
    const newcomer = memberData(a.tenantId, b.branchId);
    await expect(withTenant(a.tenantId, (tx) => tx.member.create({ data: newcomer }))).rejects.toThrow(/foreign key/i);

    expect((await ownerMember(a))?.branchId).toBe(a.branchId);
    expect(
      await ownerDb().member.findUnique({ where: { tenantId_id: { tenantId: a.tenantId, id: newcomer.id } } }),
    ).toBeNull();
  });
});

describe("audit trail", () => {
  test("the application can append entries but never rewrite or erase them", async () => {
    await withTenant(a.tenantId, (tx) =>
      recordAudit(tx, {
        tenantId: a.tenantId,
        actorUserId: null,
        action: "member.update",
        entityType: "Member",
        entityId: a.memberId,
        before: { fullName: "Nguyễn Văn A" },
        after: { fullName: "Nguyễn Văn An" },
      }),
    );
    await expect(
      withTenant(a.tenantId, (tx) => tx.auditEntry.updateMany({ data: { action: "rewritten" } })),
    ).rejects.toThrow(/permission denied/);
    await expect(withTenant(a.tenantId, (tx) => tx.auditEntry.deleteMany())).rejects.toThrow(/permission denied/);

    const stored = await ownerDb().auditEntry.findMany({ where: { tenantId: a.tenantId }, select: { action: true } });
    expect(stored).toEqual([{ action: "member.update" }]);
  });
});

describe("login lookup across tenants", () => {
  test("app_find_login returns only the tenant and user ids", async () => {
    const rows = await db().$queryRaw<Record<string, unknown>[]>`SELECT * FROM app_find_login(${bUsername.toUpperCase()})`;
    expect(rows).toEqual([{ tenantId: b.tenantId, userId: bUserId }]);
    expect(await db().$queryRaw`SELECT * FROM app_find_login(${"no-such-login"})`).toEqual([]);
  });
});
