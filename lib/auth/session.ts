// The current user for a request: identity from the Auth.js session, grants and status from the
// database (so revocations apply immediately). Memoised per request with React's cache().
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import type { Grant, Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db/tenant";

export interface CurrentUser extends Principal {
  username: string;
  displayName: string;
  memberId: string | null;
  mustChangePassword: boolean;
  tenantName: string;
  grants: Grant[];
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const tenantId = session?.tenantId;
  if (!isUuid(userId) || !isUuid(tenantId)) return null;
  const user = await withTenant(tenantId, async (tx) => {
    const [row, tenant] = await Promise.all([
      tx.user.findUnique({
        where: { tenantId_id: { tenantId, id: userId } },
        select: {
          id: true,
          tenantId: true,
          username: true,
          displayName: true,
          memberId: true,
          disabled: true,
          mustChangePassword: true,
          roleGrants: { select: { role: true, orgUnitId: true, orgUnit: { select: { path: true } } } },
        },
      }),
      tx.tenant.findUnique({ where: { id: tenantId }, select: { name: true } }),
    ]);
    return row && tenant ? { ...row, tenantName: tenant.name } : null;
  });
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    tenantId: user.tenantId,
    username: user.username,
    displayName: user.displayName,
    memberId: user.memberId,
    mustChangePassword: user.mustChangePassword,
    tenantName: user.tenantName,
    grants: user.roleGrants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, path: g.orgUnit.path })),
  };
});

/**
 * For pages: the signed-in user, or a redirect to the login page. While the user still has a
 * temporary password (mustChangePassword), every page sends them to /account to change it; only
 * the frame and /account itself pass `allowTemporaryPassword`, so there is no redirect loop.
 * Server actions (defineAction) and /api/v1 handlers (apiRoute) refuse such a user instead (403).
 */
export async function requireUser(options: { allowTemporaryPassword?: boolean } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && !options.allowTemporaryPassword) redirect("/account");
  return user;
}
