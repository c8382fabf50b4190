// Dự sinh hoạt chi bộ (issue 6 §3): "I will attend" before the meeting (the overseer joins the
// meeting's guests, so the branch's attendance sheet and minutes list them), then, once the meeting
// was really held, the record of what happened: attended or not, remarks, guidance and the issues
// raised (follow-ups). Only the assigned overseer of the branch on the meeting day, or someone they
// delegated to, may do either; one record per meeting and person; nothing changes once the meeting
// is locked (FINALISED). A visit recorded more than oversight.backdateDays after the meeting waits
// for a REVIEWER's approval and does not count until approved. One transaction per action, audited.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import type { Level, MeetingKind, MeetingState, QuotaExclusion, VisitApproval, VisitStatus } from "@/lib/generated/prisma/enums";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { loadMeeting, type MeetingRef } from "@/lib/meetings/access";
import { existingVersionField, optionalParagraphs, uuidField } from "@/lib/meetings/record-common";
import { LOCKED_STATES, RECORD_EDITABLE } from "@/lib/meetings/states";
import { REGISTRABLE_STATES, STALE, findBasis, meetingDayOf, notFollowingMessage, optionalDay, quotaExclusionFor, type VisitBasis } from "@/lib/oversight/common";
import { daysAfter, needsApproval } from "@/lib/oversight/rules";
import { settingsFor } from "@/lib/settings/resolve";
import { isoDay, vietnamDayOf } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";
import type { ServiceContext } from "@/lib/service-context";

const words = messages.oversightServer.visits;

// ─── Schemas ────────────────────────────────────────────────────────────────────────────────────

const meetingIdField = uuidField(words.meetingId);

export const registrationSchema = z.object({ meetingId: meetingIdField });
export type RegistrationInput = z.input<typeof registrationSchema>;

/** Follow-ups typed one per line in a form, or sent as an array by JSON clients. */
const followUpLines = z
  .preprocess((value) => {
    if (value === undefined || value === null) return [];
    const lines = Array.isArray(value) ? value : typeof value === "string" ? value.split(/\r?\n/) : value;
    return Array.isArray(lines) ? lines.map((line) => (typeof line === "string" ? line.normalize("NFC").replace(/\s+/g, " ").trim() : line)).filter((line) => line !== "") : lines;
  }, z.array(z.string().max(1000, words.followUpTooLong)).max(10, words.followUpsMax))
  .default([]);

const remarksField = optionalParagraphs(10_000, words.remarksTooLong);
const guidanceField = optionalParagraphs(10_000, words.guidanceTooLong);

export const recordVisitSchema = z
  .object({
    meetingId: meetingIdField,
    status: z.enum(["ATTENDED", "ABSENT"], { error: words.status }),
    remarks: remarksField,
    guidance: guidanceField,
    followUps: followUpLines,
    followUpDue: optionalDay(words.followUpDue),
  })
  .superRefine((value, ctx) => {
    if (value.status === "ATTENDED" && !value.remarks) {
      ctx.addIssue({ code: "custom", path: ["remarks"], message: words.remarksRequiredDetail });
    }
    if (value.status === "ABSENT" && value.followUps.length > 0) {
      ctx.addIssue({ code: "custom", path: ["followUps"], message: words.followUpsNotAttended });
    }
  });
export type RecordVisitInput = z.input<typeof recordVisitSchema>;

export const updateVisitSchema = z.object({
  visitId: uuidField(words.visitId),
  version: existingVersionField,
  remarks: remarksField,
  guidance: guidanceField,
});
export type UpdateVisitInput = z.input<typeof updateVisitSchema>;

export const decideVisitSchema = z
  .object({
    visitId: uuidField(words.visitId),
    version: existingVersionField,
    decision: z.enum(["APPROVE", "REJECT"], { error: words.decision }),
    note: optionalParagraphs(1000, words.noteTooLong),
  })
  .refine((value) => value.decision === "APPROVE" || Boolean(value.note), {
    path: ["note"],
    message: words.rejectReason,
  });
export type DecideVisitInput = z.input<typeof decideVisitSchema>;

// ─── Messages ───────────────────────────────────────────────────────────────────────────────────

const NOT_OVERSEER = words.notOverseer;
const LOCKED = words.locked;
const VISIT_NOT_FOUND = words.notFound;

function notHeldMessage(state: MeetingState): string {
  if (state === "CANCELLED") return words.cancelled;
  if (state === "POSTPONED") return words.postponed;
  return words.notHeld;
}

function guestTitle(basis: VisitBasis): string {
  return basis.kind === "delegation"
    ? fill(words.delegate, { name: basis.fromName })
    : words.overseerRole;
}

async function displayNameOf(tx: Tx, tenantId: string, userId: string): Promise<string> {
  const row = await tx.user.findUnique({ where: { tenantId_id: { tenantId, id: userId } }, select: { displayName: true } });
  return row?.displayName ?? "";
}

async function ownGuest(tx: Tx, tenantId: string, meetingId: string, userId: string) {
  return tx.meetingGuest.findFirst({ where: { tenantId, meetingId, userId }, select: { id: true, name: true, title: true } });
}

/**
 * The caller's guest row, adding it when missing. A row the secretary typed with the same name (no
 * account picked) is linked to the account rather than duplicated.
 */
async function ensureGuest(tx: Tx, tenantId: string, meetingId: string, userId: string, basis: VisitBasis): Promise<{ id: string; added: boolean }> {
  const linked = await ownGuest(tx, tenantId, meetingId, userId);
  if (linked) return { id: linked.id, added: false };
  const name = await displayNameOf(tx, tenantId, userId);
  const typed = await tx.meetingGuest.findFirst({ where: { tenantId, meetingId, userId: null, name }, select: { id: true } });
  if (typed) {
    await tx.meetingGuest.update({ where: { tenantId_id: { tenantId, id: typed.id } }, data: { userId }, select: { id: true } });
    return { id: typed.id, added: false };
  }
  const created = await tx.meetingGuest.create({ data: { tenantId, meetingId, name, title: guestTitle(basis), userId }, select: { id: true } });
  return { id: created.id, added: true };
}

async function requireOverseer(tx: Tx, user: Principal, meetingId: string): Promise<MeetingRef> {
  const meeting = await loadMeeting(tx, user, meetingId, { lock: true });
  if (!authorize(user, "score.confirm", meeting.branch)) throw new ForbiddenError(NOT_OVERSEER);
  return meeting;
}

// ─── "I will attend" ────────────────────────────────────────────────────────────────────────────

export interface RegistrationResult {
  visitId: string;
  meetingId: string;
  guestId: string | null;
}

/** Registers the caller for an upcoming meeting of a branch they follow; they become a guest of it. */
export async function registerVisit(user: Principal, input: unknown, context: ServiceContext = {}): Promise<RegistrationResult> {
  const data = parseInput(registrationSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await requireOverseer(tx, user, data.meetingId);
    if (!REGISTRABLE_STATES.includes(meeting.state)) {
      throw new ValidationError(
        meeting.state === "POSTPONED"
          ? words.registerPostponed
          : words.registerPast,
      );
    }
    const day = meetingDayOf(meeting);
    const basis = await findBasis(tx, user.tenantId, user.id, meeting.branchId, day);
    if (!basis) throw new ForbiddenError(notFollowingMessage(meeting.branch.name, day));
    const existing = await tx.overseerVisit.findUnique({
      where: { tenantId_meetingId_userId: { tenantId: user.tenantId, meetingId: meeting.id, userId: user.id } },
      select: { id: true },
    });
    if (existing) throw new ConflictError(words.alreadyRegistered);
    const settings = await settingsFor(tx, user.tenantId, meeting.branch.path, day);
    const exclusion = await quotaExclusionFor(tx, user.tenantId, user, meeting.branchId, day, basis, settings);
    const visit = await tx.overseerVisit.create({
      data: {
        tenantId: user.tenantId,
        meetingId: meeting.id,
        branchId: meeting.branchId,
        userId: user.id,
        assignmentId: basis.kind === "assignment" ? basis.assignmentId : null,
        delegationId: basis.kind === "delegation" ? basis.delegationId : null,
        status: "PLANNED",
        registeredAt: now,
        countsForQuota: exclusion === null,
        quotaExclusion: exclusion,
      },
      select: { id: true },
    });
    // The secretary may already have listed them as a guest; one row per person.
    const guest = await ensureGuest(tx, user.tenantId, meeting.id, user.id, basis);
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.visit.register",
      entityType: "OverseerVisit",
      entityId: visit.id,
      after: { meetingId: meeting.id, branchName: meeting.branch.name, basis: basis.kind, guestId: guest.id, guestAdded: guest.added },
      requestId: context.requestId,
    });
    return { visitId: visit.id, meetingId: meeting.id, guestId: guest.id };
  });
}

/** Withdraws a registration before the meeting: the planned visit and the guest row go. */
export async function unregisterVisit(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ meetingId: string }> {
  const data = parseInput(registrationSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, data.meetingId, { lock: true });
    const visit = await tx.overseerVisit.findUnique({
      where: { tenantId_meetingId_userId: { tenantId: user.tenantId, meetingId: meeting.id, userId: user.id } },
      select: { id: true, status: true, registeredAt: true },
    });
    if (!visit) throw new NotFoundError(words.notRegistered);
    if (visit.status !== "PLANNED") throw new ValidationError(words.alreadyRecorded);
    if (!REGISTRABLE_STATES.includes(meeting.state) && meeting.state !== "POSTPONED") {
      throw new ValidationError(words.alreadyHeld);
    }
    await tx.overseerVisit.delete({ where: { tenantId_id: { tenantId: user.tenantId, id: visit.id } } });
    const guest = await ownGuest(tx, user.tenantId, meeting.id, user.id);
    if (guest && RECORD_EDITABLE.includes(meeting.state)) {
      await tx.meetingGuest.delete({ where: { tenantId_id: { tenantId: user.tenantId, id: guest.id } } });
    }
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.visit.unregister",
      entityType: "OverseerVisit",
      entityId: visit.id,
      before: { meetingId: meeting.id, branchName: meeting.branch.name, registeredAt: visit.registeredAt?.toISOString() ?? null, guestId: guest?.id ?? null },
      requestId: context.requestId,
    });
    return { meetingId: meeting.id };
  });
}

// ─── Recording the visit ────────────────────────────────────────────────────────────────────────

export interface RecordVisitResult {
  visitId: string;
  meetingId: string;
  status: VisitStatus;
  approval: VisitApproval;
  countsForQuota: boolean;
  quotaExclusion: QuotaExclusion | null;
  followUpIds: string[];
  version: number;
}

/** Records, once, whether the caller attended a held meeting of a branch they follow, with their remarks. */
export async function recordVisit(user: Principal, input: unknown, context: ServiceContext = {}): Promise<RecordVisitResult> {
  const data = parseInput(recordVisitSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const meeting = await requireOverseer(tx, user, data.meetingId);
    if (LOCKED_STATES.includes(meeting.state)) throw new ValidationError(LOCKED);
    if (!HELD_STATES.includes(meeting.state)) throw new ValidationError(notHeldMessage(meeting.state));
    const day = meetingDayOf(meeting);
    const basis = await findBasis(tx, user.tenantId, user.id, meeting.branchId, day);
    if (!basis) throw new ForbiddenError(notFollowingMessage(meeting.branch.name, day));
    const existing = await tx.overseerVisit.findUnique({
      where: { tenantId_meetingId_userId: { tenantId: user.tenantId, meetingId: meeting.id, userId: user.id } },
      select: { id: true, status: true, recordedAt: true, registeredAt: true, version: true },
    });
    if (existing && existing.status !== "PLANNED") {
      throw new ConflictError(
        fill(words.recordedOnce, { at: formatDateTime(existing.recordedAt ?? now) }),
      );
    }
    if (data.followUpDue) assertDueAfterMeeting(data.followUpDue, day, "followUpDue");
    const settings = await settingsFor(tx, user.tenantId, meeting.branch.path, day);
    const attended = data.status === "ATTENDED";
    const exclusion = await quotaExclusionFor(tx, user.tenantId, user, meeting.branchId, day, basis, settings);
    const approval: VisitApproval = attended && needsApproval(day, vietnamDayOf(now), settings["oversight.backdateDays"]) ? "PENDING" : "NOT_NEEDED";
    const values = {
      assignmentId: basis.kind === "assignment" ? basis.assignmentId : null,
      delegationId: basis.kind === "delegation" ? basis.delegationId : null,
      status: data.status,
      recordedAt: now,
      remarks: data.remarks,
      guidance: data.guidance,
      countsForQuota: exclusion === null,
      quotaExclusion: exclusion,
      approval,
    };
    let visitId: string;
    let version: number;
    if (existing) {
      const updated = await tx.overseerVisit.updateMany({
        where: { tenantId: user.tenantId, id: existing.id, version: existing.version, status: "PLANNED" },
        data: { ...values, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new ConflictError(STALE);
      visitId = existing.id;
      version = existing.version + 1;
    } else {
      const created = await tx.overseerVisit.create({
        data: { tenantId: user.tenantId, meetingId: meeting.id, branchId: meeting.branchId, userId: user.id, ...values },
        select: { id: true, version: true },
      });
      visitId = created.id;
      version = created.version;
    }
    const followUpIds: string[] = [];
    for (const text of data.followUps) {
      const row = await tx.oversightFollowUp.create({
        data: { tenantId: user.tenantId, visitId, branchId: meeting.branchId, text, dueDate: data.followUpDue, createdById: user.id },
        select: { id: true },
      });
      followUpIds.push(row.id);
    }
    // The guest list follows what happened while the record of the meeting may still change.
    let guestChange: "added" | "removed" | null = null;
    if (RECORD_EDITABLE.includes(meeting.state)) {
      if (attended) {
        if ((await ensureGuest(tx, user.tenantId, meeting.id, user.id, basis)).added) guestChange = "added";
      } else {
        const guest = await ownGuest(tx, user.tenantId, meeting.id, user.id);
        if (guest) {
          await tx.meetingGuest.delete({ where: { tenantId_id: { tenantId: user.tenantId, id: guest.id } } });
          guestChange = "removed";
        }
      }
    }
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.visit.record",
      entityType: "OverseerVisit",
      entityId: visitId,
      before: existing ? { status: existing.status, registeredAt: existing.registeredAt?.toISOString() ?? null } : null,
      after: {
        meetingId: meeting.id,
        branchName: meeting.branch.name,
        meetingDay: isoDay(day),
        status: data.status,
        remarks: data.remarks,
        guidance: data.guidance,
        basis: basis.kind,
        countsForQuota: exclusion === null,
        quotaExclusion: exclusion,
        approval,
        daysAfterMeeting: daysAfter(day, vietnamDayOf(now)),
        followUps: data.followUps,
        followUpDue: data.followUpDue ? isoDay(data.followUpDue) : null,
        guestChange,
      },
      requestId: context.requestId,
    });
    return { visitId, meetingId: meeting.id, status: data.status, approval, countsForQuota: exclusion === null, quotaExclusion: exclusion, followUpIds, version };
  });
}

/** Loads the caller's own recorded visit with its meeting, locked; refuses once the meeting is locked. */
/** A follow-up is due after the meeting it follows (else it would show as overdue at once). */
export function assertDueAfterMeeting(due: Date, meetingDay: Date, field: string): void {
  if (due.getTime() < meetingDay.getTime()) {
    throw fieldError(field, fill(words.dueBeforeMeeting, { day: formatCalendarDate(meetingDay) }));
  }
}

export async function ownRecordedVisit(tx: Tx, user: Principal, visitId: string) {
  const row = isUuid(visitId)
    ? await tx.overseerVisit.findUnique({
        where: { tenantId_id: { tenantId: user.tenantId, id: visitId } },
        select: { id: true, userId: true, meetingId: true, status: true, remarks: true, guidance: true, version: true },
      })
    : null;
  if (!row || row.userId !== user.id) throw new NotFoundError(VISIT_NOT_FOUND);
  const meeting = await loadMeeting(tx, user, row.meetingId, { lock: true });
  if (LOCKED_STATES.includes(meeting.state)) throw new ValidationError(LOCKED);
  if (row.status === "PLANNED") throw new ValidationError(words.onlyRegistered);
  return { row, meeting };
}

/**
 * Corrects the remarks and guidance of one's own visit (version-checked), until the meeting is
 * locked. A field left out of the input keeps its value (PATCH; the form always sends both).
 */
export async function updateVisitNotes(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ visitId: string; version: number }> {
  const sent = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const parsed = parseInput(updateVisitSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const { row, meeting } = await ownRecordedVisit(tx, user, parsed.visitId);
    const data = {
      ...parsed,
      remarks: sent.remarks === undefined ? row.remarks : parsed.remarks,
      guidance: sent.guidance === undefined ? row.guidance : parsed.guidance,
    };
    if (row.status === "ATTENDED" && !data.remarks) {
      throw fieldError("remarks", words.remarksRequired);
    }
    if (row.version !== data.version) throw new ConflictError(STALE);
    if (row.remarks === data.remarks && row.guidance === data.guidance) return { visitId: row.id, version: row.version };
    const updated = await tx.overseerVisit.updateMany({
      where: { tenantId: user.tenantId, id: row.id, version: data.version },
      data: { remarks: data.remarks, guidance: data.guidance, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError(STALE);
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.visit.update",
      entityType: "OverseerVisit",
      entityId: row.id,
      before: { remarks: row.remarks, guidance: row.guidance },
      after: { meetingId: meeting.id, remarks: data.remarks, guidance: data.guidance },
      requestId: context.requestId,
    });
    return { visitId: row.id, version: row.version + 1 };
  });
}

// ─── Back-dated visits: the reviewer's approval ─────────────────────────────────────────────────

/** A REVIEWER of the branch approves or refuses a visit recorded after the window. */
export async function decideVisit(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ visitId: string; approval: VisitApproval; version: number }> {
  const data = parseInput(decideVisitSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const row = await tx.overseerVisit.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: data.visitId } },
      select: { id: true, userId: true, meetingId: true, approval: true, version: true, branch: { select: { name: true, path: true } } },
    });
    if (!row || !(authorize(user, "meeting.read", row.branch) || row.userId === user.id)) throw new NotFoundError(VISIT_NOT_FOUND);
    if (!authorize(user, "score.review", row.branch)) throw new ForbiddenError(words.approverOfUnit);
    if (row.userId === user.id) throw new ForbiddenError(words.selfApproval);
    if (row.approval !== "PENDING") throw new ValidationError(words.notPending);
    if (row.version !== data.version) throw new ConflictError(STALE);
    const approval: VisitApproval = data.decision === "APPROVE" ? "APPROVED" : "REJECTED";
    const updated = await tx.overseerVisit.updateMany({
      where: { tenantId: user.tenantId, id: row.id, version: data.version, approval: "PENDING" },
      data: { approval, reviewedById: user.id, reviewedAt: now, reviewNote: data.note, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError(STALE);
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: approval === "APPROVED" ? "oversight.visit.approve" : "oversight.visit.reject",
      entityType: "OverseerVisit",
      entityId: row.id,
      before: { approval: row.approval },
      after: { approval, meetingId: row.meetingId, branchName: row.branch.name, note: data.note },
      requestId: context.requestId,
    });
    return { visitId: row.id, approval, version: row.version + 1 };
  });
}

export interface PendingVisit {
  id: string;
  version: number;
  user: { id: string; displayName: string };
  meeting: { id: string; title: string; day: Date; state: MeetingState; branch: { id: string; name: string } };
  recordedAt: Date;
  daysLate: number;
  remarks: string | null;
}

/** Visits waiting for the caller's approval (score.review subtrees), oldest first. */
export async function listPendingVisits(user: Principal): Promise<PendingVisit[]> {
  const roots = scopeRoots(user, "score.review");
  if (roots.length === 0) throw new ForbiddenError(words.approverOnly);
  return withTenant(user.tenantId, async (tx) => {
    const rows = await tx.overseerVisit.findMany({
      where: { tenantId: user.tenantId, approval: "PENDING", OR: roots.map((root) => ({ branch: { path: { startsWith: root.path } } })) },
      select: {
        id: true,
        version: true,
        recordedAt: true,
        remarks: true,
        user: { select: { id: true, displayName: true } },
        meeting: { select: { id: true, title: true, state: true, plannedStart: true, actualStart: true, branch: { select: { id: true, name: true } } } },
      },
      orderBy: { recordedAt: "asc" },
      take: 500,
    });
    return rows.map((row) => {
      const day = meetingDayOf(row.meeting);
      const recordedAt = row.recordedAt ?? new Date(0);
      return {
        id: row.id,
        version: row.version,
        user: row.user,
        meeting: { id: row.meeting.id, title: row.meeting.title, day, state: row.meeting.state, branch: row.meeting.branch },
        recordedAt,
        daysLate: daysAfter(day, vietnamDayOf(recordedAt)),
        remarks: row.remarks,
      };
    });
  });
}

// ─── The visit page ─────────────────────────────────────────────────────────────────────────────

export interface FollowUpItem {
  id: string;
  text: string;
  dueDate: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
  closingNote: string | null;
  version: number;
}

export interface VisitView {
  meeting: {
    id: string;
    title: string;
    kind: MeetingKind;
    state: MeetingState;
    plannedStart: Date;
    actualStart: Date | null;
    actualEnd: Date | null;
    place: string | null;
    day: Date;
    branch: { id: string; name: string };
  };
  /** Why the caller may attend (null: they follow neither the branch nor a delegation that day). */
  basis: VisitBasis | null;
  visit: {
    id: string;
    status: VisitStatus;
    registeredAt: Date | null;
    recordedAt: Date | null;
    remarks: string | null;
    guidance: string | null;
    countsForQuota: boolean;
    quotaExclusion: QuotaExclusion | null;
    approval: VisitApproval;
    reviewedAt: Date | null;
    reviewNote: string | null;
    version: number;
  } | null;
  followUps: FollowUpItem[];
  /** The overseer column of the scorecard, when there is one. */
  score: { overseerLevel: Level | null; overseerTotalTenths: number | null; overseerReason: string | null; overseerAt: Date | null; selfLevel: Level | null; selfTotalTenths: number | null } | null;
  backdateDays: number;
  /** Recording now would wait for a reviewer's approval. */
  wouldNeedApproval: boolean;
  /** What recording an attended visit now would exclude it for (null: it would count). */
  exclusionPreview: QuotaExclusion | null;
  can: {
    register: boolean;
    unregister: boolean;
    record: boolean;
    edit: boolean;
    /** The scorecard waits for the overseer (SELF_SCORED and score.confirm). */
    confirmScore: boolean;
  };
  /** Why recording is not possible now (null when it is, or when it is done). */
  blocked: string | null;
}

/** Everything the visit page shows for the caller and one meeting (404 when they may not read it). */
export async function getVisitView(user: Principal, meetingId: string, context: { now?: Date } = {}): Promise<VisitView> {
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const ref = await loadMeeting(tx, user, meetingId);
    if (!authorize(user, "score.confirm", ref.branch)) throw new ForbiddenError(NOT_OVERSEER);
    const meeting = await tx.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: user.tenantId, id: ref.id } },
      select: { id: true, title: true, kind: true, state: true, plannedStart: true, actualStart: true, actualEnd: true, place: true, branch: { select: { id: true, name: true, path: true } } },
    });
    const day = meetingDayOf(meeting);
    const basis = await findBasis(tx, user.tenantId, user.id, meeting.branch.id, day);
    const visit = await tx.overseerVisit.findUnique({
      where: { tenantId_meetingId_userId: { tenantId: user.tenantId, meetingId: meeting.id, userId: user.id } },
      select: {
        id: true,
        status: true,
        registeredAt: true,
        recordedAt: true,
        remarks: true,
        guidance: true,
        countsForQuota: true,
        quotaExclusion: true,
        approval: true,
        reviewedAt: true,
        reviewNote: true,
        version: true,
        followUps: {
          select: { id: true, text: true, dueDate: true, createdAt: true, closedAt: true, closingNote: true, closedById: true, version: true },
          orderBy: { createdAt: "asc" },
        },
      },
    });
    const closerIds = [...new Set((visit?.followUps ?? []).map((f) => f.closedById).filter((id): id is string => id !== null))];
    const closers = new Map(
      (await tx.user.findMany({ where: { tenantId: user.tenantId, id: { in: closerIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]),
    );
    const card = await tx.scorecard.findUnique({
      where: { tenantId_meetingId: { tenantId: user.tenantId, meetingId: meeting.id } },
      select: { overseerLevel: true, overseerTotalTenths: true, overseerReason: true, overseerAt: true, selfLevel: true, selfTotalTenths: true },
    });
    const settings = await settingsFor(tx, user.tenantId, meeting.branch.path, day);
    const exclusionPreview = basis ? await quotaExclusionFor(tx, user.tenantId, user, meeting.branch.id, day, basis, settings) : null;
    const locked = LOCKED_STATES.includes(meeting.state);
    const held = HELD_STATES.includes(meeting.state);
    const recorded = visit !== null && visit.status !== "PLANNED";
    let blocked: string | null = null;
    if (!recorded) {
      if (locked) blocked = LOCKED;
      else if (!held) blocked = notHeldMessage(meeting.state);
      else if (!basis) blocked = notFollowingMessage(meeting.branch.name, day);
    }
    return {
      meeting: {
        id: meeting.id,
        title: meeting.title,
        kind: meeting.kind,
        state: meeting.state,
        plannedStart: meeting.plannedStart,
        actualStart: meeting.actualStart,
        actualEnd: meeting.actualEnd,
        place: meeting.place,
        day,
        branch: { id: meeting.branch.id, name: meeting.branch.name },
      },
      basis,
      visit: visit
        ? {
            id: visit.id,
            status: visit.status,
            registeredAt: visit.registeredAt,
            recordedAt: visit.recordedAt,
            remarks: visit.remarks,
            guidance: visit.guidance,
            countsForQuota: visit.countsForQuota,
            quotaExclusion: visit.quotaExclusion,
            approval: visit.approval,
            reviewedAt: visit.reviewedAt,
            reviewNote: visit.reviewNote,
            version: visit.version,
          }
        : null,
      followUps: (visit?.followUps ?? []).map((f) => ({
        id: f.id,
        text: f.text,
        dueDate: f.dueDate,
        createdAt: f.createdAt,
        closedAt: f.closedAt,
        closedBy: f.closedById ? (closers.get(f.closedById) ?? null) : null,
        closingNote: f.closingNote,
        version: f.version,
      })),
      score: card,
      backdateDays: settings["oversight.backdateDays"],
      wouldNeedApproval: needsApproval(day, vietnamDayOf(now), settings["oversight.backdateDays"]),
      exclusionPreview,
      can: {
        register: visit === null && basis !== null && REGISTRABLE_STATES.includes(meeting.state),
        unregister: visit?.status === "PLANNED" && (REGISTRABLE_STATES.includes(meeting.state) || meeting.state === "POSTPONED"),
        record: !recorded && blocked === null,
        edit: recorded && !locked,
        confirmScore: meeting.state === "SELF_SCORED" && card !== null,
      },
      blocked,
    };
  });
}
