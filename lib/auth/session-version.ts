// Revocable sessions. A session cookie is a signed JWT that cannot be recalled, so each carries the
// account's session version at sign-in and the principal query (lib/auth/session.ts) refuses a
// cookie whose version is no longer the account's. Bumping the version ends every session of the
// account at once: logout (here and Auth.js's own sign-out), "đăng xuất trên mọi thiết bị", a
// password change or reset, disabling, re-enabling and revoking a role (lib/auth/users.ts).
import type { JWT } from "next-auth/jwt";
import { recordAudit } from "@/lib/audit/record";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";

/** Ends every session of the account (in the caller's transaction, with its change). */
export async function bumpSessionVersion(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${userId}::uuid`;
}

/**
 * Sign-out: the account's sessions end, if the cookie signing out is still a live one (a stale
 * cookie must not be able to end the sessions opened after it).
 */
export async function endSessionsOnSignOut(token: JWT): Promise<void> {
  const userId = token.sub;
  const tenantId = token.tid;
  const version = typeof token.sv === "number" ? token.sv : 0;
  if (!isUuid(userId) || !isUuid(tenantId)) return;
  await withTenant(tenantId, async (tx) => {
    const ended = await tx.$executeRaw`
      UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1
      WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${userId}::uuid AND "sessionVersion" = ${version}`;
    if (ended > 0) {
      await recordAudit(tx, { tenantId, actorUserId: userId, action: "auth.logout", entityType: "User", entityId: userId });
    }
  });
}

/** "Đăng xuất trên mọi thiết bị": the account page's button; the caller's own session ends too. */
export async function logoutEverywhere(actor: { id: string; tenantId: string }, requestId?: string | null): Promise<void> {
  await withTenant(actor.tenantId, async (tx) => {
    await bumpSessionVersion(tx, actor.tenantId, actor.id);
    await recordAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.id,
      action: "auth.logoutEverywhere",
      entityType: "User",
      entityId: actor.id,
      requestId: requestId ?? null,
    });
  });
}
