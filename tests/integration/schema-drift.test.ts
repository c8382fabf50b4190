// schema.prisma and the hand-written migrations must describe the same database. Prisma's diff
// engine is not available here, so this compares the Prisma data model (DMMF) with the catalog of
// the database the runner migrated. Objects Prisma cannot express (checks, RLS, non-unique or
// partial indexes, functions, `_prisma_migrations`) may exist only in the database.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import internals from "@prisma/internals";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { databaseUrl } from "@/lib/env";

// CommonJS package: named imports are not reliably detected under Node's ESM loader.
const { getDMMF } = internals;
type Datamodel = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

// ---- What schema.prisma says ------------------------------------------------------------------

/** Default PostgreSQL column type Prisma uses for each scalar without a native type attribute. */
const DEFAULT_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

/** Native type attribute → format_type() spelling. Unknown ones fail the test so it is extended, not bypassed. */
function nativeType(name: string, args: readonly string[]): string {
  const precision = args.length ? `(${args.join(",")})` : "";
  switch (name) {
    case "Uuid":
      return "uuid";
    case "Text":
      return "text";
    case "Date":
      return "date";
    case "Timestamptz":
      return `timestamp${precision} with time zone`;
    case "Timestamp":
      return `timestamp${precision} without time zone`;
    case "VarChar":
      return `character varying${precision}`;
    case "Char":
      return `character${precision}`;
    case "Integer":
      return "integer";
    case "SmallInt":
      return "smallint";
    case "BigInt":
      return "bigint";
    case "Decimal":
      return `numeric${precision}`;
    case "JsonB":
      return "jsonb";
    case "Json":
      return "json";
    default:
      throw new Error(`schema-drift test: no mapping for @db.${name}; add one`);
  }
}

const tableOf = (model: Model) => model.dbName ?? model.name;
const columnOf = (field: Field) => field.dbName ?? field.name;

function expectedType(field: Field, enumDbNames: Map<string, string>): string {
  let type: string;
  if (field.kind === "enum") type = `enum ${enumDbNames.get(field.type) ?? field.type}`;
  else if (field.nativeType) type = nativeType(field.nativeType[0], field.nativeType[1]);
  else {
    const mapped = DEFAULT_TYPES[field.type];
    if (!mapped) throw new Error(`schema-drift test: no mapping for scalar ${field.type}; add one`);
    type = mapped;
  }
  return field.isList ? `${type}[]` : type;
}

function columnsOf(model: Model, fieldNames: readonly string[]): string[] {
  return fieldNames.map((name) => {
    const field = model.fields.find((f) => f.name === name);
    return field ? columnOf(field) : `?${name}`;
  });
}

// ---- What the database has --------------------------------------------------------------------

interface DbColumn {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
}

interface DbConstraint {
  table: string;
  columns: string[];
  refTable: string | null;
  refColumns: string[] | null;
  onDelete: string | null;
  onUpdate: string | null;
}

// pg_constraint confdeltype/confupdtype codes → Prisma referential action names.
const ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

async function readCatalog(client: pg.Client) {
  const tables = await client.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
  );
  const columns = await client.query<DbColumn>(
    `SELECT c.relname AS table, a.attname AS column, a.attnotnull AS "notNull",
            CASE WHEN t.typtype = 'e' THEN 'enum ' || t.typname
                 WHEN et.typtype = 'e' THEN 'enum ' || et.typname || '[]'
                 ELSE format_type(a.atttypid, a.atttypmod) END AS type
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
       AND c.relname <> '_prisma_migrations'`,
  );
  const constraintQuery = (kind: "p" | "f") =>
    client.query<DbConstraint>(
      `SELECT c.relname AS table,
              ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS columns,
              rc.relname AS "refTable",
              CASE WHEN k.contype = 'f' THEN
                ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[]
              END AS "refColumns",
              CASE WHEN k.contype = 'f' THEN k.confdeltype::text END AS "onDelete",
              CASE WHEN k.contype = 'f' THEN k.confupdtype::text END AS "onUpdate"
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class rc ON rc.oid = k.confrelid
       WHERE n.nspname = current_schema() AND k.contype = $1 AND c.relname <> '_prisma_migrations'`,
      [kind],
    );
  const primaryKeys = await constraintQuery("p");
  const foreignKeys = await constraintQuery("f");
  // Plain-column unique indexes only: partial and expression indexes cannot be written in schema.prisma.
  const uniques = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table,
            ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS u(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS columns
     FROM pg_index i
     JOIN pg_class c ON c.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND i.indisunique AND NOT i.indisprimary
       AND i.indpred IS NULL AND i.indexprs IS NULL AND c.relname <> '_prisma_migrations'`,
  );
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() GROUP BY t.typname`,
  );
  return {
    tables: tables.rows.map((r) => r.table),
    columns: columns.rows,
    primaryKeys: primaryKeys.rows,
    foreignKeys: foreignKeys.rows.map((fk) => ({
      ...fk,
      onDelete: ACTIONS[fk.onDelete ?? ""] ?? fk.onDelete,
      onUpdate: ACTIONS[fk.onUpdate ?? ""] ?? fk.onUpdate,
    })),
    uniques: uniques.rows,
    enums: enums.rows,
  };
}

// ---- Comparison -------------------------------------------------------------------------------

/** Lines present on one side only, phrased so a failing run says what to fix. */
function difference(expected: string[], actual: string[]): string[] {
  const inDb = new Set(actual);
  const inSchema = new Set(expected);
  return [
    ...expected.filter((line) => !inDb.has(line)).map((line) => `only in schema.prisma:  ${line}`),
    ...actual.filter((line) => !inSchema.has(line)).map((line) => `only in the database:   ${line}`),
  ].sort();
}

const list = (columns: readonly string[]) => `(${columns.join(", ")})`;

describe("schema.prisma matches the migrated database", () => {
  let datamodel: Datamodel;
  let catalog: Awaited<ReturnType<typeof readCatalog>>;
  const client = new pg.Client({ connectionString: databaseUrl() }); // this file's copy of the run's database

  beforeAll(async () => {
    const source = await readFile(join(process.cwd(), "prisma", "schema.prisma"), "utf8");
    datamodel = (await getDMMF({ datamodel: source })).datamodel;
    await client.connect();
    catalog = await readCatalog(client);
  });

  afterAll(async () => {
    await client.end();
  });

  test("every model is a table and every table a model", () => {
    expect(datamodel.models.length).toBeGreaterThan(0);
    const issues = difference(datamodel.models.map(tableOf), catalog.tables);
    expect(issues, issues.join("\n")).toEqual([]);
  });

  test("every enum has the same values in the same order", () => {
    const expected = datamodel.enums.map((e) => `${e.dbName ?? e.name} = ${e.values.map((v) => v.dbName ?? v.name).join(" | ")}`);
    const actual = catalog.enums.map((e) => `${e.name} = ${e.values.join(" | ")}`);
    const issues = difference(expected, actual);
    expect(issues, issues.join("\n")).toEqual([]);
  });

  test("every field is a column with the same type and nullability", () => {
    const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
    const expected = datamodel.models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind === "scalar" || field.kind === "enum")
        .map(
          (field) =>
            `${tableOf(model)}.${columnOf(field)} ${expectedType(field, enumDbNames)} ${field.isRequired ? "NOT NULL" : "NULL"}`,
        ),
    );
    const actual = catalog.columns.map((c) => `${c.table}.${c.column} ${c.type} ${c.notNull ? "NOT NULL" : "NULL"}`);
    expect(expected.length).toBeGreaterThan(datamodel.models.length);
    const issues = difference(expected, actual);
    expect(issues, issues.join("\n")).toEqual([]);
  });

  test("every primary key has the same columns in the same order", () => {
    const expected = datamodel.models.map((model) => {
      const fields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
      return `${tableOf(model)} PRIMARY KEY ${list(columnsOf(model, fields))}`;
    });
    const actual = catalog.primaryKeys.map((pk) => `${pk.table} PRIMARY KEY ${list(pk.columns)}`);
    const issues = difference(expected, actual);
    expect(issues, issues.join("\n")).toEqual([]);
  });

  test("every @unique / @@unique is a unique index, and there are no others", () => {
    const expected = datamodel.models.flatMap((model) => [
      ...model.fields.filter((f) => f.isUnique).map((f) => `${tableOf(model)} UNIQUE ${list([columnOf(f)])}`),
      ...model.uniqueIndexes.map((u) => `${tableOf(model)} UNIQUE ${list(columnsOf(model, u.fields))}`),
    ]);
    const actual = catalog.uniques.map((u) => `${u.table} UNIQUE ${list(u.columns)}`);
    const issues = difference(expected, actual);
    expect(issues, issues.join("\n")).toEqual([]);
  });

  test("every relation is a foreign key with the same columns, target and actions", () => {
    const byName = new Map(datamodel.models.map((m) => [m.name, m]));
    const expected = datamodel.models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
        .map((f) => {
          const target = byName.get(f.type);
          if (!target) throw new Error(`relation ${model.name}.${f.name} points to unknown model ${f.type}`);
          // Prisma's defaults: Restrict for a required relation, SetNull for an optional one; Cascade on update.
          const onDelete = f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull");
          const onUpdate = f.relationOnUpdate ?? "Cascade";
          return `${tableOf(model)} ${list(columnsOf(model, f.relationFromFields ?? []))} -> ${tableOf(target)} ${list(
            columnsOf(target, f.relationToFields ?? []),
          )} ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
        }),
    );
    const actual = catalog.foreignKeys.map(
      (fk) =>
        `${fk.table} ${list(fk.columns)} -> ${fk.refTable} ${list(fk.refColumns ?? [])} ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const issues = difference(expected, actual);
    expect(issues, issues.join("\n")).toEqual([]);
  });
});
