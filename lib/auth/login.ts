// Verifies a username and password under the failed-login throttle (lib/auth/throttle.ts). Used by
// the Auth.js credentials provider; kept separate so it can be tested without a browser.
//
// A known and an unknown username do the same work in the same order: one lookup statement (the
// definer-rights function app_login_account, which answers the hash itself), the throttle claim
// on the same keys, one argon2id verification (against a fixed dummy hash when there is no
// account), so neither the answer nor its timing tells who has an account.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { isUnsafeText } from "@/lib/input/unsafe-text";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { ACCOUNT_POLICY, IP_POLICY, PAIR_POLICY, accountKey, claimAttempt, clearFailures, ipKey, pairKey, pruneThrottle, refundAttempt, type ThrottleKey } from "@/lib/auth/throttle";
import messages from "@/lib/i18n/messages";

const wording = messages.authServer.login;

export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, wording.usernameRequired).max(100),
  password: z.string().min(1, wording.passwordRequired).max(200),
});

export interface AuthenticatedUser {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  sessionVersion: number;
}

export type LoginResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  /** Too many failures: the next attempt is looked at from `until` on (nothing is locked). */
  | { ok: false; reason: "wait"; until: Date }
  | { ok: false; reason: "disabled" };

interface LoginRow {
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  disabled: boolean;
  sessionVersion: number;
}

export interface LoginAttempt {
  username: string;
  password: string;
  /** The client address (lib/http/client-address.ts). */
  ip: string;
  /** The browser holds a device cookie of this account (lib/auth/device-cookie.ts). */
  trustedDevice?: boolean;
}

export function throttleKeys(username: string, ip: string, trustedDevice: boolean): ThrottleKey[] {
  const keys: ThrottleKey[] = [
    { key: pairKey(username, ip), policy: PAIR_POLICY },
    { key: ipKey(ip), policy: IP_POLICY },
  ];
  if (!trustedDevice) keys.push({ key: accountKey(username), policy: ACCOUNT_POLICY });
  return keys;
}

/**
 * Counters nobody touched for a day are dropped at most once an hour per server process, during a
 * sign-in (unknown names must not grow the table forever). By the clock, not by chance: whether a
 * sign-in prunes never depends on the name tried (finding 11: the same work for every name).
 */
const PRUNE_EVERY_MS = 60 * 60_000;
let prunedAt = 0;
async function pruneThrottleNowAndThen(): Promise<void> {
  const now = Date.now();
  if (now - prunedAt < PRUNE_EVERY_MS) return;
  prunedAt = now;
  await pruneThrottle();
}

export async function authenticate(input: LoginAttempt): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(input);
  // A name Postgres cannot even compare (NUL, a lone surrogate) is no account's: the same answer.
  if (!parsed.success || isUnsafeText(input.username)) return { ok: false, reason: "invalid" };
  const { username, password } = parsed.data;
  const keys = throttleKeys(username, input.ip, input.trustedDevice === true);

  const [account] = await db().$queryRaw<LoginRow[]>`
    SELECT "tenantId", "userId", "username", "displayName", "passwordHash", "disabled", "sessionVersion" FROM app_login_account(${username})`;

  // The slot is claimed before the password is looked at, so a waiting key cannot test guesses.
  const claim = await claimAttempt(keys);
  if (!claim.ok) return { ok: false, reason: "wait", until: claim.until };

  const valid = await verifyPassword(account?.passwordHash ?? dummyPasswordHash(), password);
  await pruneThrottleNowAndThen();
  if (!account || !valid) return { ok: false, reason: "invalid" };
  if (account.disabled) return { ok: false, reason: "disabled" };

  await clearFailures([accountKey(username), pairKey(username, input.ip)]);
  await refundAttempt({ key: ipKey(input.ip), policy: IP_POLICY });
  await withTenant(account.tenantId, async (tx) => {
    await tx.user.update({
      where: { tenantId_id: { tenantId: account.tenantId, id: account.userId } },
      data: { lastLoginAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId: account.tenantId,
      actorUserId: account.userId,
      action: "auth.login",
      entityType: "User",
      entityId: account.userId,
      after: { ip: input.ip },
    });
  });
  return {
    ok: true,
    user: {
      id: account.userId,
      tenantId: account.tenantId,
      username: account.username,
      displayName: account.displayName,
      sessionVersion: account.sessionVersion,
    },
  };
}
