// Phân công cấp ủy viên theo dõi chi bộ (issue 6 §1): a TENANT_ADMIN assigns users holding the
// OVERSEER role to follow branches, each with their committee level and a term; a branch may have
// several. Rows are history: a change of level or term ends the old row the day before the change
// and inserts the next one (replacesId), an end sets the last day. An assigned overseer may delegate
// a period of their duty to a colleague (OverseerDelegation). One transaction per action, audited.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { CommitteeLevel } from "@/lib/generated/prisma/enums";
import { formatCalendarDate } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { existingVersionField, optionalParagraphs, requiredDayField, requiredParagraphs, uuidField } from "@/lib/meetings/record-common";
import { isInSubtree } from "@/lib/domain/org-path";
import { STALE, optionalDay } from "@/lib/oversight/common";
import { termCovers, termsOverlap } from "@/lib/oversight/rules";
import { addDays, isoDay, todayInVietnam } from "@/lib/time/days";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import type { ServiceContext } from "@/lib/service-context";

const words = messages.oversightServer.assignment;

// ─── Schemas ────────────────────────────────────────────────────────────────────────────────────

const levelField = z.enum(CommitteeLevel, { error: words.level });

export const createAssignmentSchema = z
  .object({
    userId: uuidField(words.user),
    branchId: uuidField(words.branch),
    committeeLevel: levelField,
    validFrom: requiredDayField(words.validFrom),
    validTo: optionalDay(),
    note: optionalParagraphs(500, words.noteTooLong),
  })
  .refine((value) => !value.validTo || value.validTo.getTime() >= value.validFrom.getTime(), {
    path: ["validTo"],
    message: words.endBeforeStart,
  });
export type CreateAssignmentInput = z.input<typeof createAssignmentSchema>;

export const changeAssignmentSchema = z
  .object({
    id: uuidField(words.id),
    version: existingVersionField,
    committeeLevel: levelField,
    /** The first day under the new level or term: the old row ends the day before. */
    changeFrom: requiredDayField(words.changeFrom),
    validTo: optionalDay(),
    reason: requiredParagraphs(500, { required: words.changeReason, tooLong: words.reasonTooLong }),
  })
  .refine((value) => !value.validTo || value.validTo.getTime() >= value.changeFrom.getTime(), {
    path: ["validTo"],
    message: words.endBeforeChange,
  });
export type ChangeAssignmentInput = z.input<typeof changeAssignmentSchema>;

export const endAssignmentSchema = z.object({
  id: uuidField(words.id),
  version: existingVersionField,
  /** The last day the overseer follows the branch (inclusive). */
  validTo: requiredDayField(words.validTo),
  reason: requiredParagraphs(500, { required: words.endReason, tooLong: words.reasonTooLong }),
});
export type EndAssignmentInput = z.input<typeof endAssignmentSchema>;

/** The longest a delegation may run: a stand-in, not a second assignment. */
export const MAX_DELEGATION_DAYS = 366;

export const createDelegationSchema = z
  .object({
    assignmentId: uuidField(words.id),
    toUserId: uuidField(words.toUser),
    validFrom: requiredDayField(words.delegationFrom),
    validTo: requiredDayField(words.delegationTo),
    reason: optionalParagraphs(500, words.reasonTooLong),
  })
  .refine((value) => value.validTo.getTime() >= value.validFrom.getTime(), { path: ["validTo"], message: words.endBeforeStart });
export type CreateDelegationInput = z.input<typeof createDelegationSchema>;

export const revokeDelegationSchema = z.object({ id: uuidField(words.delegationId) });

export const assignmentQuerySchema = z.object({
  unit: z.string().trim().optional(),
  user: z.string().trim().optional(),
  /** "current": in force today or starting later (default); "all": with the ended history. */
  status: z.enum(["current", "all"]).optional().default("current"),
});
export type AssignmentQuery = z.input<typeof assignmentQuerySchema>;

// ─── Reading ────────────────────────────────────────────────────────────────────────────────────

export type AssignmentStatus = "ACTIVE" | "UPCOMING" | "ENDED";

export interface DelegationItem {
  id: string;
  toUser: { id: string; displayName: string };
  validFrom: Date;
  validTo: Date;
  reason: string | null;
  revokedAt: Date | null;
}

export interface AssignmentItem {
  id: string;
  user: { id: string; displayName: string };
  branch: { id: string; name: string; parentName: string | null };
  committeeLevel: CommitteeLevel;
  validFrom: Date;
  validTo: Date | null;
  note: string | null;
  replacesId: string | null;
  createdAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  status: AssignmentStatus;
  version: number;
  delegations: DelegationItem[];
}

const assignmentSelect = {
  id: true,
  committeeLevel: true,
  validFrom: true,
  validTo: true,
  note: true,
  replacesId: true,
  createdAt: true,
  endedAt: true,
  endReason: true,
  version: true,
  user: { select: { id: true, displayName: true } },
  branch: { select: { id: true, name: true, parent: { select: { name: true } } } },
  delegations: {
    select: { id: true, validFrom: true, validTo: true, reason: true, revokedAt: true, toUser: { select: { id: true, displayName: true } } },
    orderBy: { validFrom: "desc" },
  },
} as const;

type AssignmentRow = {
  id: string;
  committeeLevel: CommitteeLevel;
  validFrom: Date;
  validTo: Date | null;
  note: string | null;
  replacesId: string | null;
  createdAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  version: number;
  user: { id: string; displayName: string };
  branch: { id: string; name: string; parent: { name: string } | null };
  delegations: { id: string; validFrom: Date; validTo: Date; reason: string | null; revokedAt: Date | null; toUser: { id: string; displayName: string } }[];
};

export function assignmentStatus(term: { validFrom: Date; validTo: Date | null }, today: Date): AssignmentStatus {
  if (term.validTo && term.validTo.getTime() < today.getTime()) return "ENDED";
  return term.validFrom.getTime() > today.getTime() ? "UPCOMING" : "ACTIVE";
}

function toItem(row: AssignmentRow, today: Date): AssignmentItem {
  return {
    id: row.id,
    user: row.user,
    branch: { id: row.branch.id, name: row.branch.name, parentName: row.branch.parent?.name ?? null },
    committeeLevel: row.committeeLevel,
    validFrom: row.validFrom,
    validTo: row.validTo,
    note: row.note,
    replacesId: row.replacesId,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
    endReason: row.endReason,
    status: assignmentStatus(row, today),
    version: row.version,
    delegations: row.delegations.map((d) => ({ id: d.id, toUser: d.toUser, validFrom: d.validFrom, validTo: d.validTo, reason: d.reason, revokedAt: d.revokedAt })),
  };
}

export interface OverseerOption {
  id: string;
  displayName: string;
  username: string;
  /** Paths of the units their OVERSEER grants cover (a branch must be under one of them). */
  paths: string[];
}

export interface BranchOption {
  id: string;
  name: string;
  parentName: string | null;
  path: string;
}

export interface AssignmentList {
  items: AssignmentItem[];
  overseers: OverseerOption[];
  branches: BranchOption[];
  /** More rows matched than are shown: narrow the unit. */
  truncated: boolean;
}

const LIST_LIMIT = 1000;

/** The admin's subtrees (user.manage), narrowed to `unit` when given (404 outside them). */
async function adminScope(tx: Tx, user: Principal, unitId: string | undefined): Promise<string[]> {
  const roots = scopeRoots(user, "user.manage");
  if (roots.length === 0) throw new ForbiddenError(words.adminOnly);
  if (!unitId) return roots.map((root) => root.path);
  if (!isUuid(unitId)) throw new NotFoundError(words.unitNotFound);
  const unit = await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: unitId } }, select: { path: true } });
  if (!unit || !authorize(user, "user.manage", unit)) throw new NotFoundError(words.unitNotFound);
  return [unit.path];
}

/** Users with an OVERSEER grant covering some unit of the scope (the grant may sit above it). */
async function overseerOptions(tx: Tx, tenantId: string, paths: readonly string[]): Promise<OverseerOption[]> {
  const grants = await tx.roleGrant.findMany({
    where: { tenantId, role: "OVERSEER", user: { disabled: false } },
    select: { orgUnit: { select: { path: true } }, user: { select: { id: true, displayName: true, username: true } } },
  });
  const byUser = new Map<string, OverseerOption>();
  for (const grant of grants) {
    const relevant = paths.some((path) => isInSubtree(grant.orgUnit.path, path) || isInSubtree(path, grant.orgUnit.path));
    if (!relevant) continue;
    const option = byUser.get(grant.user.id) ?? { ...grant.user, paths: [] };
    option.paths.push(grant.orgUnit.path);
    byUser.set(grant.user.id, option);
  }
  return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, "vi"));
}

/** Assignments in the admin's scope (current ones, or the whole history), with the form's choices. */
export async function listAssignments(user: Principal, query: AssignmentQuery = {}, context: ServiceContext = {}): Promise<AssignmentList> {
  const parsed = assignmentQuerySchema.safeParse(query);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? words.badRequest);
  const input = parsed.data;
  const today = todayInVietnam(context.now);
  return withTenant(user.tenantId, async (tx) => {
    const paths = await adminScope(tx, user, input.unit || undefined);
    const inScope = paths.map((path) => ({ branch: { path: { startsWith: path } } }));
    const rows = await tx.overseerAssignment.findMany({
      where: {
        tenantId: user.tenantId,
        OR: inScope,
        ...(input.user && isUuid(input.user) ? { userId: input.user } : {}),
        ...(input.status === "current" ? { AND: [{ OR: [{ validTo: null }, { validTo: { gte: today } }] }] } : {}),
      },
      select: assignmentSelect,
      orderBy: [{ branch: { name: "asc" } }, { validFrom: "desc" }],
      take: LIST_LIMIT + 1,
    });
    const overseers = await overseerOptions(tx, user.tenantId, paths);
    const branches = await tx.orgUnit.findMany({
      where: {
        tenantId: user.tenantId,
        kind: { in: [...BRANCH_UNIT_KINDS] },
        OR: [{ activeTo: null }, { activeTo: { gte: today } }],
        AND: [{ OR: paths.map((path) => ({ path: { startsWith: path } })) }],
      },
      select: { id: true, name: true, path: true, parent: { select: { name: true } } },
      orderBy: [{ name: "asc" }],
      take: LIST_LIMIT,
    });
    return {
      items: rows.slice(0, LIST_LIMIT).map((row) => toItem(row, today)),
      overseers,
      branches: branches
        .map((b) => ({ id: b.id, name: b.name, parentName: b.parent?.name ?? null, path: b.path }))
        .sort((a, b) => (a.parentName ?? "").localeCompare(b.parentName ?? "", "vi") || a.name.localeCompare(b.name, "vi")),
      truncated: rows.length > LIST_LIMIT,
    };
  });
}

// ─── Changing ───────────────────────────────────────────────────────────────────────────────────

const NOT_FOUND = words.notFound;

const auditTerm = (row: { committeeLevel: CommitteeLevel; validFrom: Date; validTo: Date | null }) => ({
  committeeLevel: row.committeeLevel,
  validFrom: isoDay(row.validFrom),
  validTo: row.validTo ? isoDay(row.validTo) : null,
});

function termText(term: { validFrom: Date; validTo: Date | null }): string {
  return term.validTo ? fill(words.fromTo, { from: formatCalendarDate(term.validFrom), to: formatCalendarDate(term.validTo) }) : fill(words.from, { from: formatCalendarDate(term.validFrom) });
}

/** Assignment changes of one person run one after another, so two overlapping terms cannot both pass the check. */
async function lockUser(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "User" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${userId}::uuid FOR UPDATE`;
}

/** A branch the admin manages (404 when they may not even read it, 403 when they may not manage it). */
async function managedBranch(tx: Tx, user: Principal, branchId: string) {
  const branch = await tx.orgUnit.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: branchId } },
    select: { id: true, name: true, path: true, kind: true, activeFrom: true, activeTo: true },
  });
  if (!branch || !authorize(user, "org.read", branch)) throw fieldError("branchId", words.branchNotFound);
  if (!authorize(user, "user.manage", branch)) throw new ForbiddenError(words.notManagedAssign);
  return branch;
}

/** The overseer: an enabled account of the tenant whose OVERSEER grant covers the branch. */
async function overseerFor(tx: Tx, tenantId: string, userId: string, branch: { name: string; path: string }, field: string) {
  const person = await tx.user.findUnique({
    where: { tenantId_id: { tenantId, id: userId } },
    select: { id: true, displayName: true, disabled: true, roleGrants: { where: { role: "OVERSEER" }, select: { orgUnit: { select: { path: true } } } } },
  });
  if (!person) throw fieldError(field, words.accountNotFound);
  if (person.disabled) throw fieldError(field, fill(words.disabled, { name: person.displayName }));
  if (!person.roleGrants.some((grant) => isInSubtree(branch.path, grant.orgUnit.path))) {
    throw fieldError(
      field,
      fill(words.noRole, { name: person.displayName, branch: branch.name }),
    );
  }
  return person;
}

async function assertNoOverlap(
  tx: Tx,
  tenantId: string,
  term: { userId: string; branchId: string; validFrom: Date; validTo: Date | null },
  names: { person: string; branch: string },
  exceptId?: string,
): Promise<void> {
  const others = await tx.overseerAssignment.findMany({
    where: { tenantId, userId: term.userId, branchId: term.branchId, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { validFrom: true, validTo: true },
  });
  const clash = others.find((other) => termsOverlap(other, term));
  if (clash) {
    throw new ConflictError(
      fill(words.clash, { name: names.person, branch: names.branch, term: termText(clash) }),
    );
  }
}

/** Assigns an overseer to follow a branch for a term. */
export async function createAssignment(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(createAssignmentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const branch = await managedBranch(tx, user, data.branchId);
    if (!BRANCH_UNIT_KINDS.includes(branch.kind)) {
      throw fieldError("branchId", words.branchesOnly);
    }
    if (branch.activeTo && branch.activeTo.getTime() < data.validFrom.getTime()) {
      throw fieldError("validFrom", fill(words.branchClosedAfter, { branch: branch.name, day: formatCalendarDate(branch.activeTo) }));
    }
    await lockUser(tx, user.tenantId, data.userId);
    const person = await overseerFor(tx, user.tenantId, data.userId, branch, "userId");
    const term = { userId: person.id, branchId: branch.id, validFrom: data.validFrom, validTo: data.validTo };
    await assertNoOverlap(tx, user.tenantId, term, { person: person.displayName, branch: branch.name });
    const row = await tx.overseerAssignment.create({
      data: { tenantId: user.tenantId, ...term, committeeLevel: data.committeeLevel, note: data.note, createdById: user.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.assignment.create",
      entityType: "OverseerAssignment",
      entityId: row.id,
      after: { userId: person.id, displayName: person.displayName, branchId: branch.id, branchName: branch.name, ...auditTerm({ ...term, committeeLevel: data.committeeLevel }), note: data.note },
      requestId: context.requestId,
    });
    return row;
  });
}

async function loadManagedAssignment(tx: Tx, user: Principal, id: string) {
  const row = await tx.overseerAssignment.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id } },
    select: {
      id: true,
      userId: true,
      branchId: true,
      committeeLevel: true,
      validFrom: true,
      validTo: true,
      note: true,
      endedAt: true,
      version: true,
      user: { select: { displayName: true } },
      branch: { select: { name: true, path: true } },
    },
  });
  if (!row || !authorize(user, "org.read", row.branch)) throw new NotFoundError(NOT_FOUND);
  if (!authorize(user, "user.manage", row.branch)) throw new ForbiddenError(words.notManagedEdit);
  return row;
}

/** The latest day a visit was recorded under the assignment: its term may not end before it. */
async function lastVisitDay(tx: Tx, tenantId: string, assignmentId: string): Promise<Date | null> {
  const rows = await tx.$queryRaw<{ day: Date | null }[]>`
    SELECT max((coalesce(m."actualStart", m."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS "day"
    FROM "OverseerVisit" v JOIN "Meeting" m ON m."tenantId" = v."tenantId" AND m."id" = v."meetingId"
    WHERE v."tenantId" = ${tenantId}::uuid AND v."assignmentId" = ${assignmentId}::uuid`;
  return rows[0]?.day ?? null;
}

/**
 * Changes the level or term from a day on: the current row ends the day before `changeFrom`, a new
 * row (replacesId) starts on it. Visits already recorded after that day keep the row they were
 * made under, so the change may not start before the last of them.
 */
export async function changeAssignment(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(changeAssignmentSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const current = await loadManagedAssignment(tx, user, data.id);
    await lockUser(tx, user.tenantId, current.userId);
    if (current.version !== data.version) throw new ConflictError(STALE);
    if (!termCovers(current, data.changeFrom) || data.changeFrom.getTime() === current.validFrom.getTime()) {
      throw fieldError(
        "changeFrom",
        fill(words.changeOutside, { term: termText(current) }),
      );
    }
    const last = await lastVisitDay(tx, user.tenantId, current.id);
    if (last && last.getTime() >= data.changeFrom.getTime()) {
      throw fieldError("changeFrom", fill(words.changeBeforeVisit, { day: formatCalendarDate(last) }));
    }
    const endOld = addDays(data.changeFrom, -1);
    const ended = await tx.overseerAssignment.updateMany({
      where: { tenantId: user.tenantId, id: current.id, version: data.version },
      data: { validTo: endOld, endedAt: now, endedById: user.id, endReason: data.reason, version: { increment: 1 } },
    });
    if (ended.count === 0) throw new ConflictError(STALE);
    const next = { userId: current.userId, branchId: current.branchId, validFrom: data.changeFrom, validTo: data.validTo };
    await assertNoOverlap(tx, user.tenantId, next, { person: current.user.displayName, branch: current.branch.name }, current.id);
    const row = await tx.overseerAssignment.create({
      data: { tenantId: user.tenantId, ...next, committeeLevel: data.committeeLevel, note: current.note, replacesId: current.id, createdById: user.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.assignment.change",
      entityType: "OverseerAssignment",
      entityId: current.id,
      before: auditTerm(current),
      after: { nextId: row.id, ended: auditTerm({ ...current, validTo: endOld }), next: auditTerm({ ...next, committeeLevel: data.committeeLevel }), reason: data.reason },
      requestId: context.requestId,
    });
    return row;
  });
}

/** Ends an assignment on a day (its last day of duty). */
export async function endAssignment(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string; version: number }> {
  const data = parseInput(endAssignmentSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const current = await loadManagedAssignment(tx, user, data.id);
    if (current.version !== data.version) throw new ConflictError(STALE);
    if (current.endedAt) throw new ValidationError(fill(words.ended, { term: termText(current) }));
    if (data.validTo.getTime() < current.validFrom.getTime()) {
      throw fieldError("validTo", fill(words.endBeforeAssignmentStart, { day: formatCalendarDate(current.validFrom) }));
    }
    if (current.validTo && data.validTo.getTime() > current.validTo.getTime()) {
      throw fieldError("validTo", fill(words.alreadyEnds, { day: formatCalendarDate(current.validTo) }));
    }
    const last = await lastVisitDay(tx, user.tenantId, current.id);
    if (last && last.getTime() > data.validTo.getTime()) {
      throw fieldError("validTo", fill(words.endBeforeVisit, { day: formatCalendarDate(last) }));
    }
    const updated = await tx.overseerAssignment.updateMany({
      where: { tenantId: user.tenantId, id: current.id, version: data.version },
      data: { validTo: data.validTo, endedAt: now, endedById: user.id, endReason: data.reason, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError(STALE);
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.assignment.end",
      entityType: "OverseerAssignment",
      entityId: current.id,
      before: auditTerm(current),
      after: { ...auditTerm({ ...current, validTo: data.validTo }), reason: data.reason },
      requestId: context.requestId,
    });
    return { id: current.id, version: current.version + 1 };
  });
}

// ─── Delegations ────────────────────────────────────────────────────────────────────────────────

/** The assigned overseer delegates a period of their duty on one branch; an administrator may too. */
export async function createDelegation(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(createDelegationSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const assignment = await tx.overseerAssignment.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: data.assignmentId } },
      select: { id: true, userId: true, validFrom: true, validTo: true, branch: { select: { id: true, name: true, path: true } } },
    });
    const own = assignment?.userId === user.id;
    if (!assignment || (!own && !authorize(user, "org.read", assignment.branch))) throw new NotFoundError(NOT_FOUND);
    if (!own && !authorize(user, "user.manage", assignment.branch)) {
      throw new ForbiddenError(words.delegateForbidden);
    }
    if (data.toUserId === assignment.userId) throw fieldError("toUserId", words.delegateSelf);
    if (!termCovers(assignment, data.validFrom) || !termCovers(assignment, data.validTo)) {
      throw fieldError("validTo", fill(words.delegationWithin, { term: termText(assignment) }));
    }
    if (Math.round((data.validTo.getTime() - data.validFrom.getTime()) / 86_400_000) + 1 > MAX_DELEGATION_DAYS) {
      throw fieldError("validTo", words.delegationYear);
    }
    const delegate = await overseerFor(tx, user.tenantId, data.toUserId, assignment.branch, "toUserId");
    const row = await tx.overseerDelegation.create({
      data: {
        tenantId: user.tenantId,
        assignmentId: assignment.id,
        toUserId: delegate.id,
        validFrom: data.validFrom,
        validTo: data.validTo,
        reason: data.reason,
        createdById: user.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.delegation.create",
      entityType: "OverseerAssignment",
      entityId: assignment.id,
      after: { delegationId: row.id, toUserId: delegate.id, displayName: delegate.displayName, branchName: assignment.branch.name, validFrom: isoDay(data.validFrom), validTo: isoDay(data.validTo), reason: data.reason },
      requestId: context.requestId,
    });
    return row;
  });
}

/** Withdraws a delegation; visits already recorded under it stay as they are. */
export async function revokeDelegation(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(revokeDelegationSchema, input);
  const now = context.now ?? new Date();
  return withTenant(user.tenantId, async (tx) => {
    const row = await tx.overseerDelegation.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: data.id } },
      select: { id: true, revokedAt: true, toUserId: true, assignment: { select: { id: true, userId: true, branch: { select: { path: true } } } } },
    });
    const own = row?.assignment.userId === user.id;
    if (!row || (!own && !authorize(user, "org.read", row.assignment.branch))) throw new NotFoundError(words.delegationNotFound);
    if (!own && !authorize(user, "user.manage", row.assignment.branch)) throw new ForbiddenError();
    if (row.revokedAt) throw new ValidationError(words.revoked);
    await tx.overseerDelegation.update({
      where: { tenantId_id: { tenantId: user.tenantId, id: row.id } },
      data: { revokedAt: now, revokedById: user.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.delegation.revoke",
      entityType: "OverseerAssignment",
      entityId: row.assignment.id,
      after: { delegationId: row.id, toUserId: row.toUserId },
      requestId: context.requestId,
    });
    return { id: row.id };
  });
}

/** Colleagues a follower may delegate a branch to: other enabled accounts whose OVERSEER grant covers it. */
export async function delegateOptions(tx: Tx, tenantId: string, branchPath: string, exceptUserId: string): Promise<{ id: string; displayName: string }[]> {
  const grants = await tx.roleGrant.findMany({
    where: { tenantId, role: "OVERSEER", user: { disabled: false }, userId: { not: exceptUserId } },
    select: { orgUnit: { select: { path: true } }, user: { select: { id: true, displayName: true } } },
  });
  const seen = new Map<string, string>();
  for (const grant of grants) if (isInSubtree(branchPath, grant.orgUnit.path)) seen.set(grant.user.id, grant.user.displayName);
  return [...seen].map(([id, displayName]) => ({ id, displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName, "vi"));
}
