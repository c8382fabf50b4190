// `npm run backup`: one archive with the database and the uploaded files, described by its manifest,
// written under a temporary name and renamed when complete; then old archives beyond --keep go.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ArchiveWriter } from "@/lib/backup/archive";
import { BackupError } from "@/lib/backup/errors";
import {
  ARCHIVE_NAME,
  archiveName,
  DATABASE_ENTRIES,
  FILES_PREFIX,
  FORMAT,
  FORMAT_VERSION,
  MANIFEST_NAME,
  type Manifest,
  type ManifestEntry,
} from "@/lib/backup/manifest";
import { dumpPglite } from "@/lib/backup/pglite";
import { dumpPostgres, type DatabaseSnapshot } from "@/lib/backup/postgres";
import { listStoredFiles } from "@/lib/backup/storage-files";
import type { DatabaseTarget } from "@/lib/db/target";

export interface BackupOptions {
  /** Directory of the archives (BACKUP_DIR). */
  dir: string;
  /** The uploaded files (STORAGE_DIR). */
  storageDir: string;
  /** Keep this many newest archives in `dir` (the new one included); undefined keeps all. */
  keep?: number;
  now?: Date;
}

export interface BackupResult {
  file: string;
  size: number;
  manifest: Manifest;
  /** Archives removed by retention. */
  pruned: string[];
}

function appInfo(): { name: string; version: string } {
  try {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8")) as { name?: string; version?: string };
    return { name: pkg.name ?? "so-sinh-hoat-chi-bo", version: pkg.version ?? "0.0.0" };
  } catch {
    return { name: "so-sinh-hoat-chi-bo", version: "0.0.0" };
  }
}

export async function createBackup(target: DatabaseTarget, options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const createdAt = options.now ?? new Date();
  const dir = resolve(options.dir);
  const file = join(dir, archiveName(createdAt));
  const scratch = join(dir, `.backup-${randomUUID()}`);
  const dumpFile = `${scratch}.db`;
  const writer = await ArchiveWriter.create(file);
  try {
    let snapshot: DatabaseSnapshot;
    try {
      snapshot =
        target.kind === "postgresql"
          ? await dumpPostgres(target.url, dumpFile)
          : await dumpPglite(() => target.dumpDataDir(), dumpFile, scratch);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOSPC" || code === "EDQUOT") throw new BackupError("diskFull", { path: dir });
      throw error;
    }
    const databasePath = DATABASE_ENTRIES[target.kind];
    const database = await writer.addFile(databasePath, dumpFile);
    await rm(dumpFile, { force: true });

    const storageDir = resolve(options.storageDir);
    const files: ManifestEntry[] = [];
    for (const stored of await listStoredFiles(storageDir)) {
      const path = `${FILES_PREFIX}${stored.key}`;
      const source = join(storageDir, ...stored.key.split("/"));
      // A file deleted since it was listed (its document removed meanwhile) is simply not in the backup.
      const size = await stat(source).then((info) => info.size).catch(() => null);
      if (size === null) continue;
      const written = await writer.addFile(path, source, size);
      files.push({ path, ...written });
    }
    const present = new Set(files.map((entry) => entry.path.slice(FILES_PREFIX.length)));
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      app: appInfo(),
      durationMs: Date.now() - started,
      database: { kind: target.kind, serverVersion: snapshot.serverVersion, path: databasePath, ...database },
      schema: { latest: snapshot.migrations.at(-1)?.name ?? null, migrations: snapshot.migrations },
      tables: snapshot.tables,
      files,
      missingFiles: [...new Set(snapshot.storageKeys.filter((key) => !present.has(key)))].sort(),
    };
    await writer.addBuffer(MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await writer.finish();
    const pruned = options.keep === undefined ? [] : await pruneBackups(dir, options.keep);
    return { file, size: (await stat(file)).size, manifest, pruned };
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    await rm(dumpFile, { force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Deletes the oldest archives of `dir` (by their timestamped names) beyond the newest `keep`. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError("keep must be a positive integer");
  const names = (await readdir(dir)).filter((name) => ARCHIVE_NAME.test(name)).sort().reverse();
  const old = names.slice(keep);
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}
