// Benchmark of the member list at tenant scale: 300,000 members in 12,000 branches. Not part of
// the test run. Needs a throw-away database it may fill (the owner URL; it creates one tenant):
//
//   createdb -h 127.0.0.1 -U postgres sosh_bench
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sosh_bench npm run db:migrate
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sosh_bench npx tsx tests/bench/member-list.ts
//
// Prints, per scenario, the median wall time of listMembers (page + capped count, through the
// application role and row-level security), the search plan chosen (member-search.ts), and the
// execution time of each statement with the scans of the page statement.
import { randomUUID } from "node:crypto";
import type { Principal } from "@/lib/auth/permissions";
import { createDb } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { databaseUrl } from "@/lib/env";
import { memberListQuerySchema, MEMBER_SEARCH_MIN_LENGTH, type MemberListQueryInput } from "@/lib/org/member-schemas";
import { chooseSearchPlan, searchWords, type SearchPlan, type SearchStatsRow } from "@/lib/org/member-search";
import { decodeCursor, listMembers, memberListSql, memberSearchStatsSql } from "@/lib/org/members";
import { foldForSearch } from "@/lib/i18n/format";
import { todayInVietnam } from "@/lib/time/days";

const GRASSROOTS = 40;
const BRANCHES_PER_GRASSROOTS = 300;
const MEMBERS_PER_BRANCH = 25;

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hoàng"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Lan", "Linh", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo", "Thủy", "Trang", "Tuấn", "Yến"];

function sqlArray(values: string[]): string {
  return `ARRAY[${values.map((v) => `'${v}'`).join(",")}]`;
}

async function seed(tenantId: string): Promise<{ rootPath: string; grassrootsPath: string; branchId: string; branchPath: string }> {
  const owner = createDb(databaseUrl(), { asOwner: true, max: 1 });
  const rootId = randomUUID();
  const rootPath = `/${rootId}/`;
  console.log("Seeding 12,000 branches and 300,000 members…");
  const started = performance.now();
  await owner.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO "Tenant" ("id","code","name") VALUES ('${tenantId}', 'bench-${tenantId.slice(0, 8)}', 'Bench')`);
      await tx.$executeRawUnsafe(`INSERT INTO "OrgUnit" ("tenantId","id","kind","name","path","depth","activeFrom","updatedAt")
        VALUES ('${tenantId}', '${rootId}', 'BLOC_COMMITTEE', 'Đảng bộ tỉnh', '${rootPath}', 0, '2000-01-01', now())`);
      await tx.$executeRawUnsafe(`INSERT INTO "OrgUnit" ("tenantId","id","parentId","kind","name","path","depth","activeFrom","updatedAt")
        SELECT '${tenantId}', g.id, '${rootId}', 'GRASSROOTS_COMMITTEE', 'Đảng bộ ' || g.n, '${rootPath}' || g.id || '/', 1, '2000-01-01', now()
        FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${GRASSROOTS}) n) g`);
      await tx.$executeRawUnsafe(`INSERT INTO "OrgUnit" ("tenantId","id","parentId","kind","name","path","depth","activeFrom","updatedAt")
        SELECT '${tenantId}', b.id, g."id", 'BRANCH', 'Chi bộ ' || b.n, g."path" || b.id || '/', 2, '2000-01-01', now()
        FROM "OrgUnit" g CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${BRANCHES_PER_GRASSROOTS}) n) b
        WHERE g."tenantId" = '${tenantId}' AND g."depth" = 1`);
      await tx.$executeRawUnsafe(`INSERT INTO "Member" ("tenantId","id","branchId","fullName","gender","birthDate","admittedOn","officialOn","status","updatedAt")
        SELECT '${tenantId}', gen_random_uuid(), b."id",
          (${sqlArray(FAMILY)})[1 + (i * 7 + b.n) % ${FAMILY.length}] || ' ' ||
          (${sqlArray(MIDDLE)})[1 + (i * 3 + b.n) % ${MIDDLE.length}] || ' ' ||
          (${sqlArray(GIVEN)})[1 + (i * 11 + b.n * 5) % ${GIVEN.length}],
          CASE WHEN i % 2 = 0 THEN 'MALE'::"Gender" ELSE 'FEMALE'::"Gender" END,
          DATE '1970-01-01' + (i * 97 % 9000), DATE '2000-01-01' + (i * 37 % 8000),
          CASE WHEN i % 25 = 0 THEN NULL ELSE DATE '2000-01-01' + (i * 37 % 8000) + 365 END,
          CASE WHEN i % 25 = 0 THEN 'PROBATIONARY'::"MemberStatus" ELSE 'OFFICIAL'::"MemberStatus" END,
          now()
        FROM (SELECT "id", row_number() OVER () AS n FROM "OrgUnit" WHERE "tenantId" = '${tenantId}' AND "kind" = 'BRANCH') b
        CROSS JOIN generate_series(1, ${MEMBERS_PER_BRANCH}) i`);
      // One secretary per branch, 1 % exempt.
      await tx.$executeRawUnsafe(`INSERT INTO "Position" ("tenantId","id","memberId","orgUnitId","kind","termFrom")
        SELECT DISTINCT ON (m."branchId") '${tenantId}', gen_random_uuid(), m."id", m."branchId", 'SECRETARY', '2025-01-01'
        FROM "Member" m WHERE m."tenantId" = '${tenantId}' AND m."status" = 'OFFICIAL' ORDER BY m."branchId", m."id"`);
      await tx.$executeRawUnsafe(`INSERT INTO "Exemption" ("tenantId","id","memberId","fromDate","reason")
        SELECT '${tenantId}', gen_random_uuid(), m."id", '2024-01-01', 'Tuổi cao'
        FROM "Member" m WHERE m."tenantId" = '${tenantId}' AND abs(hashtext(m."id"::text)) % 100 = 0`);
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
  await owner.$executeRawUnsafe(`ANALYZE "OrgUnit", "Member", "MemberNameToken", "Position", "Exemption", "Suspension", "TemporaryTransfer"`);
  console.log(`Seeded in ${Math.round((performance.now() - started) / 1000)} s.`);
  const grassroots = await owner.$queryRawUnsafe<{ path: string }[]>(
    `SELECT "path" FROM "OrgUnit" WHERE "tenantId" = '${tenantId}' AND "depth" = 1 ORDER BY "path" LIMIT 1`,
  );
  const branch = await owner.$queryRawUnsafe<{ id: string; path: string }[]>(
    `SELECT "id", "path" FROM "OrgUnit" WHERE "tenantId" = '${tenantId}' AND "depth" = 2 ORDER BY "path" LIMIT 1`,
  );
  await owner.$disconnect();
  return { rootPath, grassrootsPath: grassroots[0]!.path, branchId: branch[0]!.id, branchPath: branch[0]!.path };
}

function principal(tenantId: string, role: "TENANT_ADMIN" | "RECORDER", path: string): Principal {
  const ids = path.split("/").filter(Boolean);
  return { id: randomUUID(), tenantId, grants: [{ role, orgUnitId: ids.at(-1)!, path }] };
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): string[] {
  const own = `${plan["Node Type"]}${plan["Index Name"] ? ` (${plan["Index Name"]})` : plan["Relation Name"] ? ` (${plan["Relation Name"]})` : ""}`;
  return [own, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function main(): Promise<void> {
  const tenantId = randomUUID();
  const tree = await seed(tenantId);
  const admin = principal(tenantId, "TENANT_ADMIN", tree.rootPath);
  const adminG = principal(tenantId, "TENANT_ADMIN", tree.grassrootsPath);
  const recorder = principal(tenantId, "RECORDER", tree.branchPath);

  // A cursor in the middle of the tenant (page ~3,000).
  const middle = await withTenant(tenantId, (tx) =>
    tx.member.findMany({ orderBy: [{ sortKey: "asc" }, { id: "asc" }], skip: 150_000, take: 1, select: { sortKey: true, id: true } }),
  );
  const cursor = Buffer.from(JSON.stringify([middle[0]!.sortKey, middle[0]!.id])).toString("base64url");

  // The rarest full name of the tenant (a handful of namesakes).
  const rare = await withTenant(tenantId, (tx) =>
    tx.$queryRaw<{ fullName: string; n: number }[]>`SELECT "fullName", count(*)::int AS n FROM "Member" GROUP BY 1 ORDER BY 2, 1 LIMIT 1`,
  );
  const rareName = foldForSearch(rare[0]!.fullName);

  const scenarios: [string, Principal, MemberListQueryInput][] = [
    ["whole tenant, first page", admin, {}],
    ["whole tenant, page ~3,000 (cursor)", admin, { cursor }],
    ["search 'nguyen' (common first word)", admin, { q: "nguyen" }],
    ["search 'nguyen van' (two words)", admin, { q: "nguyen van" }],
    [`search '${rareName}' (rare full name, ${rare[0]!.n})`, admin, { q: rareName }],
    ["search 'phan ngoc thuy' (no such name)", admin, { q: "phan ngoc thuy" }],
    ["search 'an' (given name)", admin, { q: "an" }],
    ["search 'thuy' (given name)", admin, { q: "thuy" }],
    ["search 'a' (1 letter: ignored)", admin, { q: "a" }],
    ["search 't h' (1-letter words)", admin, { q: "t h" }],
    ["search 'zz' (no match)", admin, { q: "zz" }],
    ["status PROBATIONARY", admin, { status: "PROBATIONARY" }],
    ["position SECRETARY", admin, { position: "SECRETARY" }],
    ["exemption in force", admin, { exempt: "1" }],
    ["ended (none)", admin, { roll: "ended" }],
    ["admin of one grassroots (7,500)", adminG, {}],
    ["admin of one grassroots, search 'thuy'", adminG, { q: "thuy" }],
    ["recorder of one branch (25)", recorder, {}],
    ["branch filter", admin, { branch: tree.branchId }],
  ];

  const rows: string[][] = [];
  for (const [name, user, input] of scenarios) {
    const times: number[] = [];
    let result = await listMembers(user, input);
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      result = await listMembers(user, input);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const query = memberListQuerySchema.parse(input);
    const today = todayInVietnam();
    // In one transaction, as listMembers runs them: a search first takes its cheap facts
    // (member-search.ts, which also sets the planner up for the rest), then reads by its plan.
    const words = query.q && foldForSearch(query.q).length >= MEMBER_SEARCH_MIN_LENGTH ? searchWords(query.q) : [];
    const { plan, stats, page, count, countInPage } = await withTenant(tenantId, async (tx) => {
      const explain = async (statement: { text: string; values: unknown[] }) => {
        const out = await tx.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }[]>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`,
          ...statement.values,
        );
        return out[0]!["QUERY PLAN"][0];
      };
      let plan: SearchPlan | null = null;
      let stats: { "Execution Time": number } | null = null;
      if (words.length > 0) {
        const statsSql = memberSearchStatsSql(user, query, today, words);
        const row = await tx.$queryRaw<SearchStatsRow[]>(statsSql);
        plan = chooseSearchPlan(words, row[0]!);
        stats = await explain(statsSql);
      }
      const sql = memberListSql(user, query, query.cursor ? decodeCursor(query.cursor) : null, today, plan);
      const read = plan?.kind !== "none";
      const page = read ? await explain(sql.page) : null;
      const count = read && !sql.countInPage ? await explain(sql.count) : null;
      return { plan, stats, page, count, countInPage: sql.countInPage };
    });
    const scans = page ? [...new Set(nodes(page.Plan).filter((n) => /Scan/.test(n)))].join(", ") : "";
    rows.push([
      name,
      String(result.items.length),
      result.total.more ? `>${result.total.count}` : String(result.total.count),
      times[2]!.toFixed(1),
      plan ? (plan.kind === "tokens" ? `tokens (${plan.driver.word})` : plan.kind) : "list",
      stats ? stats["Execution Time"].toFixed(1) : "-",
      page ? page["Execution Time"].toFixed(1) : "-",
      count ? count["Execution Time"].toFixed(1) : countInPage ? "in page" : "-",
      scans,
    ]);
  }
  const header = ["scenario", "rows", "count", "median ms", "search plan", "stats exec ms", "page exec ms", "count exec ms", "scans (page statement)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join(" | ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const row of rows) console.log(line(row));
  process.exit(0);
}

await main();
