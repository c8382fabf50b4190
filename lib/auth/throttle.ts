// Failed-login throttling with its state in Postgres, so a lockout holds across app replicas.
// Counters are kept per account and per client IP: each has a window and a temporary lockout.
import { db } from "@/lib/db/client";

export interface ThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
export const IP_POLICY: ThrottlePolicy = { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 };

export const accountKey = (username: string) => `account:${username.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The latest lockout among the keys, if any is still in force. */
export async function lockedUntil(keys: string[]): Promise<Date | null> {
  const rows = await db().loginThrottle.findMany({
    where: { key: { in: keys }, lockedUntil: { gt: new Date() } },
    select: { lockedUntil: true },
  });
  const times = rows.map((row) => row.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * Counts one failure against a key in a single atomic statement (concurrent attempts cannot
 * race past the limit) and returns the lockout it triggered, if any.
 */
export async function recordFailure(key: string, policy: ThrottlePolicy): Promise<Date | null> {
  const rows = await db().$queryRaw<{ lockedUntil: Date | null }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "lockedUntil", "updatedAt")
    VALUES (${key}, 1, now(), CASE WHEN ${policy.maxFailures}::int <= 1 THEN now() + make_interval(mins => ${policy.lockMinutes}::int) END, now())
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE
        WHEN "LoginThrottle"."windowStart" < now() - make_interval(mins => ${policy.windowMinutes}::int)
          OR "LoginThrottle"."lockedUntil" <= now() THEN 1
        ELSE "LoginThrottle"."failures" + 1 END,
      "windowStart" = CASE
        WHEN "LoginThrottle"."windowStart" < now() - make_interval(mins => ${policy.windowMinutes}::int)
          OR "LoginThrottle"."lockedUntil" <= now() THEN now()
        ELSE "LoginThrottle"."windowStart" END,
      "lockedUntil" = CASE
        WHEN "LoginThrottle"."windowStart" >= now() - make_interval(mins => ${policy.windowMinutes}::int)
          AND ("LoginThrottle"."lockedUntil" IS NULL OR "LoginThrottle"."lockedUntil" > now())
          AND "LoginThrottle"."failures" + 1 >= ${policy.maxFailures}::int
          THEN now() + make_interval(mins => ${policy.lockMinutes}::int)
        WHEN "LoginThrottle"."lockedUntil" <= now() THEN NULL
        ELSE "LoginThrottle"."lockedUntil" END,
      "updatedAt" = now()
    RETURNING "lockedUntil"`;
  const until = rows[0]?.lockedUntil ?? null;
  return until && until.getTime() > Date.now() ? until : null;
}

/** A successful login clears the account's counter (the IP's stays: it may be guessing many names). */
export async function clearFailures(key: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key } });
}
