// Member search through the MemberNameToken index: the tokens follow every way members are written,
// a query word matches the beginning of a name word (accents, đ and case aside), every way of
// reading a page gives the same members in the same order, the plan stays on indexes under the
// application role, and one tenant's tokens never reach another.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { foldForSearch } from "@/lib/i18n/format";
import { memberListQuerySchema } from "@/lib/org/member-schemas";
import {
  chooseSearchPlan,
  MAX_MERGED_TOKENS,
  rarestFirst,
  searchWords,
  splitWords,
  type SearchPlan,
  type SearchStatsRow,
  type WordStats,
} from "@/lib/org/member-search";
import {
  createMember,
  getMemberDetail,
  listMembers,
  memberListSql,
  memberSearchStatsSql,
  readMemberPage,
  updateMember,
  type Cursor,
  type MemberListPage,
} from "@/lib/org/members";
import { makeTenant, ownerDb } from "@/tests/fixtures/db";
import { addBranches, generatedNames, insertMembers, nameMatches, type SeededMember } from "@/tests/fixtures/member-search";
import { makeRosterTree, memberInput, type RosterTree } from "@/tests/fixtures/members";
import { todayInVietnam } from "@/lib/time/days";

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const tokensOf = async (tenantId: string, memberId: string) =>
  (
    await ownerDb().memberNameToken.findMany({
      where: { tenantId, memberId },
      select: { token: true, sortKey: true },
      orderBy: { token: "asc" },
    })
  ).map((t) => `${t.token}|${t.sortKey}`);

async function allNames(user: Principal, q: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const page: MemberListPage = await listMembers(user, { q, cursor: cursor ?? "" });
    names.push(...page.items.map((item) => item.fullName));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

describe("the token index follows the members", () => {
  let tree: RosterTree;
  beforeAll(async () => {
    tree = await makeRosterTree();
  });

  test("a created member's name words are indexed, with the list's sort key", async () => {
    const { id } = await createMember(tree.admin, memberInput(tree.x.id, { fullName: "Nguyễn Thị Ánh Nguyệt" }));
    expect(await tokensOf(tree.tenantId, id)).toEqual([
      "anh|nguyet nguyen thi anh nguyet",
      "nguyen|nguyet nguyen thi anh nguyet",
      "nguyet|nguyet nguyen thi anh nguyet",
      "thi|nguyet nguyen thi anh nguyet",
    ]);
  });

  test("a bulk insert (one statement, many rows) indexes every member once per distinct word", async () => {
    const names = [...generatedNames(600, 7), "Lê Lê Văn", "H'Hen Niê", "Võ Văn Số 12"];
    const seeded = await insertMembers(tree.tenantId, names.map((fullName) => ({ fullName, branchId: tree.x2.id })));
    const stored = await ownerDb().memberNameToken.findMany({
      where: { tenantId: tree.tenantId, memberId: { in: seeded.map((m) => m.id) } },
      select: { memberId: true, token: true },
    });
    const expected = seeded.flatMap((m) => [...new Set(splitWords(foldForSearch(m.fullName)))].map((token) => `${m.id}|${token}`));
    expect(stored.map((t) => `${t.memberId}|${t.token}`).sort()).toEqual(expected.sort());
    const byName = (name: string) => seeded.find((m) => m.fullName === name)!.id;
    expect((await tokensOf(tree.tenantId, byName("Lê Lê Văn"))).map((t) => t.split("|")[0])).toEqual(["le", "van"]);
    expect((await tokensOf(tree.tenantId, byName("H'Hen Niê"))).map((t) => t.split("|")[0])).toEqual(["h", "hen", "nie"]);
    expect((await tokensOf(tree.tenantId, byName("Võ Văn Số 12"))).map((t) => t.split("|")[0])).toEqual(["12", "so", "van", "vo"]);
  });

  test("a rename replaces the words; other edits leave them alone", async () => {
    const { id } = await createMember(tree.admin, memberInput(tree.x.id, { fullName: "Trần Văn Xưa" }));
    const detail = await getMemberDetail(tree.admin, id);
    const fields = {
      id,
      version: detail.version,
      fullName: "Trần Thị Mới",
      gender: "FEMALE",
      birthDate: "1985-04-12",
      partyCardNumber: detail.partyCardNumber ?? "",
      admittedOn: "2010-05-19",
      officialOn: "2011-05-19",
      status: "OFFICIAL",
    };
    const renamed = await updateMember(tree.admin, fields);
    expect(await tokensOf(tree.tenantId, id)).toEqual(["moi|moi tran thi moi", "thi|moi tran thi moi", "tran|moi tran thi moi"]);
    await updateMember(tree.admin, { ...fields, version: renamed.version, phone: "0912345678" });
    expect(await tokensOf(tree.tenantId, id)).toEqual(["moi|moi tran thi moi", "thi|moi tran thi moi", "tran|moi tran thi moi"]);
    expect(await allNames(tree.admin, "tran moi")).toEqual(["Trần Thị Mới"]);
    expect(await allNames(tree.admin, "xua")).toEqual([]);
  });

  test("a bulk update renames many members in one statement", async () => {
    const seeded = await insertMembers(tree.tenantId, generatedNames(50, 11).map((fullName) => ({ fullName, branchId: tree.y.id })));
    await withTenant(tree.tenantId, (tx) =>
      tx.member.updateMany({ where: { tenantId: tree.tenantId, id: { in: seeded.map((m) => m.id) } }, data: { fullName: "Kiều Văn Đổi" } }),
    );
    const stored = await ownerDb().memberNameToken.groupBy({
      by: ["token"],
      where: { tenantId: tree.tenantId, memberId: { in: seeded.map((m) => m.id) } },
      _count: true,
    });
    expect(stored.map((t) => [t.token, t._count]).sort()).toEqual([["doi", 50], ["kieu", 50], ["van", 50]]);
  });

  test("deleting a member deletes their words", async () => {
    const [member] = await insertMembers(tree.tenantId, [{ fullName: "Lạc Văn Tạm", branchId: tree.y.id }]);
    expect(await tokensOf(tree.tenantId, member!.id)).toHaveLength(3);
    await withTenant(tree.tenantId, (tx) => tx.member.delete({ where: { tenantId_id: { tenantId: tree.tenantId, id: member!.id } } }));
    expect(await tokensOf(tree.tenantId, member!.id)).toEqual([]);
  });

  test("after all of that, the index holds exactly the words of every member, with their sort keys", async () => {
    const drift = await ownerDb().$queryRaw<{ side: string; n: number }[]>`
      WITH derived AS (SELECT DISTINCT m."tenantId", w AS "token", m."sortKey", m."id" AS "memberId"
                       FROM "Member" m CROSS JOIN LATERAL app_name_words(m."searchName") AS w WHERE m."tenantId" = ${tree.tenantId}::uuid),
           stored AS (SELECT "tenantId", "token", "sortKey", "memberId" FROM "MemberNameToken" WHERE "tenantId" = ${tree.tenantId}::uuid)
      SELECT 'missing' AS side, count(*)::int AS n FROM (SELECT * FROM derived EXCEPT SELECT * FROM stored) x
      UNION ALL SELECT 'extra', count(*)::int FROM (SELECT * FROM stored EXCEPT SELECT * FROM derived) y`;
    expect(drift).toEqual([{ side: "missing", n: 0 }, { side: "extra", n: 0 }]);
    expect(await ownerDb().memberNameToken.count({ where: { tenantId: tree.tenantId } })).toBeGreaterThan(2000);
  });

  test("the database splits names into words exactly as queries are split", async () => {
    const names = ["  Nguyễn   Văn  Ân ", "H'Hen Niê", "Lê-Thị Hà", "Võ Văn Số 12", "ĐẶNG THỊ ĐÀO", "Y Moan Ênuôl", "Nguyễn (Trần) Văn.Bình"];
    const rows = await ownerDb().$queryRaw<{ words: string[] }[]>`
      SELECT ARRAY(SELECT app_name_words(app_fold(x))) AS words FROM unnest(${names}::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n`;
    expect(rows.map((row) => row.words)).toEqual(names.map((name) => splitWords(foldForSearch(name))));
  });
});

describe("what a search finds", () => {
  let tree: RosterTree;
  beforeAll(async () => {
    tree = await makeRosterTree();
    await insertMembers(tree.tenantId, [
      { fullName: "Nguyễn Văn An", branchId: tree.x.id },
      { fullName: "Nguyễn Thị Ánh", branchId: tree.x.id },
      { fullName: "Đặng Thị Đào", branchId: tree.x.id },
      { fullName: "Đào Văn Nguyên", branchId: tree.x.id },
      { fullName: "H'Hen Niê", branchId: tree.x.id },
      { fullName: "Võ Văn Số 12", branchId: tree.y.id },
      { fullName: "Trương Văn Anh", branchId: tree.y.id },
      { fullName: "Nguyễn Văn Đã", branchId: tree.x.id, ended: true },
    ]);
  });

  test("ignores accents, case and đ, in the query and in the names", async () => {
    expect(await allNames(tree.admin, "NGUYỄN văn AN")).toEqual(["Nguyễn Văn An"]);
    expect(await allNames(tree.admin, "dao")).toEqual(["Đặng Thị Đào", "Đào Văn Nguyên"]);
    expect(await allNames(tree.admin, "Đặng")).toEqual(["Đặng Thị Đào"]);
    expect(await allNames(tree.admin, "anh")).toEqual(["Nguyễn Thị Ánh", "Trương Văn Anh"]);
  });

  test("needs every word, in any order, each at the beginning of a name word", async () => {
    expect(await allNames(tree.admin, "nguyen van an")).toEqual(["Nguyễn Văn An"]);
    expect(await allNames(tree.admin, "van an")).toEqual(["Nguyễn Văn An", "Trương Văn Anh"]);
    expect(await allNames(tree.admin, "an van")).toEqual(["Nguyễn Văn An", "Trương Văn Anh"]);
    expect(await allNames(tree.admin, "nguy")).toEqual(["Nguyễn Văn An", "Nguyễn Thị Ánh", "Đào Văn Nguyên"]);
    expect(await allNames(tree.admin, "nguyen dao")).toEqual(["Đào Văn Nguyên"]);
  });

  test("does not match inside a word (intended: people type word beginnings)", async () => {
    expect(await allNames(tree.admin, "guyen")).toEqual([]);
    expect(await allNames(tree.admin, "uong")).toEqual([]);
    expect(await allNames(tree.admin, "van z")).toEqual([]);
  });

  test("splits at punctuation and matches digits", async () => {
    expect(await allNames(tree.admin, "hen")).toEqual(["H'Hen Niê"]);
    expect(await allNames(tree.admin, "h'hen nie")).toEqual(["H'Hen Niê"]);
    expect(await allNames(tree.admin, "so 1")).toEqual(["Võ Văn Số 12"]);
  });

  test("keeps the other filters and the reader's subtree", async () => {
    expect(await allNames(tree.recorderY, "van")).toEqual(["Võ Văn Số 12", "Trương Văn Anh"]);
    const ended = await listMembers(tree.admin, { q: "nguyen van", roll: "ended" });
    expect(ended.items.map((item) => item.fullName)).toEqual(["Nguyễn Văn Đã"]);
    expect(ended.total).toEqual({ count: 1, more: false });
  });
});

describe("at scale: every way of reading a page agrees", () => {
  let tree: RosterTree;
  let seeded: SeededMember[];
  const today = todayInVietnam();

  let underG: Set<string>;

  beforeAll(async () => {
    tree = await makeRosterTree();
    // 3,000 members in 120 branches of 25, half under G, half under G2.
    const branchesOfG = await addBranches(tree.tenantId, tree.g, 60);
    const branches = [...branchesOfG, ...(await addBranches(tree.tenantId, tree.g2, 60))];
    underG = new Set(branchesOfG);
    const names = generatedNames(3000);
    seeded = await insertMembers(tree.tenantId, [
      ...names.map((fullName, i) => ({ fullName, branchId: branches[i % branches.length]!, ended: i % 40 === 0 })),
      { fullName: "Phí Thị Đào", branchId: branchesOfG[0]! },
    ]);
    // As autovacuum would have by now (the test server runs without it): statistics and the
    // visibility map, which lets the plans read the token index alone.
    await ownerDb().$executeRawUnsafe(`VACUUM ANALYZE "Member", "MemberNameToken", "OrgUnit"`);
  }, 300_000); // bounded work (3,000 members); a busy machine is slower, never wrong

  /** The members a query must find for the reader, in list order (as the database sorts them). */
  async function expected(user: Principal, q: string): Promise<string[]> {
    const words = searchWords(q);
    const inScope = user === tree.adminG ? (m: SeededMember) => underG.has(m.branchId) : () => true;
    const ids = seeded.filter((m) => !m.ended && inScope(m) && nameMatches(m.fullName, words)).map((m) => m.id);
    const rows = await ownerDb().member.findMany({
      where: { tenantId: tree.tenantId, id: { in: ids } },
      orderBy: [{ sortKey: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Every page of `plan` (pages of 100) and the count given with the first. */
  async function read(user: Principal, q: string, plan: (stats: WordStats[]) => SearchPlan) {
    const query = memberListQuerySchema.parse({ q, limit: 100 });
    const words = searchWords(q);
    return withTenant(tree.tenantId, async (tx) => {
      const [row] = await tx.$queryRaw<SearchStatsRow[]>(memberSearchStatsSql(user, query, today, words));
      const chosen = plan(chooseSearchPlan(words, row!).words);
      const ids: string[] = [];
      let cursor: Cursor | null = null;
      let count = -1;
      for (;;) {
        const page = await readMemberPage(tx, user, query, cursor, today, chosen);
        if (count < 0) count = page.count;
        ids.push(...page.rows.slice(0, query.limit).map((r) => r.id));
        if (page.rows.length <= query.limit) break;
        const last = page.rows[query.limit - 1]!;
        cursor = { sortKey: last.sortKey, id: last.id };
      }
      return { ids, count };
    });
  }

  // Common and rare words, two and three words, prefixes covering several tokens (a member may
  // hold two of them: "Thị Thu" for "th"), one letter, a single namesake.
  const queries = ["nguyen", "van nguyen", "thi thu", "th", "tran thi h", "h", "dao"];

  test.each(queries)("%s: the scope read, the list walk and each driver word (merged and sorted) agree", async (q) => {
    for (const user of [tree.admin, tree.adminG]) {
      const want = await expected(user, q);
      const plans: [string, (words: WordStats[]) => SearchPlan][] = [
        ["scope", (words) => ({ kind: "scope", words })],
        ["walk", (words) => ({ kind: "walk", words })],
      ];
      for (const driver of searchWords(q)) {
        for (const merged of [true, false]) {
          plans.push([`tokens of ${driver}, ${merged ? "merged" : "sorted"}`, (words) => {
            const ranked = rarestFirst(words);
            const d = ranked.find((w) => w.word === driver)!;
            if (merged && d.tokens.length > MAX_MERGED_TOKENS) return { kind: "walk", words };
            return { kind: "tokens", driver: d, others: ranked.filter((w) => w !== d), words, merged };
          }]);
        }
      }
      for (const [name, plan] of plans) {
        const result = await read(user, q, plan);
        expect(result.ids, `${q}: ${name}`).toEqual(want);
        expect(result.count, `${q}: ${name}`).toBe(Math.min(want.length, 1001));
      }
    }
  });

  test("listMembers pages through a common word without skipping or repeating anyone", async () => {
    const want = await expected(tree.admin, "nguyen");
    expect(want.length).toBeGreaterThan(150);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: MemberListPage = await listMembers(tree.admin, { q: "nguyen", cursor: cursor ?? "" });
      expect(page.total).toEqual({ count: want.length, more: false });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(want);
  });

  interface PlanNode {
    "Node Type": string;
    "Relation Name"?: string;
    "Index Name"?: string;
    Plans?: PlanNode[];
  }
  const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

  test.each(["dao", "phi dao", "phi thi dao"])("%s (selective): the plans under the application role read indexes, never a whole table", async (q) => {
    const query = memberListQuerySchema.parse({ q });
    const words = searchWords(q);
    const scans = await withTenant(tree.tenantId, async (tx) => {
      const [row] = await tx.$queryRaw<SearchStatsRow[]>(memberSearchStatsSql(tree.admin, query, today, words));
      const chosen = chooseSearchPlan(words, row!);
      expect(chosen.kind).toBe("scope"); // 3,000 members: below SCOPE_READ_LIMIT
      // A larger tenant would drive from the rarest word's tokens: explain that plan too.
      const driver = rarestFirst(chosen.words)[0]!;
      const others = rarestFirst(chosen.words).filter((w) => w !== driver);
      const merged: SearchPlan = { kind: "tokens", driver, others, words: chosen.words, merged: true };
      const sorted: SearchPlan = { ...merged, merged: false };
      const statements = [memberSearchStatsSql(tree.admin, query, today, words)];
      for (const plan of [chosen, merged, sorted]) {
        const sql = memberListSql(tree.admin, query, null, today, plan);
        statements.push(sql.page, sql.count);
      }
      const nodes: PlanNode[] = [];
      for (const statement of statements) {
        const [out] = await tx.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
          `EXPLAIN (FORMAT JSON) ${statement.text}`,
          ...statement.values,
        );
        nodes.push(...flatten(out!["QUERY PLAN"][0].Plan));
      }
      return nodes.filter((node) => node["Relation Name"] === "Member" || node["Relation Name"] === "MemberNameToken");
    });
    expect(scans.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"])).toEqual([]);
    // The index(es) behind each read (a bitmap heap scan names them on its bitmap index scans).
    const bitmapIndexes = (node: PlanNode): string[] =>
      node["Index Name"] ? [node["Index Name"]] : (node.Plans ?? []).filter((c) => c["Node Type"].startsWith("Bitmap")).flatMap(bitmapIndexes);
    const indexes = (relation: string) => new Set(scans.filter((node) => node["Relation Name"] === relation).flatMap(bitmapIndexes));
    // Members are only ever looked up by key or by branch, never walked in list order.
    expect(indexes("Member")).toEqual(new Set(["Member_pkey", "Member_tenantId_branchId_sortKey_idx"]));
    expect(indexes("MemberNameToken")).toEqual(new Set(["MemberNameToken_pkey"]));
  });
});

describe("tenant isolation of the token index", () => {
  test("a tenant sees and searches only its own tokens, and cannot write another's", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    // makeTenant names its member "Nguyễn Văn A" in both tenants.
    const own = await withTenant(a.tenantId, (tx) => tx.memberNameToken.findMany({ select: { tenantId: true, memberId: true } }));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((t) => t.tenantId === a.tenantId)).toBe(true);
    expect(await withTenant(a.tenantId, (tx) => tx.memberNameToken.count({ where: { memberId: b.memberId } }))).toBe(0);
    expect(await db().memberNameToken.count()).toBe(0); // outside a tenant transaction: nothing

    const adminOfA: Principal = { id: randomUUID(), tenantId: a.tenantId, grants: [{ role: "TENANT_ADMIN", orgUnitId: a.rootId, path: a.rootPath }] };
    const found = await listMembers(adminOfA, { q: "nguyen van a" });
    expect(found.items.map((item) => item.id)).toEqual([a.memberId]);

    await expect(
      withTenant(a.tenantId, (tx) =>
        tx.$executeRaw`INSERT INTO "MemberNameToken" ("tenantId", "memberId", "token", "sortKey") VALUES (${b.tenantId}::uuid, ${b.memberId}::uuid, 'x', 'x')`,
      ),
    ).rejects.toThrow();
    expect(await ownerDb().memberNameToken.count({ where: { tenantId: b.tenantId, token: "x" } })).toBe(0);
  });
});
