// Superior-committee oversight through its services, as the application role under row-level
// security: assignment terms and their history, "I will attend", the rules of a visit record (held
// meetings of followed branches only, once per meeting and person, nothing after the lock), quota
// counting with the residence exclusion, delegation and the back-dating window a reviewer approves,
// the coverage figures and alerts, and follow-ups on the branch's next preparation until closed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeAssignment, createAssignment, createDelegation, endAssignment, listAssignments, revokeDelegation } from "@/lib/oversight/assignments";
import { getCoverage, myCoverage } from "@/lib/oversight/coverage";
import { getDesk } from "@/lib/oversight/desk";
import { exportOversightLog } from "@/lib/oversight/export";
import { addFollowUp, closeFollowUp, getPreparationOversight } from "@/lib/oversight/follow-ups";
import { getOversightSettings, saveOversightSettings } from "@/lib/oversight/settings";
import { decideVisit, getVisitView, listPendingVisits, recordVisit, registerVisit, unregisterVisit, updateVisitNotes } from "@/lib/oversight/visits";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type FixtureUser, type MeetingTenant, type MeetingUnit } from "@/tests/fixtures/meetings";

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

/** One more account with a role on a unit, optionally linked to a member. */
async function addUser(t: MeetingTenant, role: Role, unit: MeetingUnit, memberId: string | null = null): Promise<FixtureUser> {
  const id = randomUUID();
  const username = `${role.toLowerCase()}-${id.slice(0, 8)}`;
  const displayName = `Đồng chí ${id.slice(0, 4)}`;
  await withTenant(t.tenantId, async (tx) => {
    await tx.user.create({ data: { tenantId: t.tenantId, id, username, passwordHash: "not-a-real-hash", displayName, memberId } });
    await tx.roleGrant.create({ data: { tenantId: t.tenantId, userId: id, role, orgUnitId: unit.id } });
  });
  return { id, tenantId: t.tenantId, username, displayName, grants: [{ role, orgUnitId: unit.id, path: unit.path }] };
}

/** An instant at 14:00 in Vietnam on a day. */
const at = (iso: string) => new Date(`${iso}T07:00:00.000Z`);
/** "Now" on a Vietnamese day, in the evening. */
const on = (iso: string) => ({ now: new Date(`${iso}T12:00:00.000Z`) });

const visitRows = (t: MeetingTenant, meetingId: string) => ownerDb().overseerVisit.findMany({ where: { tenantId: t.tenantId, meetingId } });
const guestRows = (t: MeetingTenant, meetingId: string) => ownerDb().meetingGuest.findMany({ where: { tenantId: t.tenantId, meetingId } });
const auditActions = (t: MeetingTenant, prefix = "oversight.") =>
  ownerDb()
    .auditEntry.findMany({ where: { tenantId: t.tenantId, action: { startsWith: prefix } }, select: { action: true } })
    .then((rows) => rows.map((row) => row.action));

function assign(t: MeetingTenant, who: Principal, branch: MeetingUnit, validFrom = "2026-01-01", level: "PROVINCIAL" | "DISTRICT" | "GRASSROOTS" = "GRASSROOTS") {
  return createAssignment(t.admin, { userId: who.id, branchId: branch.id, committeeLevel: level, validFrom });
}

function attended(meetingId: string, remarks = "Chi bộ chuẩn bị chu đáo, đảng viên phát biểu sôi nổi.") {
  return { meetingId, status: "ATTENDED", remarks, guidance: "Tiếp tục phát huy." };
}

describe("assignments: terms and history", () => {
  let t: MeetingTenant;
  beforeAll(async () => {
    t = await makeMeetingTenant({ members: 3 });
  });

  test("an administrator assigns an overseer to a branch; only OVERSEER accounts, only branches, no overlapping terms", async () => {
    const { id } = await assign(t, t.overseer, t.branch);
    const list = await listAssignments(t.admin, {}, on("2026-02-01"));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id, user: { id: t.overseer.id }, branch: { id: t.branch.id }, committeeLevel: "GRASSROOTS", status: "ACTIVE", validTo: null });
    expect(list.overseers.map((o) => o.id)).toContain(t.overseer.id);

    const overlap = await refusal(assign(t, t.overseer, t.branch, "2026-06-01"), ConflictError);
    expect(overlap.message).toMatch(/đã được phân công theo dõi/);
    const notOverseer = await refusal(assign(t, t.recorder, t.branch), ValidationError);
    expect(notOverseer.fieldErrors.userId?.[0]).toMatch(/chưa có vai trò/);
    const committee = await refusal(assign(t, t.overseer, t.g), ValidationError);
    expect(committee.fieldErrors.branchId?.[0]).toMatch(/Chỉ phân công theo dõi chi bộ/);
    // The branch of another committee is outside the overseer's OVERSEER grant.
    await refusal(assign(t, t.overseer, t.other), ValidationError);
    await refusal(createAssignment(t.overseer, { userId: t.overseer.id, branchId: t.branch2.id, committeeLevel: "GRASSROOTS", validFrom: "2026-01-01" }), ForbiddenError);
    const rows = await ownerDb().overseerAssignment.count({ where: { tenantId: t.tenantId } });
    expect(rows).toBe(1);
    expect(await auditActions(t)).toEqual(["oversight.assignment.create"]);
  });

  test("a change ends the old row the day before and starts a new one; visits follow the row of their day", async () => {
    const [current] = (await listAssignments(t.admin, {}, on("2026-02-01"))).items;
    const march = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-03-05") });
    await recordVisit(t.overseer, attended(march.id), on("2026-03-05"));

    const early = await refusal(
      changeAssignment(t.admin, { id: current!.id, version: current!.version, committeeLevel: "DISTRICT", changeFrom: "2026-03-01", reason: "Được bầu vào cấp ủy cấp trên." }),
      ValidationError,
    );
    expect(early.fieldErrors.changeFrom?.[0]).toMatch(/05\/03\/2026/);
    const { id: nextId } = await changeAssignment(
      t.admin,
      { id: current!.id, version: current!.version, committeeLevel: "DISTRICT", changeFrom: "2026-04-01", reason: "Được bầu vào cấp ủy cấp trên." },
      on("2026-03-20"),
    );
    const all = await listAssignments(t.admin, { status: "all" }, on("2026-05-01"));
    const old = all.items.find((item) => item.id === current!.id)!;
    const next = all.items.find((item) => item.id === nextId)!;
    expect(old).toMatchObject({ committeeLevel: "GRASSROOTS", status: "ENDED", endReason: "Được bầu vào cấp ủy cấp trên." });
    expect(old.validTo).toEqual(fixtureDay("2026-03-31"));
    expect(old.endedAt).not.toBeNull();
    expect(next).toMatchObject({ committeeLevel: "DISTRICT", status: "ACTIVE", replacesId: current!.id });
    expect(next.validFrom).toEqual(fixtureDay("2026-04-01"));
    expect((await listAssignments(t.admin, {}, on("2026-05-01"))).items.map((item) => item.id)).toEqual([nextId]);

    const may = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-05-05") });
    await recordVisit(t.overseer, attended(may.id), on("2026-05-05"));
    const visits = await ownerDb().overseerVisit.findMany({ where: { tenantId: t.tenantId }, select: { meetingId: true, assignmentId: true } });
    expect(visits.find((v) => v.meetingId === march.id)?.assignmentId).toBe(current!.id);
    expect(visits.find((v) => v.meetingId === may.id)?.assignmentId).toBe(nextId);

    // The term may not end before a visit made under it.
    const fresh = (await listAssignments(t.admin, {}, on("2026-05-06"))).items[0]!;
    const tooEarly = await refusal(endAssignment(t.admin, { id: fresh.id, version: fresh.version, validTo: "2026-04-30", reason: "Nghỉ hưu" }), ValidationError);
    expect(tooEarly.fieldErrors.validTo?.[0]).toMatch(/05\/05\/2026/);
    await endAssignment(t.admin, { id: fresh.id, version: fresh.version, validTo: "2026-06-30", reason: "Nghỉ hưu" }, on("2026-06-01"));
    const july = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-07-06") });
    const after = await refusal(recordVisit(t.overseer, attended(july.id), on("2026-07-06")), ForbiddenError);
    expect(after.message).toMatch(/không được phân công theo dõi/);
    expect(await auditActions(t)).toEqual(
      expect.arrayContaining(["oversight.assignment.change", "oversight.assignment.end", "oversight.visit.record"]),
    );
  });
});

describe("registering and recording a visit", () => {
  let t: MeetingTenant;
  beforeAll(async () => {
    t = await makeMeetingTenant({ members: 3 });
    await assign(t, t.overseer, t.branch);
  });

  test("“I will attend” makes the overseer a guest of the meeting; withdrawing removes both", async () => {
    const upcoming = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at("2026-09-05") });
    const { visitId } = await registerVisit(t.overseer, { meetingId: upcoming.id }, on("2026-09-01"));
    expect(await visitRows(t, upcoming.id)).toEqual([expect.objectContaining({ id: visitId, status: "PLANNED", userId: t.overseer.id })]);
    expect(await guestRows(t, upcoming.id)).toEqual([expect.objectContaining({ userId: t.overseer.id, name: t.overseer.displayName })]);
    // The branch's preparation page lists them.
    const prep = await getPreparationOversight(t.recorder, upcoming.id, on("2026-09-01"));
    expect(prep.registered).toEqual([{ userId: t.overseer.id, displayName: t.overseer.displayName, status: "PLANNED" }]);
    await refusal(registerVisit(t.overseer, { meetingId: upcoming.id }), ConflictError);

    await unregisterVisit(t.overseer, { meetingId: upcoming.id });
    expect(await visitRows(t, upcoming.id)).toEqual([]);
    expect(await guestRows(t, upcoming.id)).toEqual([]);
    expect(await auditActions(t)).toEqual(expect.arrayContaining(["oversight.visit.register", "oversight.visit.unregister"]));
  });

  test("a guest the secretary typed by name is linked to the overseer's account, not listed twice", async () => {
    const upcoming = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at("2026-10-05") });
    await withTenant(t.tenantId, (tx) => tx.meetingGuest.create({ data: { tenantId: t.tenantId, meetingId: upcoming.id, name: t.overseer.displayName } }));
    await registerVisit(t.overseer, { meetingId: upcoming.id }, on("2026-10-01"));
    expect(await guestRows(t, upcoming.id)).toEqual([expect.objectContaining({ name: t.overseer.displayName, userId: t.overseer.id })]);
  });

  test("a branch the overseer does not follow, or cannot see, is refused and nothing is saved", async () => {
    const sibling = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "HELD", plannedStart: at("2026-03-10") });
    const refused = await refusal(recordVisit(t.overseer, attended(sibling.id), on("2026-03-10")), ForbiddenError);
    expect(refused.message).toMatch(/không được phân công theo dõi Chi bộ Phòng Kế hoạch vào ngày 10\/03\/2026/);
    await refusal(registerVisit(t.overseer, { meetingId: (await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "PLANNED", plannedStart: at("2026-12-10") })).id }), ForbiddenError);
    const outside = await makeMeeting({ tenant: t, branchId: t.other.id, state: "HELD", plannedStart: at("2026-03-10") });
    await refusal(recordVisit(t.overseer, attended(outside.id), on("2026-03-10")), NotFoundError);
    // A recorder is no overseer, even of their own branch.
    const own = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-03-12") });
    await refusal(recordVisit(t.recorder, attended(own.id), on("2026-03-12")), ForbiddenError);
    for (const id of [sibling.id, outside.id, own.id]) {
      expect(await visitRows(t, id)).toEqual([]);
      expect(await guestRows(t, id)).toEqual([]);
    }
  });

  test("only a meeting that was really held can be recorded", async () => {
    for (const state of ["NOTIFIED", "POSTPONED", "CANCELLED"] as const) {
      const meeting = await makeMeeting({ tenant: t, state, plannedStart: at("2026-04-05") });
      const error = await refusal(recordVisit(t.overseer, attended(meeting.id), on("2026-04-06")), ValidationError);
      expect(error.message).toMatch(state === "CANCELLED" ? /đã bị hủy/ : state === "POSTPONED" ? /tạm hoãn/ : /chưa được chi bộ xác nhận là đã họp/);
      expect(await visitRows(t, meeting.id)).toEqual([]);
    }
  });

  test("one record per meeting and person; remarks are required when attended; a registration turns into the record", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at("2026-05-05") });
    await registerVisit(t.overseer, { meetingId: meeting.id }, on("2026-05-01"));
    await ownerDb().meeting.update({ where: { tenantId_id: { tenantId: t.tenantId, id: meeting.id } }, data: { state: "HELD", actualStart: at("2026-05-05") } });
    const missing = await refusal(recordVisit(t.overseer, { meetingId: meeting.id, status: "ATTENDED" }, on("2026-05-05")), ValidationError);
    expect(missing.fieldErrors.remarks?.[0]).toMatch(/nhận xét/);

    const first = await recordVisit(t.overseer, { ...attended(meeting.id), followUps: "Phân công nhiệm vụ cụ thể hơn\n\nBổ sung biên bản họp chi ủy" }, on("2026-05-05"));
    expect(first).toMatchObject({ status: "ATTENDED", approval: "NOT_NEEDED", countsForQuota: true });
    expect(first.followUpIds).toHaveLength(2);
    const rows = await visitRows(t, meeting.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.visitId, status: "ATTENDED", remarks: "Chi bộ chuẩn bị chu đáo, đảng viên phát biểu sôi nổi." });
    expect(rows[0]!.registeredAt).not.toBeNull();

    const second = await refusal(recordVisit(t.overseer, attended(meeting.id, "Lần hai"), on("2026-05-06")), ConflictError);
    expect(second.message).toMatch(/mỗi người chỉ có một bản ghi/);
    expect((await visitRows(t, meeting.id))[0]!.remarks).not.toBe("Lần hai");
    // Corrections go through the record itself, version-checked.
    const corrected = await updateVisitNotes(t.overseer, { visitId: first.visitId, version: first.version, remarks: "Nhận xét đã sửa", guidance: null });
    await refusal(updateVisitNotes(t.overseer, { visitId: first.visitId, version: first.version, remarks: "Bản cũ", guidance: null }), ConflictError);
    expect(corrected.version).toBe(first.version + 1);
    expect((await visitRows(t, meeting.id))[0]!.remarks).toBe("Nhận xét đã sửa");
  });

  test("nothing is recorded or remarked once the meeting is locked", async () => {
    const locked = await makeMeeting({ tenant: t, state: "FINALISED", plannedStart: at("2026-06-05") });
    const error = await refusal(recordVisit(t.overseer, attended(locked.id), on("2026-06-05")), ValidationError);
    expect(error.message).toMatch(/khóa sổ/);
    expect(await visitRows(t, locked.id)).toEqual([]);

    const meeting = await makeMeeting({ tenant: t, state: "SELF_SCORED", plannedStart: at("2026-06-15") });
    const visit = await recordVisit(t.overseer, attended(meeting.id), on("2026-06-15"));
    await ownerDb().meeting.update({ where: { tenantId_id: { tenantId: t.tenantId, id: meeting.id } }, data: { state: "FINALISED", lockedAt: new Date() } });
    const late = await refusal(updateVisitNotes(t.overseer, { visitId: visit.visitId, version: visit.version, remarks: "Bổ sung sau khi khóa", guidance: null }), ValidationError);
    expect(late.message).toMatch(/khóa sổ/);
    await refusal(addFollowUp(t.overseer, { visitId: visit.visitId, text: "Vấn đề mới" }), ValidationError);
    expect((await visitRows(t, meeting.id))[0]!.remarks).toBe("Chi bộ chuẩn bị chu đáo, đảng viên phát biểu sôi nổi.");
  });

  test("the visit page says what recording would do and links to the scorecard step", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-08-05") });
    const view = await getVisitView(t.overseer, meeting.id, on("2026-08-20"));
    expect(view.can.record).toBe(true);
    expect(view.wouldNeedApproval).toBe(true);
    expect(view.basis?.kind).toBe("assignment");
    const notHeld = await getVisitView(t.overseer, (await makeMeeting({ tenant: t, state: "PLANNED", plannedStart: at("2026-12-05") })).id, on("2026-11-01"));
    expect(notHeld.can.record).toBe(false);
    expect(notHeld.can.register).toBe(true);
    expect(notHeld.blocked).toMatch(/chưa được chi bộ xác nhận/);
  });
});

describe("quota counting", () => {
  let t: MeetingTenant;
  let resident: FixtureUser;
  let colleague: FixtureUser;
  beforeAll(async () => {
    t = await makeMeetingTenant({ members: 3 });
    // A member of the other committee's branch who lives in branch2's area (QĐ 213) and oversees it.
    const member = t.membersOther[0]!.id;
    resident = await addUser(t, "OVERSEER", t.g, member);
    colleague = await addUser(t, "OVERSEER", t.g);
    await withTenant(t.tenantId, (tx) =>
      tx.residenceLink.create({ data: { tenantId: t.tenantId, memberId: member, residenceBranchId: t.branch2.id, fromDate: fixtureDay("2020-01-01") } }),
    );
    await assign(t, t.overseer, t.branch);
    await assign(t, resident, t.branch2, "2026-01-01", "PROVINCIAL");
  });

  test("a visit recorded within the window counts at once", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-02-05") });
    await recordVisit(t.overseer, attended(meeting.id), on("2026-02-12"));
    expect(await myCoverage(t.overseer, on("2026-02-20"))).toMatchObject({ counted: 1, pending: 0, quota: 6, level: "GRASSROOTS" });
  });

  test("a back-dated visit waits for a reviewer; it counts only once approved, never when refused", async () => {
    const late = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: at("2026-03-05") });
    const recorded = await recordVisit(t.overseer, attended(late.id), on("2026-03-13"));
    expect(recorded.approval).toBe("PENDING");
    expect(await myCoverage(t.overseer, on("2026-03-20"))).toMatchObject({ counted: 1, pending: 1 });

    const pending = await listPendingVisits(t.reviewer);
    expect(pending).toEqual([expect.objectContaining({ id: recorded.visitId, daysLate: 8, user: { id: t.overseer.id, displayName: t.overseer.displayName } })]);
    await refusal(decideVisit(t.overseer, { visitId: recorded.visitId, version: recorded.version, decision: "APPROVE" }), ForbiddenError);
    await refusal(listPendingVisits(t.overseer), ForbiddenError);
    await refusal(decideVisit(t.reviewer, { visitId: recorded.visitId, version: recorded.version, decision: "REJECT" }), ValidationError);
    await decideVisit(t.reviewer, { visitId: recorded.visitId, version: recorded.version, decision: "APPROVE" }, on("2026-03-21"));
    expect(await myCoverage(t.overseer, on("2026-03-22"))).toMatchObject({ counted: 2, pending: 0 });
    await refusal(decideVisit(t.reviewer, { visitId: recorded.visitId, version: recorded.version + 1, decision: "APPROVE" }), ValidationError);

    const refused = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-04-05") });
    const second = await recordVisit(t.overseer, attended(refused.id), on("2026-04-20"));
    await decideVisit(t.reviewer, { visitId: second.visitId, version: second.version, decision: "REJECT", note: "Không có tên trong biên bản." });
    expect(await myCoverage(t.overseer, on("2026-04-21"))).toMatchObject({ counted: 2, pending: 0 });
    expect(await auditActions(t)).toEqual(expect.arrayContaining(["oversight.visit.approve", "oversight.visit.reject"]));
  });

  test("a visit to one's residence branch does not count unless the tenant's rule says so", async () => {
    const home = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "HELD", plannedStart: at("2026-02-10") });
    const visit = await recordVisit(resident, attended(home.id), on("2026-02-10"));
    expect(visit).toMatchObject({ countsForQuota: false, quotaExclusion: "RESIDENCE_BRANCH" });
    expect(await myCoverage(resident, on("2026-02-11"))).toMatchObject({ counted: 0, excluded: 1, quota: 2, level: "PROVINCIAL" });

    // Only a tenant administrator sets the rule; from 1/3 the tenant counts such visits.
    const values = { effectiveFrom: "2026-03-01", quotaProvincial: 2, quotaDistrict: 6, quotaGrassroots: 6, backdateDays: 7, alertMonthsWithoutVisit: 3, residenceVisitCounts: "on" };
    await refusal(saveOversightSettings(t.reviewer, values), ForbiddenError);
    expect((await saveOversightSettings(t.admin, values)).changed).toEqual(["oversight.residenceVisitCounts"]);
    expect((await getOversightSettings(t.admin, on("2026-03-02"))).values.residenceVisitCounts).toBe(true);
    const later = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "HELD", plannedStart: at("2026-03-10") });
    expect(await recordVisit(resident, attended(later.id), on("2026-03-10"))).toMatchObject({ countsForQuota: true, quotaExclusion: null });
    expect(await myCoverage(resident, on("2026-03-11"))).toMatchObject({ counted: 1, excluded: 1 });
  });

  test("a delegate may attend in the overseer's place; the visit covers the branch but counts for nobody's quota", async () => {
    const [assignment] = (await listAssignments(t.admin, { user: t.overseer.id }, on("2026-05-01"))).items;
    // Only the assigned overseer (or an administrator) hands their duty over.
    await refusal(createDelegation(colleague, { assignmentId: assignment!.id, toUserId: colleague.id, validFrom: "2026-05-01", validTo: "2026-05-31" }), ForbiddenError);
    const { id } = await createDelegation(t.overseer, { assignmentId: assignment!.id, toUserId: colleague.id, validFrom: "2026-05-01", validTo: "2026-05-31", reason: "Đi công tác" });
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-05-06") });
    const visit = await recordVisit(colleague, attended(meeting.id), on("2026-05-06"));
    expect(visit).toMatchObject({ countsForQuota: false, quotaExclusion: "DELEGATED" });
    expect(await myCoverage(colleague, on("2026-05-07"))).toBeNull();
    expect((await myCoverage(t.overseer, on("2026-05-07")))?.counted).toBe(2);
    const guests = await guestRows(t, meeting.id);
    expect(guests[0]?.title).toMatch(/Dự thay đồng chí/);

    await revokeDelegation(t.overseer, { id });
    const june = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-05-20") });
    await refusal(recordVisit(colleague, attended(june.id), on("2026-05-20")), ForbiddenError);
  });
});

describe("coverage and alerts", () => {
  test("per overseer against the quota of their level, per branch since the last visit, alerts at mid-year", async () => {
    const t = await makeMeetingTenant({ members: 2 });
    const slow = await addUser(t, "OVERSEER", t.root);
    await assign(t, t.overseer, t.branch, "2026-01-01", "GRASSROOTS");
    await assign(t, slow, t.other, "2026-01-01", "DISTRICT");
    // The overseer attends three of the branch's meetings before July; the slow one one in February.
    for (const month of ["01", "03", "05"]) {
      const meeting = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: at(`2026-${month}-05`) });
      await recordVisit(t.overseer, attended(meeting.id), on(`2026-${month}-05`));
    }
    const feb = await makeMeeting({ tenant: t, branchId: t.other.id, state: "HELD", plannedStart: at("2026-02-05") });
    await recordVisit(slow, attended(feb.id), on("2026-02-05"));

    const view = await getCoverage(t.reviewer, { year: 2026 }, on("2026-07-02"));
    expect(view.midYearPassed).toBe(true);
    const byName = new Map(view.overseers.map((o) => [o.user.id, o]));
    expect(byName.get(t.overseer.id)).toMatchObject({ counted: 3, quota: 6, expected: 3, status: "ON_TRACK" });
    expect(byName.get(slow.id)).toMatchObject({ counted: 1, quota: 6, status: "BEHIND", level: "DISTRICT" });
    expect(view.alerts.overseersBehind.map((o) => o.user.id)).toEqual([slow.id]);

    const branch = (id: string) => view.branches.find((b) => b.branch.id === id)!;
    expect(branch(t.branch.id)).toMatchObject({ visitsThisYear: 3, monthsWithoutVisit: 1, alert: false, neverVisited: false });
    expect(branch(t.branch.id).lastVisit).toEqual(fixtureDay("2026-05-05"));
    expect(branch(t.branch.id).overseers.map((o) => o.id)).toEqual([t.overseer.id]);
    expect(branch(t.other.id)).toMatchObject({ visitsThisYear: 1, monthsWithoutVisit: 4, alert: true });
    expect(branch(t.branch2.id)).toMatchObject({ neverVisited: true, alert: true, overseers: [] });
    expect(view.branches.some((b) => b.branch.id === t.closed.id)).toBe(false);
    expect(view.alerts.branches.map((b) => b.branch.id)).toEqual([t.branch2.id, t.other.id]);

    // Before July nobody is flagged as behind at mid-year, though the pace already shows it.
    const spring = await getCoverage(t.reviewer, { year: 2026 }, on("2026-06-30"));
    expect(spring.alerts.overseersBehind).toEqual([]);
    expect(spring.overseers.find((o) => o.user.id === slow.id)?.status).toBe("BEHIND");
    // A viewer of one committee sees its branches only; an overseer is no viewer.
    const narrow = await getCoverage(t.reviewer, { year: 2026, unit: t.g2.id }, on("2026-07-02"));
    expect(narrow.branches.map((b) => b.branch.id)).toEqual([t.other.id]);
    expect(narrow.overseers.map((o) => o.user.id)).toEqual([slow.id]);
    await refusal(getCoverage(t.overseer, { year: 2026 }), ForbiddenError);
    await refusal(getCoverage(t.leader, { year: 2026, unit: randomUUID() }), NotFoundError);

    // The desk shows the overseer's own figure, and the export streams the log.
    const desk = await getDesk(t.overseer, on("2026-07-02"));
    expect(desk.coverage).toMatchObject({ counted: 3, quota: 6 });
    const file = await exportOversightLog(t.reviewer, { year: 2026 }, on("2026-07-02"));
    const bytes = Buffer.from(await new Response(file.body).arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect(file.fileName).toBe("nhat-ky-du-sinh-hoat-2026.xlsx");
  });
});

describe("follow-ups on the branch's next preparation", () => {
  test("an issue raised at a visit shows on the later meetings' preparation until the branch closes it", async () => {
    const t = await makeMeetingTenant({ members: 2 });
    await assign(t, t.overseer, t.branch);
    const earlier = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: at("2026-02-05") });
    const visited = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at("2026-03-05") });
    const next = await makeMeeting({ tenant: t, state: "PLANNED", plannedStart: at("2026-04-05") });
    const visit = await recordVisit(t.overseer, { ...attended(visited.id), followUps: ["Hoàn thiện biên bản họp chi ủy chuẩn bị"], followUpDue: "2026-03-31" }, on("2026-03-05"));
    const added = await addFollowUp(t.overseer, { visitId: visit.visitId, text: "Báo cáo kết quả thu đảng phí" }, on("2026-03-06"));

    const prep = await getPreparationOversight(t.recorder, next.id, on("2026-04-01"));
    expect(prep.followUps.map((f) => f.text)).toEqual(["Hoàn thiện biên bản họp chi ủy chuẩn bị", "Báo cáo kết quả thu đảng phí"]);
    expect(prep.followUps[0]).toMatchObject({ raisedBy: t.overseer.displayName, overdue: true, canClose: true });
    // Not on the meeting it was raised at, nor on an earlier one; members of the branch see it too.
    expect((await getPreparationOversight(t.recorder, visited.id)).followUps).toEqual([]);
    expect((await getPreparationOversight(t.recorder, earlier.id)).followUps).toEqual([]);
    expect((await getPreparationOversight(t.member, next.id)).followUps[0]?.canClose).toBe(false);

    const first = prep.followUps[0]!;
    await refusal(closeFollowUp(t.member, { id: first.id, version: first.version, note: "Đã xong" }), ForbiddenError);
    await refusal(closeFollowUp(t.recorderOther, { id: first.id, version: first.version, note: "Đã xong" }), NotFoundError);
    await refusal(closeFollowUp(t.recorder, { id: first.id, version: first.version, note: "" }), ValidationError);
    await closeFollowUp(t.recorder, { id: first.id, version: first.version, note: "Chi ủy đã bổ sung biên bản ngày 20/3." }, on("2026-03-20"));
    await refusal(closeFollowUp(t.recorder, { id: first.id, version: first.version + 1, note: "Lần nữa" }), ValidationError);
    const after = await getPreparationOversight(t.recorder, next.id, on("2026-04-01"));
    expect(after.followUps.map((f) => f.id)).toEqual([added.id]);
    // The overseer who raised it may close it as well.
    await closeFollowUp(t.overseer, { id: added.id, version: 1, note: "Chi bộ đã báo cáo tại kỳ tháng 4." });
    expect((await getPreparationOversight(t.recorder, next.id)).followUps).toEqual([]);
    const view = await getVisitView(t.overseer, visited.id);
    expect(view.followUps.map((f) => [f.closedBy, f.closingNote])).toEqual([
      [t.recorder.displayName, "Chi ủy đã bổ sung biên bản ngày 20/3."],
      [t.overseer.displayName, "Chi bộ đã báo cáo tại kỳ tháng 4."],
    ]);
    expect(await auditActions(t)).toEqual(expect.arrayContaining(["oversight.followUp.add", "oversight.followUp.close"]));
  });
});
