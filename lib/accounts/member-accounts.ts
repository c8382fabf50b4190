// Accounts for the members of a branch in one step (TENANT_ADMIN, user.manage over the branch): in a
// demo, 23 of a branch's 25 members have no account and no e-mail, so nothing the app sends reaches
// them. Each member on the roll without an account gets one — a username from their name (given
// name and initials, then the birth year, then a number), a temporary password to change at first
// sign-in, the MEMBER role on the branch — in one transaction with one audit entry (no passwords
// in it). The passwords are returned once, to be printed and handed out.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { generateTemporaryPassword } from "@/lib/accounts/users";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { foldForSearch } from "@/lib/i18n/format";
import { distinctNames, namedMemberSelect } from "@/lib/org/member-names";
import { isUniqueViolation } from "@/lib/errors";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const wording = messages.accountsServer.memberAccounts;

/** At most this many accounts in one request (a branch rarely has more members). */
export const BULK_ACCOUNTS_LIMIT = 200;

export interface MemberWithoutAccount {
  id: string;
  /** The name told apart from namesakes of the branch. */
  label: string;
  birthYear: number | null;
  email: string | null;
}

export interface BranchWithoutAccounts {
  id: string;
  name: string;
  parentName: string | null;
  count: number;
}

export interface MemberAccountsView {
  /** Branches of the administrator's scope with members lacking an account, most first. */
  branches: BranchWithoutAccounts[];
  /** The chosen branch and its members without an account. */
  branch: { id: string; name: string; members: MemberWithoutAccount[] } | null;
}

function requireAdmin(user: Principal): void {
  if (scopeRoots(user, "user.manage").length === 0) throw new ForbiddenError(wording.systemAdminOnly);
}

const onRollWithoutAccount = (tenantId: string) => ({ tenantId, endedOn: null, users: { none: {} } });

async function loadBranch(tx: Tx, user: Principal, branchId: string) {
  const branch = isUuid(branchId)
    ? await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: branchId } }, select: { id: true, name: true, path: true, kind: true, activeTo: true } })
    : null;
  if (!branch || !authorize(user, "user.manage", branch) || (branch.kind !== "BRANCH" && branch.kind !== "GRASSROOTS_BRANCH")) {
    throw new NotFoundError(wording.branchNotFound);
  }
  return branch;
}

/** The branches with members lacking an account and, for `branchId`, those members. */
export async function getMemberAccountsView(user: Principal, branchId?: string | null): Promise<MemberAccountsView> {
  requireAdmin(user);
  return withTenant(user.tenantId, async (tx) => {
    const roots = scopeRoots(user, "user.manage").map((g) => g.path);
    const grouped = await tx.member.groupBy({
      by: ["branchId"],
      where: { ...onRollWithoutAccount(user.tenantId), branch: { OR: roots.map((path) => ({ path: { startsWith: path } })) } },
      _count: { _all: true },
      orderBy: { _count: { branchId: "desc" } },
      take: 500,
    });
    const units = await tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, id: { in: grouped.map((g) => g.branchId) } },
      select: { id: true, name: true, parent: { select: { name: true } } },
    });
    const unitOf = new Map(units.map((u) => [u.id, u]));
    const branches = grouped.map((g) => ({ id: g.branchId, name: unitOf.get(g.branchId)?.name ?? "", parentName: unitOf.get(g.branchId)?.parent?.name ?? null, count: g._count._all }));
    if (!branchId) return { branches, branch: null };
    const branch = await loadBranch(tx, user, branchId);
    // Namesakes are told apart over the whole roll of the branch, not only those without an account.
    const roll = await tx.member.findMany({ where: { tenantId: user.tenantId, branchId: branch.id, endedOn: null }, select: { ...namedMemberSelect, email: true, users: { select: { id: true }, take: 1 } }, orderBy: [{ sortKey: "asc" }, { id: "asc" }] });
    const labels = distinctNames(roll);
    const members = roll
      .filter((m) => m.users.length === 0)
      .map((m) => ({ id: m.id, label: labels.get(m.id) ?? m.fullName, birthYear: m.birthDate ? m.birthDate.getUTCFullYear() : null, email: m.email }));
    return { branches, branch: { id: branch.id, name: branch.name, members } };
  });
}

/** "Nguyễn Văn Lộc" → "locnv": the given name, then the initials of the family and middle names. */
export function usernameBase(fullName: string): string {
  const words = foldForSearch(fullName).replace(/[^a-z0-9 ]/g, " ").split(/\s+/).filter(Boolean);
  if (words.length === 0) return "dangvien";
  const given = words[words.length - 1]!;
  const initials = words.slice(0, -1).map((w) => w[0]).join("");
  const base = `${given}${initials}`.slice(0, 24);
  return base.length >= 3 ? base : `${base}dv`.slice(0, 24);
}

/** Candidates in order: "locnv", "locnv80", "locnv80.2", "locnv80.3", … */
export function* usernameCandidates(fullName: string, birthYear: number | null): Generator<string> {
  const base = usernameBase(fullName);
  yield base;
  const withYear = birthYear ? `${base}${String(birthYear).slice(-2)}` : base;
  if (withYear !== base) yield withYear;
  for (let n = 2; n < 1000; n += 1) yield `${withYear}.${n}`;
}

export const createMemberAccountsSchema = z.object({
  branchId: z.string({ error: wording.branchRequired }).trim().min(1, wording.branchRequired),
  memberIds: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().trim().min(1)).min(1, wording.membersRequired).max(BULK_ACCOUNTS_LIMIT, fill(wording.tooMany, { limit: BULK_ACCOUNTS_LIMIT })),
  ),
});

export interface CreatedAccount {
  memberId: string;
  name: string;
  username: string;
  temporaryPassword: string;
}

/**
 * Creates the accounts, all or none. A member who meanwhile got an account, left the roll or is
 * not of this branch refuses the whole request with a message (nothing half-done).
 */
export async function createMemberAccounts(user: Principal, input: unknown, context: { requestId?: string | null } = {}): Promise<{ branchName: string; accounts: CreatedAccount[] }> {
  requireAdmin(user);
  const data = parseInput(createMemberAccountsSchema, input);
  const ids = [...new Set(data.memberIds)];
  // Passwords are hashed before the transaction opens (tens of milliseconds each).
  const passwords = ids.map(() => generateTemporaryPassword());
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  try {
    return await withTenant(user.tenantId, async (tx) => {
      const branch = await loadBranch(tx, user, data.branchId);
      if (branch.activeTo) throw new ValidationError(fill(wording.branchClosed, { name: branch.name }));
      const roll = await tx.member.findMany({ where: { tenantId: user.tenantId, branchId: branch.id, endedOn: null }, select: { ...namedMemberSelect, users: { select: { id: true }, take: 1 } } });
      const labels = distinctNames(roll);
      const byId = new Map(roll.map((m) => [m.id, m]));
      const problems = ids.filter((id) => !byId.has(id) || byId.get(id)!.users.length > 0);
      if (problems.length > 0) {
        throw new ConflictError(
          fill(wording.membersChanged, { count: problems.length, name: branch.name }),
        );
      }
      const used = new Set<string>();
      const accounts: CreatedAccount[] = [];
      for (const [index, id] of ids.entries()) {
        const member = byId.get(id)!;
        let username: string | null = null;
        for (const candidate of usernameCandidates(member.fullName, member.birthDate ? member.birthDate.getUTCFullYear() : null)) {
          if (used.has(candidate)) continue;
          // Usernames are global (the login form names no tenant): this definer-rights lookup sees all.
          const taken = await tx.$queryRaw<{ userId: string }[]>`SELECT "userId" FROM app_find_login(${candidate})`;
          if (taken.length === 0) {
            username = candidate;
            break;
          }
        }
        if (!username) throw new ConflictError(fill(wording.noUsername, { name: member.fullName }));
        used.add(username);
        const created = await tx.user.create({
          data: { tenantId: user.tenantId, username, passwordHash: hashes[index]!, displayName: member.fullName, memberId: member.id, mustChangePassword: true },
          select: { id: true },
        });
        await tx.roleGrant.create({ data: { tenantId: user.tenantId, userId: created.id, role: "MEMBER", orgUnitId: branch.id }, select: { id: true } });
        accounts.push({ memberId: member.id, name: labels.get(member.id) ?? member.fullName, username, temporaryPassword: passwords[index]! });
      }
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "user.bulkCreate",
        entityType: "OrgUnit",
        entityId: branch.id,
        after: { branch: branch.name, role: "MEMBER", mustChangePassword: true, accounts: accounts.map((a) => ({ memberId: a.memberId, username: a.username })) },
        requestId: context.requestId ?? null,
      });
      return { branchName: branch.name, accounts };
    });
  } catch (error) {
    // Another administrator took one of the names at the same moment: nothing was written.
    if (isUniqueViolation(error, "User_username_key")) throw new ConflictError(wording.usernameRace);
    throw error;
  }
}
