// Failed-login throttling by progressive delay, with its state in Postgres so it holds across app
// replicas. Nothing is ever locked: after a few free failures each further attempt on a key must
// wait a little longer (1 s, 2 s, 4 s … up to the key's ceiling) before it is even looked at. The
// policy (README, "Login policy", against OWASP ASVS v4 §2.2) keys three counters:
//   - the account from one address (pair): 3 free failures, then up to 15 minutes;
//   - the account from anywhere: 10 free failures, then at most 36 s, so no more than 100 guesses an
//     hour reach one account (ASVS 2.2.1) while its owner waits seconds, not minutes. A browser that
//     signed in to the account before (a signed device cookie) skips this one: an attacker hammering
//     the account does not slow its owner down at all;
//   - the address against any account: 30 free failures, then up to 60 s (password spraying).
// An attempt claims its slot before the password is checked (one transaction that locks the rows),
// so concurrent attempts cannot slip in together; a success clears the account's counters.
import { db } from "@/lib/db/client";

export interface DelayPolicy {
  /** Failures that cost nothing. */
  free: number;
  /** Delay after the first failure beyond the free ones; doubles with each further failure. */
  baseSeconds: number;
  maxSeconds: number;
  /** A counter with no attempt for this long starts again from zero. */
  resetMinutes: number;
}

export const PAIR_POLICY: DelayPolicy = { free: 3, baseSeconds: 1, maxSeconds: 15 * 60, resetMinutes: 60 };
export const ACCOUNT_POLICY: DelayPolicy = { free: 10, baseSeconds: 1, maxSeconds: 36, resetMinutes: 60 };
export const IP_POLICY: DelayPolicy = { free: 30, baseSeconds: 1, maxSeconds: 60, resetMinutes: 15 };

export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const pairKey = (username: string, ip: string) => `pair:${ip}:${username.trim().toLowerCase()}`;

/** Seconds to wait after the n-th counted failure. */
export function delayAfter(failures: number, policy: DelayPolicy): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.min(30, failures - policy.free - 1));
}

export interface ThrottleKey {
  key: string;
  policy: DelayPolicy;
}

export type Claim = { ok: true } | { ok: false; until: Date };

interface Row {
  key: string;
  failures: number;
  retryAfter: Date | null;
  updatedAt: Date;
}

/**
 * Claims one attempt on every key: refused (nothing counted) while any key still has to wait;
 * otherwise each key counts the attempt as a failure and sets its next delay. A success then
 * clears the account's keys (clearFailures), so the count only stays for failures.
 */
export async function claimAttempt(keys: readonly ThrottleKey[], now = new Date()): Promise<Claim> {
  const names = [...new Set(keys.map((k) => k.key))].sort();
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "retryAfter", "updatedAt")
      SELECT k, 0, ${now}, NULL, ${now} FROM unnest(${names}::text[]) AS k
      ON CONFLICT ("key") DO NOTHING`;
    // Locked in key order: two attempts on overlapping keys wait for each other, never deadlock.
    const rows = await tx.$queryRaw<Row[]>`
      SELECT "key", "failures", "retryAfter", "updatedAt" FROM "LoginThrottle"
      WHERE "key" = ANY(${names}::text[]) ORDER BY "key" FOR UPDATE`;
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const current = keys.map(({ key, policy }) => {
      const row = byKey.get(key)!;
      const stale = row.updatedAt.getTime() < now.getTime() - policy.resetMinutes * 60_000;
      return { key, policy, failures: stale ? 0 : row.failures, retryAfter: stale ? null : row.retryAfter };
    });
    const waits = current.map((c) => c.retryAfter?.getTime() ?? 0).filter((t) => t > now.getTime());
    if (waits.length > 0) return { ok: false, until: new Date(Math.max(...waits)) };
    for (const c of current) {
      const failures = c.failures + 1;
      const delay = delayAfter(failures, c.policy);
      await tx.$executeRaw`
        UPDATE "LoginThrottle" SET "failures" = ${failures}, "retryAfter" = ${delay > 0 ? new Date(now.getTime() + delay * 1000) : null},
               "windowStart" = CASE WHEN ${c.failures === 0} THEN ${now} ELSE "windowStart" END, "updatedAt" = ${now}
        WHERE "key" = ${c.key}`;
    }
    return { ok: true } as const;
  });
}

/** A successful login clears the account's counters (the address's stays: it may be guessing many names). */
export async function clearFailures(keys: readonly string[]): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: { in: [...keys] } } });
}

/**
 * A successful login gives back the slot its attempt claimed on the address's counter, so the
 * address counts failures only: an office where forty people sign in behind one address is never
 * slowed down, while a spray of wrong guesses from it still is.
 */
export async function refundAttempt(key: ThrottleKey): Promise<void> {
  const { key: name, policy } = key;
  await db().$executeRaw`
    UPDATE "LoginThrottle" SET "failures" = GREATEST("failures" - 1, 0),
           "retryAfter" = CASE WHEN "failures" - 1 <= ${policy.free} THEN NULL ELSE "retryAfter" END
    WHERE "key" = ${name}`;
}

/** Counters nobody touched for a day are dropped (a spray of unknown names must not grow the table forever). */
export async function pruneThrottle(): Promise<void> {
  await db().$executeRaw`DELETE FROM "LoginThrottle" WHERE "updatedAt" < now() - interval '1 day'`;
}

/** Every counter of an account (from anywhere and per address), for an admin's password reset. */
export function accountThrottleKeysWhere(username: string): { OR: ({ key: string } | { key: { startsWith: string; endsWith: string } })[] } {
  const name = username.trim().toLowerCase();
  return { OR: [{ key: accountKey(name) }, { key: { startsWith: "pair:", endsWith: `:${name}` } }] };
}
