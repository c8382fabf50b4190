// The current user for a request: identity from the Auth.js session, grants and status from the
// database (so revocations apply immediately). Memoised per request with React's cache().
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import type { Grant, Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db/tenant";
import { noteRequestUser } from "@/lib/log/request-context";

export interface CurrentUser extends Principal {
  username: string;
  displayName: string;
  memberId: string | null;
  mustChangePassword: boolean;
  tenantName: string;
  grants: Grant[];
}

interface PrincipalRow {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  memberId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  sessionVersion: number;
  tenantName: string;
  grants: Grant[];
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const tenantId = session?.tenantId;
  if (!isUuid(userId) || !isUuid(tenantId)) return null;
  // Cookies made before session versions existed carry none: they were all issued at version 0.
  const sessionVersion = session?.sessionVersion ?? 0;
  // One statement (user, tenant name and grants with their paths): this runs on every page,
  // action and API call, so it is worth being a single round trip.
  const rows = await withTenant(tenantId, (tx) =>
    tx.$queryRaw<PrincipalRow[]>`
      SELECT u."id", u."tenantId", u."username", u."displayName", u."memberId", u."disabled", u."mustChangePassword", u."sessionVersion",
             t."name" AS "tenantName",
             coalesce((SELECT json_agg(json_build_object('role', g."role", 'orgUnitId', g."orgUnitId", 'path', o."path") ORDER BY g."id")
                       FROM "RoleGrant" g JOIN "OrgUnit" o ON o."tenantId" = g."tenantId" AND o."id" = g."orgUnitId"
                       WHERE g."tenantId" = u."tenantId" AND g."userId" = u."id"), '[]'::json) AS "grants"
      FROM "User" u JOIN "Tenant" t ON t."id" = u."tenantId"
      WHERE u."tenantId" = ${tenantId}::uuid AND u."id" = ${userId}::uuid`,
  );
  const user = rows[0];
  // A disabled account, or a session ended since (logout, password change… lib/auth/session-version.ts).
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  noteRequestUser(user); // for the request's log line
  return {
    id: user.id,
    tenantId: user.tenantId,
    username: user.username,
    displayName: user.displayName,
    memberId: user.memberId,
    mustChangePassword: user.mustChangePassword,
    tenantName: user.tenantName,
    grants: user.grants,
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
