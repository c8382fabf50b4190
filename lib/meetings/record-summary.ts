// What the record of a meeting contributes to the meeting hub (engineer A's page) and to the
// lifecycle's preconditions: attendance P / D_att / rate, whether every summoned member is marked,
// duration, minutes, speakers' share, the resolution's vote, tasks assigned and the previous
// targets met. Runs inside the caller's tenant transaction.
import { authorize, type Principal } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/tenant";
import { NotFoundError } from "@/lib/errors";
import { canReadMeeting, loadMeeting, MEETING_NOT_FOUND } from "@/lib/meetings/access";
import { editState, loadMarks } from "@/lib/meetings/attendance";
import { loadRoll, meetingDay, rollEntries, type RollMember } from "@/lib/meetings/record-common";
import { attendanceFigures, speakersShare, targetsMet, type TargetsMet } from "@/lib/meetings/record-rules";
import { dueTasks } from "@/lib/meetings/tasks";
import { formatPercent, type Ratio } from "@/lib/exact/ratio";

export interface RecordSummary {
  /** meeting.read on the branch: the attendance and minutes pages open for this user. */
  canView: boolean;
  /** meeting.record and the record still editable. */
  canEdit: boolean;
  attendance: {
    /** Summoned members (the roll on the meeting day, suspended members excluded). */
    summoned: number;
    marked: number;
    /** Every summoned member has a mark the rules accept (adopting the minutes needs it). */
    complete: boolean;
    present: number;
    /** D_att (members not marked yet count in it). */
    denominator: number;
    /** P / D_att as a percentage ratio (×100); null when nobody is due. */
    rate: Ratio | null;
    /** "90,9 %" or null. */
    rateText: string | null;
    absentExcused: number;
    absentUnexcused: number;
    guests: number;
  };
  /** Actual start and end (ISO); minutes between them when both are known. */
  times: { actualStart: string | null; actualEnd: string | null; durationMinutes: number | null };
  minutes: {
    exists: boolean;
    /** Opening, proceedings and closing all written. */
    complete: boolean;
    adopted: boolean;
  };
  speakers: { speakers: number; present: number; share: Ratio | null; shareText: string | null };
  resolution: {
    exists: boolean;
    number: string | null;
    voteRecorded: boolean;
    /** null while no vote is recorded. */
    valid: boolean | null;
    votesFor: number | null;
    voteDenominator: number | null;
  };
  tasks: { assigned: number };
  /** Targets due at this meeting (from earlier meetings) and how many were met. */
  previousTargets: TargetsMet & { shareText: string | null };
}

// What makes a part of the record complete: read by the meeting's summary and by the home page's
// readiness of many meetings alike.
type Figures = ReturnType<typeof attendanceFigures>;
/** Every summoned member has a mark the rules accept. */
const marksComplete = (figures: Figures) => figures.complete && figures.errors.length === 0;
/** Opening, proceedings and closing all written. */
const minutesWritten = (minutes: { opening: string | null; proceedings: string | null; closing: string | null } | null | undefined) =>
  Boolean(minutes?.opening && minutes.proceedings && minutes.closing);
/** The resolution's vote is recorded (valid or not). */
const voteRecorded = (voteValid: boolean | null | undefined) => voteValid !== null && voteValid !== undefined;

/**
 * The record summary of one meeting the user may read (404 otherwise, as loadMeeting). Members
 * (meeting.attendOwn) get the figures too, with canView false.
 */
export async function getRecordSummary(tx: Tx, user: Principal, meetingId: string): Promise<RecordSummary> {
  const meeting = await loadMeeting(tx, user, meetingId);
  const tenantId = user.tenantId;
  const roll = await loadRoll(tx, tenantId, meeting.branchId, meetingDay(meeting));
  const marks = await loadMarks(tx, tenantId, meeting.id);
  const figures = attendanceFigures(rollEntries(roll), marks.map((m) => ({ memberId: m.memberId, mark: m.status })));
  const summoned = roll.filter((m) => !m.suspended);
  const onRoll = new Set(summoned.map((m) => m.memberId));
  const guests = await tx.meetingGuest.count({ where: { tenantId, meetingId: meeting.id } });
  const minutes = await tx.minutes.findUnique({
    where: { tenantId_meetingId: { tenantId, meetingId: meeting.id } },
    select: { opening: true, proceedings: true, closing: true, adoptedAt: true },
  });
  const speeches = await tx.speech.findMany({ where: { tenantId, meetingId: meeting.id }, select: { memberId: true, isDiscussion: true } });
  const present = new Set(marks.filter((m) => m.status === "PRESENT").map((m) => m.memberId));
  const speakers = speakersShare(speeches, present);
  const resolution = await tx.resolution.findUnique({
    where: { tenantId_meetingId: { tenantId, meetingId: meeting.id } },
    select: { number: true, votesFor: true, voteDenominator: true, voteValid: true },
  });
  const assigned = await tx.taskAssignment.count({ where: { tenantId, meetingId: meeting.id } });
  const targets = targetsMet(await dueTasks(tx, tenantId, meeting));
  const durationMinutes =
    meeting.actualStart && meeting.actualEnd ? Math.floor((meeting.actualEnd.getTime() - meeting.actualStart.getTime()) / 60_000) : null;

  return {
    canView: authorize(user, "meeting.read", meeting.branch),
    canEdit: editState(user, meeting).canEdit,
    attendance: {
      summoned: summoned.length,
      marked: marks.filter((m) => onRoll.has(m.memberId)).length,
      complete: marksComplete(figures),
      present: figures.summary.present,
      denominator: figures.denominator,
      rate: figures.ratePercent,
      rateText: figures.ratePercent ? formatPercent(figures.ratePercent) : null,
      absentExcused: figures.summary.absentExcused,
      absentUnexcused: figures.summary.absentUnexcused,
      guests,
    },
    times: {
      actualStart: meeting.actualStart?.toISOString() ?? null,
      actualEnd: meeting.actualEnd?.toISOString() ?? null,
      durationMinutes,
    },
    minutes: {
      exists: Boolean(minutes),
      complete: minutesWritten(minutes),
      adopted: Boolean(minutes?.adoptedAt),
    },
    speakers: { ...speakers, shareText: speakers.share ? formatPercent(speakers.share) : null },
    resolution: {
      exists: Boolean(resolution),
      number: resolution?.number ?? null,
      voteRecorded: voteRecorded(resolution?.voteValid),
      valid: resolution?.voteValid ?? null,
      votesFor: resolution?.votesFor ?? null,
      voteDenominator: resolution?.voteDenominator ?? null,
    },
    tasks: { assigned },
    previousTargets: { ...targets, shareText: targets.share ? formatPercent(targets.share) : null },
  };
}

/** What the home page asks of a meeting's record to work out the branch's next step. */
export interface RecordReadiness {
  /** Every summoned member marked as the rules accept, and the actual start and end recorded. */
  attendanceComplete: boolean;
  /** Opening, proceedings and closing written, and the resolution's vote recorded. */
  minutesReady: boolean;
}

/**
 * getRecordSummary's attendance.complete (with both times) and minutes.complete &&
 * resolution.voteRecorded, for many meetings in a few statements: the marks, minutes and
 * resolutions of all of them at once, and one roll per branch and day. The caller passes the
 * meetings it has read; one the user may not read is a 404, as in getRecordSummary.
 */
export async function recordReadiness(
  tx: Tx,
  user: Principal,
  meetings: readonly { id: string; branchId: string; branch: { path: string }; plannedStart: Date; actualStart: Date | null; actualEnd: Date | null }[],
): Promise<Map<string, RecordReadiness>> {
  for (const meeting of meetings) if (!canReadMeeting(user, meeting.branch)) throw new NotFoundError(MEETING_NOT_FOUND);
  const result = new Map<string, RecordReadiness>();
  if (meetings.length === 0) return result;
  const tenantId = user.tenantId;
  const where = { tenantId, meetingId: { in: meetings.map((meeting) => meeting.id) } };
  const [marks, minutes, resolutions] = await Promise.all([
    tx.attendance.findMany({ where, select: { meetingId: true, memberId: true, status: true } }),
    tx.minutes.findMany({ where, select: { meetingId: true, opening: true, proceedings: true, closing: true } }),
    tx.resolution.findMany({ where, select: { meetingId: true, voteValid: true } }),
  ]);
  const minutesOf = new Map(minutes.map((row) => [row.meetingId, row]));
  const marksOf = new Map<string, typeof marks>();
  for (const mark of marks) {
    const list = marksOf.get(mark.meetingId);
    if (list) list.push(mark);
    else marksOf.set(mark.meetingId, [mark]);
  }
  const voteOf = new Map(resolutions.map((row) => [row.meetingId, row.voteValid]));
  const rolls = new Map<string, RollMember[]>();
  for (const meeting of meetings) {
    let attendanceComplete = false;
    // Without both times the attendance is not complete whatever the marks say: no roll to read.
    if (meeting.actualStart !== null && meeting.actualEnd !== null) {
      const day = meetingDay(meeting);
      const key = `${meeting.branchId} ${day.toISOString()}`;
      let roll = rolls.get(key);
      if (!roll) {
        roll = await loadRoll(tx, tenantId, meeting.branchId, day);
        rolls.set(key, roll);
      }
      const own = (marksOf.get(meeting.id) ?? []).map((mark) => ({ memberId: mark.memberId, mark: mark.status }));
      attendanceComplete = marksComplete(attendanceFigures(rollEntries(roll), own));
    }
    result.set(meeting.id, { attendanceComplete, minutesReady: minutesWritten(minutesOf.get(meeting.id)) && voteRecorded(voteOf.get(meeting.id)) });
  }
  return result;
}
