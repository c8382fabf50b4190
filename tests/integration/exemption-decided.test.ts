// Issue 14 item 7 (SPEC §7): an exemption is decided by the branch at one of its meetings, and the
// record links to that meeting (decidedAtMeetingId). The meeting must be the member's branch's, held,
// on or before the first day of the exemption; otherwise a Vietnamese refusal and nothing is written.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { addExemption } from "@/lib/org/member-lifecycle";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { addMember, at14 } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 1 });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const exemptionsOf = (memberId: string) =>
  ownerDb().exemption.findMany({ where: { tenantId: t.tenantId, memberId }, select: { fromDate: true, decidedAtMeetingId: true } });

describe("an exemption linked to the meeting that decided it", () => {
  test("a held meeting of the member's branch before the start is kept with the exemption", async () => {
    const member = await addMember(t, t.branch.id, { fullName: "Lê Văn Cao Tuổi" });
    const meeting = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: at14("2025-03-05") });
    await addExemption(t.admin, { memberId: member.id, fromDate: "2025-04-01", toDate: "", reason: "Nam trên 60 tuổi", decidedAtMeetingId: meeting.id });
    expect(await exemptionsOf(member.id)).toEqual([{ fromDate: new Date("2025-04-01T00:00:00.000Z"), decidedAtMeetingId: meeting.id }]);
  });

  test("another branch's meeting, a meeting not held, or one after the start are refused and nothing is written", async () => {
    const member = await addMember(t, t.branch.id, { fullName: "Phan Thị Điều Trị" });
    const elsewhere = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "MINUTES_ADOPTED", plannedStart: at14("2025-03-05") });
    const planned = await makeMeeting({ tenant: t, state: "PLANNED", plannedStart: at14("2025-03-20") });
    const later = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-04-05") });
    const cases: [string, string][] = [
      [elsewhere.id, "Không tìm thấy kỳ sinh hoạt này"],
      [planned.id, "chưa diễn ra"],
      [later.id, "phải họp trước hoặc đúng ngày bắt đầu miễn"],
    ];
    for (const [meetingId, message] of cases) {
      const error = await addExemption(t.admin, { memberId: member.id, fromDate: "2025-04-01", toDate: "", reason: "Điều trị bệnh dài ngày", decidedAtMeetingId: meetingId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.decidedAtMeetingId?.[0]).toContain(message);
    }
    expect(await exemptionsOf(member.id)).toEqual([]);
  });
});
