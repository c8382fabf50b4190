// A page's reads sharing one tenant transaction (withTenantReads / readTogether): the same
// row-level security as withTenant, read only, and one failing read fails only itself.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { readTogether, withTenantReads } from "@/lib/db/tenant";
import { NotFoundError } from "@/lib/errors";
import { makeTenant, ownerDb, type TenantFixture } from "@/tests/fixtures/db";

let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const valueOf = (outcome: PromiseSettledResult<unknown> | undefined) => (outcome?.status === "fulfilled" ? outcome.value : outcome?.reason);

describe("reads that share a transaction", () => {
  test("they run in one transaction as the application role, seeing only the tenant's rows", async () => {
    const outcomes = await readTogether(a.tenantId, [
      (tx) => tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`,
      (tx) => tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`,
      (tx) => tx.member.findMany({ select: { id: true } }),
      (tx) => tx.member.findFirst({ where: { id: b.memberId } }),
      (tx) => tx.$queryRaw<{ role: string; tenant: string }[]>`SELECT current_user AS role, current_setting('app.tenant_id') AS tenant`,
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(valueOf(outcomes[0])).toEqual(valueOf(outcomes[1]));
    expect(valueOf(outcomes[2])).toEqual([{ id: a.memberId }]);
    expect(valueOf(outcomes[3])).toBeNull();
    expect(valueOf(outcomes[4])).toEqual([{ role: "sosh_app", tenant: a.tenantId }]);
  });

  test("a write among them is refused (read only) and fails alone; the others run again alone and answer right", async () => {
    const outcomes = await readTogether(a.tenantId, [
      (tx) => tx.orgUnit.count(),
      (tx) => tx.member.update({ where: { tenantId_id: { tenantId: a.tenantId, id: a.memberId } }, data: { fullName: "Đổi tên" } }),
      (tx) => tx.member.count(),
    ]);
    expect(valueOf(outcomes[0])).toBe(2);
    expect(outcomes[1]?.status).toBe("rejected");
    expect(String(valueOf(outcomes[1]))).toMatch(/read-only/);
    expect(valueOf(outcomes[2])).toBe(1);
    expect((await ownerDb().member.findUnique({ where: { tenantId_id: { tenantId: a.tenantId, id: a.memberId } } }))?.fullName).not.toBe("Đổi tên");
  });

  test("a failed statement, which aborts a shared transaction, costs the others nothing: they run again alone", async () => {
    const outcomes = await readTogether(a.tenantId, [
      (tx) => tx.$queryRaw`SELECT 1 / 0 AS boom`,
      async (tx) => {
        // Asked for after the failure: alone it would have worked, so it must work here.
        await new Promise((resolve) => setTimeout(resolve, 50));
        return tx.member.count();
      },
    ]);
    expect(outcomes[0]?.status).toBe("rejected");
    expect(String(valueOf(outcomes[0]))).toMatch(/division by zero/);
    expect(valueOf(outcomes[1])).toBe(1);
  });

  test("a read that catches its own failed statement still sends everyone to run alone", async () => {
    const outcomes = await readTogether(a.tenantId, [
      (tx) => tx.$queryRaw`SELECT 1 / 0 AS boom`.then(() => "no", () => "caught"),
      async (tx) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return tx.member.count();
      },
    ]);
    expect(outcomes.map(valueOf)).toEqual(["caught", 1]);
  });

  test("the application's own refusal (404) is that read's answer and leaves the others be", async () => {
    const refusal = new NotFoundError("Không tìm thấy.");
    const outcomes = await readTogether(a.tenantId, [
      async () => {
        throw refusal;
      },
      (tx) => tx.member.count(),
    ]);
    expect(outcomes[0]).toEqual({ status: "rejected", reason: refusal });
    expect(valueOf(outcomes[1])).toBe(1);
  });

  test("outside a page render each call is its own transaction, with the same security", async () => {
    const [one, two] = await Promise.all([
      withTenantReads(a.tenantId, (tx) => tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`),
      withTenantReads(a.tenantId, (tx) => tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`),
    ]);
    expect(one).not.toEqual(two);
    expect(await withTenantReads(b.tenantId, (tx) => tx.member.findMany({ select: { id: true } }))).toEqual([{ id: b.memberId }]);
    await expect(withTenantReads("not-a-uuid", (tx) => tx.member.count())).rejects.toThrow(/uuid/);
  });
});
