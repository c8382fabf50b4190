// `npm run restore -- <archive>`: into an empty target only, all or nothing. Order:
//   1. refuse at once what cannot work (a running app on the embedded database, a target database,
//      data directory or storage folder that is not empty);
//   2. extract the archive into a staging folder, checking every entry against the manifest;
//   3. refuse a schema version this code cannot take (newer, changed; older unless --migrate) and
//      an archive of the other kind of database;
//   4. restore the database (PostgreSQL: one transaction that checks every table before it
//      commits; embedded: a new data directory checked, then renamed into place), migrate if asked;
//   5. move the files into STORAGE_DIR. A failure before 4 leaves the target untouched.
import { randomUUID } from "node:crypto";
import { readdir, rename, rm, rmdir, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { extractArchive } from "@/lib/backup/archive";
import { BackupError, backupMessages } from "@/lib/backup/errors";
import type { DatabaseKind, Manifest } from "@/lib/backup/manifest";
import { restorePglite } from "@/lib/backup/pglite";
import { postgresTables, restorePostgres } from "@/lib/backup/postgres";
import { embeddedDirEmpty, embeddedOwner, holdEmbeddedDir } from "@/lib/db/embedded";
import { compareHistory, migrate, readMigrations } from "@/lib/db/migrate";

export type RestoreTarget = { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

export interface RestoreOptions {
  storageDir: string;
  /** Accept an archive of an older schema and bring it up to date after restoring. */
  migrate?: boolean;
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  migrated: string[];
  durationMs: number;
}

async function dirEmpty(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

async function checkSchema(manifest: Manifest, options: RestoreOptions): Promise<void> {
  const local = await readMigrations(options.migrationsDir);
  const status = compareHistory(local, manifest.schema.migrations);
  if (status.changed.length > 0) throw new BackupError("schemaChanged", { names: status.changed.join(", ") });
  if (status.missing.length > 0) throw new BackupError("schemaNewer", { names: status.missing.join(", ") });
  if (status.pending.length > 0 && !options.migrate) {
    throw new BackupError("schemaOlder", { count: status.pending.length, latest: manifest.schema.latest ?? backupMessages.details.empty });
  }
}

function checkKind(archiveKind: DatabaseKind, targetKind: DatabaseKind): void {
  if (archiveKind === targetKind) return;
  throw new BackupError("kindMismatch", {
    archiveKind: backupMessages.kinds[archiveKind],
    targetKind: backupMessages.kinds[targetKind],
    hint: archiveKind === "pglite" ? backupMessages.errors.kindHintPglite : backupMessages.errors.kindHintPostgresql,
  });
}

export async function restoreBackup(archive: string, target: RestoreTarget, options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const storageDir = resolve(options.storageDir);
  const path = resolve(archive);

  // 1. Refusals that need no reading of the archive.
  let release: (() => void) | undefined;
  if (target.kind === "pglite") {
    const owner = embeddedOwner(target.dataDir);
    if (owner?.role === "app") throw new BackupError("appRunning", { pid: owner.pid });
    if (owner) throw new BackupError("embeddedBusy", { pid: owner.pid });
    if (!embeddedDirEmpty(target.dataDir)) throw new BackupError("targetDirNotEmpty", { path: target.dataDir });
  } else {
    const tables = await postgresTables(target.url);
    if (tables.length > 0) throw new BackupError("targetDatabaseNotEmpty", { count: tables.length, example: tables[0]! });
  }
  if (!(await dirEmpty(storageDir))) throw new BackupError("storageNotEmpty", { path: storageDir });

  // Staging beside STORAGE_DIR, so the files reach it by a rename.
  const staging = join(dirname(storageDir), `.restore-${randomUUID()}`);
  try {
    if (target.kind === "pglite") release = holdEmbeddedDir(target.dataDir);
    // 2. and 3.
    const extracted = await extractArchive(path, staging);
    const { manifest } = extracted;
    checkKind(manifest.database.kind, target.kind);
    await checkSchema(manifest, options);

    // 4.
    let migrated: string[] = [];
    if (target.kind === "pglite") {
      migrated = await restorePglite(extracted.databaseFile, `${target.dataDir}.restoring-${process.pid}`, target.dataDir, manifest.tables, {
        migrate: options.migrate === true,
        migrationsDir: options.migrationsDir,
        log: options.log,
      });
    } else {
      await restorePostgres(target.url, extracted.databaseFile, manifest.tables);
    }

    // 5.
    await mkdir(dirname(storageDir), { recursive: true });
    await rmdir(storageDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    await mkdir(extracted.filesDir, { recursive: true });
    await rename(extracted.filesDir, storageDir);

    if (target.kind === "postgresql" && options.migrate) {
      migrated = (await migrate(target.url, { log: options.log, migrationsDir: options.migrationsDir })).applied;
    }
    return { manifest, migrated, durationMs: Date.now() - started };
  } finally {
    release?.();
    await rm(staging, { recursive: true, force: true });
  }
}
