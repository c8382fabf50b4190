// The JSON twins of the record screens: same services and schemas, errors as JSON with an HTTP
// status. Signed in as in members-api.test.ts (only Auth.js's cookie decoding is replaced).
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as attendanceRoute from "@/app/api/v1/meetings/[id]/attendance/route";
import * as markRoute from "@/app/api/v1/meetings/[id]/attendance/[memberId]/route";
import * as allPresentRoute from "@/app/api/v1/meetings/[id]/attendance/all-present/route";
import * as timesRoute from "@/app/api/v1/meetings/[id]/attendance/times/route";
import * as minutesRoute from "@/app/api/v1/meetings/[id]/minutes/route";
import * as speechesRoute from "@/app/api/v1/meetings/[id]/speeches/route";
import * as resolutionRoute from "@/app/api/v1/meetings/[id]/resolution/route";
import * as tasksRoute from "@/app/api/v1/meetings/[id]/tasks/route";
import * as resultRoute from "@/app/api/v1/tasks/[id]/result/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";
import { at14 } from "@/tests/fixtures/record";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 3 });
});

beforeEach(() => signIn(t.recorder));

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

describe("attendance", () => {
  test("a tap, all present, the figures; a non-member is a 422 with the field; another branch's recorder a 404", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14("2025-03-05") });
    const [a, b] = t.members.map((m) => m.id) as [string, string];
    const path = `/api/v1/meetings/${meeting.id}/attendance`;
    let response = await markRoute.PUT(apiRequest("PUT", `${path}/${a}`, { status: "ABSENT_EXCUSED", reason: "Đi công tác" }), routeContext({ id: meeting.id, memberId: a }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ memberId: a, status: "ABSENT_EXCUSED", reason: "Đi công tác", changed: true });

    response = await markRoute.PUT(apiRequest("PUT", `${path}/${t.members2[0]!.id}`, { status: "PRESENT" }), routeContext({ id: meeting.id, memberId: t.members2[0]!.id }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ fieldErrors: { memberId: [expect.stringContaining("không có trong danh sách")] } });

    response = await allPresentRoute.POST(apiRequest("POST", `${path}/all-present`), routeContext({ id: meeting.id }));
    expect(await response.json()).toEqual({ present: 2, exempt: 0, elsewhere: 0, kept: 1 });

    response = await attendanceRoute.GET(apiRequest("GET", path), routeContext({ id: meeting.id }));
    const sheet = (await response.json()) as { figures: Record<string, unknown>; roll: { memberId: string; mark: string }[] };
    expect(sheet.figures).toMatchObject({ complete: true, present: 2, denominator: 3, ratePercent: 66.7, absentExcused: 1 });
    expect(sheet.roll.find((m) => m.memberId === b)?.mark).toBe("PRESENT");

    signIn(t.recorderOther);
    response = await markRoute.PUT(apiRequest("PUT", `${path}/${a}`, { status: "PRESENT" }), routeContext({ id: meeting.id, memberId: a }));
    expect(response.status).toBe(404);
    // A body that is not JSON never reaches the service.
    signIn(t.recorder);
    response = await markRoute.PUT(apiRequest("PUT", `${path}/${a}`, "status=PRESENT", { "content-type": "application/x-www-form-urlencoded" }), routeContext({ id: meeting.id, memberId: a }));
    expect(response.status).toBe(415);
  });

  test("times: end before start is a 422 with the Vietnamese message; a stale version a 409", async () => {
    const meeting = await makeMeeting({ tenant: t, plannedStart: at14("2025-03-12") });
    const path = `/api/v1/meetings/${meeting.id}/attendance/times`;
    let response = await timesRoute.PUT(
      apiRequest("PUT", path, { version: 1, actualStart: "2025-03-12T07:00:00Z", actualEnd: "2025-03-12T06:00:00Z" }),
      routeContext({ id: meeting.id }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ fieldErrors: { actualEnd: ["Giờ kết thúc phải sau giờ bắt đầu."] } });
    response = await timesRoute.PUT(apiRequest("PUT", path, { version: 1, actualStart: "2025-03-12T14:00", actualEnd: "2025-03-12T15:45" }), routeContext({ id: meeting.id }));
    expect(await response.json()).toEqual({ version: 2 });
    response = await timesRoute.PUT(apiRequest("PUT", path, { version: 1, actualStart: "2025-03-12T14:00" }), routeContext({ id: meeting.id }));
    expect(response.status).toBe(409);
  });
});

describe("minutes, speeches, resolution, tasks", () => {
  test("the record through the API: stale minutes 409, a speech, a vote over the voters 422, a task and its result", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-04-05"), attendance: "present" });
    const next = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-05-05"), attendance: "present" });
    const ctx = routeContext({ id: meeting.id });
    const base = `/api/v1/meetings/${meeting.id}`;
    let response = await minutesRoute.PUT(apiRequest("PUT", `${base}/minutes`, { version: 0, opening: "Khai mạc", proceedings: "Thảo luận", closing: "Bế mạc" }), ctx);
    expect(await response.json()).toEqual({ version: 1 });
    response = await minutesRoute.PUT(apiRequest("PUT", `${base}/minutes`, { version: 0, opening: "Bản khác" }), ctx);
    expect(response.status).toBe(409);

    response = await speechesRoute.POST(apiRequest("POST", `${base}/speeches`, { memberId: t.members[1]!.id, summary: "Nhất trí với báo cáo" }), ctx);
    expect(response.status).toBe(201);
    response = await minutesRoute.GET(apiRequest("GET", `${base}/minutes`), ctx);
    expect(await response.json()).toMatchObject({ minutes: { version: 1, opening: "Khai mạc" }, speakers: { speakers: 1, present: 3, sharePercent: 33.3 } });

    response = await resolutionRoute.PUT(
      apiRequest("PUT", `${base}/resolution`, { version: 0, body: "Nghị quyết", votesFor: 3, votesAgainst: 1, votesAbstain: 0, voteMethod: "SHOW_OF_HANDS" }),
      ctx,
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { fieldErrors: { votesFor: string[] } }).fieldErrors.votesFor[0]).toContain(
      "Tổng số phiếu vượt quá số đảng viên chính thức có mặt",
    );
    response = await resolutionRoute.PUT(
      apiRequest("PUT", `${base}/resolution`, { version: 0, body: "Nghị quyết", votesFor: 3, votesAgainst: 0, votesAbstain: 0, voteMethod: "SHOW_OF_HANDS" }),
      ctx,
    );
    expect(await response.json()).toMatchObject({ version: 1, voteValid: true, voteDenominator: 3 });
    response = await resolutionRoute.GET(apiRequest("GET", `${base}/resolution`), ctx);
    expect(await response.json()).toMatchObject({ resolution: { votesFor: 3, voteValid: true } });

    response = await tasksRoute.POST(apiRequest("POST", `${base}/tasks`, { memberId: t.members[0]!.id, content: "Rà soát hồ sơ", deadline: "2025-04-30" }), ctx);
    expect(response.status).toBe(201);
    const { id: taskId } = (await response.json()) as { id: string };
    response = await resultRoute.PUT(apiRequest("PUT", `/api/v1/tasks/${taskId}/result`, { result: "PARTLY", resultPercent: 80 }), routeContext({ id: taskId }));
    expect(await response.json()).toMatchObject({ reportMeetingId: next.id, result: "PARTLY", resultPercent: 80 });
    response = await tasksRoute.GET(apiRequest("GET", `/api/v1/meetings/${next.id}/tasks`), routeContext({ id: next.id }));
    expect(await response.json()).toMatchObject({ targets: { due: 1, met: 0.8, sharePercent: 80 } });

    // A member of the branch (meeting.attendOwn) cannot write the record.
    signIn(t.member);
    response = await minutesRoute.PUT(apiRequest("PUT", `${base}/minutes`, { version: 1, opening: "x" }), ctx);
    expect(response.status).toBe(403);
  });
});
