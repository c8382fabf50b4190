// Backup and restore of a PostgreSQL server database with PostgreSQL's own tools.
// Backup: one REPEATABLE READ transaction exports its snapshot; pg_dump (custom format) dumps that
// very snapshot while the same transaction counts and checksums every table, so the manifest
// describes exactly what the dump holds. Plain reads take no lock that writers wait for: attendance
// taps go on during a backup, and each is in it entirely or not at all.
// Restore: pg_restore's script is piped into psql in ONE transaction, followed by a check that
// every table's count and checksum equal the manifest's; any error or difference rolls it all back.
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { BackupError, backupMessages } from "@/lib/backup/errors";
import { fill } from "@/lib/i18n/fill";
import type { TableStats } from "@/lib/backup/manifest";
import { LIST_TABLES, ROW_STATS_SELECT, STATS_SETTINGS_LOCAL, tableStats, type TableStatsRow } from "@/lib/backup/table-stats";
import { appliedMigrations } from "@/lib/db/migrate";

/** Connection settings for the tools: the password travels in the environment, never on the command line. */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: "sosh-backup" };
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = "";
  }
  return { dbname: parsed.toString(), env };
}

interface ToolRun {
  child: ChildProcess;
  done: Promise<void>;
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv, stdio: ("pipe" | "ignore")[] = ["ignore", "ignore", "pipe"]): ToolRun {
  const child = spawn(tool, args, { env, stdio: stdio as ["pipe" | "ignore", "pipe" | "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "ENOENT" ? new BackupError("toolMissing", { tool }) : error);
    });
    child.once("close", (code, signal) => {
      if (code === 0) return resolve();
      const detail = stderr.trim().split("\n").slice(-6).join(" ").replace(/\s+/g, " ") || fill(backupMessages.details.exitCode, { code: String(code ?? signal) });
      if (/server version mismatch|unsupported version/i.test(stderr)) return reject(new BackupError("toolVersion", { tool, detail }));
      if (/No space left on device|disk full/i.test(stderr)) return reject(new BackupError("diskFull", { path: tool }));
      reject(new BackupError("toolFailed", { tool, detail }));
    });
  });
  return { child, done };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "sosh-backup" });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError("databaseUnavailable", { detail: error instanceof Error ? error.message : String(error) });
  }
  return client;
}

export interface DatabaseSnapshot {
  serverVersion: string;
  migrations: { name: string; checksum: string }[];
  tables: TableStatsRow[];
  /** Storage keys the snapshot's rows name (to notice files missing from STORAGE_DIR). */
  storageKeys: string[];
}

/** What the backup records about a database, read inside the caller's transaction (its snapshot). */
export async function describeSnapshot(runner: { query<T>(sql: string): Promise<{ rows: T[] }> }): Promise<DatabaseSnapshot> {
  // Fail rather than silently skip rows: an owner without BYPASSRLS would otherwise see no tenant data.
  await runner.query("SET LOCAL ROLE NONE"); // the login role, even in the embedded database's shared session
  await runner.query("SET LOCAL row_security = off");
  const version = await runner.query<{ server_version: string }>("SHOW server_version");
  const migrations = await appliedMigrations(runner as unknown as pg.Client);
  const tables = await tableStats(runner);
  const hasDocuments = tables.some((table) => table.name === "MeetingDocument");
  const keys = hasDocuments ? await runner.query<{ key: string }>(`SELECT "storageKey" AS key FROM public."MeetingDocument"`) : { rows: [] };
  return {
    serverVersion: version.rows[0]?.server_version ?? "",
    migrations,
    tables,
    storageKeys: keys.rows.map((row) => row.key),
  };
}

/** pg_dump of the database into `file` (custom format), and the snapshot's description. */
export async function dumpPostgres(url: string, file: string): Promise<DatabaseSnapshot> {
  const client = await connect(url);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
    const { dbname, env } = toolConnection(url);
    const dump = runTool("pg_dump", ["--format=custom", "--no-owner", `--snapshot=${rows[0]?.snapshot}`, `--file=${file}`, `--dbname=${dbname}`], env);
    // Both read the same snapshot; the transaction stays open until pg_dump is done with it.
    const [snapshot] = await Promise.all([describeSnapshot(client), dump.done]);
    await client.query("COMMIT");
    return snapshot;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The target's tables, to refuse a restore over existing data. */
export async function postgresTables(url: string): Promise<string[]> {
  const client = await connect(url);
  try {
    return (await client.query<{ name: string }>(LIST_TABLES)).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

// Roles are cluster-wide and not in a dump: the application role must exist before the grants to it
// are restored (the same statements as the first migration).
const ENSURE_APP_ROLE = `DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sosh_app') THEN
    CREATE ROLE sosh_app NOLOGIN;
  END IF;
END
$$;
GRANT sosh_app TO CURRENT_USER;`;

const verify = backupMessages.verify;

/**
 * A catalog sentence as the text of a PL/pgSQL format() call inside a quoted literal: each
 * "{name}" becomes %s, in the order they appear (the order of format()'s arguments below).
 */
function sqlFormat(template: string): string {
  return template.replace(/'/g, "''").replace(/%/g, "%%").replace(/\{\w+\}/g, "%s");
}

function verificationSql(expected: TableStats[]): string {
  const json = JSON.stringify(expected.map(({ name, rows, checksum }) => ({ name, rows, checksum })));
  return `
${STATS_SETTINGS_LOCAL.join(";\n")};
DO $verify$
DECLARE
  expected jsonb := $json$${json}$json$::jsonb;
  item jsonb;
  actual_rows bigint;
  actual_sum text;
  problems text := '';
  extra text;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(expected) LOOP
    IF to_regclass(format('public.%I', item->>'name')) IS NULL THEN
      problems := problems || format(' ${sqlFormat(verify.tableMissing)};', item->>'name');
      CONTINUE;
    END IF;
    EXECUTE format('SELECT ${ROW_STATS_SELECT.replace(/'/g, "''")} FROM public.%I t', item->>'name') INTO actual_rows, actual_sum;
    IF actual_rows <> (item->>'rows')::bigint THEN
      problems := problems || format(' ${sqlFormat(verify.rowCount)};', item->>'name', actual_rows, item->>'rows');
    ELSIF actual_sum <> item->>'checksum' THEN
      problems := problems || format(' ${sqlFormat(verify.contentDiffers)};', item->>'name');
    END IF;
  END LOOP;
  FOR extra IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND c.relname NOT IN (SELECT value->>'name' FROM jsonb_array_elements(expected)) LOOP
    problems := problems || format(' ${sqlFormat(verify.extraTable)};', extra);
  END LOOP;
  IF problems <> '' THEN
    RAISE EXCEPTION 'SOSH_VERIFY_FAILED:%', problems;
  END IF;
END
$verify$;
`;
}

/**
 * Restores a custom-format dump into the (empty) database at `url` in one transaction that also
 * checks every table against `expected`; on any failure nothing stays behind.
 */
export async function restorePostgres(url: string, dumpFile: string, expected: TableStats[]): Promise<void> {
  const client = await connect(url);
  try {
    await client.query(ENSURE_APP_ROLE);
  } catch (error) {
    throw new BackupError("roleMissing", { detail: error instanceof Error ? error.message : String(error) });
  } finally {
    await client.end().catch(() => undefined);
  }
  const { dbname, env } = toolConnection(url);
  const psql = runTool("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", "-", `--dbname=${dbname}`], env, ["pipe", "ignore", "pipe"]);
  const restore = runTool("pg_restore", ["--no-owner", "--file=-", dumpFile], env, ["ignore", "pipe", "pipe"]);
  const stdin = psql.child.stdin!;
  stdin.on("error", () => undefined); // psql gone: its exit code tells why
  restore.child.stdout!.pipe(stdin, { end: false });
  try {
    await restore.done;
  } catch (error) {
    // Kill psql before its input ends: a psql that saw the end of its input would commit what it got.
    psql.child.kill("SIGKILL");
    await psql.done.catch(() => undefined);
    throw error;
  }
  stdin.end(verificationSql(expected));
  try {
    await psql.done;
  } catch (error) {
    if (error instanceof BackupError && error.code === "toolFailed") {
      const detail = String(error.params.detail ?? "");
      const verify = /SOSH_VERIFY_FAILED:(.*?)(?:CONTEXT:|$)/.exec(detail);
      if (verify) throw new BackupError("verifyFailed", { detail: verify[1]!.trim() });
    }
    throw error;
  }
}
