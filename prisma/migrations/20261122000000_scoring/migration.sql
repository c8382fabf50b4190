-- Scoring (issue 5): versioned rubrics per tenant, their assignment to subtrees, and scorecards.
-- Generated with npm run db:diff, then checks, grants and row-level security added by hand.
-- CreateEnum
CREATE TYPE "Level" AS ENUM ('GOOD', 'FAIR', 'AVERAGE', 'POOR');

-- CreateTable
CREATE TABLE "Rubric" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "effectiveFrom" DATE NOT NULL,
    "effectiveTo" DATE,
    "meetingKinds" "MeetingKind"[] NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "Rubric_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "RubricAssignment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "rubricCode" TEXT NOT NULL,
    "meetingKinds" "MeetingKind"[] NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RubricAssignment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Scorecard" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "rubricId" UUID NOT NULL,
    "facts" JSONB NOT NULL,
    "selfOverrides" JSONB,
    "selfMarks" JSONB NOT NULL,
    "selfNotes" TEXT,
    "selfTotalTenths" INTEGER,
    "selfLevel" "Level",
    "selfById" UUID,
    "selfAt" TIMESTAMPTZ(3),
    "voteFor" INTEGER,
    "voteAgainst" INTEGER,
    "voteAbstain" INTEGER,
    "voteEligible" INTEGER,
    "overseerMarks" JSONB,
    "overseerOverrides" JSONB,
    "overseerTotalTenths" INTEGER,
    "overseerLevel" "Level",
    "overseerReason" TEXT,
    "overseerById" UUID,
    "overseerAt" TIMESTAMPTZ(3),
    "finalMarks" JSONB,
    "finalOverrides" JSONB,
    "finalTotalTenths" INTEGER,
    "finalLevel" "Level",
    "finalReason" TEXT,
    "finalById" UUID,
    "finalAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Scorecard_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Rubric_tenantId_code_version_key" ON "Rubric"("tenantId", "code", "version");

-- CreateIndex
CREATE INDEX "RubricAssignment_tenantId_unitId_idx" ON "RubricAssignment"("tenantId", "unitId");

-- CreateIndex
CREATE INDEX "Scorecard_tenantId_rubricId_idx" ON "Scorecard"("tenantId", "rubricId");

-- CreateIndex
CREATE UNIQUE INDEX "Scorecard_tenantId_meetingId_key" ON "Scorecard"("tenantId", "meetingId");

-- AddForeignKey
ALTER TABLE "Rubric" ADD CONSTRAINT "Rubric_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricAssignment" ADD CONSTRAINT "RubricAssignment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RubricAssignment" ADD CONSTRAINT "RubricAssignment_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_tenantId_rubricId_fkey" FOREIGN KEY ("tenantId", "rubricId") REFERENCES "Rubric"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Checks the service also makes, kept true here whatever writes the rows.
ALTER TABLE "Rubric" ADD CONSTRAINT "Rubric_range_check" CHECK ("effectiveTo" IS NULL OR "effectiveTo" >= "effectiveFrom");
ALTER TABLE "Rubric" ADD CONSTRAINT "Rubric_version_check" CHECK ("version" >= 1);
ALTER TABLE "Rubric" ADD CONSTRAINT "Rubric_kinds_check" CHECK (cardinality("meetingKinds") >= 1);
ALTER TABLE "RubricAssignment" ADD CONSTRAINT "RubricAssignment_range_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");
ALTER TABLE "RubricAssignment" ADD CONSTRAINT "RubricAssignment_kinds_check" CHECK (cardinality("meetingKinds") >= 1);
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_votes_check" CHECK (
  ("voteFor" IS NULL) = ("voteAgainst" IS NULL) AND ("voteFor" IS NULL) = ("voteAbstain" IS NULL)
  AND ("voteFor" IS NULL) = ("voteEligible" IS NULL)
  AND ("voteFor" IS NULL OR ("voteFor" >= 0 AND "voteAgainst" >= 0 AND "voteAbstain" >= 0
                             AND "voteFor" + "voteAgainst" + "voteAbstain" <= "voteEligible")));
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_totals_check" CHECK (
  coalesce("selfTotalTenths", 0) >= 0 AND coalesce("overseerTotalTenths", 0) >= 0 AND coalesce("finalTotalTenths", 0) >= 0);
ALTER TABLE "Scorecard" ADD CONSTRAINT "Scorecard_overseer_reason_check" CHECK (
  "overseerMarks" IS NULL OR length(btrim(coalesce("overseerReason", ''))) > 0);

-- Grants and row-level security. A rubric version is never changed or deleted once written (a
-- scorecard keeps the rules it was scored under), so the application role may only add versions.
GRANT SELECT, INSERT ON "Rubric" TO sosh_app;
GRANT SELECT, INSERT, UPDATE ON "RubricAssignment", "Scorecard" TO sosh_app;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Rubric', 'RubricAssignment', 'Scorecard']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant())', t);
  END LOOP;
END
$$;
