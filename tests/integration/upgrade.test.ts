// Upgrading: the demo database as an earlier release left it (its backup archive, kept in
// tests/fixtures/upgrade/) is restored with --migrate, so every migration written since that
// release runs on top of real data, as on an installation being upgraded. The result must be fully
// migrated, keep the data, and have exactly the schema of a fresh install (the run's database).
import { randomUUID } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { restoreBackup } from "@/lib/backup/restore";
import { migrationStatus, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, dropTestDatabase } from "@/tests/fixtures/database";

const FIXTURES = resolve("tests/fixtures/upgrade");
const scratch = resolve("tests/.tmp", `upgrade-${randomUUID()}`);
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) await dropTestDatabase(name);
  await rm(scratch, { recursive: true, force: true });
});

async function rows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Tables, columns, constraints, indexes, triggers and policies of schema public, as comparable text. */
async function schemaOf(url: string): Promise<string[]> {
  const parts = await Promise.all([
    rows<{ line: string }>(
      url,
      `SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) AS line
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    ),
    rows<{ line: string }>(
      url,
      `SELECT format('constraint %s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS line
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'`,
    ),
    rows<{ line: string }>(url, `SELECT format('index %s', indexdef) AS line FROM pg_indexes WHERE schemaname = 'public'`),
    rows<{ line: string }>(
      url,
      `SELECT format('trigger %s %s', t.tgrelid::regclass, pg_get_triggerdef(t.oid)) AS line
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
    ),
    rows<{ line: string }>(
      url,
      `SELECT format('policy %s %s %s %s', tablename, policyname, coalesce(qual, ''), coalesce(with_check, '')) AS line FROM pg_policies WHERE schemaname = 'public'`,
    ),
    rows<{ line: string }>(
      url,
      `SELECT format('function %s %s', p.proname, md5(pg_get_functiondef(p.oid))) AS line
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prokind = 'f'`,
    ),
  ]);
  return parts.flat().map((row) => row.line).sort();
}

test("every migration since the previous release applies on top of that release's demo database", { timeout: 600_000 }, async () => {
  const archives = (await readdir(FIXTURES)).filter((name) => name.endsWith(".tar")).sort();
  expect(archives.length).toBeGreaterThan(0);
  const archive = join(FIXTURES, archives.at(-1)!);

  const target = await createTestDatabase("sosh_it_upgrade");
  databases.push(target.name);
  const result = await restoreBackup(archive, { kind: "postgresql", url: target.url }, { storageDir: join(scratch, "files"), migrate: true });

  // What the release had, then exactly the migrations written since, in order.
  const released = new Set(result.manifest.schema.migrations.map((migration) => migration.name));
  const local = (await readMigrations()).map((migration) => migration.name);
  expect(result.migrated).toEqual(local.filter((name) => !released.has(name)));
  const status = await migrationStatus(target.url);
  expect({ pending: status.pending, changed: status.changed, missing: status.missing, failed: status.failed }).toEqual({
    pending: [],
    changed: [],
    missing: [],
    failed: [],
  });

  // The demo's records are all still there.
  const before = new Map(result.manifest.tables.map((table) => [table.name, table.rows]));
  expect(before.get("Member")).toBeGreaterThan(800);
  const counts = await rows<{ name: string; rows: string }>(
    target.url,
    `SELECT 'Tenant' AS name, count(*) AS rows FROM "Tenant" UNION ALL SELECT 'OrgUnit', count(*) FROM "OrgUnit"
     UNION ALL SELECT 'Member', count(*) FROM "Member" UNION ALL SELECT 'Meeting', count(*) FROM "Meeting"
     UNION ALL SELECT 'Attendance', count(*) FROM "Attendance" UNION ALL SELECT 'User', count(*) FROM "User"
     UNION ALL SELECT 'AuditEntry', count(*) FROM "AuditEntry"`,
  );
  for (const row of counts) expect({ table: row.name, rows: Number(row.rows) }).toEqual({ table: row.name, rows: before.get(row.name) });

  // Same schema as a database migrated from empty (the integration run's own database).
  expect(await schemaOf(target.url)).toEqual(await schemaOf(process.env.DATABASE_URL!));
});
