// Shared pieces of the oversight services: on what basis a person attends a branch's meeting (their
// own assignment, or a colleague's delegation, valid on the meeting day), why an attended visit
// would not count towards their quota, and the field helpers of the input schemas.
import { z } from "zod";
import type { Tx } from "@/lib/db/tenant";
import type { CommitteeLevel, MeetingState, QuotaExclusion } from "@/lib/generated/prisma/enums";
import { formatCalendarDate } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { SettingsSnapshot } from "@/lib/settings/resolve";
import { parseDay, vietnamDayOf } from "@/lib/time/days";

const words = messages.oversightServer.common;

/** Units that hold meetings, and so can be followed. */

/** The meeting really took place (reopening a scored meeting sends it back to HELD: still held). */

/** "I will attend" is possible while the meeting is still ahead. */
export const REGISTRABLE_STATES: readonly MeetingState[] = ["PLANNED", "NOTIFIED"];

export const STALE = words.stale;

/** The meeting's calendar day in Vietnam: the day its actual start (else planned start) falls on. */
export function meetingDayOf(meeting: { plannedStart: Date; actualStart: Date | null }): Date {
  return vietnamDayOf(meeting.actualStart ?? meeting.plannedStart);
}

export type VisitBasis =
  | { kind: "assignment"; assignmentId: string; level: CommitteeLevel }
  | { kind: "delegation"; delegationId: string; fromUserId: string; fromName: string; level: CommitteeLevel };

/**
 * Why `userId` may attend a meeting of `branchId` held on `day`: their own assignment in force that
 * day, else a delegation to them (not revoked) whose period and underlying assignment cover the day.
 * Null: neither, so they may not register for or record it.
 */
export async function findBasis(tx: Tx, tenantId: string, userId: string, branchId: string, day: Date): Promise<VisitBasis | null> {
  const covering = { validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] };
  const own = await tx.overseerAssignment.findFirst({
    where: { tenantId, userId, branchId, ...covering },
    select: { id: true, committeeLevel: true },
    orderBy: { validFrom: "desc" },
  });
  if (own) return { kind: "assignment", assignmentId: own.id, level: own.committeeLevel };
  const delegation = await tx.overseerDelegation.findFirst({
    where: {
      tenantId,
      toUserId: userId,
      revokedAt: null,
      validFrom: { lte: day },
      validTo: { gte: day },
      assignment: { branchId, ...covering },
    },
    select: { id: true, assignment: { select: { userId: true, committeeLevel: true, user: { select: { displayName: true } } } } },
    orderBy: { validFrom: "desc" },
  });
  if (delegation) {
    return {
      kind: "delegation",
      delegationId: delegation.id,
      fromUserId: delegation.assignment.userId,
      fromName: delegation.assignment.user.displayName,
      level: delegation.assignment.committeeLevel,
    };
  }
  return null;
}

export function notFollowingMessage(branchName: string, day: Date): string {
  return fill(words.notFollowing, { branch: branchName, day: formatCalendarDate(day) });
}

/**
 * Why an attended visit would not count towards the visitor's quota, or null when it counts:
 * attended on someone's behalf; the visitor is on the branch's own roll that day (their own
 * meeting duty); the visitor lives in the branch's area (a QĐ 213 residence link in force that day)
 * and the tenant's rule (oversight.residenceVisitCounts) excludes such visits.
 */
export async function quotaExclusionFor(
  tx: Tx,
  tenantId: string,
  visitor: { id: string },
  branchId: string,
  day: Date,
  basis: VisitBasis,
  settings: Pick<SettingsSnapshot, "oversight.residenceVisitCounts">,
): Promise<QuotaExclusion | null> {
  if (basis.kind === "delegation") return "DELEGATED";
  const account = await tx.user.findUnique({
    where: { tenantId_id: { tenantId, id: visitor.id } },
    select: { memberId: true },
  });
  const memberId = account?.memberId;
  if (!memberId) return null;
  const onRoll = await tx.branchMembership.findFirst({
    where: { tenantId, memberId, branchId, validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] },
    select: { id: true },
  });
  if (onRoll) return "OWN_BRANCH";
  if (settings["oversight.residenceVisitCounts"]) return null;
  const residence = await tx.residenceLink.findFirst({
    where: { tenantId, memberId, residenceBranchId: branchId, fromDate: { lte: day }, OR: [{ toDate: null }, { toDate: { gte: day } }] },
    select: { id: true },
  });
  return residence ? "RESIDENCE_BRANCH" : null;
}

// ─── Field helpers (forms send strings, JSON clients send values) ──────────────────────────────

/** "yyyy-mm-dd" (a date input) or a Date → the calendar day; "" / missing → null. */
export function optionalDay(invalid = words.invalidDay) {
  return z.preprocess(
    (value) => {
      if (value === undefined || value === null) return null;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? "invalid" : value;
      if (typeof value !== "string") return value;
      if (value.trim() === "") return null;
      return parseDay(value.trim()) ?? "invalid";
    },
    z.date({ error: invalid }).nullable(),
  );
}

/** A checkbox or a JSON boolean. */
export const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", "1", "0", ""])])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true" || value === "1");
