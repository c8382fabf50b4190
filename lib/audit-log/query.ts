// Reading the audit trail (audit.read). Two views:
//  - one record's history (`/audit?entityType=…&entityId=…`): allowed when the reader has
//    audit.read on the org unit the record belongs to — a Member's branch, an OrgUnit itself, a
//    User's anchors (the units of their grants and their member's branch; all of them, as for
//    account management; an account without anchors belongs to the tenant's root);
//  - the tenant's recent changes (`/audit`): audit.read on the tenant's root unit, since entries
//    of every kind of record are listed.
// Both are newest first and paged by keyset on (at, id), which the (tenantId, at) index serves.
import { z } from "zod";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { diffFields, referencedIds, type FieldChange } from "@/lib/audit/diff";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseCalendarDate } from "@/lib/org/unit-rules";
import { vietnamMidnight } from "@/lib/time/days";

export const AUDIT_PAGE_SIZE = 50;

/** Entity types whose history can be opened, and where each one's page lives. */
export const AUDITED_ENTITY_TYPES = ["OrgUnit", "Member", "User"] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];

export interface AuditEntryView {
  id: string;
  at: Date;
  /** Null when the system acted (seed, CLI). */
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: FieldChange[];
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass back as `cursor` for the next (older) page. */
  nextCursor: string | null;
  /** Names of the records the changes refer to, by id. */
  names: Record<string, string>;
}

export interface AuditSubject {
  entityType: AuditedEntityType;
  entityId: string;
  label: string;
  href: string;
}

function encodeCursor(entry: { at: Date; id: string }): string {
  return `${entry.at.toISOString()}~${entry.id}`;
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = cursor.split("~");
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime()) || !isUuid(id)) return null;
  return { at, id };
}

async function pageOf(tx: Tx, tenantId: string, where: Prisma.AuditEntryWhereInput, cursor: string | undefined): Promise<AuditPage> {
  const after = decodeCursor(cursor);
  const rows = await tx.auditEntry.findMany({
    where: {
      ...where,
      tenantId,
      ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
    },
    select: { id: true, at: true, actorUserId: true, action: true, entityType: true, entityId: true, before: true, after: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
  });
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);
  const entries = shown.map((row) => ({ ...row, changes: diffFields(row.before, row.after) }));

  const refs = referencedIds(entries.flatMap((entry) => entry.changes));
  for (const row of shown) {
    if (row.actorUserId) refs.User.add(row.actorUserId);
    // The subject's own name, for lists that mix records.
    if ((AUDITED_ENTITY_TYPES as readonly string[]).includes(row.entityType) && isUuid(row.entityId)) {
      refs[row.entityType as AuditedEntityType].add(row.entityId);
    }
  }
  const [units, members, users] = await Promise.all([
    refs.OrgUnit.size ? tx.orgUnit.findMany({ where: { tenantId, id: { in: [...refs.OrgUnit] } }, select: { id: true, name: true } }) : [],
    refs.Member.size ? tx.member.findMany({ where: { tenantId, id: { in: [...refs.Member] } }, select: { id: true, fullName: true } }) : [],
    refs.User.size ? tx.user.findMany({ where: { tenantId, id: { in: [...refs.User] } }, select: { id: true, displayName: true } }) : [],
  ]);
  const names: Record<string, string> = {};
  for (const unit of units) names[unit.id] = unit.name;
  for (const member of members) names[member.id] = member.fullName;
  for (const user of users) names[user.id] = user.displayName;

  return {
    entries: entries.map((entry) => ({
      id: entry.id,
      at: entry.at,
      actorName: entry.actorUserId ? (names[entry.actorUserId] ?? null) : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      changes: entry.changes,
    })),
    nextCursor: rows.length > AUDIT_PAGE_SIZE ? encodeCursor(shown.at(-1)!) : null,
    names,
  };
}

async function tenantRoot(tx: Tx, tenantId: string) {
  return tx.orgUnit.findFirst({ where: { tenantId, parentId: null }, select: { id: true, path: true }, orderBy: { createdAt: "asc" } });
}

/**
 * The record behind an audit subject, if the reader may read its history: null for an unknown
 * type, a malformed or foreign id, and a record outside the reader's audit.read subtrees alike.
 */
async function resolveSubject(tx: Tx, actor: Principal, entityType: string, entityId: string): Promise<AuditSubject | null> {
  if (!isUuid(entityId)) return null;
  const tenantId = actor.tenantId;
  switch (entityType) {
    case "OrgUnit": {
      const unit = await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId, id: entityId } }, select: { name: true, path: true } });
      if (!unit || !authorize(actor, "audit.read", unit)) return null;
      return { entityType, entityId, label: unit.name, href: `/org/${entityId}` };
    }
    case "Member": {
      const member = await tx.member.findUnique({
        where: { tenantId_id: { tenantId, id: entityId } },
        select: { fullName: true, branch: { select: { path: true } } },
      });
      if (!member || !authorize(actor, "audit.read", member.branch)) return null;
      return { entityType, entityId, label: member.fullName, href: `/members/${entityId}` };
    }
    case "User": {
      const user = await tx.user.findUnique({
        where: { tenantId_id: { tenantId, id: entityId } },
        select: {
          username: true,
          displayName: true,
          member: { select: { branch: { select: { path: true } } } },
          roleGrants: { select: { orgUnit: { select: { path: true } } } },
        },
      });
      if (!user) return null;
      const anchors = [...user.roleGrants.map((grant) => grant.orgUnit), ...(user.member ? [user.member.branch] : [])];
      if (anchors.length === 0) {
        const root = await tenantRoot(tx, tenantId);
        if (root) anchors.push(root);
      }
      if (anchors.length === 0 || !anchors.every((anchor) => authorize(actor, "audit.read", anchor))) return null;
      return { entityType, entityId, label: `${user.displayName} (${user.username})`, href: `/admin/users/${entityId}` };
    }
    default:
      return null;
  }
}

export const entityAuditQuerySchema = z.object({
  entityType: z.string().max(40),
  entityId: z.string().max(100),
  cursor: z.string().max(200).optional(),
});

/** One record's history, or null (404) when the reader may not see it. */
export async function getEntityAudit(
  actor: Principal,
  input: z.input<typeof entityAuditQuerySchema>,
): Promise<{ subject: AuditSubject; page: AuditPage } | null> {
  const parsed = entityAuditQuerySchema.safeParse(input);
  if (!parsed.success) return null;
  const { entityType, entityId, cursor } = parsed.data;
  return withTenant(actor.tenantId, async (tx) => {
    const subject = await resolveSubject(tx, actor, entityType, entityId);
    if (!subject) return null;
    const page = await pageOf(tx, actor.tenantId, { entityType, entityId }, cursor);
    return { subject, page };
  });
}

export const tenantAuditQuerySchema = z.object({
  action: z.string().max(80).optional(),
  /** Calendar days in Vietnam, "yyyy-mm-dd", both inclusive. */
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  cursor: z.string().max(200).optional(),
});

export type TenantAuditResult =
  | { allowed: false }
  | { allowed: true; page: AuditPage; filters: { action: string | null; from: Date | null; to: Date | null } };

/** The tenant's recent changes, filtered by action and by day; only for audit.read on the root. */
export async function getTenantAudit(actor: Principal, input: z.input<typeof tenantAuditQuerySchema>): Promise<TenantAuditResult> {
  const parsed = tenantAuditQuerySchema.safeParse(input);
  const data = parsed.success ? parsed.data : {};
  const action = data.action?.trim() || null;
  const from = data.from ? parseCalendarDate(data.from) : null;
  const to = data.to ? parseCalendarDate(data.to) : null;
  return withTenant(actor.tenantId, async (tx) => {
    const root = await tenantRoot(tx, actor.tenantId);
    if (!root || !authorize(actor, "audit.read", root)) return { allowed: false };
    const at: Prisma.DateTimeFilter = {};
    if (from) at.gte = vietnamMidnight(from);
    if (to) at.lt = vietnamMidnight(new Date(to.getTime() + 86_400_000));
    const page = await pageOf(
      tx,
      actor.tenantId,
      { ...(action ? { action } : {}), ...(from || to ? { at } : {}) },
      data.cursor,
    );
    return { allowed: true, page, filters: { action, from, to } };
  });
}
