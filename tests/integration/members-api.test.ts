// The JSON twins of the member forms: same service, same schemas, errors as JSON with an HTTP
// status. Signed in as in subtree-denial.test.ts (only Auth.js's cookie decoding is replaced).
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as membersRoute from "@/app/api/v1/members/route";
import * as memberRoute from "@/app/api/v1/members/[id]/route";
import * as transferRoute from "@/app/api/v1/members/[id]/transfer/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { ownerDb } from "@/tests/fixtures/db";
import { apiRequest, makeRosterTree, memberInput, nextCard, routeContext, type RosterTree } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

let tree: RosterTree;

beforeAll(async () => {
  tree = await makeRosterTree();
});

beforeEach(() => signIn(tree.admin));

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

interface MemberJson {
  id: string;
  version: number;
  fullName: string;
  birthDate: string;
  officialOn: string | null;
  phone: string | null;
  branch: { id: string; name: string };
  memberships: { branch: { id: string }; validFrom: string; validTo: string | null }[];
}

async function create(overrides: Record<string, unknown> = {}): Promise<Response> {
  return membersRoute.POST(apiRequest("POST", "/api/v1/members", memberInput(tree.x.id, overrides)), routeContext({}));
}

describe("POST /api/v1/members", () => {
  test("creates a member: 201 with the record, calendar days as yyyy-mm-dd", async () => {
    const response = await create({ fullName: "Bùi Thị Hằng", birthDate: "1990-02-03", admittedOn: "2015-09-02", officialOn: "2016-09-02" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as MemberJson;
    expect(body).toMatchObject({
      fullName: "Bùi Thị Hằng",
      birthDate: "1990-02-03",
      officialOn: "2016-09-02",
      version: 1,
      branch: { id: tree.x.id, name: tree.x.name },
      memberships: [{ branch: { id: tree.x.id }, validFrom: "2015-09-02", validTo: null }],
    });
  });

  test("answers 422 with the same field errors as the form", async () => {
    const card = nextCard();
    expect((await create({ partyCardNumber: card })).status).toBe(201);
    const response = await create({ partyCardNumber: card, admittedOn: "2015-01-01", officialOn: "2014-01-01" });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; fieldErrors: Record<string, string[]> };
    expect(body.fieldErrors.officialOn?.[0]).toMatch(/trước ngày vào Đảng/);
    const duplicate = await create({ partyCardNumber: card });
    expect(duplicate.status).toBe(422);
    expect(((await duplicate.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.partyCardNumber).toBeDefined();
  });

  test("refuses bodies that are not JSON (415, 400)", async () => {
    const form = await membersRoute.POST(
      apiRequest("POST", "/api/v1/members", undefined, { "content-type": "application/x-www-form-urlencoded" }),
      routeContext({}),
    );
    expect(form.status).toBe(415);
    const broken = await membersRoute.POST(apiRequest("POST", "/api/v1/members", "{not json"), routeContext({}));
    expect(broken.status).toBe(400);
  });
});

describe("PATCH /api/v1/members/{id}", () => {
  test("changes the fields sent, keeps the others, bumps the version; a stale version is a 409", async () => {
    const created = (await (await create({ fullName: "Tạ Văn Sửa", phone: "" })).json()) as MemberJson;
    const patch = (body: unknown) =>
      memberRoute.PATCH(apiRequest("PATCH", `/api/v1/members/${created.id}`, body), routeContext({ id: created.id }));
    const ok = await patch({ version: 1, phone: "0987 654 321" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ fullName: "Tạ Văn Sửa", phone: "0987 654 321", version: 2 });

    const stale = await patch({ version: 1, phone: "0911 111 111" });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toMatch(/tải lại trang/);

    const branch = await patch({ version: 2, branchId: tree.x2.id });
    expect(branch.status).toBe(422);
    expect(((await branch.json()) as { error: string }).error).toMatch(/transfer/);

    const missingVersion = await patch({ phone: "0922 222 222" });
    expect(missingVersion.status).toBe(422);
  });
});

describe("POST /api/v1/members/{id}/transfer and GET", () => {
  test("transfers, then the list and the record show the new branch", async () => {
    const created = (await (await create({ fullName: "Kiều Văn Chuyển" })).json()) as MemberJson;
    const response = await transferRoute.POST(
      apiRequest("POST", `/api/v1/members/${created.id}/transfer`, { version: 1, targetBranchId: tree.x2.id, effectiveOn: "2024-04-01" }),
      routeContext({ id: created.id }),
    );
    expect(response.status).toBe(200);
    const moved = (await response.json()) as MemberJson;
    expect(moved.branch.id).toBe(tree.x2.id);
    expect(moved.memberships.map((m) => [m.branch.id, m.validFrom, m.validTo])).toEqual([
      [tree.x2.id, "2024-04-01", null],
      [tree.x.id, "2010-05-19", "2024-03-31"],
    ]);

    const list = await membersRoute.GET(apiRequest("GET", `/api/v1/members?q=kieu%20van&branch=${tree.x2.id}`), routeContext({}));
    expect(list.status).toBe(200);
    const page = (await list.json()) as { items: { id: string; branch: { id: string } }[]; nextCursor: string | null; total: unknown };
    expect(page.items).toEqual([expect.objectContaining({ id: created.id, branch: { id: tree.x2.id, name: tree.x2.name } })]);
    expect(page.nextCursor).toBeNull();
    expect(page.total).toEqual({ count: 1, more: false });

    const refused = await transferRoute.POST(
      apiRequest("POST", `/api/v1/members/${created.id}/transfer`, { version: 2, targetBranchId: tree.closed.id, effectiveOn: "2025-03-01" }),
      routeContext({ id: created.id }),
    );
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.targetBranchId?.[0]).toMatch(/ngừng hoạt động/);
  });

  test("pages with the cursor it returns; a bad filter is a 422", async () => {
    for (let i = 0; i < 3; i++) await create({ fullName: `Quách Văn Trang ${i}` });
    const first = (await (await membersRoute.GET(apiRequest("GET", "/api/v1/members?q=quach&limit=2"), routeContext({}))).json()) as {
      items: { fullName: string }[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(2);
    const second = (await (
      await membersRoute.GET(apiRequest("GET", `/api/v1/members?q=quach&limit=2&cursor=${first.nextCursor}`), routeContext({}))
    ).json()) as { items: { fullName: string }[]; nextCursor: string | null };
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((m) => m.fullName).sort()).toEqual(["Quách Văn Trang 0", "Quách Văn Trang 1", "Quách Văn Trang 2"]);

    const bad = await membersRoute.GET(apiRequest("GET", "/api/v1/members?status=ALL"), routeContext({}));
    expect(bad.status).toBe(422);
  });
});
