// Who may touch which member, decided inside the tenant transaction that does the work. A member
// is read and managed through their current branch: member.read / member.manage on that branch's
// subtree. An id the user may not read (malformed, another tenant's, outside their subtrees) is a
// 404 exactly like an id that never existed; a member the user may read but not manage (a RECORDER
// of the branch) is a 403.
import { authorize, scopeRoots, type Permission, type Principal } from "@/lib/auth/permissions";
import { isUuid, type Tx } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { OrgUnitKind } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoDay } from "@/lib/time/days";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";

const wording = messages.orgServer.access;
const shared = messages.orgServer.common;

/** Units that hold meetings ("branch" in the glossary): the only homes a member can have. */

export const MEMBER_NOT_FOUND = wording.memberNotFound;
export const BRANCH_NOT_FOUND = shared.branchNotInScopeChosen;

/** The member row as the write services need it (locked for the transaction). */
export interface LockedMember {
  id: string;
  fullName: string;
  branchId: string;
  status: "OFFICIAL" | "PROBATIONARY";
  admittedOn: Date;
  officialOn: Date | null;
  endedOn: Date | null;
  version: number;
  branch: { id: string; name: string; path: string };
}

/**
 * Loads a member for a change: 404 unless the user may read them, 403 unless they may also manage
 * them. The row is locked (FOR UPDATE) so that concurrent changes of one member run one after the
 * other and their overlap and version checks see each other's work.
 */
export async function lockMemberForWrite(tx: Tx, user: Principal, memberId: string): Promise<LockedMember> {
  if (!isUuid(memberId)) throw new NotFoundError(MEMBER_NOT_FOUND);
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Member" WHERE "tenantId" = ${user.tenantId}::uuid AND "id" = ${memberId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError(MEMBER_NOT_FOUND);
  const member = await tx.member.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: memberId } },
    select: {
      id: true,
      fullName: true,
      branchId: true,
      status: true,
      admittedOn: true,
      officialOn: true,
      endedOn: true,
      version: true,
      branch: { select: { id: true, name: true, path: true } },
    },
  });
  if (!member || !authorize(user, "member.read", member.branch)) throw new NotFoundError(MEMBER_NOT_FOUND);
  if (!authorize(user, "member.manage", member.branch)) throw new ForbiddenError();
  return member;
}

/** Lifecycle changes are refused once a member has left the roll (their history stays readable). */
export function assertOnRoll(member: { endedOn: Date | null }): void {
  if (member.endedOn) {
    throw new ValidationError(
      fill(wording.memberLeft, { day: formatDay(member.endedOn) }),
    );
  }
}

export interface ManagedBranch {
  id: string;
  name: string;
  kind: OrgUnitKind;
  path: string;
  activeFrom: Date;
  activeTo: Date | null;
}

/**
 * A branch the user manages members of, for a transfer, a new member or a host branch. 404 when it
 * is not in the tenant or not in the user's member.manage subtrees; a field error when it is not a
 * branch or is closed on `day`.
 */
export async function loadManagedBranch(
  tx: Tx,
  user: Principal,
  branchId: string,
  options: { field: string; day: Date; permission?: Permission },
): Promise<ManagedBranch> {
  const unit = isUuid(branchId)
    ? await tx.orgUnit.findUnique({
        where: { tenantId_id: { tenantId: user.tenantId, id: branchId } },
        select: { id: true, name: true, kind: true, path: true, activeFrom: true, activeTo: true },
      })
    : null;
  if (!unit || !authorize(user, options.permission ?? "member.manage", unit)) throw new NotFoundError(BRANCH_NOT_FOUND);
  const refuse = (message: string) => new ValidationError(message, { [options.field]: [message] });
  if (!BRANCH_UNIT_KINDS.includes(unit.kind)) {
    throw refuse(fill(wording.notBranch, { unit: unit.name }));
  }
  if (unit.activeTo && unit.activeTo.getTime() < options.day.getTime()) {
    throw refuse(fill(wording.closedAfter, { unit: unit.name, day: formatDay(unit.activeTo) }));
  }
  if (unit.activeFrom.getTime() > options.day.getTime()) {
    throw refuse(fill(wording.opensOn, { unit: unit.name, day: formatDay(unit.activeFrom) }));
  }
  return unit;
}

/** The user's subtree roots for a permission as SQL: the path starts with a root's (none → FALSE). */
export function scopeCondition(user: Principal, permission: Permission, alias: string): Prisma.Sql {
  const roots = scopeRoots(user, permission);
  if (roots.length === 0) return Prisma.sql`FALSE`;
  const column = Prisma.raw(`${alias}."path"`);
  return Prisma.join(
    // starts_with, not LIKE: it is leakproof, so under RLS the path prefix index can serve it.
    roots.map((root) => Prisma.sql`starts_with(${column}, ${root.path})`),
    " OR ",
    "(",
    ")",
  );
}

/** Escapes LIKE wildcards so that user text matches literally (backslash is Postgres's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** dd/mm/yyyy for messages built in services. */
export function formatDay(day: Date): string {
  const [year, month, date] = isoDay(day).split("-");
  return `${date}/${month}/${year}`;
}

/** The SQLSTATE and constraint of a database error raised through Prisma's pg adapter, if any. */
export function databaseViolation(error: unknown): { code: string; message: string } | null {
  if (typeof error !== "object" || error === null) return null;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } }).meta;
  const cause = meta?.driverAdapterError?.cause;
  if (typeof cause?.originalCode !== "string") return null;
  return { code: cause.originalCode, message: typeof cause.originalMessage === "string" ? cause.originalMessage : "" };
}

/** Whether the error is a violation (SQLSTATE 23xxx) of the named constraint. */
export function violates(error: unknown, constraint: string): boolean {
  const violation = databaseViolation(error);
  return violation !== null && violation.code.startsWith("23") && violation.message.includes(`"${constraint}"`);
}
