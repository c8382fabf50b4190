// Task assignments and their results: who may be assigned, report meetings ("kỳ sau" resolves to
// the branch's next live meeting), results at the report meeting, and the share of targets met.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { getMinutesSheet } from "@/lib/meetings/minutes";
import { getRecordSummary } from "@/lib/meetings/record-summary";
import { assignTask, deleteTask, recordTaskResult } from "@/lib/meetings/tasks";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { at14 } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 4 });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

describe("assigning", () => {
  test("only a member on the roll, a deadline from the meeting day, a later meeting of the branch", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-02-05") });
    const earlier = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-01-05") });
    const otherBranch = await makeMeeting({ tenant: t, branchId: t.branch2.id, plannedStart: at14("2025-03-05") });
    const base = { meetingId: meeting.id, memberId: t.members[0]!.id, content: "Hoàn thành báo cáo quý", deadline: "2025-02-28" };
    await expect(assignTask(t.recorder, { ...base, memberId: t.members2[0]!.id })).rejects.toMatchObject({
      fieldErrors: { memberId: [expect.stringContaining("danh sách chi bộ")] },
    });
    await expect(assignTask(t.recorder, { ...base, deadline: "2025-02-04" })).rejects.toMatchObject({
      fieldErrors: { deadline: [expect.stringContaining("05/02/2025")] },
    });
    for (const reportMeetingId of [earlier.id, otherBranch.id]) {
      await expect(assignTask(t.recorder, { ...base, reportMeetingId })).rejects.toMatchObject({ fieldErrors: { reportMeetingId: [expect.any(String)] } });
    }
    await expect(assignTask(t.recorder, { ...base, content: " " })).rejects.toMatchObject({ fieldErrors: { content: [expect.any(String)] } });
    const task = await assignTask(t.recorder, base);
    const sheet = await getMinutesSheet(t.recorder, meeting.id);
    expect(sheet.tasks.assigned).toEqual([expect.objectContaining({ id: task.id, memberName: t.members[0]!.fullName, deadline: "2025-02-28", reportIsNext: true })]);
    await deleteTask(t.recorder, { meetingId: meeting.id, taskId: task.id });
    expect((await getMinutesSheet(t.recorder, meeting.id)).tasks.assigned).toEqual([]);
  });
});

describe("results and the share of targets met", () => {
  test("kỳ sau skips a cancelled meeting; DONE counts 1, PARTLY its %, NOT_DONE and unevaluated 0", async () => {
    const tenant = await makeMeetingTenant({ members: 3 });
    const [a, b, c] = tenant.members.map((m) => m.id) as [string, string, string];
    const jan = await makeMeeting({ tenant, state: "HELD", plannedStart: at14("2025-01-05") });
    await makeMeeting({ tenant, state: "CANCELLED", plannedStart: at14("2025-01-20") });
    const feb = await makeMeeting({ tenant, state: "HELD", plannedStart: at14("2025-02-05") });
    const mar = await makeMeeting({ tenant, state: "PLANNED", plannedStart: at14("2025-03-05") });
    const assign = (memberId: string, content: string, reportMeetingId?: string) =>
      assignTask(tenant.recorder, { meetingId: jan.id, memberId, content, deadline: "2025-01-31", reportMeetingId: reportMeetingId ?? "" });
    const t1 = await assign(a, "Nhiệm vụ 1");
    const t2 = await assign(b, "Nhiệm vụ 2");
    const t3 = await assign(c, "Nhiệm vụ 3");
    const t4 = await assign(a, "Nhiệm vụ 4");
    const later = await assign(b, "Báo cáo vào tháng 3", mar.id);

    let view = (await getMinutesSheet(tenant.recorder, feb.id)).tasks;
    expect(view.due.map((task) => task.id).sort()).toEqual([t1.id, t2.id, t3.id, t4.id].sort());
    expect(view.targets).toMatchObject({ due: 4, evaluated: 0, pending: 4, share: { num: 0, den: 4 } });
    // In January's list, "kỳ sau" already names February (the cancelled meeting is skipped).
    const janView = (await getMinutesSheet(tenant.recorder, jan.id)).tasks;
    expect(janView.nextMeeting?.id).toBe(feb.id);
    expect(janView.assigned.find((task) => task.id === t1.id)?.reportMeeting?.id).toBe(feb.id);
    expect(janView.laterMeetings.map((m) => m.id)).toEqual([feb.id, mar.id]);

    // PARTLY needs a percent between 1 and 99; results are recorded at the report meeting only.
    await expect(recordTaskResult(tenant.recorder, { taskId: t2.id, result: "PARTLY", resultPercent: "" })).rejects.toMatchObject({
      fieldErrors: { resultPercent: [expect.any(String)] },
    });
    await expect(recordTaskResult(tenant.recorder, { taskId: t1.id, meetingId: mar.id, result: "DONE" })).rejects.toMatchObject({
      fieldErrors: { meetingId: [expect.any(String)] },
    });
    await expect(recordTaskResult(tenant.recorderOther, { taskId: t1.id, result: "DONE" })).rejects.toMatchObject({ status: 404 });
    expect(await recordTaskResult(tenant.recorder, { taskId: t1.id, meetingId: feb.id, result: "DONE", resultPercent: "40" })).toMatchObject({
      reportMeetingId: feb.id,
      resultPercent: 100,
    });
    await recordTaskResult(tenant.recorder, { taskId: t2.id, result: "PARTLY", resultPercent: "50", resultNote: "Còn thiếu số liệu quý 4" });
    await recordTaskResult(tenant.recorder, { taskId: t3.id, result: "NOT_DONE" });

    view = (await getMinutesSheet(tenant.recorder, feb.id)).tasks;
    // (1 + 0.5 + 0 + 0 pending) / 4 = 37.5 %.
    expect(view.targets).toMatchObject({ due: 4, evaluated: 3, pending: 1, done: 1, partly: 1, notDone: 1, metHundredths: 150, share: { num: 150, den: 4 } });
    const summary = await withTenant(tenant.tenantId, (tx) => getRecordSummary(tx, tenant.recorder, feb.id));
    expect(summary.previousTargets).toMatchObject({ due: 4, shareText: "37,5 %" });
    expect(summary.tasks.assigned).toBe(0);
    // The task reported in March is due there, not in February.
    const marView = (await getMinutesSheet(tenant.recorder, mar.id)).tasks;
    expect(marView.due.map((task) => task.id)).toEqual([later.id]);

    // Once February's minutes are adopted, its results are closed.
    await withTenant(tenant.tenantId, (tx) =>
      tx.meeting.update({ where: { tenantId_id: { tenantId: tenant.tenantId, id: feb.id } }, data: { state: "MINUTES_ADOPTED" } }),
    );
    await expect(recordTaskResult(tenant.recorder, { taskId: t4.id, result: "DONE" })).rejects.toMatchObject({ status: 422 });
    // An evaluated task cannot be deleted from the meeting that assigned it.
    await expect(deleteTask(tenant.recorder, { meetingId: jan.id, taskId: t1.id })).rejects.toMatchObject({ status: 422 });
  });
});
