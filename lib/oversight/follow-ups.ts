// Issues an overseer raised at a visit (issue 6 §3–4): they stay on the preparation page of every
// later meeting of the branch until the branch (its recorder) or the overseer closes them with a
// note of what was done. One transaction per action, audited.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import type { VisitStatus } from "@/lib/generated/prisma/enums";
import messages from "@/lib/i18n/messages";
import { canReadMeeting, loadMeeting } from "@/lib/meetings/access";
import { existingVersionField, requiredParagraphs, uuidField } from "@/lib/meetings/record-common";
import { STALE, meetingDayOf, optionalDay } from "@/lib/oversight/common";
import { assertDueAfterMeeting, ownRecordedVisit } from "@/lib/oversight/visits";
import { isoDay, vietnamDayOf } from "@/lib/time/days";
import type { ServiceContext } from "@/lib/service-context";

const words = messages.oversightServer.followUps;

export const addFollowUpSchema = z.object({
  visitId: uuidField(words.visitId),
  text: requiredParagraphs(1000, { required: words.textRequired, tooLong: words.textTooLong }),
  dueDate: optionalDay(words.dueDate),
});
export type AddFollowUpInput = z.input<typeof addFollowUpSchema>;

export const closeFollowUpSchema = z.object({
  id: uuidField(words.id),
  version: existingVersionField,
  note: requiredParagraphs(1000, { required: words.noteRequired, tooLong: words.noteTooLong }),
});
export type CloseFollowUpInput = z.input<typeof closeFollowUpSchema>;

/** Adds an issue to one's own attended visit, until the meeting is locked. */
export async function addFollowUp(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(addFollowUpSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const { row, meeting } = await ownRecordedVisit(tx, user, data.visitId);
    if (row.status !== "ATTENDED") throw new ValidationError(words.notAttended);
    if (data.dueDate) assertDueAfterMeeting(data.dueDate, meetingDayOf(meeting), "dueDate");
    const followUp = await tx.oversightFollowUp.create({
      data: { tenantId: user.tenantId, visitId: row.id, branchId: meeting.branchId, text: data.text, dueDate: data.dueDate, createdById: user.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.followUp.add",
      entityType: "OversightFollowUp",
      entityId: followUp.id,
      after: { visitId: row.id, meetingId: meeting.id, branchName: meeting.branch.name, text: data.text, dueDate: data.dueDate ? isoDay(data.dueDate) : null },
      requestId: context.requestId,
    });
    return followUp;
  });
}

/** Closes an issue: the branch's recorder or the overseer who raised it. */
export async function closeFollowUp(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string; version: number }> {
  const data = parseInput(closeFollowUpSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const row = await tx.oversightFollowUp.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: data.id } },
      select: { id: true, text: true, closedAt: true, version: true, branch: { select: { name: true, path: true } }, visit: { select: { userId: true } } },
    });
    const raisedByMe = row?.visit.userId === user.id;
    if (!row || !(raisedByMe || canReadMeeting(user, row.branch))) throw new NotFoundError(words.notFound);
    if (!raisedByMe && !authorize(user, "meeting.record", row.branch)) {
      throw new ForbiddenError(words.closeForbidden);
    }
    if (row.closedAt) throw new ValidationError(words.closed);
    if (row.version !== data.version) throw new ConflictError(STALE);
    const updated = await tx.oversightFollowUp.updateMany({
      where: { tenantId: user.tenantId, id: row.id, version: data.version, closedAt: null },
      data: { closedAt: now, closedById: user.id, closingNote: data.note, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError(STALE);
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.followUp.close",
      entityType: "OversightFollowUp",
      entityId: row.id,
      before: { closedAt: null },
      after: { text: row.text, branchName: row.branch.name, closingNote: data.note, closedAt: now.toISOString() },
      requestId: context.requestId,
    });
    return { id: row.id, version: row.version + 1 };
  });
}

export interface PreparationOversight {
  /** Overseers who said they will attend (their visit is planned, or already recorded). */
  registered: { userId: string; displayName: string; status: VisitStatus }[];
  /** Issues raised at earlier visits of the branch and not closed yet. */
  followUps: {
    id: string;
    text: string;
    dueDate: Date | null;
    raisedBy: string;
    raisedAt: Date;
    raisedMeetingId: string;
    overdue: boolean;
    version: number;
    canClose: boolean;
  }[];
}

/** The oversight part of a meeting's preparation page (anyone who may read the meeting). */
export async function getPreparationOversight(user: Principal, meetingId: string, context: { now?: Date } = {}): Promise<PreparationOversight> {
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, meetingId);
    const visits = await tx.overseerVisit.findMany({
      where: { tenantId: user.tenantId, meetingId: meeting.id, status: { in: ["PLANNED", "ATTENDED"] } },
      select: { status: true, user: { select: { id: true, displayName: true } } },
      orderBy: { createdAt: "asc" },
    });
    const open = await tx.oversightFollowUp.findMany({
      where: { tenantId: user.tenantId, branchId: meeting.branchId, closedAt: null, visit: { meeting: { plannedStart: { lt: meeting.plannedStart } } } },
      select: {
        id: true,
        text: true,
        dueDate: true,
        version: true,
        visit: { select: { userId: true, user: { select: { displayName: true } }, meeting: { select: { id: true, plannedStart: true, actualStart: true } } } },
      },
      orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    });
    const recorder = authorize(user, "meeting.record", meeting.branch);
    const today = vietnamDayOf(now).getTime();
    return {
      registered: visits.map((v) => ({ userId: v.user.id, displayName: v.user.displayName, status: v.status })),
      followUps: open.map((f) => ({
        id: f.id,
        text: f.text,
        dueDate: f.dueDate,
        raisedBy: f.visit.user.displayName,
        raisedAt: meetingDayOf(f.visit.meeting),
        raisedMeetingId: f.visit.meeting.id,
        overdue: f.dueDate !== null && f.dueDate.getTime() < today,
        version: f.version,
        canClose: recorder || f.visit.userId === user.id,
      })),
    };
  });
}
