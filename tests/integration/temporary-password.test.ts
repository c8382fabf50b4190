// A user whose password was reset (a temporary password, mustChangePassword) may do one thing until
// they change it: change it. Pages redirect them to /account (requireUser); these tests cover the two
// other doors, the server actions (defineAction) and the /api/v1 route handlers (apiRoute).
//
// Signed in as in subtree-denial.test.ts: only Auth.js's cookie decoding is replaced (vi.mock of
// "@/lib/auth/auth"); getCurrentUser loads the user, flag and grants from the database. Next.js's
// cache invalidation needs a request scope that tests do not have, so revalidatePath is a no-op.
import { afterAll, beforeEach, describe, expect, test, vi } from "vitest";

const session = vi.hoisted(() => ({
  current: null as { user: { id: string }; tenantId: string; sessionVersion?: number } | null,
  /** What Auth.js's signIn does for the password change's fresh session (set below). */
  renew: async () => {},
}));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current, signIn: async () => session.renew() }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { changePasswordAction } from "@/app/(app)/account/actions";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import * as orgUnitsRoute from "@/app/api/v1/org-units/route";
import type { Principal } from "@/lib/auth/permissions";
import { resetPassword } from "@/lib/accounts/users";
import { db } from "@/lib/db/client";
import { ownerDb } from "@/tests/fixtures/db";
import { apiRequest, routeContext } from "@/tests/fixtures/members";
import { addAccount, makeOrgTree, type AccountFixture, type OrgFixture } from "@/tests/fixtures/org-admin";

const REFUSAL = "Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục.";

let t: OrgFixture;
/** TENANT_ADMIN on g1 whose password the chief admin has just reset. */
let admin: AccountFixture;
let temporaryPassword: string;

/** A session as a sign-in makes it now: with the account's current session version. */
async function signIn(user: Principal): Promise<void> {
  const row = await ownerDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, select: { sessionVersion: true } });
  session.current = { user: { id: user.id }, tenantId: user.tenantId, sessionVersion: row.sessionVersion };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const newUnit = () => ({ parentId: t.g1.id, name: "Chi bộ Phòng Mới", kind: "BRANCH", activeFrom: "2024-01-01" });
const unitCount = () => ownerDb().orgUnit.count({ where: { tenantId: t.tenantId } });
const userCount = () => ownerDb().user.count({ where: { tenantId: t.tenantId } });
const auditCount = () => ownerDb().auditEntry.count({ where: { tenantId: t.tenantId } });

beforeEach(async () => {
  t = await makeOrgTree();
  const chief = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.root }]);
  admin = await addAccount(t.tenantId, [{ role: "TENANT_ADMIN", unit: t.g1 }]);
  // The real way to get a temporary password: an admin above resets it.
  ({ temporaryPassword } = await resetPassword(chief, { id: admin.id, version: 1 }));
  // Signing in with the temporary password (the reset ended every earlier session).
  await signIn(admin);
  session.renew = () => signIn(admin);
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

/** The change; a success redirects to the account page (NEXT_REDIRECT), reported here as { ok: true }. */
async function changeToOwnPassword(currentPassword = temporaryPassword) {
  try {
    return await changePasswordAction(null, form({ currentPassword, newPassword: "RiengToi2027", confirmPassword: "RiengToi2027" }));
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT") && digest.includes("/account?done=password")) return { ok: true as const, data: null };
    throw error;
  }
}

describe("/api/v1 with a temporary password", () => {
  test("reads and writes are refused with 403 and the Vietnamese message; nothing is written", async () => {
    const [units, audits] = await Promise.all([unitCount(), auditCount()]);

    const read = await orgUnitsRoute.GET(apiRequest("GET", "/api/v1/org-units"), routeContext({}));
    expect(read.status).toBe(403);
    expect(await read.json()).toEqual({ error: REFUSAL });
    expect(read.headers.get("X-Request-Id")).toBeTruthy();

    const write = await orgUnitsRoute.POST(apiRequest("POST", "/api/v1/org-units", newUnit()), routeContext({}));
    expect(write.status).toBe(403);
    expect(((await write.json()) as { error: string }).error).toBe(REFUSAL);

    expect(await unitCount()).toBe(units);
    expect(await auditCount()).toBe(audits);
  });

  test("once the password is changed, the same calls go through", async () => {
    expect((await changeToOwnPassword()).ok).toBe(true);
    const read = await orgUnitsRoute.GET(apiRequest("GET", "/api/v1/org-units"), routeContext({}));
    expect(read.status).toBe(200);
    const write = await orgUnitsRoute.POST(apiRequest("POST", "/api/v1/org-units", newUnit()), routeContext({}));
    expect(write.status).toBe(201);
  });

  test("a signed-out caller is still a 401, not told about passwords", async () => {
    session.current = null;
    const response = await orgUnitsRoute.GET(apiRequest("GET", "/api/v1/org-units"), routeContext({}));
    expect(response.status).toBe(401);
  });
});

describe("server actions with a temporary password", () => {
  const createUserForm = () =>
    form({ username: `nv.${Date.now().toString(36)}`, displayName: "Nguyễn Thị Mới", passwordMode: "generate", role: "RECORDER", orgUnitId: t.b1.id });

  test("an ordinary action is refused with the message (no field errors) and writes nothing", async () => {
    const [users, audits] = await Promise.all([userCount(), auditCount()]);
    const result = await createUserAction(null, createUserForm());
    expect(result).toEqual({ ok: false, error: REFUSAL });
    // Refused before the input is even read: a broken form gets the same answer, not field errors.
    expect(await createUserAction(null, form({ username: "" }))).toEqual({ ok: false, error: REFUSAL });
    expect(await userCount()).toBe(users);
    expect(await auditCount()).toBe(audits);
  });

  test("the password change itself runs (and still checks the current password)", async () => {
    const wrong = await changeToOwnPassword("khong-phai-mat-khau-tam");
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["Mật khẩu hiện tại không đúng."] } });

    expect(await changeToOwnPassword()).toEqual({ ok: true, data: null });
    const stored = await ownerDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: admin.id } } });
    expect(stored.mustChangePassword).toBe(false);

    // From now on the admin works normally.
    const created = await createUserAction(null, createUserForm());
    expect(created.ok).toBe(true);
  });
});
