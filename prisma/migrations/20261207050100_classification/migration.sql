-- Year-end classification, QĐ 366-QĐ/TW (issue 16): versioned classification frames per tenant,
-- their assignment to subtrees, one classification per subject and period with every column of the
-- workflow, and members' yearly commitments. Written as npm run db:diff would, then checks, grants
-- and row-level security added by hand.

-- CreateEnum
CREATE TYPE "ClassificationSubject" AS ENUM ('COLLECTIVE', 'MEMBER_LEADER', 'MEMBER');

-- CreateEnum
CREATE TYPE "ClassificationLevel" AS ENUM ('EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED');

-- CreateEnum
CREATE TYPE "ClassificationPeriodKind" AS ENUM ('YEAR', 'QUARTER', 'TERM');

-- CreateEnum
CREATE TYPE "ClassificationState" AS ENUM ('DRAFT', 'SELF_ASSESSED', 'BRANCH_REVIEWED', 'APPRAISED', 'DECIDED');

-- CreateTable
CREATE TABLE "ClassificationFrame" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" "ClassificationSubject" NOT NULL,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "effectiveFrom" DATE NOT NULL,
    "effectiveTo" DATE,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "ClassificationFrame_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ClassificationFrameAssignment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "frameCode" TEXT NOT NULL,
    "subjects" "ClassificationSubject"[] NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ClassificationFrameAssignment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Classification" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "subject" "ClassificationSubject" NOT NULL,
    "subjectId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "memberId" UUID,
    "periodKind" "ClassificationPeriodKind" NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "frameId" UUID NOT NULL,
    "decidingUnitId" UUID NOT NULL,
    "state" "ClassificationState" NOT NULL DEFAULT 'DRAFT',
    "evidence" JSONB,
    "selfMarks" JSONB NOT NULL,
    "selfFacts" JSONB,
    "selfNotes" JSONB,
    "selfTotalTenths" INTEGER,
    "selfLevel" "ClassificationLevel",
    "selfById" UUID,
    "selfAt" TIMESTAMPTZ(3),
    "reviewMeetingId" UUID,
    "reviewComments" TEXT,
    "reviewLevel" "ClassificationLevel",
    "voteFor" INTEGER,
    "voteAgainst" INTEGER,
    "voteAbstain" INTEGER,
    "voteEligible" INTEGER,
    "reviewById" UUID,
    "reviewAt" TIMESTAMPTZ(3),
    "appraisalMarks" JSONB,
    "appraisalFacts" JSONB,
    "appraisalTotalTenths" INTEGER,
    "appraisalLevel" "ClassificationLevel",
    "appraisalReason" TEXT,
    "appraisalById" UUID,
    "appraisalAt" TIMESTAMPTZ(3),
    "decisionLevel" "ClassificationLevel",
    "decisionTotalTenths" INTEGER,
    "decisionReason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "returnReason" TEXT,
    "returnedById" UUID,
    "returnedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Classification_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "MemberCommitment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "registeredOn" DATE NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "MemberCommitment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ClassificationFrame_tenantId_code_version_key" ON "ClassificationFrame"("tenantId", "code", "version");

-- CreateIndex
CREATE INDEX "ClassificationFrameAssignment_tenantId_unitId_idx" ON "ClassificationFrameAssignment"("tenantId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Classification_tenantId_subjectId_periodKind_periodStart_key" ON "Classification"("tenantId", "subjectId", "periodKind", "periodStart");

-- CreateIndex
CREATE INDEX "Classification_tenantId_unitId_periodStart_idx" ON "Classification"("tenantId", "unitId", "periodStart");

-- CreateIndex
CREATE INDEX "Classification_tenantId_decidingUnitId_periodStart_idx" ON "Classification"("tenantId", "decidingUnitId", "periodStart");

-- CreateIndex
CREATE INDEX "Classification_tenantId_frameId_idx" ON "Classification"("tenantId", "frameId");

-- CreateIndex
CREATE UNIQUE INDEX "MemberCommitment_tenantId_memberId_year_key" ON "MemberCommitment"("tenantId", "memberId", "year");

-- AddForeignKey
ALTER TABLE "ClassificationFrame" ADD CONSTRAINT "ClassificationFrame_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassificationFrameAssignment" ADD CONSTRAINT "ClassificationFrameAssignment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassificationFrameAssignment" ADD CONSTRAINT "ClassificationFrameAssignment_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_tenantId_decidingUnitId_fkey" FOREIGN KEY ("tenantId", "decidingUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_tenantId_frameId_fkey" FOREIGN KEY ("tenantId", "frameId") REFERENCES "ClassificationFrame"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_tenantId_reviewMeetingId_fkey" FOREIGN KEY ("tenantId", "reviewMeetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberCommitment" ADD CONSTRAINT "MemberCommitment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberCommitment" ADD CONSTRAINT "MemberCommitment_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Checks the services also make, kept true here whatever writes the rows.
ALTER TABLE "ClassificationFrame" ADD CONSTRAINT "ClassificationFrame_range_check" CHECK ("effectiveTo" IS NULL OR "effectiveTo" >= "effectiveFrom");
ALTER TABLE "ClassificationFrame" ADD CONSTRAINT "ClassificationFrame_version_check" CHECK ("version" >= 1);
ALTER TABLE "ClassificationFrameAssignment" ADD CONSTRAINT "ClassificationFrameAssignment_range_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");
ALTER TABLE "ClassificationFrameAssignment" ADD CONSTRAINT "ClassificationFrameAssignment_subjects_check" CHECK (cardinality("subjects") >= 1);
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_period_check" CHECK ("periodEnd" >= "periodStart");
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_subject_check" CHECK (
  ("subject" = 'COLLECTIVE' AND "memberId" IS NULL AND "subjectId" = "unitId")
  OR ("subject" <> 'COLLECTIVE' AND "memberId" IS NOT NULL AND "subjectId" = "memberId"));
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_votes_check" CHECK (
  ("voteFor" IS NULL) = ("voteAgainst" IS NULL) AND ("voteFor" IS NULL) = ("voteAbstain" IS NULL)
  AND ("voteFor" IS NULL) = ("voteEligible" IS NULL)
  AND ("voteFor" IS NULL OR ("voteFor" >= 0 AND "voteAgainst" >= 0 AND "voteAbstain" >= 0
                             AND "voteFor" + "voteAgainst" + "voteAbstain" <= "voteEligible")));
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_totals_check" CHECK (
  coalesce("selfTotalTenths", 0) BETWEEN 0 AND 10000 AND coalesce("appraisalTotalTenths", 0) BETWEEN 0 AND 10000
  AND coalesce("decisionTotalTenths", 0) BETWEEN 0 AND 10000);
ALTER TABLE "Classification" ADD CONSTRAINT "Classification_decided_check" CHECK (
  ("state" = 'DECIDED') = ("decisionLevel" IS NOT NULL AND "decidedAt" IS NOT NULL));
ALTER TABLE "MemberCommitment" ADD CONSTRAINT "MemberCommitment_year_check" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "MemberCommitment" ADD CONSTRAINT "MemberCommitment_content_check" CHECK (length(btrim("content")) > 0);

-- The year's targets for the shares of each classification level (lib/classification/targets.ts)
-- live beside the dashboard's other targets.
ALTER TABLE "DashboardTarget" DROP CONSTRAINT "DashboardTarget_indicator_check";
ALTER TABLE "DashboardTarget" ADD CONSTRAINT "DashboardTarget_indicator_check" CHECK ("indicator" IN (
  'regularEveryMonth', 'thematicQuota', 'attendanceRate', 'unexcusedAbsences', 'goodShare', 'fairOrBetterShare',
  'overseerCoverage', 'resolutionsOnTime', 'minutesOnTime',
  'classGrassrootsGood', 'classGrassrootsExcellent', 'classBranchGood', 'classBranchExcellent',
  'classMemberGood', 'classMemberExcellent'));

-- Grants and row-level security. A frame version is never changed or deleted once written (a
-- classification keeps the frame it was assessed under), so the application role may only add versions.
GRANT SELECT, INSERT ON "ClassificationFrame" TO sosh_app;
GRANT SELECT, INSERT, UPDATE ON "ClassificationFrameAssignment", "Classification", "MemberCommitment" TO sosh_app;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ClassificationFrame', 'ClassificationFrameAssignment', 'Classification', 'MemberCommitment']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant())', t);
  END LOOP;
END
$$;
