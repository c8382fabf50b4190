// Our migration runner. Prisma's schema engine cannot be installed on our machines, so this applies
// prisma/migrations/<name>/migration.sql itself and keeps the books exactly as Prisma Migrate does
// (same `_prisma_migrations` table, sha256 checksums, advisory lock), so that `prisma migrate
// deploy/status` see the same history wherever the engine exists.
// It connects as the owner (no SET ROLE) with plain `pg` and only simple SQL, so it also works
// against PGlite served over the wire protocol.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";

/** Prisma Migrate's lock id: two runners (ours or Prisma's) never migrate at the same time. */
export const MIGRATION_LOCK_ID = 72707369;

export const MIGRATIONS_TABLE = "_prisma_migrations";

// Prisma's own DDL, column for column.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface LocalMigration {
  name: string;
  /** sha256 hex of the file's bytes, as Prisma computes it. */
  checksum: string;
  sql: string;
}

export interface MigrationStatus {
  /** Applied and unchanged, in order. */
  applied: string[];
  /** Present locally, not yet applied. */
  pending: string[];
  /** Applied, but the local file no longer has the recorded checksum. */
  changed: string[];
  /** Applied, but the folder is gone locally. */
  missing: string[];
  /** Started and never finished (nor rolled back): needs a person. */
  failed: string[];
}

export interface MigrateOptions {
  migrationsDir?: string;
  log?: (line: string) => void;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function defaultMigrationsDir(): string {
  return join(process.cwd(), "prisma", "migrations");
}

export function checksumOf(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Every `<name>/migration.sql` under the directory, in lexical order (Prisma's order). */
export async function readMigrations(dir: string = defaultMigrationsDir()): Promise<LocalMigration[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const migrations: LocalMigration[] = [];
  for (const name of names) {
    const file = join(dir, name, "migration.sql");
    if (!existsSync(file)) throw new MigrationError(`Migration folder "${name}" has no migration.sql`);
    const bytes = await readFile(/*turbopackIgnore: true*/ file);
    migrations.push({ name, checksum: checksumOf(bytes), sql: bytes.toString("utf8") });
  }
  return migrations;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function readApplied(client: pg.Client): Promise<AppliedRow[] | null> {
  const exists = await client.query<{ present: boolean }>(
    `SELECT to_regclass('"${MIGRATIONS_TABLE}"') IS NOT NULL AS present`,
  );
  if (!exists.rows[0]?.present) return null;
  const result = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "${MIGRATIONS_TABLE}" ORDER BY started_at, migration_name`,
  );
  return result.rows;
}

/**
 * Compares a recorded history (e.g. the one in a backup's manifest: name and checksum of each
 * finished migration) with the local folders, as the runner would.
 */
export function compareHistory(local: LocalMigration[], applied: { name: string; checksum: string }[]): MigrationStatus {
  const now = new Date();
  return compare(
    local,
    applied.map((row) => ({ migration_name: row.name, checksum: row.checksum, finished_at: now, rolled_back_at: null })),
  );
}

/** The finished, not rolled-back migrations recorded in a database, in order (empty when none). */
export async function appliedMigrations(client: Pick<pg.Client, "query">): Promise<{ name: string; checksum: string }[]> {
  const rows = await readApplied(client as pg.Client);
  return (rows ?? [])
    .filter((row) => row.finished_at !== null && row.rolled_back_at === null)
    .map((row) => ({ name: row.migration_name, checksum: row.checksum }));
}

function compare(local: LocalMigration[], rows: AppliedRow[] | null): MigrationStatus {
  const status: MigrationStatus = { applied: [], pending: [], changed: [], missing: [], failed: [] };
  // A rolled-back record no longer counts (Prisma re-applies that migration).
  const live = (rows ?? []).filter((row) => row.rolled_back_at === null);
  const finished = new Map<string, AppliedRow>();
  for (const row of live) {
    if (row.finished_at === null) status.failed.push(row.migration_name);
    else finished.set(row.migration_name, row);
  }
  const localNames = new Set(local.map((migration) => migration.name));
  for (const migration of local) {
    const row = finished.get(migration.name);
    if (!row) {
      if (!status.failed.includes(migration.name)) status.pending.push(migration.name);
    } else if (row.checksum !== migration.checksum) {
      status.changed.push(migration.name);
    } else {
      status.applied.push(migration.name);
    }
  }
  for (const name of finished.keys()) if (!localNames.has(name)) status.missing.push(name);
  return status;
}

/** Why the history cannot be migrated forward, or null when it can. */
function refusal(status: MigrationStatus): string | null {
  const problems: string[] = [];
  for (const name of status.failed) {
    problems.push(`migration "${name}" started but never finished; fix the database by hand, then mark it rolled back`);
  }
  for (const name of status.changed) {
    problems.push(`migration "${name}" was modified after it was applied; restore the file and add a new migration instead`);
  }
  for (const name of status.missing) {
    problems.push(`migration "${name}" is recorded as applied but its folder is missing locally`);
  }
  return problems.length ? `Refusing to migrate, nothing was applied:\n  - ${problems.join("\n  - ")}` : null;
}

/**
 * Work as the login role (the owner) for this transaction only. On a server each connection is its
 * own session and this changes nothing; the embedded database serves all connections from ONE
 * session, where the running app has switched the role to sosh_app and must keep it.
 */
const AS_LOGIN_ROLE = "SET LOCAL ROLE NONE";

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export async function migrationStatus(
  url: string,
  options: { migrationsDir?: string; migrations?: LocalMigration[] } = {},
): Promise<MigrationStatus> {
  const local = options.migrations ?? (await readMigrations(options.migrationsDir));
  const client = await connect(url);
  try {
    await client.query("BEGIN");
    await client.query(AS_LOGIN_ROLE);
    const status = compare(local, await readApplied(client));
    await client.query("COMMIT");
    return status;
  } finally {
    await client.end();
  }
}

/** Applies every pending migration, each in its own transaction together with its history row. */
export async function migrate(url: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const local = await readMigrations(options.migrationsDir);
  const client = await connect(url);
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`);
    try {
      await client.query("BEGIN");
      await client.query(AS_LOGIN_ROLE);
      await client.query(CREATE_MIGRATIONS_TABLE);
      // Read the history only once we hold the lock, so a concurrent runner's work is seen.
      const status = compare(local, await readApplied(client));
      await client.query("COMMIT");
      const problem = refusal(status);
      if (problem) throw new MigrationError(problem);

      const applied: string[] = [];
      for (const migration of local) {
        if (!status.pending.includes(migration.name)) continue;
        log(`Applying ${migration.name}`);
        const startedAt = new Date();
        await client.query("BEGIN");
        try {
          await client.query(AS_LOGIN_ROLE);
          // No parameters: the simple-query protocol accepts a whole multi-statement script.
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "${MIGRATIONS_TABLE}" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          const reason = error instanceof Error ? error.message : String(error);
          throw new MigrationError(`Migration "${migration.name}" failed and was rolled back: ${reason}`);
        }
        applied.push(migration.name);
      }
      return { applied };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
