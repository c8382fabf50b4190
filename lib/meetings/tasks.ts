// Task assignments (phân công nhiệm vụ, SPEC §7): assigned at one meeting to a member on the roll,
// with a deadline and the meeting where the result is reported, then evaluated there (done / partly
// / not done, %). The share of targets met (record-rules.targetsMet) feeds R1 of the meeting where
// they are reported.
//
// "Kỳ sau" (reportMeetingId = null) means the branch's next live meeting after the one where the
// task was assigned (by planned start; cancelled and postponed meetings are skipped). It is resolved
// when the tasks due at a meeting are listed, and fixed on the task when its result is recorded.
import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { fieldError, NotFoundError, parseInput } from "@/lib/errors";
import { TaskResult, type MeetingState } from "@/lib/generated/prisma/enums";
import { formatCalendarDate } from "@/lib/i18n/format";
import { MEETING_NOT_FOUND, assertRecordEditable, loadMeeting, type MeetingRef } from "@/lib/meetings/access";
import { auditRecord, meetingDay, optionalInt, optionalLine, optionalUuidField, requiredDayField, requiredParagraphs, rollMemberOn, uuidField } from "@/lib/meetings/record-common";
import { resultPercentFor, targetsMet, type TargetsMet } from "@/lib/meetings/record-rules";
import { isoDay } from "@/lib/time/days";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.meetingsServer.tasks;

const TASK_NOT_FOUND = wording.notFound;
const LIVE_EXCLUDED: MeetingState[] = ["CANCELLED", "POSTPONED"];

export const assignTaskSchema = z.object({
  meetingId: uuidField(MEETING_NOT_FOUND),
  memberId: uuidField(wording.member),
  content: requiredParagraphs(2000, {
    required: wording.contentRequired,
    tooLong: wording.contentTooLong,
  }),
  deadline: requiredDayField(wording.deadlineRequired, wording.deadlineInvalid),
  /** Empty: "kỳ sau", the branch's next meeting. */
  reportMeetingId: optionalUuidField(wording.reportMeetingInvalid),
});

export const deleteTaskSchema = z.object({
  meetingId: uuidField(MEETING_NOT_FOUND),
  taskId: uuidField(TASK_NOT_FOUND),
});

export const taskResultSchema = z
  .object({
    taskId: uuidField(TASK_NOT_FOUND),
    /** The meeting where the result is recorded; when given it must be the task's report meeting. */
    meetingId: optionalUuidField(MEETING_NOT_FOUND),
    result: z.enum(TaskResult, { error: wording.resultRequired }),
    resultPercent: optionalInt(0, 100, wording.percentRange),
    resultNote: optionalLine(1000, wording.noteTooLong),
  })
  .superRefine((value, ctx) => {
    if (value.result === "PARTLY" && resultPercentFor("PARTLY", value.resultPercent) === null) {
      ctx.addIssue({ code: "custom", path: ["resultPercent"], message: wording.partlyPercent });
    }
  });

export interface TaskRow {
  id: string;
  memberId: string;
  memberName: string;
  content: string;
  /** "yyyy-mm-dd" */
  deadline: string;
  /** The meeting where it was assigned. */
  meeting: { id: string; title: string; day: string };
  /** Stored report meeting, or the one "kỳ sau" resolves to (null when none is planned yet). */
  reportMeeting: { id: string; title: string; day: string } | null;
  /** True when the report meeting is "kỳ sau" (not chosen explicitly). */
  reportIsNext: boolean;
  result: TaskResult | null;
  resultPercent: number | null;
  resultNote: string | null;
  evaluatedAt: string | null;
}

interface MeetingLite {
  id: string;
  title: string;
  plannedStart: Date;
  actualStart: Date | null;
}

const meetingLite = { id: true, title: true, plannedStart: true, actualStart: true } as const;
const taskSelect = {
  id: true,
  memberId: true,
  content: true,
  deadline: true,
  reportMeetingId: true,
  result: true,
  resultPercent: true,
  resultNote: true,
  evaluatedAt: true,
  member: { select: { fullName: true } },
  meeting: { select: meetingLite },
  reportMeeting: { select: meetingLite },
} as const;

const lite = (m: MeetingLite) => ({ id: m.id, title: m.title, day: isoDay(meetingDay(m)) });

/** The branch's first live meeting after `after` (planned start), or null. */
async function nextLiveMeeting(tx: Tx, tenantId: string, branchId: string, after: { id: string; plannedStart: Date }): Promise<MeetingLite | null> {
  return tx.meeting.findFirst({
    where: { tenantId, branchId, id: { not: after.id }, state: { notIn: LIVE_EXCLUDED }, plannedStart: { gt: after.plannedStart } },
    select: meetingLite,
    orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
  });
}

/** The branch's last live meeting before `before`, or null. */
async function previousLiveMeeting(tx: Tx, tenantId: string, branchId: string, before: { id: string; plannedStart: Date }): Promise<{ id: string } | null> {
  return tx.meeting.findFirst({
    where: { tenantId, branchId, id: { not: before.id }, state: { notIn: LIVE_EXCLUDED }, plannedStart: { lt: before.plannedStart } },
    select: { id: true },
    orderBy: [{ plannedStart: "desc" }, { id: "desc" }],
  });
}

type TaskRecord = {
  id: string;
  memberId: string;
  content: string;
  deadline: Date;
  reportMeetingId: string | null;
  result: TaskResult | null;
  resultPercent: number | null;
  resultNote: string | null;
  evaluatedAt: Date | null;
  member: { fullName: string };
  meeting: MeetingLite;
  reportMeeting: MeetingLite | null;
};

/** Member ids → names told apart from namesakes of the branch (RollMember.label). */
export type MemberLabels = ReadonlyMap<string, string>;

function toRow(task: TaskRecord, resolvedNext: MeetingLite | null, labels?: MemberLabels): TaskRow {
  const report = task.reportMeeting ?? resolvedNext;
  return {
    id: task.id,
    memberId: task.memberId,
    memberName: labels?.get(task.memberId) ?? task.member.fullName,
    content: task.content,
    deadline: isoDay(task.deadline),
    meeting: lite(task.meeting),
    reportMeeting: report ? lite(report) : null,
    reportIsNext: task.reportMeetingId === null,
    result: task.result,
    resultPercent: task.resultPercent,
    resultNote: task.resultNote,
    evaluatedAt: task.evaluatedAt?.toISOString() ?? null,
  };
}

/**
 * Tasks due at `meeting`: those reported there by choice, and the "kỳ sau" tasks of the branch's
 * previous live meeting.
 */
export async function dueTasks(tx: Tx, tenantId: string, meeting: { id: string; branchId: string; plannedStart: Date }, labels?: MemberLabels): Promise<TaskRow[]> {
  const previous = await previousLiveMeeting(tx, tenantId, meeting.branchId, meeting);
  const rows = await tx.taskAssignment.findMany({
    where: {
      tenantId,
      OR: [{ reportMeetingId: meeting.id }, ...(previous ? [{ reportMeetingId: null, meetingId: previous.id }] : [])],
    },
    select: taskSelect,
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
  });
  const self = await tx.meeting.findUnique({ where: { tenantId_id: { tenantId, id: meeting.id } }, select: meetingLite });
  return rows.map((task) => toRow(task, task.reportMeetingId === null ? self : null, labels));
}

export interface TasksView {
  /** Assigned at this meeting. */
  assigned: TaskRow[];
  /** Due at this meeting (from earlier meetings), to evaluate here. */
  due: TaskRow[];
  targets: TargetsMet;
  /** Later meetings of the branch a task can be reported at (besides "kỳ sau"). */
  laterMeetings: { id: string; title: string; day: string }[];
  /** What "kỳ sau" means now, or null when no later meeting is planned yet. */
  nextMeeting: { id: string; title: string; day: string } | null;
}

export async function loadTasksView(tx: Tx, tenantId: string, meeting: MeetingRef, labels?: MemberLabels): Promise<TasksView> {
  const assignedRows = await tx.taskAssignment.findMany({
    where: { tenantId, meetingId: meeting.id },
    select: taskSelect,
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
  });
  const next = await nextLiveMeeting(tx, tenantId, meeting.branchId, meeting);
  const later = await tx.meeting.findMany({
    where: { tenantId, branchId: meeting.branchId, id: { not: meeting.id }, state: { notIn: LIVE_EXCLUDED }, plannedStart: { gt: meeting.plannedStart } },
    select: meetingLite,
    orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
    take: 12,
  });
  const due = await dueTasks(tx, tenantId, meeting, labels);
  return {
    assigned: assignedRows.map((task) => toRow(task, next, labels)),
    due,
    targets: targetsMet(due),
    laterMeetings: later.map(lite),
    nextMeeting: next ? lite(next) : null,
  };
}

// ─── Changes ────────────────────────────────────────────────────────────────────────────────────

export async function assignTask(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(assignTaskSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    const day = meetingDay(meeting);
    const member = await rollMemberOn(tx, user.tenantId, meeting.branchId, day, data.memberId);
    if (!member || member.suspended) {
      throw fieldError("memberId", wording.memberNotOnRoll);
    }
    if (data.deadline.getTime() < day.getTime()) {
      throw fieldError("deadline", fill(wording.deadlineBeforeMeeting, { day: formatCalendarDate(day) }));
    }
    if (data.reportMeetingId) {
      const report = await tx.meeting.findFirst({
        where: { tenantId: user.tenantId, id: data.reportMeetingId, branchId: meeting.branchId, state: { notIn: LIVE_EXCLUDED } },
        select: { plannedStart: true },
      });
      if (!report || report.plannedStart.getTime() <= meeting.plannedStart.getTime()) {
        throw fieldError("reportMeetingId", wording.reportMeetingNotLater);
      }
    }
    const twin = await tx.taskAssignment.findFirst({
      where: { tenantId: user.tenantId, meetingId: meeting.id, memberId: member.memberId, content: data.content, deadline: data.deadline },
      select: { id: true },
    });
    if (twin) throw fieldError("content", wording.twin);
    const task = await tx.taskAssignment.create({
      data: {
        tenantId: user.tenantId,
        meetingId: meeting.id,
        memberId: member.memberId,
        content: data.content,
        deadline: data.deadline,
        reportMeetingId: data.reportMeetingId,
      },
      select: { id: true },
    });
    await auditRecord(
      tx,
      user,
      meeting.id,
      {
        action: "task.assign",
        after: {
          taskId: task.id,
          memberId: member.memberId,
          fullName: member.fullName,
          content: data.content,
          deadline: isoDay(data.deadline),
          reportMeetingId: data.reportMeetingId,
        },
      },
      context,
    );
    return task;
  });
}

export async function deleteTask(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(deleteTaskSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    const task = await tx.taskAssignment.findFirst({
      where: { tenantId: user.tenantId, id: data.taskId, meetingId: meeting.id },
      select: { id: true, memberId: true, content: true, deadline: true, reportMeetingId: true, result: true },
    });
    if (!task) throw new NotFoundError(TASK_NOT_FOUND);
    if (task.result) throw fieldError("taskId", wording.alreadyEvaluated);
    await tx.taskAssignment.delete({ where: { tenantId_id: { tenantId: user.tenantId, id: task.id } } });
    await auditRecord(
      tx,
      user,
      meeting.id,
      { action: "task.delete", before: { taskId: task.id, memberId: task.memberId, content: task.content, deadline: isoDay(task.deadline), reportMeetingId: task.reportMeetingId } },
      context,
    );
    return { id: task.id };
  });
}

export interface TaskResultSaved {
  id: string;
  reportMeetingId: string;
  result: TaskResult;
  resultPercent: number;
}

/**
 * Records a task's result at its report meeting (meeting.record there, record still editable).
 * A "kỳ sau" task is fixed to the meeting it resolves to. DONE is stored as 100 %, NOT_DONE as 0 %.
 */
export async function recordTaskResult(user: Principal, input: unknown, context: ServiceContext = {}): Promise<TaskResultSaved> {
  const data = parseInput(taskResultSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const task = await tx.taskAssignment.findFirst({
      where: { tenantId: user.tenantId, id: data.taskId },
      select: {
        id: true,
        reportMeetingId: true,
        result: true,
        resultPercent: true,
        resultNote: true,
        meeting: { select: { id: true, branchId: true, plannedStart: true } },
      },
    });
    if (!task) throw new NotFoundError(TASK_NOT_FOUND);
    const reportId = task.reportMeetingId ?? (await nextLiveMeeting(tx, user.tenantId, task.meeting.branchId, task.meeting))?.id ?? null;
    // Reading the assigning meeting first keeps tasks outside the user's subtree a 404.
    try {
      await loadMeeting(tx, user, task.meeting.id);
    } catch (error) {
      throw error instanceof NotFoundError ? new NotFoundError(TASK_NOT_FOUND) : error;
    }
    if (!reportId) {
      throw fieldError("meetingId", wording.noNextMeeting);
    }
    if (data.meetingId && data.meetingId !== reportId) {
      throw fieldError("meetingId", wording.notReportedHere);
    }
    const report = await loadMeeting(tx, user, reportId, { permission: "meeting.record", lock: true });
    assertRecordEditable(report);
    const percent = resultPercentFor(data.result, data.resultPercent)!;
    const now = new Date();
    await tx.taskAssignment.update({
      where: { tenantId_id: { tenantId: user.tenantId, id: task.id } },
      data: { reportMeetingId: report.id, result: data.result, resultPercent: percent, resultNote: data.resultNote, evaluatedAt: now },
      select: { id: true },
    });
    await auditRecord(
      tx,
      user,
      report.id,
      {
        action: "task.result",
        before: { taskId: task.id, result: task.result, resultPercent: task.resultPercent, resultNote: task.resultNote },
        after: { taskId: task.id, reportMeetingId: report.id, result: data.result, resultPercent: percent, resultNote: data.resultNote },
      },
      context,
    );
    return { id: task.id, reportMeetingId: report.id, result: data.result, resultPercent: percent };
  });
}
