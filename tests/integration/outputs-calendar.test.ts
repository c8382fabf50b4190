// The calendar (/calendar, /api/v1/calendar, the iCal feed) and the members' view (/my): who sees
// which meetings, with the times in Vietnam, and a member's own attendance and tasks.
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as icsRoute from "@/app/api/v1/calendar.ics/route";
import * as myRoute from "@/app/api/v1/my/route";
import { createCalendarToken, revokeToken } from "@/lib/auth/tokens";
import { calendarItems } from "@/lib/calendar/upcoming";
import { memberOverview } from "@/lib/calendar/member-view";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type FixtureMeeting, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

const DAY = 86_400_000;
let t: MeetingTenant;
let own: FixtureMeeting;
let sibling: FixtureMeeting;
let cancelled: FixtureMeeting;
let farAway: FixtureMeeting;

/** 14:00 in Vietnam, `days` from today. */
function at14(days: number): Date {
  const now = new Date();
  const vnMidnight = now.getTime() - ((now.getTime() + 7 * 3_600_000) % DAY);
  return new Date(vnMidnight + days * DAY + 14 * 3_600_000);
}

beforeAll(async () => {
  t = await makeMeetingTenant();
  own = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14(5), title: "Sinh hoạt chi bộ tháng tới", place: "Phòng họp số 2, tầng 3" });
  sibling = await makeMeeting({ tenant: t, branchId: t.branch2.id, plannedStart: at14(6), title: "Họp chi bộ Kế hoạch" });
  cancelled = await makeMeeting({ tenant: t, state: "CANCELLED", plannedStart: at14(8), stateReason: "Trùng lịch hội nghị" });
  farAway = await makeMeeting({ tenant: t, plannedStart: at14(200), title: "Kỳ họp xa" });
});

beforeEach(() => {
  session.current = null;
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function feed(token: string): Promise<Response> {
  return icsRoute.GET(apiRequest("GET", `/api/v1/calendar.ics?token=${encodeURIComponent(token)}`));
}

describe("calendar", () => {
  test("a member sees their branch's meetings only; the overseer also the sibling branch, with why", async () => {
    const window = { from: new Date(), to: new Date(Date.now() + 90 * DAY) };
    const mine = await calendarItems(t.member, window);
    expect(mine.map((i) => i.id)).toEqual([own.id, cancelled.id]);
    expect(mine[0]).toMatchObject({ relation: "member", place: "Phòng họp số 2, tầng 3" });
    // No plannedEnd given: the fixture's two hours.
    expect(mine[0]!.plannedEnd.getTime() - mine[0]!.plannedStart.getTime()).toBe(2 * 3_600_000);
    const overseen = await calendarItems(t.overseer, window);
    expect(overseen.map((i) => i.id)).toEqual([own.id, sibling.id, cancelled.id]);
    expect(new Set(overseen.map((i) => i.relation))).toEqual(new Set(["OVERSEER"]));
    expect((await calendarItems(t.recorderOther, window)).map((i) => i.id)).toEqual([]);
    expect((await calendarItems(t.member, { from: new Date(), to: new Date(Date.now() + 400 * DAY) })).map((i) => i.id)).toContain(farAway.id);
  });

  test("the iCal feed with a token: one VEVENT per meeting, local times, stable UIDs, cancelled marked", async () => {
    const { token } = await createCalendarToken(t.member, "Lịch điện thoại");
    const response = await feed(token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = await response.text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain(`UID:meeting-${own.id}@so-sinh-hoat-chi-bo`);
    expect(ics).not.toContain(sibling.id);
    const start = own.plannedStart;
    const local = new Date(start.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, "");
    expect(ics).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${local}T140000`);
    expect(ics).toContain("LOCATION:Phòng họp số 2\\, tầng 3");
    expect(ics).toMatch(new RegExp(`UID:meeting-${cancelled.id}[\\s\\S]*?STATUS:CANCELLED`));
    expect(ics).toContain("Trùng lịch hội nghị");
    expect(ics).toContain(`URL:http://localhost/meetings/${own.id}`);
    // Same meeting, same UID on the next fetch.
    expect(await (await feed(token)).text()).toContain(`UID:meeting-${own.id}@so-sinh-hoat-chi-bo`);
  });

  test("a revoked or made-up token gets a 401 with what to do, never someone else's calendar", async () => {
    const created = await createCalendarToken(t.member, "Sẽ thu hồi");
    await revokeToken(t.member, { id: created.id });
    const response = await feed(created.token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/Liên kết lịch không hợp lệ/);
    expect((await feed("abc")).status).toBe(401);
    expect((await icsRoute.GET(apiRequest("GET", "/api/v1/calendar.ics"))).status).toBe(401);
  });
});

describe("members' view", () => {
  const now = new Date("2026-11-21T03:00:00.000Z");

  test("own attendance this year with the excused streak, tasks with results, documents and upcoming meetings", async () => {
    const me = t.members[0]!.id;
    const months = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
    const marks = ["PRESENT", "ABSENT_EXCUSED", "ABSENT_EXCUSED", "ABSENT_EXCUSED", "ABSENT_UNEXCUSED"] as const;
    const heldMeetings: FixtureMeeting[] = [];
    for (const [i, month] of months.entries()) {
      heldMeetings.push(
        await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: `${month}-05T07:00:00.000Z`, title: `Sinh hoạt tháng ${i + 6}`, attendance: { [me]: marks[i]! } }),
      );
    }
    const lastYear = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: "2025-12-05T07:00:00.000Z", attendance: { [me]: "ABSENT_UNEXCUSED" } });
    const upcoming = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: "2026-12-05T07:00:00.000Z", title: "Sinh hoạt tháng 12" });
    await withTenant(t.tenantId, async (tx) => {
      await tx.taskAssignment.createMany({
        data: [
          { tenantId: t.tenantId, meetingId: heldMeetings[4]!.id, memberId: me, content: "Viết báo cáo chuyên đề", deadline: fixtureDay("2026-11-30"), reportMeetingId: upcoming.id },
          { tenantId: t.tenantId, meetingId: heldMeetings[0]!.id, memberId: me, content: "Rà soát hồ sơ", deadline: fixtureDay("2026-07-01"), result: "PARTLY", resultPercent: 60 },
          { tenantId: t.tenantId, meetingId: heldMeetings[0]!.id, memberId: t.members[1]!.id, content: "Không phải của tôi", deadline: fixtureDay("2026-07-01") },
        ],
      });
      await tx.meetingDocument.create({
        data: {
          tenantId: t.tenantId,
          meetingId: upcoming.id,
          kind: "CONTENT",
          title: "Dự thảo nghị quyết tháng 12",
          fileName: "du-thao.pdf",
          mimeType: "application/pdf",
          sizeBytes: 1234,
          sha256: "0".repeat(64),
          storageKey: `${t.tenantId}/00000000-0000-0000-0000-000000000000`,
          postedAt: new Date("2026-11-20T01:00:00.000Z"),
          postedById: t.recorder.id,
        },
      });
    });

    const view = await memberOverview(t.member, now);
    expect(view).not.toBeNull();
    expect(view!.member).toMatchObject({ id: me, branch: { id: t.branch.id } });
    expect(view!.attendance.counts).toMatchObject({ PRESENT: 1, ABSENT_EXCUSED: 3, ABSENT_UNEXCUSED: 1 });
    expect(view!.attendance.due).toBe(5);
    expect(view!.attendance.rate).toEqual({ num: 100, den: 5 });
    // The unexcused absence in October ends the excused run (3, the limit, not above it).
    expect(view!.attendance.streak).toMatchObject({ current: 0, longest: 3, longestViolates: false });
    // December 2025 belongs to last year.
    expect(view!.attendance.unexcused).toMatchObject({ count: 1, months: [10], status: "OK" });
    expect(view!.past.map((m) => m.id)).not.toContain(lastYear.id);
    expect(view!.past[0]).toMatchObject({ id: heldMeetings[4]!.id, mark: "ABSENT_UNEXCUSED", readable: true, hasMinutes: true });
    expect(view!.upcoming.map((m) => m.id)).toContain(upcoming.id);
    expect(view!.tasks.map((task) => task.content)).toEqual(["Rà soát hồ sơ", "Viết báo cáo chuyên đề"]);
    expect(view!.tasks[1]!.reportMeeting?.id).toBe(upcoming.id);
    expect(view!.documents.map((d) => d.title)).toEqual(["Dự thảo nghị quyết tháng 12"]);
  });

  test("an account without a linked member gets the explanation, not someone's data", async () => {
    expect(await memberOverview(t.recorder, now)).toBeNull();
    session.current = { user: { id: t.recorder.id }, tenantId: t.tenantId };
    const response = await myRoute.GET(apiRequest("GET", "/api/v1/my"), routeContext({}));
    expect(await response.json()).toEqual({ linked: false });
  });
});
