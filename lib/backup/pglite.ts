// Backup and restore of the embedded database with PGlite's own dump: a gzip'd tar of its data
// directory, taken between two queries (PGlite runs one at a time), so it holds every committed
// transaction and none half. While it is copied, queries wait (a few seconds for the demo).
// To describe the dump exactly, the backup opens the copy in a scratch PGlite and reads it there;
// that also proves the copy opens. A restore builds the new data directory beside the target,
// checks it against the manifest (and migrates it if asked), and only then moves it into place.
import { rm, writeFile, readFile, rename, rmdir } from "node:fs/promises";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { BackupError } from "@/lib/backup/errors";
import type { TableStats } from "@/lib/backup/manifest";
import { describeSnapshot, type DatabaseSnapshot } from "@/lib/backup/postgres";
import { compareTableStats, tableStats } from "@/lib/backup/table-stats";
import { EMBEDDED_EXTENSIONS, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

/** Writes the dump to `file` and describes what it holds. `scratch` is a directory it may use and removes. */
export async function dumpPglite(dump: () => Promise<Buffer>, file: string, scratch: string): Promise<DatabaseSnapshot> {
  const bytes = await dump();
  // Compressed here, after the database was released (the copy itself is taken uncompressed).
  await writeFile(file, await promisify(gzip)(bytes), { mode: 0o600 });
  const copy = await PGlite.create({ dataDir: scratch, loadDataDir: new Blob([new Uint8Array(bytes)]), extensions: EMBEDDED_EXTENSIONS });
  try {
    await copy.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    const snapshot = await describeSnapshot(copy);
    await copy.query("COMMIT");
    return snapshot;
  } finally {
    await copy.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Builds `staging` from the dump, checks it, migrates it when `migrateTo` is set, and renames it to
 * `dataDir` (which must be missing or empty). Returns the migrations applied.
 */
export async function restorePglite(
  dumpFile: string,
  staging: string,
  dataDir: string,
  expected: TableStats[],
  options: { migrate: boolean; migrationsDir?: string; log?: (line: string) => void },
): Promise<string[]> {
  await rm(staging, { recursive: true, force: true });
  const bytes = await readFile(dumpFile);
  let applied: string[] = [];
  try {
    const embedded = await startEmbeddedPostgres({ dataDir: staging, loadDataDir: new Blob([new Uint8Array(bytes)]), maxConnections: 2 });
    try {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: embedded.url });
      await client.connect();
      try {
        await client.query("BEGIN");
        const actual = await tableStats(client);
        await client.query("COMMIT");
        const problems = compareTableStats(expected, actual);
        if (problems.length > 0) throw new BackupError("verifyFailed", { detail: problems.join("; ") });
      } finally {
        await client.end();
      }
      if (options.migrate) applied = (await migrate(embedded.url, { log: options.log, migrationsDir: options.migrationsDir })).applied;
    } finally {
      await embedded.stop();
    }
    await rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    await rename(staging, dataDir);
    return applied;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
