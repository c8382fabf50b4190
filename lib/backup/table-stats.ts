// Row counts and row checksums of every table, the fingerprint a backup records and a restore (and
// the restore drill) compares. The checksum is the sum of the first 64 bits of md5(row::text) over
// the table's rows: independent of row order, computed by the database in one streaming pass (no
// big aggregate string), and changed by any change to any column of any row. The session settings
// that shape a row's text are fixed first, so two databases with the same rows agree.
import { fill } from "@/lib/i18n/fill";
import backupWords from "@/lib/i18n/messages/vi/backup.json";

const words = backupWords.verify;

export interface SqlRunner {
  query<T>(sql: string): Promise<{ rows: T[] }>;
}

/**
 * Settings that decide how values print inside row::text, transaction-local: the embedded
 * database serves every connection from one session, so a session-wide SET would reach the app.
 */
export const STATS_SETTINGS_LOCAL = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL extra_float_digits = 3",
  "SET LOCAL bytea_output = 'hex'",
];

/** One table's count and checksum, as a SQL expression over alias `t` (shared with the restore check). */
export const ROW_STATS_SELECT = `count(*)::bigint AS rows, coalesce(sum(('x' || substr(md5(t::text), 1, 16))::bit(64)::bigint), 0)::text AS checksum`;

export const LIST_TABLES = `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname COLLATE "C"`;

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface TableStatsRow {
  name: string;
  rows: number;
  checksum: string;
}

/**
 * Every table of schema public, in name order. Must run inside a transaction (the snapshot being
 * described); it reads as the session's login role, whatever role the session was switched to.
 */
export async function tableStats(runner: SqlRunner): Promise<TableStatsRow[]> {
  for (const statement of ["SET LOCAL ROLE NONE", ...STATS_SETTINGS_LOCAL]) await runner.query(statement);
  const tables = await runner.query<{ name: string }>(LIST_TABLES);
  const stats: TableStatsRow[] = [];
  for (const { name } of tables.rows) {
    const result = await runner.query<{ rows: string | number; checksum: string }>(
      `SELECT ${ROW_STATS_SELECT} FROM public.${quoteIdent(name)} t`,
    );
    const row = result.rows[0];
    stats.push({ name, rows: Number(row?.rows ?? 0), checksum: String(row?.checksum ?? "0") });
  }
  return stats;
}

/** Differences between two fingerprints, one line per table, empty when they agree. */
export function compareTableStats(expected: TableStatsRow[], actual: TableStatsRow[]): string[] {
  const problems: string[] = [];
  const byName = new Map(actual.map((table) => [table.name, table]));
  for (const table of expected) {
    const found = byName.get(table.name);
    if (!found) problems.push(fill(words.tableMissing, { name: table.name }));
    else if (found.rows !== table.rows) problems.push(fill(words.rowCount, { name: table.name, rows: found.rows, expected: table.rows }));
    else if (found.checksum !== table.checksum) problems.push(fill(words.contentDiffersRows, { name: table.name, rows: found.rows }));
    byName.delete(table.name);
  }
  for (const name of byName.keys()) problems.push(fill(words.extraTable, { name }));
  return problems;
}
