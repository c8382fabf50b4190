// Bulk inserts for the demo seed: one statement per table, every row of it sent as ONE JSON text
// parameter and unpacked by PostgreSQL (json_to_recordset / json_populate_recordset). Prisma's
// createMany compiles a query plan and binds every value separately (about 2 ms per member row on
// this machine), and `unnest` of one array per column still has every element escaped one by one
// by the driver; JSON.stringify is native and PostgreSQL parses the text in one pass.
import type { Tx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";

export type Column<T> = readonly [keyof T & string, string];

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** JSON text of the rows' values for `names`, a missing value sent as null. Dates become ISO strings. */
function rowsJson(names: readonly string[], rows: readonly object[]): string {
  // A plain loop: the same JSON in about two thirds of the time Object.fromEntries over pairs took.
  const out = new Array<Record<string, unknown>>(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    for (const name of names) values[name] = row[name] ?? null;
    out[i] = values;
  }
  return JSON.stringify(out);
}

/**
 * INSERT … SELECT with the columns' SQL types given (as the `unnest` version took them): each value
 * is read as text and cast, so a `jsonb` column takes the JSON text the caller already serialised.
 */
export async function bulkInsert<T extends object>(tx: Tx, table: string, columns: readonly Column<T>[], rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name);
  const list = Prisma.raw(names.map(quote).join(", "));
  const casts = Prisma.raw(columns.map(([name, type]) => `x.${quote(name)}::${type}`).join(", "));
  const record = Prisma.raw(names.map((name) => `${quote(name)} text`).join(", "));
  await tx.$executeRaw(
    Prisma.sql`INSERT INTO ${Prisma.raw(quote(table))} (${list}) SELECT ${casts} FROM json_to_recordset(${rowsJson(names, rows)}::json) AS x(${record})`,
  );
}

/**
 * What `tx.<model>.createMany({ data: rows })` writes, in one statement: the columns are the rows'
 * own keys (every row must have the same ones, none undefined), typed by the table itself; a column no row names
 * keeps its database default. `updatedAt` is for models whose column is Prisma's @updatedAt (set by
 * the client, not the database).
 */
export async function insertRows(tx: Tx, table: string, rows: readonly object[], options: { updatedAt?: Date } = {}): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]!);
  const known = new Set(names);
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== names.length || keys.some((key) => !known.has(key) || (row as Record<string, unknown>)[key] === undefined)) {
      throw new Error(`insertRows ${table}: rows with different columns (${names.join(", ")} / ${keys.join(", ")})`);
    }
  }
  const stamp = options.updatedAt;
  const all = stamp && !names.includes("updatedAt") ? [...names, "updatedAt"] : names;
  const data = stamp ? rows.map((row) => ({ updatedAt: stamp, ...row })) : rows;
  const list = Prisma.raw(all.map(quote).join(", "));
  await tx.$executeRaw(
    Prisma.sql`INSERT INTO ${Prisma.raw(quote(table))} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${Prisma.raw(quote(table))}, ${rowsJson(all, data)}::json)`,
  );
}
