// Account administration: creation with unique usernames and a temporary password, reset (which
// lifts a lockout and forces a change), disable/enable, grants inside the admin's subtree only,
// and the guards that keep an admin from locking themselves out.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";

// The session cookie is Auth.js's business; these tests hand getCurrentUser the identity directly.
const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string; sessionVersion?: number } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

import { authenticate } from "@/lib/auth/login";
import { getCurrentUser, requireUser } from "@/lib/auth/session";
import { ACCOUNT_POLICY } from "@/lib/auth/throttle";
import {
  createUser,
  getUserDetail,
  grantRole,
  listUsers,
  resetPassword,
  revokeRole,
  searchMembersForLink,
  setUserDisabled,
  updateUser,
} from "@/lib/accounts/users";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { ownerDb } from "../fixtures/db";
import { addAccount, addMember, caught, makeOrgTree, type AccountFixture, type OrgFixture } from "../fixtures/org-admin";

let t: OrgFixture;
let admin: AccountFixture;

const ip = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const name = () => `nv.${randomUUID().slice(0, 8)}`;
const stored = (id: string) => ownerDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } } });

beforeEach(async () => {
  t = await makeOrgTree();
  admin = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.root }]);
  session.current = null;
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

describe("creating an account", () => {
  it("stores a lowercase username, shows a generated password once, and forces a change at first sign-in", async () => {
    const username = name();
    const result = await createUser(admin, { username: `  ${username.toUpperCase()} `, displayName: "Nguyễn Thị Lan", passwordMode: "generate" });
    expect(result.username).toBe(username);
    expect(result.temporaryPassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    const user = await stored(result.id);
    expect(user).toMatchObject({ username, displayName: "Nguyễn Thị Lan", mustChangePassword: true, disabled: false });
    expect(user.passwordHash).not.toContain(result.temporaryPassword!);
    const login = await authenticate({ username, password: result.temporaryPassword!, ip: ip() });
    expect(login.ok).toBe(true);
    const entry = await ownerDb().auditEntry.findFirstOrThrow({ where: { tenantId: t.tenantId, entityId: result.id, action: "user.create" } });
    expect(JSON.stringify(entry.after)).not.toContain(result.temporaryPassword!);
  });

  it("refuses a username taken in any tenant, and a malformed one, with a field error", async () => {
    const other = await makeOrgTree();
    const taken = await addAccount(other.tenantId, []);
    const error = await caught(createUser(admin, { username: taken.username, displayName: "Người trùng tên" }), ValidationError);
    // Neutral: it does not say the name exists (in another tenant); security-findings.test.ts, finding 15.
    expect(error.fieldErrors.username?.[0]).toMatch(/^Không dùng được tên đăng nhập này/);
    const bad = await caught(createUser(admin, { username: "Lê Văn A", displayName: "Lê Văn A" }), ValidationError);
    expect(bad.fieldErrors.username?.[0]).toMatch(/chữ thường không dấu/);
  });

  it("checks a typed password, links a member in scope, and grants an initial role", async () => {
    const weak = await caught(createUser(admin, { username: name(), displayName: "Bí thư", passwordMode: "manual", password: "ngan" }), ValidationError);
    expect(weak.fieldErrors.password?.[0]).toMatch(/ít nhất 8 ký tự/);
    const memberId = await addMember(t.tenantId, t.b1, "Trần Văn Bí");
    const result = await createUser(admin, {
      username: name(),
      displayName: "Trần Văn Bí",
      passwordMode: "manual",
      password: "BiThu2026x",
      memberId,
      role: "RECORDER",
      orgUnitId: t.b1.id,
    });
    expect(result.temporaryPassword).toBeNull();
    const detail = await getUserDetail(admin, result.id);
    expect(detail?.member).toMatchObject({ id: memberId, branchName: "Chi bộ Văn phòng" });
    expect(detail?.grants.map((g) => [g.role, g.unit.id])).toEqual([["RECORDER", t.b1.id]]);
    const twice = await caught(createUser(admin, { username: name(), displayName: "Người khác", memberId }), ValidationError);
    expect(twice.fieldErrors.memberId?.[0]).toMatch(/đã có tài khoản/);
  });

  it("makes a subtree admin anchor the account inside their subtree", async () => {
    const adminOfG1 = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g1 }]);
    const orphan = await caught(createUser(adminOfG1, { username: name(), displayName: "Không thuộc đâu" }), ValidationError);
    expect(orphan.fieldErrors.memberId).toBeDefined();
    const outsider = await addMember(t.tenantId, t.b4, "Người Sở Hai");
    const outside = await caught(createUser(adminOfG1, { username: name(), displayName: "Người Sở Hai", memberId: outsider }), ValidationError);
    expect(outside.fieldErrors.memberId?.[0]).toMatch(/Không tìm thấy đảng viên/);
    expect((await searchMembersForLink(adminOfG1, "nguoi so hai"))).toEqual([]);
    expect((await searchMembersForLink(admin, "nguoi so hai")).map((m) => m.id)).toEqual([outsider]);
  });
});

describe("resetting a password", () => {
  it("lifts the account's login delay, replaces the password, and forces a change", async () => {
    // The delay is a second or two: the clock stands still (Date only), so a busy machine cannot let it run out.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date() });
    onTestFinished(() => void vi.useRealTimers());
    const user = await addAccount(t.tenantId, [{ role: "MEMBER", unit: t.b1 }]);
    for (let i = 0; i <= ACCOUNT_POLICY.free; i++) await authenticate({ username: user.username, password: "sai", ip: ip() });
    expect(await authenticate({ username: user.username, password: user.password, ip: ip() })).toMatchObject({ reason: "wait" });
    expect((await getUserDetail(admin, user.id))?.loginDelayUntil).not.toBeNull();

    const { temporaryPassword } = await resetPassword(admin, { id: user.id, version: 1 });
    expect(await ownerDb().loginThrottle.findUnique({ where: { key: `account:${user.username}` } })).toBeNull();
    expect(await stored(user.id)).toMatchObject({ mustChangePassword: true, version: 2 });
    expect((await authenticate({ username: user.username, password: user.password, ip: ip() })).ok).toBe(false);
    expect((await authenticate({ username: user.username, password: temporaryPassword, ip: ip() })).ok).toBe(true);
    const entry = await ownerDb().auditEntry.findFirstOrThrow({ where: { tenantId: t.tenantId, entityId: user.id, action: "user.resetPassword" } });
    expect(entry.after).toEqual({ mustChangePassword: true, lockoutCleared: true });

    await caught(resetPassword(admin, { id: user.id, version: 1 }), ConflictError);
  });

  it("sends a user with a temporary password to /account from every other page", async () => {
    const user = await addAccount(t.tenantId, [{ role: "MEMBER", unit: t.b1 }]);
    await resetPassword(admin, { id: user.id, version: 1 });
    // The reset ended every earlier session: this is the user's sign-in with the temporary password.
    session.current = { user: { id: user.id }, tenantId: t.tenantId, sessionVersion: (await stored(user.id)).sessionVersion };
    const redirect = await caught(requireUser(), Error);
    expect((redirect as Error & { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;.*;\/account;/);
    expect((await requireUser({ allowTemporaryPassword: true })).id).toBe(user.id);
  });
});

describe("disabling an account", () => {
  it("signs the user out at their next request and lets an admin enable them again (to sign in afresh)", async () => {
    const user = await addAccount(t.tenantId, [{ role: "RECORDER", unit: t.b1 }]);
    session.current = { user: { id: user.id }, tenantId: t.tenantId };
    expect((await getCurrentUser())?.id).toBe(user.id);

    await setUserDisabled(admin, { id: user.id, version: 1, disabled: true });
    expect(await getCurrentUser()).toBeNull();
    expect(await authenticate({ username: user.username, password: user.password, ip: ip() })).toEqual({ ok: false, reason: "disabled" });

    await setUserDisabled(admin, { id: user.id, version: 2, disabled: "false" });
    // Re-enabling does not bring the old session back (issue 13); a new sign-in works.
    expect(await getCurrentUser()).toBeNull();
    expect((await authenticate({ username: user.username, password: user.password, ip: ip() })).ok).toBe(true);
    const actions = await ownerDb().auditEntry.findMany({
      where: { tenantId: t.tenantId, entityId: user.id, action: { startsWith: "user." } },
      orderBy: { at: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["user.disable", "user.enable"]);
  });

  it("refuses an admin disabling their own account", async () => {
    const error = await caught(setUserDisabled(admin, { id: admin.id, version: 1, disabled: true }), ValidationError);
    expect(error.message).toMatch(/tự vô hiệu hóa/);
    expect((await stored(admin.id)).disabled).toBe(false);
  });
});

describe("granting and revoking roles", () => {
  it("grants inside the admin's subtree only, and never reveals accounts outside it", async () => {
    const adminOfG1 = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g1 }]);
    const clerk = await addAccount(t.tenantId, [{ role: "MEMBER", unit: t.b1 }]);
    const outside = await caught(grantRole(adminOfG1, { userId: clerk.id, role: "RECORDER", orgUnitId: t.b4.id }), ValidationError);
    expect(outside.fieldErrors.orgUnitId?.[0]).toMatch(/Không tìm thấy đơn vị/);
    await grantRole(adminOfG1, { userId: clerk.id, role: "RECORDER", orgUnitId: t.b1.id });
    const dup = await caught(grantRole(adminOfG1, { userId: clerk.id, role: "RECORDER", orgUnitId: t.b1.id }), ValidationError);
    expect(dup.fieldErrors.role?.[0]).toMatch(/đã có vai trò này/);
    // The root admin gives the clerk a role elsewhere: the clerk is no longer the g1 admin's to manage.
    await grantRole(admin, { userId: clerk.id, role: "LEADER", orgUnitId: t.g2.id });
    await caught(grantRole(adminOfG1, { userId: clerk.id, role: "MEMBER", orgUnitId: t.b2.id }), NotFoundError);
    await caught(resetPassword(adminOfG1, { id: clerk.id, version: 1 }), NotFoundError);
    expect(await getUserDetail(adminOfG1, clerk.id)).toBeNull();
    const entries = await ownerDb().auditEntry.findMany({ where: { tenantId: t.tenantId, entityId: clerk.id, action: "user.grantRole" } });
    expect(entries).toHaveLength(2);
  });

  it("lets only a TENANT_ADMIN at or above a unit make someone TENANT_ADMIN there", async () => {
    const adminOfG1 = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g1 }]);
    const clerk = await addAccount(t.tenantId, [{ role: "MEMBER", unit: t.b1 }]);
    await grantRole(adminOfG1, { userId: clerk.id, role: "TENANT_ADMIN", orgUnitId: t.sub.id });
    const above = await caught(grantRole(adminOfG1, { userId: clerk.id, role: "TENANT_ADMIN", orgUnitId: t.root.id }), ValidationError);
    expect(above.fieldErrors.orgUnitId).toBeDefined();
  });

  it("refuses removing an admin's own last TENANT_ADMIN grant, but allows it while another remains", async () => {
    const detail = await getUserDetail(admin, admin.id);
    const own = detail!.grants[0]!;
    expect(own.revocable).toBe(false);
    const error = await caught(revokeRole(admin, { userId: admin.id, grantId: own.id }), ValidationError);
    expect(error.message).toMatch(/quyền quản trị cuối cùng/);
    await grantRole(admin, { userId: admin.id, role: "TENANT_ADMIN", orgUnitId: t.g1.id });
    const second = (await getUserDetail(admin, admin.id))!.grants.find((g) => g.unit.id === t.g1.id)!;
    await revokeRole(admin, { userId: admin.id, grantId: second.id });
    expect(await ownerDb().roleGrant.count({ where: { tenantId: t.tenantId, userId: admin.id } })).toBe(1);
    const entry = await ownerDb().auditEntry.findFirstOrThrow({ where: { tenantId: t.tenantId, action: "user.revokeRole" } });
    expect(entry.before).toMatchObject({ role: "TENANT_ADMIN", orgUnitId: t.g1.id });
  });
});

describe("listing accounts", () => {
  it("shows a subtree admin only the accounts wholly inside their subtree, searchable without accents", async () => {
    const adminOfG1 = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g1 }]);
    const inside = await addAccount(t.tenantId, [{ role: "RECORDER", unit: t.b1 }], { displayName: "Đặng Thị Hoa" });
    const memberId = await addMember(t.tenantId, t.b3, "Phan Văn Liên");
    const linked = await addAccount(t.tenantId, [], { memberId, displayName: "Phan Văn Liên" });
    const straddling = await addAccount(t.tenantId, [{ role: "RECORDER", unit: t.b1 }, { role: "LEADER", unit: t.g2 }]);
    const anchorless = await addAccount(t.tenantId, []);

    const page = await listUsers(adminOfG1);
    const ids = page!.items.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([adminOfG1.id, inside.id, linked.id]));
    expect(ids).not.toContain(straddling.id);
    expect(ids).not.toContain(anchorless.id);
    expect(ids).not.toContain(admin.id);

    const all = await listUsers(admin);
    expect(all!.items.map((u) => u.id)).toEqual(expect.arrayContaining([straddling.id, anchorless.id, admin.id]));
    const search = await listUsers(admin, { q: "dang thi hoa" });
    expect(search!.items.map((u) => u.id)).toEqual([inside.id]);
    expect(search!.items[0]!.roles).toEqual(["RECORDER"]);

    const recorder = await addAccount(t.tenantId, [{ role: "RECORDER", unit: t.b1 }]);
    expect(await listUsers(recorder)).toBeNull();
  });

  it("pages by username without gaps or repeats", async () => {
    for (let i = 0; i < 52; i++) await addAccount(t.tenantId, [{ role: "MEMBER", unit: t.b2 }]);
    const first = await listUsers(admin);
    expect(first!.items).toHaveLength(50);
    const second = await listUsers(admin, { after: first!.nextAfter! });
    expect(second!.nextAfter).toBeNull();
    const all = [...first!.items, ...second!.items].map((u) => u.username);
    expect(all).toHaveLength(53);
    expect([...all].sort()).toEqual(all);
  });

  it("edits the display name with a version check", async () => {
    const user = await addAccount(t.tenantId, [{ role: "MEMBER", unit: t.b1 }]);
    await updateUser(admin, { id: user.id, version: 1, displayName: "  Ngô   Văn Tên  " });
    expect((await stored(user.id)).displayName).toBe("Ngô Văn Tên");
    await caught(updateUser(admin, { id: user.id, version: 1, displayName: "Tên khác" }), ConflictError);
  });
});

describe("the JSON API twins", () => {
  const call = <P,>(handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>, params: P, init?: RequestInit) =>
    handler(new Request("http://localhost/api/v1/x", { ...init, headers: { "content-type": "application/json", ...init?.headers } }), { params: Promise.resolve(params) });

  it("answers with the same rules and messages as the forms", async () => {
    const { POST: move } = await import("@/app/api/v1/org-units/[id]/move/route");
    const { GET: users } = await import("@/app/api/v1/users/route");
    const { POST: reset } = await import("@/app/api/v1/users/[id]/reset-password/route");

    session.current = null;
    expect((await call(users, {})).status).toBe(401);

    session.current = { user: { id: admin.id }, tenantId: t.tenantId };
    const cycle = await call(move, { id: t.g1.id }, { method: "POST", body: JSON.stringify({ version: 1, newParentId: t.sub.id }) });
    expect(cycle.status).toBe(422);
    expect((await cycle.json()).fieldErrors.newParentId[0]).toMatch(/bên trong chính nó/);

    const clerk = await addAccount(t.tenantId, [{ role: "MEMBER", unit: t.b1 }]);
    const ok = await call(reset, { id: clerk.id }, { method: "POST", body: JSON.stringify({ version: 1 }) });
    expect(ok.status).toBe(200);
    expect((await ok.json()).temporaryPassword).toMatch(/-/);

    const recorder = await addAccount(t.tenantId, [{ role: "RECORDER", unit: t.b1 }]);
    session.current = { user: { id: recorder.id }, tenantId: t.tenantId };
    expect((await call(users, {})).status).toBe(404);
    expect((await call(reset, { id: clerk.id }, { method: "POST", body: JSON.stringify({ version: 2 }) })).status).toBe(404);
  });
});
