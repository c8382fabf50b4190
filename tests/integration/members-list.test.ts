// The member list: Vietnamese order, keyset pages that neither skip nor repeat anyone, accent-
// insensitive search, filters, a capped count, and the reader's subtree.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors";
import type { MemberStatus } from "@/lib/generated/prisma/enums";
import {
  BRANCH_FILTER_LIMIT,
  BRANCH_SELECT_LIMIT,
  getManagedBranches,
  getMemberFilterBranches,
  getMemberManageOptions,
  listMembers,
  MEMBER_COUNT_CAP,
  searchManagedBranches,
  type MemberListPage,
} from "@/lib/org/members";
import { childPath } from "@/lib/domain/org-path";
import { ownerDb } from "@/tests/fixtures/db";
import { makeRosterTree, type RosterTree } from "@/tests/fixtures/members";
import { addDays, isoDay, todayInVietnam } from "@/lib/time/days";

let tree: RosterTree;
const ids: Record<string, string> = {};

function row(branchId: string, fullName: string, extra: { status?: MemberStatus; endedOn?: Date } = {}) {
  const status = extra.status ?? "OFFICIAL";
  return {
    tenantId: tree.tenantId,
    id: randomUUID(),
    branchId,
    fullName,
    gender: "MALE" as const,
    birthDate: new Date("1980-01-01"),
    admittedOn: new Date("2005-01-01"),
    officialOn: status === "OFFICIAL" ? new Date("2006-01-01") : null,
    status,
    endedOn: extra.endedOn ?? null,
    endReason: extra.endedOn ? ("DECEASED" as const) : null,
  };
}

beforeAll(async () => {
  tree = await makeRosterTree();
  const today = todayInVietnam();
  const named = [
    row(tree.x.id, "Nguyễn Văn Bình"),
    row(tree.x.id, "Trần Thị An"),
    row(tree.x.id, "Lê An"),
    row(tree.x.id, "Đặng Thị Hương", { status: "PROBATIONARY" }),
    row(tree.x.id, "Hoàng Văn Đã", { endedOn: new Date("2024-05-01") }),
    row(tree.y.id, "Nguyễn Văn Ý"),
  ];
  for (const member of named) ids[member.fullName] = member.id;
  // 120 namesakes in X2: the page boundary falls inside a run of equal sort keys.
  const namesakes = Array.from({ length: 120 }, () => row(tree.x2.id, "Phan Văn Trùng"));
  await withTenant(tree.tenantId, async (tx) => {
    await tx.member.createMany({ data: [...named, ...namesakes] });
    await tx.position.createMany({
      data: [
        { tenantId: tree.tenantId, memberId: ids["Nguyễn Văn Bình"]!, orgUnitId: tree.x.id, kind: "SECRETARY", termFrom: new Date("2020-01-01") },
        // An ended term: no longer a secretary today.
        { tenantId: tree.tenantId, memberId: ids["Trần Thị An"]!, orgUnitId: tree.x.id, kind: "SECRETARY", termFrom: new Date("2015-01-01"), termTo: new Date("2019-12-31") },
      ],
    });
    await tx.exemption.createMany({
      data: [
        { tenantId: tree.tenantId, memberId: ids["Lê An"]!, fromDate: new Date("2024-01-01"), reason: "Tuổi cao" },
        // Starts tomorrow: not in force today.
        { tenantId: tree.tenantId, memberId: ids["Trần Thị An"]!, fromDate: addDays(today, 1), reason: "Điều trị bệnh" },
      ],
    });
  });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const names = (page: MemberListPage) => page.items.map((item) => item.fullName);

describe("order and pages", () => {
  test("orders by given name first, then the full name", async () => {
    const page = await listMembers(tree.admin, { branch: tree.x.id });
    expect(names(page)).toEqual(["Lê An", "Trần Thị An", "Nguyễn Văn Bình", "Đặng Thị Hương"]);
    expect(page.total).toEqual({ count: 4, more: false });
    expect(page.nextCursor).toBeNull();
  });

  test("keyset pages of 50 cover everyone once, ties broken by id", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page: MemberListPage = await listMembers(tree.admin, { branch: tree.x2.id, cursor: cursor ?? "" });
      sizes.push(page.items.length);
      expect(page.total).toEqual({ count: 120, more: false });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort());
  });

  test("a tampered cursor is refused, not guessed around", async () => {
    await expect(listMembers(tree.admin, { cursor: "not-a-cursor" })).rejects.toBeInstanceOf(ValidationError);
  });

  test("the count stops at the cap and says there are more", async () => {
    const many = Array.from({ length: MEMBER_COUNT_CAP + 5 }, (_, i) => row(tree.y.id, `Võ Văn Số ${i}`));
    await withTenant(tree.tenantId, (tx) => tx.member.createMany({ data: many }));
    const page = await listMembers(tree.admin, { branch: tree.y.id });
    expect(page.total).toEqual({ count: MEMBER_COUNT_CAP, more: true });
    expect(page.items).toHaveLength(50);
    await ownerDb().member.deleteMany({ where: { tenantId: tree.tenantId, id: { in: many.map((m) => m.id) } } });
  });
});

describe("search and filters", () => {
  test("finds names without accents, in any case, from two letters", async () => {
    expect(names(await listMembers(tree.admin, { q: "nguyen van" }))).toEqual(["Nguyễn Văn Bình", "Nguyễn Văn Ý"]);
    expect(names(await listMembers(tree.admin, { q: "ĐẶNG THỊ" }))).toEqual(["Đặng Thị Hương"]);
    expect(names(await listMembers(tree.admin, { q: "  huong " }))).toEqual(["Đặng Thị Hương"]);
    const short = await listMembers(tree.admin, { q: "a", branch: tree.x.id });
    expect(short.search).toEqual({ query: "a", tooShort: true });
    expect(short.items).toHaveLength(4);
  });

  test("LIKE wildcards in the query match literally", async () => {
    expect((await listMembers(tree.admin, { q: "%%" })).items).toEqual([]);
    expect((await listMembers(tree.admin, { q: "__" })).items).toEqual([]);
  });

  test("filters by status, position held today, exemption in force today, and the roll", async () => {
    expect(names(await listMembers(tree.admin, { branch: tree.x.id, status: "PROBATIONARY" }))).toEqual(["Đặng Thị Hương"]);
    expect(names(await listMembers(tree.admin, { position: "SECRETARY" }))).toEqual(["Nguyễn Văn Bình"]);
    expect(names(await listMembers(tree.admin, { exempt: "on" }))).toEqual(["Lê An"]);
    expect(names(await listMembers(tree.admin, { roll: "ended" }))).toEqual(["Hoàng Văn Đã"]);
    const all = await listMembers(tree.admin, { branch: tree.x.id, roll: "all" });
    expect(names(all)).toContain("Hoàng Văn Đã");
    const first = all.items.find((item) => item.fullName === "Nguyễn Văn Bình");
    expect(first).toMatchObject({ positions: ["SECRETARY"], exempt: false, branchName: tree.x.name });
    expect(all.items.find((item) => item.fullName === "Lê An")).toMatchObject({ exempt: true, positions: [] });
  });

  test("invalid filter values are refused with the field named", async () => {
    const error = await listMembers(tree.admin, { status: "RETIRED" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.status).toBeDefined();
  });
});

describe("the reader's subtree", () => {
  test("an admin of G, a recorder of X and a recorder of Y each see their own members only", async () => {
    const ofG = await listMembers(tree.adminG, { q: "nguyen van" });
    expect(names(ofG)).toEqual(["Nguyễn Văn Bình"]);
    expect(names(await listMembers(tree.recorderX, {}))).toEqual(["Lê An", "Trần Thị An", "Nguyễn Văn Bình", "Đặng Thị Hương"]);
    expect(names(await listMembers(tree.recorderY, {}))).toEqual(["Nguyễn Văn Ý"]);
    // A branch filter outside the subtree finds nobody rather than widening it.
    expect((await listMembers(tree.recorderY, { branch: tree.x.id })).items).toEqual([]);
  });

  test("dates in force are compared as calendar days in Vietnam", () => {
    expect(isoDay(todayInVietnam(new Date("2026-03-31T17:30:00Z")))).toBe("2026-04-01");
    expect(isoDay(todayInVietnam(new Date("2026-03-31T16:59:00Z")))).toBe("2026-03-31");
  });
});

describe("large scopes", () => {
  test("above the limits the forms search branches instead of listing them all", async () => {
    expect(BRANCH_SELECT_LIMIT).toBeLessThan(BRANCH_FILTER_LIMIT);
    const many = Array.from({ length: BRANCH_SELECT_LIMIT + 1 }, (_, i) => {
      const id = randomUUID();
      return {
        tenantId: tree.tenantId,
        id,
        parentId: tree.g2.id,
        kind: "BRANCH" as const,
        name: `Chi bộ Tổ ${String(i).padStart(3, "0")}`,
        path: childPath(tree.g2.path, id),
        depth: 2,
        activeFrom: new Date("2015-01-01"),
      };
    });
    await withTenant(tree.tenantId, (tx) => tx.orgUnit.createMany({ data: many }));
    expect(await getManagedBranches(tree.admin)).toBeNull();
    expect((await getMemberManageOptions(tree.admin, ids["Lê An"]!)).branches).toBeNull();
    // The list filter keeps its select up to its own, higher limit.
    expect((await getMemberFilterBranches(tree.admin))?.length).toBe(BRANCH_SELECT_LIMIT + 1 + 4);
    // An admin of G is unaffected: G's branches still fit a select.
    expect((await getManagedBranches(tree.adminG))?.length).toBe(2);
    const found = await searchManagedBranches(tree.admin, "to 00");
    expect(found.map((b) => b.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Chi bộ Tổ 00${i}`));
    expect(found[0]).toMatchObject({ kind: "BRANCH", parentName: tree.g2.name });
    expect(await searchManagedBranches(tree.adminG, "to 00")).toEqual([]);
  });
});
