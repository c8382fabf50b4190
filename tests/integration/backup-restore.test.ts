// Backup and restore, on PostgreSQL (pg_dump/pg_restore) and on the embedded database (PGlite):
// the restore drill (the demo backed up and restored into a fresh database and folder must be
// identical, table by table and file by file), a backup taken during 50 attendance taps, and the
// faults an operator meets (corrupt, truncated or foreign archives, another schema version, a
// non-empty target, a full disk), each refused with nothing half-restored.
//
// RESTORE_DRILL_TAMPER=1 changes one member's name in the source after the backup, to see the
// drill fail: `RESTORE_DRILL_TAMPER=1 npx vitest run --project integration tests/integration/backup-restore.test.ts -t drill`.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import tar from "tar-stream";
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import { createBackup } from "@/lib/backup/backup";
import { BackupError } from "@/lib/backup/errors";
import { MANIFEST_NAME, type Manifest } from "@/lib/backup/manifest";
import { restoreBackup } from "@/lib/backup/restore";
import { storageFingerprint } from "@/lib/backup/storage-files";
import { compareTableStats, tableStats, type TableStatsRow } from "@/lib/backup/table-stats";
import { closeDb } from "@/lib/db/client";
import { lockFileOf, requestDump, startEmbeddedPostgres, type EmbeddedLock } from "@/lib/db/embedded";
import { migrate, migrationStatus } from "@/lib/db/migrate";
import type { DatabaseTarget } from "@/lib/db/target";
import { setDatabaseUrl } from "@/lib/env";
import { markAttendance } from "@/lib/meetings/attendance";
import { LocalBlobStore, setBlobStore } from "@/lib/storage";
import { copyTestDatabase, createTestDatabase, dropTestDatabase } from "@/tests/fixtures/database";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant } from "@/tests/fixtures/meetings";

const runUrl = process.env.DATABASE_URL!;
const scratch = resolve("tests/.tmp", `backup-${randomUUID()}`);
const databases: string[] = [];
const embeddedStops: (() => Promise<void>)[] = [];

async function freshDatabase(): Promise<{ name: string; url: string }> {
  const database = await createTestDatabase("sosh_it_backup");
  databases.push(database.name);
  return database;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const statsOf = (url: string): Promise<TableStatsRow[]> =>
  withClient(url, async (client) => {
    await client.query("BEGIN");
    try {
      return await tableStats(client);
    } finally {
      await client.query("COMMIT");
    }
  });
const tablesOf = (url: string): Promise<number> =>
  withClient(url, async (client) => Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0]!.n));

const postgres = (url: string): DatabaseTarget => ({ kind: "postgresql", url, close: async () => {} });

/** Points the application's client and blob store at another database and folder (the demo seed writes through them). */
async function useApplicationDatabase(url: string, storageDir?: string): Promise<void> {
  await closeDb();
  setDatabaseUrl(url, { embedded: false, poolMax: 4 });
  setBlobStore(storageDir ? new LocalBlobStore(storageDir) : undefined);
}

async function expectRefused(work: Promise<unknown>, code: BackupError["code"]): Promise<BackupError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackupError);
  expect((error as BackupError).code).toBe(code);
  return error as BackupError;
}

/** Rewrites an archive entry by entry; `edit` may change an entry's bytes. */
async function rewriteArchive(source: string, target: string, edit: (name: string, body: Buffer) => Buffer): Promise<void> {
  const entries: { name: string; body: Buffer }[] = [];
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on("end", () => {
      entries.push({ name: header.name, body: Buffer.concat(chunks) });
      next();
    });
  });
  const done = new Promise<void>((resolveDone, reject) => {
    extract.on("finish", () => resolveDone());
    extract.on("error", reject);
  });
  extract.end(await readFile(source));
  await done;
  const pack = tar.pack();
  const out: Buffer[] = [];
  pack.on("data", (chunk: unknown) => out.push(chunk as Buffer));
  const packed = new Promise<void>((resolvePacked) => pack.on("end", () => resolvePacked()));
  for (const entry of entries) pack.entry({ name: entry.name }, edit(entry.name, entry.body));
  pack.finalize();
  await packed;
  await writeFile(target, Buffer.concat(out));
}

beforeAll(async () => {
  await mkdir(scratch, { recursive: true });
});

// A test that failed halfway must not leave the application pointed at its database.
afterEach(async () => {
  await useApplicationDatabase(runUrl);
});

afterAll(async () => {
  await useApplicationDatabase(runUrl);
  await closeDb();
  await ownerDb().$disconnect();
  for (const stop of embeddedStops) await stop().catch(() => undefined);
  for (const name of databases) await dropTestDatabase(name);
  await rm(scratch, { recursive: true, force: true });
});

describe("restore drill", () => {
  test("the demo, backed up and restored into a fresh database and storage folder, is identical", { timeout: 1_200_000 }, async () => {
    // The demo as the run seeded it (tests/fixtures/global-setup.ts): a fresh copy of the run's
    // template database, and the demo tenants' files from the run's storage folder, where that seed
    // wrote them (blobs are never deleted; a blob another file adds there meanwhile is backed up too).
    const source = await copyTestDatabase(inject("templateDatabase"), "sosh_it_backup");
    databases.push(source.name);
    const sourceFiles = join(scratch, "drill-source-files");
    const demoTenants = await withClient(source.url, async (client) => (await client.query<{ id: string }>(`SELECT "id" FROM "Tenant"`)).rows);
    for (const { id } of demoTenants) {
      const seeded = join(process.env.STORAGE_DIR!, id);
      if (existsSync(seeded)) await cp(seeded, join(sourceFiles, id), { recursive: true });
    }

    const backup = await createBackup(postgres(source.url), { dir: join(scratch, "drill-backups"), storageDir: sourceFiles });
    if (process.env.RESTORE_DRILL_TAMPER === "1") {
      await withClient(source.url, (client) =>
        client.query(`UPDATE "Member" SET "fullName" = "fullName" || ' (sửa sau khi sao lưu)' WHERE "id" = (SELECT min("id"::text)::uuid FROM "Member")`),
      );
    }

    const target = await freshDatabase();
    const targetFiles = join(scratch, "drill-target-files");
    const restored = await restoreBackup(backup.file, { kind: "postgresql", url: target.url }, { storageDir: targetFiles });
    expect(restored.manifest.tables).toEqual(backup.manifest.tables);

    const [before, after] = await Promise.all([statsOf(source.url), statsOf(target.url)]);
    expect(before.length).toBeGreaterThan(40);
    expect(before.find((table) => table.name === "Member")?.rows).toBeGreaterThan(800);
    expect(before.find((table) => table.name === "Attendance")?.rows).toBeGreaterThan(1000);
    expect(compareTableStats(before, after)).toEqual([]);

    const [sourceHashes, targetHashes] = await Promise.all([storageFingerprint(sourceFiles), storageFingerprint(targetFiles)]);
    expect(sourceHashes.size).toBeGreaterThan(0);
    expect([...targetHashes].sort()).toEqual([...sourceHashes].sort());
    expect(backup.manifest.missingFiles).toEqual([]);
  });
});

describe("a backup while attendance is being taken", () => {
  test("a backup taken during 50 concurrent taps restores with each tap whole or not at all", { timeout: 300_000 }, async () => {
    const t = await makeMeetingTenant({ members: 50 });
    const meeting = await makeMeeting({ tenant: t, state: "HELD" });
    const taps = t.members.map((member) => markAttendance(t.recorder, { meetingId: meeting.id, memberId: member.id, status: "PRESENT" }));
    await Promise.race(taps); // at least one tap is in; most are still queued on the pool
    const backup = createBackup(postgres(runUrl), { dir: join(scratch, "taps-backups"), storageDir: join(scratch, "taps-no-files") });
    const [done] = await Promise.all([Promise.all(taps), backup]);
    expect(done).toHaveLength(50);

    const target = await freshDatabase();
    await restoreBackup((await backup).file, { kind: "postgresql", url: target.url }, { storageDir: join(scratch, "taps-files") });
    const { marks, audits, orphans } = await withClient(target.url, async (client) => {
      const rows = await client.query<{ marks: string; audits: string; orphans: string }>(
        `SELECT (SELECT count(*) FROM "Attendance" WHERE "meetingId" = $1) AS marks,
                (SELECT count(*) FROM "AuditEntry" WHERE "entityId" = $2 AND "action" = 'attendance.mark') AS audits,
                (SELECT count(*) FROM "Attendance" a WHERE a."meetingId" = $1 AND NOT EXISTS (
                   SELECT 1 FROM "AuditEntry" e WHERE e."entityId" = $2 AND e."action" = 'attendance.mark' AND e."after"->>'memberId' = a."memberId"::text)) AS orphans`,
        [meeting.id, meeting.id],
      );
      return { marks: Number(rows.rows[0]!.marks), audits: Number(rows.rows[0]!.audits), orphans: Number(rows.rows[0]!.orphans) };
    });
    expect(marks).toBeGreaterThanOrEqual(1);
    expect(marks).toBeLessThanOrEqual(50);
    expect(audits).toBe(marks);
    expect(orphans).toBe(0);
  });
});

describe("bad archives, other versions, occupied targets", () => {
  let source: { name: string; url: string };
  let sourceFiles: string;
  let archive: string;

  beforeAll(async () => {
    source = await freshDatabase();
    await migrate(source.url);
    sourceFiles = join(scratch, "faults-source-files");
    await useApplicationDatabase(source.url, sourceFiles);
    const t = await makeMeetingTenant({ members: 3 });
    await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED" });
    await mkdir(join(sourceFiles, t.tenantId), { recursive: true });
    await writeFile(join(sourceFiles, t.tenantId, randomUUID()), randomBytes(4096));
    await useApplicationDatabase(runUrl);
    archive = (await createBackup(postgres(source.url), { dir: join(scratch, "faults-backups"), storageDir: sourceFiles })).file;
  });

  async function expectNothingRestored(target: { url: string }, storageDir: string): Promise<void> {
    expect(await tablesOf(target.url)).toBe(0);
    await expect(readdir(storageDir)).rejects.toMatchObject({ code: "ENOENT" });
    // No staging folder left beside it either.
    expect((await readdir(scratch)).filter((name) => name.startsWith(".restore-"))).toEqual([]);
  }

  test("a corrupt archive (one byte changed) is refused by its checksum", async () => {
    const bytes = await readFile(archive);
    bytes[2048] = bytes[2048]! ^ 0xff; // inside the database dump, the first entry
    const corrupt = join(scratch, "corrupt.tar");
    await writeFile(corrupt, bytes);
    const target = await freshDatabase();
    const files = join(scratch, "corrupt-files");
    const error = await expectRefused(restoreBackup(corrupt, { kind: "postgresql", url: target.url }, { storageDir: files }), "checksumMismatch");
    expect(error.message).toContain("không khớp mã kiểm tra SHA-256");
    await expectNothingRestored(target, files);
  });

  test("a truncated archive, and a file that is no archive at all, are refused", async () => {
    const bytes = await readFile(archive);
    const truncated = join(scratch, "truncated.tar");
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const garbage = join(scratch, "garbage.tar");
    await writeFile(garbage, randomBytes(10_000));
    const target = await freshDatabase();
    const files = join(scratch, "truncated-files");
    const cut = await expectRefused(restoreBackup(truncated, { kind: "postgresql", url: target.url }, { storageDir: files }), "archiveTruncated");
    expect(cut.message).toContain("không đầy đủ");
    await expectRefused(restoreBackup(garbage, { kind: "postgresql", url: target.url }, { storageDir: files }), "archiveCorrupt");
    await expectRefused(restoreBackup(join(scratch, "no-such.tar"), { kind: "postgresql", url: target.url }, { storageDir: files }), "archiveMissing");
    await expectNothingRestored(target, files);
  });

  test("a non-empty target database or storage folder is refused before anything is read", async () => {
    const occupied = join(scratch, "occupied-files");
    await expectRefused(restoreBackup(archive, { kind: "postgresql", url: source.url }, { storageDir: occupied }), "targetDatabaseNotEmpty");
    const target = await freshDatabase();
    await mkdir(occupied, { recursive: true });
    await writeFile(join(occupied, "something"), "x");
    await expectRefused(restoreBackup(archive, { kind: "postgresql", url: target.url }, { storageDir: occupied }), "storageNotEmpty");
    expect(await tablesOf(target.url)).toBe(0);
  });

  test("data that does not match the manifest is rolled back inside the restore's transaction", async () => {
    const tampered = join(scratch, "tampered.tar");
    await rewriteArchive(archive, tampered, (name, body) => {
      if (name !== MANIFEST_NAME) return body;
      const manifest = JSON.parse(body.toString("utf8")) as Manifest;
      const member = manifest.tables.find((table) => table.name === "Member")!;
      member.checksum = String(BigInt(member.checksum) + 1n);
      return Buffer.from(JSON.stringify(manifest));
    });
    const target = await freshDatabase();
    const files = join(scratch, "tampered-files");
    const error = await expectRefused(restoreBackup(tampered, { kind: "postgresql", url: target.url }, { storageDir: files }), "verifyFailed");
    expect(error.message).toContain("Member: nội dung khác");
    await expectNothingRestored(target, files);
  });

  test("a dump that breaks halfway leaves the target empty", async () => {
    // A dump whose manifest checksums were recomputed after damage: only pg_restore can notice.
    const broken = join(scratch, "broken.tar");
    const { createHash } = await import("node:crypto");
    let damaged: Buffer | undefined;
    await rewriteArchive(archive, broken, (name, body) => {
      if (name === "database/postgres.dump") {
        damaged = Buffer.from(body.subarray(0, Math.floor(body.length * 0.6)));
        return damaged;
      }
      if (name !== MANIFEST_NAME) return body;
      const manifest = JSON.parse(body.toString("utf8")) as Manifest;
      manifest.database.size = damaged!.length;
      manifest.database.sha256 = createHash("sha256").update(damaged!).digest("hex");
      return Buffer.from(JSON.stringify(manifest));
    });
    const target = await freshDatabase();
    const files = join(scratch, "broken-files");
    await expectRefused(restoreBackup(broken, { kind: "postgresql", url: target.url }, { storageDir: files }), "toolFailed");
    await expectNothingRestored(target, files);
  });

  test("another schema version: older only with --migrate, newer or changed never", async () => {
    const local = resolve("prisma", "migrations");
    const names = (await readdir(local, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const older = await mkdtemp(join(tmpdir(), "sosh-older-migrations-"));
    try {
      for (const name of names.slice(0, -1)) await cp(join(local, name), join(older, name), { recursive: true });
      const old = await freshDatabase();
      await migrate(old.url, { migrationsDir: older });
      const oldArchive = (await createBackup(postgres(old.url), { dir: join(scratch, "older-backups"), storageDir: join(scratch, "older-none") })).file;

      const target = await freshDatabase();
      const files = join(scratch, "older-files");
      const refused = await expectRefused(restoreBackup(oldArchive, { kind: "postgresql", url: target.url }, { storageDir: files }), "schemaOlder");
      expect(refused.message).toContain("--migrate");
      expect(await tablesOf(target.url)).toBe(0);
      const restored = await restoreBackup(oldArchive, { kind: "postgresql", url: target.url }, { storageDir: files, migrate: true });
      expect(restored.migrated).toEqual([names.at(-1)]);
      const status = await migrationStatus(target.url);
      expect(status.pending).toEqual([]);
      expect(status.applied).toEqual(names);

      // The full archive restored by code that lacks its newest migration: refused.
      const newerTarget = await freshDatabase();
      await expectRefused(
        restoreBackup(archive, { kind: "postgresql", url: newerTarget.url }, { storageDir: join(scratch, "newer-files"), migrationsDir: older }),
        "schemaNewer",
      );
      expect(await tablesOf(newerTarget.url)).toBe(0);
    } finally {
      await rm(older, { recursive: true, force: true });
    }
  });

  test("a full disk while writing a backup leaves no archive; while restoring, nothing restored", async (context) => {
    const small = await mkdtemp(join(tmpdir(), "sosh-full-disk-"));
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", small], { stdio: "ignore" });
    } catch {
      await rm(small, { recursive: true, force: true });
      context.skip("mount -t tmpfs is not permitted here (needs root): no small disk to fill");
    }
    try {
      // The archive (the dump plus a 4 KB file) does not fit in 256 KB once a 240 KB file takes the room.
      await writeFile(join(small, "filler"), randomBytes(240 * 1024));
      const dir = join(small, "backups");
      const full = await expectRefused(createBackup(postgres(source.url), { dir, storageDir: sourceFiles }), "diskFull");
      expect(full.message).toContain("Hết dung lượng đĩa");
      expect(await readdir(dir)).toEqual([]);

      const target = await freshDatabase();
      const files = join(small, "files");
      await expectRefused(restoreBackup(archive, { kind: "postgresql", url: target.url }, { storageDir: files }), "diskFull");
      expect(await tablesOf(target.url)).toBe(0);
      expect((await readdir(small)).sort()).toEqual(["backups", "filler"]);
    } finally {
      execFileSync("umount", [small]);
      await rm(small, { recursive: true, force: true });
    }
  });
});

describe("the embedded database (PGlite)", () => {
  test("an online backup through the running app's control socket restores into a new data directory, identical", { timeout: 600_000 }, async () => {
    const dataDir = join(scratch, "embedded", "pg");
    const embedded = await startEmbeddedPostgres({ dataDir, role: "app", maxConnections: 8 });
    embeddedStops.push(embedded.stop);
    await migrate(embedded.url);
    const files = join(scratch, "embedded-files");
    await useApplicationDatabase(embedded.url, files);
    const t = await makeMeetingTenant({ members: 50 });
    const meeting = await makeMeeting({ tenant: t, state: "HELD" });
    await mkdir(join(files, t.tenantId), { recursive: true });
    await writeFile(join(files, t.tenantId, randomUUID()), randomBytes(2048));

    // What `npm run backup` does when it finds the app running: ask it for the dump.
    const lock = JSON.parse(await readFile(lockFileOf(dataDir), "utf8")) as EmbeddedLock;
    expect(lock.role).toBe("app");
    const target: DatabaseTarget = { kind: "pglite", url: embedded.url, dataDir, via: "app", dumpDataDir: () => requestDump(lock), close: async () => {} };
    // A secretary tapping through the roll while the backup runs (one tap after another, as on a
    // phone; the embedded database runs one query at a time anyway).
    const tap = (index: number) => markAttendance(t.recorder, { meetingId: meeting.id, memberId: t.members[index]!.id, status: "PRESENT" });
    await tap(0);
    const tapping = (async () => {
      for (let index = 1; index < t.members.length; index += 1) await tap(index);
    })();
    const [backup] = await Promise.all([createBackup(target, { dir: join(scratch, "embedded-backups"), storageDir: files }), tapping]);
    await useApplicationDatabase(runUrl);
    expect(backup.manifest.database.kind).toBe("pglite");
    const inBackup = backup.manifest.tables;

    // Not while the app runs on the target, not over data.
    await expectRefused(restoreBackup(backup.file, { kind: "pglite", dataDir }, { storageDir: join(scratch, "embedded-x") }), "appRunning");
    await expectRefused(restoreBackup(backup.file, { kind: "postgresql", url: (await freshDatabase()).url }, { storageDir: join(scratch, "embedded-y") }), "kindMismatch");

    const restoredDir = join(scratch, "embedded-restored", "pg");
    const restoredFiles = join(scratch, "embedded-restored", "files");
    await restoreBackup(backup.file, { kind: "pglite", dataDir: restoredDir }, { storageDir: restoredFiles });
    const reopened = await startEmbeddedPostgres({ dataDir: restoredDir, maxConnections: 2 });
    embeddedStops.push(reopened.stop);
    const restoredStats = await statsOf(reopened.url);
    expect(compareTableStats(inBackup, restoredStats)).toEqual([]);
    // Each tap whole or absent.
    const consistency = await withClient(reopened.url, async (client) =>
      (
        await client.query<{ marks: string; audits: string }>(
          `SELECT (SELECT count(*) FROM "Attendance" WHERE "meetingId" = $1) AS marks,
                  (SELECT count(*) FROM "AuditEntry" WHERE "entityId" = $2 AND "action" = 'attendance.mark') AS audits`,
          [meeting.id, meeting.id],
        )
      ).rows[0]!,
    );
    expect(Number(consistency.marks)).toBe(Number(consistency.audits));
    expect(Number(consistency.marks)).toBeGreaterThanOrEqual(1);
    // After the taps ended, the source has all 50; the copy is the state at the dump.
    expect(compareTableStats(inBackup, await statsOf(embedded.url)).length).toBeGreaterThanOrEqual(Number(consistency.marks) === 50 ? 0 : 1);
    expect([...(await storageFingerprint(restoredFiles))]).toEqual([...(await storageFingerprint(files))]);
    await reopened.stop();

    // Over an existing data directory: refused.
    await expectRefused(restoreBackup(backup.file, { kind: "pglite", dataDir: restoredDir }, { storageDir: join(scratch, "embedded-z") }), "targetDirNotEmpty");
    await embedded.stop();
  });
});
