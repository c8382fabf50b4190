-- Superior-committee oversight (issue 6): who follows which branch (with history), delegations,
-- visits (registered before the meeting, recorded after it, back-dated ones approved by a reviewer)
-- and the follow-ups raised at a visit. Generated with npm run db:diff (only these tables kept), then
-- checks, grants and row-level security added by hand.
-- CreateEnum
CREATE TYPE "CommitteeLevel" AS ENUM ('PROVINCIAL', 'DISTRICT', 'GRASSROOTS');

-- CreateEnum
CREATE TYPE "VisitStatus" AS ENUM ('PLANNED', 'ATTENDED', 'ABSENT');

-- CreateEnum
CREATE TYPE "VisitApproval" AS ENUM ('NOT_NEEDED', 'PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "QuotaExclusion" AS ENUM ('RESIDENCE_BRANCH', 'OWN_BRANCH', 'DELEGATED');

-- CreateTable
CREATE TABLE "OverseerAssignment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "committeeLevel" "CommitteeLevel" NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "note" TEXT,
    "replacesId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "endedAt" TIMESTAMPTZ(3),
    "endedById" UUID,
    "endReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "OverseerAssignment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "OverseerDelegation" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "toUserId" UUID NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" UUID,

    CONSTRAINT "OverseerDelegation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "OverseerVisit" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "assignmentId" UUID,
    "delegationId" UUID,
    "status" "VisitStatus" NOT NULL,
    "registeredAt" TIMESTAMPTZ(3),
    "recordedAt" TIMESTAMPTZ(3),
    "remarks" TEXT,
    "guidance" TEXT,
    "countsForQuota" BOOLEAN NOT NULL DEFAULT true,
    "quotaExclusion" "QuotaExclusion",
    "approval" "VisitApproval" NOT NULL DEFAULT 'NOT_NEEDED',
    "reviewedById" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "OverseerVisit_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "OversightFollowUp" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "visitId" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "dueDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" UUID,
    "closingNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "OversightFollowUp_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "OverseerAssignment_tenantId_userId_idx" ON "OverseerAssignment"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "OverseerAssignment_tenantId_branchId_idx" ON "OverseerAssignment"("tenantId", "branchId");

-- CreateIndex
CREATE INDEX "OverseerDelegation_tenantId_assignmentId_idx" ON "OverseerDelegation"("tenantId", "assignmentId");

-- CreateIndex
CREATE INDEX "OverseerDelegation_tenantId_toUserId_idx" ON "OverseerDelegation"("tenantId", "toUserId");

-- CreateIndex
CREATE INDEX "OverseerVisit_tenantId_userId_idx" ON "OverseerVisit"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "OverseerVisit_tenantId_branchId_idx" ON "OverseerVisit"("tenantId", "branchId");

-- CreateIndex
CREATE UNIQUE INDEX "OverseerVisit_tenantId_meetingId_userId_key" ON "OverseerVisit"("tenantId", "meetingId", "userId");

-- CreateIndex
CREATE INDEX "OversightFollowUp_tenantId_visitId_idx" ON "OversightFollowUp"("tenantId", "visitId");

-- CreateIndex
CREATE INDEX "OversightFollowUp_tenantId_branchId_idx" ON "OversightFollowUp"("tenantId", "branchId");

-- AddForeignKey
ALTER TABLE "OverseerAssignment" ADD CONSTRAINT "OverseerAssignment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerAssignment" ADD CONSTRAINT "OverseerAssignment_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerAssignment" ADD CONSTRAINT "OverseerAssignment_tenantId_branchId_fkey" FOREIGN KEY ("tenantId", "branchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerDelegation" ADD CONSTRAINT "OverseerDelegation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerDelegation" ADD CONSTRAINT "OverseerDelegation_tenantId_assignmentId_fkey" FOREIGN KEY ("tenantId", "assignmentId") REFERENCES "OverseerAssignment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerDelegation" ADD CONSTRAINT "OverseerDelegation_tenantId_toUserId_fkey" FOREIGN KEY ("tenantId", "toUserId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_tenantId_branchId_fkey" FOREIGN KEY ("tenantId", "branchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_tenantId_assignmentId_fkey" FOREIGN KEY ("tenantId", "assignmentId") REFERENCES "OverseerAssignment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_tenantId_delegationId_fkey" FOREIGN KEY ("tenantId", "delegationId") REFERENCES "OverseerDelegation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OversightFollowUp" ADD CONSTRAINT "OversightFollowUp_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OversightFollowUp" ADD CONSTRAINT "OversightFollowUp_tenantId_visitId_fkey" FOREIGN KEY ("tenantId", "visitId") REFERENCES "OverseerVisit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OversightFollowUp" ADD CONSTRAINT "OversightFollowUp_tenantId_branchId_fkey" FOREIGN KEY ("tenantId", "branchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Checks the services also make, kept true here whatever writes the rows.
ALTER TABLE "OverseerAssignment" ADD CONSTRAINT "OverseerAssignment_range_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");
ALTER TABLE "OverseerAssignment" ADD CONSTRAINT "OverseerAssignment_ended_check" CHECK (
  ("endedAt" IS NULL) OR ("validTo" IS NOT NULL AND length(btrim(coalesce("endReason", ''))) > 0));
ALTER TABLE "OverseerAssignment" ADD CONSTRAINT "OverseerAssignment_version_check" CHECK ("version" >= 1);
ALTER TABLE "OverseerDelegation" ADD CONSTRAINT "OverseerDelegation_range_check" CHECK ("validTo" >= "validFrom");
-- A visit is made under exactly one of an assignment or a delegation; registered visits carry the
-- registration time, recorded ones the recording time; only an attended visit can need approval,
-- and a decided approval names who decided and when.
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_basis_check" CHECK (("assignmentId" IS NULL) <> ("delegationId" IS NULL));
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_status_check" CHECK (
  ("status" = 'PLANNED' AND "registeredAt" IS NOT NULL AND "recordedAt" IS NULL)
  OR ("status" <> 'PLANNED' AND "recordedAt" IS NOT NULL));
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_quota_check" CHECK ("countsForQuota" = ("quotaExclusion" IS NULL));
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_approval_check" CHECK (
  ("approval" = 'NOT_NEEDED' OR "status" = 'ATTENDED')
  AND (("approval" IN ('APPROVED', 'REJECTED')) = ("reviewedAt" IS NOT NULL AND "reviewedById" IS NOT NULL)));
ALTER TABLE "OverseerVisit" ADD CONSTRAINT "OverseerVisit_version_check" CHECK ("version" >= 1);
ALTER TABLE "OversightFollowUp" ADD CONSTRAINT "OversightFollowUp_text_check" CHECK (length(btrim("text")) > 0);
ALTER TABLE "OversightFollowUp" ADD CONSTRAINT "OversightFollowUp_closed_check" CHECK (("closedAt" IS NULL) = ("closedById" IS NULL));

-- Partial index: the open follow-ups of a branch, read by every preparation page of that branch.
CREATE INDEX "OversightFollowUp_open_idx" ON "OversightFollowUp"("tenantId", "branchId") WHERE "closedAt" IS NULL;

-- Grants and row-level security. Visits may be deleted (un-registering removes a planned visit);
-- assignments, delegations and follow-ups are ended or closed, never deleted (they are history).
GRANT SELECT, INSERT, UPDATE ON "OverseerAssignment", "OverseerDelegation", "OversightFollowUp" TO sosh_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "OverseerVisit" TO sosh_app;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['OverseerAssignment', 'OverseerDelegation', 'OverseerVisit', 'OversightFollowUp']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant())', t);
  END LOOP;
END
$$;
