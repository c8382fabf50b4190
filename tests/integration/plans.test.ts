// The annual plan: 12 regular + 4 thematic meetings from the branch's default day and time,
// combined quarters, idempotent regeneration that never duplicates or deletes, refusals for closed
// and non-branch units, the branch defaults, and the leader's list of branches without a plan.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { generatePlan, getPlan, listMissingPlans, listPlanStatus, saveMeetingDefaults, thematicDay } from "@/lib/meetings/plans";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";

let t: MeetingTenant;
let otherTenant: MeetingTenant;

beforeAll(async () => {
  [t, otherTenant] = await Promise.all([makeMeetingTenant({ members: 3 }), makeMeetingTenant({ members: 1 })]);
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

const meetingsOf = (tenantId: string, branchId: string, year: number) =>
  ownerDb().meeting.findMany({
    where: {
      tenantId,
      branchId,
      plannedStart: { gte: new Date(Date.UTC(year - 1, 11, 31, 17)), lt: new Date(Date.UTC(year, 11, 31, 17)) },
    },
    select: { id: true, kind: true, title: true, topic: true, plannedStart: true, plannedEnd: true, state: true, planId: true, hasThematicPart: true, place: true },
    orderBy: { plannedStart: "asc" },
  });

const topics = (quarters: Record<number, { title: string; combined?: boolean }>) =>
  Object.entries(quarters).map(([quarter, topic]) => ({ quarter: Number(quarter), ...topic }));

describe("generating a plan", () => {
  test("12 regular meetings on the default day and time, 4 thematic ones in the middle month of each quarter", async () => {
    const result = await generatePlan(t.recorder, {
      branchId: t.branch.id,
      year: 2027,
      topics: topics({ 1: { title: "Học tập Nghị quyết Đại hội XIV" }, 3: { title: "Chuyển đổi số trong cơ quan" } }),
    });
    expect(result).toMatchObject({ created: 16, updated: 0, kept: 0, version: 1 });

    const rows = await meetingsOf(t.tenantId, t.branch.id, 2027);
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => row.planId === result.planId && row.state === "PLANNED")).toBe(true);
    const regular = rows.filter((row) => row.kind === "REGULAR");
    expect(regular).toHaveLength(12);
    // Day 5 at 14:00 in Vietnam = 07:00 UTC, lasting the 90-minute minimum.
    expect(regular.map((row) => row.plannedStart.toISOString())).toEqual(
      Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}-05T07:00:00.000Z`),
    );
    expect(regular.every((row) => row.plannedEnd!.getTime() - row.plannedStart.getTime() === 90 * 60_000)).toBe(true);
    expect(regular[2]!.title).toBe("Sinh hoạt chi bộ thường kỳ tháng 3/2027");

    const thematic = rows.filter((row) => row.kind === "THEMATIC");
    expect(thematic.map((row) => row.plannedStart.toISOString())).toEqual([
      "2027-02-19T07:00:00.000Z",
      "2027-05-19T07:00:00.000Z",
      "2027-08-19T07:00:00.000Z",
      "2027-11-19T07:00:00.000Z",
    ]);
    expect(thematic.map((row) => row.topic)).toEqual(["Học tập Nghị quyết Đại hội XIV", null, "Chuyển đổi số trong cơ quan", null]);
    expect(thematic.every((row) => row.hasThematicPart)).toBe(true);

    // Weekends keep their date and are reported: 5/6/2027 and 5/9/2027 are a Saturday and a Sunday.
    expect(result.weekendDates).toEqual(expect.arrayContaining(["2027-06-05", "2027-09-05"]));
    const view = await getPlan(t.recorder, t.branch.id, 2027);
    expect(view.meetings.find((m) => m.plannedStart.toISOString() === "2027-06-05T07:00:00.000Z")?.weekend).toBe(6);
    expect(view.quartersWithoutThematic).toEqual([]);
    expect(view.quartersWithoutTopic).toEqual([2, 4]);

    const audit = await ownerDb().auditEntry.findMany({
      where: { tenantId: t.tenantId, entityType: "AnnualPlan", entityId: result.planId },
      select: { action: true, after: true },
    });
    expect(audit).toEqual([{ action: "plan.create", after: expect.objectContaining({ year: 2027, created: 16 }) }]);
  });

  test("regenerating never duplicates, never deletes, and leaves held and cancelled meetings alone", async () => {
    const before = await meetingsOf(t.tenantId, t.branch.id, 2027);
    const [march, april] = before.filter((row) => row.kind === "REGULAR").slice(2, 4);
    await ownerDb().meeting.update({
      where: { tenantId_id: { tenantId: t.tenantId, id: march!.id } },
      data: { state: "HELD", actualStart: march!.plannedStart, actualEnd: march!.plannedEnd },
    });
    await ownerDb().meeting.update({ where: { tenantId_id: { tenantId: t.tenantId, id: april!.id } }, data: { state: "CANCELLED", stateReason: "Nghỉ lễ" } });

    const stale = await refusal(generatePlan(t.recorder, { branchId: t.branch.id, year: 2027, version: 7 }), ConflictError);
    expect(stale.message).toContain("Kế hoạch vừa được người khác cập nhật");
    await refusal(generatePlan(t.recorder, { branchId: t.branch.id, year: 2027 }), ConflictError);

    const again = await generatePlan(t.recorder, {
      branchId: t.branch.id,
      year: 2027,
      version: 1,
      topics: topics({ 2: { title: "Phòng, chống lãng phí" } }),
    });
    expect(again).toMatchObject({ created: 0, updated: 1, kept: 16, version: 2 });
    const after = await meetingsOf(t.tenantId, t.branch.id, 2027);
    expect(after.map((row) => row.id).sort()).toEqual(before.map((row) => row.id).sort());
    expect(after.find((row) => row.id === march!.id)?.state).toBe("HELD");
    expect(after.find((row) => row.id === april!.id)?.state).toBe("CANCELLED");
    // The new topic reached the quarter's thematic meeting, which is not held yet.
    expect(after.find((row) => row.kind === "THEMATIC" && row.plannedStart.toISOString().startsWith("2027-05"))?.topic).toBe("Phòng, chống lãng phí");
  });

  test("a combined quarter turns the middle month's regular meeting into a COMBINED one, with the long minimum", async () => {
    await saveMeetingDefaults(t.recorder2, { branchId: t.branch2.id, version: 1, meetingDay: 10, meetingTime: "08:00", meetingPlace: "Hội trường B" });
    const result = await generatePlan(t.recorder2, {
      branchId: t.branch2.id,
      year: 2028,
      topics: topics({ 2: { title: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", combined: true } }),
    });
    expect(result.created).toBe(15);
    const rows = await meetingsOf(t.tenantId, t.branch2.id, 2028);
    const may = rows.filter((row) => row.plannedStart.toISOString().startsWith("2028-05"));
    expect(may).toHaveLength(1);
    expect(may[0]).toMatchObject({ kind: "COMBINED", hasThematicPart: true, place: "Hội trường B", plannedStart: new Date("2028-05-10T01:00:00.000Z") });
    expect(may[0]!.plannedEnd!.getTime() - may[0]!.plannedStart.getTime()).toBe(120 * 60_000);
    expect(rows.filter((row) => row.kind === "THEMATIC").map((row) => row.plannedStart.toISOString().slice(0, 10))).toEqual([
      "2028-02-24",
      "2028-08-24",
      "2028-11-24",
    ]);
    expect(thematicDay(20)).toBe(6);
  });

  test("a regular meeting planned by hand joins the plan and becomes the combined one", async () => {
    const handMade = await makeMeeting({ tenant: t, branchId: t.branch2.id, plannedStart: "2029-05-12T02:00:00Z" });
    const result = await generatePlan(t.recorder2, { branchId: t.branch2.id, year: 2029, topics: topics({ 2: { title: "Văn hóa công sở", combined: true } }) });
    expect(result).toMatchObject({ created: 14, updated: 1 });
    const row = (await meetingsOf(t.tenantId, t.branch2.id, 2029)).find((m) => m.id === handMade.id);
    expect(row).toMatchObject({ kind: "COMBINED", topic: "Văn hóa công sở", planId: result.planId });
  });
  test("slots whose day has passed are not created (a plan schedules what is ahead)", async () => {
    const result = await generatePlan(t.recorderOther, { branchId: t.other.id, year: 2030 }, { now: new Date("2030-06-05T01:00:00Z") });
    expect(result).toMatchObject({ created: 9, skippedPast: 7 });
    const rows = await meetingsOf(t.tenantId, t.other.id, 2030);
    expect(rows[0]!.plannedStart.toISOString()).toBe("2030-06-05T07:00:00.000Z");
  });
});

describe("refusals", () => {
  test("a branch closed before the year has no plan; the year it closed in is planned up to its last day", async () => {
    const refused = await refusal(generatePlan(t.admin, { branchId: t.closed.id, year: 2025 }), ForbiddenError);
    expect(refused).toBeInstanceOf(ForbiddenError);
    const recorderOfClosed: Principal = { id: t.recorder.id, tenantId: t.tenantId, grants: [{ role: "RECORDER", orgUnitId: t.closed.id, path: t.closed.path }] };
    const closed = await refusal(generatePlan(recorderOfClosed, { branchId: t.closed.id, year: 2025 }), ValidationError);
    expect(closed.message).toBe("Chi bộ đã ngừng hoạt động trước năm 2025; không lập kế hoạch được.");
    expect(closed.fieldErrors.year).toBeDefined();
    expect(await ownerDb().annualPlan.count({ where: { tenantId: t.tenantId, branchId: t.closed.id } })).toBe(0);

    const lastYear = await generatePlan(recorderOfClosed, { branchId: t.closed.id, year: 2024 }, { now: new Date("2023-12-01T00:00:00Z") });
    expect(lastYear.created).toBe(16);
  });

  test("only a branch has a plan; a committee is refused", async () => {
    const recorderOfG: Principal = { id: t.recorder.id, tenantId: t.tenantId, grants: [{ role: "RECORDER", orgUnitId: t.g.id, path: t.g.path }] };
    const error = await refusal(generatePlan(recorderOfG, { branchId: t.g.id, year: 2027 }), ValidationError);
    expect(error.fieldErrors.branchId).toEqual(["Vui lòng chọn một chi bộ."]);
  });

  test("other branches, other tenants and read-only roles", async () => {
    await refusal(generatePlan(t.recorder2, { branchId: t.branch.id, year: 2033 }), NotFoundError);
    await refusal(generatePlan(otherTenant.recorder, { branchId: t.branch.id, year: 2033 }), NotFoundError);
    await refusal(generatePlan(t.overseer, { branchId: t.branch.id, year: 2033 }), ForbiddenError);
    await refusal(getPlan(otherTenant.leader, t.branch.id, 2027), NotFoundError);
    await refusal(getPlan(t.recorderOther, t.branch.id, 2027), NotFoundError);
    expect((await getPlan(t.overseer, t.branch.id, 2027)).can).toEqual({ generate: false, editDefaults: false });
    expect(await ownerDb().annualPlan.count({ where: { tenantId: t.tenantId, year: 2033 } })).toBe(0);
  });

  test("bad input is refused with the field's message", async () => {
    const year = await refusal(generatePlan(t.recorder, { branchId: t.branch.id, year: 1999 }), ValidationError);
    expect(year.fieldErrors.year).toEqual(["Năm phải từ 2000 đến 2100."]);
  });
});

describe("branch defaults", () => {
  test("day 1–28, time HH:mm; saved with a version and an audit entry, by the recorder or an admin", async () => {
    const day29 = await refusal(saveMeetingDefaults(t.recorder, { branchId: t.branch.id, version: 1, meetingDay: "29", meetingTime: "14:00" }), ValidationError);
    expect(day29.fieldErrors.meetingDay?.[0]).toContain("từ ngày 1 đến ngày 28");
    const time = await refusal(saveMeetingDefaults(t.recorder, { branchId: t.branch.id, version: 1, meetingDay: "5", meetingTime: "25:00" }), ValidationError);
    expect(time.fieldErrors.meetingTime).toEqual(["Giờ họp phải có dạng HH:mm, ví dụ 14:00."]);

    expect(await saveMeetingDefaults(t.recorder, { branchId: t.branch.id, version: 1, meetingDay: "3", meetingTime: "07:30", meetingPlace: " Phòng họp A " })).toEqual({
      version: 2,
    });
    await refusal(saveMeetingDefaults(t.admin, { branchId: t.branch.id, version: 1, meetingDay: "4" }), ConflictError);
    await saveMeetingDefaults(t.admin, { branchId: t.branch.id, version: 2, meetingDay: "4", meetingTime: "07:30", meetingPlace: "Phòng họp A" });
    await refusal(saveMeetingDefaults(t.overseer, { branchId: t.branch.id, version: 3, meetingDay: "6" }), ForbiddenError);

    const unit = await ownerDb().orgUnit.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: t.tenantId, id: t.branch.id } },
      select: { meetingDay: true, meetingTime: true, meetingPlace: true, version: true },
    });
    expect(unit).toEqual({ meetingDay: 4, meetingTime: "07:30", meetingPlace: "Phòng họp A", version: 3 });
    const audit = await ownerDb().auditEntry.findMany({
      where: { tenantId: t.tenantId, entityId: t.branch.id, action: "orgUnit.meetingDefaults" },
      select: { before: true, after: true },
      orderBy: { at: "asc" },
    });
    expect(audit[0]).toEqual({
      before: { meetingDay: null, meetingTime: null, meetingPlace: null },
      after: { meetingDay: 3, meetingTime: "07:30", meetingPlace: "Phòng họp A" },
    });
  });
});

describe("branches without a plan", () => {
  test("a leader sees the open branches of their subtree that have no plan for the year", async () => {
    const missing = await listMissingPlans(t.leader, 2027);
    expect(missing.rows.map((row) => row.id).sort()).toEqual([t.branch2.id, t.other.id].sort());
    const later = await listMissingPlans(t.leader, 2031);
    expect(later.rows.map((row) => row.id).sort()).toEqual([t.branch.id, t.branch2.id, t.other.id].sort());
    await refusal(listMissingPlans(t.recorder, 2027), ForbiddenError);

    const status = await listPlanStatus(t.overseer, 2027);
    expect(status.rows.map((row) => [row.name, row.planId !== null, row.meetingCount])).toEqual([
      [t.branch2.name, false, 0],
      [t.branch.name, true, 15],
    ]);
  });
});
