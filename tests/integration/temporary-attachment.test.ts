// Issue 14 item 2: a member temporarily attached to another branch of the tenant (sinh hoạt tạm
// thời, SPEC §1.3) is on the HOST's roll during the attachment — marked there, counted in its D_att
// and quorum, voting there — and ELSEWHERE at home (not counted absent). Before, the host's tap said
// "not on the roll" and the host's D_att left them out. The member's own page (/my) lists the
// host's meetings of the attachment, and the member may open them (read only) while the meeting's
// day falls within the attachment — before, /my listed them unlinked and the page said 404.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as meetingRoute from "@/app/api/v1/meetings/[id]/route";
import type { Principal } from "@/lib/auth/permissions";
import { memberOverview } from "@/lib/calendar/member-view";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { loadMeeting } from "@/lib/meetings/access";
import { attendanceSheetJson, getAttendanceSheet, markAllPresent, markAttendance } from "@/lib/meetings/attendance";
import { transition } from "@/lib/meetings/lifecycle";
import { getMeeting, getMeetingHub } from "@/lib/meetings/meetings";
import { addTemporaryTransfer } from "@/lib/org/member-lifecycle";
import { deriveManyMeetingFacts, deriveMeetingFacts } from "@/lib/scoring/meeting-facts";
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
let guestId: string;

beforeAll(async () => {
  t = await makeMeetingTenant();
  // members[0] of `branch` (the MEMBER account) is attached to branch2 for April 2025.
  guestId = t.members[0]!.id;
  await addTemporaryTransfer(t.admin, { memberId: guestId, hostBranchId: t.branch2.id, fromDate: "2025-04-01", toDate: "2025-04-30", reason: "Biệt phái" });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const facts = (user: MeetingTenant["recorder"], meetingId: string) =>
  withTenant(t.tenantId, async (tx) => (await deriveMeetingFacts(tx, await loadMeeting(tx, user, meetingId))).facts);

describe("temporary attachment as a roll state", () => {
  test("at the host: on the roll with the home branch named, marked, counted in D_att (one fact, single and bulk)", async () => {
    const meeting = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "NOTIFIED", plannedStart: at14("2025-04-10") });
    const sheet = await getAttendanceSheet(t.recorder2, meeting.id);
    const row = attendanceSheetJson(sheet).roll.find((m) => m.memberId === guestId);
    expect(row).toMatchObject({ attachedElsewhere: false, attachedFrom: "Chi bộ Phòng Ngân sách", mark: null });

    await markAttendance(t.recorder2, { meetingId: meeting.id, memberId: guestId, status: "PRESENT" });
    await markAttendance(t.recorder2, { meetingId: meeting.id, memberId: t.members2[0]!.id, status: "PRESENT" });
    await markAttendance(t.recorder2, { meetingId: meeting.id, memberId: t.members2[1]!.id, status: "ABSENT_EXCUSED", reason: "Ốm" });
    const json = attendanceSheetJson(await getAttendanceSheet(t.recorder2, meeting.id));
    expect(json.figures).toMatchObject({ present: 2, denominator: 3 });

    const single = await facts(t.recorder2, meeting.id);
    expect(single).toMatchObject({ present: 2, attendanceDenominator: 3 });
    const many = await withTenant(t.tenantId, async (tx) => deriveManyMeetingFacts(tx, t.tenantId, [await loadMeeting(tx, t.recorder2, meeting.id)]));
    expect(many.get(meeting.id)!.facts).toEqual(single);
  });

  test("at home during the attachment: ELSEWHERE, not due; before and after it, due at home and not on the host's roll", async () => {
    const during = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14("2025-04-12") });
    const result = await markAllPresent(t.recorder, { meetingId: during.id });
    expect(result).toMatchObject({ present: 4, elsewhere: 1 });
    const json = attendanceSheetJson(await getAttendanceSheet(t.recorder, during.id));
    expect(json.roll.find((m) => m.memberId === guestId)).toMatchObject({ attachedElsewhere: true, attachedFrom: null, mark: "ELSEWHERE" });
    expect(json.figures).toMatchObject({ present: 4, denominator: 4 });

    const after = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "NOTIFIED", plannedStart: at14("2025-05-08") });
    const refused = await markAttendance(t.recorder2, { meetingId: after.id, memberId: guestId, status: "PRESENT" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors.memberId?.[0]).toContain("không có trong danh sách chi bộ vào ngày họp");
  });

  test("quorum at the host counts the attached member", async () => {
    await withTenant(t.tenantId, (tx) =>
      tx.setting.create({ data: { tenantId: t.tenantId, key: "meeting.quorumRatio", value: 0.75, scopeUnitId: t.branch2.id, effectiveFrom: new Date("2025-01-01") } }),
    );
    const meeting = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "NOTIFIED", plannedStart: at14("2025-04-20") });
    // 2 of D_att 3 present (the attached member absent): under 75 % → refused; with them present, 3/3.
    await markAttendance(t.recorder2, { meetingId: meeting.id, memberId: t.members2[0]!.id, status: "PRESENT" });
    await markAttendance(t.recorder2, { meetingId: meeting.id, memberId: t.members2[1]!.id, status: "PRESENT" });
    await markAttendance(t.recorder2, { meetingId: meeting.id, memberId: guestId, status: "ABSENT_UNEXCUSED" });
    const hold = () => transition(t.recorder2, { id: meeting.id, transition: "hold", version: 1, actualStart: "2025-04-20T14:00", actualEnd: "2025-04-20T16:00" });
    await expect(hold()).rejects.toThrow(/có mặt 2\/3 đảng viên phải dự, cần ít nhất 3/);
    await markAttendance(t.recorder2, { meetingId: meeting.id, memberId: guestId, status: "PRESENT" });
    await hold();
  });

  test("the member's own page lists the host's meetings during the attachment", async () => {
    // On 5 April: the host's meeting of 10 April is coming, the one of 20 April (held) is listed
    // among the past ones; the host's meeting of 8 May, after the attachment, is not theirs.
    const view = await memberOverview(t.member, new Date("2025-04-05T00:00:00Z"));
    const atHost = (list: { branchName: string; plannedStart: Date }[]) =>
      list.filter((m) => m.branchName === "Chi bộ Phòng Kế hoạch").map((m) => m.plannedStart.toISOString().slice(0, 10));
    expect(atHost(view!.upcoming)).toEqual(["2025-04-10"]);
    expect(atHost(view!.past)).toEqual(["2025-04-20"]);
  });

  test("the attached member opens the host's meetings of the attachment, read only; outside it, or another branch's, is not found", async () => {
    // The attachment runs 1–30 April 2025, both ends inclusive, on the meeting's day in Vietnam.
    const lastDay = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "NOTIFIED", plannedStart: at14("2025-04-30") });
    const dayAfter = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "NOTIFIED", plannedStart: at14("2025-05-01") });
    const dayBefore = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "NOTIFIED", plannedStart: at14("2025-03-31") });
    const elsewhere = await makeMeeting({ tenant: t, branchId: t.other.id, state: "NOTIFIED", plannedStart: at14("2025-04-30") });

    const read = await getMeeting(t.member, lastDay.id);
    expect(read).toMatchObject({ id: lastDay.id, branch: { id: t.branch2.id } });
    expect(read.can).toEqual({ read: false, record: false, edit: false, transitions: [] });
    const hub = await getMeetingHub(t.member, lastDay.id);
    expect(hub.meeting.id).toBe(lastDay.id);
    for (const id of [dayAfter.id, dayBefore.id, elsewhere.id]) {
      await expect(getMeeting(t.member, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    // Reading is all: no change at the host.
    const move = transition(t.member, { id: lastDay.id, transition: "postpone", version: 1, reason: "Thử đổi lịch" });
    await expect(move).rejects.toBeInstanceOf(ForbiddenError);
    // The other members of the home branch are not attached: the host's meeting stays closed to the home recorder.
    await expect(getMeeting(t.recorder, lastDay.id)).rejects.toBeInstanceOf(NotFoundError);

    signIn(t.member);
    const get = (id: string) => meetingRoute.GET(apiRequest("GET", `/api/v1/meetings/${id}`), routeContext({ id }));
    expect((await get(lastDay.id)).status).toBe(200);
    expect((await get(dayAfter.id)).status).toBe(404);
    expect((await get(elsewhere.id)).status).toBe(404);
    const patch = await meetingRoute.PATCH(apiRequest("PATCH", `/api/v1/meetings/${lastDay.id}`, { version: 1, title: "Đổi tên" }), routeContext({ id: lastDay.id }));
    expect(patch.status).toBe(403);

    // /my links the host's meetings of the attachment.
    const view = await memberOverview(t.member, new Date("2025-04-05T00:00:00Z"));
    const hostMeetings = view!.upcoming.filter((m) => m.branchName === "Chi bộ Phòng Kế hoạch");
    expect(hostMeetings.map((m) => [m.plannedStart.toISOString().slice(0, 10), m.readable])).toEqual([
      ["2025-04-10", true],
      ["2025-04-30", true],
    ]);
  });
});
