// Verifies a username and password under the failed-login throttle. Used by the Auth.js
// credentials provider; kept separate so it can be tested without a browser.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { ACCOUNT_POLICY, IP_POLICY, accountKey, clearFailures, ipKey, lockedUntil, recordFailure } from "@/lib/auth/throttle";

export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, "Nhập tên đăng nhập.").max(100),
  password: z.string().min(1, "Nhập mật khẩu.").max(200),
});

export interface AuthenticatedUser {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
}

export type LoginResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date }
  | { ok: false; reason: "disabled" };

export async function authenticate(input: { username: string; password: string; ip: string }): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { username, password } = parsed.data;
  const keys = [accountKey(username), ipKey(input.ip)];

  // A locked account or IP is refused before the password is even looked at, so a lockout
  // cannot be used to test guesses.
  const locked = await lockedUntil(keys);
  if (locked) return { ok: false, reason: "locked", until: locked };

  const [login] = await db().$queryRaw<{ tenantId: string; userId: string }[]>`
    SELECT "tenantId", "userId" FROM app_find_login(${username})`;
  const account = login
    ? await withTenant(login.tenantId, (tx) =>
        tx.user.findUnique({
          where: { tenantId_id: { tenantId: login.tenantId, id: login.userId } },
          select: { id: true, tenantId: true, username: true, displayName: true, passwordHash: true, disabled: true },
        }),
      )
    : null;

  // Unknown users cost one hash verification too, so timing does not reveal who exists.
  const valid = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!account || !valid) {
    const until = [await recordFailure(keys[0]!, ACCOUNT_POLICY), await recordFailure(keys[1]!, IP_POLICY)]
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    return until ? { ok: false, reason: "locked", until } : { ok: false, reason: "invalid" };
  }
  if (account.disabled) return { ok: false, reason: "disabled" };

  await clearFailures(keys[0]!);
  await withTenant(account.tenantId, async (tx) => {
    await tx.user.update({
      where: { tenantId_id: { tenantId: account.tenantId, id: account.id } },
      data: { lastLoginAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: account.tenantId,
      actorUserId: account.id,
      action: "auth.login",
      entityType: "User",
      entityId: account.id,
      after: { ip: input.ip },
    });
  });
  return {
    ok: true,
    user: { id: account.id, tenantId: account.tenantId, username: account.username, displayName: account.displayName },
  };
}
