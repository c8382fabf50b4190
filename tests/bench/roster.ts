// Benchmark of the roster import at tenant scale. Not part of `npm test`:
//
//   npm run bench:roster            (a table)      npm run bench:roster -- --json
//
// On a throw-away database (created and dropped on the server of TEST_DATABASE_ADMIN_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres) it builds a tenant of 12,000 branches, imports a
// generated 100,000-row CSV (dry run and apply timed separately, then the same file again: all
// unchanged), reads the same rows as XLSX, grows the tenant to 300,000 members with a direct bulk
// insert, and measures member search over 200 accent-free queries through listMembers — the
// service behind the /members list — as the tenant admin (application role, row-level security).
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { createTestDatabase, dropTestDatabase } from "@/tests/fixtures/database";

const GRASSROOTS = 40;
const BRANCHES_PER_GRASSROOTS = 300;
const IMPORT_ROWS = 100_000;
const TARGET_MEMBERS = 300_000;
const QUERIES = 200;

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Lương"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hoàng", "Thị Thu", "Văn Minh", "Thị Ngọc", "Xuân", "Hồng"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Lan", "Linh", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo", "Thủy", "Trang", "Tuấn", "Yến", "Hiếu", "Khánh", "Nga", "Oanh", "Tâm", "Vinh", "Hạnh", "Đạt", "Giang", "Huyền"];

/** mulberry32: a small seeded PRNG, so every run imports the same file. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

interface GeneratedRow {
  name: string;
  birth: string;
  gender: "Nam" | "Nữ";
  card: string;
  admitted: string;
  official: string;
  branchCode: string;
}

function generateRows(count: number): GeneratedRow[] {
  const next = random(20_261_121);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const rows: GeneratedRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const birthYear = 1950 + Math.floor(next() * 36);
    const admittedYear = birthYear + 20 + Math.floor(next() * 15);
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 12);
    rows.push({
      name: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
      birth: `${pad(1 + Math.floor(next() * 28))}/${pad(1 + Math.floor(next() * 12))}/${birthYear}`,
      gender: next() < 0.55 ? "Nam" : "Nữ",
      card: `9${pad(i + 1, 7)}`,
      admitted: `${pad(day)}/${pad(month)}/${admittedYear}`,
      // One in twenty is still probationary in the file (no official date, but a card: re-admitted members).
      official: i % 20 === 0 ? "" : `${pad(day)}/${pad(month)}/${admittedYear + 1}`,
      branchCode: `B${pad(1 + (i % (GRASSROOTS * BRANCHES_PER_GRASSROOTS)), 5)}`,
    });
  }
  return rows;
}

const HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số thẻ đảng viên", "Ngày vào Đảng", "Ngày chính thức", "Mã chi bộ"];

function csvOf(rows: readonly GeneratedRow[]): Uint8Array {
  const lines = [`\uFEFF${HEADER.join(",")}`];
  rows.forEach((row, i) => lines.push(`${i + 1},${row.name},${row.birth},${row.gender},Kinh,${row.card},${row.admitted},${row.official},${row.branchCode}`));
  return new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
}

async function xlsxOf(rows: readonly GeneratedRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("DS");
  sheet.addRow(HEADER);
  rows.forEach((row, i) => sheet.addRow([i + 1, row.name, row.birth, row.gender, "Kinh", row.card, row.admitted, row.official || null, row.branchCode]));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function searchQueries(count: number): string[] {
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}+/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const shapes: (() => string)[] = [
    () => `${pick(FAMILY)} ${pick(MIDDLE)}`, // "nguyen van"
    () => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN).slice(0, 1)}`, // "tran thi h"
    () => `${pick(MIDDLE)} ${pick(GIVEN)}`, // "thi lan"
    () => pick(GIVEN), // "huong"
    () => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`, // a whole name
    () => pick(GIVEN).slice(0, 3), // "thu" (3 letters, the short end)
  ];
  return Array.from({ length: count }, (_, i) => fold(shapes[i % shapes.length]!()));
}

interface Result {
  step: string;
  seconds: number;
  detail: string;
}

async function main() {
  const json = process.argv.includes("--json");
  const log = (line: string) => {
    if (!json) console.log(line);
  };
  const database = await createTestDatabase("sosh_bench_roster");
  // The application modules read DATABASE_URL once, when first loaded: set it, then import them.
  process.env.DATABASE_URL = database.url;
  process.env.DB_POOL_MAX = "4";
  const results: Result[] = [];
  const timed = async <T>(step: string, work: () => Promise<T>, detail: (value: T) => string): Promise<T> => {
    const started = performance.now();
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    results.push({ step, seconds, detail: detail(value) });
    log(`  ${step}: ${seconds.toFixed(1)} s (${detail(value)})`);
    return value;
  };

  try {
    const { migrate } = await import("@/lib/db/migrate");
    const { createDb, db } = await import("@/lib/db/client");
    const { applyImport, dryRunImport } = await import("@/lib/org/roster-import");
    const { listMembers } = await import("@/lib/org/members");
    await migrate(database.url);
    const owner = createDb(database.url, { asOwner: true, max: 2 });

    const tenantId = randomUUID();
    const rootId = randomUUID();
    const userId = randomUUID();
    const rootPath = `/${rootId}/`;
    await timed(
      "build tenant (12,000 branches)",
      async () => {
        await owner.$transaction(
          async (tx) => {
            await tx.$executeRaw`INSERT INTO "Tenant" ("id", "code", "name") VALUES (${tenantId}::uuid, ${`bench-${tenantId.slice(0, 8)}`}, 'Đảng bộ tỉnh (bench)')`;
            await tx.$executeRaw`INSERT INTO "OrgUnit" ("tenantId", "id", "kind", "name", "code", "path", "depth", "activeFrom", "updatedAt")
              VALUES (${tenantId}::uuid, ${rootId}::uuid, 'BLOC_COMMITTEE', 'Đảng bộ tỉnh', 'ROOT', ${rootPath}, 0, '2000-01-01', now())`;
            await tx.$executeRaw`INSERT INTO "OrgUnit" ("tenantId", "id", "parentId", "kind", "name", "code", "path", "depth", "activeFrom", "updatedAt")
              SELECT ${tenantId}::uuid, g.id, ${rootId}::uuid, 'GRASSROOTS_COMMITTEE', 'Đảng bộ cơ sở ' || g.n, 'G' || lpad(g.n::text, 3, '0'),
                     ${rootPath} || g.id || '/', 1, '2000-01-01', now()
              FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${GRASSROOTS}::int) n) g`;
            await tx.$executeRaw`INSERT INTO "OrgUnit" ("tenantId", "id", "parentId", "kind", "name", "code", "path", "depth", "activeFrom", "updatedAt")
              SELECT ${tenantId}::uuid, b.id, g."id", 'BRANCH', 'Chi bộ số ' || b.n, 'B' || lpad(b.n::text, 5, '0'), g."path" || b.id || '/', 2, '2000-01-01', now()
              FROM (SELECT "id", "path", row_number() OVER (ORDER BY "code") AS g FROM "OrgUnit" WHERE "tenantId" = ${tenantId}::uuid AND "depth" = 1) g
              CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, (g.g - 1) * ${BRANCHES_PER_GRASSROOTS}::int + k AS n
                                  FROM generate_series(1, ${BRANCHES_PER_GRASSROOTS}::int) k) b`;
            await tx.$executeRaw`INSERT INTO "User" ("tenantId", "id", "username", "passwordHash", "displayName", "updatedAt")
              VALUES (${tenantId}::uuid, ${userId}::uuid, ${`bench-${tenantId.slice(0, 8)}`}, 'x', 'Quản trị (bench)', now())`;
            await tx.$executeRaw`INSERT INTO "RoleGrant" ("tenantId", "id", "userId", "role", "orgUnitId")
              VALUES (${tenantId}::uuid, gen_random_uuid(), ${userId}::uuid, 'TENANT_ADMIN', ${rootId}::uuid)`;
          },
          { timeout: 120_000 },
        );
      },
      () => `${GRASSROOTS} đảng bộ cơ sở × ${BRANCHES_PER_GRASSROOTS} chi bộ`,
    );
    const admin = { id: userId, tenantId, grants: [{ role: "TENANT_ADMIN" as const, orgUnitId: rootId, path: rootPath }] };

    const rows = generateRows(IMPORT_ROWS);
    const csv = csvOf(rows);
    log(`  generated ${IMPORT_ROWS.toLocaleString("en")} rows: CSV ${(csv.length / 1024 / 1024).toFixed(2)} MB`);

    const dry = await timed(
      "dry run, 100,000 new rows (CSV)",
      () => dryRunImport(admin, { fileName: "bench.csv", bytes: csv }),
      (r) => `${r.createCount} create, ${r.errorCount} errors`,
    );
    if (dry.errorCount > 0) throw new Error(`bench file has errors: ${JSON.stringify(dry.report.issues.slice(0, 3))}`);
    await timed(
      "apply, 100,000 creates",
      () => applyImport(admin, dry.id),
      (r) => `${r.created} created`,
    );
    const again = await timed(
      "dry run of the same file (all unchanged)",
      () => dryRunImport(admin, { fileName: "bench-again.csv", bytes: csv }),
      (r) => `${r.unchangedCount} unchanged, ${r.createCount + r.updateCount} changes`,
    );
    if (again.unchangedCount !== IMPORT_ROWS) throw new Error("re-import is not all unchanged");

    const xlsx = await xlsxOf(rows);
    log(`  same rows as XLSX: ${(xlsx.length / 1024 / 1024).toFixed(2)} MB`);
    await timed(
      "dry run of the XLSX (all unchanged)",
      () => dryRunImport(admin, { fileName: "bench.xlsx", bytes: xlsx }),
      (r) => `${r.unchangedCount} unchanged, ${r.createCount + r.updateCount} changes, ${r.errorCount} errors`,
    );

    // Changes to 10,000 members: a phone for each, and every tenth moves branch.
    const changed = rows.slice(0, 10_000).map((row, i) => ({ ...row, branchCode: i % 10 === 0 ? `B${pad(12_000 - i / 10, 5)}` : row.branchCode }));
    const header = [...HEADER, "Điện thoại"];
    const changedCsv = new TextEncoder().encode(
      `\uFEFF${header.join(",")}\r\n${changed.map((row, i) => `${i + 1},${row.name},${row.birth},${row.gender},Kinh,${row.card},${row.admitted},${row.official},${row.branchCode},09${pad(i, 8)}`).join("\r\n")}\r\n`,
    );
    const update = await timed(
      "dry run, 10,000 updates (1,000 transfers)",
      () => dryRunImport(admin, { fileName: "bench-update.csv", bytes: changedCsv }),
      (r) => `${r.updateCount} update, ${r.errorCount} errors`,
    );
    await timed(
      "apply, 10,000 updates",
      () => applyImport(admin, update.id),
      (r) => `${r.updated} updated, ${r.transferred} transferred`,
    );

    await timed(
      "grow to 300,000 members (bulk insert)",
      async () => {
        const extra = TARGET_MEMBERS - IMPORT_ROWS;
        const arr = (list: string[]) => `ARRAY[${list.map((v) => `'${v}'`).join(",")}]`;
        await owner.$executeRawUnsafe(`
          INSERT INTO "Member" ("tenantId", "id", "branchId", "fullName", "gender", "birthDate", "admittedOn", "officialOn", "status", "updatedAt")
          SELECT '${tenantId}', gen_random_uuid(), b."id",
            (${arr(FAMILY)})[1 + (i * 7 + b.n) % ${FAMILY.length}] || ' ' || (${arr(MIDDLE)})[1 + (i * 3 + b.n) % ${MIDDLE.length}] || ' ' ||
            (${arr(GIVEN)})[1 + (i * 11 + b.n * 5) % ${GIVEN.length}],
            CASE WHEN i % 2 = 0 THEN 'MALE'::"Gender" ELSE 'FEMALE'::"Gender" END,
            DATE '1960-01-01' + (i * 97 % 12000), DATE '1990-01-01' + (i * 37 % 12000), DATE '1991-01-01' + (i * 37 % 12000),
            'OFFICIAL'::"MemberStatus", now()
          FROM (SELECT "id", row_number() OVER () AS n FROM "OrgUnit" WHERE "tenantId" = '${tenantId}' AND "kind" = 'BRANCH') b
          CROSS JOIN generate_series(1, ${Math.ceil(extra / (GRASSROOTS * BRANCHES_PER_GRASSROOTS))}) i
          LIMIT ${extra}`);
        await owner.$executeRawUnsafe(`ANALYZE "Member"`);
        await owner.$executeRawUnsafe(`ANALYZE "MemberNameToken"`);
        await owner.$executeRawUnsafe(`ANALYZE "OrgUnit"`);
        return owner.member.count({ where: { tenantId } });
      },
      (n) => `${n.toLocaleString("en")} members`,
    );

    const queries = searchQueries(QUERIES);
    await listMembers(admin, { q: queries[0] }); // warm-up (connections, plans)
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const started = performance.now();
      const page = await listMembers(admin, { q });
      times.push(performance.now() - started);
      hits += page.items.length;
    }
    times.sort((a, b) => a - b);
    const search = {
      queries: QUERIES,
      p50ms: Math.round(percentile(times, 50)),
      p95ms: Math.round(percentile(times, 95)),
      maxms: Math.round(times.at(-1)!),
      avgHits: Math.round(hits / QUERIES),
    };
    await owner.$disconnect();
    await db().$disconnect();

    const importTotal = results.filter((r) => r.step.startsWith("dry run, 100,000") || r.step.startsWith("apply, 100,000")).reduce((s, r) => s + r.seconds, 0);
    if (json) {
      console.log(JSON.stringify({ steps: results, import100kSeconds: Number(importTotal.toFixed(1)), search }, null, 2));
    } else {
      console.log("\nRoster benchmark");
      console.log("| step | seconds | result |\n|---|---:|---|");
      for (const r of results) console.log(`| ${r.step} | ${r.seconds.toFixed(1)} | ${r.detail} |`);
      console.log(`| **import of 100,000 rows (dry run + apply)** | **${importTotal.toFixed(1)}** | budget 120 s |`);
      console.log(`\nMember search through listMembers (${TARGET_MEMBERS.toLocaleString("en")} members, ${QUERIES} accent-free queries, page of 50 + capped count):`);
      console.log("| p50 | p95 | max | rows per page (avg) |\n|---:|---:|---:|---:|");
      console.log(`| ${search.p50ms} ms | ${search.p95ms} ms | ${search.maxms} ms | ${search.avgHits} |`);
    }
  } finally {
    // Dropping the database ends the pools' idle connections with "terminating connection due to
    // administrator command" (57P01), which pg reports as an error event: expected here, ignored.
    process.on("uncaughtException", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") throw error;
    });
    await dropTestDatabase(database.name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
