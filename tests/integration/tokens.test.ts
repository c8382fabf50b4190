// Personal access tokens: a token acts with its user's grants (read fresh on every call), only its
// sha256 is stored, and revoked, expired, malformed or foreign tokens are refused.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as calendarRoute from "@/app/api/v1/calendar/route";
import * as minutesDocxRoute from "@/app/api/v1/meetings/[id]/minutes.docx/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import { authenticateToken, createToken, createTokenForUsername, listTokens, revokeToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type FixtureMeeting, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

let a: MeetingTenant;
let b: MeetingTenant;
let meetingA: FixtureMeeting;
let otherBranchMeeting: FixtureMeeting;
let meetingB: FixtureMeeting;

beforeAll(async () => {
  [a, b] = [await makeMeetingTenant(), await makeMeetingTenant()];
  meetingA = await makeMeeting({ tenant: a, state: "MINUTES_ADOPTED" });
  otherBranchMeeting = await makeMeeting({ tenant: a, branchId: a.other.id, state: "MINUTES_ADOPTED" });
  meetingB = await makeMeeting({ tenant: b, state: "MINUTES_ADOPTED" });
});

beforeEach(() => {
  session.current = null;
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function docx(meetingId: string, token: string): Promise<Response> {
  return minutesDocxRoute.GET(apiRequest("GET", `/api/v1/meetings/${meetingId}/minutes.docx`, undefined, bearer(token)), routeContext({ id: meetingId }));
}

describe("creating and storing", () => {
  test("the token is shown once; only its sha256 and a short prefix are stored", async () => {
    const created = await createToken(a.recorder, { name: "  Lịch trên điện thoại ", expiresInDays: 30 });
    expect(created.token).toMatch(/^sosh_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.name).toBe("Lịch trên điện thoại");
    const rows = await ownerDb().personalAccessToken.findMany({ where: { tenantId: a.tenantId, id: created.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(created.token.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(20);
    expect(JSON.stringify(row)).not.toContain(created.token);
    const expiresInDays = (row.expiresAt!.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(29.9);
    expect(expiresInDays).toBeLessThan(30.1);
    const audit = await ownerDb().auditEntry.findFirst({ where: { tenantId: a.tenantId, action: "token.create", entityId: created.id } });
    expect(JSON.stringify(audit?.after)).not.toContain(created.token);
  });

  test("a token needs a name; nothing is written without one", async () => {
    const before = await ownerDb().personalAccessToken.count({ where: { tenantId: a.tenantId } });
    await expect(createToken(a.recorder, { name: "   " })).rejects.toMatchObject({ status: 422, fieldErrors: { name: [expect.stringMatching(/Đặt tên/)] } });
    expect(await ownerDb().personalAccessToken.count({ where: { tenantId: a.tenantId } })).toBe(before);
  });

  test("expiry: 90 days by default, at most a year, never unlimited through the app; a clear message for a bad value", async () => {
    const byDefault = await createToken(a.recorder, { name: "Mặc định" });
    const days = (byDefault.expiresAt!.getTime() - byDefault.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    expect(byDefault.scope).toBe("READ");
    for (const bad of ["never", "0", 3650]) {
      await expect(createToken(a.recorder, { name: "Sai hạn", expiresInDays: bad })).rejects.toMatchObject({ status: 422 });
    }
    await expect(createToken(a.recorder, { name: "Sai hạn", expiresInDays: "0" })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { expiresInDays: ["Thời hạn ít nhất là 1 ngày."] },
    });
  });

  test("POST /api/v1/tokens answers the token once; GET never shows it again", async () => {
    session.current = { user: { id: a.leader.id }, tenantId: a.tenantId };
    const created = await tokensRoute.POST(apiRequest("POST", "/api/v1/tokens", { name: "Báo cáo tổng hợp", expiresInDays: 30, scope: "FULL" }), routeContext({}));
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; token: string; expiresAt: string | null; scope: string };
    expect(body.token).toMatch(/^sosh_pat_/);
    expect(body.expiresAt).not.toBeNull();
    expect(body.scope).toBe("FULL");
    const listed = await tokensRoute.GET(apiRequest("GET", "/api/v1/tokens"), routeContext({}));
    const text = await listed.text();
    expect(text).toContain(body.id);
    expect(text).not.toContain(body.token);
  });
});

describe("acting with the user's grants", () => {
  test("a recorder's token reads their branch's documents and nothing outside it (404)", async () => {
    const { token } = await createToken(a.recorder, { name: "Tích hợp", scope: "READ" });
    const own = await docx(meetingA.id, token);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toContain("wordprocessingml");
    expect((await docx(otherBranchMeeting.id, token)).status).toBe(404);
  });

  test("a revoked grant applies at once to the token", async () => {
    const { token } = await createToken(a.overseer, { name: "Theo dõi" });
    expect((await docx(meetingA.id, token)).status).toBe(200);
    const grant = await ownerDb().roleGrant.findFirstOrThrow({ where: { tenantId: a.tenantId, userId: a.overseer.id } });
    await ownerDb().roleGrant.delete({ where: { tenantId_id: { tenantId: a.tenantId, id: grant.id } } });
    expect((await docx(meetingA.id, token)).status).toBe(404);
  });

  test("another tenant's meeting is a 404 for the token, as for a session", async () => {
    const { token } = await createToken(a.reviewer, { name: "Thẩm định" });
    expect((await docx(meetingA.id, token)).status).toBe(200);
    expect((await docx(meetingB.id, token)).status).toBe(404);
  });

  test("lastUsedAt records the use", async () => {
    const created = await createToken(a.leader, { name: "Đo lần dùng" });
    expect(created.lastUsedAt).toBeNull();
    await calendarRoute.GET(apiRequest("GET", "/api/v1/calendar", undefined, bearer(created.token)), routeContext({}));
    const row = await ownerDb().personalAccessToken.findFirstOrThrow({ where: { tenantId: a.tenantId, id: created.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });
});

describe("refusals", () => {
  test("a revoked token is refused with 401, and revoking is idempotent", async () => {
    const created = await createToken(a.recorder, { name: "Sẽ thu hồi" });
    expect((await docx(meetingA.id, created.token)).status).toBe(200);
    const revoked = await revokeToken(a.recorder, { id: created.id });
    expect(revoked.revokedAt).not.toBeNull();
    expect((await revokeToken(a.recorder, { id: created.id })).revokedAt?.getTime()).toBe(revoked.revokedAt?.getTime());
    const refused = await docx(meetingA.id, created.token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toMatch(/đăng nhập/i);
    expect(await authenticateToken(created.token)).toBeNull();
  });

  test("an expired token is refused", async () => {
    const created = await createToken(a.recorder, { name: "Hết hạn", expiresInDays: 1 });
    await ownerDb().personalAccessToken.update({
      where: { tenantId_id: { tenantId: a.tenantId, id: created.id } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await docx(meetingA.id, created.token)).status).toBe(401);
  });

  test("a disabled account's token is refused", async () => {
    const user = b.recorder;
    const { token } = await createToken(user, { name: "Tài khoản bị khóa" });
    expect((await docx(meetingB.id, token)).status).toBe(200);
    await ownerDb().user.update({ where: { tenantId_id: { tenantId: b.tenantId, id: user.id } }, data: { disabled: true } });
    expect((await docx(meetingB.id, token)).status).toBe(401);
    await ownerDb().user.update({ where: { tenantId_id: { tenantId: b.tenantId, id: user.id } }, data: { disabled: false } });
  });

  test("a malformed or unknown bearer token is a 401 even with a valid session cookie (no fallback)", async () => {
    session.current = { user: { id: a.recorder.id }, tenantId: a.tenantId };
    const withCookie = await minutesDocxRoute.GET(apiRequest("GET", `/api/v1/meetings/${meetingA.id}/minutes.docx`), routeContext({ id: meetingA.id }));
    expect(withCookie.status).toBe(200);
    for (const header of ["Bearer", "Bearer not-a-token", `Bearer sosh_pat_${"x".repeat(43)}`, "Basic abc"]) {
      const response = await minutesDocxRoute.GET(
        apiRequest("GET", `/api/v1/meetings/${meetingA.id}/minutes.docx`, undefined, { authorization: header }),
        routeContext({ id: meetingA.id }),
      );
      expect(response.status, header).toBe(401);
    }
  });

  test("only the owner lists and revokes a token; another user's or tenant's id is a 404", async () => {
    const created = await createToken(a.recorder, { name: "Của bí thư" });
    expect((await listTokens(a.recorder2)).map((t) => t.id)).not.toContain(created.id);
    await expect(revokeToken(a.recorder2, { id: created.id })).rejects.toMatchObject({ status: 404 });
    await expect(revokeToken(b.admin, { id: created.id })).rejects.toMatchObject({ status: 404 });
    session.current = { user: { id: b.admin.id }, tenantId: b.tenantId };
    const response = await tokenRoute.DELETE(apiRequest("DELETE", `/api/v1/tokens/${created.id}`), routeContext({ id: created.id }));
    expect(response.status).toBe(404);
    expect(await authenticateToken(created.token)).not.toBeNull();
  });
});

describe("command line", () => {
  test("token create --user makes a working token for that account", async () => {
    const created = await createTokenForUsername(a.member.username.toUpperCase(), { name: "Máy chủ tích hợp" });
    expect(created.tenantId).toBe(a.tenantId);
    expect(created.scope).toBe("FULL");
    expect((await createTokenForUsername(a.member.username, { expiresInDays: null })).expiresAt).toBeNull();
    const principal = await authenticateToken(created.token);
    expect(principal).toMatchObject({ id: a.member.id, tenantId: a.tenantId });
    expect(principal?.grants.map((g) => g.role)).toEqual(["MEMBER"]);
    await expect(createTokenForUsername("khong-co-ai", {})).rejects.toMatchObject({ status: 404 });
  });
});
