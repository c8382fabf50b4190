// Planning meetings by hand, editing them, the meeting lists by scope, and the JSON twins
// (/api/v1/meetings, /transitions, /plans) over the same services. Signed in for the route
// handlers as in members-api.test.ts (only Auth.js's cookie decoding is replaced).
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as meetingsRoute from "@/app/api/v1/meetings/route";
import * as meetingRoute from "@/app/api/v1/meetings/[id]/route";
import * as transitionsRoute from "@/app/api/v1/meetings/[id]/transitions/route";
import * as plansRoute from "@/app/api/v1/plans/route";
import * as missingRoute from "@/app/api/v1/plans/missing/route";
import * as planRoute from "@/app/api/v1/plans/[branchId]/route";
import * as defaultsRoute from "@/app/api/v1/plans/[branchId]/defaults/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createMeeting, getMeeting, listMeetings, updateMeeting } from "@/lib/meetings/meetings";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

let t: MeetingTenant;
let otherTenant: MeetingTenant;

beforeAll(async () => {
  [t, otherTenant] = await Promise.all([makeMeetingTenant({ members: 3 }), makeMeetingTenant({ members: 1 })]);
});

beforeEach(() => signIn(t.recorder));

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function refusal<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

const stored = (id: string) =>
  ownerDb().meeting.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: t.tenantId, id } },
    select: { kind: true, hasThematicPart: true, title: true, topic: true, plannedStart: true, plannedEnd: true, place: true, version: true, planId: true },
  });

const input = (overrides: Record<string, unknown> = {}) => ({
  branchId: t.branch.id,
  kind: "REGULAR",
  title: "Sinh hoạt chi bộ thường kỳ tháng 12/2026",
  plannedStart: "2026-12-05T14:00",
  plannedEnd: "",
  place: "Phòng họp tầng 3",
  ...overrides,
});

describe("planning a meeting by hand", () => {
  test("local times are Vietnam times; without an end the minimum duration applies; the change is audited", async () => {
    const { id } = await createMeeting(t.recorder, input({ title: "  Sinh hoạt chi bộ   thường kỳ tháng 12/2026 " }));
    expect(await stored(id)).toMatchObject({
      kind: "REGULAR",
      hasThematicPart: false,
      title: "Sinh hoạt chi bộ thường kỳ tháng 12/2026",
      plannedStart: new Date("2026-12-05T07:00:00.000Z"),
      plannedEnd: new Date("2026-12-05T08:30:00.000Z"),
      place: "Phòng họp tầng 3",
      version: 1,
    });
    const audit = await ownerDb().auditEntry.findMany({ where: { tenantId: t.tenantId, entityId: id, action: "meeting.create" }, select: { actorUserId: true, after: true } });
    expect(audit).toEqual([{ actorUserId: t.recorder.id, after: expect.objectContaining({ state: "PLANNED", plannedStart: "2026-12-05T07:00:00.000Z" }) }]);

    const combined = await createMeeting(t.recorder, input({ kind: "COMBINED", topic: "Chuyển đổi số", hasThematicPart: "" }));
    const row = await stored(combined.id);
    expect(row.hasThematicPart).toBe(true);
    expect(row.plannedEnd!.getTime() - row.plannedStart.getTime()).toBe(120 * 60_000);
  });

  test("bad input gets the field's Vietnamese message and nothing is written", async () => {
    const before = await ownerDb().meeting.count({ where: { tenantId: t.tenantId } });
    const backwards = await refusal(createMeeting(t.recorder, input({ plannedEnd: "2026-12-05T13:00" })), ValidationError);
    expect(backwards.fieldErrors.plannedEnd).toEqual(["Thời gian kết thúc phải sau thời gian bắt đầu."]);
    const noTopic = await refusal(createMeeting(t.recorder, input({ kind: "THEMATIC" })), ValidationError);
    expect(noTopic.fieldErrors.topic).toEqual(["Vui lòng nhập chủ đề của phần sinh hoạt chuyên đề."]);
    const badDate = await refusal(createMeeting(t.recorder, input({ plannedStart: "2026-02-30T14:00" })), ValidationError);
    expect(badDate.fieldErrors.plannedStart).toBeDefined();
    const shortTitle = await refusal(createMeeting(t.recorder, input({ title: "ab" })), ValidationError);
    expect(shortTitle.fieldErrors.title).toBeDefined();
    expect(await ownerDb().meeting.count({ where: { tenantId: t.tenantId } })).toBe(before);
  });

  test("a closed branch, a committee, another branch and read-only roles are refused", async () => {
    const recorderOfClosed: Principal = { id: t.recorder.id, tenantId: t.tenantId, grants: [{ role: "RECORDER", orgUnitId: t.closed.id, path: t.closed.path }] };
    const closed = await refusal(createMeeting(recorderOfClosed, input({ branchId: t.closed.id, plannedStart: "2025-01-10T14:00" })), ValidationError);
    expect(closed.fieldErrors.plannedStart?.[0]).toBe(
      "Chi bộ Phòng đã giải thể đã ngừng hoạt động từ sau ngày 31/12/2024; không thể lên lịch sinh hoạt vào ngày 10/01/2025.",
    );
    // Its last active day is still fine.
    await expect(createMeeting(recorderOfClosed, input({ branchId: t.closed.id, plannedStart: "2024-12-31T08:00" }))).resolves.toHaveProperty("id");

    const recorderOfG: Principal = { id: t.recorder.id, tenantId: t.tenantId, grants: [{ role: "RECORDER", orgUnitId: t.g.id, path: t.g.path }] };
    const committee = await refusal(createMeeting(recorderOfG, input({ branchId: t.g.id })), ValidationError);
    expect(committee.fieldErrors.branchId).toBeDefined();

    const elsewhere = await refusal(createMeeting(t.recorder2, input()), ValidationError);
    expect(elsewhere.fieldErrors.branchId).toEqual(["Không tìm thấy chi bộ này trong phạm vi của bạn."]);
    await refusal(createMeeting(otherTenant.recorder, input()), ValidationError);
    await refusal(createMeeting(t.overseer, input()), ForbiddenError);
    await refusal(createMeeting(t.admin, input()), ForbiddenError);
  });
});

describe("editing a meeting", () => {
  test("version-checked; moving the start keeps the planned length; only changed fields are audited", async () => {
    const meeting = await makeMeeting({ tenant: t, plannedStart: "2026-12-12T07:00:00Z", plannedEnd: "2026-12-12T09:00:00Z" });
    const values = { id: meeting.id, kind: "REGULAR", title: "Sinh hoạt chi bộ thường kỳ", plannedStart: "2026-12-13T08:00", place: "Phòng họp tầng 2" };
    expect(await updateMeeting(t.recorder, { ...values, version: 1 })).toEqual({ id: meeting.id, version: 2 });
    expect(await stored(meeting.id)).toMatchObject({ plannedStart: new Date("2026-12-13T01:00:00Z"), plannedEnd: new Date("2026-12-13T03:00:00Z"), version: 2 });

    const stale = await refusal(updateMeeting(t.recorder, { ...values, title: "Tên khác hẳn", version: 1 }), ConflictError);
    expect(stale.message).toContain("vừa được người khác cập nhật");
    expect((await stored(meeting.id)).title).toBe("Sinh hoạt chi bộ thường kỳ");

    const audit = await ownerDb().auditEntry.findMany({
      where: { tenantId: t.tenantId, entityId: meeting.id, action: "meeting.update" },
      select: { before: true, after: true },
    });
    expect(audit).toEqual([
      {
        before: { plannedStart: "2026-12-12T07:00:00.000Z", plannedEnd: "2026-12-12T09:00:00.000Z" },
        after: { plannedStart: "2026-12-13T01:00:00.000Z", plannedEnd: "2026-12-13T03:00:00.000Z" },
      },
    ]);
  });

  test("a meeting already held cannot be edited; other branches cannot see it", async () => {
    const held = await makeMeeting({ tenant: t, state: "HELD" });
    const values = { id: held.id, version: 1, kind: "REGULAR", title: "Sinh hoạt chi bộ", plannedStart: "2025-03-05T14:00" };
    const error = await refusal(updateMeeting(t.recorder, values), ValidationError);
    expect(error.message).toBe("Kỳ sinh hoạt đã diễn ra; không thể sửa phần chuẩn bị nữa.");
    await refusal(updateMeeting(t.recorder2, values), NotFoundError);
    await refusal(updateMeeting(t.overseer, values), ForbiddenError);
  });
});

describe("lists and the meeting page by scope", () => {
  test("each role sees the meetings of its subtree; members their branch; other tenants nothing", async () => {
    const local = await makeMeetingTenant({ members: 2 });
    const inBranch = await makeMeeting({ tenant: local, plannedStart: "2026-12-05T07:00:00Z" });
    const inBranch2 = await makeMeeting({ tenant: local, branchId: local.branch2.id, plannedStart: "2026-11-05T07:00:00Z", state: "HELD" });
    const inOther = await makeMeeting({ tenant: local, branchId: local.other.id, plannedStart: "2026-10-05T07:00:00Z", kind: "THEMATIC", topic: "Chủ đề" });
    const now = new Date("2026-11-21T03:00:00Z");
    const ids = async (user: Principal, query: Record<string, unknown> = {}) => {
      const list = await listMeetings(user, query, now);
      return { upcoming: list.upcoming.map((m) => m.id), past: list.past.map((m) => m.id) };
    };
    expect(await ids(local.recorder)).toEqual({ upcoming: [inBranch.id], past: [] });
    expect(await ids(local.member)).toEqual({ upcoming: [inBranch.id], past: [] });
    expect(await ids(local.overseer)).toEqual({ upcoming: [inBranch.id], past: [inBranch2.id] });
    expect(await ids(local.leader)).toEqual({ upcoming: [inBranch.id], past: [inBranch2.id, inOther.id] });
    expect(await ids(otherTenant.leader)).toEqual({ upcoming: [], past: [] });

    expect(await ids(local.leader, { month: "2026-10" })).toEqual({ upcoming: [], past: [inOther.id] });
    expect(await ids(local.leader, { state: "HELD" })).toEqual({ upcoming: [], past: [inBranch2.id] });
    expect(await ids(local.leader, { kind: "THEMATIC" })).toEqual({ upcoming: [], past: [inOther.id] });
    expect(await ids(local.leader, { branchId: local.branch.id })).toEqual({ upcoming: [inBranch.id], past: [] });
    // Unknown filter values are ignored rather than failing the page.
    expect(await ids(local.recorder, { state: "NOPE", month: "2026-13" })).toEqual({ upcoming: [inBranch.id], past: [] });

    const page = await getMeeting(local.recorder, inBranch.id);
    expect(page.can).toEqual({ read: true, edit: true, record: true, transitions: expect.arrayContaining(["hold", "notify", "postpone", "cancel"]) });
    expect((await getMeeting(local.member, inBranch.id)).can).toEqual({ read: false, edit: false, record: false, transitions: [] });
    await refusal(getMeeting(local.recorder2, inBranch.id), NotFoundError);
    await refusal(getMeeting(otherTenant.leader, inBranch.id), NotFoundError);
  });
});

describe("JSON twins", () => {
  test("POST /api/v1/meetings → 201 with the meeting; bad input → 422 with field errors; foreign → 404", async () => {
    const created = await meetingsRoute.POST(apiRequest("POST", "/api/v1/meetings", input({ plannedStart: "2026-12-20T07:30:00+07:00" })), routeContext({}));
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; plannedStart: string; state: string; version: number; can: { transitions: string[] } };
    expect(body).toMatchObject({ plannedStart: "2026-12-20T00:30:00.000Z", state: "PLANNED", version: 1 });

    const bad = await meetingsRoute.POST(apiRequest("POST", "/api/v1/meetings", input({ plannedEnd: "2026-12-05T10:00" })), routeContext({}));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.plannedEnd).toBeDefined();

    signIn(t.recorder2);
    expect((await meetingRoute.GET(apiRequest("GET", `/api/v1/meetings/${body.id}`), routeContext({ id: body.id }))).status).toBe(404);
    signIn(otherTenant.recorder);
    expect((await meetingRoute.GET(apiRequest("GET", `/api/v1/meetings/${body.id}`), routeContext({ id: body.id }))).status).toBe(404);

    signIn(t.recorder);
    const patched = await meetingRoute.PATCH(
      apiRequest("PATCH", `/api/v1/meetings/${body.id}`, { version: 1, kind: "EXTRAORDINARY", title: "Sinh hoạt đột xuất", plannedStart: "2026-12-21T14:00" }),
      routeContext({ id: body.id }),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ kind: "EXTRAORDINARY", version: 2, plannedStart: "2026-12-21T07:00:00.000Z" });
    const stale = await meetingRoute.PATCH(
      apiRequest("PATCH", `/api/v1/meetings/${body.id}`, { version: 1, kind: "REGULAR", title: "Sinh hoạt", plannedStart: "2026-12-21T14:00" }),
      routeContext({ id: body.id }),
    );
    expect(stale.status).toBe(409);

    const list = await meetingsRoute.GET(apiRequest("GET", "/api/v1/meetings?month=2026-12&kind=EXTRAORDINARY"), routeContext({}));
    expect(((await list.json()) as { upcoming: { id: string }[] }).upcoming.map((m) => m.id)).toEqual([body.id]);
  });

  test("POST /api/v1/meetings/{id}/transitions: 200 with from/to; a missing reason 422; a reviewer-only move 403", async () => {
    const meeting = await makeMeeting({ tenant: t, plannedStart: "2026-12-26T07:00:00Z" });
    const call = (payload: Record<string, unknown>) =>
      transitionsRoute.POST(apiRequest("POST", `/api/v1/meetings/${meeting.id}/transitions`, payload), routeContext({ id: meeting.id }));
    const noReason = await call({ transition: "postpone", version: 1 });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.reason).toEqual(["Vui lòng nhập lý do (ít nhất 3 ký tự)."]);
    const ok = await call({ transition: "postpone", version: 1, reason: "Trùng lịch tiếp công dân" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ from: "PLANNED", to: "POSTPONED", version: 2, meeting: { state: "POSTPONED", stateReason: "Trùng lịch tiếp công dân" } });
    expect((await call({ transition: "replan", version: 1 })).status).toBe(409);
    signIn(t.overseer);
    expect((await call({ transition: "replan", version: 2 })).status).toBe(403);
    expect((await call({ transition: "nonsense", version: 2 })).status).toBe(422);
  });

  test("plans: POST creates (201) then updates (200); GET the plan; PUT defaults; missing plans for leaders only", async () => {
    signIn(t.recorder2);
    const first = await plansRoute.POST(apiRequest("POST", "/api/v1/plans", { branchId: t.branch2.id, year: 2032, topics: [{ quarter: 1, title: "Nghị quyết" }] }), routeContext({}));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ created: 16, version: 1 });
    const again = await plansRoute.POST(apiRequest("POST", "/api/v1/plans", { branchId: t.branch2.id, year: 2032, version: 1 }), routeContext({}));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: 0, version: 2 });

    const view = await planRoute.GET(apiRequest("GET", `/api/v1/plans/${t.branch2.id}?year=2032`), routeContext({ branchId: t.branch2.id }));
    const plan = (await view.json()) as { plan: { topics: { quarter: number; title: string }[] }; meetings: unknown[]; branch: { version: number } };
    expect(plan.meetings).toHaveLength(16);
    expect(plan.plan.topics).toEqual([{ quarter: 1, title: "Nghị quyết", description: null }]);

    const defaults = await defaultsRoute.PUT(
      apiRequest("PUT", `/api/v1/plans/${t.branch2.id}/defaults`, { version: plan.branch.version, meetingDay: 29 }),
      routeContext({ branchId: t.branch2.id }),
    );
    expect(defaults.status).toBe(422);
    const saved = await defaultsRoute.PUT(
      apiRequest("PUT", `/api/v1/plans/${t.branch2.id}/defaults`, { version: plan.branch.version, meetingDay: 15, meetingTime: "08:00" }),
      routeContext({ branchId: t.branch2.id }),
    );
    expect(saved.status).toBe(200);

    expect((await missingRoute.GET(apiRequest("GET", "/api/v1/plans/missing?year=2032"), routeContext({}))).status).toBe(403);
    signIn(t.leader);
    const missing = await missingRoute.GET(apiRequest("GET", "/api/v1/plans/missing?year=2032"), routeContext({}));
    expect(((await missing.json()) as { rows: { id: string }[] }).rows.map((r) => r.id).sort()).toEqual([t.branch.id, t.other.id].sort());
    signIn(otherTenant.leader);
    expect((await planRoute.GET(apiRequest("GET", `/api/v1/plans/${t.branch2.id}?year=2032`), routeContext({ branchId: t.branch2.id }))).status).toBe(404);
  });
});
