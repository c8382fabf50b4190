// Who may touch which meeting, decided inside the tenant transaction that does the work. A meeting
// is reached through its branch: meeting.read (or a MEMBER grant on the branch) to see it, the
// transition's permission to change it. A member temporarily attached to another branch (SPEC §1.3)
// also reads that host's meetings whose day falls within the attachment — read only: no grant at the
// host, so every change there stays refused. An id the user may not read is a 404 like one that
// never existed; a meeting they may read but not change is a 403.
import { authorize, type Permission, type Principal } from "@/lib/auth/permissions";
import { isUuid, type Tx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { vietnamDayOf } from "@/lib/time/days";
import { RECORD_EDITABLE, PREPARATION_EDITABLE } from "@/lib/meetings/states";
import messages from "@/lib/i18n/messages";

const wording = messages.meetingsServer.access;
const shared = messages.meetingsServer.common;

export const MEETING_NOT_FOUND = shared.meetingNotFound;

export interface MeetingRef {
  id: string;
  tenantId: string;
  branchId: string;
  kind: MeetingKind;
  state: MeetingState;
  plannedStart: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  version: number;
  branch: { id: string; name: string; path: string };
}

export const meetingRefSelect = {
  id: true,
  tenantId: true,
  branchId: true,
  kind: true,
  state: true,
  plannedStart: true,
  actualStart: true,
  actualEnd: true,
  version: true,
  branch: { select: { id: true, name: true, path: true } },
} as const;

/** Members see the meetings of the branch their MEMBER grant covers (their own attendance, documents, tasks). */
export function canReadMeeting(user: Principal, branch: { path: string }): boolean {
  return authorize(user, "meeting.read", branch) || authorize(user, "meeting.attendOwn", branch);
}

/** A temporary attachment to a host branch of the tenant, both ends inclusive (toDate null: open). */
export interface HostAttachment {
  hostBranchId: string | null;
  fromDate: Date;
  toDate: Date | null;
}

/**
 * The attachment rule: one of the member's attachments is to the meeting's branch and covers the
 * meeting's day (actual start, else planned, in Asia/Ho_Chi_Minh — the day the host's roll is read on).
 */
export function attachedOnMeetingDay(
  attachments: readonly HostAttachment[],
  meeting: { branchId: string; plannedStart: Date; actualStart: Date | null },
): boolean {
  const day = vietnamDayOf(meeting.actualStart ?? meeting.plannedStart).getTime();
  return attachments.some(
    (a) => a.hostBranchId === meeting.branchId && a.fromDate.getTime() <= day && (a.toDate === null || a.toDate.getTime() >= day),
  );
}

/**
 * Whether the signed-in account's own member (User.memberId, never an id from the client) was
 * attached to the meeting's branch on the meeting's day.
 */
async function readsAsAttached(
  tx: Tx,
  user: Principal,
  meeting: { branchId: string; plannedStart: Date; actualStart: Date | null },
): Promise<boolean> {
  const account = await tx.user.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, select: { memberId: true } });
  if (!account?.memberId) return false;
  const attachments = await tx.temporaryTransfer.findMany({
    where: { tenantId: user.tenantId, memberId: account.memberId, hostBranchId: meeting.branchId },
    select: { hostBranchId: true, fromDate: true, toDate: true },
  });
  return attachedOnMeetingDay(attachments, meeting);
}

/**
 * Loads a meeting the user may read; with `permission`, also one they may change (403 otherwise).
 * With `lock`, the row is locked (FOR UPDATE) so concurrent changes of one meeting run in turn and
 * their version and state checks see each other's work.
 */
export async function loadMeeting(
  tx: Tx,
  user: Principal,
  meetingId: string,
  options: { permission?: Permission; lock?: boolean } = {},
): Promise<MeetingRef> {
  if (!isUuid(meetingId)) throw new NotFoundError(MEETING_NOT_FOUND);
  if (options.lock) {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Meeting" WHERE "tenantId" = ${user.tenantId}::uuid AND "id" = ${meetingId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new NotFoundError(MEETING_NOT_FOUND);
  }
  const meeting = await tx.meeting.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: meetingId } },
    select: meetingRefSelect,
  });
  if (!meeting) throw new NotFoundError(MEETING_NOT_FOUND);
  if (!canReadMeeting(user, meeting.branch) && !(await readsAsAttached(tx, user, meeting))) throw new NotFoundError(MEETING_NOT_FOUND);
  if (options.permission && !authorize(user, options.permission, meeting.branch)) throw new ForbiddenError();
  return meeting;
}

/** Refuses a stale save: the client must send the version it read. */
export function assertVersion(meeting: { version: number }, expected: number): void {
  if (meeting.version !== expected) {
    throw new ConflictError(shared.stale);
  }
}

export function assertRecordEditable(meeting: { state: MeetingState }): void {
  if (!RECORD_EDITABLE.includes(meeting.state)) {
    throw new ValidationError(wording.recordLocked);
  }
}

export function assertPreparationEditable(meeting: { state: MeetingState }): void {
  if (!PREPARATION_EDITABLE.includes(meeting.state)) {
    throw new ValidationError(wording.preparationClosed);
  }
}
