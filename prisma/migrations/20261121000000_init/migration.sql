-- Initial schema: tenants, org tree, members with history, accounts, role grants, audit, login throttle.
-- Hand-written in Prisma Migrate's format (see README "How to add a migration").

-- CreateEnum
CREATE TYPE "OrgUnitKind" AS ENUM ('BLOC_COMMITTEE', 'UPPER_COMMITTEE', 'GRASSROOTS_COMMITTEE', 'SUB_COMMITTEE', 'GRASSROOTS_BRANCH', 'BRANCH', 'PARTY_GROUP');
CREATE TYPE "OrgUnitCategory" AS ENUM ('ADMIN_PUBLIC', 'STATE_ENTERPRISE', 'NON_STATE_ENTERPRISE', 'SCHOOL_STUDENT', 'RESIDENTIAL', 'ARMED_FORCES');
CREATE TYPE "MemberStatus" AS ENUM ('OFFICIAL', 'PROBATIONARY');
CREATE TYPE "Gender" AS ENUM ('MALE', 'FEMALE');
CREATE TYPE "PositionKind" AS ENUM ('SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER', 'GROUP_LEADER');
CREATE TYPE "Role" AS ENUM ('TENANT_ADMIN', 'RECORDER', 'OVERSEER', 'REVIEWER', 'LEADER', 'MEMBER');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "OrgUnit" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "parentId" UUID,
    "kind" "OrgUnitKind" NOT NULL,
    "category" "OrgUnitCategory",
    "name" TEXT NOT NULL,
    "code" TEXT,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "hasCommittee" BOOLEAN NOT NULL DEFAULT false,
    "activeFrom" DATE NOT NULL,
    "activeTo" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "OrgUnit_pkey" PRIMARY KEY ("tenantId","id"),
    -- A unit never outlives itself, and its path ends with its own id.
    CONSTRAINT "OrgUnit_active_range_check" CHECK ("activeTo" IS NULL OR "activeTo" >= "activeFrom"),
    CONSTRAINT "OrgUnit_path_check" CHECK ("path" LIKE '%/' || "id"::text || '/')
);

CREATE TABLE "Member" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "fullName" TEXT NOT NULL,
    "gender" "Gender" NOT NULL,
    "birthDate" DATE NOT NULL,
    "partyCardNumber" TEXT,
    "admittedOn" DATE NOT NULL,
    "officialOn" DATE,
    "status" "MemberStatus" NOT NULL,
    "ethnicity" TEXT,
    "hometown" TEXT,
    "occupation" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Member_pkey" PRIMARY KEY ("tenantId","id"),
    CONSTRAINT "Member_official_after_admitted_check" CHECK ("officialOn" IS NULL OR "officialOn" >= "admittedOn")
);

CREATE TABLE "BranchMembership" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "note" TEXT,
    CONSTRAINT "BranchMembership_pkey" PRIMARY KEY ("tenantId","id"),
    CONSTRAINT "BranchMembership_range_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom")
);

CREATE TABLE "Position" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "kind" "PositionKind" NOT NULL,
    "termFrom" DATE NOT NULL,
    "termTo" DATE,
    CONSTRAINT "Position_pkey" PRIMARY KEY ("tenantId","id"),
    CONSTRAINT "Position_term_check" CHECK ("termTo" IS NULL OR "termTo" >= "termFrom")
);

CREATE TABLE "Exemption" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "reason" TEXT NOT NULL,
    CONSTRAINT "Exemption_pkey" PRIMARY KEY ("tenantId","id"),
    CONSTRAINT "Exemption_range_check" CHECK ("toDate" IS NULL OR "toDate" >= "fromDate")
);

CREATE TABLE "TemporaryTransfer" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "hostBranchId" UUID,
    "hostName" TEXT,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "reason" TEXT,
    CONSTRAINT "TemporaryTransfer_pkey" PRIMARY KEY ("tenantId","id"),
    CONSTRAINT "TemporaryTransfer_range_check" CHECK ("toDate" IS NULL OR "toDate" >= "fromDate"),
    CONSTRAINT "TemporaryTransfer_host_check" CHECK ("hostBranchId" IS NOT NULL OR "hostName" IS NOT NULL)
);

CREATE TABLE "Suspension" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "reason" TEXT NOT NULL,
    CONSTRAINT "Suspension_pkey" PRIMARY KEY ("tenantId","id"),
    CONSTRAINT "Suspension_range_check" CHECK ("toDate" IS NULL OR "toDate" >= "fromDate")
);

CREATE TABLE "User" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "memberId" UUID,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "User_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE TABLE "RoleGrant" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE TABLE "AuditEntry" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_code_key" ON "Tenant"("code");
CREATE UNIQUE INDEX "OrgUnit_tenantId_path_key" ON "OrgUnit"("tenantId", "path");
CREATE INDEX "OrgUnit_tenantId_parentId_idx" ON "OrgUnit"("tenantId", "parentId");
CREATE INDEX "OrgUnit_tenantId_path_prefix_idx" ON "OrgUnit"("tenantId", "path" text_pattern_ops);
CREATE INDEX "Member_tenantId_branchId_idx" ON "Member"("tenantId", "branchId");
CREATE UNIQUE INDEX "Member_tenantId_partyCardNumber_key" ON "Member"("tenantId", "partyCardNumber");
CREATE INDEX "BranchMembership_tenantId_memberId_idx" ON "BranchMembership"("tenantId", "memberId");
CREATE INDEX "BranchMembership_tenantId_branchId_idx" ON "BranchMembership"("tenantId", "branchId");
CREATE INDEX "Position_tenantId_orgUnitId_idx" ON "Position"("tenantId", "orgUnitId");
CREATE INDEX "Position_tenantId_memberId_idx" ON "Position"("tenantId", "memberId");
CREATE INDEX "Exemption_tenantId_memberId_idx" ON "Exemption"("tenantId", "memberId");
CREATE INDEX "TemporaryTransfer_tenantId_memberId_idx" ON "TemporaryTransfer"("tenantId", "memberId");
CREATE INDEX "Suspension_tenantId_memberId_idx" ON "Suspension"("tenantId", "memberId");
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE UNIQUE INDEX "RoleGrant_tenantId_userId_role_orgUnitId_key" ON "RoleGrant"("tenantId", "userId", "role", "orgUnitId");
CREATE INDEX "RoleGrant_tenantId_orgUnitId_idx" ON "RoleGrant"("tenantId", "orgUnitId");
CREATE INDEX "AuditEntry_tenantId_entityType_entityId_idx" ON "AuditEntry"("tenantId", "entityType", "entityId");
CREATE INDEX "AuditEntry_tenantId_at_idx" ON "AuditEntry"("tenantId", "at");

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_tenantId_parentId_fkey" FOREIGN KEY ("tenantId", "parentId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Member" ADD CONSTRAINT "Member_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Member" ADD CONSTRAINT "Member_tenantId_branchId_fkey" FOREIGN KEY ("tenantId", "branchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BranchMembership" ADD CONSTRAINT "BranchMembership_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BranchMembership" ADD CONSTRAINT "BranchMembership_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BranchMembership" ADD CONSTRAINT "BranchMembership_tenantId_branchId_fkey" FOREIGN KEY ("tenantId", "branchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Position" ADD CONSTRAINT "Position_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Position" ADD CONSTRAINT "Position_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Position" ADD CONSTRAINT "Position_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Exemption" ADD CONSTRAINT "Exemption_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Exemption" ADD CONSTRAINT "Exemption_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TemporaryTransfer" ADD CONSTRAINT "TemporaryTransfer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TemporaryTransfer" ADD CONSTRAINT "TemporaryTransfer_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "TemporaryTransfer" ADD CONSTRAINT "TemporaryTransfer_tenantId_hostBranchId_fkey" FOREIGN KEY ("tenantId", "hostBranchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Suspension" ADD CONSTRAINT "Suspension_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Suspension" ADD CONSTRAINT "Suspension_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RoleGrant" ADD CONSTRAINT "RoleGrant_tenantId_orgUnitId_fkey" FOREIGN KEY ("tenantId", "orgUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Application role: the app queries as this non-owner role (lib/db/client.ts sets it on every
-- connection), so row-level security applies to everything it does. Roles are cluster-wide, hence the guard.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sosh_app') THEN
    CREATE ROLE sosh_app NOLOGIN;
  END IF;
END
$$;
GRANT sosh_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO sosh_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON
  "Tenant", "OrgUnit", "Member", "BranchMembership", "Position", "Exemption", "TemporaryTransfer",
  "Suspension", "User", "RoleGrant", "LoginThrottle"
  TO sosh_app;
-- The audit trail is append-only for the application.
GRANT SELECT, INSERT ON "AuditEntry" TO sosh_app;

-- Row-level security: a tenant table shows and accepts only the rows of the tenant named by
-- app.tenant_id, which the tenant transaction helper sets locally. Unset means no rows at all.
-- FORCE makes the policy hold for the table owner too.
CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
GRANT EXECUTE ON FUNCTION app_current_tenant() TO sosh_app;

ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Tenant" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Tenant" USING ("id" = app_current_tenant()) WITH CHECK ("id" = app_current_tenant());

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['OrgUnit', 'Member', 'BranchMembership', 'Position', 'Exemption',
                           'TemporaryTransfer', 'Suspension', 'User', 'RoleGrant', 'AuditEntry']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant())', t);
  END LOOP;
END
$$;

-- Login names no tenant, so finding the account behind a username must look across tenants.
-- This definer-rights function returns only the tenant and user ids, never a row of another tenant.
-- FORCE ROW LEVEL SECURITY binds the owner too when it is not a superuser, so the owner (whose
-- rights the function runs with) gets a read-only policy of its own on "User".
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_login_lookup ON "User" FOR SELECT TO %I USING (true)', current_user);
END
$$;
CREATE FUNCTION app_find_login(p_username text) RETURNS TABLE ("tenantId" uuid, "userId" uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT "tenantId", "id" FROM "User" WHERE "username" = lower(p_username) $$;
REVOKE ALL ON FUNCTION app_find_login(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_find_login(text) TO sosh_app;
