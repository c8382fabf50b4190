-- Security (issue 13): revocable sessions, scoped tokens, login throttling by progressive delay,
-- an exact audit chain.

-- Sessions: every session cookie carries the account's session version at sign-in; the principal
-- query refuses a cookie whose version is not the current one. Logout, a password change, disabling,
-- re-enabling and revoking a role bump it, which ends every session of the account at once.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- Personal access tokens get a scope. CALENDAR reads the calendar feed only; READ may call every
-- GET of /api/v1; FULL may call everything except token management. Existing tokens made by
-- "Tạo liên kết lịch" (named as that button names them) become CALENDAR tokens; the others keep
-- the full access they were made with.
CREATE TYPE "TokenScope" AS ENUM ('CALENDAR', 'READ', 'FULL');
ALTER TABLE "PersonalAccessToken" ADD COLUMN "scope" "TokenScope" NOT NULL DEFAULT 'FULL';
UPDATE "PersonalAccessToken" SET "scope" = 'CALENDAR' WHERE "name" = 'Lịch sinh hoạt (iCal)';
ALTER TABLE "PersonalAccessToken" ALTER COLUMN "scope" DROP DEFAULT;

-- app_find_token also answers the scope, so the token's powers are known before anything else runs.
DROP FUNCTION app_find_token(text);
CREATE FUNCTION app_find_token(p_hash text) RETURNS TABLE ("tenantId" uuid, "tokenId" uuid, "userId" uuid, "scope" "TokenScope")
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT "tenantId", "id", "userId", "scope" FROM "PersonalAccessToken"
        WHERE "tokenHash" = p_hash AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now()) $$;
REVOKE ALL ON FUNCTION app_find_token(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_find_token(text) TO sosh_app;

-- Login: one statement gives everything the password check needs (the hash, whether the account
-- is disabled, its session version), so a known and an unknown username cost the same work.
CREATE FUNCTION app_login_account(p_username text)
  RETURNS TABLE ("tenantId" uuid, "userId" uuid, "username" text, "displayName" text, "passwordHash" text, "disabled" boolean, "sessionVersion" integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT "tenantId", "id", "username", "displayName", "passwordHash", "disabled", "sessionVersion"
        FROM "User" WHERE "username" = lower(p_username) $$;
REVOKE ALL ON FUNCTION app_login_account(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_login_account(text) TO sosh_app;

-- Throttling by progressive delay instead of a lockout: "retryAfter" is the earliest time the next
-- attempt on the key is looked at (see lib/auth/throttle.ts and the README's login policy).
ALTER TABLE "LoginThrottle" RENAME COLUMN "lockedUntil" TO "retryAfter";
DELETE FROM "LoginThrottle";

-- Audit entries are stamped when they are written (clock_timestamp), not when their transaction
-- began (now()): the entry of a change that waited for a row lock sorts after the change it waited for.
ALTER TABLE "AuditEntry" ALTER COLUMN "at" SET DEFAULT clock_timestamp();
