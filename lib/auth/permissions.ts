// One function decides every access: authorize(user, permission, orgUnit). A role is granted on an
// org unit and covers its whole subtree. Unknown permissions, missing users and missing units all
// answer "no" (fail closed).
import type { Role } from "@/lib/generated/prisma/enums";
import { isInSubtree } from "@/lib/domain/org-path";

export interface Grant {
  role: Role;
  orgUnitId: string;
  /** Materialized path of the unit the role was granted on. */
  path: string;
}

export interface Principal {
  id: string;
  tenantId: string;
  grants: readonly Grant[];
}

const ROLES_BY_PERMISSION = {
  "org.read": ["TENANT_ADMIN", "RECORDER", "OVERSEER", "REVIEWER", "LEADER"],
  "org.manage": ["TENANT_ADMIN"],
  "member.read": ["TENANT_ADMIN", "RECORDER", "OVERSEER", "REVIEWER", "LEADER"],
  "member.manage": ["TENANT_ADMIN"],
  "user.manage": ["TENANT_ADMIN"],
  "settings.manage": ["TENANT_ADMIN"],
  "audit.read": ["TENANT_ADMIN", "REVIEWER"],
  "meeting.read": ["TENANT_ADMIN", "RECORDER", "OVERSEER", "REVIEWER", "LEADER"],
  "meeting.record": ["RECORDER"],
  /** Đảng phí month grid: the branch's secretary (recorder) and the tenant's administrators. */
  "dues.record": ["RECORDER", "TENANT_ADMIN"],
  "meeting.attendOwn": ["MEMBER"],
  "score.self": ["RECORDER"],
  "score.confirm": ["OVERSEER"],
  "score.review": ["REVIEWER"],
  "dashboard.read": ["LEADER", "REVIEWER", "TENANT_ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ROLES_BY_PERMISSION;

export function rolesFor(permission: Permission): readonly Role[] {
  return ROLES_BY_PERMISSION[permission] ?? [];
}

/** Grants of the user that carry the permission (the roots of the subtrees they may act on). */
export function grantsFor(user: Principal | null | undefined, permission: Permission): Grant[] {
  if (!user) return [];
  const roles: readonly Role[] = rolesFor(permission);
  return user.grants.filter((grant) => roles.includes(grant.role));
}

export function authorize(
  user: Principal | null | undefined,
  permission: Permission,
  orgUnit: { path: string; tenantId?: string } | null | undefined,
): boolean {
  if (!user || !orgUnit) return false;
  if (orgUnit.tenantId !== undefined && orgUnit.tenantId !== user.tenantId) return false;
  return grantsFor(user, permission).some((grant) => isInSubtree(orgUnit.path, grant.path));
}

/** Whether the user holds the permission anywhere (for navigation, never for data access). */
export function canAnywhere(user: Principal | null | undefined, permission: Permission): boolean {
  return grantsFor(user, permission).length > 0;
}

/** The highest subtree roots among the user's grants for a permission (no root inside another). */
export function scopeRoots(user: Principal | null | undefined, permission: Permission): Grant[] {
  const grants = grantsFor(user, permission).sort((a, b) => a.path.length - b.path.length);
  const roots: Grant[] = [];
  for (const grant of grants) {
    if (!roots.some((root) => isInSubtree(grant.path, root.path))) roots.push(grant);
  }
  return roots;
}
