// DATABASE_REPLICA_URL (issue 15): reads that may lag go to the replica, writes and read-your-writes
// stay on the primary, and without the variable everything reads the primary as before. The
// "replica" here is a second database copied from the primary and then changed on purpose, so a
// figure tells which database answered.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import { getDashboard } from "@/lib/dashboard/dashboard";
import { getTargets, setTargets } from "@/lib/dashboard/targets";
import { closeDb } from "@/lib/db/client";
import { withTenantReplica } from "@/lib/db/tenant";
import { databaseUrl, setReplicaUrl } from "@/lib/env";
import { readiness } from "@/lib/server/health";
import { copyTestDatabase, dropTestDatabase } from "@/tests/fixtures/database";
import { closeOwnerDb } from "@/tests/fixtures/db";
import { makeMeetingTenant, type FixtureUser, type MeetingTenant } from "@/tests/fixtures/dashboard";

const NOW = new Date("2025-06-20T05:00:00.000Z");

let t: MeetingTenant;
let admin: FixtureUser;
let replica: { name: string; url: string };

async function storedTarget(url: string, tenantId: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ target: string }>(
      `SELECT target::text FROM "DashboardTarget" WHERE "tenantId" = $1 AND year = 2025 AND indicator = 'attendanceRate'`,
      [tenantId],
    );
    return rows[0] ? Number(rows[0].target) : null;
  } finally {
    await client.end();
  }
}

const dashboardTarget = async () => (await getDashboard(admin, {}, { now: NOW })).targets.find((x) => x.indicator === "attendanceRate")?.target ?? null;

beforeAll(async () => {
  t = await makeMeetingTenant();
  admin = t.admin;
  await setTargets(admin, { year: 2025, targets: { attendanceRate: "80" } });
  // CREATE DATABASE … TEMPLATE needs the source without connections: end the pools first.
  await closeDb();
  await closeOwnerDb();
  const primaryName = new URL(databaseUrl()).pathname.slice(1);
  replica = await copyTestDatabase(primaryName, "sosh_it_replica");
  // The replica falls behind on purpose: a figure the primary does not have.
  const client = new pg.Client({ connectionString: replica.url });
  await client.connect();
  await client.query(`UPDATE "DashboardTarget" SET target = 70 WHERE "tenantId" = $1 AND indicator = 'attendanceRate'`, [t.tenantId]);
  await client.end();
}, 120_000);

afterAll(async () => {
  setReplicaUrl(undefined);
  await closeDb();
  if (replica) await dropTestDatabase(replica.name);
}, 120_000);

describe("read replica", () => {
  test("without DATABASE_REPLICA_URL the dashboard reads the primary", async () => {
    setReplicaUrl(undefined);
    expect(await dashboardTarget()).toBe(80);
  });

  test("with it, the dashboard reads the replica; a write goes to the primary and is read back from there", async () => {
    setReplicaUrl(replica.url);
    expect(await dashboardTarget()).toBe(70);

    await setTargets(admin, { year: 2025, targets: { attendanceRate: "90" } });
    expect(await storedTarget(databaseUrl(), t.tenantId)).toBe(90);
    expect(await storedTarget(replica.url, t.tenantId)).toBe(70);
    // Read-your-writes: the targets form reads the primary.
    expect((await getTargets(admin, 2025)).find((r) => r.indicator === "attendanceRate")?.target).toBe(90);
    // The dashboard may lag: it still shows the replica's figure.
    expect(await dashboardTarget()).toBe(70);

    setReplicaUrl(undefined);
    expect(await dashboardTarget()).toBe(90);
  });

  test("a read that may lag runs read-only, under the tenant's row-level security, with or without a replica", async () => {
    for (const url of [replica.url, undefined]) {
      setReplicaUrl(url);
      await expect(
        withTenantReplica(t.tenantId, (tx) => tx.$executeRaw`UPDATE "DashboardTarget" SET target = 1 WHERE "tenantId" = ${t.tenantId}::uuid`),
      ).rejects.toThrow(/read-only/);
      const seen = await withTenantReplica(t.tenantId, (tx) => tx.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT "tenantId")::int AS n FROM "OrgUnit"`);
      expect(seen[0]!.n).toBe(1);
    }
  });

  test("readiness checks the replica when there is one: ready while it answers, not ready (with a reason) when it does not", async () => {
    setReplicaUrl(undefined);
    const without = await readiness();
    expect(without.status).toBe("ready");
    expect(without.checks.replica).toBeUndefined();

    setReplicaUrl(replica.url);
    const answering = await readiness();
    expect(answering.status).toBe("ready");
    // A copy, not a streaming standby: no replay lag to report.
    expect(answering.checks.replica).toMatchObject({ ok: true, standby: false, lagSeconds: null });

    const unreachable = new URL(replica.url);
    unreachable.port = "1";
    setReplicaUrl(unreachable.toString());
    const down = await readiness();
    expect(down.status).toBe("not_ready");
    expect(down.checks.database.ok).toBe(true);
    expect(down.checks.replica?.ok).toBe(false);
    expect(down.checks.replica?.error).toMatch(/DATABASE_REPLICA_URL/);
    expect(JSON.stringify(down)).not.toContain(unreachable.host);
    setReplicaUrl(undefined);
  });
});
