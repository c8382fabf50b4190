-- Issue 14: an exemption (miễn công tác và sinh hoạt đảng) is decided by the branch at a meeting and
-- recorded in its resolution book (SPEC §7: from, to, reason, decidedAtMeetingId). Optional: older
-- exemptions and those imported from the roster carry none.
ALTER TABLE "Exemption" ADD COLUMN "decidedAtMeetingId" UUID;
ALTER TABLE "Exemption" ADD CONSTRAINT "Exemption_tenantId_decidedAtMeetingId_fkey" FOREIGN KEY ("tenantId", "decidedAtMeetingId") REFERENCES "Meeting"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "Exemption_tenantId_decidedAtMeetingId_idx" ON "Exemption"("tenantId", "decidedAtMeetingId");
