// The migration runner keeps Prisma Migrate's books and refuses to build on a history it cannot trust.
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate, migrationStatus } from "@/lib/db/migrate";
import { createTestDatabase, dropTestDatabase } from "@/tests/fixtures/database";

const REPO_MIGRATIONS = join(process.cwd(), "prisma", "migrations");

interface HistoryRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

async function localFolders(): Promise<{ name: string; checksum: string }[]> {
  const entries = await readdir(REPO_MIGRATIONS, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      checksum: createHash("sha256").update(await readFile(join(REPO_MIGRATIONS, name, "migration.sql"))).digest("hex"),
    })),
  );
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const history = (url: string) =>
  query<HistoryRow>(url, `SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`);

async function tableExists(url: string, table: string): Promise<boolean> {
  const rows = await query<{ present: boolean }>(url, "SELECT to_regclass($1) IS NOT NULL AS present", [`"${table}"`]);
  return rows[0]?.present === true;
}

const scratchDirs: string[] = [];

/** A temporary copy of the repository's migrations that a test may edit. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sosh-migrations-"));
  scratchDirs.push(dir);
  await cp(REPO_MIGRATIONS, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(join(dir, name));
  await writeFile(join(dir, name, "migration.sql"), sql);
}

describe("migration runner", () => {
  let database: { name: string; url: string };
  let local: { name: string; checksum: string }[];
  let firstName: string;

  beforeAll(async () => {
    database = await createTestDatabase("sosh_it_mig");
    local = await localFolders();
    firstName = local[0]?.name ?? "";
  });

  afterAll(async () => {
    await dropTestDatabase(database.name);
    await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  test("status of an empty database lists every folder as pending and creates nothing", async () => {
    const status = await migrationStatus(database.url);
    expect(status).toEqual({ applied: [], pending: local.map((m) => m.name), changed: [], missing: [], failed: [] });
    expect(await tableExists(database.url, "_prisma_migrations")).toBe(false);
  });

  test("applies every folder in order and records it as Prisma Migrate does", async () => {
    expect(local.length).toBeGreaterThan(0);
    const { applied } = await migrate(database.url);
    expect(applied).toEqual(local.map((m) => m.name));

    const rows = await history(database.url);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(local.map((m) => [m.name, m.checksum]));
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await tableExists(database.url, "Member")).toBe(true);

    // The application role must not be able to read or rewrite the history.
    const grants = await query<{ select: boolean; insert: boolean; update: boolean; delete: boolean }>(
      database.url,
      `SELECT has_table_privilege('sosh_app', '"_prisma_migrations"', 'SELECT') AS select,
              has_table_privilege('sosh_app', '"_prisma_migrations"', 'INSERT') AS insert,
              has_table_privilege('sosh_app', '"_prisma_migrations"', 'UPDATE') AS update,
              has_table_privilege('sosh_app', '"_prisma_migrations"', 'DELETE') AS delete`,
    );
    expect(grants[0]).toEqual({ select: false, insert: false, update: false, delete: false });
  });

  test("a second run applies nothing", async () => {
    const before = await history(database.url);
    const { applied } = await migrate(database.url);
    expect(applied).toEqual([]);
    expect(await history(database.url)).toEqual(before);
    const status = await migrationStatus(database.url);
    expect(status.applied).toEqual(local.map((m) => m.name));
    expect(status.pending).toEqual([]);
  });

  test("refuses, applying nothing, when an applied migration file was changed", async () => {
    const dir = await copyOfMigrations();
    await appendFile(join(dir, firstName, "migration.sql"), "\n-- edited after the fact\n");
    await addMigration(dir, "99990101000000_probe", `CREATE TABLE "Probe" ("id" INTEGER);`);
    const before = await history(database.url);

    await expect(migrate(database.url, { migrationsDir: dir })).rejects.toThrow(
      new RegExp(`"${firstName}" was modified after it was applied`),
    );
    // The pending migration behind it was not applied either.
    expect(await tableExists(database.url, "Probe")).toBe(false);
    expect(await history(database.url)).toEqual(before);

    const status = await migrationStatus(database.url, { migrationsDir: dir });
    expect(status.changed).toEqual([firstName]);
    expect(status.pending).toEqual(["99990101000000_probe"]);
  });

  test("refuses when an applied migration's folder is missing locally", async () => {
    const dir = await copyOfMigrations();
    await rm(join(dir, firstName), { recursive: true });
    await addMigration(dir, "99990101000000_probe", `CREATE TABLE "Probe" ("id" INTEGER);`);

    await expect(migrate(database.url, { migrationsDir: dir })).rejects.toThrow(
      new RegExp(`"${firstName}" is recorded as applied but its folder is missing locally`),
    );
    expect(await tableExists(database.url, "Probe")).toBe(false);
    expect((await migrationStatus(database.url, { migrationsDir: dir })).missing).toEqual([firstName]);
  });

  test("refuses while a failed migration is recorded", async () => {
    const dir = await copyOfMigrations();
    await addMigration(dir, "99990101000000_probe", `CREATE TABLE "Probe" ("id" INTEGER);`);
    await query(
      database.url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      ["00000000-0000-4000-8000-000000000001", "0".repeat(64), "99990101000000_probe"],
    );
    try {
      await expect(migrate(database.url, { migrationsDir: dir })).rejects.toThrow(
        /"99990101000000_probe" started but never finished/,
      );
      expect(await tableExists(database.url, "Probe")).toBe(false);
      expect((await migrationStatus(database.url, { migrationsDir: dir })).failed).toEqual(["99990101000000_probe"]);
    } finally {
      await query(database.url, `DELETE FROM "_prisma_migrations" WHERE id = $1`, [
        "00000000-0000-4000-8000-000000000001",
      ]);
    }
  });

  test("a migration that fails is rolled back whole and not recorded", async () => {
    const dir = await copyOfMigrations();
    await addMigration(dir, "99990101000000_broken", `CREATE TABLE "Probe" ("id" INTEGER);\nSELECT 1/0;`);
    await expect(migrate(database.url, { migrationsDir: dir })).rejects.toThrow(/"99990101000000_broken" failed/);
    expect(await tableExists(database.url, "Probe")).toBe(false);
    expect((await history(database.url)).map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
  });

  test("two runners started together apply each migration once (advisory lock)", async () => {
    const other = await createTestDatabase("sosh_it_mig");
    try {
      // allSettled: without the lock one runner fails while the other is still working.
      const results = await Promise.allSettled([migrate(other.url), migrate(other.url)]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      const applied = results.flatMap((r) => (r.status === "fulfilled" ? r.value.applied : []));
      expect(applied.sort()).toEqual(local.map((m) => m.name));
      expect((await history(other.url)).length).toBe(local.length);
    } finally {
      await dropTestDatabase(other.name);
    }
  });
});
