// Attendance of one meeting (SPEC §4): the roll valid on the meeting day, one mark per member saved
// on each tap, "all present" for the members not marked yet, guests, and the actual start and end
// times. Figures (P, D_att, rate, streaks, the three-month rule) come from lib/meetings/rules through
// lib/meetings/record-rules; thresholds from the tenant settings in force on the meeting day.
import { z } from "zod";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { AttendanceStatus, type MeetingKind, type MeetingState } from "@/lib/generated/prisma/enums";
import { formatCalendarDate, parseLocalDateTime } from "@/lib/i18n/format";
import {
  MEETING_NOT_FOUND,
  assertRecordEditable,
  assertVersion,
  canReadMeeting,
  loadMeeting,
  type MeetingRef,
} from "@/lib/meetings/access";
import { auditRecord, existingVersionField, loadRoll, meetingDay, optionalInstant, optionalLine, optionalUuidField, rollEntries, uuidField, uuidv7, withNames, type RollMember } from "@/lib/meetings/record-common";
import { attendanceFigures, attendanceOpensOn, counterThresholds, memberCounters, type CounterThresholds } from "@/lib/meetings/record-rules";
import { formatRatio } from "@/lib/exact/ratio";
import { defaultMark, resolveAttendance } from "@/lib/meetings/rules/attendance";
import type { DurationSettings } from "@/lib/meetings/rules/duration";
import { durationMinutes } from "@/lib/meetings/rules/duration";
import type { AttendanceMark, IsoDate, MemberMeetingRecord } from "@/lib/meetings/rules";
import { RECORD_EDITABLE } from "@/lib/meetings/states";
import { answersForDuesHere, duesWatchOn, type UnpaidMonths } from "@/lib/dues/dues";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { settingsFor } from "@/lib/settings/resolve";
import { isoDay, vietnamDayOf } from "@/lib/time/days";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.meetingsServer.attendance;
const shared = messages.meetingsServer.common;

// ─── Schemas (shared by the server actions, the /api/v1 handlers and the services) ──────────────

const meetingId = uuidField(MEETING_NOT_FOUND);
const NOT_ON_ROLL = wording.notOnRoll;

export const markAttendanceSchema = z
  .object({
    meetingId,
    memberId: uuidField(NOT_ON_ROLL),
    status: z.enum(AttendanceStatus, { error: wording.statusInvalid }),
    reason: optionalLine(300, wording.reasonTooLong),
  })
  .superRefine((value, ctx) => {
    if (value.status === "ABSENT_EXCUSED" && !value.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: wording.reasonRequired });
    }
  });
export type MarkAttendanceInput = { [K in keyof z.output<typeof markAttendanceSchema>]?: unknown };

export const markAllPresentSchema = z.object({ meetingId });

export const meetingTimesSchema = z.object({
  meetingId,
  version: existingVersionField,
  actualStart: optionalInstant(wording.startInvalid),
  actualEnd: optionalInstant(wording.endInvalid),
});

export const addGuestSchema = z.object({
  meetingId,
  name: optionalLine(200, wording.guestNameTooLong),
  title: optionalLine(200, wording.guestTitleTooLong),
  userId: optionalUuidField(wording.overseerNotFound),
});

export const removeGuestSchema = z.object({
  meetingId,
  guestId: uuidField(wording.guestNotFound),
});

// ─── Reading ────────────────────────────────────────────────────────────────────────────────────

export interface RecordMeetingInfo {
  id: string;
  title: string;
  branchId: string;
  branchName: string;
  kind: MeetingKind;
  state: MeetingState;
  /** Calendar day in Vietnam, "yyyy-mm-dd". */
  day: IsoDate;
  plannedStart: string;
  actualStart: string | null;
  actualEnd: string | null;
  version: number;
}

export interface AttendanceMarkRow {
  memberId: string;
  status: AttendanceMark;
  reason: string | null;
}

export interface AttendanceGuest {
  id: string;
  name: string;
  title: string | null;
  userId: string | null;
}

export interface AttendanceSheet {
  meeting: RecordMeetingInfo;
  /** meeting.record on the branch and the record still editable. */
  canEdit: boolean;
  /** Why a recorder cannot edit (state), for the banner; null when they can or only read. */
  lockedReason: string | null;
  canRecord: boolean;
  /** The roll on the meeting day, suspended members included (the screen does not list them). */
  roll: RollMember[];
  marks: AttendanceMarkRow[];
  /** Marks stored for people who are not on the roll of the meeting day (after a date change). */
  offRoll: { memberId: string; fullName: string; status: AttendanceMark }[];
  /** Earlier meetings of the branch this calendar year, per member (for streaks and months). */
  history: Record<string, MemberMeetingRecord[]>;
  thresholds: CounterThresholds & { minRatePercent: number };
  duration: DurationSettings;
  guests: AttendanceGuest[];
  /** Users holding an OVERSEER grant that covers the branch (the guest picker). */
  overseers: { userId: string; displayName: string }[];
  /**
   * The dues half of Art. 8.1 as of the meeting day, for members on the roll at WARN or FLAG only:
   * months of the year before the meeting's month unpaid without good reason.
   */
  dues: Record<string, UnpaidMonths>;
}

export function meetingInfo(meeting: MeetingRef & { title: string }): RecordMeetingInfo {
  return {
    id: meeting.id,
    title: meeting.title,
    branchId: meeting.branchId,
    branchName: meeting.branch.name,
    kind: meeting.kind,
    state: meeting.state,
    day: isoDay(meetingDay(meeting)),
    plannedStart: meeting.plannedStart.toISOString(),
    actualStart: meeting.actualStart?.toISOString() ?? null,
    actualEnd: meeting.actualEnd?.toISOString() ?? null,
    version: meeting.version,
  };
}

/** A meeting whose record the user may read (meeting.read): members see their own pages instead. */
export async function loadRecordMeeting(tx: Tx, user: Principal, id: string): Promise<MeetingRef & { title: string }> {
  const meeting = await loadMeeting(tx, user, id);
  if (!authorize(user, "meeting.read", meeting.branch)) throw new ForbiddenError();
  const extra = await tx.meeting.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: meeting.id } },
    select: { title: true },
  });
  return { ...meeting, title: extra?.title ?? "" };
}

/**
 * Attendance is taken from the meeting day (or `attendance.openDaysBefore` days before it): a
 * meeting dated a month ahead cannot have its roll marked. Null when open, else the refusal.
 */
export async function attendanceNotOpen(tx: Tx, meeting: MeetingRef, now: Date = new Date()): Promise<string | null> {
  const day = meetingDay(meeting);
  const today = vietnamDayOf(now);
  if (day.getTime() <= today.getTime()) return null;
  const settings = await settingsFor(tx, meeting.tenantId, meeting.branch.path, day);
  const opens = attendanceOpensOn(day, settings);
  if (opens.getTime() <= today.getTime()) return null;
  return fill(wording.notYet, { day: formatCalendarDate(day), opens: formatCalendarDate(opens) });
}

export function editState(user: Principal, meeting: MeetingRef): { canRecord: boolean; canEdit: boolean; lockedReason: string | null } {
  const canRecord = authorize(user, "meeting.record", meeting.branch);
  const editable = RECORD_EDITABLE.includes(meeting.state);
  return {
    canRecord,
    canEdit: canRecord && editable,
    lockedReason: canRecord && !editable ? shared.recordLocked : null,
  };
}

const LIVE_EXCLUDED: MeetingState[] = ["CANCELLED", "POSTPONED"];

/** 00:00 on 1 January in Vietnam of the meeting day's year. */
/** Midnight of 1 January (Vietnam) of the day's year: where a member's yearly counters start. */
export function yearStart(day: Date): Date {
  return parseLocalDateTime(`${day.getUTCFullYear()}-01-01T00:00`)!;
}

/**
 * The members' marks at their earlier meetings of the same calendar year, wherever they were
 * recorded (SPEC §4.2: the counters belong to the member, not to the branch): at this branch, at the
 * branch they left by a transfer, at a branch merged into this one, at a host branch while
 * temporarily attached. Each record names its branch and meeting, so a count can be traced.
 */
export async function loadYearHistory(
  tx: Tx,
  tenantId: string,
  meeting: { id: string; plannedStart: Date; actualStart: Date | null },
  memberIds: readonly string[],
): Promise<Record<string, MemberMeetingRecord[]>> {
  const history: Record<string, MemberMeetingRecord[]> = Object.fromEntries(memberIds.map((id) => [id, []]));
  if (memberIds.length === 0) return history;
  const rows = await tx.attendance.findMany({
    where: {
      tenantId,
      memberId: { in: [...memberIds] },
      meeting: {
        id: { not: meeting.id },
        state: { notIn: LIVE_EXCLUDED },
        plannedStart: { gte: yearStart(meetingDay(meeting)), lt: meeting.plannedStart },
      },
    },
    select: {
      memberId: true,
      status: true,
      meeting: { select: { id: true, kind: true, plannedStart: true, actualStart: true, branch: { select: { name: true } } } },
    },
    orderBy: [{ meeting: { plannedStart: "asc" } }, { meetingId: "asc" }],
  });
  for (const a of rows) {
    history[a.memberId]?.push({
      date: isoDay(meetingDay(a.meeting)),
      kind: a.meeting.kind,
      mark: a.status,
      meetingId: a.meeting.id,
      branchName: a.meeting.branch.name,
    });
  }
  return history;
}

async function overseersOf(tx: Tx, tenantId: string, branchPath: string): Promise<{ userId: string; displayName: string }[]> {
  const grants = await tx.roleGrant.findMany({
    where: { tenantId, role: "OVERSEER" },
    select: { orgUnit: { select: { path: true } }, user: { select: { id: true, displayName: true, disabled: true } } },
  });
  const seen = new Map<string, string>();
  for (const grant of grants) {
    if (!grant.user.disabled && branchPath.startsWith(grant.orgUnit.path)) seen.set(grant.user.id, grant.user.displayName);
  }
  return [...seen].map(([userId, displayName]) => ({ userId, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName, "vi"));
}

export async function getAttendanceSheet(user: Principal, id: string): Promise<AttendanceSheet> {
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadRecordMeeting(tx, user, id);
    const day = meetingDay(meeting);
    const roll = await loadRoll(tx, user.tenantId, meeting.branchId, day);
    const rows = await tx.attendance.findMany({
      where: { tenantId: user.tenantId, meetingId: meeting.id },
      select: { memberId: true, status: true, reason: true, member: { select: { fullName: true } } },
    });
    const onRoll = new Set(roll.map((m) => m.memberId));
    const settings = await settingsFor(tx, user.tenantId, meeting.branch.path, day);
    const history = await loadYearHistory(tx, user.tenantId, meeting, roll.map((m) => m.memberId));
    const guests = await tx.meetingGuest.findMany({
      where: { tenantId: user.tenantId, meetingId: meeting.id },
      select: { id: true, name: true, title: true, userId: true },
      orderBy: { id: "asc" },
    });
    const opened = editState(user, meeting);
    const notOpen = opened.canEdit ? await attendanceNotOpen(tx, meeting) : null;
    const edit = notOpen ? { ...opened, canEdit: false, lockedReason: notOpen } : opened;
    const overseers = edit.canEdit ? await overseersOf(tx, user.tenantId, meeting.branch.path) : [];
    const dues = await duesWatchOn(
      tx,
      user.tenantId,
      roll.filter(answersForDuesHere).map((m) => m.memberId),
      day,
      { warnAt: settings["attendance.unexcusedMonthsWarn"], flagAt: settings["attendance.unexcusedMonthsFlag"] },
    );
    return {
      meeting: meetingInfo(meeting),
      ...edit,
      roll,
      marks: rows.filter((r) => onRoll.has(r.memberId)).map((r) => ({ memberId: r.memberId, status: r.status, reason: r.reason })),
      offRoll: rows.filter((r) => !onRoll.has(r.memberId)).map((r) => ({ memberId: r.memberId, fullName: r.member.fullName, status: r.status })),
      history,
      thresholds: counterThresholds(settings),
      duration: {
        defaultMinutes: settings["meeting.minMinutesRegular"],
        combinedMinutes: settings["meeting.minMinutesLong"],
        largeBranchSize: settings["meeting.largeBranchSize"],
        largeBranchMinutes: settings["meeting.minMinutesLong"],
      },
      guests,
      overseers,
      dues,
    };
  });
}

// ─── One tap ────────────────────────────────────────────────────────────────────────────────────

export interface MarkResult {
  memberId: string;
  status: AttendanceMark;
  reason: string | null;
  /** An exempt member marked present (counts in P and D_att). */
  exempt: boolean;
  /** False when the tap repeated the stored mark (nothing written). */
  changed: boolean;
}

/** The reason is kept for an excused absence and a special duty; other statuses carry none. */
function reasonFor(status: AttendanceMark, reason: string | null): string | null {
  return status === "ABSENT_EXCUSED" || status === "SPECIAL_DUTY" ? reason : null;
}

/**
 * Saves one member's mark (an upsert on the meeting and member). Refused for someone not on the
 * roll of the meeting day, for a mark the rules do not allow for that member (an absence for an
 * exempt member, any mark but "elsewhere" for a member attached elsewhere, any mark for a suspended
 * member), and once the record is no longer editable. The meeting row is share-locked so that a
 * tap cannot slip past a state change (adopting the minutes) running at the same time.
 */
export async function markAttendance(user: Principal, input: MarkAttendanceInput, context: ServiceContext = {}): Promise<MarkResult> {
  const data = parseInput(markAttendanceSchema, input);
  // The hot path of the attendance screen: three statements in one transaction (meeting with the
  // member, write + audit), raw SQL so a tap stays cheap when many secretaries mark at once.
  return withTenant(user.tenantId, async (tx) => {
    const { meeting, member } = await tapContext(tx, user, data.meetingId, data.memberId);
    assertRecordEditable(meeting);
    const notOpen = await attendanceNotOpen(tx, meeting);
    if (notOpen) throw new ValidationError(notOpen);
    if (!member) throw fieldError("memberId", NOT_ON_ROLL);
    const check = resolveAttendance(rollEntries([member]), [{ memberId: member.memberId, mark: data.status }]);
    if (!check.ok) throw fieldError("status", withNames(check.errors[0]!, [member]));

    const reason = reasonFor(data.status, data.reason);
    const exempt = member.exempt && data.status === "PRESENT";
    const result = { memberId: member.memberId, status: data.status, reason, exempt };
    const after = { memberId: member.memberId, fullName: member.fullName, status: data.status, reason };
    // The audit chain must be exact under concurrent taps: the before-image is the row as it is
    // when this transaction holds its lock, not as it was read above. The first mark is an INSERT
    // that either creates the row (before = nothing) or finds one, committed meanwhile, that we
    // then lock and read (FOR UPDATE waits for a concurrent tap to commit and sees its result).
    const created = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Attendance" ("tenantId", "id", "meetingId", "memberId", "status", "reason", "exempt", "updatedAt")
      VALUES (${user.tenantId}::uuid, ${uuidv7()}::uuid, ${meeting.id}::uuid, ${member.memberId}::uuid,
              ${data.status}::"AttendanceStatus", ${reason}, ${exempt}, now())
      ON CONFLICT ("tenantId", "meetingId", "memberId") DO NOTHING
      RETURNING "id"`;
    let before: { memberId: string; status: AttendanceMark; reason: string | null } | null = null;
    if (created.length === 0) {
      const [locked] = await tx.$queryRaw<{ status: AttendanceMark; reason: string | null }[]>`
        SELECT "status", "reason" FROM "Attendance"
        WHERE "tenantId" = ${user.tenantId}::uuid AND "meetingId" = ${meeting.id}::uuid AND "memberId" = ${member.memberId}::uuid
        FOR UPDATE`;
      if (!locked) throw new ConflictError(wording.changedElsewhere);
      if (locked.status === data.status && locked.reason === reason) return { ...result, changed: false };
      before = { memberId: member.memberId, status: locked.status, reason: locked.reason };
      await tx.$executeRaw`
        UPDATE "Attendance" SET "status" = ${data.status}::"AttendanceStatus", "reason" = ${reason}, "exempt" = ${exempt}, "updatedAt" = now()
        WHERE "tenantId" = ${user.tenantId}::uuid AND "meetingId" = ${meeting.id}::uuid AND "memberId" = ${member.memberId}::uuid`;
    }
    // Written under the row's lock, stamped with clock_timestamp() (the column's default), so the
    // entries of one member sort in the order the changes happened.
    await tx.$executeRaw`
      INSERT INTO "AuditEntry" ("tenantId", "id", "actorUserId", "action", "entityType", "entityId", "before", "after", "requestId")
      VALUES (${user.tenantId}::uuid, ${uuidv7()}::uuid, ${user.id}::uuid, 'attendance.mark', 'Meeting', ${meeting.id},
              ${before ? JSON.stringify(before) : null}::jsonb, ${JSON.stringify(after)}::jsonb, ${context.requestId ?? null})`;
    return { ...result, changed: true };
  });
}

interface TapRow {
  id: string;
  tenantId: string;
  branchId: string;
  kind: MeetingKind;
  state: MeetingState;
  plannedStart: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  version: number;
  branchName: string;
  branchPath: string;
  /** The meeting day in Vietnam, as meetingDay() computes it. */
  day: Date;
  fullName: string | null;
  officialOn: Date | null;
  exempt: boolean | null;
  elsewhere: boolean | null;
  suspended: boolean | null;
  status: AttendanceMark | null;
  reason: string | null;
}

/**
 * Everything a tap reads, in one statement: the meeting (share-locked, so a tap cannot slip past a
 * state change such as adopting the minutes) with its branch, and the member if they are on the
 * roll of the meeting day — the same predicate as branchRosterOn (a BranchMembership of the branch
 * covering the day, both ends inclusive, or a temporary attachment to the branch covering it) and the same day as meetingDay() (actual start, else
 * planned, in Asia/Ho_Chi_Minh) — with the periods in force that day and their current mark. The
 * 404 / 403 rules are loadMeeting's: a meeting the user may not read is not found, one they may
 * read but not record is forbidden.
 */
async function tapContext(
  tx: Tx,
  user: Principal,
  meetingIdValue: string,
  memberId: string,
): Promise<{ meeting: MeetingRef; member: (RollMember & { current: { status: AttendanceMark; reason: string | null } | null }) | null }> {
  if (!isUuid(meetingIdValue)) throw new NotFoundError(MEETING_NOT_FOUND);
  const rows = await tx.$queryRaw<TapRow[]>`
    SELECT m."id", m."tenantId", m."branchId", m."kind", m."state", m."plannedStart", m."actualStart", m."actualEnd", m."version",
           b."name" AS "branchName", b."path" AS "branchPath", d."day",
           r."fullName", r."officialOn", r."exempt", r."elsewhere", r."suspended", r."status", r."reason"
    FROM "Meeting" m
    JOIN "OrgUnit" b ON b."tenantId" = m."tenantId" AND b."id" = m."branchId"
    CROSS JOIN LATERAL (SELECT (COALESCE(m."actualStart", m."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS "day") d
    LEFT JOIN LATERAL (
      SELECT mem."fullName", mem."officialOn",
        EXISTS (SELECT 1 FROM "Exemption" e WHERE e."tenantId" = mem."tenantId" AND e."memberId" = mem."id"
                AND e."fromDate" <= d."day" AND (e."toDate" IS NULL OR e."toDate" >= d."day")) AS "exempt",
        EXISTS (SELECT 1 FROM "TemporaryTransfer" tt WHERE tt."tenantId" = mem."tenantId" AND tt."memberId" = mem."id"
                AND tt."hostBranchId" IS DISTINCT FROM m."branchId"
                AND tt."fromDate" <= d."day" AND (tt."toDate" IS NULL OR tt."toDate" >= d."day")) AS "elsewhere",
        EXISTS (SELECT 1 FROM "Suspension" su WHERE su."tenantId" = mem."tenantId" AND su."memberId" = mem."id"
                AND su."fromDate" <= d."day" AND (su."toDate" IS NULL OR su."toDate" >= d."day")) AS "suspended",
        a."status", a."reason"
      FROM "Member" mem
      LEFT JOIN "Attendance" a ON a."tenantId" = mem."tenantId" AND a."meetingId" = m."id" AND a."memberId" = mem."id"
      WHERE mem."tenantId" = m."tenantId" AND mem."id" = ${isUuid(memberId) ? memberId : null}::uuid
        AND (EXISTS (SELECT 1 FROM "BranchMembership" bm WHERE bm."tenantId" = mem."tenantId" AND bm."memberId" = mem."id"
                     AND bm."branchId" = m."branchId" AND bm."validFrom" <= d."day" AND (bm."validTo" IS NULL OR bm."validTo" >= d."day"))
          OR EXISTS (SELECT 1 FROM "TemporaryTransfer" th WHERE th."tenantId" = mem."tenantId" AND th."memberId" = mem."id"
                     AND th."hostBranchId" = m."branchId" AND th."fromDate" <= d."day" AND (th."toDate" IS NULL OR th."toDate" >= d."day")))
      LIMIT 1
    ) r ON true
    WHERE m."tenantId" = ${user.tenantId}::uuid AND m."id" = ${meetingIdValue}::uuid
    FOR SHARE OF m`;
  const row = rows[0];
  const branch = row ? { id: row.branchId, name: row.branchName, path: row.branchPath } : null;
  if (!row || !branch || !canReadMeeting(user, branch)) throw new NotFoundError(MEETING_NOT_FOUND);
  if (!authorize(user, "meeting.record", branch)) throw new ForbiddenError();
  const meeting: MeetingRef = {
    id: row.id,
    tenantId: row.tenantId,
    branchId: row.branchId,
    kind: row.kind,
    state: row.state,
    plannedStart: row.plannedStart,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    version: row.version,
    branch,
  };
  if (row.fullName === null) return { meeting, member: null };
  const day = row.day;
  return {
    meeting,
    member: {
      memberId,
      fullName: row.fullName,
      label: row.fullName,
      status: row.officialOn && row.officialOn.getTime() <= day.getTime() ? "OFFICIAL" : "PROBATIONARY",
      exempt: row.exempt === true,
      exemptReason: null,
      attachedElsewhere: row.elsewhere === true,
      elsewhereName: null,
      attachedFrom: null,
      suspended: row.suspended === true,
      current: row.status ? { status: row.status, reason: row.reason } : null,
    },
  };
}

// ─── All present ────────────────────────────────────────────────────────────────────────────────

export interface MarkAllResult {
  present: number;
  exempt: number;
  elsewhere: number;
  /** Members who already had a mark (left as they were). */
  kept: number;
}

/**
 * Marks every member of the roll who has no mark yet: present, or (prefilled from their record)
 * exempt or attached elsewhere. Marks already taken stay, so "all present, then the exceptions"
 * works in either order and a second press writes nothing.
 */
export async function markAllPresent(user: Principal, input: unknown, context: ServiceContext = {}): Promise<MarkAllResult> {
  const data = parseInput(markAllPresentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    const notOpen = await attendanceNotOpen(tx, meeting);
    if (notOpen) throw new ValidationError(notOpen);
    const roll = await loadRoll(tx, user.tenantId, meeting.branchId, meetingDay(meeting));
    const existing = await tx.attendance.findMany({
      where: { tenantId: user.tenantId, meetingId: meeting.id },
      select: { memberId: true },
    });
    const marked = new Set(existing.map((row) => row.memberId));
    const rows: { memberId: string; status: AttendanceMark }[] = [];
    for (const member of roll) {
      if (member.suspended || marked.has(member.memberId)) continue;
      rows.push({
        memberId: member.memberId,
        status: defaultMark(member),
      });
    }
    const result: MarkAllResult = {
      present: rows.filter((r) => r.status === "PRESENT").length,
      exempt: rows.filter((r) => r.status === "EXEMPT").length,
      elsewhere: rows.filter((r) => r.status === "ELSEWHERE").length,
      kept: roll.filter((m) => !m.suspended && marked.has(m.memberId)).length,
    };
    if (rows.length === 0) return result;
    await tx.attendance.createMany({
      data: rows.map((row) => ({ tenantId: user.tenantId, meetingId: meeting.id, memberId: row.memberId, status: row.status })),
      skipDuplicates: true,
    });
    await auditRecord(tx, user, meeting.id, { action: "attendance.markAllPresent", after: { ...result, memberIds: rows.map((r) => r.memberId) } }, context);
    return result;
  });
}

// ─── Actual times ───────────────────────────────────────────────────────────────────────────────

const END_BEFORE_START = shared.endBeforeStart;

export interface MeetingTimes {
  actualStart: Date | null;
  actualEnd: Date | null;
}

/** The checks on actual times, shared with the lifecycle (holding a meeting may set them). */
export function checkMeetingTimes(times: MeetingTimes, now: Date = new Date()): void {
  if (times.actualEnd && !times.actualStart) throw fieldError("actualStart", wording.startBeforeEnd);
  // Actual times are what happened: a few minutes of clock difference with the phone are tolerated.
  const latest = now.getTime() + 5 * 60_000;
  if (times.actualStart && times.actualStart.getTime() > latest) {
    throw fieldError("actualStart", wording.startInFuture);
  }
  if (times.actualEnd && times.actualEnd.getTime() > latest) {
    throw fieldError("actualEnd", wording.endInFuture);
  }
  if (times.actualStart && times.actualEnd) {
    const minutes = durationMinutes(times.actualStart, times.actualEnd);
    if (!minutes.ok || times.actualEnd.getTime() <= times.actualStart.getTime()) throw fieldError("actualEnd", END_BEFORE_START);
    if (minutes.value > 24 * 60) {
      throw fieldError("actualEnd", wording.tooLong);
    }
  }
}

/**
 * Writes the actual times of a meeting already loaded (and locked) by the caller, version-checked,
 * and audits them. Exported for the lifecycle's "hold" transition, which may set them in its own
 * transaction.
 */
export async function setMeetingTimesTx(
  tx: Tx,
  user: Principal,
  meeting: MeetingRef,
  times: MeetingTimes,
  version: number,
  context: ServiceContext = {},
): Promise<{ version: number }> {
  assertRecordEditable(meeting);
  assertVersion(meeting, version);
  checkMeetingTimes(times);
  const { count } = await tx.meeting.updateMany({
    where: { tenantId: user.tenantId, id: meeting.id, version },
    data: { actualStart: times.actualStart, actualEnd: times.actualEnd, version: { increment: 1 } },
  });
  if (count === 0) assertVersion({ version: -1 }, version);
  await auditRecord(
    tx,
    user,
    meeting.id,
    {
      action: "meeting.times",
      before: { actualStart: meeting.actualStart?.toISOString() ?? null, actualEnd: meeting.actualEnd?.toISOString() ?? null },
      after: { actualStart: times.actualStart?.toISOString() ?? null, actualEnd: times.actualEnd?.toISOString() ?? null },
    },
    context,
  );
  return { version: version + 1 };
}

export async function setMeetingTimes(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ version: number }> {
  const data = parseInput(meetingTimesSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    return setMeetingTimesTx(tx, user, meeting, { actualStart: data.actualStart, actualEnd: data.actualEnd }, data.version, context);
  });
}

// ─── Guests ─────────────────────────────────────────────────────────────────────────────────────

/** Adds a guest (never counted); picking an overseer fills the name from their account. */
export async function addGuest(user: Principal, input: unknown, context: ServiceContext = {}): Promise<AttendanceGuest> {
  const data = parseInput(addGuestSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    let name = data.name;
    if (data.userId) {
      const overseers = await overseersOf(tx, user.tenantId, meeting.branch.path);
      const picked = overseers.find((o) => o.userId === data.userId);
      if (!picked) throw fieldError("userId", wording.overseerNotFound);
      const already = await tx.meetingGuest.findFirst({
        where: { tenantId: user.tenantId, meetingId: meeting.id, userId: data.userId },
        select: { id: true },
      });
      if (already) throw fieldError("userId", fill(wording.overseerTwice, { name: picked.displayName }));
      name ??= picked.displayName;
    }
    if (!name) throw fieldError("name", wording.guestNameRequired);
    const twin = await tx.meetingGuest.findFirst({ where: { tenantId: user.tenantId, meetingId: meeting.id, name }, select: { id: true } });
    if (twin) throw fieldError("name", fill(wording.guestTwice, { name }));
    const guest = await tx.meetingGuest.create({
      data: { tenantId: user.tenantId, meetingId: meeting.id, name, title: data.title, userId: data.userId },
      select: { id: true, name: true, title: true, userId: true },
    });
    await auditRecord(tx, user, meeting.id, { action: "meeting.guest.add", after: guest }, context);
    return guest;
  });
}

export async function removeGuest(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(removeGuestSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    const guest = await tx.meetingGuest.findFirst({
      where: { tenantId: user.tenantId, meetingId: meeting.id, id: data.guestId },
      select: { id: true, name: true, title: true, userId: true },
    });
    if (!guest) throw new NotFoundError(wording.guestNotFound);
    await tx.meetingGuest.delete({ where: { tenantId_id: { tenantId: user.tenantId, id: guest.id } } });
    await auditRecord(tx, user, meeting.id, { action: "meeting.guest.remove", before: guest }, context);
    return { id: guest.id };
  });
}

// ─── Helpers for the other record services ──────────────────────────────────────────────────────

/** Marks and roll of a meeting, as the vote and the speakers' share need them. */
export async function loadMarks(tx: Tx, tenantId: string, meetingIdValue: string): Promise<AttendanceMarkRow[]> {
  if (!isUuid(meetingIdValue)) return [];
  return tx.attendance.findMany({
    where: { tenantId, meetingId: meetingIdValue },
    select: { memberId: true, status: true, reason: true },
  });
}

// ─── JSON (the /api/v1 twin of the page) ────────────────────────────────────────────────────────

export interface MemberWatch {
  memberId: string;
  fullName: string;
  /** Longest run of consecutive excused absences this year up to this meeting. */
  longestExcusedStreak: number;
  currentExcusedStreak: number;
  streakViolates: boolean;
  /** Months of this year with an unexcused absence. */
  unexcusedMonths: number[];
  unexcusedStatus: "OK" | "WARN" | "FLAG";
  explanation: string;
  /** Where the counted absences were recorded (the counters follow the member across branches). */
  sources: { streak: CountSource[]; unexcused: CountSource[] };
  /** Months of the year before the meeting's month with dues unpaid without good reason (Art. 8.1). */
  duesUnpaidMonths: number[];
  duesStatus: "OK" | "WARN" | "FLAG";
  /** The dues reason in words (null when the dues counter is OK). */
  duesExplanation: string | null;
}

/** The dues line of a member to watch, in the catalog's words (the board shows the same). */
export function duesWatchText(dues: UnpaidMonths, year: number): string | null {
  if (dues.status === "OK") return null;
  const words = messages.record.attendance;
  return fill(dues.status === "FLAG" ? words.duesFlag : words.duesWarn, { count: dues.months.length, months: dues.months.join(", "), year });
}

export interface CountSource {
  date: IsoDate;
  meetingId: string | null;
  branchName: string | null;
}

const countSource = (r: MemberMeetingRecord): CountSource => ({ date: r.date, meetingId: r.meetingId ?? null, branchName: r.branchName ?? null });

/**
 * Members to watch at this meeting: an excused streak reaching the limit (≥ maxExcusedStreak; above
 * it violates), unexcused absences in at least `unexcusedMonthsWarn` months of the year, or dues
 * unpaid without good reason in at least as many months (the other half of Art. 8.1).
 */
export function membersToWatch(sheet: Pick<AttendanceSheet, "roll" | "marks" | "history" | "thresholds" | "meeting" | "dues">): MemberWatch[] {
  const markOf = new Map(sheet.marks.map((m) => [m.memberId, m.status]));
  const out: MemberWatch[] = [];
  for (const member of sheet.roll) {
    if (member.suspended) continue;
    const counters = memberCounters(
      sheet.history[member.memberId] ?? [],
      {
        date: sheet.meeting.day,
        kind: sheet.meeting.kind,
        mark: markOf.get(member.memberId) ?? null,
        meetingId: sheet.meeting.id,
        branchName: sheet.meeting.branchName,
      },
      sheet.thresholds,
    );
    const streakWatch = counters.streak.longest >= sheet.thresholds.maxExcusedStreak;
    const dues = sheet.dues[member.memberId] ?? { months: [], status: "OK" as const };
    if (!streakWatch && counters.months.status === "OK" && dues.status === "OK") continue;
    out.push({
      memberId: member.memberId,
      fullName: member.label,
      longestExcusedStreak: counters.streak.longest,
      currentExcusedStreak: counters.streak.current,
      streakViolates: counters.streak.longestViolates,
      unexcusedMonths: counters.months.months,
      unexcusedStatus: counters.months.status,
      explanation: counters.months.explanation,
      sources: { streak: counters.streak.longestRun.map(countSource), unexcused: counters.months.sources.map(countSource) },
      duesUnpaidMonths: dues.months,
      duesStatus: dues.status,
      duesExplanation: duesWatchText(dues, Number(sheet.meeting.day.slice(0, 4))),
    });
  }
  return out;
}

export function attendanceSheetJson(sheet: AttendanceSheet) {
  const marks = sheet.marks.map((m) => ({ memberId: m.memberId, mark: m.status }));
  const figures = attendanceFigures(rollEntries(sheet.roll), marks);
  const markOf = new Map(sheet.marks.map((m) => [m.memberId, m]));
  const s = figures.summary;
  return {
    meeting: sheet.meeting,
    canEdit: sheet.canEdit,
    roll: sheet.roll
      .filter((m) => !m.suspended)
      .map((m) => ({
        memberId: m.memberId,
        fullName: m.fullName,
        /** The name told apart from namesakes on the roll. */
        label: m.label,
        status: m.status,
        exempt: m.exempt,
        attachedElsewhere: m.attachedElsewhere,
        /** Attached here temporarily from this home branch (null: one of the branch's own members). */
        attachedFrom: m.attachedFrom,
        mark: markOf.get(m.memberId)?.status ?? null,
        reason: markOf.get(m.memberId)?.reason ?? null,
      })),
    suspended: sheet.roll.filter((m) => m.suspended).length,
    offRoll: sheet.offRoll,
    figures: {
      complete: figures.complete && figures.errors.length === 0,
      unmarked: figures.unmarked.length,
      present: s.present,
      presentOfficial: s.presentOfficial,
      denominator: figures.denominator,
      denominatorParts: {
        roll: s.rollSize + figures.unmarked.length,
        exemptAbsent: s.exemptAbsent,
        elsewhere: s.elsewhere,
        specialDuty: s.specialDuty,
        suspended: s.suspended,
      },
      ratePercent: figures.ratePercent ? Number(formatRatio(figures.ratePercent, 1, "json")) : null,
      absentExcused: s.absentExcused,
      absentUnexcused: s.absentUnexcused,
      errors: figures.errors.map((e) => withNames(e, sheet.roll)),
    },
    watch: membersToWatch(sheet),
    thresholds: sheet.thresholds,
    guests: sheet.guests,
  };
}
