// Attendance of a meeting: the roll valid on the meeting day, prefilled statuses, one tap per
// member, "all present", times, guests, and the year counters (excused streak, Charter 8.1 months).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import {
  addGuest,
  attendanceSheetJson,
  getAttendanceSheet,
  markAllPresent,
  markAttendance,
  membersToWatch,
  setMeetingTimes,
} from "@/lib/meetings/attendance";
import { transferMember } from "@/lib/org/member-lifecycle";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { addMember, addPeriod, at14, auditCount, writeMarks } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 5 });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function marksOf(meetingId: string, tenantId = t.tenantId): Promise<Record<string, string>> {
  const rows = await withTenant(tenantId, (tx) =>
    tx.attendance.findMany({ where: { tenantId, meetingId }, select: { memberId: true, status: true } }),
  );
  return Object.fromEntries(rows.map((r) => [r.memberId, r.status]));
}

describe("the roll of the meeting day", () => {
  test("a member transferred away counts in the old branch up to the day before, then in the new one", async () => {
    const mover = await addMember(t, t.branch.id, { fullName: "Đỗ Văn Chuyển" });
    await transferMember(t.admin, { memberId: mover.id, version: 1, targetBranchId: t.branch2.id, effectiveOn: "2025-03-10" });
    const before = await makeMeeting({ tenant: t, plannedStart: at14("2025-03-09") });
    const after = await makeMeeting({ tenant: t, plannedStart: at14("2025-03-10") });
    const atNew = await makeMeeting({ tenant: t, branchId: t.branch2.id, plannedStart: at14("2025-03-10") });

    const rollBefore = (await getAttendanceSheet(t.recorder, before.id)).roll.map((m) => m.fullName);
    const rollAfter = (await getAttendanceSheet(t.recorder, after.id)).roll.map((m) => m.fullName);
    const rollNew = (await getAttendanceSheet(t.recorder2, atNew.id)).roll.map((m) => m.fullName);
    expect(rollBefore).toContain("Đỗ Văn Chuyển");
    expect(rollAfter).not.toContain("Đỗ Văn Chuyển");
    expect(rollNew).toContain("Đỗ Văn Chuyển");

    // A tap for him at the old branch on the day of the transfer is refused, and nothing is written.
    await expect(markAttendance(t.recorder, { meetingId: after.id, memberId: mover.id, status: "PRESENT" })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { memberId: [expect.stringContaining("không có trong danh sách chi bộ vào ngày họp")] },
    });
    await markAttendance(t.recorder, { meetingId: before.id, memberId: mover.id, status: "PRESENT" });
    expect(await marksOf(after.id)).toEqual({});
    expect(await marksOf(before.id)).toEqual({ [mover.id]: "PRESENT" });
  });

  test("attendance for a non-member (another branch's member, a made-up id) is refused", async () => {
    const meeting = await makeMeeting({ tenant: t, plannedStart: at14("2025-04-05") });
    for (const memberId of [t.membersOther[0]!.id, "0190a0a0-0000-7000-8000-000000000000"]) {
      await expect(markAttendance(t.recorder, { meetingId: meeting.id, memberId, status: "PRESENT" })).rejects.toMatchObject({ status: 422 });
    }
    expect(await marksOf(meeting.id)).toEqual({});
  });
});

describe("prefilled statuses and all present", () => {
  test("exempt and temporarily attached members are prefilled, suspended members are not summoned", async () => {
    const tenant = await makeMeetingTenant({ members: 2 });
    const exempt = await addMember(tenant, tenant.branch.id, { fullName: "Vũ Văn Miễn" });
    const away = await addMember(tenant, tenant.branch.id, { fullName: "Hoàng Thị Tạm" });
    const suspended = await addMember(tenant, tenant.branch.id, { fullName: "Lý Văn Đình" });
    const exemptLater = await addMember(tenant, tenant.branch.id, { fullName: "Mai Văn Sau" });
    await addPeriod(tenant, "exemption", exempt.id, "2024-06-01");
    await addPeriod(tenant, "temporaryTransfer", away.id, "2025-01-01", "2025-06-30");
    await addPeriod(tenant, "suspension", suspended.id, "2025-02-01", "2025-12-31");
    await addPeriod(tenant, "exemption", exemptLater.id, "2025-05-06"); // starts the day after the meeting
    const meeting = await makeMeeting({ tenant, plannedStart: at14("2025-05-05") });

    const sheet = await getAttendanceSheet(tenant.recorder, meeting.id);
    const byName = Object.fromEntries(sheet.roll.map((m) => [m.fullName, m]));
    expect(byName["Vũ Văn Miễn"]).toMatchObject({ exempt: true, attachedElsewhere: false, suspended: false });
    expect(byName["Hoàng Thị Tạm"]).toMatchObject({ attachedElsewhere: true, elsewhereName: "Chi bộ Trường Chính trị tỉnh" });
    expect(byName["Lý Văn Đình"]).toMatchObject({ suspended: true });
    expect(byName["Mai Văn Sau"]).toMatchObject({ exempt: false });
    const json = attendanceSheetJson(sheet);
    expect(json.roll.map((m) => m.fullName)).not.toContain("Lý Văn Đình");
    expect(json.suspended).toBe(1);

    // An absence cannot be marked for an exempt member; the suspended member cannot be marked at all.
    await expect(
      markAttendance(tenant.recorder, { meetingId: meeting.id, memberId: exempt.id, status: "ABSENT_UNEXCUSED" }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining("Vũ Văn Miễn") });
    await expect(markAttendance(tenant.recorder, { meetingId: meeting.id, memberId: suspended.id, status: "PRESENT" })).rejects.toMatchObject({
      status: 422,
    });
    await expect(markAttendance(tenant.recorder, { meetingId: meeting.id, memberId: away.id, status: "PRESENT" })).rejects.toMatchObject({
      status: 422,
    });

    // One exception first, then "all present" fills the rest and keeps it.
    await markAttendance(tenant.recorder, { meetingId: meeting.id, memberId: tenant.members[1]!.id, status: "ABSENT_EXCUSED", reason: "Đi công tác" });
    const result = await markAllPresent(tenant.recorder, { meetingId: meeting.id });
    expect(result).toEqual({ present: 2, exempt: 1, elsewhere: 1, kept: 1 });
    expect(await marksOf(meeting.id, tenant.tenantId)).toEqual({
      [tenant.members[0]!.id]: "PRESENT",
      [tenant.members[1]!.id]: "ABSENT_EXCUSED",
      [exempt.id]: "EXEMPT",
      [away.id]: "ELSEWHERE",
      [exemptLater.id]: "PRESENT",
    });
    // A second press writes nothing.
    expect(await markAllPresent(tenant.recorder, { meetingId: meeting.id })).toEqual({ present: 0, exempt: 0, elsewhere: 0, kept: 5 });
    expect(await auditCount(tenant, meeting.id, "attendance.markAllPresent")).toBe(1);

    // The exempt member who attends counts in P and D_att: roll 6 − suspended − exempt… no longer absent.
    const marked = await markAttendance(tenant.recorder, { meetingId: meeting.id, memberId: exempt.id, status: "PRESENT" });
    expect(marked).toMatchObject({ exempt: true, changed: true });
    const figures = attendanceSheetJson(await getAttendanceSheet(tenant.recorder, meeting.id)).figures;
    // Roll 6: suspended, away (elsewhere) out of D_att; P = members[0], exemptLater, exempt = 3; D_att = 4.
    expect(figures).toMatchObject({ complete: true, present: 3, denominator: 4, ratePercent: 75, absentExcused: 1, absentUnexcused: 0 });
  });
});

describe("one tap", () => {
  test("an excused absence needs a reason; a repeated tap writes nothing; each change is audited", async () => {
    const meeting = await makeMeeting({ tenant: t, plannedStart: at14("2025-06-05") });
    const memberId = t.members[2]!.id;
    await expect(markAttendance(t.recorder, { meetingId: meeting.id, memberId, status: "ABSENT_EXCUSED", reason: "  " })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { reason: [expect.stringContaining("lý do")] },
    });
    expect(await marksOf(meeting.id)).toEqual({});
    expect(await markAttendance(t.recorder, { meetingId: meeting.id, memberId, status: "ABSENT_EXCUSED", reason: "Ốm" })).toMatchObject({
      changed: true,
      reason: "Ốm",
    });
    expect(await markAttendance(t.recorder, { meetingId: meeting.id, memberId, status: "ABSENT_EXCUSED", reason: "Ốm" })).toMatchObject({
      changed: false,
    });
    // Present carries no reason.
    expect(await markAttendance(t.recorder, { meetingId: meeting.id, memberId, status: "PRESENT", reason: "Ốm" })).toMatchObject({ reason: null });
    expect(await auditCount(t, meeting.id, "attendance.mark")).toBe(2);
  });

  test("refused once the minutes are adopted; other branches' recorders get a 404, the overseer a 403", async () => {
    const adopted = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: at14("2025-07-05") });
    await expect(
      markAttendance(t.recorder, { meetingId: adopted.id, memberId: t.members[0]!.id, status: "ABSENT_UNEXCUSED" }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining("không thể sửa") });
    const open = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-07-06") });
    await expect(markAttendance(t.recorderOther, { meetingId: open.id, memberId: t.members[0]!.id, status: "PRESENT" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(markAttendance(t.overseer, { meetingId: open.id, memberId: t.members[0]!.id, status: "PRESENT" })).rejects.toMatchObject({
      status: 403,
    });
    // Another tenant's recorder, even with a grant on a unit of the same shape: not found.
    const foreign = await makeMeetingTenant({ members: 1 });
    await expect(markAttendance(foreign.recorder, { meetingId: open.id, memberId: t.members[0]!.id, status: "PRESENT" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(getAttendanceSheet(foreign.recorder, open.id)).rejects.toMatchObject({ status: 404 });
    expect(await marksOf(open.id)).toEqual({});
  });
});

describe("times and guests", () => {
  test("end before start is refused; a stale version is refused; a good save moves the version", async () => {
    const meeting = await makeMeeting({ tenant: t, plannedStart: at14("2025-08-05") });
    await expect(
      setMeetingTimes(t.recorder, { meetingId: meeting.id, version: 1, actualStart: "2025-08-05T14:00", actualEnd: "2025-08-05T13:30" }),
    ).rejects.toMatchObject({ status: 422, fieldErrors: { actualEnd: ["Giờ kết thúc phải sau giờ bắt đầu."] } });
    await expect(
      setMeetingTimes(t.recorder, { meetingId: meeting.id, version: 1, actualStart: "2025-08-05T14:00", actualEnd: "2025-08-05T14:00" }),
    ).rejects.toMatchObject({ status: 422 });
    const saved = await setMeetingTimes(t.recorder, {
      meetingId: meeting.id,
      version: 1,
      actualStart: "2025-08-05T14:05",
      actualEnd: "2025-08-05T15:40",
    });
    expect(saved).toEqual({ version: 2 });
    // Times that have not happened yet are refused (the end of a meeting still under way stays empty).
    await expect(
      setMeetingTimes(t.recorder, { meetingId: meeting.id, version: 2, actualStart: "2025-08-05T14:05", actualEnd: new Date(Date.now() + 3600_000).toISOString() }),
    ).rejects.toMatchObject({ fieldErrors: { actualEnd: [expect.stringContaining("chưa tới")] } });
    await expect(
      setMeetingTimes(t.recorder, { meetingId: meeting.id, version: 1, actualStart: "2025-08-05T14:00", actualEnd: "2025-08-05T16:00" }),
    ).rejects.toMatchObject({ status: 409 });
    const stored = await withTenant(t.tenantId, (tx) =>
      tx.meeting.findUnique({ where: { tenantId_id: { tenantId: t.tenantId, id: meeting.id } }, select: { actualStart: true, actualEnd: true } }),
    );
    // 14:05 in Vietnam is 07:05 UTC.
    expect(stored).toEqual({ actualStart: new Date("2025-08-05T07:05:00.000Z"), actualEnd: new Date("2025-08-05T08:40:00.000Z") });
  });

  test("an overseer can be picked as a guest (name from the account); a user who is not an overseer cannot", async () => {
    const meeting = await makeMeeting({ tenant: t, plannedStart: at14("2025-08-12") });
    const sheet = await getAttendanceSheet(t.recorder, meeting.id);
    expect(sheet.overseers.map((o) => o.userId)).toEqual([t.overseer.id]);
    const guest = await addGuest(t.recorder, { meetingId: meeting.id, userId: t.overseer.id, title: "Đảng ủy viên" });
    expect(guest).toMatchObject({ name: t.overseer.displayName, title: "Đảng ủy viên", userId: t.overseer.id });
    await expect(addGuest(t.recorder, { meetingId: meeting.id, userId: t.overseer.id })).rejects.toMatchObject({ status: 422 });
    await expect(addGuest(t.recorder, { meetingId: meeting.id, userId: t.leader.id })).rejects.toMatchObject({ status: 422 });
    await expect(addGuest(t.recorder, { meetingId: meeting.id, name: "  " })).rejects.toMatchObject({
      fieldErrors: { name: [expect.stringContaining("họ tên")] },
    });
    expect(await addGuest(t.recorder, { meetingId: meeting.id, name: "Trần  Văn   Khách", title: "" })).toMatchObject({
      name: "Trần Văn Khách",
      title: null,
    });
    // Guests never count: the roll and the denominator are unchanged.
    const after = attendanceSheetJson(await getAttendanceSheet(t.recorder, meeting.id));
    expect(after.guests).toHaveLength(2);
    expect(after.figures.denominator).toBe(after.roll.length);
  });
});

describe("year counters", () => {
  test("excused streaks across this year's regular meetings and unexcused months (Charter 8.1), with thresholds from settings", async () => {
    const tenant = await makeMeetingTenant({ members: 3 });
    const [a, b, c] = tenant.members as [(typeof tenant.members)[0], (typeof tenant.members)[0], (typeof tenant.members)[0]];
    // Last year's absences do not count; a thematic meeting neither extends nor breaks the streak.
    const lastYear = await makeMeeting({ tenant, state: "MINUTES_ADOPTED", attendance: {}, minutes: false, resolution: false, plannedStart: at14("2024-12-05") });
    await writeMarks(tenant, lastYear.id, { [a.id]: "ABSENT_EXCUSED", [b.id]: "ABSENT_UNEXCUSED" });
    const plan: [string, "REGULAR" | "THEMATIC", Record<string, "PRESENT" | "ABSENT_EXCUSED" | "ABSENT_UNEXCUSED">][] = [
      ["2025-01-05", "REGULAR", { [a.id]: "ABSENT_EXCUSED", [b.id]: "ABSENT_UNEXCUSED", [c.id]: "PRESENT" }],
      ["2025-02-05", "REGULAR", { [a.id]: "ABSENT_EXCUSED", [b.id]: "PRESENT", [c.id]: "PRESENT" }],
      ["2025-02-20", "THEMATIC", { [a.id]: "PRESENT", [b.id]: "ABSENT_UNEXCUSED", [c.id]: "PRESENT" }],
      ["2025-03-05", "REGULAR", { [a.id]: "ABSENT_EXCUSED", [b.id]: "PRESENT", [c.id]: "ABSENT_EXCUSED" }],
    ];
    for (const [day, kind, marks] of plan) {
      const m = await makeMeeting({ tenant, kind, state: "MINUTES_ADOPTED", attendance: {}, minutes: false, resolution: false, plannedStart: at14(day) });
      await writeMarks(tenant, m.id, marks);
    }
    // A cancelled meeting's marks do not count.
    const cancelled = await makeMeeting({ tenant, state: "CANCELLED", plannedStart: at14("2025-03-20") });
    await writeMarks(tenant, cancelled.id, { [b.id]: "ABSENT_UNEXCUSED" });

    const april = await makeMeeting({ tenant, state: "HELD", plannedStart: at14("2025-04-05") });
    const watch = async () => Object.fromEntries(membersToWatch(await getAttendanceSheet(tenant.recorder, april.id)).map((w) => [w.memberId, w]));

    // Before April is marked: a has 3 excused in a row (the limit, not yet a violation); b has
    // unexcused absences in January and February (thematic meeting): a warning.
    let w = await watch();
    expect(w[a.id]).toMatchObject({ longestExcusedStreak: 3, streakViolates: false });
    expect(w[b.id]).toMatchObject({ unexcusedMonths: [1, 2], unexcusedStatus: "WARN" });
    expect(w[c.id]).toBeUndefined();

    await markAttendance(tenant.recorder, { meetingId: april.id, memberId: a.id, status: "ABSENT_EXCUSED", reason: "Ốm" });
    await markAttendance(tenant.recorder, { meetingId: april.id, memberId: b.id, status: "ABSENT_UNEXCUSED" });
    w = await watch();
    expect(w[a.id]).toMatchObject({ longestExcusedStreak: 4, currentExcusedStreak: 4, streakViolates: true });
    expect(w[b.id]).toMatchObject({ unexcusedMonths: [1, 2, 4], unexcusedStatus: "FLAG", explanation: expect.stringContaining("xóa tên") });

    // A stricter tenant setting for this branch: one excused absence already reaches the limit.
    await withTenant(tenant.tenantId, (tx) =>
      tx.setting.create({
        data: { tenantId: tenant.tenantId, key: "attendance.maxExcusedStreak", value: 1, scopeUnitId: tenant.branch.id, effectiveFrom: new Date("2025-01-01") },
      }),
    );
    w = await watch();
    expect(w[c.id]).toMatchObject({ longestExcusedStreak: 1, streakViolates: false });
  });
});
