// The meeting lifecycle service: one function moves a meeting from one state to the next. The
// transition table (lib/meetings/states.ts) decides which moves exist and who may make them; this
// file checks what must already be true on the record (a notice sent, the meeting's times, the
// attendance, minutes and resolution), writes the new state in the same transaction as an audit
// entry, and refuses a stale version. Other services that complete a step in their own
// transaction (sending the notice) call applyTransition(tx, …) so the step and the state change
// commit together.
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ForbiddenError, parseInput, ValidationError } from "@/lib/errors";
import type { MeetingState } from "@/lib/generated/prisma/enums";
import { fill } from "@/lib/i18n/fill";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { assertVersion, loadMeeting } from "@/lib/meetings/access";
import { loadRoll, meetingDay, rollEntries } from "@/lib/meetings/record-common";
import { attendanceFigures } from "@/lib/meetings/record-rules";
import { quorum, resolveAttendance, ruleMessageFor, type AttendanceEntry } from "@/lib/meetings/rules";
import { settingsFor } from "@/lib/settings/resolve";
import { transitionSchema, type TransitionInput } from "@/lib/meetings/schemas";
import { canTransition, TRANSITIONS, type MeetingTransition } from "@/lib/meetings/states";
import { isActiveOn } from "@/lib/org/unit-rules";
import { vietnamDayOf } from "@/lib/time/days";

const wording = messages.meetingsServer.lifecycle;
const shared = messages.meetingsServer.common;

/**
 * Moves that belong to the scoring workflow (a later issue): its service calls applyTransition
 * once the scorecard exists. Users cannot trigger them directly from the meeting page or API.
 */
export const SCORING_TRANSITIONS: readonly MeetingTransition[] = ["selfScore", "confirm", "finalise", "returnScore"];

export interface TransitionOptions {
  reason?: string | null;
  /** The version the caller read; checked against the locked row when given. */
  version?: number;
  /** postpone / replan: the new planned start (the planned length is kept). */
  newStart?: Date | null;
  /** hold: the actual times, when given together with the transition. */
  actualStart?: Date | null;
  actualEnd?: Date | null;
  requestId?: string | null;
  /** The clock (tests). */
  now?: Date;
}

export interface TransitionResult {
  id: string;
  transition: MeetingTransition;
  from: MeetingState;
  to: MeetingState;
  version: number;
}

const stateLabel = (state: MeetingState) => messages.meetings.state[state];
const transitionLabel = (transition: MeetingTransition) => messages.meetings.transition[transition].label.toLowerCase();

const STALE = shared.stale;

const rowSelect = {
  id: true,
  state: true,
  stateReason: true,
  kind: true,
  plannedStart: true,
  plannedEnd: true,
  actualStart: true,
  actualEnd: true,
  lockedAt: true,
  version: true,
  branch: { select: { id: true, name: true, path: true, activeFrom: true, activeTo: true } },
} as const;

/** Whether the user may make this move on a meeting of this branch (state and role; not the record). */
export function canUserTransition(
  user: Principal,
  meeting: { state: MeetingState; branch: { path: string } },
  transition: MeetingTransition,
): boolean {
  return canTransition(meeting.state, transition) && authorize(user, TRANSITIONS[transition].permission, meeting.branch);
}

/** The moves the meeting page offers this user (scoring moves come from the scoring workflow). */
export function availableTransitionsFor(user: Principal, meeting: { state: MeetingState; branch: { path: string } }): MeetingTransition[] {
  return (Object.keys(TRANSITIONS) as MeetingTransition[]).filter(
    (transition) => !SCORING_TRANSITIONS.includes(transition) && canUserTransition(user, meeting, transition),
  );
}

/**
 * Makes a transition inside the caller's tenant transaction. Locks the meeting row, re-reads it,
 * and checks: the user may read it (404) and holds the transition's permission on its branch
 * (403), the version when given (409), the from-state, the reason, and the transition's
 * preconditions on the record (422 with a message saying what is missing).
 */
export async function applyTransition(
  tx: Tx,
  user: Principal,
  meeting: { id: string },
  transition: MeetingTransition,
  options: TransitionOptions = {},
): Promise<TransitionResult> {
  const rule = TRANSITIONS[transition];
  const now = options.now ?? new Date();
  await loadMeeting(tx, user, meeting.id, { lock: true });
  const row = await tx.meeting.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: user.tenantId, id: meeting.id } },
    select: rowSelect,
  });
  if (!authorize(user, rule.permission, row.branch)) {
    throw new ForbiddenError(
      transition === "reopen"
        ? wording.reopenReviewerOnly
        : fill(wording.forbidden, { action: transitionLabel(transition), branch: row.branch.name }),
    );
  }
  if (options.version !== undefined) assertVersion(row, options.version);
  if (!canTransition(row.state, transition)) {
    throw new ValidationError(
      fill(wording.wrongState, { action: transitionLabel(transition), state: stateLabel(row.state) }),
    );
  }

  const reason = options.reason?.normalize("NFC").trim() || null;
  if (rule.needsReason && (!reason || reason.length < 3)) {
    throw fieldError("reason", wording.reasonRequired);
  }

  const data: {
    plannedStart?: Date;
    plannedEnd?: Date | null;
    actualStart?: Date;
    actualEnd?: Date;
  } = {};

  switch (transition) {
    case "notify":
      await checkNoticeSent(tx, user.tenantId, row.id);
      break;
    case "hold": {
      const start = options.actualStart ?? row.actualStart;
      const end = options.actualEnd ?? row.actualEnd;
      if (!start || !end) {
        throw new ValidationError(wording.timesRequired, {
          ...(start ? {} : { actualStart: [wording.actualStartRequired] }),
          ...(end ? {} : { actualEnd: [wording.actualEndRequired] }),
        });
      }
      if (end.getTime() <= start.getTime()) throw fieldError("actualEnd", shared.endBeforeStart);
      if (start.getTime() > now.getTime()) {
        throw fieldError("actualStart", wording.startInFuture);
      }
      await checkQuorum(tx, user.tenantId, row, start);
      if (options.actualStart) data.actualStart = options.actualStart;
      if (options.actualEnd) data.actualEnd = options.actualEnd;
      break;
    }
    case "adoptMinutes":
      await checkRecordComplete(tx, user.tenantId, row);
      break;
    case "postpone":
    case "replan":
      if (options.newStart) {
        if (transition === "postpone" && options.newStart.getTime() <= row.plannedStart.getTime()) {
          throw fieldError("newStart", fill(wording.newStartEarlier, { planned: formatDateTime(row.plannedStart) }));
        }
        if (!isActiveOn(row.branch, vietnamDayOf(options.newStart))) {
          throw fieldError("newStart", fill(wording.branchInactive, { branch: row.branch.name }));
        }
        data.plannedStart = options.newStart;
        data.plannedEnd = row.plannedEnd ? new Date(options.newStart.getTime() + (row.plannedEnd.getTime() - row.plannedStart.getTime())) : null;
      }
      break;
    default:
      break;
  }

  const to = rule.to;
  const lockedAt = to === "FINALISED" ? now : transition === "reopen" ? null : row.lockedAt;
  const updated = await tx.meeting.updateMany({
    where: { tenantId: user.tenantId, id: row.id, version: row.version, state: row.state },
    data: {
      ...data,
      state: to,
      stateReason: rule.needsReason ? reason : null,
      lockedAt,
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) throw new ConflictError(STALE);

  if (transition === "adoptMinutes") {
    await tx.minutes.updateMany({ where: { tenantId: user.tenantId, meetingId: row.id }, data: { adoptedAt: now } });
  } else if (transition === "reopen") {
    // Back to HELD: the minutes may change again, so they are no longer adopted.
    await tx.minutes.updateMany({ where: { tenantId: user.tenantId, meetingId: row.id }, data: { adoptedAt: null } });
  }

  await recordAudit(tx, {
    tenantId: user.tenantId,
    actorUserId: user.id,
    action: "meeting.transition",
    entityType: "Meeting",
    entityId: row.id,
    before: {
      state: row.state,
      stateReason: row.stateReason,
      ...(data.plannedStart ? { plannedStart: row.plannedStart.toISOString(), plannedEnd: row.plannedEnd?.toISOString() ?? null } : {}),
      ...(data.actualStart || data.actualEnd
        ? { actualStart: row.actualStart?.toISOString() ?? null, actualEnd: row.actualEnd?.toISOString() ?? null }
        : {}),
      ...(row.lockedAt !== lockedAt ? { lockedAt: row.lockedAt?.toISOString() ?? null } : {}),
    },
    after: {
      transition,
      state: to,
      reason,
      ...(data.plannedStart ? { plannedStart: data.plannedStart.toISOString(), plannedEnd: data.plannedEnd?.toISOString() ?? null } : {}),
      ...(data.actualStart ? { actualStart: data.actualStart.toISOString() } : {}),
      ...(data.actualEnd ? { actualEnd: data.actualEnd.toISOString() } : {}),
      ...(row.lockedAt !== lockedAt ? { lockedAt: lockedAt?.toISOString() ?? null } : {}),
    },
    requestId: options.requestId,
  });
  return { id: row.id, transition, from: row.state, to, version: row.version + 1 };
}

/**
 * The transition a user asks for from the meeting page or the API: parses the input, refuses the
 * scoring workflow's moves, and runs applyTransition in one tenant transaction.
 */
export async function transition(
  user: Principal,
  input: TransitionInput | Record<string, unknown>,
  options: { requestId?: string | null; now?: Date } = {},
): Promise<TransitionResult> {
  const data = parseInput(transitionSchema, input);
  if (SCORING_TRANSITIONS.includes(data.transition)) {
    throw new ValidationError(wording.scoringStep);
  }
  return withTenant(user.tenantId, (tx) =>
    applyTransition(tx, user, { id: data.id }, data.transition, {
      reason: data.reason,
      version: data.version,
      newStart: data.newStart,
      actualStart: data.actualStart,
      actualEnd: data.actualEnd,
      requestId: options.requestId,
      now: options.now,
    }),
  );
}

// ─── Preconditions ──────────────────────────────────────────────────────────────────────────────

/** A notice (recorded by the preparation service) sent after the meeting's last postponement. */
async function checkNoticeSent(tx: Tx, tenantId: string, meetingId: string): Promise<void> {
  const lastPostponed = await tx.auditEntry.findFirst({
    where: { tenantId, entityType: "Meeting", entityId: meetingId, action: "meeting.transition", after: { path: ["transition"], equals: "postpone" } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const notice = await tx.notice.findFirst({
    where: { tenantId, meetingId, ...(lastPostponed ? { sentAt: { gt: lastPostponed.at } } : {}) },
    select: { id: true },
  });
  if (!notice) {
    throw new ValidationError(
      lastPostponed
        ? wording.postponedNotice
        : wording.noNotice,
    );
  }
}

/** Attendance of everyone summoned, minutes with their proceedings, and the resolution with its vote. */
/**
 * meeting.quorumRatio (SPEC §4.2, null by default): when the tenant sets one, a meeting is confirmed
 * held only once the members marked present reach that share of D_att on the meeting day.
 */
async function checkQuorum(tx: Tx, tenantId: string, meeting: { id: string; branch: { id: string; path: string } }, start: Date): Promise<void> {
  const day = vietnamDayOf(start);
  const ratio = (await settingsFor(tx, tenantId, meeting.branch.path, day))["meeting.quorumRatio"];
  if (ratio === null) return;
  const [roll, marks] = [
    await loadRoll(tx, tenantId, meeting.branch.id, day),
    await tx.attendance.findMany({ where: { tenantId, meetingId: meeting.id }, select: { memberId: true, status: true } }),
  ];
  const figures = attendanceFigures(rollEntries(roll), marks.map((m) => ({ memberId: m.memberId, mark: m.status })));
  const check = quorum(figures.summary.present, figures.denominator, ratio);
  if (check && !check.met) {
    throw new ValidationError(
      fill(messages.meetings.quorum.notMet, {
        present: check.present,
        denominator: check.denominator,
        needed: check.needed,
        percent: `${formatNumber(ratio * 100, { maximumFractionDigits: 1 })}%`,
      }),
    );
  }
}

async function checkRecordComplete(
  tx: Tx,
  tenantId: string,
  meeting: { id: string; plannedStart: Date; actualStart: Date | null; branch: { id: string } },
): Promise<void> {
  const [roll, marks, minutes, resolution] = await Promise.all([
    loadRoll(tx, tenantId, meeting.branch.id, meetingDay(meeting)),
    tx.attendance.findMany({ where: { tenantId, meetingId: meeting.id }, select: { memberId: true, status: true } }),
    tx.minutes.findUnique({
      where: { tenantId_meetingId: { tenantId, meetingId: meeting.id } },
      select: { proceedings: true },
    }),
    tx.resolution.findUnique({
      where: { tenantId_meetingId: { tenantId, meetingId: meeting.id } },
      select: { body: true, votesFor: true },
    }),
  ]);
  const problems: string[] = [];
  const entries: AttendanceEntry[] = marks.map((mark) => ({ memberId: mark.memberId, mark: mark.status }));
  const resolved = resolveAttendance(rollEntries(roll), entries);
  if (!resolved.ok) {
    const names = new Map(roll.map((entry) => [entry.memberId, entry.label]));
    const missing = resolved.errors.filter((error) => error.code === "MISSING_MARK").map((error) => names.get(error.memberId!) ?? "");
    if (missing.length > 0) problems.push(fill(wording.unmarked, { count: missing.length, names: missing.join(", ") }));
    for (const error of resolved.errors.filter((e) => e.code !== "MISSING_MARK")) {
      // The rules name members by id; people read names. Someone marked but not on the roll has none.
      const name = error.memberId === undefined ? undefined : names.get(error.memberId);
      if (name !== undefined) problems.push(ruleMessageFor(error, name));
      else if (error.code === "NOT_ON_ROLL") problems.push(fill(messages.meetingsRules.attendance.notOnRoll, { member: wording.offRollPerson }));
      else problems.push(error.message);
    }
  }
  if (!minutes?.proceedings?.trim()) problems.push(wording.minutesEmpty);
  if (!resolution?.body.trim()) problems.push(wording.resolutionMissing);
  else if (resolution.votesFor === null) problems.push(wording.voteMissing);
  if (problems.length > 0) {
    throw new ValidationError(fill(wording.cannotAdopt, { problems: problems.join("; ") }));
  }
}
