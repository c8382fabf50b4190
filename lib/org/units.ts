// Managing the org tree (org.manage): create a unit, edit it, move a subtree, close a unit, merge
// one branch into another. Every change is one tenant transaction that re-checks the rules, writes
// an audit entry with before/after, and refuses a stale `version`. Structural changes of a tenant
// are serialised by an advisory lock, so two concurrent moves cannot build a cycle.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { OrgUnitCategory, OrgUnitKind } from "@/lib/generated/prisma/enums";
import { foldForSearch, formatCalendarDate } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import { hasCommitteeOn, type CommitteeOn } from "@/lib/org/committee";
import { childPath } from "@/lib/domain/org-path";
import {
  CHILD_KINDS,
  canHoldChild,
  isActiveOn,
  isBranchKind,
  isOpenOn,
  kindChangeProblem,
  parseCalendarDate,
  COMMITTEE_MIN_OFFICIALS,
} from "@/lib/org/unit-rules";
import { addDays, isoDay, todayInVietnam } from "@/lib/time/days";
import type { ServiceContext, JsonInput } from "@/lib/service-context";

const wording = messages.orgServer.units;
const shared = messages.orgServer.common;

/** Services parse their input themselves, so an API body (any JSON object) may be passed as is. */

const kindLabel = (kind: OrgUnitKind) => messages.orgKind[kind];

// ─── Input schemas (shared by the server actions and any API twin) ─────────────────────────────

/** People's and units' names: NFC (the database fold only strips precomposed accents), single spaces. */
export function normalizeName(value: string): string {
  return value.normalize("NFC").trim().replace(/\s+/g, " ");
}

const unitName = z
  .string({ error: wording.nameRequired })
  .transform(normalizeName)
  .pipe(z.string().min(3, wording.nameTooShort).max(200, wording.nameTooLong));

// Optional fields accept null too, so a parsed value parses again (the action parses, then the service).
const optionalCode = z
  .string()
  .nullish()
  .transform((value) => value?.normalize("NFC").trim() || null)
  .pipe(
    z
      .string()
      .max(40, wording.codeTooLong)
      .regex(/^[\p{L}\p{N}._\-/]+$/u, wording.codeFormat)
      .nullable(),
  );

const kind = z.enum(OrgUnitKind, { error: wording.kindRequired });

const optionalCategory = z
  .union([z.literal(""), z.enum(OrgUnitCategory, { error: wording.categoryInvalid })])
  .nullish()
  .transform((value) => value || null);

/** "yyyy-mm-dd" (what <input type="date"> sends) or a Date at UTC midnight. */
export function calendarDay(message: string) {
  return z.union([z.date(), z.string()], { error: message }).transform((value, ctx) => {
    const day = value instanceof Date ? parseCalendarDate(isoDay(value)) : parseCalendarDate(value);
    if (!day) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return day;
  });
}

/**
 * The unit's manual decision on its chi ủy (lib/org/committee.ts): "auto" (or null, or absent) follows
 * the rule of 9 official members; "yes"/"no" (or true/false in JSON) overrides it and needs a reason.
 */
const committeeChoice = z
  .union([z.boolean(), z.null(), z.enum(["auto", "yes", "no", ""])])
  .optional()
  .transform((value) => (value === true || value === "yes" ? true : value === false || value === "no" ? false : null));

const committeeReason = z
  .string()
  .nullish()
  .transform((value) => value?.normalize("NFC").trim() || null)
  .pipe(z.string().max(500, messages.orgAdmin.committee.reasonTooLong).nullable());

const version = z.coerce.number({ error: wording.versionMissing }).int().min(1);
const id = z.string({ error: wording.idMissing });

const closeReason = z
  .string({ error: wording.closeReasonRequired })
  .transform((value) => value.normalize("NFC").trim())
  .pipe(z.string().min(3, wording.closeReasonTooShort).max(500, wording.reasonTooLong));

export const createOrgUnitSchema = z.object({
  parentId: id,
  name: unitName,
  kind,
  category: optionalCategory,
  code: optionalCode,
  hasCommittee: committeeChoice,
  committeeReason,
  activeFrom: calendarDay(wording.activeFromInvalid),
});
export type CreateOrgUnitInput = z.input<typeof createOrgUnitSchema>;

export const updateOrgUnitSchema = z.object({
  id,
  version,
  name: unitName,
  kind,
  category: optionalCategory,
  code: optionalCode,
  hasCommittee: committeeChoice,
  committeeReason,
});
export type UpdateOrgUnitInput = z.input<typeof updateOrgUnitSchema>;

export const moveOrgUnitSchema = z.object({
  id,
  version,
  newParentId: z.string({ error: wording.newParentRequired }).min(1, wording.newParentRequired),
});
export type MoveOrgUnitInput = z.input<typeof moveOrgUnitSchema>;

export const closeOrgUnitSchema = z.object({
  id,
  version,
  activeTo: calendarDay(wording.activeToInvalid),
  closeReason,
});
export type CloseOrgUnitInput = z.input<typeof closeOrgUnitSchema>;

export const mergeBranchesSchema = z.object({
  sourceId: id,
  version,
  targetId: z.string({ error: wording.mergeTargetRequired }).min(1, wording.mergeTargetRequired),
  effectiveFrom: calendarDay(wording.mergeDayInvalid),
  closeReason: z
    .string()
    .nullish()
    .transform((value) => value?.normalize("NFC").trim() || null)
    .pipe(z.string().max(500, wording.reasonTooLong).nullable()),
});
export type MergeBranchesInput = z.input<typeof mergeBranchesSchema>;

const STALE = wording.stale;

// ─── Loading and authorizing ────────────────────────────────────────────────────────────────────

const unitSelect = {
  id: true,
  tenantId: true,
  parentId: true,
  name: true,
  code: true,
  kind: true,
  category: true,
  hasCommittee: true,
  committeeReason: true,
  path: true,
  depth: true,
  activeFrom: true,
  activeTo: true,
  closeReason: true,
  mergedIntoId: true,
  version: true,
} as const;

type UnitRow = Prisma.OrgUnitGetPayload<{ select: typeof unitSelect }>;

/** The audited view of a unit: plain JSON, calendar days as "yyyy-mm-dd". */
function snapshot(unit: UnitRow) {
  return {
    name: unit.name,
    code: unit.code,
    kind: unit.kind,
    category: unit.category,
    hasCommittee: unit.hasCommittee,
    committeeReason: unit.committeeReason,
    parentId: unit.parentId,
    path: unit.path,
    depth: unit.depth,
    activeFrom: isoDay(unit.activeFrom),
    activeTo: unit.activeTo ? isoDay(unit.activeTo) : null,
    closeReason: unit.closeReason,
    mergedIntoId: unit.mergedIntoId,
  };
}

/** Only the fields that differ, for before/after. */
function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

async function findUnit(tx: Tx, tenantId: string, unitId: string): Promise<UnitRow | null> {
  if (!isUuid(unitId)) return null;
  return tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId, id: unitId } }, select: unitSelect });
}

/**
 * The unit, if the actor may see it (else 404: another tenant's id, an id outside the subtree and a
 * missing id look the same) and manage it (else 403: they can see it, so saying so reveals nothing).
 */
async function loadManaged(tx: Tx, actor: Principal, unitId: string, manageOn: "self" | "parent" = "self"): Promise<UnitRow> {
  const unit = await findUnit(tx, actor.tenantId, unitId);
  if (!unit || !authorize(actor, "org.read", unit)) throw new NotFoundError(wording.notFound);
  const target = manageOn === "parent" && unit.parentId ? await findUnit(tx, actor.tenantId, unit.parentId) : unit;
  if (!target || !authorize(actor, "org.manage", target)) throw new ForbiddenError(wording.forbidden);
  return unit;
}

/** A unit picked in a form: anything the actor may not manage reads as "not found" on that field. */
async function loadPicked(tx: Tx, actor: Principal, unitId: string, field: string, message: string): Promise<UnitRow> {
  const unit = await findUnit(tx, actor.tenantId, unitId);
  if (!unit || !authorize(actor, "org.manage", unit)) throw fieldError(field, message);
  return unit;
}

/** Serialises structural changes within a tenant (moves, merges, closures, creations). */
async function lockStructure(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`org-structure:${tenantId}`}))`;
}

async function ensureCodeFree(tx: Tx, tenantId: string, code: string | null, exceptId?: string): Promise<void> {
  if (!code) return;
  const clash = await tx.orgUnit.findFirst({
    where: { tenantId, code: { equals: code, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  // Imports find branches by code, so a code must name one unit only.
  if (clash) throw fieldError("code", fill(wording.codeTaken, { code, unit: clash.name }));
}

function kindMisfitMessage(childKind: OrgUnitKind, parentKind: OrgUnitKind): string {
  const allowed = CHILD_KINDS[parentKind];
  return allowed.length === 0
    ? fill(wording.noChildren, { parent: kindLabel(parentKind) })
    : fill(wording.childKinds, { parent: kindLabel(parentKind), allowed: allowed.map(kindLabel).join(", "), child: kindLabel(childKind).toLowerCase() });
}

/**
 * The committee decision to store: none for a unit that is not a branch; otherwise the choice, and a
 * manual one ("has" / "has not") needs its reason whenever it is set or changed (one stored before
 * this rule existed is kept as it is until someone changes it).
 */
function committeeDecision(
  kind: OrgUnitKind,
  data: { hasCommittee: boolean | null; committeeReason: string | null },
  stored: { hasCommittee: boolean | null; committeeReason: string | null } | null,
): { hasCommittee: boolean | null; committeeReason: string | null } {
  if (!isBranchKind(kind) || data.hasCommittee === null) return { hasCommittee: null, committeeReason: null };
  const unchanged = stored !== null && stored.hasCommittee === data.hasCommittee && stored.committeeReason === data.committeeReason;
  if (!data.committeeReason && !unchanged) {
    throw fieldError("committeeReason", fill(messages.orgAdmin.committee.reasonRequired, { min: COMMITTEE_MIN_OFFICIALS }));
  }
  return { hasCommittee: data.hasCommittee, committeeReason: data.committeeReason };
}

// ─── Create ─────────────────────────────────────────────────────────────────────────────────────

/** Creates a unit under a parent the actor manages. Returns the new unit's id. */
export async function createOrgUnit(actor: Principal, input: CreateOrgUnitInput | JsonInput, options: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(createOrgUnitSchema, input);
  return withTenant(actor.tenantId, async (tx) => {
    await lockStructure(tx, actor.tenantId);
    const parent = await loadManaged(tx, actor, data.parentId);
    if (!canHoldChild(parent.kind, data.kind)) throw fieldError("kind", kindMisfitMessage(data.kind, parent.kind));
    if (data.activeFrom < parent.activeFrom) {
      throw fieldError("activeFrom", fill(wording.foundedBeforeParent, { parent: parent.name, day: formatCalendarDate(parent.activeFrom) }));
    }
    if (!isOpenOn(parent, data.activeFrom)) {
      throw fieldError("activeFrom", fill(wording.parentClosedAfter, { parent: parent.name, day: formatCalendarDate(parent.activeTo!) }));
    }
    await ensureCodeFree(tx, actor.tenantId, data.code);

    const newId = crypto.randomUUID();
    const created = await tx.orgUnit.create({
      data: {
        tenantId: actor.tenantId,
        id: newId,
        parentId: parent.id,
        name: data.name,
        code: data.code,
        kind: data.kind,
        category: data.category,
        ...committeeDecision(data.kind, data, null),
        path: childPath(parent.path, newId),
        depth: parent.depth + 1,
        activeFrom: data.activeFrom,
      },
      select: unitSelect,
    });
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "orgUnit.create",
      entityType: "OrgUnit",
      entityId: created.id,
      after: snapshot(created),
      requestId: options.requestId,
    });
    return { id: created.id };
  });
}

// ─── Edit ───────────────────────────────────────────────────────────────────────────────────────

async function hasMembers(tx: Tx, tenantId: string, unitId: string): Promise<boolean> {
  const [current, history] = await Promise.all([
    tx.member.count({ where: { tenantId, branchId: unitId }, take: 1 }),
    tx.branchMembership.count({ where: { tenantId, branchId: unitId }, take: 1 }),
  ]);
  return current + history > 0;
}

/** Renames a unit and sets its code, kind, category and committee flag. */
export async function updateOrgUnit(actor: Principal, input: UpdateOrgUnitInput | JsonInput, options: ServiceContext = {}): Promise<void> {
  const data = parseInput(updateOrgUnitSchema, input);
  await withTenant(actor.tenantId, async (tx) => {
    await lockStructure(tx, actor.tenantId);
    const unit = await loadManaged(tx, actor, data.id);
    if (unit.version !== data.version) throw new ConflictError(STALE);

    if (data.kind !== unit.kind) {
      const [parent, children, members] = await Promise.all([
        unit.parentId ? findUnit(tx, actor.tenantId, unit.parentId) : null,
        tx.orgUnit.findMany({ where: { tenantId: actor.tenantId, parentId: unit.id }, select: { kind: true } }),
        hasMembers(tx, actor.tenantId, unit.id),
      ]);
      const problem = kindChangeProblem(data.kind, {
        parentKind: parent?.kind ?? null,
        childKinds: children.map((child) => child.kind),
        hasMembers: members,
      });
      if (problem?.code === "parent") throw fieldError("kind", kindMisfitMessage(data.kind, problem.parentKind));
      if (problem?.code === "children") {
        throw fieldError(
          "kind",
          fill(wording.kindHasChildren, { kind: kindLabel(data.kind).toLowerCase(), children: problem.childKinds.map((k) => kindLabel(k).toLowerCase()).join(", ") }),
        );
      }
      if (problem?.code === "members") {
        throw fieldError("kind", wording.keepsBranchKind);
      }
    }
    await ensureCodeFree(tx, actor.tenantId, data.code, unit.id);

    const next = {
      name: data.name,
      code: data.code,
      kind: data.kind,
      category: data.category,
      ...committeeDecision(data.kind, data, unit),
    };
    const diff = changedFields(
      { name: unit.name, code: unit.code, kind: unit.kind, category: unit.category, hasCommittee: unit.hasCommittee, committeeReason: unit.committeeReason },
      next,
    );
    if (Object.keys(diff.after).length === 0) return;
    const { count } = await tx.orgUnit.updateMany({
      where: { tenantId: actor.tenantId, id: unit.id, version: data.version },
      data: { ...next, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "orgUnit.update",
      entityType: "OrgUnit",
      entityId: unit.id,
      before: diff.before,
      after: diff.after,
      requestId: options.requestId,
    });
  });
}

// ─── Move ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Moves a unit with its whole subtree under a new parent: the paths and depths of every unit of the
 * subtree are rewritten by one UPDATE on the path prefix. Grants follow automatically (they name
 * units by id and read the path at request time).
 */
export async function moveOrgUnit(actor: Principal, input: MoveOrgUnitInput | JsonInput, options: ServiceContext = {}): Promise<{ movedUnits: number }> {
  const data = parseInput(moveOrgUnitSchema, input);
  return withTenant(actor.tenantId, async (tx) => {
    await lockStructure(tx, actor.tenantId);
    const unit = await loadManaged(tx, actor, data.id, "parent");
    if (!unit.parentId) throw new ValidationError(wording.moveRoot);
    if (unit.version !== data.version) throw new ConflictError(STALE);
    const today = todayInVietnam();
    if (!isOpenOn(unit, today)) throw new ValidationError(wording.moveClosed);

    const target = await loadPicked(tx, actor, data.newParentId, "newParentId", wording.parentNotFound);
    if (target.path.startsWith(unit.path)) {
      throw fieldError("newParentId", wording.moveInside);
    }
    if (target.id === unit.parentId) throw fieldError("newParentId", fill(wording.alreadyUnder, { unit: unit.name, parent: target.name }));
    if (!isOpenOn(target, today)) throw fieldError("newParentId", fill(wording.targetClosed, { unit: target.name }));
    if (!canHoldChild(target.kind, unit.kind)) throw fieldError("newParentId", kindMisfitMessage(unit.kind, target.kind));

    const { count } = await tx.orgUnit.updateMany({
      where: { tenantId: actor.tenantId, id: unit.id, version: data.version },
      data: { parentId: target.id, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);

    const newPath = childPath(target.path, unit.id);
    const depthDelta = target.depth + 1 - unit.depth;
    // Paths are uuids and slashes only, so the prefix needs no LIKE escaping; the prefix index serves it.
    const movedUnits = await tx.$executeRaw`
      UPDATE "OrgUnit"
      SET "path" = ${newPath} || substr("path", ${unit.path.length + 1}),
          "depth" = "depth" + ${depthDelta}::int,
          "updatedAt" = now()
      WHERE "tenantId" = ${actor.tenantId}::uuid AND "path" LIKE ${`${unit.path}%`}`;

    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "orgUnit.move",
      entityType: "OrgUnit",
      entityId: unit.id,
      before: { parentId: unit.parentId, path: unit.path, depth: unit.depth },
      after: { parentId: target.id, path: newPath, depth: target.depth + 1, movedUnits },
      requestId: options.requestId,
    });
    return { movedUnits };
  });
}

// ─── Close ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Closes a unit at a date (its last active day). Refused while members still belong to its subtree
 * after that day or while units under it are still active: they must be moved or closed first.
 * Positions held in the unit end on that day too.
 */
export async function closeOrgUnit(actor: Principal, input: CloseOrgUnitInput | JsonInput, options: ServiceContext = {}): Promise<void> {
  const data = parseInput(closeOrgUnitSchema, input);
  await withTenant(actor.tenantId, async (tx) => {
    await lockStructure(tx, actor.tenantId);
    const unit = await loadManaged(tx, actor, data.id, "parent");
    if (!unit.parentId) throw new ValidationError(wording.closeRoot);
    if (unit.version !== data.version) throw new ConflictError(STALE);
    if (unit.activeTo) {
      throw new ValidationError(fill(wording.closedAfter, { day: formatCalendarDate(unit.activeTo) }));
    }
    const day = data.activeTo;
    if (day < unit.activeFrom) {
      throw fieldError("activeTo", fill(wording.closeBeforeFounded, { day: formatCalendarDate(unit.activeFrom) }));
    }

    const [activeChildren, memberships, currentMembers, laterPositions] = await Promise.all([
      tx.orgUnit.count({
        where: {
          tenantId: actor.tenantId,
          path: { startsWith: unit.path },
          id: { not: unit.id },
          OR: [{ activeTo: null }, { activeTo: { gt: day } }],
        },
      }),
      tx.branchMembership.findMany({
        where: {
          tenantId: actor.tenantId,
          branch: { path: { startsWith: unit.path } },
          OR: [{ validTo: null }, { validTo: { gt: day } }],
        },
        select: { memberId: true },
        distinct: ["memberId"],
      }),
      tx.member.count({
        where: {
          tenantId: actor.tenantId,
          branch: { path: { startsWith: unit.path } },
          OR: [{ endedOn: null }, { endedOn: { gt: day } }],
        },
      }),
      tx.position.count({ where: { tenantId: actor.tenantId, orgUnitId: unit.id, termFrom: { gt: day } } }),
    ]);
    const problems: string[] = [];
    const members = Math.max(memberships.length, currentMembers);
    if (members > 0) {
      problems.push(
        fill(wording.membersRemain, { count: members, day: formatCalendarDate(day) }),
      );
    }
    if (activeChildren > 0) {
      problems.push(fill(wording.childrenRemain, { count: activeChildren }));
    }
    if (laterPositions > 0) {
      problems.push(fill(wording.laterPositions, { count: laterPositions, day: formatCalendarDate(day) }));
    }
    if (problems.length > 0) throw new ValidationError(problems.join(" "));

    const endedPositions = await tx.position.updateMany({
      where: { tenantId: actor.tenantId, orgUnitId: unit.id, OR: [{ termTo: null }, { termTo: { gt: day } }] },
      data: { termTo: day },
    });
    const { count } = await tx.orgUnit.updateMany({
      where: { tenantId: actor.tenantId, id: unit.id, version: data.version },
      data: { activeTo: day, closeReason: data.closeReason, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "orgUnit.close",
      entityType: "OrgUnit",
      entityId: unit.id,
      before: { activeTo: null, closeReason: unit.closeReason },
      after: { activeTo: isoDay(day), closeReason: data.closeReason, endedPositions: endedPositions.count },
      requestId: options.requestId,
    });
  });
}

// ─── Merge ──────────────────────────────────────────────────────────────────────────────────────

export interface MergeResult {
  movedMembers: number;
  endedPositions: number;
  movedTemporaryTransfers: number;
  movedResidenceLinks: number;
}

/**
 * Issue 4 plugs in here: meetings of the source planned on or after `effectiveFrom` move to the
 * target (or are cancelled). Until meetings exist there is nothing to move.
 */
export async function moveFutureMeetingsOnMerge(
  _tx: Tx,
  _merge: { tenantId: string; sourceId: string; targetId: string; effectiveFrom: Date },
): Promise<number> {
  return 0;
}

/**
 * Merges branch `source` into branch `target` from `effectiveFrom`: every membership of the source
 * still running on that day ends the day before and continues in the target (history kept, so the
 * roster of any earlier day is unchanged), positions in the source end the day before, attachments
 * hosted by the source and residence links to it follow the target, and the source is closed the
 * day before with `mergedIntoId` = target.
 */
export async function mergeBranches(actor: Principal, input: MergeBranchesInput | JsonInput, options: ServiceContext = {}): Promise<MergeResult> {
  const data = parseInput(mergeBranchesSchema, input);
  return withTenant(actor.tenantId, async (tx) => {
    await lockStructure(tx, actor.tenantId);
    const source = await loadManaged(tx, actor, data.sourceId, "parent");
    if (!authorize(actor, "member.manage", source)) throw new ForbiddenError(wording.transferForbidden);
    if (source.version !== data.version) throw new ConflictError(STALE);
    if (!isBranchKind(source.kind)) throw new ValidationError(wording.mergeBranchesOnly);
    if (source.activeTo) throw new ValidationError(fill(wording.branchClosedAfter, { day: formatCalendarDate(source.activeTo) }));

    const target = await loadPicked(tx, actor, data.targetId, "targetId", shared.branchNotInScope);
    if (!authorize(actor, "member.manage", target)) throw fieldError("targetId", shared.branchNotInScope);
    if (target.id === source.id) throw fieldError("targetId", wording.mergeSelf);
    if (!isBranchKind(target.kind)) throw fieldError("targetId", fill(wording.notBranch, { unit: target.name }));

    const from = data.effectiveFrom;
    const lastDay = addDays(from, -1);
    if (lastDay < source.activeFrom) {
      throw fieldError("effectiveFrom", fill(wording.mergeBeforeFounded, { day: formatCalendarDate(source.activeFrom) }));
    }
    if (!isActiveOn(target, from) || target.activeTo) {
      throw fieldError("effectiveFrom", fill(wording.targetOpenFrom, { unit: target.name, day: formatCalendarDate(from) }));
    }

    const [activeGroups, lateMemberships, latePositions] = await Promise.all([
      tx.orgUnit.count({
        where: { tenantId: actor.tenantId, parentId: source.id, OR: [{ activeTo: null }, { activeTo: { gte: from } }] },
      }),
      tx.branchMembership.count({ where: { tenantId: actor.tenantId, branchId: source.id, validFrom: { gte: from } } }),
      tx.position.count({ where: { tenantId: actor.tenantId, orgUnitId: source.id, termFrom: { gte: from } } }),
    ]);
    const problems: string[] = [];
    if (activeGroups > 0) problems.push(fill(wording.groupsRemain, { count: activeGroups }));
    if (lateMemberships > 0) {
      problems.push(fill(wording.lateMemberships, { count: lateMemberships, day: formatCalendarDate(from) }));
    }
    if (latePositions > 0) {
      problems.push(fill(wording.latePositions, { count: latePositions, day: formatCalendarDate(from) }));
    }
    if (problems.length > 0) throw new ValidationError(problems.join(" "));

    const mergeReason = data.closeReason ?? fill(wording.mergeReason, { unit: target.name, day: formatCalendarDate(from) });
    const { count } = await tx.orgUnit.updateMany({
      where: { tenantId: actor.tenantId, id: source.id, version: data.version },
      data: { activeTo: lastDay, mergedIntoId: target.id, closeReason: mergeReason, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);

    // Memberships running on the effective day: cut the day before, continue in the target.
    const running = await tx.$queryRaw<{ id: string; memberId: string; validTo: Date | null }[]>`
      SELECT "id", "memberId", "validTo" FROM "BranchMembership"
      WHERE "tenantId" = ${actor.tenantId}::uuid AND "branchId" = ${source.id}::uuid
        AND "validFrom" < ${from} AND ("validTo" IS NULL OR "validTo" >= ${from})
      FOR UPDATE`;
    if (running.length > 0) {
      await tx.branchMembership.updateMany({
        where: { tenantId: actor.tenantId, id: { in: running.map((row) => row.id) } },
        data: { validTo: lastDay },
      });
      await tx.branchMembership.createMany({
        data: running.map((row) => ({
          tenantId: actor.tenantId,
          memberId: row.memberId,
          branchId: target.id,
          validFrom: from,
          validTo: row.validTo,
          note: fill(wording.mergeNote, { unit: source.name }),
        })),
      });
    }
    const movedIds = [...new Set(running.map((row) => row.memberId))];
    if (movedIds.length > 0) {
      await tx.member.updateMany({
        where: { tenantId: actor.tenantId, id: { in: movedIds }, branchId: source.id },
        data: { branchId: target.id, version: { increment: 1 } },
      });
    }

    const endedPositions = await tx.position.updateMany({
      where: { tenantId: actor.tenantId, orgUnitId: source.id, OR: [{ termTo: null }, { termTo: { gte: from } }] },
      data: { termTo: lastDay },
    });

    // Attachments hosted by the source: those not yet started move whole; running ones are split.
    const laterHosted = await tx.temporaryTransfer.updateMany({
      where: { tenantId: actor.tenantId, hostBranchId: source.id, fromDate: { gte: from } },
      data: { hostBranchId: target.id },
    });
    const runningHosted = await tx.temporaryTransfer.findMany({
      where: { tenantId: actor.tenantId, hostBranchId: source.id, fromDate: { lt: from }, OR: [{ toDate: null }, { toDate: { gte: from } }] },
      select: { id: true, memberId: true, toDate: true, reason: true, hostName: true },
    });
    if (runningHosted.length > 0) {
      await tx.temporaryTransfer.updateMany({
        where: { tenantId: actor.tenantId, id: { in: runningHosted.map((row) => row.id) } },
        data: { toDate: lastDay },
      });
      await tx.temporaryTransfer.createMany({
        data: runningHosted.map((row) => ({
          tenantId: actor.tenantId,
          memberId: row.memberId,
          hostBranchId: target.id,
          hostName: row.hostName,
          fromDate: from,
          toDate: row.toDate,
          reason: row.reason,
        })),
      });
    }
    // Residence contact (QĐ 213) continues with the branch that absorbed the residence branch.
    const movedResidenceLinks = await tx.residenceLink.updateMany({
      where: { tenantId: actor.tenantId, residenceBranchId: source.id, OR: [{ toDate: null }, { toDate: { gte: from } }] },
      data: { residenceBranchId: target.id, version: { increment: 1 } },
    });

    await moveFutureMeetingsOnMerge(tx, { tenantId: actor.tenantId, sourceId: source.id, targetId: target.id, effectiveFrom: from });

    const result: MergeResult = {
      movedMembers: movedIds.length,
      endedPositions: endedPositions.count,
      movedTemporaryTransfers: laterHosted.count + runningHosted.length,
      movedResidenceLinks: movedResidenceLinks.count,
    };
    const common = { tenantId: actor.tenantId, actorUserId: actor.id, requestId: options.requestId ?? null };
    await recordAudit(tx, {
      ...common,
      action: "orgUnit.merge",
      entityType: "OrgUnit",
      entityId: source.id,
      before: { activeTo: null, mergedIntoId: null, closeReason: source.closeReason },
      after: {
        activeTo: isoDay(lastDay),
        mergedIntoId: target.id,
        closeReason: mergeReason,
        effectiveFrom: isoDay(from),
        ...result,
      },
    });
    await recordAudit(tx, {
      ...common,
      action: "orgUnit.mergeIn",
      entityType: "OrgUnit",
      entityId: target.id,
      after: { sourceId: source.id, effectiveFrom: isoDay(from), movedMembers: result.movedMembers },
    });
    // One entry per member, so each member's own history shows the transfer.
    if (movedIds.length > 0) {
      await tx.auditEntry.createMany({
        data: movedIds.map((memberId) => ({
          ...common,
          action: "member.transfer",
          entityType: "Member",
          entityId: memberId,
          before: { branchId: source.id },
          after: { branchId: target.id, effectiveFrom: isoDay(from), reason: "merge" },
        })),
      });
    }
    return result;
  });
}

// ─── Reads for the management pages ─────────────────────────────────────────────────────────────

export interface OrgUnitForEdit {
  id: string;
  name: string;
  code: string | null;
  kind: OrgUnitKind;
  category: OrgUnitCategory | null;
  /** The manual decision (null: follow the rule) and its reason. */
  hasCommittee: boolean | null;
  committeeReason: string | null;
  /** The answer today, and where it comes from (lib/org/committee.ts); null for a unit that is not a branch. */
  committeeToday: CommitteeOn | null;
  activeFrom: string;
  activeTo: string | null;
  version: number;
  isRoot: boolean;
  isBranch: boolean;
  parent: { id: string; name: string; kind: OrgUnitKind } | null;
  /** Kinds the unit may take given its parent, children and members. */
  allowedKinds: OrgUnitKind[];
  /** Kinds a new child may take. */
  childKinds: OrgUnitKind[];
  /** Sibling branches (same parent, open): the usual merge targets. */
  siblingBranches: UnitOption[];
  /** What the actor may do here. */
  can: { edit: boolean; addChild: boolean; move: boolean; close: boolean; merge: boolean; audit: boolean };
}

/**
 * One unit for the management forms, or null when the actor may not read it (404). `can` tells
 * which actions the actor may take; each service checks again.
 */
export async function getOrgUnitForEdit(actor: Principal, unitId: string): Promise<OrgUnitForEdit | null> {
  return withTenant(actor.tenantId, async (tx) => {
    const unit = await findUnit(tx, actor.tenantId, unitId);
    if (!unit || !authorize(actor, "org.read", unit)) return null;
    const [parent, children, members, siblings] = await Promise.all([
      unit.parentId ? findUnit(tx, actor.tenantId, unit.parentId) : null,
      tx.orgUnit.findMany({ where: { tenantId: actor.tenantId, parentId: unit.id }, select: { kind: true } }),
      hasMembers(tx, actor.tenantId, unit.id),
      unit.parentId && isBranchKind(unit.kind)
        ? tx.orgUnit.findMany({
            where: {
              tenantId: actor.tenantId,
              parentId: unit.parentId,
              id: { not: unit.id },
              kind: { in: ["GRASSROOTS_BRANCH", "BRANCH"] },
              activeTo: null,
            },
            select: { id: true, name: true, kind: true, path: true },
            orderBy: { name: "asc" },
            take: 200,
          })
        : [],
    ]);
    const context = { parentKind: parent?.kind ?? null, childKinds: children.map((c) => c.kind), hasMembers: members };
    const allowedKinds = Object.values(OrgUnitKind).filter((k) => k === unit.kind || kindChangeProblem(k, context) === null);
    const open = unit.activeTo === null;
    const manage = authorize(actor, "org.manage", unit);
    const manageInParent = parent !== null && authorize(actor, "org.manage", parent);
    return {
      id: unit.id,
      name: unit.name,
      code: unit.code,
      kind: unit.kind,
      category: unit.category,
      hasCommittee: unit.hasCommittee,
      committeeReason: unit.committeeReason,
      committeeToday: isBranchKind(unit.kind) ? await hasCommitteeOn(tx, actor.tenantId, unit.id, todayInVietnam()) : null,
      activeFrom: isoDay(unit.activeFrom),
      activeTo: unit.activeTo ? isoDay(unit.activeTo) : null,
      version: unit.version,
      isRoot: unit.parentId === null,
      isBranch: isBranchKind(unit.kind),
      parent: parent ? { id: parent.id, name: parent.name, kind: parent.kind } : null,
      allowedKinds,
      childKinds: [...CHILD_KINDS[unit.kind]],
      siblingBranches: siblings
        .filter((s) => authorize(actor, "org.manage", s))
        .map((s) => ({ id: s.id, name: s.name, kind: s.kind, parentName: parent?.name ?? null })),
      can: {
        edit: manage,
        addChild: manage && open && CHILD_KINDS[unit.kind].length > 0,
        move: manageInParent && open,
        close: manageInParent && open,
        merge: manageInParent && open && isBranchKind(unit.kind) && authorize(actor, "member.manage", unit),
        audit: authorize(actor, "audit.read", unit),
      },
    };
  });
}

export type UnitPickerPurpose = "moveTarget" | "mergeTarget" | "grant";

export interface UnitOption {
  id: string;
  name: string;
  kind: OrgUnitKind;
  /** The parent's name, to tell apart units with the same name. */
  parentName: string | null;
}

export const unitSearchSchema = z.object({
  q: z.string().max(100).default(""),
  purpose: z.enum(["moveTarget", "mergeTarget", "grant"]),
  /** The unit being moved or merged (excluded, with its subtree for a move). */
  unitId: z.string().optional(),
});

const PICKER_LIMIT = 30;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Open units the actor manages that fit the purpose, matched on the accent-insensitive name:
 * new parents for a move (kinds that can hold the unit, outside its subtree), branches for a merge,
 * any unit for a role grant (user.manage).
 */
export async function searchUnitsForPicker(actor: Principal, input: z.input<typeof unitSearchSchema>): Promise<UnitOption[]> {
  const data = unitSearchSchema.parse(input);
  const permission = data.purpose === "grant" ? "user.manage" : "org.manage";
  const roots = scopeRoots(actor, permission);
  if (roots.length === 0) return [];
  const needle = foldForSearch(data.q);
  return withTenant(actor.tenantId, async (tx) => {
    let kinds: OrgUnitKind[] | null = null;
    let excludePath: string | null = null;
    let excludeId: string | null = null;
    if (data.purpose !== "grant") {
      const unit = data.unitId ? await findUnit(tx, actor.tenantId, data.unitId) : null;
      if (!unit || !authorize(actor, "org.read", unit)) return [];
      if (data.purpose === "moveTarget") {
        kinds = Object.values(OrgUnitKind).filter((k) => canHoldChild(k, unit.kind));
        excludePath = unit.path;
        excludeId = unit.parentId;
      } else {
        kinds = ["GRASSROOTS_BRANCH", "BRANCH"];
        excludePath = unit.path;
      }
    }
    const scope = Prisma.join(roots.map((root) => Prisma.sql`u."path" LIKE ${`${root.path}%`}`), " OR ");
    const rows = await tx.$queryRaw<UnitOption[]>`
      SELECT u."id", u."name", u."kind"::text AS "kind", p."name" AS "parentName"
      FROM "OrgUnit" u
      LEFT JOIN "OrgUnit" p ON p."tenantId" = u."tenantId" AND p."id" = u."parentId"
      WHERE u."tenantId" = ${actor.tenantId}::uuid
        AND (${scope})
        AND u."activeTo" IS NULL
        ${kinds ? Prisma.sql`AND u."kind"::text = ANY(${kinds}::text[])` : Prisma.empty}
        ${excludePath ? Prisma.sql`AND u."path" NOT LIKE ${`${excludePath}%`}` : Prisma.empty}
        ${excludeId ? Prisma.sql`AND u."id" <> ${excludeId}::uuid` : Prisma.empty}
        ${needle ? Prisma.sql`AND app_fold(u."name") LIKE ${`%${escapeLike(needle)}%`}` : Prisma.empty}
      ORDER BY u."depth", u."name"
      LIMIT ${PICKER_LIMIT}`;
    return rows;
  });
}
