// Cross-subtree and cross-tenant denial for the roster, through every door: the services the server
// actions call, the /api/v1 route handlers, and the loaders the pages use. Kept as a regression guard.
//
// How the route handlers are signed in: only Auth.js's cookie decoding is replaced (vi.mock of
// "@/lib/auth/auth", whose auth() then returns the session of the user under test). Everything
// after it is real: getCurrentUser loads that user and their grants from the database through
// row-level security, and the handlers run unchanged. Decoding a real signed cookie would need
// Next.js's request scope (next/headers), which route handlers do not have outside a server.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as membersRoute from "@/app/api/v1/members/route";
import * as memberRoute from "@/app/api/v1/members/[id]/route";
import * as transferRoute from "@/app/api/v1/members/[id]/transfer/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import {
  addExemption,
  addSuspension,
  addTemporaryTransfer,
  assignPosition,
  endMembership,
  endPeriod,
  endPosition,
  makeOfficial,
  transferMember,
} from "@/lib/org/member-lifecycle";
import { addResidenceLink, saveResidenceComment, updateResidenceLink } from "@/lib/org/member-residence";
import {
  createMember,
  getManagedBranches,
  getMemberDetail,
  getMemberFilterBranches,
  getMemberForEdit,
  getMemberManageOptions,
  listMembers,
  searchManagedBranches,
  updateMember,
} from "@/lib/org/members";
import { ownerDb } from "@/tests/fixtures/db";
import { apiRequest, makeRosterTree, memberInput, routeContext, type RosterTree } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal | null): void {
  session.current = user ? { user: { id: user.id }, tenantId: user.tenantId } : null;
}

let tree: RosterTree;
let other: RosterTree;
/** Members of branch X (under G), X2 (under G), Y (under G2) and of the other tenant. */
let mX: string;
let mX2: string;
let mY: string;
let foreign: string;
let positionY: string;
let exemptionY: string;
let linkY: string;

beforeAll(async () => {
  [tree, other] = await Promise.all([makeRosterTree(), makeRosterTree()]);
  mX = (await createMember(tree.admin, memberInput(tree.x.id, { fullName: "Nguyễn Văn Xuân" }))).id;
  mX2 = (await createMember(tree.admin, memberInput(tree.x2.id, { fullName: "Nguyễn Văn Xa" }))).id;
  mY = (await createMember(tree.admin, memberInput(tree.y.id, { fullName: "Nguyễn Văn Yên" }))).id;
  foreign = (await createMember(other.admin, memberInput(other.x.id, { fullName: "Nguyễn Văn Ngoại" }))).id;
  positionY = (await assignPosition(tree.admin, { memberId: mY, orgUnitId: tree.y.id, kind: "COMMITTEE_MEMBER", termFrom: "2020-01-01" })).id;
  exemptionY = (await addExemption(tree.admin, { memberId: mY, fromDate: "2024-01-01", reason: "Tuổi cao" })).id;
  linkY = (await addResidenceLink(tree.admin, { memberId: mY, residenceBranchName: "Chi bộ Khu phố 1", fromDate: "2020-01-01" })).id;
});

beforeEach(() => signIn(null));

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

/** What must not change when a write is refused: the member rows and the audit trail. */
async function snapshot() {
  const [members, memberships, audit] = await Promise.all([
    ownerDb().member.findMany({ where: { tenantId: { in: [tree.tenantId, other.tenantId] } }, orderBy: { id: "asc" } }),
    ownerDb().branchMembership.findMany({ where: { tenantId: { in: [tree.tenantId, other.tenantId] } }, orderBy: { id: "asc" } }),
    ownerDb().auditEntry.count({ where: { tenantId: { in: [tree.tenantId, other.tenantId] } } }),
  ]);
  return { members, memberships, audit };
}

/** Every write the member page offers, aimed at one member (targets inside the same tree). */
function writes(memberId: string): [string, (user: Principal) => Promise<unknown>][] {
  return [
    ["edit", (u) => updateMember(u, { ...memberInput(tree.x.id), id: memberId, version: 1 })],
    ["transfer", (u) => transferMember(u, { memberId, version: 1, targetBranchId: tree.x2.id, effectiveOn: "2025-01-01" })],
    ["exemption", (u) => addExemption(u, { memberId, fromDate: "2025-01-01", reason: "x" })],
    ["temporary transfer", (u) => addTemporaryTransfer(u, { memberId, hostName: "Chi bộ ngoài", fromDate: "2025-01-01" })],
    ["suspension", (u) => addSuspension(u, { memberId, fromDate: "2025-01-01", reason: "x" })],
    ["end exemption", (u) => endPeriod(u, { memberId, kind: "exemption", periodId: exemptionY, toDate: "2025-01-01" })],
    ["make official", (u) => makeOfficial(u, { memberId, version: 1, officialOn: "2025-01-01" })],
    ["end membership", (u) => endMembership(u, { memberId, version: 1, endedOn: "2025-01-01", endReason: "DECEASED" })],
    ["assign position", (u) => assignPosition(u, { memberId, orgUnitId: tree.x.id, kind: "COMMITTEE_MEMBER", termFrom: "2025-01-01" })],
    ["end position", (u) => endPosition(u, { memberId, positionId: positionY, termTo: "2025-01-01" })],
    ["residence link", (u) => addResidenceLink(u, { memberId, residenceBranchName: "Chi bộ Khu phố 2", fromDate: "2025-01-01" })],
    ["edit residence link", (u) => updateResidenceLink(u, { memberId, linkId: linkY, version: 1, residenceBranchName: "X", fromDate: "2020-01-01" })],
    ["residence comment", (u) => saveResidenceComment(u, { memberId, linkId: linkY, year: 2024, comment: "x", receivedOn: "2025-01-01" })],
  ];
}

describe("services used by the server actions", () => {
  test("a RECORDER of X reads X only: Y's member is a 404, not a 403", async () => {
    await expect(getMemberDetail(tree.recorderX, mX)).resolves.toMatchObject({ id: mX, canManage: false, canReadAudit: false });
    await expect(getMemberDetail(tree.recorderX, mY)).rejects.toBeInstanceOf(NotFoundError);
    const page = await listMembers(tree.recorderX, {});
    expect(page.items.map((item) => item.id)).toEqual([mX]);
    expect((await listMembers(tree.recorderX, { branch: tree.y.id })).items).toEqual([]);
  });

  test("a RECORDER cannot change a member of their own branch (403) nor of another (404), and nothing is written", async () => {
    const before = await snapshot();
    for (const [name, write] of writes(mX)) {
      await expect(write(tree.recorderX), name).rejects.toBeInstanceOf(ForbiddenError);
    }
    for (const [name, write] of writes(mY)) {
      await expect(write(tree.recorderX), name).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(createMember(tree.recorderX, memberInput(tree.x.id))).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot()).toEqual(before);
  });

  test("an admin of G cannot touch members under the sibling G2, nor move anyone there", async () => {
    const before = await snapshot();
    await expect(getMemberDetail(tree.adminG, mY)).rejects.toBeInstanceOf(NotFoundError);
    for (const [name, write] of writes(mY)) {
      await expect(write(tree.adminG), name).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(createMember(tree.adminG, memberInput(tree.y.id))).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      transferMember(tree.adminG, { memberId: mX, version: 1, targetBranchId: tree.y.id, effectiveOn: "2025-01-01" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addTemporaryTransfer(tree.adminG, { memberId: mX, hostBranchId: tree.y.id, fromDate: "2025-01-01" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addResidenceLink(tree.adminG, { memberId: mX, residenceBranchId: tree.y.id, fromDate: "2025-01-01" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      assignPosition(tree.adminG, { memberId: mX, orgUnitId: tree.root.id, kind: "COMMITTEE_MEMBER", termFrom: "2025-01-01" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await listMembers(tree.adminG, {})).items.map((item) => item.id).sort()).toEqual([mX, mX2].sort());
    expect(await snapshot()).toEqual(before);
  });

  test("another tenant's member id is a 404 for reads and every write, even for a tenant admin", async () => {
    const before = await snapshot();
    await expect(getMemberDetail(tree.admin, foreign)).rejects.toBeInstanceOf(NotFoundError);
    for (const [name, write] of writes(foreign)) {
      await expect(write(tree.admin), name).rejects.toBeInstanceOf(NotFoundError);
    }
    // Another tenant's branch as a target is unknown too.
    await expect(createMember(tree.admin, memberInput(other.x.id))).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      transferMember(tree.admin, { memberId: mX, version: 1, targetBranchId: other.x.id, effectiveOn: "2025-01-01" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await listMembers(tree.admin, { q: "ngoai" })).items).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  test("a malformed id is a 404 like any unknown one", async () => {
    await expect(getMemberDetail(tree.admin, "../../etc")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMemberDetail(tree.admin, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("page data loaders", () => {
  test("the edit page and the change forms' choices follow the same rules", async () => {
    await expect(getMemberForEdit(tree.recorderX, mX)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMemberForEdit(tree.adminG, mY)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMemberForEdit(tree.admin, foreign)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMemberForEdit(tree.adminG, mX)).resolves.toMatchObject({ id: mX });

    expect(await getMemberManageOptions(tree.recorderX, mX)).toEqual({ branches: [], positionUnits: [], decidingMeetings: [] });
    await expect(getMemberManageOptions(tree.recorderX, mY)).rejects.toBeInstanceOf(NotFoundError);
    const options = await getMemberManageOptions(tree.adminG, mX);
    expect(options.branches?.map((b) => b.id)).toEqual([tree.x2.id]);
    expect(options.positionUnits.map((u) => u.id).sort()).toEqual([tree.g.id, tree.x.id, tree.group.id].sort());
  });

  test("branch choices stay inside the user's subtrees", async () => {
    expect((await getMemberFilterBranches(tree.recorderX))?.map((b) => b.id)).toEqual([tree.x.id]);
    expect(await getManagedBranches(tree.recorderX)).toEqual([]);
    expect((await getManagedBranches(tree.adminG))?.map((b) => b.id).sort()).toEqual([tree.x.id, tree.x2.id].sort());
    expect((await searchManagedBranches(tree.adminG, "chi bo phong")).map((b) => b.id).sort()).toEqual([tree.x.id, tree.x2.id].sort());
    expect(await searchManagedBranches(tree.recorderX, "chi bo")).toEqual([]);
    expect((await searchManagedBranches(tree.admin, "phong y")).map((b) => b.id)).toEqual([tree.y.id]);
    expect((await getMemberFilterBranches(other.admin))?.some((b) => b.id === tree.x.id)).toBe(false);
  });
});

describe("API route handlers", () => {
  const get = (id: string) => memberRoute.GET(apiRequest("GET", `/api/v1/members/${id}`), routeContext({ id }));

  test("without a session every handler answers 401 with a JSON error and a request id", async () => {
    const response = await membersRoute.GET(apiRequest("GET", "/api/v1/members"), routeContext({}));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.stringMatching(/đăng nhập/) });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get(mX)).status).toBe(401);
  });

  test("a RECORDER of X: X's member 200, Y's and another tenant's 404, writes refused", async () => {
    signIn(tree.recorderX);
    const list = await membersRoute.GET(apiRequest("GET", "/api/v1/members"), routeContext({}));
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([mX]);
    expect((await get(mX)).status).toBe(200);
    expect((await get(mY)).status).toBe(404);
    expect((await get(foreign)).status).toBe(404);

    const before = await snapshot();
    const patchOwn = await memberRoute.PATCH(apiRequest("PATCH", `/api/v1/members/${mX}`, { version: 1, phone: "0912345678" }), routeContext({ id: mX }));
    expect(patchOwn.status).toBe(403);
    const patchY = await memberRoute.PATCH(apiRequest("PATCH", `/api/v1/members/${mY}`, { version: 1, phone: "0912345678" }), routeContext({ id: mY }));
    expect(patchY.status).toBe(404);
    const transferOwn = await transferRoute.POST(
      apiRequest("POST", `/api/v1/members/${mX}/transfer`, { version: 1, targetBranchId: tree.x2.id, effectiveOn: "2025-01-01" }),
      routeContext({ id: mX }),
    );
    expect(transferOwn.status).toBe(403);
    const create = await membersRoute.POST(apiRequest("POST", "/api/v1/members", memberInput(tree.x.id)), routeContext({}));
    expect(create.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  test("an admin of G gets 404 for G2's member and cannot transfer into G2", async () => {
    signIn(tree.adminG);
    expect((await get(mY)).status).toBe(404);
    const before = await snapshot();
    const transfer = await transferRoute.POST(
      apiRequest("POST", `/api/v1/members/${mX}/transfer`, { version: 1, targetBranchId: tree.y.id, effectiveOn: "2025-01-01" }),
      routeContext({ id: mX }),
    );
    expect(transfer.status).toBe(404);
    const body = (await transfer.json()) as Record<string, unknown>;
    expect(body).toEqual({ error: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain(tree.y.name);
    const filtered = await membersRoute.GET(apiRequest("GET", `/api/v1/members?branch=${tree.y.id}`), routeContext({}));
    expect(((await filtered.json()) as { items: unknown[] }).items).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  test("another tenant's admin gets 404 for this tenant's ids", async () => {
    signIn(other.admin);
    expect((await get(mX)).status).toBe(404);
    const patch = await memberRoute.PATCH(apiRequest("PATCH", `/api/v1/members/${mX}`, { version: 1, phone: "0912345678" }), routeContext({ id: mX }));
    expect(patch.status).toBe(404);
  });

  test("a revoked grant applies at once: the next request is denied", async () => {
    signIn(tree.adminG);
    expect((await get(mX)).status).toBe(200);
    await ownerDb().roleGrant.deleteMany({ where: { tenantId: tree.tenantId, userId: tree.adminG.id } });
    expect((await get(mX)).status).toBe(404);
    await ownerDb().roleGrant.create({ data: { tenantId: tree.tenantId, userId: tree.adminG.id, role: "TENANT_ADMIN", orgUnitId: tree.g.id } });
  });
});
