-- Meetings (issue 4): settings with effective dates, annual plans, meetings and their preparation,
-- notices, notifications and the e-mail outbox, attendance, minutes, speeches, resolutions, tasks,
-- and personal access tokens. Generated with `npm run db:diff`, then RLS, grants and checks added.

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('REGULAR', 'THEMATIC', 'COMBINED', 'EXTRAORDINARY');

-- CreateEnum
CREATE TYPE "MeetingState" AS ENUM ('PLANNED', 'NOTIFIED', 'HELD', 'MINUTES_ADOPTED', 'SELF_SCORED', 'CONFIRMED', 'FINALISED', 'POSTPONED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'ABSENT_EXCUSED', 'ABSENT_UNEXCUSED', 'EXEMPT', 'ELSEWHERE', 'SPECIAL_DUTY');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('CONTENT', 'DRAFT_RESOLUTION', 'THEMATIC_MATERIAL', 'FINAL_RESOLUTION', 'MINUTES', 'OTHER');

-- CreateEnum
CREATE TYPE "VoteMethod" AS ENUM ('SHOW_OF_HANDS', 'BALLOT', 'APP');

-- CreateEnum
CREATE TYPE "TaskResult" AS ENUM ('DONE', 'PARTLY', 'NOT_DONE');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN     "meetingDay" INTEGER,
ADD COLUMN     "meetingPlace" TEXT,
ADD COLUMN     "meetingTime" TEXT;

-- CreateTable
CREATE TABLE "Setting" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "scopeUnitId" UUID,
    "effectiveFrom" DATE NOT NULL,
    "effectiveTo" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "AnnualPlan" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AnnualPlan_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ThematicTopic" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "quarter" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "presenterMemberId" UUID,

    CONSTRAINT "ThematicTopic_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "planId" UUID,
    "kind" "MeetingKind" NOT NULL,
    "hasThematicPart" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "topic" TEXT,
    "plannedStart" TIMESTAMPTZ(3) NOT NULL,
    "plannedEnd" TIMESTAMPTZ(3),
    "place" TEXT,
    "state" "MeetingState" NOT NULL DEFAULT 'PLANNED',
    "stateReason" TEXT,
    "actualStart" TIMESTAMPTZ(3),
    "actualEnd" TIMESTAMPTZ(3),
    "chairMemberId" UUID,
    "clerkMemberId" UUID,
    "preparedByMemberId" UUID,
    "ideologyMinutes" INTEGER,
    "content" TEXT,
    "draftResolution" TEXT,
    "noticeSentAt" TIMESTAMPTZ(3),
    "noticeToOverseer" BOOLEAN NOT NULL DEFAULT false,
    "lockedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PreMeeting" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "heldAt" TIMESTAMPTZ(3) NOT NULL,
    "attendees" TEXT,
    "notes" TEXT,
    "minuted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "PreMeeting_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "MeetingDocument" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "title" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "postedAt" TIMESTAMPTZ(3) NOT NULL,
    "postedById" UUID NOT NULL,

    CONSTRAINT "MeetingDocument_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "sentById" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "recipientCount" INTEGER NOT NULL,
    "includesOverseer" BOOLEAN NOT NULL,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "EmailOutbox" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "EmailOutbox_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "reason" TEXT,
    "exempt" BOOLEAN NOT NULL DEFAULT false,
    "arrivedAt" TIMESTAMPTZ(3),
    "leftAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "MeetingGuest" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "userId" UUID,

    CONSTRAINT "MeetingGuest_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Minutes" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "opening" TEXT,
    "proceedings" TEXT,
    "closing" TEXT,
    "adoptedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Minutes_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Speech" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "memberId" UUID,
    "speakerName" TEXT,
    "summary" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "isDiscussion" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Speech_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Resolution" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "number" TEXT,
    "body" TEXT NOT NULL,
    "votesFor" INTEGER,
    "votesAgainst" INTEGER,
    "votesAbstain" INTEGER,
    "voteDenominator" INTEGER,
    "voteMethod" "VoteMethod",
    "voteValid" BOOLEAN,
    "adoptedAt" TIMESTAMPTZ(3),
    "postedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Resolution_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "TaskAssignment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "reportMeetingId" UUID,
    "result" "TaskResult",
    "resultPercent" INTEGER,
    "resultNote" TEXT,
    "evaluatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TaskAssignment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PersonalAccessToken" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PersonalAccessToken_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "Setting_tenantId_key_idx" ON "Setting"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualPlan_tenantId_branchId_year_key" ON "AnnualPlan"("tenantId", "branchId", "year");

-- CreateIndex
CREATE INDEX "ThematicTopic_tenantId_planId_idx" ON "ThematicTopic"("tenantId", "planId");

-- CreateIndex
CREATE INDEX "Meeting_tenantId_branchId_plannedStart_idx" ON "Meeting"("tenantId", "branchId", "plannedStart");

-- CreateIndex
CREATE INDEX "Meeting_tenantId_plannedStart_idx" ON "Meeting"("tenantId", "plannedStart");

-- CreateIndex
CREATE UNIQUE INDEX "PreMeeting_tenantId_meetingId_key" ON "PreMeeting"("tenantId", "meetingId");

-- CreateIndex
CREATE INDEX "MeetingDocument_tenantId_meetingId_idx" ON "MeetingDocument"("tenantId", "meetingId");

-- CreateIndex
CREATE INDEX "Notice_tenantId_meetingId_idx" ON "Notice"("tenantId", "meetingId");

-- CreateIndex
CREATE INDEX "Notification_tenantId_userId_createdAt_idx" ON "Notification"("tenantId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "EmailOutbox_status_createdAt_idx" ON "EmailOutbox"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Attendance_tenantId_memberId_idx" ON "Attendance"("tenantId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_tenantId_meetingId_memberId_key" ON "Attendance"("tenantId", "meetingId", "memberId");

-- CreateIndex
CREATE INDEX "MeetingGuest_tenantId_meetingId_idx" ON "MeetingGuest"("tenantId", "meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "Minutes_tenantId_meetingId_key" ON "Minutes"("tenantId", "meetingId");

-- CreateIndex
CREATE INDEX "Speech_tenantId_meetingId_idx" ON "Speech"("tenantId", "meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "Resolution_tenantId_meetingId_key" ON "Resolution"("tenantId", "meetingId");

-- CreateIndex
CREATE INDEX "TaskAssignment_tenantId_meetingId_idx" ON "TaskAssignment"("tenantId", "meetingId");

-- CreateIndex
CREATE INDEX "TaskAssignment_tenantId_reportMeetingId_idx" ON "TaskAssignment"("tenantId", "reportMeetingId");

-- CreateIndex
CREATE INDEX "TaskAssignment_tenantId_memberId_idx" ON "TaskAssignment"("tenantId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalAccessToken_tokenHash_key" ON "PersonalAccessToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PersonalAccessToken_tenantId_userId_idx" ON "PersonalAccessToken"("tenantId", "userId");

-- AddForeignKey
ALTER TABLE "Setting" ADD CONSTRAINT "Setting_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Setting" ADD CONSTRAINT "Setting_tenantId_scopeUnitId_fkey" FOREIGN KEY ("tenantId", "scopeUnitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualPlan" ADD CONSTRAINT "AnnualPlan_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualPlan" ADD CONSTRAINT "AnnualPlan_tenantId_branchId_fkey" FOREIGN KEY ("tenantId", "branchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThematicTopic" ADD CONSTRAINT "ThematicTopic_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThematicTopic" ADD CONSTRAINT "ThematicTopic_tenantId_planId_fkey" FOREIGN KEY ("tenantId", "planId") REFERENCES "AnnualPlan"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThematicTopic" ADD CONSTRAINT "ThematicTopic_tenantId_presenterMemberId_fkey" FOREIGN KEY ("tenantId", "presenterMemberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_tenantId_branchId_fkey" FOREIGN KEY ("tenantId", "branchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_tenantId_planId_fkey" FOREIGN KEY ("tenantId", "planId") REFERENCES "AnnualPlan"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_tenantId_chairMemberId_fkey" FOREIGN KEY ("tenantId", "chairMemberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_tenantId_clerkMemberId_fkey" FOREIGN KEY ("tenantId", "clerkMemberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_tenantId_preparedByMemberId_fkey" FOREIGN KEY ("tenantId", "preparedByMemberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreMeeting" ADD CONSTRAINT "PreMeeting_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreMeeting" ADD CONSTRAINT "PreMeeting_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDocument" ADD CONSTRAINT "MeetingDocument_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDocument" ADD CONSTRAINT "MeetingDocument_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDocument" ADD CONSTRAINT "MeetingDocument_tenantId_postedById_fkey" FOREIGN KEY ("tenantId", "postedById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_tenantId_sentById_fkey" FOREIGN KEY ("tenantId", "sentById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailOutbox" ADD CONSTRAINT "EmailOutbox_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingGuest" ADD CONSTRAINT "MeetingGuest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingGuest" ADD CONSTRAINT "MeetingGuest_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingGuest" ADD CONSTRAINT "MeetingGuest_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Minutes" ADD CONSTRAINT "Minutes_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Minutes" ADD CONSTRAINT "Minutes_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Speech" ADD CONSTRAINT "Speech_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Speech" ADD CONSTRAINT "Speech_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Speech" ADD CONSTRAINT "Speech_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_tenantId_meetingId_fkey" FOREIGN KEY ("tenantId", "meetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_tenantId_reportMeetingId_fkey" FOREIGN KEY ("tenantId", "reportMeetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalAccessToken" ADD CONSTRAINT "PersonalAccessToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalAccessToken" ADD CONSTRAINT "PersonalAccessToken_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Checks Prisma cannot express.
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_meetingDay_check" CHECK ("meetingDay" IS NULL OR "meetingDay" BETWEEN 1 AND 28);
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_meetingTime_check" CHECK ("meetingTime" IS NULL OR "meetingTime" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
ALTER TABLE "Setting" ADD CONSTRAINT "Setting_range_check" CHECK ("effectiveTo" IS NULL OR "effectiveTo" >= "effectiveFrom");
ALTER TABLE "ThematicTopic" ADD CONSTRAINT "ThematicTopic_quarter_check" CHECK ("quarter" BETWEEN 1 AND 4);
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_times_check" CHECK (
  ("plannedEnd" IS NULL OR "plannedEnd" > "plannedStart") AND
  ("actualEnd" IS NULL OR ("actualStart" IS NOT NULL AND "actualEnd" > "actualStart")));
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_ideology_check" CHECK ("ideologyMinutes" IS NULL OR "ideologyMinutes" >= 0);
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_votes_check" CHECK (
  ("votesFor" IS NULL OR "votesFor" >= 0) AND ("votesAgainst" IS NULL OR "votesAgainst" >= 0) AND
  ("votesAbstain" IS NULL OR "votesAbstain" >= 0) AND
  ("voteDenominator" IS NULL OR COALESCE("votesFor", 0) + COALESCE("votesAgainst", 0) + COALESCE("votesAbstain", 0) <= "voteDenominator"));
ALTER TABLE "TaskAssignment" ADD CONSTRAINT "TaskAssignment_percent_check" CHECK ("resultPercent" IS NULL OR "resultPercent" BETWEEN 0 AND 100);
ALTER TABLE "MeetingDocument" ADD CONSTRAINT "MeetingDocument_size_check" CHECK ("sizeBytes" >= 0);
-- One setting row per key, scope and start date.
CREATE UNIQUE INDEX "Setting_key_scope_from_key" ON "Setting" ("tenantId", "key", COALESCE("scopeUnitId", '00000000-0000-0000-0000-000000000000'::uuid), "effectiveFrom");

-- Grants and row-level security for the new tenant tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON
  "Setting", "AnnualPlan", "ThematicTopic", "Meeting", "PreMeeting", "MeetingDocument", "Notice",
  "Notification", "EmailOutbox", "Attendance", "MeetingGuest", "Minutes", "Speech", "Resolution",
  "TaskAssignment", "PersonalAccessToken"
  TO sosh_app;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Setting', 'AnnualPlan', 'ThematicTopic', 'Meeting', 'PreMeeting', 'MeetingDocument',
                           'Notice', 'Notification', 'EmailOutbox', 'Attendance', 'MeetingGuest', 'Minutes',
                           'Speech', 'Resolution', 'TaskAssignment', 'PersonalAccessToken']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant())', t);
  END LOOP;
END
$$;

-- A personal access token names no tenant (like a login), so finding it looks across tenants:
-- this definer-rights function returns only ids for a token hash, never other rows.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_token_lookup ON "PersonalAccessToken" FOR SELECT TO %I USING (true)', current_user);
END
$$;
CREATE FUNCTION app_find_token(p_hash text) RETURNS TABLE ("tenantId" uuid, "tokenId" uuid, "userId" uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT "tenantId", "id", "userId" FROM "PersonalAccessToken"
        WHERE "tokenHash" = p_hash AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now()) $$;
REVOKE ALL ON FUNCTION app_find_token(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_find_token(text) TO sosh_app;
