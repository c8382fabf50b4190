// Issue 13: each numbered finding of the outside attack, as the attacker reproduced it, through the
// same route handlers and actions a browser or script reaches. Signed in as elsewhere (only Auth.js's
// cookie decoding is replaced: the session carries the user, the tenant and the session version).
// Findings 3, 11 and 13 are in security-login.test.ts, 8 in security-xlsx.test.ts, 12 in
// tests/unit/security-uploads.test.ts; the permanent attack suite is security-attack.test.ts.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as allPresentRoute from "@/app/api/v1/meetings/[id]/attendance/all-present/route";
import * as guestsRoute from "@/app/api/v1/meetings/[id]/attendance/guests/route";
import * as confirmRoute from "@/app/api/v1/meetings/[id]/scorecard/confirm/route";
import * as speechesRoute from "@/app/api/v1/meetings/[id]/speeches/route";
import * as minutesDocxRoute from "@/app/api/v1/meetings/[id]/minutes.docx/route";
import * as membersRoute from "@/app/api/v1/members/route";
import * as myRoute from "@/app/api/v1/my/route";
import * as notificationsRoute from "@/app/api/v1/notifications/route";
import * as orgUnitRoute from "@/app/api/v1/org-units/[id]/route";
import * as exportRoute from "@/app/api/v1/oversight/export/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as usersRoute from "@/app/api/v1/users/route";
import * as calendarIcsRoute from "@/app/api/v1/calendar.ics/route";
import { searchMembersAction, searchGrantUnitsAction } from "@/app/(app)/admin/users/actions";
import { searchUnitsAction } from "@/app/(app)/org/actions";
import { searchBranchesAction } from "@/app/(app)/members/actions";
import { changePassword } from "@/lib/auth/account";
import { createCalendarToken, createToken } from "@/lib/auth/tokens";
import { createUser, resetPassword, setUserDisabled } from "@/lib/accounts/users";
import { db } from "@/lib/db/client";
import { meetingDocument } from "@/lib/documents/export";
import { markAttendance } from "@/lib/meetings/attendance";
import { submitSelfScore } from "@/lib/scoring/workflow";
import { layoutFor } from "@/lib/scoring/layout";
import { HD42_2025 } from "@/lib/scoring/rubrics";
import { ownerDb } from "@/tests/fixtures/db";
import { makeTenantUser } from "@/tests/fixtures/dashboard";
import { makeMeeting, makeMeetingTenant, type FixtureUser, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string; sessionVersion?: number } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current, signIn: async () => undefined, signOut: async () => undefined }));

/** Signs in as the user with the account's current session version (as a fresh login would). */
async function signIn(user: { id: string; tenantId: string }): Promise<void> {
  const row = await ownerDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, select: { sessionVersion: true } });
  session.current = { user: { id: user.id }, tenantId: user.tenantId, sessionVersion: row.sessionVersion };
}

let a: MeetingTenant;
let b: MeetingTenant;

beforeAll(async () => {
  [a, b] = [await makeMeetingTenant({ members: 5 }), await makeMeetingTenant({ members: 2 })];
});

beforeEach(() => {
  session.current = null;
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const NOVEMBER = "2025-11-05T07:00:00.000Z";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ctx = <P extends Record<string, string>>(params: P = {} as P) => routeContext(params);
const status = async (response: Promise<Response> | Response) => (await response).status;

describe("finding 1: the calendar link's token is a calendar token and nothing else", () => {
  test("it reads the feed, and is refused on members, guests and token minting (403), whatever it tries", async () => {
    const meeting = await makeMeeting({ tenant: a, state: "NOTIFIED", plannedStart: "2030-03-05T07:00:00.000Z" });
    await signIn(a.recorder);
    // What "Tạo liên kết lịch" (app/(app)/calendar/actions.ts) makes.
    const { token } = await createCalendarToken(a.recorder, "Lịch sinh hoạt (iCal)");
    session.current = null;

    const feed = await calendarIcsRoute.GET(apiRequest("GET", `/api/v1/calendar.ics?token=${token}`));
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");

    expect(await status(membersRoute.GET(apiRequest("GET", "/api/v1/members", undefined, bearer(token)), ctx()))).toBe(403);
    const guest = await guestsRoute.POST(
      apiRequest("POST", `/api/v1/meetings/${meeting.id}/attendance/guests`, { name: "Người lạ" }, bearer(token)),
      ctx({ id: meeting.id }),
    );
    expect(guest.status).toBe(403);
    expect(await ownerDb().meetingGuest.count({ where: { tenantId: a.tenantId, meetingId: meeting.id } })).toBe(0);
    const minted = await tokensRoute.POST(apiRequest("POST", "/api/v1/tokens", { name: "Cửa hậu", expiresInDays: 3650 }, bearer(token)), ctx());
    expect(minted.status).toBe(403);
    expect(await ownerDb().personalAccessToken.count({ where: { tenantId: a.tenantId, userId: a.recorder.id, name: "Cửa hậu" } })).toBe(0);
  });

  test("no token mints tokens; a READ token reads but does not write; a FULL token in a calendar URL is refused", async () => {
    const full = await createToken(a.recorder, { name: "Toàn quyền", scope: "FULL", expiresInDays: 30 });
    const read = await createToken(a.recorder, { name: "Chỉ đọc", scope: "READ", expiresInDays: 30 });
    expect(await status(tokensRoute.POST(apiRequest("POST", "/api/v1/tokens", { name: "x" }, bearer(full.token)), ctx()))).toBe(403);
    expect(await status(membersRoute.GET(apiRequest("GET", "/api/v1/members", undefined, bearer(read.token)), ctx()))).toBe(200);
    const meeting = await makeMeeting({ tenant: a, state: "NOTIFIED", plannedStart: "2030-04-05T07:00:00.000Z" });
    const write = (token: string) =>
      guestsRoute.POST(apiRequest("POST", `/api/v1/meetings/${meeting.id}/attendance/guests`, { name: "Khách mời" }, bearer(token)), ctx({ id: meeting.id }));
    expect(await status(write(read.token))).toBe(403);
    expect(await status(write(full.token))).toBe(201);
    expect(await status(calendarIcsRoute.GET(apiRequest("GET", `/api/v1/calendar.ics?token=${full.token}`)))).toBe(401);
  });
});

describe("finding 2: sessions can be revoked", () => {
  const my = () => myRoute.GET(apiRequest("GET", "/api/v1/my"), ctx());

  test("a cookie from before a logout, a password change or a reset answers 401; a fresh one works", async () => {
    const user = await makeTenantUser(a, "MEMBER", a.branch);
    await signIn(user);
    const stolen = session.current;
    expect(await status(my())).toBe(200);

    // Logout (Auth.js's sign-out and the app's both end in this event handler).
    const { endSessionsOnSignOut } = await import("@/lib/auth/session-version");
    await endSessionsOnSignOut({ sub: user.id, tid: user.tenantId, sv: stolen!.sessionVersion });
    expect(await status(my())).toBe(401);

    // A stale cookie signing out must not end the sessions opened after it.
    await signIn(user);
    const fresh = session.current;
    await endSessionsOnSignOut({ sub: user.id, tid: user.tenantId, sv: stolen!.sessionVersion });
    session.current = fresh;
    expect(await status(my())).toBe(200);

    await ownerDb().user.update({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, data: { passwordHash: await (await import("@/lib/auth/password")).hashPassword("Cu@2026xx") } });
    await changePassword(user, { currentPassword: "Cu@2026xx", newPassword: "Moi@2027yy", confirmPassword: "Moi@2027yy" });
    expect(await status(my())).toBe(401);

    await signIn(user);
    const beforeReset = session.current;
    const version = (await ownerDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } } })).version;
    await resetPassword(a.admin, { id: user.id, version });
    session.current = beforeReset;
    expect(await status(my())).toBe(401);
  });

  test("re-enabling a disabled user brings back neither their old cookies nor their tokens", async () => {
    const user = a.recorder2;
    await signIn(user);
    const cookie = session.current;
    const { token } = await createToken(user, { name: "Tích hợp", scope: "READ" });
    const viaToken = () => myRoute.GET(apiRequest("GET", "/api/v1/my", undefined, bearer(token)), ctx());
    expect(await status(viaToken())).toBe(200);

    const row = () => ownerDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } } });
    await setUserDisabled(a.admin, { id: user.id, version: (await row()).version, disabled: true });
    await setUserDisabled(a.admin, { id: user.id, version: (await row()).version, disabled: false });
    session.current = cookie;
    expect(await status(my())).toBe(401);
    session.current = null;
    expect(await status(viaToken())).toBe(401);
  });

  test("revoking a role ends the account's sessions", async () => {
    const user = await makeTenantUser(a, "LEADER", a.root);
    await signIn(user);
    const cookie = session.current;
    const grant = await ownerDb().roleGrant.findFirstOrThrow({ where: { tenantId: a.tenantId, userId: user.id } });
    const { revokeRole } = await import("@/lib/accounts/users");
    await revokeRole(a.admin, { userId: user.id, grantId: grant.id });
    session.current = cookie;
    expect(await status(my())).toBe(401);
  });
});

describe("finding 4: an overseer confirms only the branches he follows", () => {
  const FULL = Object.fromEntries(
    layoutFor(HD42_2025, false)
      .criteria.filter((c) => c.applicable && c.criterion.mode === "MANUAL")
      .map((c) => [c.criterion.code, c.maxTenths / 10]),
  );

  test("without an assignment or delegation for the branch: 403 and the card stays SELF_SCORED", async () => {
    const meeting = await makeMeeting({ tenant: a, state: "MINUTES_ADOPTED", plannedStart: NOVEMBER });
    await submitSelfScore(a.recorder, { meetingId: meeting.id, version: 0, marks: FULL, voteFor: 5, voteAgainst: 0, voteAbstain: 0 });
    await signIn(a.overseer);
    const response = await confirmRoute.POST(
      apiRequest("POST", `/api/v1/meetings/${meeting.id}/scorecard/confirm`, { version: 1, mode: "confirm" }),
      ctx({ id: meeting.id }),
    );
    expect(response.status).toBe(403);
    const stored = await ownerDb().meeting.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: meeting.id } }, select: { state: true } });
    expect(stored.state).toBe("SELF_SCORED");
  });
});

describe("finding 5: PATCH changes only what is sent", () => {
  test("a PATCH of name and kind keeps the unit's code, category and committee", async () => {
    await ownerDb().orgUnit.update({
      where: { tenantId_id: { tenantId: a.tenantId, id: a.branch.id } },
      data: { code: "CB-01", category: "ADMIN_PUBLIC", hasCommittee: true },
    });
    const unit = await ownerDb().orgUnit.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: a.branch.id } } });
    await signIn(a.admin);
    const response = await orgUnitRoute.PATCH(
      apiRequest("PATCH", `/api/v1/org-units/${a.branch.id}`, { version: unit.version, name: "Chi bộ Một (đổi tên)", kind: unit.kind }),
      ctx({ id: a.branch.id }),
    );
    expect(response.status).toBe(200);
    const after = await ownerDb().orgUnit.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: a.branch.id } } });
    expect(after).toMatchObject({ name: "Chi bộ Một (đổi tên)", code: "CB-01", category: "ADMIN_PUBLIC", hasCommittee: true });
    const unknown = await orgUnitRoute.PATCH(
      apiRequest("PATCH", `/api/v1/org-units/${a.branch.id}`, { version: after.version, parentId: a.g2.id }),
      ctx({ id: a.branch.id }),
    );
    expect(unknown.status).toBe(422);
  });
});

describe("finding 6: hostile queries and bodies are 422 or 404, never 500", () => {
  test("a query the schema refuses, NUL characters and lone surrogates in bodies and queries", async () => {
    const meeting = await makeMeeting({ tenant: a, state: "HELD", plannedStart: NOVEMBER, attendance: "present" });
    await signIn(a.admin);
    expect(await status(notificationsRoute.GET(apiRequest("GET", "/api/v1/notifications?unread=abc"), ctx()))).toBe(422);
    expect(await status(usersRoute.GET(apiRequest("GET", "/api/v1/users?q=a%00b"), ctx()))).toBe(422);
    expect(await status(usersRoute.GET(apiRequest("GET", "/api/v1/users?after=%00"), ctx()))).toBe(422);
    expect(await status(exportRoute.GET(apiRequest("GET", "/api/v1/oversight/export?unit=%00"), ctx()))).toBe(422);
    expect(await status(tokensRoute.POST(apiRequest("POST", "/api/v1/tokens", '{"name":"a\\u0000b"}'), ctx()))).toBe(422);
    expect(await status(tokensRoute.POST(apiRequest("POST", "/api/v1/tokens", '{"name":"a\\ud800b"}'), ctx()))).toBe(422);
    await signIn(a.recorder);
    const speech = await speechesRoute.POST(
      apiRequest("POST", `/api/v1/meetings/${meeting.id}/speeches`, `{"memberId":"${a.members[0]!.id}","summary":"Phát biểu\\u0000"}`),
      ctx({ id: meeting.id }),
    );
    expect(speech.status).toBe(422);
    expect(await ownerDb().speech.count({ where: { tenantId: a.tenantId, meetingId: meeting.id } })).toBe(0);
  });

  test("an empty `user=` on the oversight export is 'no user', and the XLSX arrives whole", async () => {
    await signIn(a.leader);
    const response = await exportRoute.GET(apiRequest("GET", "/api/v1/oversight/export?year=2025&user="), ctx());
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets[0]?.getRow(2).getCell(1).text).not.toBe("");
    expect(await status(exportRoute.GET(apiRequest("GET", "/api/v1/oversight/export?user=not-an-id"), ctx()))).toBe(404);
  });

  test("searchUnitsAction with a malformed argument answers an empty list", async () => {
    await signIn(a.admin);
    const malformed = searchUnitsAction as unknown as (...args: unknown[]) => Promise<unknown>;
    expect(await malformed("nonsense", null, "chi")).toEqual([]);
    expect(await malformed({ purpose: "grant" }, 42, ["x"])).toEqual([]);
    expect(await malformed("grant", null, "chi\u0000")).toEqual([]);
    expect(((await searchUnitsAction("grant", null, "chi")) as unknown[]).length).toBeGreaterThan(0);
  });
});

describe("finding 7: cross-site form posts are refused, whatever the body", () => {
  test("a bodiless all-present from another site marks nobody (403)", async () => {
    // Today's meeting: attendance opens on the meeting day (attendance.openDaysBefore = 0).
    const meeting = await makeMeeting({ tenant: a, state: "PLANNED", plannedStart: new Date().toISOString() });
    await signIn(a.recorder);
    const forged = (headers: Record<string, string>) =>
      allPresentRoute.POST(apiRequest("POST", `/api/v1/meetings/${meeting.id}/attendance/all-present`, undefined, headers), ctx({ id: meeting.id }));
    expect(await status(forged({ origin: "https://evil.example", host: "localhost" }))).toBe(403);
    expect(await status(forged({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }))).toBe(403);
    expect(await status(forged({ "sec-fetch-site": "same-site" }))).toBe(403);
    expect(await ownerDb().attendance.count({ where: { tenantId: a.tenantId, meetingId: meeting.id } })).toBe(0);
    // The page itself (same origin) still works.
    expect(await status(forged({ "sec-fetch-site": "same-origin", origin: "http://localhost", host: "localhost" }))).toBe(200);
  });
});

describe("finding 9: the audit chain is exact under concurrency", () => {
  test("50 concurrent taps on one member chain before → after; 50 identical first taps write one 'created' entry", async () => {
    const meeting = await makeMeeting({ tenant: a, state: "HELD", plannedStart: NOVEMBER });
    const [one, two] = [a.members[1]!.id, a.members[2]!.id];
    const statuses = ["PRESENT", "ABSENT_UNEXCUSED", "PRESENT", "ABSENT_EXCUSED"] as const;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const status = statuses[i % statuses.length]!;
        return markAttendance(a.recorder, { meetingId: meeting.id, memberId: one, status, reason: status === "ABSENT_EXCUSED" ? "Đi công tác" : undefined });
      }),
    );
    await Promise.all(Array.from({ length: 50 }, () => markAttendance(a.recorder, { meetingId: meeting.id, memberId: two, status: "PRESENT" })));

    const entries = await ownerDb().auditEntry.findMany({
      where: { tenantId: a.tenantId, entityId: meeting.id, action: "attendance.mark" },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { at: true, before: true, after: true },
    });
    const of = (memberId: string) => entries.filter((e) => (e.after as { memberId: string }).memberId === memberId);
    expect(of(two).filter((e) => e.before === null)).toHaveLength(1);
    expect(of(two)).toHaveLength(1);

    const chain = of(one);
    expect(chain.filter((e) => e.before === null)).toHaveLength(1);
    const final = await ownerDb().attendance.findFirstOrThrow({ where: { tenantId: a.tenantId, meetingId: meeting.id, memberId: one } });
    expect(chainsExactly(chain, { status: final.status, reason: final.reason })).toBe(true);
  });
});

type Mark = { status: string; reason: string | null };
const mark = (value: unknown): Mark | null => (value ? { status: (value as Mark).status, reason: (value as Mark).reason ?? null } : null);
const same = (x: Mark | null, y: Mark | null) => (x === null ? y === null : y !== null && x.status === y.status && x.reason === y.reason);

/**
 * Whether the entries, in time order, form one chain: each `before` is the previous `after`, the
 * first has none and the last `after` is the stored row. Entries stamped in the same millisecond
 * may be in either order, so ties are tried both ways.
 */
function chainsExactly(entries: { at: Date; before: unknown; after: unknown }[], final: Mark): boolean {
  const walk = (index: number, state: Mark | null, used: Set<number>): boolean => {
    if (used.size === entries.length) return same(state, final);
    const at = entries[index]!.at.getTime();
    for (let i = index; i < entries.length && entries[i]!.at.getTime() === at; i += 1) {
      if (used.has(i) || !same(mark(entries[i]!.before), state)) continue;
      const next = new Set(used).add(i);
      let nextIndex = index;
      while (next.has(nextIndex)) nextIndex += 1;
      if (walk(nextIndex, mark(entries[i]!.after), next)) return true;
    }
    return false;
  };
  return entries.length > 0 && walk(0, null, new Set());
}

describe("finding 10: a temporary password stops the picker searches too", () => {
  test("the account, member and unit searches answer nothing until the password is changed", async () => {
    await signIn(a.admin);
    expect((await searchMembersAction("nguyen")).length).toBeGreaterThan(0);
    await ownerDb().user.update({ where: { tenantId_id: { tenantId: a.tenantId, id: a.admin.id } }, data: { mustChangePassword: true } });
    try {
      expect(await searchMembersAction("nguyen")).toEqual([]);
      expect(await searchGrantUnitsAction("chi")).toEqual([]);
      expect(await searchUnitsAction("grant", null, "chi")).toEqual([]);
      expect(await searchBranchesAction("chi")).toEqual([]);
    } finally {
      await ownerDb().user.update({ where: { tenantId_id: { tenantId: a.tenantId, id: a.admin.id } }, data: { mustChangePassword: false } });
    }
  });
});

describe("finding 14: members see in documents what they see in JSON", () => {
  test("the member version of the minutes (DOCX and print) names no absence reason", async () => {
    const meeting = await makeMeeting({ tenant: a, state: "MINUTES_ADOPTED", plannedStart: NOVEMBER, attendance: "present", minutes: true, resolution: true });
    await ownerDb().attendance.updateMany({
      where: { tenantId: a.tenantId, meetingId: meeting.id, memberId: a.members[3]!.id },
      data: { status: "ABSENT_EXCUSED", reason: "Điều trị bệnh riêng tư" },
    });
    const member = a.member as FixtureUser;
    const forMember = JSON.stringify(await meetingDocument(member, meeting.id, "minutes"));
    expect(forMember).not.toContain("Điều trị bệnh riêng tư");
    const forRecorder = JSON.stringify(await meetingDocument(a.recorder, meeting.id, "minutes"));
    expect(forRecorder).toContain("Điều trị bệnh riêng tư");
    await signIn(member);
    const docx = await minutesDocxRoute.GET(apiRequest("GET", `/api/v1/meetings/${meeting.id}/minutes.docx`), ctx({ id: meeting.id }));
    expect(docx.status).toBe(200);
    const text = Buffer.from(await docx.arrayBuffer());
    const { docxParagraphs } = await import("@/tests/fixtures/docx");
    expect(docxParagraphs(text).join("\n")).not.toContain("riêng tư");
  });
});

describe("finding 15: usernames do not reveal other tenants", () => {
  test("a name taken in tenant A reads in tenant B exactly like any unusable name, without saying it exists", async () => {
    const elsewhere = await createUser(a.admin, { username: `trung-ten-${Date.now()}`, displayName: "Người ở A" });
    const clash = await createUser(b.admin, { username: elsewhere.username, displayName: "Người ở B" }).then(
      () => null,
      (error: { fieldErrors?: Record<string, string[]> }) => error,
    );
    const message = clash?.fieldErrors?.username?.[0] ?? "";
    expect(message).not.toMatch(/đã (được )?dùng|đã có|tồn tại|đơn vị khác/i);
    const local = await createUser(a.admin, { username: elsewhere.username, displayName: "Trùng ở A" }).then(
      () => null,
      (error: { fieldErrors?: Record<string, string[]> }) => error,
    );
    expect(local?.fieldErrors?.username?.[0]).toBe(message);
  });
});
