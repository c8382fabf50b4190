// Issue 12 against a real database: what the home page tells each role, the settings screen's
// service (per subtree, from a date, audited), impossible data refused (attendance before the
// meeting day, a follow-up due before the meeting, empty minutes), figures that agree (members who
// left, the notice's recipients), extraordinary meetings not scored, namesakes told apart on the
// roll, and the administrator's "create accounts for these members".
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMemberAccounts, getMemberAccountsView } from "@/lib/accounts/member-accounts";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { getInbox } from "@/lib/home/inbox";
import { getAttendanceSheet, markAllPresent, markAttendance } from "@/lib/meetings/attendance";
import { saveMinutes } from "@/lib/meetings/minutes";
import { getNoticeSheet, sendNotice } from "@/lib/meetings/notices";
import { loadRoll } from "@/lib/meetings/record-common";
import { getOrgTree } from "@/lib/org/tree";
import { createAssignment } from "@/lib/oversight/assignments";
import { recordVisit } from "@/lib/oversight/visits";
import { getScorecard, saveScoreDraft } from "@/lib/scoring/workflow";
import { getSettingsOverview, saveSetting } from "@/lib/settings/admin";
import { settingsFor } from "@/lib/settings/resolve";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { addMember, at14 } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 4 });
});

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

const daysFromToday = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe("impossible data is refused", () => {
  test("attendance on a meeting dated a month ahead is refused, and opens with the grace setting", async () => {
    const ahead = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14(daysFromToday(30)) });
    const tap = refusal(markAttendance(t.recorder, { meetingId: ahead.id, memberId: t.members[1]!.id, status: "PRESENT" }), ValidationError);
    expect((await tap).message).toMatch(/Chưa đến ngày họp .*điểm danh mở từ ngày/);
    await refusal(markAllPresent(t.recorder, { meetingId: ahead.id }), ValidationError);
    const sheet = await getAttendanceSheet(t.recorder, ahead.id);
    expect(sheet.canEdit).toBe(false);
    expect(sheet.lockedReason).toMatch(/Chưa đến ngày họp/);
    const written = await ownerDb().attendance.count({ where: { tenantId: t.tenantId, meetingId: ahead.id } });
    expect(written).toBe(0);

    // Two days ahead, with attendance allowed from two days before the day: the tap goes through.
    const soon = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14(daysFromToday(2)) });
    await refusal(markAttendance(t.recorder, { meetingId: soon.id, memberId: t.members[1]!.id, status: "PRESENT" }), ValidationError);
    await saveSetting(t.admin, { key: "attendance.openDaysBefore", unitId: t.root.id, effectiveFrom: "2020-01-01", value: "2" });
    await markAttendance(t.recorder, { meetingId: soon.id, memberId: t.members[1]!.id, status: "PRESENT" });
    await saveSetting(t.admin, { key: "attendance.openDaysBefore", unitId: t.root.id, effectiveFrom: "2020-01-01", value: "0" });
  });

  test("completely empty minutes are not saved (and the meeting cannot be adopted without them)", async () => {
    const held = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-04-05") });
    const empty = await refusal(saveMinutes(t.recorder, { meetingId: held.id, version: 0, opening: "  ", proceedings: "", closing: "\n" }), ValidationError);
    expect(empty.fieldErrors.proceedings?.[0]).toMatch(/Biên bản đang trống/);
    expect(await ownerDb().minutes.count({ where: { tenantId: t.tenantId, meetingId: held.id } })).toBe(0);
  });

  test("a follow-up cannot be due before the meeting it follows", async () => {
    await createAssignment(t.admin, { userId: t.overseer.id, branchId: t.branch.id, committeeLevel: "GRASSROOTS", validFrom: "2025-01-01" });
    const held = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-05-05") });
    const now = { now: new Date("2025-05-06T05:00:00.000Z") };
    const early = await refusal(
      recordVisit(t.overseer, { meetingId: held.id, status: "ATTENDED", remarks: "Chi bộ chuẩn bị chu đáo.", followUps: "Bổ sung biên bản họp chi ủy", followUpDue: "2025-05-01" }, now),
      ValidationError,
    );
    expect(early.fieldErrors.followUpDue?.[0]).toMatch(/không được trước ngày chi bộ họp \(05\/05\/2025\)/);
    await recordVisit(t.overseer, { meetingId: held.id, status: "ATTENDED", remarks: "Chi bộ chuẩn bị chu đáo.", followUps: "Bổ sung biên bản họp chi ủy", followUpDue: "2025-05-20" }, now);
  });
});

describe("figures that agree", () => {
  test("a member who left the roll is counted neither in the org tree nor on the roll", async () => {
    const leaver = await addMember(t, t.branch2.id, { fullName: "Vũ Văn Rời" });
    const before = (await getOrgTree(t.admin))!.totals.members;
    await ownerDb().member.update({ where: { tenantId_id: { tenantId: t.tenantId, id: leaver.id } }, data: { endedOn: fixtureDay("2025-01-31"), endReason: "DECEASED" } });
    const after = (await getOrgTree(t.admin))!.totals.members;
    expect(after).toBe(before - 1);
    // Even with a membership row left open, the roll of a later day does not list them.
    const roll = await withTenant(t.tenantId, (tx) => loadRoll(tx, t.tenantId, t.branch2.id, fixtureDay("2025-03-05")));
    expect(roll.map((m) => m.fullName)).not.toContain("Vũ Văn Rời");
  });

  test("the notice's result lists each person reached and how, the sender left out", async () => {
    const meeting = await makeMeeting({ tenant: t, plannedStart: at14(daysFromToday(10)) });
    const result = await sendNotice(t.recorder, { meetingId: meeting.id, version: 1, subject: "Thông báo sinh hoạt chi bộ", body: "Kính gửi các đồng chí đảng viên: họp chi bộ thường kỳ tại phòng họp số 1." });
    expect(result.recipients).toHaveLength(result.recipientCount);
    expect(result.recipients.filter((r) => r.channels.includes("app"))).toHaveLength(result.notifications);
    expect(result.recipients.map((r) => r.name)).not.toContain(t.recorder.displayName);
    const sheet = await getNoticeSheet(t.recorder, meeting.id);
    expect(sheet.subject).toBe("Thông báo sinh hoạt chi bộ");
    expect(sheet.unreachable).toEqual(result.unreachable);
    // A member reads the same notice (from the QR code), without the list of the unreachable.
    expect((await getNoticeSheet(t.member, meeting.id)).unreachable).toEqual([]);
  });
});

describe("namesakes on the roll", () => {
  test("two members with the same name carry their birth year wherever the roll is read", async () => {
    const a = await addMember(t, t.branch2.id, { fullName: "Nguyễn Văn Lộc" });
    const b = await addMember(t, t.branch2.id, { fullName: "Nguyễn Văn Lộc" });
    await ownerDb().member.update({ where: { tenantId_id: { tenantId: t.tenantId, id: b.id } }, data: { birthDate: fixtureDay("1975-06-01") } });
    const roll = await withTenant(t.tenantId, (tx) => loadRoll(tx, t.tenantId, t.branch2.id, fixtureDay("2025-06-05")));
    const labels = Object.fromEntries(roll.map((m) => [m.memberId, m.label]));
    expect(labels[a.id]).toBe("Nguyễn Văn Lộc (1990)");
    expect(labels[b.id]).toBe("Nguyễn Văn Lộc (1975)");
  });
});

describe("extraordinary meetings", () => {
  test("are not scored unless the tenant's setting says so", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", kind: "EXTRAORDINARY", plannedStart: at14("2025-06-10") });
    const view = await getScorecard(t.recorder, meeting.id);
    expect(view.notScorable).toMatch(/bất thường không chấm điểm/);
    expect(view.can).toMatchObject({ draft: false, selfScore: false });
    await refusal(saveScoreDraft(t.recorder, { meetingId: meeting.id, version: 0, marks: {} }), ValidationError);

    await saveSetting(t.admin, { key: "scoring.scoreExtraordinary", unitId: t.g.id, effectiveFrom: "2025-01-01", value: "on" });
    const scored = await getScorecard(t.recorder, meeting.id);
    expect(scored.notScorable ?? "").not.toMatch(/bất thường/);
  });
});

describe("the year-end review meeting", () => {
  test("is not scored on a monthly frame and never waits for a score on the dashboard", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", kind: "REVIEW", plannedStart: at14("2025-12-15") });
    const view = await getScorecard(t.recorder, meeting.id);
    expect(view.notScorable).toMatch(/Hội nghị kiểm điểm, xếp loại cuối năm không chấm điểm/);
    expect(view.can).toMatchObject({ draft: false, selfScore: false });
    await refusal(saveScoreDraft(t.recorder, { meetingId: meeting.id, version: 0, marks: {} }), ValidationError);

    const december = await ownerDb().branchMonthStats.findMany({ where: { tenantId: t.tenantId, branchId: t.branch.id, month: fixtureDay("2025-12-01") } });
    expect(december.map((row) => row.meetingsHeld)).toEqual([1]);
    expect(december.map((row) => row.awaitingScore)).toEqual([0]);
  });
});

describe("the settings screen's service", () => {
  test("a value set for a subtree from a date applies there from that day, keeps the default before, and is audited", async () => {
    await saveSetting(t.admin, { key: "meeting.minMinutesRegular", unitId: t.g2.id, effectiveFrom: "2025-07-01", value: "100" });
    const inside = (day: string) => withTenant(t.tenantId, (tx) => settingsFor(tx, t.tenantId, t.other.path, fixtureDay(day)));
    expect((await inside("2025-06-30"))["meeting.minMinutesRegular"]).toBe(90);
    expect((await inside("2025-07-01"))["meeting.minMinutesRegular"]).toBe(100);
    // Elsewhere in the tenant the default stands.
    const outside = await withTenant(t.tenantId, (tx) => settingsFor(tx, t.tenantId, t.branch.path, fixtureDay("2025-07-02")));
    expect(outside["meeting.minMinutesRegular"]).toBe(90);

    const overview = await getSettingsOverview(t.admin, { unit: t.g2.id, on: "2025-07-02" });
    const row = overview.settings.find((s) => s.key === "meeting.minMinutesRegular")!;
    expect(row).toMatchObject({ value: 100, default: 90, field: { kind: "integer", min: 0, max: 1440 } });
    expect(row.source?.scope?.id).toBe(t.g2.id);
    expect(row.history).toHaveLength(1);
    // Every key of the registry is on the screen, described by its own schema.
    expect(overview.settings.find((s) => s.key === "documents.placeName")?.field).toMatchObject({ kind: "text", maxLength: 100 });
    expect(overview.settings.find((s) => s.key === "scoring.annualRollup")?.field.kind).toBe("object");

    const audit = await ownerDb().auditEntry.findMany({ where: { tenantId: t.tenantId, action: "settings.update" }, select: { after: true } });
    expect(audit.map((a) => (a.after as { key: string }).key)).toContain("meeting.minMinutesRegular");
  });

  test("a value out of bounds, an earlier date than a later row, and a non-administrator are refused", async () => {
    const bounds = await refusal(saveSetting(t.admin, { key: "meeting.minMinutesRegular", unitId: t.root.id, effectiveFrom: "2025-01-01", value: "5000" }), ValidationError);
    expect(bounds.fieldErrors.value?.[0]).toBe("Vui lòng nhập một số nguyên từ 0 đến 1440.");
    const later = await refusal(saveSetting(t.admin, { key: "meeting.minMinutesRegular", unitId: t.g2.id, effectiveFrom: "2025-03-01", value: "95" }), ConflictError);
    expect(later.message).toMatch(/01\/07\/2025/);
    await refusal(saveSetting(t.recorder, { key: "documents.placeName", unitId: t.root.id, effectiveFrom: "2025-01-01", value: "Lâm Đồng" }), ForbiddenError);
    await refusal(saveSetting(t.admin, { key: "no.such.key", unitId: t.root.id, effectiveFrom: "2025-01-01", value: "1" }), ValidationError);
  });
});

describe("the home page of each role", () => {
  test("the secretary's current meeting is the latest one due, with its next step and the page that does it", async () => {
    const own = await makeMeetingTenant({ members: 3 });
    const adopted = await makeMeeting({ tenant: own, state: "MINUTES_ADOPTED", plannedStart: at14(daysFromToday(-3)) });
    const older = await makeMeeting({ tenant: own, state: "HELD", plannedStart: at14(daysFromToday(-40)), minutes: false, resolution: false, attendance: "present" });
    const next = await makeMeeting({ tenant: own, state: "PLANNED", plannedStart: at14(daysFromToday(25)) });
    const inbox = await getInbox(own.recorder);
    const branch = inbox.secretary!.branches.find((b) => b.id === own.branch.id)!;
    expect(branch.current).toMatchObject({ id: adopted.id, step: "selfScore", href: `/meetings/${adopted.id}/score` });
    expect(branch.late.map((m) => [m.id, m.step])).toEqual([[older.id, "minutes"]]);
    expect(branch.coming.map((m) => m.id)).toEqual([next.id]);
    // Roles the secretary does not hold have no section.
    expect(inbox).toMatchObject({ overseer: null, reviewer: null, leader: null, admin: null });
  });

  test("the administrator is told what needs fixing; the reviewer sees the queue by state and flag", async () => {
    const own = await makeMeetingTenant({ members: 3 });
    const admin = (await getInbox(own.admin)).admin!;
    // members[0] of branch has the MEMBER account; everyone else has none.
    const withoutAccount = own.members.length - 1 + own.members2.length + own.membersOther.length;
    expect(admin.membersWithoutAccount.count).toBe(withoutAccount);
    expect(admin.branchesWithoutPlan[0]?.count).toBeGreaterThan(0);

    await makeMeeting({ tenant: own, state: "SELF_SCORED", plannedStart: at14("2025-09-05") });
    const reviewer = (await getInbox(own.reviewer)).reviewer!;
    expect(reviewer.byState.SELF_SCORED).toBeGreaterThanOrEqual(0);
    expect(reviewer.total).toBe(reviewer.byState.SELF_SCORED + reviewer.byState.CONFIRMED);
  });
});

describe("create accounts for these members", () => {
  test("every member of the branch without an account gets one, in one step, with a password to hand out", async () => {
    const own = await makeMeetingTenant({ members: 4 });
    const view = await getMemberAccountsView(own.admin, own.branch.id);
    expect(view.branch!.members).toHaveLength(3);
    const { accounts } = await createMemberAccounts(own.admin, { branchId: own.branch.id, memberIds: view.branch!.members.map((m) => m.id) });
    expect(accounts).toHaveLength(3);
    for (const account of accounts) {
      expect(account.username).toMatch(/^[a-z0-9.]{3,32}$/);
      expect(account.temporaryPassword).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    }
    const users = await ownerDb().user.findMany({
      where: { tenantId: own.tenantId, memberId: { in: accounts.map((a) => a.memberId) } },
      select: { mustChangePassword: true, roleGrants: { select: { role: true, orgUnitId: true } } },
    });
    expect(users).toHaveLength(3);
    expect(users.every((u) => u.mustChangePassword && u.roleGrants.some((g) => g.role === "MEMBER" && g.orgUnitId === own.branch.id))).toBe(true);
    const audit = await ownerDb().auditEntry.findMany({ where: { tenantId: own.tenantId, action: "user.bulkCreate" }, select: { after: true } });
    expect(audit).toHaveLength(1);
    for (const account of accounts) expect(JSON.stringify(audit[0]!.after)).not.toContain(account.temporaryPassword);

    // Asking again for the same members changes nothing: they have accounts now.
    await refusal(createMemberAccounts(own.admin, { branchId: own.branch.id, memberIds: accounts.map((a) => a.memberId) }), ConflictError);
    await refusal(createMemberAccounts(own.recorder, { branchId: own.branch.id, memberIds: [own.members[1]!.id] }), ForbiddenError);
    expect((await getMemberAccountsView(own.admin, own.branch.id)).branch!.members).toHaveLength(0);
  });
});

