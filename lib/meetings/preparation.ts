// Preparation of a meeting (SPEC §3.1): who prepares, the content and the draft resolution, the
// committee's pre-meeting (họp chi ủy, P3) and what the preparation page shows, including the
// summary the meeting overview renders (getPreparationSummary). Documents live in documents.ts,
// the notice in notices.ts. Every change checks the meeting's version and bumps it, in one
// transaction with its audit entry.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ValidationError } from "@/lib/errors";
import type { DocumentKind, MeetingKind, MeetingState, PositionKind } from "@/lib/generated/prisma/enums";
import { assertPreparationEditable, assertVersion, loadMeeting, type MeetingRef } from "@/lib/meetings/access";
import {
  canDeleteDocument,
  documentTiming,
  documentsOf,
  uploadableKinds,
  PREPARATION_KINDS,
  type DocumentTiming,
  type MeetingDocumentItem,
} from "@/lib/meetings/documents";
import { parseInput } from "@/lib/errors";
import { composeNotice, noticeReach, NOTICE_SOURCE, RESEND_PAUSE_MS, type NoticeReach } from "@/lib/meetings/notices";
import { instant, versionField } from "@/lib/meetings/schemas";
import { PREPARATION_EDITABLE } from "@/lib/meetings/states";
import { emailConfigured } from "@/lib/notifications/outbox";
import { hasCommitteeOn, type CommitteeOn } from "@/lib/org/committee";
import { branchRosterOn } from "@/lib/org/member-lifecycle";
import { settingsFor } from "@/lib/settings/resolve";
import messages from "@/lib/i18n/messages";
import { vietnamDayOf } from "@/lib/time/days";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.meetingsServer.preparation;
const shared = messages.meetingsServer.common;

const STALE = shared.stale;

/** Paragraphs a person typed: NFC (the database fold only strips precomposed accents), tidy line ends, "" → null. */
export function paragraphs(max: number, tooLong: string) {
  return z
    .string({ error: shared.invalidValue })
    .nullish()
    .transform((value) => {
      const text = (value ?? "")
        .normalize("NFC")
        .replace(/\r\n?/g, "\n")
        .split("\n")
        .map((line) => line.replace(/[ \t]+$/g, ""))
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim();
      return text === "" ? null : text;
    })
    .pipe(z.string().max(max, tooLong).nullable());
}

const meetingIdField = z.string({ error: shared.meetingIdMissing }).trim().min(1, shared.meetingIdMissing);

const optionalMemberId = z
  .string()
  .nullish()
  .transform((value) => value?.trim() || null);

const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", "1", "0", ""])])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true" || value === "1");

/** The meeting's calendar day in Vietnam: the roll valid on it is the one that counts. */
function meetingDayOf(meeting: { plannedStart: Date; actualStart?: Date | null }): Date {
  return vietnamDayOf(meeting.actualStart ?? meeting.plannedStart);
}

// ─── Content and draft resolution ───────────────────────────────────────────────────────────────

export const meetingContentSchema = z.object({
  meetingId: meetingIdField,
  version: versionField,
  content: paragraphs(20_000, wording.contentTooLong),
  draftResolution: paragraphs(20_000, wording.draftTooLong),
  preparedByMemberId: optionalMemberId,
});
export type MeetingContentInput = z.input<typeof meetingContentSchema>;

/** Saves who prepares the meeting, its content and the draft resolution (version-checked). */
export async function updateMeetingContent(
  user: Principal,
  input: MeetingContentInput | Record<string, unknown>,
  context: ServiceContext = {},
): Promise<{ id: string; version: number }> {
  const data = parseInput(meetingContentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    assertPreparationEditable(meeting);
    assertVersion(meeting, data.version);
    if (data.preparedByMemberId) {
      const roster = await branchRosterOn(tx, user.tenantId, meeting.branchId, meetingDayOf(meeting));
      if (!roster.some((entry) => entry.memberId === data.preparedByMemberId)) {
        throw fieldError("preparedByMemberId", wording.preparedByNotMember);
      }
    }
    const before = await tx.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: user.tenantId, id: meeting.id } },
      select: { content: true, draftResolution: true, preparedByMemberId: true },
    });
    const after = { content: data.content, draftResolution: data.draftResolution, preparedByMemberId: data.preparedByMemberId };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
    if (changed.length === 0) return { id: meeting.id, version: meeting.version };
    const updated = await tx.meeting.updateMany({
      where: { tenantId: user.tenantId, id: meeting.id, version: meeting.version },
      data: { ...after, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError(STALE);
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "meeting.content.update",
      entityType: "Meeting",
      entityId: meeting.id,
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      requestId: context.requestId,
    });
    return { id: meeting.id, version: meeting.version + 1 };
  });
}

// ─── Pre-meeting (họp chi ủy) ───────────────────────────────────────────────────────────────────

const memberIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((id) => id.trim()).filter(Boolean))
  .pipe(z.array(z.string()).max(50, wording.tooManyAttendees));

export const preMeetingSchema = z.object({
  meetingId: meetingIdField,
  version: versionField,
  heldAt: instant(wording.heldAtRequired),
  /** Committee members picked from the list. */
  attendeeMemberIds: memberIds,
  /** Anyone else, as typed (e.g. a member of the superior committee). */
  otherAttendees: paragraphs(500, wording.otherAttendeesTooLong),
  notes: paragraphs(10_000, wording.notesTooLong),
  /** The pre-meeting has its own minutes (P3 needs them). */
  minuted: checkbox,
});
export type PreMeetingInput = z.input<typeof preMeetingSchema>;

export interface CommitteeMember {
  memberId: string;
  fullName: string;
  /** Told apart from namesakes on the roll, where the page has the roll. */
  label: string;
  position: PositionKind;
}

const COMMITTEE_ORDER: readonly PositionKind[] = ["SECRETARY", "DEPUTY_SECRETARY", "COMMITTEE_MEMBER"];

/** The branch's committee on a day: holders of the secretary, deputy and committee positions. */
export async function committeeOn(tx: Tx, tenantId: string, branchId: string, day: Date): Promise<CommitteeMember[]> {
  const rows = await tx.position.findMany({
    where: {
      tenantId,
      orgUnitId: branchId,
      kind: { in: [...COMMITTEE_ORDER] },
      termFrom: { lte: day },
      OR: [{ termTo: null }, { termTo: { gte: day } }],
    },
    select: { kind: true, member: { select: { id: true, fullName: true, sortKey: true } } },
  });
  const seen = new Set<string>();
  return rows
    .sort(
      (a, b) =>
        COMMITTEE_ORDER.indexOf(a.kind) - COMMITTEE_ORDER.indexOf(b.kind) || a.member.sortKey.localeCompare(b.member.sortKey),
    )
    .filter((row) => (seen.has(row.member.id) ? false : (seen.add(row.member.id), true)))
    .map((row) => ({ memberId: row.member.id, fullName: row.member.fullName, label: row.member.fullName, position: row.kind }));
}

/** "A, B; khác" → the names picked from a list and the rest, to show the form again. */
export function splitAttendees(text: string | null, names: readonly { memberId: string; fullName: string; label?: string }[]) {
  const parts = (text ?? "").split(/[,;\n]/).map((part) => part.trim()).filter(Boolean);
  // Saved as the label (namesakes told apart); older records hold the plain name.
  const matches = (entry: { fullName: string; label?: string }, part: string) => part === (entry.label ?? entry.fullName) || (entry.label === entry.fullName && part === entry.fullName);
  const picked = names.filter((entry) => parts.some((part) => matches(entry, part))).map((entry) => entry.memberId);
  const rest = parts.filter((part) => !names.some((entry) => matches(entry, part)));
  return { memberIds: picked, other: rest.join(", ") || null };
}

const NO_COMMITTEE =
  wording.noCommittee;

/** Records (or corrects) the committee's pre-meeting. Only for branches that have a committee. */
export async function savePreMeeting(
  user: Principal,
  input: PreMeetingInput | Record<string, unknown>,
  context: ServiceContext = {},
): Promise<{ id: string; version: number }> {
  const data = parseInput(preMeetingSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { permission: "meeting.record", lock: true });
    if (!(await hasCommitteeOn(tx, user.tenantId, meeting.branchId, meetingDayOf(meeting))).hasCommittee) throw new ValidationError(NO_COMMITTEE);
    assertPreparationEditable(meeting);
    assertVersion(meeting, data.version);
    if (data.heldAt.getTime() >= meeting.plannedStart.getTime()) {
      throw fieldError("heldAt", wording.heldBeforeMeeting);
    }
    // A few minutes of slack for clocks; a pre-meeting is recorded once it has happened.
    if (data.heldAt.getTime() > now.getTime() + 5 * 60_000) {
      throw fieldError("heldAt", wording.heldInFuture);
    }
    const day = meetingDayOf(meeting);
    const roster = await branchRosterOn(tx, user.tenantId, meeting.branchId, day);
    const names = new Map(roster.map((entry) => [entry.memberId, entry.label]));
    const unknown = data.attendeeMemberIds.filter((id) => !names.has(id));
    if (unknown.length > 0) {
      throw fieldError("attendeeMemberIds", wording.attendeesNotMembers);
    }
    const picked = [...new Set(data.attendeeMemberIds)].map((id) => names.get(id)!);
    const attendees = [picked.join(", "), data.otherAttendees?.replace(/\s*\n\s*/g, ", ") ?? ""].filter(Boolean).join("; ") || null;
    if (!attendees) throw fieldError("attendeeMemberIds", wording.attendeesRequired);

    const before = await tx.preMeeting.findUnique({
      where: { tenantId_meetingId: { tenantId: user.tenantId, meetingId: meeting.id } },
      select: { id: true, heldAt: true, attendees: true, notes: true, minuted: true },
    });
    const values = { heldAt: data.heldAt, attendees, notes: data.notes, minuted: data.minuted };
    const row = await tx.preMeeting.upsert({
      where: { tenantId_meetingId: { tenantId: user.tenantId, meetingId: meeting.id } },
      create: { tenantId: user.tenantId, meetingId: meeting.id, ...values },
      update: values,
      select: { id: true },
    });
    const bumped = await tx.meeting.updateMany({
      where: { tenantId: user.tenantId, id: meeting.id, version: meeting.version },
      data: { version: { increment: 1 } },
    });
    if (bumped.count === 0) throw new ConflictError(STALE);
    const json = (v: typeof values | NonNullable<typeof before>) => ({
      heldAt: v.heldAt.toISOString(),
      attendees: v.attendees,
      notes: v.notes,
      minuted: v.minuted,
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "meeting.preMeeting.save",
      entityType: "Meeting",
      entityId: meeting.id,
      before: before ? json(before) : null,
      after: { preMeetingId: row.id, ...json(values) },
      requestId: context.requestId,
    });
    return { id: row.id, version: meeting.version + 1 };
  });
}

// ─── The preparation page ───────────────────────────────────────────────────────────────────────

export interface PreparationDocument extends MeetingDocumentItem {
  canDelete: boolean;
}

export interface PreparationNotice {
  id: string;
  sentAt: Date;
  sentBy: string;
  subject: string;
  body: string;
  recipientCount: number;
  includesOverseer: boolean;
}

export interface PreparationView {
  meeting: {
    id: string;
    title: string;
    kind: MeetingKind;
    state: MeetingState;
    version: number;
    topic: string | null;
    plannedStart: Date;
    plannedEnd: Date | null;
    place: string | null;
    content: string | null;
    draftResolution: string | null;
    preparedByMemberId: string | null;
    noticeSentAt: Date | null;
    noticeToOverseer: boolean;
    /** hasCommittee on the meeting day, and where it comes from (lib/org/committee.ts). */
    branch: { id: string; name: string; hasCommittee: boolean; committeeRule: CommitteeOn };
  };
  can: {
    /** The user records this branch's meetings (meeting.record). */
    record: boolean;
    /** Content, pre-meeting and notice may change (recorder, preparation still open). */
    edit: boolean;
    /** Kinds the user may post now (empty: none). */
    uploadKinds: DocumentKind[];
    sendNotice: boolean;
  };
  /** The roll on the meeting day (preparer choice). */
  roster: { memberId: string; fullName: string; label: string }[];
  committee: CommitteeMember[];
  preMeeting: {
    heldAt: Date;
    attendees: string | null;
    notes: string | null;
    minuted: boolean;
    attendeeMemberIds: string[];
    otherAttendees: string | null;
  } | null;
  documents: PreparationDocument[];
  timing: DocumentTiming & { requiredLeadHours: number; leadOk: boolean | null };
  notices: PreparationNotice[];
  noticeDraft: { subject: string; body: string };
  reach: NoticeReach;
  /** A notice went out less than RESEND_PAUSE_MS ago: the send button waits. */
  recentNoticeAt: Date | null;
  noticeLeadDays: number;
  emailConfigured: boolean;
}

/** Everything the preparation page shows; read-only for users who may only read the meeting. */
export async function getPreparation(user: Principal, meetingId: string, context: { now?: Date } = {}): Promise<PreparationView> {
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const ref = await loadMeeting(tx, user, meetingId);
    const meeting = await tx.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: user.tenantId, id: ref.id } },
      select: {
        ...NOTICE_SOURCE,
        id: true,
        version: true,
        actualStart: true,
        actualEnd: true,
        draftResolution: true,
        preparedByMemberId: true,
        noticeSentAt: true,
        branch: { select: { id: true, name: true, path: true } },
        preMeeting: { select: { heldAt: true, attendees: true, notes: true, minuted: true } },
        resolution: { select: { postedAt: true } },
        notices: {
          select: {
            id: true,
            sentAt: true,
            subject: true,
            body: true,
            recipientCount: true,
            includesOverseer: true,
            sentBy: { select: { displayName: true } },
          },
          orderBy: { sentAt: "desc" },
        },
      },
    });
    const recorder = authorize(user, "meeting.record", meeting.branch);
    const editable = recorder && PREPARATION_EDITABLE.includes(meeting.state);
    const day = meetingDayOf(meeting);
    // One connection per transaction: queries run one after another (pg refuses overlapping ones).
    const roster = await branchRosterOn(tx, user.tenantId, meeting.branch.id, day);
    const committeeRule = await hasCommitteeOn(tx, user.tenantId, meeting.branch.id, day);
    const labelOf = new Map(roster.map((entry) => [entry.memberId, entry.label]));
    const committee = (await committeeOn(tx, user.tenantId, meeting.branch.id, day)).map((c) => ({ ...c, label: labelOf.get(c.memberId) ?? c.fullName }));
    const documents = await documentsOf(tx, ref);
    const settings = await settingsFor(tx, user.tenantId, meeting.branch.path, day);
    const reach = recorder ? await noticeReach(tx, user.tenantId, meeting.branch, day, user.id) : emptyReach;
    const timing = documentTiming({
      documents,
      plannedStart: meeting.plannedStart,
      actualStart: meeting.actualStart,
      actualEnd: meeting.actualEnd,
      resolutionPostedAt: meeting.resolution?.postedAt ?? null,
    });
    const requiredLeadHours = settings["meeting.docsLeadHours"];
    const lastNotice = meeting.notices[0] ?? null;
    const recentNoticeAt = lastNotice && now.getTime() - lastNotice.sentAt.getTime() < RESEND_PAUSE_MS ? lastNotice.sentAt : null;
    const pre = meeting.preMeeting;
    const picked = pre ? splitAttendees(pre.attendees, roster) : null;
    return {
      meeting: {
        id: meeting.id,
        title: meeting.title,
        kind: meeting.kind,
        state: meeting.state,
        version: meeting.version,
        topic: meeting.topic,
        plannedStart: meeting.plannedStart,
        plannedEnd: meeting.plannedEnd,
        place: meeting.place,
        content: meeting.content,
        draftResolution: meeting.draftResolution,
        preparedByMemberId: meeting.preparedByMemberId,
        noticeSentAt: meeting.noticeSentAt,
        noticeToOverseer: meeting.noticeToOverseer,
        branch: { id: meeting.branch.id, name: meeting.branch.name, hasCommittee: committeeRule.hasCommittee, committeeRule },
      },
      can: {
        record: recorder,
        edit: editable,
        uploadKinds: recorder ? uploadableKinds(meeting.state) : [],
        sendNotice: recorder && (meeting.state === "PLANNED" || meeting.state === "NOTIFIED"),
      },
      // The roll is for the recorder's choices; readers (members) only see the meeting's own record.
      roster: recorder ? roster.map((entry) => ({ memberId: entry.memberId, fullName: entry.fullName, label: entry.label })) : [],
      committee: recorder ? committee : [],
      preMeeting: pre
        ? { ...pre, attendeeMemberIds: picked?.memberIds ?? [], otherAttendees: picked?.other ?? null }
        : null,
      documents: documents.map((doc) => ({ ...doc, canDelete: recorder && canDeleteDocument(meeting, doc.kind) })),
      timing: {
        ...timing,
        requiredLeadHours,
        leadOk: timing.documentsLeadMinutes === null ? null : timing.documentsLeadMinutes >= requiredLeadHours * 60,
      },
      notices: meeting.notices.map((notice) => ({
        id: notice.id,
        sentAt: notice.sentAt,
        sentBy: notice.sentBy.displayName,
        subject: notice.subject,
        body: notice.body,
        recipientCount: notice.recipientCount,
        includesOverseer: notice.includesOverseer,
      })),
      noticeDraft: lastNotice
        ? { subject: lastNotice.subject, body: lastNotice.body }
        : composeNotice({ ...meeting, branchName: meeting.branch.name, toOverseer: reach.overseers > 0 }),
      reach,
      recentNoticeAt,
      noticeLeadDays: settings["meeting.noticeLeadDays"],
      emailConfigured: emailConfigured(),
    };
  });
}

const emptyReach: NoticeReach = { rosterSize: 0, withAccount: 0, withEmail: 0, unreachable: [], overseers: 0, recipients: 0 };

// ─── The meeting overview's summary (engineer A renders it) ─────────────────────────────────────

export interface PreparationSummary {
  documents: {
    /** All posted documents of the meeting. */
    count: number;
    /** Content, draft resolution and thematic material (the ones P5 looks at). */
    preparationCount: number;
    /** Minutes from the earliest of those to the start; null when none. */
    leadMinutes: number | null;
    requiredLeadHours: number;
    /** Lead ≥ the required hours; null when nothing was posted. */
    leadOk: boolean | null;
  };
  preMeeting: {
    /** False when the branch has no committee (P3 then scores full marks without one). */
    applicable: boolean;
    held: boolean;
    heldAt: Date | null;
    minuted: boolean;
  };
  notice: {
    /** First notice (Meeting.noticeSentAt). */
    sentAt: Date | null;
    lastSentAt: Date | null;
    count: number;
    toOverseer: boolean;
    /** People reached by the latest notice. */
    recipientCount: number | null;
  };
  content: { hasContent: boolean; hasDraftResolution: boolean; preparedBy: string | null };
}

/**
 * What preparation contributes to the meeting overview, read in the caller's transaction. Applies
 * the meeting's read rules (404 for a meeting the user may not see).
 */
export async function getPreparationSummary(tx: Tx, user: Principal, meetingId: string): Promise<PreparationSummary> {
  const ref: MeetingRef = await loadMeeting(tx, user, meetingId);
  const meeting = await tx.meeting.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: user.tenantId, id: ref.id } },
    select: {
      plannedStart: true,
      actualStart: true,
      actualEnd: true,
      content: true,
      draftResolution: true,
      noticeSentAt: true,
      noticeToOverseer: true,
      preparedBy: { select: { fullName: true } },
      preMeeting: { select: { heldAt: true, minuted: true } },
      documents: { select: { kind: true, postedAt: true } },
      resolution: { select: { postedAt: true } },
      notices: { select: { sentAt: true, recipientCount: true }, orderBy: { sentAt: "desc" } },
    },
  });
  const settings = await settingsFor(tx, user.tenantId, ref.branch.path, meetingDayOf(meeting));
  const timing = documentTiming({
    documents: meeting.documents,
    plannedStart: meeting.plannedStart,
    actualStart: meeting.actualStart,
    actualEnd: meeting.actualEnd,
    resolutionPostedAt: meeting.resolution?.postedAt ?? null,
  });
  const requiredLeadHours = settings["meeting.docsLeadHours"];
  const last = meeting.notices[0] ?? null;
  return {
    documents: {
      count: meeting.documents.length,
      preparationCount: meeting.documents.filter((doc) => PREPARATION_KINDS.includes(doc.kind)).length,
      leadMinutes: timing.documentsLeadMinutes,
      requiredLeadHours,
      leadOk: timing.documentsLeadMinutes === null ? null : timing.documentsLeadMinutes >= requiredLeadHours * 60,
    },
    preMeeting: {
      applicable: (await hasCommitteeOn(tx, user.tenantId, ref.branchId, meetingDayOf(meeting))).hasCommittee,
      held: meeting.preMeeting !== null,
      heldAt: meeting.preMeeting?.heldAt ?? null,
      minuted: meeting.preMeeting?.minuted ?? false,
    },
    notice: {
      sentAt: meeting.noticeSentAt,
      lastSentAt: last?.sentAt ?? null,
      count: meeting.notices.length,
      toOverseer: meeting.noticeToOverseer,
      recipientCount: last?.recipientCount ?? null,
    },
    content: {
      hasContent: Boolean(meeting.content),
      hasDraftResolution: Boolean(meeting.draftResolution),
      preparedBy: meeting.preparedBy?.fullName ?? null,
    },
  };
}

/** The preparation view with its summary (GET /api/v1/meetings/{id}/preparation): the route opens no transaction itself. */
export async function getPreparationWithSummary(user: Principal, meetingId: string) {
  const [view, summary] = await Promise.all([getPreparation(user, meetingId), withTenant(user.tenantId, (tx) => getPreparationSummary(tx, user, meetingId))]);
  return { view, summary };
}
