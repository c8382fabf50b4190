// The minutes (biên bản) of a meeting: opening / proceedings / closing as free text, the chair, the
// thư ký and the minutes spent on ideology, saved explicitly and version-checked (two secretaries
// saving the same minutes: the later, stale save is refused and nothing is overwritten); and the
// speakers (member + summary, ordered), whose share of the present members feeds C5.
// getMinutesSheet() also gathers the resolution and tasks for the record page.
import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, NotFoundError, parseInput } from "@/lib/errors";
import { MEETING_NOT_FOUND, assertRecordEditable, loadMeeting, type MeetingRef } from "@/lib/meetings/access";
import { editState, loadMarks, loadRecordMeeting, meetingInfo, type RecordMeetingInfo } from "@/lib/meetings/attendance";
import { auditRecord, loadRoll, meetingDay, optionalInt, optionalLine, optionalParagraphs, optionalUuidField, requiredParagraphs, uuidField, versionField } from "@/lib/meetings/record-common";
import { attendanceFigures, speakersShare, type SpeakersShare } from "@/lib/meetings/record-rules";
import { loadResolutionView, type ResolutionView } from "@/lib/meetings/resolution";
import { loadTasksView, type TasksView } from "@/lib/meetings/tasks";
import { rollEntries } from "@/lib/meetings/record-common";
import type { AttendanceMark } from "@/lib/meetings/rules/types";
import { formatRatio } from "@/lib/exact/ratio";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.meetingsServer.minutes;

export const STALE_MINUTES =
  wording.stale;

const PART_TOO_LONG = wording.partTooLong;
const meetingIdField = uuidField(MEETING_NOT_FOUND);

export const saveMinutesSchema = z.object({
  meetingId: meetingIdField,
  /** The Minutes version the page was opened at; 0 when there were no minutes yet. */
  version: versionField,
  opening: optionalParagraphs(50_000, PART_TOO_LONG),
  proceedings: optionalParagraphs(50_000, PART_TOO_LONG),
  closing: optionalParagraphs(50_000, PART_TOO_LONG),
  chairMemberId: optionalUuidField(wording.chairInvalid),
  clerkMemberId: optionalUuidField(wording.clerkInvalid),
  ideologyMinutes: optionalInt(0, 600, wording.ideologyRange),
});

const isDiscussionField = z.preprocess(
  (value) => !(value === false || value === "false" || value === "0" || value === "off"),
  z.boolean(),
);

export const addSpeechSchema = z
  .object({
    meetingId: meetingIdField,
    memberId: optionalUuidField(wording.speakerInvalid),
    /** A guest who spoke (the overseer…): never counted in the speakers' share. */
    speakerName: optionalLine(200, wording.speakerNameTooLong),
    summary: requiredParagraphs(5000, {
      required: wording.summaryRequired,
      tooLong: wording.summaryTooLong,
    }),
    /** False for the chair's report, which does not count as a discussion entry. */
    isDiscussion: isDiscussionField,
  })
  .superRefine((value, ctx) => {
    if (!value.memberId && !value.speakerName) {
      ctx.addIssue({ code: "custom", path: ["memberId"], message: wording.speakerRequired });
    }
    if (value.memberId && value.speakerName) {
      ctx.addIssue({ code: "custom", path: ["speakerName"], message: wording.speakerNameWithMember });
    }
  });

export const deleteSpeechSchema = z.object({
  meetingId: meetingIdField,
  speechId: uuidField(wording.speechNotFound),
});

export const reorderSpeechesSchema = z.object({
  meetingId: meetingIdField,
  /** Every speech of the meeting, in the new order (a form may send them comma-separated). */
  speechIds: z.preprocess(
    (value) => (typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : value),
    z.array(uuidField(wording.orderInvalid), { error: wording.orderInvalid }).max(500),
  ),
});

// ─── Reading ────────────────────────────────────────────────────────────────────────────────────

export interface SpeechRow {
  id: string;
  memberId: string | null;
  speakerName: string | null;
  /** The member's name, or the guest's. */
  displayName: string;
  summary: string;
  position: number;
  isDiscussion: boolean;
}

export interface MinutesSheet {
  meeting: RecordMeetingInfo;
  canEdit: boolean;
  canRecord: boolean;
  lockedReason: string | null;
  minutes: { exists: boolean; version: number; opening: string; proceedings: string; closing: string; adoptedAt: string | null };
  chairMemberId: string | null;
  clerkMemberId: string | null;
  ideologyMinutes: number | null;
  /** Members on the roll (not suspended) with their mark, for the pickers. */
  roll: { memberId: string; fullName: string; label: string; mark: AttendanceMark | null }[];
  attendanceComplete: boolean;
  guests: { id: string; name: string; title: string | null }[];
  speeches: SpeechRow[];
  speakers: SpeakersShare;
  resolution: ResolutionView;
  tasks: TasksView;
}

export async function loadSpeeches(tx: Tx, tenantId: string, meetingId: string, labels?: ReadonlyMap<string, string>): Promise<SpeechRow[]> {
  const rows = await tx.speech.findMany({
    where: { tenantId, meetingId },
    select: { id: true, memberId: true, speakerName: true, summary: true, position: true, isDiscussion: true, member: { select: { fullName: true } } },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    memberId: r.memberId,
    speakerName: r.speakerName,
    displayName: (r.memberId ? labels?.get(r.memberId) : undefined) ?? r.member?.fullName ?? r.speakerName ?? "",
    summary: r.summary,
    position: r.position,
    isDiscussion: r.isDiscussion,
  }));
}

export async function getMinutesSheet(user: Principal, id: string): Promise<MinutesSheet> {
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadRecordMeeting(tx, user, id);
    const roll = await loadRoll(tx, user.tenantId, meeting.branchId, meetingDay(meeting));
    const marks = await loadMarks(tx, user.tenantId, meeting.id);
    const markOf = new Map(marks.map((m) => [m.memberId, m.status]));
    const figures = attendanceFigures(rollEntries(roll), marks.map((m) => ({ memberId: m.memberId, mark: m.status })));
    const minutes = await tx.minutes.findUnique({
      where: { tenantId_meetingId: { tenantId: user.tenantId, meetingId: meeting.id } },
      select: { opening: true, proceedings: true, closing: true, adoptedAt: true, version: true },
    });
    const people = await tx.meeting.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: meeting.id } },
      select: { chairMemberId: true, clerkMemberId: true, ideologyMinutes: true },
    });
    const guests = await tx.meetingGuest.findMany({
      where: { tenantId: user.tenantId, meetingId: meeting.id },
      select: { id: true, name: true, title: true },
      orderBy: { id: "asc" },
    });
    const labels = new Map(roll.map((m) => [m.memberId, m.label]));
    const speeches = await loadSpeeches(tx, user.tenantId, meeting.id, labels);
    const present = new Set(marks.filter((m) => m.status === "PRESENT").map((m) => m.memberId));
    const resolution = await loadResolutionView(tx, user.tenantId, meeting, roll, marks);
    const tasks = await loadTasksView(tx, user.tenantId, meeting, labels);
    return {
      meeting: meetingInfo(meeting),
      ...editState(user, meeting),
      minutes: {
        exists: Boolean(minutes),
        version: minutes?.version ?? 0,
        opening: minutes?.opening ?? "",
        proceedings: minutes?.proceedings ?? "",
        closing: minutes?.closing ?? "",
        adoptedAt: minutes?.adoptedAt?.toISOString() ?? null,
      },
      chairMemberId: people?.chairMemberId ?? null,
      clerkMemberId: people?.clerkMemberId ?? null,
      ideologyMinutes: people?.ideologyMinutes ?? null,
      roll: roll.filter((m) => !m.suspended).map((m) => ({ memberId: m.memberId, fullName: m.fullName, label: m.label, mark: markOf.get(m.memberId) ?? null })),
      attendanceComplete: figures.complete && figures.errors.length === 0,
      guests,
      speeches,
      speakers: speakersShare(speeches, present),
      resolution,
      tasks,
    };
  });
}

// ─── Saving the minutes ─────────────────────────────────────────────────────────────────────────

const MARK_LABEL: Record<AttendanceMark, string> = {
  PRESENT: wording.markPresent,
  ABSENT_EXCUSED: wording.markExcused,
  ABSENT_UNEXCUSED: wording.markUnexcused,
  EXEMPT: wording.markExempt,
  ELSEWHERE: wording.markElsewhere,
  SPECIAL_DUTY: wording.markSpecialDuty,
};

/** The chair and the thư ký are members of the branch on the day, and not marked absent. */
async function checkPerson(tx: Tx, tenantId: string, meeting: MeetingRef, field: string, label: string, memberId: string | null): Promise<void> {
  if (!memberId) return;
  const roll = await loadRoll(tx, tenantId, meeting.branchId, meetingDay(meeting));
  const member = roll.find((m) => m.memberId === memberId);
  if (!member || member.suspended) throw fieldError(field, fill(wording.personNotMember, { label }));
  const mark = await tx.attendance.findUnique({
    where: { tenantId_meetingId_memberId: { tenantId, meetingId: meeting.id, memberId } },
    select: { status: true },
  });
  if (mark && mark.status !== "PRESENT") {
    throw fieldError(field, fill(wording.personNotPresent, { label, name: member.fullName, mark: MARK_LABEL[mark.status] }));
  }
}

export interface SavedMinutes {
  version: number;
}

/**
 * Saves the three parts, the chair, the thư ký and the ideology minutes in one transaction. The
 * version the page was opened at must still be the stored one: a stale save changes nothing.
 */
export async function saveMinutes(user: Principal, input: unknown, context: ServiceContext = {}): Promise<SavedMinutes> {
  const data = parseInput(saveMinutesSchema, input);
  // Nothing written at all is not a record: say so rather than "saved".
  if (!data.opening && !data.proceedings && !data.closing && !data.chairMemberId && !data.clerkMemberId && data.ideologyMinutes === null) {
    throw fieldError("proceedings", wording.empty);
  }
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    const existing = await tx.minutes.findUnique({
      where: { tenantId_meetingId: { tenantId: user.tenantId, meetingId: meeting.id } },
      select: { id: true, opening: true, proceedings: true, closing: true, version: true },
    });
    const parts = { opening: data.opening, proceedings: data.proceedings, closing: data.closing };
    const people = { chairMemberId: data.chairMemberId, clerkMemberId: data.clerkMemberId, ideologyMinutes: data.ideologyMinutes };
    const before = await tx.meeting.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: meeting.id } },
      select: { chairMemberId: true, clerkMemberId: true, ideologyMinutes: true },
    });
    if ((existing?.version ?? 0) !== data.version) {
      // The same form sent twice (a double click): what it carries is already stored, so nothing to do.
      const same =
        existing &&
        existing.opening === parts.opening &&
        existing.proceedings === parts.proceedings &&
        existing.closing === parts.closing &&
        before?.chairMemberId === people.chairMemberId &&
        before?.clerkMemberId === people.clerkMemberId &&
        before?.ideologyMinutes === people.ideologyMinutes;
      if (same) return { version: existing.version };
      throw new ConflictError(STALE_MINUTES);
    }

    await checkPerson(tx, user.tenantId, meeting, "chairMemberId", wording.chair, data.chairMemberId);
    await checkPerson(tx, user.tenantId, meeting, "clerkMemberId", wording.clerk, data.clerkMemberId);
    if (data.ideologyMinutes !== null && meeting.actualStart && meeting.actualEnd) {
      const length = Math.floor((meeting.actualEnd.getTime() - meeting.actualStart.getTime()) / 60_000);
      if (data.ideologyMinutes > length) {
        throw fieldError("ideologyMinutes", fill(wording.ideologyTooLong, { minutes: data.ideologyMinutes, length }));
      }
    }

    let version: number;
    if (existing) {
      const { count } = await tx.minutes.updateMany({
        where: { tenantId: user.tenantId, id: existing.id, version: existing.version },
        data: { ...parts, version: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError(STALE_MINUTES);
      version = existing.version + 1;
    } else {
      version = (await tx.minutes.create({ data: { tenantId: user.tenantId, meetingId: meeting.id, ...parts }, select: { version: true } })).version;
    }
    const peopleChanged =
      before?.chairMemberId !== people.chairMemberId || before?.clerkMemberId !== people.clerkMemberId || before?.ideologyMinutes !== people.ideologyMinutes;
    if (peopleChanged) {
      // The meeting row is locked above; its version moves so other open forms of the meeting reload.
      await tx.meeting.update({
        where: { tenantId_id: { tenantId: user.tenantId, id: meeting.id } },
        data: { ...people, version: { increment: 1 } },
        select: { id: true },
      });
    }
    await auditRecord(
      tx,
      user,
      meeting.id,
      {
        action: existing ? "minutes.update" : "minutes.create",
        before: existing ? { opening: existing.opening, proceedings: existing.proceedings, closing: existing.closing, ...before } : null,
        after: { ...parts, ...people },
      },
      context,
    );
    return { version };
  });
}

// ─── Speeches ───────────────────────────────────────────────────────────────────────────────────

export async function addSpeech(user: Principal, input: unknown, context: ServiceContext = {}): Promise<SpeechRow> {
  const data = parseInput(addSpeechSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    let displayName = data.speakerName ?? "";
    if (data.memberId) {
      const mark = await tx.attendance.findUnique({
        where: { tenantId_meetingId_memberId: { tenantId: user.tenantId, meetingId: meeting.id, memberId: data.memberId } },
        select: { status: true, member: { select: { fullName: true } } },
      });
      if (!mark || mark.status !== "PRESENT") {
        throw fieldError("memberId", wording.speakerNotPresent);
      }
      displayName = mark.member.fullName;
    }
    const twin = await tx.speech.findFirst({
      where: { tenantId: user.tenantId, meetingId: meeting.id, memberId: data.memberId, speakerName: data.memberId ? null : data.speakerName, summary: data.summary },
      select: { id: true },
    });
    if (twin) throw fieldError("summary", wording.twin);
    const last = await tx.speech.aggregate({ where: { tenantId: user.tenantId, meetingId: meeting.id }, _max: { position: true } });
    const row = await tx.speech.create({
      data: {
        tenantId: user.tenantId,
        meetingId: meeting.id,
        memberId: data.memberId,
        speakerName: data.memberId ? null : data.speakerName,
        summary: data.summary,
        isDiscussion: data.isDiscussion,
        position: (last._max.position ?? 0) + 1,
      },
      select: { id: true, memberId: true, speakerName: true, summary: true, position: true, isDiscussion: true },
    });
    await auditRecord(tx, user, meeting.id, { action: "speech.add", after: { ...row, displayName } }, context);
    return { ...row, displayName };
  });
}

export async function deleteSpeech(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(deleteSpeechSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    const speech = await tx.speech.findFirst({
      where: { tenantId: user.tenantId, meetingId: meeting.id, id: data.speechId },
      select: { id: true, memberId: true, speakerName: true, summary: true, position: true, isDiscussion: true },
    });
    if (!speech) throw new NotFoundError(wording.speechNotFound);
    await tx.speech.delete({ where: { tenantId_id: { tenantId: user.tenantId, id: speech.id } } });
    await auditRecord(tx, user, meeting.id, { action: "speech.delete", before: speech }, context);
    return { id: speech.id };
  });
}

/** Puts the speeches in the given order; the list must name each of them once (else someone changed it meanwhile). */
export async function reorderSpeeches(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ ids: string[] }> {
  const data = parseInput(reorderSpeechesSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertRecordEditable(meeting);
    const current = await tx.speech.findMany({
      where: { tenantId: user.tenantId, meetingId: meeting.id },
      select: { id: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    });
    const ids = data.speechIds;
    const same = ids.length === current.length && new Set(ids).size === ids.length && current.every((s) => ids.includes(s.id));
    if (!same) throw new ConflictError(wording.orderChanged);
    for (const [index, id] of ids.entries()) {
      await tx.speech.update({ where: { tenantId_id: { tenantId: user.tenantId, id } }, data: { position: index + 1 }, select: { id: true } });
    }
    await auditRecord(tx, user, meeting.id, { action: "speech.reorder", before: { order: current.map((s) => s.id) }, after: { order: ids } }, context);
    return { ids };
  });
}

// ─── JSON (the /api/v1 twins) ───────────────────────────────────────────────────────────────────

const percentJson = (value: { num: number; den: number } | null) => (value ? Number(formatRatio(value, 1, "json")) : null);

export function minutesJson(sheet: MinutesSheet) {
  return {
    meeting: sheet.meeting,
    canEdit: sheet.canEdit,
    minutes: sheet.minutes,
    chairMemberId: sheet.chairMemberId,
    clerkMemberId: sheet.clerkMemberId,
    ideologyMinutes: sheet.ideologyMinutes,
    speeches: sheet.speeches,
    speakers: { speakers: sheet.speakers.speakers, present: sheet.speakers.present, sharePercent: percentJson(sheet.speakers.share) },
  };
}

export function resolutionJson(sheet: MinutesSheet) {
  const { voteRoll: _roll, voteMarks: _marks, ...resolution } = sheet.resolution;
  return { meeting: sheet.meeting, canEdit: sheet.canEdit, attendanceComplete: sheet.attendanceComplete, resolution };
}

export function tasksJson(sheet: MinutesSheet) {
  const { targets, ...tasks } = sheet.tasks;
  return {
    meeting: sheet.meeting,
    canEdit: sheet.canEdit,
    ...tasks,
    targets: { ...targets, met: targets.metHundredths / 100, sharePercent: percentJson(targets.share) },
  };
}
