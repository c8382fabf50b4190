// Tenants: creating one (with its root org unit and first administrator) and listing them for the CLI.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, isUniqueViolation, parseInput } from "@/lib/errors";
import { OrgUnitCategory, type OrgUnitKind, type Role } from "@/lib/generated/prisma/enums";
import { rootPath } from "@/lib/domain/org-path";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.orgServer.tenants;

/** Kinds a tenant's root may have: a bloc or provincial committee, an upper committee, or a commune đảng bộ. */
export const TENANT_ROOT_KINDS = [
  "BLOC_COMMITTEE",
  "UPPER_COMMITTEE",
  "GRASSROOTS_COMMITTEE",
  "GRASSROOTS_BRANCH",
] as const satisfies readonly OrgUnitKind[];

export const TENANT_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const USERNAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]{1,30}[a-z0-9])$/;

export const usernameSchema = z
  .string({ error: wording.usernameRequired })
  .trim()
  .toLowerCase()
  .regex(
    USERNAME_PATTERN,
    wording.usernameFormat,
  );

export const passwordSchema = z
  .string({ error: wording.passwordRequired })
  .min(8, wording.passwordTooShort)
  .max(128, wording.passwordTooLong);

export const createTenantSchema = z.object({
  code: z
    .string({ error: wording.codeRequired })
    .trim()
    .toLowerCase()
    .min(2, wording.codeTooShort)
    .max(40, wording.codeTooLong)
    .regex(TENANT_CODE_PATTERN, wording.codeFormat),
  name: z
    .string({ error: wording.nameRequired })
    .trim()
    .min(3, wording.nameTooShort)
    .max(200, wording.nameTooLong),
  /** Name of the root org unit; defaults to the tenant's name. */
  rootUnitName: z.string().trim().max(200, wording.rootNameTooLong).optional(),
  rootUnitKind: z
    .enum(TENANT_ROOT_KINDS, { error: wording.rootKindInvalid })
    .default("BLOC_COMMITTEE"),
  rootUnitCategory: z.enum(OrgUnitCategory, { error: wording.categoryInvalid }).optional(),
  /** Defaults to today. */
  rootUnitActiveFrom: z.coerce.date({ error: wording.foundedInvalid }).optional(),
  adminUsername: usernameSchema,
  adminDisplayName: z
    .string({ error: wording.adminNameRequired })
    .trim()
    .min(2, wording.adminNameTooShort)
    .max(120, wording.adminNameTooLong),
  adminPassword: passwordSchema,
  /** The first administrator must replace a password someone else chose. */
  mustChangePassword: z.boolean().default(true),
});

export type CreateTenantInput = z.input<typeof createTenantSchema>;

export interface CreateTenantResult {
  tenantId: string;
  rootUnitId: string;
  adminUserId: string;
  roleGrantId: string;
}

export interface TenantServiceContext extends ServiceContext {
  /** Null for the CLI and the seed (no signed-in user). */
  actorUserId?: string | null;
}

export function usernameTakenMessage(username: string): string {
  return fill(wording.usernameTaken, { username });
}

export interface TenantCreationRecords {
  tenant: { id: string; code: string; name: string };
  rootUnit: { id: string; kind: OrgUnitKind; name: string; path: string; activeFrom: Date };
  adminUser: { id: string; username: string; displayName: string; memberId: string | null; mustChangePassword: boolean };
  roleGrant: { id: string; role: Role; orgUnitId: string };
}

/**
 * The audit trail of a tenant's creation: the tenant, its root unit, its first administrator and
 * that administrator's grant. Shared with the demo seed so both leave the same trail.
 */
export async function recordTenantCreation(
  tx: Tx,
  records: TenantCreationRecords,
  context: TenantServiceContext = {},
): Promise<void> {
  const tenantId = records.tenant.id;
  const common = { tenantId, actorUserId: context.actorUserId ?? null, requestId: context.requestId ?? null };
  await recordAudit(tx, {
    ...common,
    action: "tenant.create",
    entityType: "Tenant",
    entityId: tenantId,
    after: { code: records.tenant.code, name: records.tenant.name },
  });
  await recordAudit(tx, {
    ...common,
    action: "orgUnit.create",
    entityType: "OrgUnit",
    entityId: records.rootUnit.id,
    after: {
      kind: records.rootUnit.kind,
      name: records.rootUnit.name,
      path: records.rootUnit.path,
      activeFrom: records.rootUnit.activeFrom.toISOString().slice(0, 10),
    },
  });
  // Never the password hash.
  await recordAudit(tx, {
    ...common,
    action: "user.create",
    entityType: "User",
    entityId: records.adminUser.id,
    after: {
      username: records.adminUser.username,
      displayName: records.adminUser.displayName,
      memberId: records.adminUser.memberId,
      mustChangePassword: records.adminUser.mustChangePassword,
    },
  });
  await recordAudit(tx, {
    ...common,
    action: "roleGrant.create",
    entityType: "RoleGrant",
    entityId: records.roleGrant.id,
    after: { userId: records.adminUser.id, role: records.roleGrant.role, orgUnitId: records.roleGrant.orgUnitId },
  });
}

function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Creates a tenant with its root org unit, its first administrator (TENANT_ADMIN on the root) and the
 * audit entries, all in one transaction. Throws ValidationError or ConflictError with Vietnamese messages.
 */
export async function createTenant(input: CreateTenantInput, context: TenantServiceContext = {}): Promise<CreateTenantResult> {
  const data = parseInput(createTenantSchema, input);
  // Hashing takes tens of milliseconds: do it before the transaction opens.
  const passwordHash = await hashPassword(data.adminPassword);

  const tenantId = randomUUID();
  const rootUnitId = randomUUID();
  const adminUserId = randomUUID();
  const roleGrantId = randomUUID();
  const records: TenantCreationRecords = {
    tenant: { id: tenantId, code: data.code, name: data.name },
    rootUnit: {
      id: rootUnitId,
      kind: data.rootUnitKind,
      name: data.rootUnitName || data.name,
      path: rootPath(rootUnitId),
      activeFrom: data.rootUnitActiveFrom ?? todayUtc(),
    },
    adminUser: {
      id: adminUserId,
      username: data.adminUsername,
      displayName: data.adminDisplayName,
      memberId: null,
      mustChangePassword: data.mustChangePassword,
    },
    roleGrant: { id: roleGrantId, role: "TENANT_ADMIN", orgUnitId: rootUnitId },
  };

  try {
    await withTenant(tenantId, async (tx) => {
      // Usernames are global; this definer-rights lookup sees every tenant's logins. The unique
      // index below remains the real guard (a concurrent insert, or an owner subject to RLS).
      const taken = await tx.$queryRaw<{ userId: string }[]>`SELECT "userId" FROM app_find_login(${data.adminUsername})`;
      if (taken.length > 0) throw new ConflictError(usernameTakenMessage(data.adminUsername));

      await tx.tenant.create({ data: records.tenant, select: { id: true } });
      await tx.orgUnit.create({
        data: {
          tenantId,
          id: rootUnitId,
          parentId: null,
          kind: records.rootUnit.kind,
          category: data.rootUnitCategory ?? null,
          name: records.rootUnit.name,
          path: records.rootUnit.path,
          depth: 0,
          activeFrom: records.rootUnit.activeFrom,
        },
        select: { id: true },
      });
      await tx.user.create({
        data: {
          tenantId,
          id: adminUserId,
          username: data.adminUsername,
          passwordHash,
          displayName: data.adminDisplayName,
          mustChangePassword: data.mustChangePassword,
        },
        select: { id: true },
      });
      await tx.roleGrant.create({
        data: { tenantId, id: roleGrantId, userId: adminUserId, role: "TENANT_ADMIN", orgUnitId: rootUnitId },
        select: { id: true },
      });
      await recordTenantCreation(tx, records, context);
    });
  } catch (error) {
    if (isUniqueViolation(error, "Tenant_code_key")) {
      throw new ConflictError(fill(wording.codeTaken, { code: data.code }));
    }
    if (isUniqueViolation(error, "User_username_key")) {
      throw new ConflictError(usernameTakenMessage(data.adminUsername));
    }
    throw error;
  }
  return { tenantId, rootUnitId, adminUserId, roleGrantId };
}

export interface TenantSummary {
  id: string;
  code: string;
  name: string;
  createdAt: Date;
  orgUnits: number;
  branches: number;
  members: number;
  users: number;
}

/**
 * Every tenant with a few counts, for operators (the CLI). Crossing tenants is exactly what RLS
 * forbids, so this takes an owner connection and turns row security off for its transaction:
 * Postgres then refuses (instead of silently returning nothing) unless the role is a superuser
 * or has BYPASSRLS.
 */
export async function listTenantsAsOwner(owner: Db): Promise<TenantSummary[]> {
  return owner.$transaction(async (tx) => {
    // As the login role for this transaction: the embedded database's one session may carry the
    // running app's role (see lib/db/migrate.ts).
    await tx.$executeRaw`SET LOCAL ROLE NONE`;
    await tx.$executeRaw`SET LOCAL row_security = off`;
    const rows = await tx.$queryRaw<TenantSummary[]>`
      SELECT t."id", t."code", t."name", t."createdAt",
        (SELECT count(*)::int FROM "OrgUnit" o WHERE o."tenantId" = t."id") AS "orgUnits",
        (SELECT count(*)::int FROM "OrgUnit" o WHERE o."tenantId" = t."id"
            AND o."kind" IN ('GRASSROOTS_BRANCH', 'BRANCH')) AS "branches",
        (SELECT count(*)::int FROM "Member" m WHERE m."tenantId" = t."id") AS "members",
        (SELECT count(*)::int FROM "User" u WHERE u."tenantId" = t."id") AS "users"
      FROM "Tenant" t
      ORDER BY t."code"`;
    return rows;
  });
}
