// Account administration (user.manage): list and find accounts, create one with a temporary
// password, reset a password, disable or enable, link to a member, grant and revoke roles.
//
// Which accounts an admin manages: an account's *anchors* are the units of its role grants and the
// current branch of its linked member. An admin manages an account when EVERY anchor lies inside
// the subtrees where the admin holds user.manage, so an admin of one đảng bộ cơ sở can never reset
// the password of someone who also holds a role elsewhere. An account with no anchor at all
// belongs to the tenant's root: only an admin whose scope includes the root manages it.
import { randomInt } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { passwordSchema } from "@/lib/auth/account";
import { hashPassword } from "@/lib/auth/password";
import { authorize, scopeRoots, type Grant, type Principal } from "@/lib/auth/permissions";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { accountKey, accountThrottleKeysWhere } from "@/lib/auth/throttle";
import { revokeAllTokens } from "@/lib/auth/tokens";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { Role, type OrgUnitKind } from "@/lib/generated/prisma/enums";
import { foldForSearch } from "@/lib/i18n/format";
import { isInSubtree, pathIds } from "@/lib/domain/org-path";
import { usernameSchema } from "@/lib/org/tenants";
import { isUniqueViolation } from "@/lib/errors";
import { normalizeName } from "@/lib/org/units";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import type { ServiceContext, JsonInput } from "@/lib/service-context";

const wording = messages.accountsServer.users;
const accountPasswordSchema = passwordSchema(messages.authServer.account.passwordLabel);

// Usernames are unique across all tenants (the login form names no tenant), so a clash may be with
// an account of another tenant: the message must not tell which, nor that it exists at all beyond
// "this name cannot be used" (the same words as for a name in this tenant).
const USERNAME_TAKEN = wording.usernameTaken;
const STALE = wording.stale;
const NOT_FOUND = wording.notFound;
export const USER_PAGE_SIZE = 50;

// ─── Scope ──────────────────────────────────────────────────────────────────────────────────────

interface Scope {
  roots: Grant[];
  /** The admin's scope includes the tenant's root unit (accounts without anchors are theirs). */
  coversRoot: boolean;
}

function scopeOf(actor: Principal): Scope | null {
  const roots = scopeRoots(actor, "user.manage");
  if (roots.length === 0) return null;
  return { roots, coversRoot: roots.some((root) => pathIds(root.path).length === 1) };
}

function inScopeSql(column: Prisma.Sql, scope: Scope): Prisma.Sql {
  return Prisma.join(
    scope.roots.map((root) => Prisma.sql`${column} LIKE ${`${root.path}%`}`),
    " OR ",
  );
}

/** SQL condition on `u` (User), `b` (linked member's branch): the account is managed by the scope. */
function managedSql(scope: Scope): Prisma.Sql {
  return Prisma.sql`
    NOT EXISTS (
      SELECT 1 FROM "RoleGrant" g JOIN "OrgUnit" o ON o."tenantId" = g."tenantId" AND o."id" = g."orgUnitId"
      WHERE g."tenantId" = u."tenantId" AND g."userId" = u."id" AND NOT (${inScopeSql(Prisma.sql`o."path"`, scope)}))
    AND (b."path" IS NULL OR (${inScopeSql(Prisma.sql`b."path"`, scope)}))
    ${
      scope.coversRoot
        ? Prisma.empty
        : Prisma.sql`AND (u."memberId" IS NOT NULL OR EXISTS (
            SELECT 1 FROM "RoleGrant" g2 WHERE g2."tenantId" = u."tenantId" AND g2."userId" = u."id"))`
    }`;
}

const FROM_USERS = Prisma.sql`
  FROM "User" u
  LEFT JOIN "Member" m ON m."tenantId" = u."tenantId" AND m."id" = u."memberId"
  LEFT JOIN "OrgUnit" b ON b."tenantId" = m."tenantId" AND b."id" = m."branchId"`;

async function isManaged(tx: Tx, actor: Principal, scope: Scope, userId: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT u."id" ${FROM_USERS}
    WHERE u."tenantId" = ${actor.tenantId}::uuid AND u."id" = ${userId}::uuid AND ${managedSql(scope)}`;
  return rows.length === 1;
}

/** The scope, or a 404 when the actor manages no accounts at all. */
function requireScope(actor: Principal): Scope {
  const scope = scopeOf(actor);
  if (!scope) throw new NotFoundError(NOT_FOUND);
  return scope;
}

async function requireManaged(tx: Tx, actor: Principal, scope: Scope, userId: string): Promise<void> {
  if (!(await isManaged(tx, actor, scope, userId))) throw new NotFoundError(NOT_FOUND);
}

// ─── Reads ──────────────────────────────────────────────────────────────────────────────────────

export interface UserListItem {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  memberName: string | null;
  branchName: string | null;
  roles: Role[];
}

export interface UserListPage {
  items: UserListItem[];
  /** Username to continue after, when there are more. */
  nextAfter: string | null;
}

export const userListQuerySchema = z.object({
  q: z.string().max(100).optional().default(""),
  after: z.string().max(100).optional().default(""),
});

/**
 * Accounts the actor manages, ordered by username and paged by keyset (the last username shown).
 * `q` matches the username or, accent-insensitively, the display name. Null without user.manage.
 */
export async function listUsers(actor: Principal, input: z.input<typeof userListQuerySchema> = {}): Promise<UserListPage | null> {
  const scope = scopeOf(actor);
  if (!scope) return null;
  const { q, after } = userListQuerySchema.parse(input);
  const needle = foldForSearch(q);
  const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await withTenant(actor.tenantId, (tx) =>
    tx.$queryRaw<(Omit<UserListItem, "roles"> & { roles: Role[] | null })[]>`
      SELECT u."id", u."username", u."displayName", u."disabled", u."mustChangePassword", u."lastLoginAt",
             m."fullName" AS "memberName", b."name" AS "branchName",
             (SELECT array_agg(DISTINCT g."role"::text) FROM "RoleGrant" g
               WHERE g."tenantId" = u."tenantId" AND g."userId" = u."id") AS "roles"
      ${FROM_USERS}
      WHERE u."tenantId" = ${actor.tenantId}::uuid
        AND ${managedSql(scope)}
        ${needle ? Prisma.sql`AND (u."username" LIKE ${like} OR app_fold(u."displayName") LIKE ${like} OR app_fold(coalesce(m."fullName", '')) LIKE ${like})` : Prisma.empty}
        ${after ? Prisma.sql`AND u."username" > ${after}` : Prisma.empty}
      ORDER BY u."username"
      LIMIT ${USER_PAGE_SIZE + 1}`,
  );
  const items = rows.slice(0, USER_PAGE_SIZE).map((row) => ({ ...row, roles: row.roles ?? [] }));
  return { items, nextAfter: rows.length > USER_PAGE_SIZE ? items.at(-1)!.username : null };
}

export interface UserGrantView {
  id: string;
  role: Role;
  unit: { id: string; name: string; kind: OrgUnitKind; closed: boolean };
  /** The actor may revoke it (their own last TENANT_ADMIN grant is kept). */
  revocable: boolean;
}

export interface UserDetail {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
  isSelf: boolean;
  member: { id: string; fullName: string; branchName: string } | null;
  grants: UserGrantView[];
  /** The account-wide login delay in force (too many failed logins), if any. */
  loginDelayUntil: Date | null;
}

/** One account the actor manages, or null (404) for anything else. */
export async function getUserDetail(actor: Principal, userId: string): Promise<UserDetail | null> {
  const scope = scopeOf(actor);
  if (!scope) return null;
  return withTenant(actor.tenantId, async (tx) => {
    if (!(await isManaged(tx, actor, scope, userId))) return null;
    const user = await tx.user.findUnique({
      where: { tenantId_id: { tenantId: actor.tenantId, id: userId } },
      select: {
        id: true,
        username: true,
        displayName: true,
        disabled: true,
        mustChangePassword: true,
        lastLoginAt: true,
        createdAt: true,
        version: true,
        member: { select: { id: true, fullName: true, branch: { select: { name: true } } } },
        roleGrants: {
          select: { id: true, role: true, orgUnit: { select: { id: true, name: true, kind: true, path: true, activeTo: true } } },
          orderBy: { createdAt: "asc" },
        },
      },
    });
    if (!user) return null;
    const throttle = await tx.loginThrottle.findUnique({ where: { key: accountKey(user.username) }, select: { retryAfter: true } });
    const isSelf = user.id === actor.id;
    const ownAdminGrants = isSelf ? user.roleGrants.filter((g) => g.role === "TENANT_ADMIN").length : 0;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      disabled: user.disabled,
      mustChangePassword: user.mustChangePassword,
      lastLoginAt: user.lastLoginAt,
      createdAt: user.createdAt,
      version: user.version,
      isSelf,
      member: user.member ? { id: user.member.id, fullName: user.member.fullName, branchName: user.member.branch.name } : null,
      grants: user.roleGrants.map((grant) => ({
        id: grant.id,
        role: grant.role,
        unit: { id: grant.orgUnit.id, name: grant.orgUnit.name, kind: grant.orgUnit.kind, closed: grant.orgUnit.activeTo !== null },
        revocable: authorize(actor, "user.manage", grant.orgUnit) && !(isSelf && grant.role === "TENANT_ADMIN" && ownAdminGrants <= 1),
      })),
      loginDelayUntil: throttle?.retryAfter && throttle.retryAfter > new Date() ? throttle.retryAfter : null,
    };
  });
}

export interface MemberOption {
  id: string;
  fullName: string;
  branchName: string;
  birthYear: number;
  /** Already linked to an account. */
  linked: boolean;
}

/** Members on the roll in the actor's user.manage scope, for the "link to a member" picker. */
export async function searchMembersForLink(actor: Principal, query: string): Promise<MemberOption[]> {
  const scope = scopeOf(actor);
  const needle = foldForSearch(query.slice(0, 100));
  if (!scope || needle.length < 2) return [];
  const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await withTenant(actor.tenantId, (tx) =>
    tx.$queryRaw<{ id: string; fullName: string; branchName: string; birthDate: Date; linked: boolean }[]>`
      SELECT m."id", m."fullName", b."name" AS "branchName", m."birthDate",
             EXISTS (SELECT 1 FROM "User" u WHERE u."tenantId" = m."tenantId" AND u."memberId" = m."id") AS "linked"
      FROM "Member" m JOIN "OrgUnit" b ON b."tenantId" = m."tenantId" AND b."id" = m."branchId"
      WHERE m."tenantId" = ${actor.tenantId}::uuid AND m."endedOn" IS NULL
        AND (${inScopeSql(Prisma.sql`b."path"`, scope)})
        AND m."searchName" LIKE ${like}
      ORDER BY m."sortKey", m."id"
      LIMIT 20`,
  );
  return rows.map((row) => ({
    id: row.id,
    fullName: row.fullName,
    branchName: row.branchName,
    birthYear: row.birthDate.getUTCFullYear(),
    linked: row.linked,
  }));
}

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────────

const displayName = z
  .string({ error: wording.fullNameRequired })
  .transform(normalizeName)
  .pipe(z.string().min(2, wording.fullNameTooShort).max(120, wording.fullNameTooLong));

// Accepts null too, so a parsed value parses again (the action parses, then the service).
const optionalId = z
  .string()
  .nullish()
  .transform((value) => value?.trim() || null);

const version = z.coerce.number({ error: wording.versionMissing }).int().min(1);

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName,
    memberId: optionalId,
    passwordMode: z.enum(["generate", "manual"]).default("generate"),
    password: z.string().optional().default(""),
    role: z
      .union([z.literal(""), z.enum(Role, { error: wording.roleInvalid })])
      .nullish()
      .transform((value) => value || null),
    orgUnitId: optionalId,
  })
  .superRefine((value, ctx) => {
    if (value.passwordMode === "manual") {
      const checked = accountPasswordSchema.safeParse(value.password);
      if (!checked.success) {
        for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: ["password"], message: issue.message });
      }
    }
    if (value.role && !value.orgUnitId) ctx.addIssue({ code: "custom", path: ["orgUnitId"], message: wording.unitForRole });
    if (!value.role && value.orgUnitId) ctx.addIssue({ code: "custom", path: ["role"], message: wording.roleRequired });
  });
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({ id: z.string(), version, displayName, memberId: optionalId });
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const userVersionSchema = z.object({ id: z.string(), version });
export const setDisabledSchema = z.object({
  id: z.string(),
  version,
  disabled: z.union([z.boolean(), z.enum(["true", "false"])]).transform((value) => value === true || value === "true"),
});
export const grantRoleSchema = z.object({
  userId: z.string(),
  role: z.enum(Role, { error: wording.roleRequired }),
  orgUnitId: z.string({ error: wording.unitRequired }).min(1, wording.unitRequired),
});
export type GrantRoleInput = z.input<typeof grantRoleSchema>;
export const revokeRoleSchema = z.object({ userId: z.string(), grantId: z.string() });

const TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A temporary password like "Kq7m-Pz3x-R8tn": no look-alike characters, always letters and digits. */
export function generateTemporaryPassword(): string {
  for (;;) {
    const chars = Array.from({ length: 12 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]!);
    const value = `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
    if (/[A-Za-z]/.test(value) && /\d/.test(value)) return value;
  }
}

/** A member the actor may link an account to: on the roll, in scope, not linked to another account. */
async function checkMemberLink(tx: Tx, actor: Principal, memberId: string, exceptUserId?: string): Promise<void> {
  const member = isUuid(memberId)
    ? await tx.member.findUnique({
        where: { tenantId_id: { tenantId: actor.tenantId, id: memberId } },
        select: { endedOn: true, branch: { select: { path: true } } },
      })
    : null;
  if (!member || !authorize(actor, "user.manage", member.branch)) {
    throw fieldError("memberId", wording.memberNotFound);
  }
  if (member.endedOn) throw fieldError("memberId", wording.memberLeft);
  const linked = await tx.user.findFirst({
    where: { tenantId: actor.tenantId, memberId, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) },
    select: { id: true },
  });
  if (linked) throw fieldError("memberId", wording.memberHasAccount);
}

/** Only a TENANT_ADMIN at or above a unit may make someone TENANT_ADMIN there. */
function mayGrant(actor: Principal, role: Role, unit: { path: string }): boolean {
  if (!authorize(actor, "user.manage", unit)) return false;
  if (role !== "TENANT_ADMIN") return true;
  return actor.grants.some((grant) => grant.role === "TENANT_ADMIN" && isInSubtree(unit.path, grant.path));
}

async function loadGrantUnit(tx: Tx, actor: Principal, role: Role, orgUnitId: string) {
  const unit = isUuid(orgUnitId)
    ? await tx.orgUnit.findUnique({
        where: { tenantId_id: { tenantId: actor.tenantId, id: orgUnitId } },
        select: { id: true, name: true, path: true, activeTo: true },
      })
    : null;
  if (!unit || !authorize(actor, "user.manage", unit)) {
    throw fieldError("orgUnitId", wording.unitNotFound);
  }
  if (!mayGrant(actor, role, unit)) {
    throw fieldError("role", wording.systemAdminHere);
  }
  if (unit.activeTo) throw fieldError("orgUnitId", fill(wording.unitClosed, { name: unit.name }));
  return unit;
}

export interface CreateUserResult {
  id: string;
  username: string;
  /** Shown once to the admin when it was generated; never stored in clear. */
  temporaryPassword: string | null;
}

/** Creates an account that must change its password at first sign-in. */
export async function createUser(actor: Principal, input: CreateUserInput | JsonInput, options: ServiceContext = {}): Promise<CreateUserResult> {
  const scope = requireScope(actor);
  const data = parseInput(createUserSchema, input);
  if (!scope.coversRoot && !data.memberId && !data.role) {
    throw new ValidationError(wording.outsideScope, {
      memberId: [wording.outsideScopeField],
    });
  }
  const temporaryPassword = data.passwordMode === "generate" ? generateTemporaryPassword() : null;
  // Hashing takes tens of milliseconds: before the transaction opens.
  const passwordHash = await hashPassword(temporaryPassword ?? data.password);
  const id = crypto.randomUUID();
  try {
    await withTenant(actor.tenantId, async (tx) => {
      // Usernames are global (the login form names no tenant): this definer-rights lookup sees all.
      const taken = await tx.$queryRaw<{ userId: string }[]>`SELECT "userId" FROM app_find_login(${data.username})`;
      if (taken.length > 0) throw fieldError("username", USERNAME_TAKEN);
      if (data.memberId) await checkMemberLink(tx, actor, data.memberId);
      const unit = data.role && data.orgUnitId ? await loadGrantUnit(tx, actor, data.role, data.orgUnitId) : null;

      await tx.user.create({
        data: {
          tenantId: actor.tenantId,
          id,
          username: data.username,
          passwordHash,
          displayName: data.displayName,
          memberId: data.memberId,
          mustChangePassword: true,
        },
        select: { id: true },
      });
      const common = { tenantId: actor.tenantId, actorUserId: actor.id, entityType: "User", entityId: id, requestId: options.requestId };
      await recordAudit(tx, {
        ...common,
        action: "user.create",
        after: {
          username: data.username,
          displayName: data.displayName,
          memberId: data.memberId,
          mustChangePassword: true,
          passwordMode: data.passwordMode,
        },
      });
      if (unit && data.role) {
        const grant = await tx.roleGrant.create({
          data: { tenantId: actor.tenantId, userId: id, role: data.role, orgUnitId: unit.id },
          select: { id: true },
        });
        await recordAudit(tx, { ...common, action: "user.grantRole", after: { role: data.role, orgUnitId: unit.id, grantId: grant.id } });
      }
    });
  } catch (error) {
    // Two admins choosing the same name at once: the unique index decides.
    if (isUniqueViolation(error, "User_username_key")) throw fieldError("username", USERNAME_TAKEN);
    throw error;
  }
  return { id, username: data.username, temporaryPassword };
}

/** Display name and member link. */
export async function updateUser(actor: Principal, input: UpdateUserInput | JsonInput, options: ServiceContext = {}): Promise<void> {
  const scope = requireScope(actor);
  const data = parseInput(updateUserSchema, input);
  await withTenant(actor.tenantId, async (tx) => {
    await requireManaged(tx, actor, scope, data.id);
    const user = await tx.user.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: actor.tenantId, id: data.id } },
      select: { displayName: true, memberId: true, version: true },
    });
    if (user.version !== data.version) throw new ConflictError(STALE);
    if (data.memberId && data.memberId !== user.memberId) await checkMemberLink(tx, actor, data.memberId, data.id);
    if (user.displayName === data.displayName && user.memberId === data.memberId) return;
    const { count } = await tx.user.updateMany({
      where: { tenantId: actor.tenantId, id: data.id, version: data.version },
      data: { displayName: data.displayName, memberId: data.memberId, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);
    const before: Record<string, string | null> = {};
    const after: Record<string, string | null> = {};
    if (user.displayName !== data.displayName) [before.displayName, after.displayName] = [user.displayName, data.displayName];
    if (user.memberId !== data.memberId) [before.memberId, after.memberId] = [user.memberId, data.memberId];
    // Unlinking may leave the account outside this admin's scope; that is the rule, not an error.
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "user.update",
      entityType: "User",
      entityId: data.id,
      before,
      after,
      requestId: options.requestId,
    });
  });
}

/**
 * A new temporary password (returned once), to be changed at the next sign-in; the failed-login
 * lockout of the account is lifted in the same transaction.
 */
export async function resetPassword(
  actor: Principal,
  input: z.input<typeof userVersionSchema> | JsonInput,
  options: ServiceContext = {},
): Promise<{ temporaryPassword: string }> {
  const scope = requireScope(actor);
  const data = parseInput(userVersionSchema, input);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await withTenant(actor.tenantId, async (tx) => {
    await requireManaged(tx, actor, scope, data.id);
    const user = await tx.user.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: actor.tenantId, id: data.id } },
      select: { username: true, version: true },
    });
    const { count } = await tx.user.updateMany({
      where: { tenantId: actor.tenantId, id: data.id, version: data.version },
      data: { passwordHash, mustChangePassword: true, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);
    const cleared = await tx.loginThrottle.deleteMany({ where: accountThrottleKeysWhere(user.username) });
    // Whoever was signed in with the old password is signed out.
    await bumpSessionVersion(tx, actor.tenantId, data.id);
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "user.resetPassword",
      entityType: "User",
      entityId: data.id,
      after: { mustChangePassword: true, lockoutCleared: cleared.count > 0 },
      requestId: options.requestId,
    });
  });
  return { temporaryPassword };
}

/** Disables or re-enables an account; a disabled account is signed out at its next request. */
export async function setUserDisabled(actor: Principal, input: z.input<typeof setDisabledSchema> | JsonInput, options: ServiceContext = {}): Promise<void> {
  const scope = requireScope(actor);
  const data = parseInput(setDisabledSchema, input);
  if (data.disabled && data.id === actor.id) throw new ValidationError(wording.selfDisable);
  await withTenant(actor.tenantId, async (tx) => {
    await requireManaged(tx, actor, scope, data.id);
    const user = await tx.user.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: actor.tenantId, id: data.id } },
      select: { disabled: true, version: true },
    });
    if (user.version !== data.version) throw new ConflictError(STALE);
    if (user.disabled === data.disabled) return;
    const { count } = await tx.user.updateMany({
      where: { tenantId: actor.tenantId, id: data.id, version: data.version },
      data: { disabled: data.disabled, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(STALE);
    // Both ways end the account's sessions: disabling must stop them now, and re-enabling must not
    // bring back a cookie or token from before. Disabling revokes the tokens for good.
    await bumpSessionVersion(tx, actor.tenantId, data.id);
    const tokensRevoked = data.disabled ? await revokeAllTokens(tx, actor.tenantId, data.id) : 0;
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: data.disabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: data.id,
      before: { disabled: user.disabled },
      after: { disabled: data.disabled, ...(tokensRevoked > 0 ? { tokensRevoked } : {}) },
      requestId: options.requestId,
    });
  });
}

const GRANT_EXISTS = wording.roleHeld;

/** Grants a role on a unit inside the actor's scope to an account the actor manages. */
export async function grantRole(actor: Principal, input: GrantRoleInput | JsonInput, options: ServiceContext = {}): Promise<{ grantId: string }> {
  const scope = requireScope(actor);
  const data = parseInput(grantRoleSchema, input);
  try {
    return await withTenant(actor.tenantId, async (tx) => {
      await requireManaged(tx, actor, scope, data.userId);
      const unit = await loadGrantUnit(tx, actor, data.role, data.orgUnitId);
      const existing = await tx.roleGrant.findFirst({
        where: { tenantId: actor.tenantId, userId: data.userId, role: data.role, orgUnitId: unit.id },
        select: { id: true },
      });
      if (existing) throw fieldError("role", GRANT_EXISTS);
      const grant = await tx.roleGrant.create({
        data: { tenantId: actor.tenantId, userId: data.userId, role: data.role, orgUnitId: unit.id },
        select: { id: true },
      });
      await recordAudit(tx, {
        tenantId: actor.tenantId,
        actorUserId: actor.id,
        action: "user.grantRole",
        entityType: "User",
        entityId: data.userId,
        after: { role: data.role, orgUnitId: unit.id, grantId: grant.id },
        requestId: options.requestId,
      });
      return { grantId: grant.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "RoleGrant_tenantId_userId_role_orgUnitId_key")) throw fieldError("role", GRANT_EXISTS);
    throw error;
  }
}

/** Revokes one grant. An admin keeps at least one TENANT_ADMIN grant of their own. */
export async function revokeRole(actor: Principal, input: z.input<typeof revokeRoleSchema> | JsonInput, options: ServiceContext = {}): Promise<void> {
  const scope = requireScope(actor);
  const data = parseInput(revokeRoleSchema, input);
  await withTenant(actor.tenantId, async (tx) => {
    await requireManaged(tx, actor, scope, data.userId);
    const grant = isUuid(data.grantId)
      ? await tx.roleGrant.findUnique({
          where: { tenantId_id: { tenantId: actor.tenantId, id: data.grantId } },
          select: { id: true, userId: true, role: true, orgUnitId: true, orgUnit: { select: { path: true } } },
        })
      : null;
    if (!grant || grant.userId !== data.userId || !authorize(actor, "user.manage", grant.orgUnit)) {
      throw new NotFoundError(wording.grantNotFound);
    }
    if (grant.userId === actor.id && grant.role === "TENANT_ADMIN") {
      const others = await tx.roleGrant.count({
        where: { tenantId: actor.tenantId, userId: actor.id, role: "TENANT_ADMIN", id: { not: grant.id } },
      });
      if (others === 0) {
        throw new ValidationError(wording.lastAdminSelf);
      }
    }
    await tx.roleGrant.delete({ where: { tenantId_id: { tenantId: actor.tenantId, id: grant.id } }, select: { id: true } });
    // Grants are read on every request anyway; ending the account's sessions also closes any page
    // left open with the old role. An admin revoking one of their own roles keeps their session.
    if (data.userId !== actor.id) await bumpSessionVersion(tx, actor.tenantId, data.userId);
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "user.revokeRole",
      entityType: "User",
      entityId: data.userId,
      before: { role: grant.role, orgUnitId: grant.orgUnitId, grantId: grant.id },
      requestId: options.requestId,
    });
  });
}
