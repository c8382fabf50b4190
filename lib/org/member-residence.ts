// QĐ 213-QĐ/TW: a working member keeps contact with the party branch where they live. The link
// names a residence branch of the tenant (one the user manages members of) or, outside the tenant,
// its name; HD 33 exemptions are recorded with their ground. Each year the residence chi ủy sends
// one comment; saving the same year again replaces it (the audit entry keeps the old text).
import type { Principal } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, NotFoundError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertOnRoll, formatDay, loadManagedBranch, lockMemberForWrite, type LockedMember } from "@/lib/org/member-access";
import { overlaps } from "@/lib/org/member-dates";
import {
  addResidenceLinkSchema,
  residenceCommentSchema,
  updateResidenceLinkSchema,
  type AddResidenceLinkInput,
  type ResidenceCommentInput,
  type UpdateResidenceLinkInput,
} from "@/lib/org/member-schemas";
import type { ServiceContext } from "@/lib/service-context";
import { isoDay, isoDayOrNull } from "@/lib/time/days";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";

const wording = messages.orgServer.residence;

export const STALE_RESIDENCE_LINK =
  wording.stale;
const LINK_NOT_FOUND = wording.notFound;

interface LinkFields {
  residenceBranchId: string | null;
  residenceBranchName: string | null;
  address: string | null;
  fromDate: Date;
  toDate: Date | null;
  exempt: boolean;
  exemptReason: string | null;
}

function linkSnapshot(link: LinkFields & { version?: number }): Prisma.InputJsonObject {
  return {
    residenceBranchId: link.residenceBranchId,
    residenceBranchName: link.residenceBranchName,
    address: link.address,
    fromDate: isoDay(link.fromDate),
    toDate: isoDayOrNull(link.toDate),
    exempt: link.exempt,
    exemptReason: link.exempt ? link.exemptReason : null,
    ...(link.version !== undefined ? { version: link.version } : {}),
  };
}

/** Checks shared by adding and editing a link; the residence branch must be one the user manages. */
async function checkLink(tx: Tx, user: Principal, member: LockedMember, data: LinkFields, exceptId: string | null): Promise<void> {
  if (data.fromDate.getTime() < member.admittedOn.getTime()) {
    throw fieldError("fromDate", fill(wording.beforeAdmitted, { day: formatDay(member.admittedOn) }));
  }
  if (data.residenceBranchId) {
    if (data.residenceBranchId === member.branchId) {
      throw fieldError("residenceBranchId", wording.sameBranch);
    }
    await loadManagedBranch(tx, user, data.residenceBranchId, { field: "residenceBranchId", day: data.fromDate });
  }
  const others = await tx.residenceLink.findMany({
    where: { tenantId: user.tenantId, memberId: member.id, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { fromDate: true, toDate: true },
  });
  const clash = others.find((link) => overlaps({ from: link.fromDate, to: link.toDate }, { from: data.fromDate, to: data.toDate }));
  if (clash) {
    const period = clash.toDate ? fill(wording.period, { from: formatDay(clash.fromDate), to: formatDay(clash.toDate) }) : fill(wording.periodOpen, { from: formatDay(clash.fromDate) });
    throw fieldError("fromDate", fill(wording.overlap, { period }));
  }
}

function linkData(data: LinkFields) {
  return {
    residenceBranchId: data.residenceBranchId,
    residenceBranchName: data.residenceBranchId ? null : data.residenceBranchName,
    address: data.address,
    fromDate: data.fromDate,
    toDate: data.toDate,
    exempt: data.exempt,
    exemptReason: data.exempt ? data.exemptReason : null,
  };
}

export async function addResidenceLink(
  user: Principal,
  input: AddResidenceLinkInput,
  context: ServiceContext = {},
): Promise<{ id: string }> {
  const data = parseInput(addResidenceLinkSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    assertOnRoll(member);
    await checkLink(tx, user, member, data, null);
    const values = linkData(data);
    const row = await tx.residenceLink.create({
      data: { tenantId: user.tenantId, memberId: member.id, ...values },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "member.residenceLink.add",
      entityType: "Member",
      entityId: member.id,
      after: { residenceLinkId: row.id, ...linkSnapshot(values) },
      requestId: context.requestId,
    });
    return row;
  });
}

/** Edits a link (including ending it with `toDate`), guarded by its `version`. */
export async function updateResidenceLink(
  user: Principal,
  input: UpdateResidenceLinkInput,
  context: ServiceContext = {},
): Promise<{ id: string; version: number }> {
  const data = parseInput(updateResidenceLinkSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    const before = await tx.residenceLink.findFirst({
      where: { tenantId: user.tenantId, id: data.linkId, memberId: member.id },
      select: {
        residenceBranchId: true,
        residenceBranchName: true,
        address: true,
        fromDate: true,
        toDate: true,
        exempt: true,
        exemptReason: true,
        version: true,
      },
    });
    if (!before) throw new NotFoundError(LINK_NOT_FOUND);
    if (before.version !== data.version) throw new ConflictError(STALE_RESIDENCE_LINK);
    await checkLink(tx, user, member, data, data.linkId);
    const values = linkData(data);
    const { count } = await tx.residenceLink.updateMany({
      where: { tenantId: user.tenantId, id: data.linkId, memberId: member.id, version: data.version },
      data: { ...values, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE_RESIDENCE_LINK);
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "member.residenceLink.update",
      entityType: "Member",
      entityId: member.id,
      before: { residenceLinkId: data.linkId, ...linkSnapshot(before) },
      after: { residenceLinkId: data.linkId, ...linkSnapshot({ ...values, version: data.version + 1 }) },
      requestId: context.requestId,
    });
    return { id: data.linkId, version: data.version + 1 };
  });
}

/**
 * Records the residence chi ủy's comment for a year (one per year and link). Saving a year that
 * already has one replaces it; the audit entry keeps the previous text.
 */
export async function saveResidenceComment(
  user: Principal,
  input: ResidenceCommentInput,
  context: ServiceContext = {},
): Promise<{ id: string; replaced: boolean }> {
  const data = parseInput(residenceCommentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const member = await lockMemberForWrite(tx, user, data.memberId);
    const link = await tx.residenceLink.findFirst({
      where: { tenantId: user.tenantId, id: data.linkId, memberId: member.id },
      select: { id: true, fromDate: true, toDate: true, exempt: true },
    });
    if (!link) throw new NotFoundError(LINK_NOT_FOUND);
    if (link.exempt) {
      throw fieldError("comment", wording.exempted);
    }
    const firstYear = link.fromDate.getUTCFullYear();
    const lastYear = link.toDate?.getUTCFullYear();
    if (data.year < firstYear || (lastYear !== undefined && data.year > lastYear)) {
      throw fieldError(
        "year",
        fill(wording.yearOutside, { range: lastYear !== undefined ? fill(wording.yearRange, { first: firstYear, last: lastYear }) : fill(wording.yearFrom, { first: firstYear }) }),
      );
    }
    const values = { comment: data.comment, commentedBy: data.commentedBy, receivedOn: data.receivedOn };
    const existing = await tx.residenceComment.findUnique({
      where: { tenantId_residenceLinkId_year: { tenantId: user.tenantId, residenceLinkId: link.id, year: data.year } },
      select: { id: true, comment: true, commentedBy: true, receivedOn: true },
    });
    const snapshot = (v: { comment: string; commentedBy: string | null; receivedOn: Date }) => ({
      residenceLinkId: link.id,
      year: data.year,
      comment: v.comment,
      commentedBy: v.commentedBy,
      receivedOn: isoDay(v.receivedOn),
    });
    if (existing) {
      await tx.residenceComment.update({
        where: { tenantId_id: { tenantId: user.tenantId, id: existing.id } },
        data: values,
        select: { id: true },
      });
    }
    const id = existing
      ? existing.id
      : (
          await tx.residenceComment.create({
            data: { tenantId: user.tenantId, residenceLinkId: link.id, year: data.year, ...values },
            select: { id: true },
          })
        ).id;
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: existing ? "member.residenceComment.replace" : "member.residenceComment.add",
      entityType: "Member",
      entityId: member.id,
      before: existing ? { residenceCommentId: existing.id, ...snapshot(existing) } : null,
      after: { residenceCommentId: id, ...snapshot(values) },
      requestId: context.requestId,
    });
    return { id, replaced: existing !== null };
  });
}
