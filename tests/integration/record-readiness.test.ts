// The home page's batched reading of many meetings' records (recordReadiness) gives, meeting by
// meeting, what getRecordSummary gives for each alone: complete attendance with both times, and
// minutes written with the vote recorded. (As the overseer, who reads both branches under him.)
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { getRecordSummary, recordReadiness } from "@/lib/meetings/record-summary";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type FixtureMeeting, type MeetingTenant } from "@/tests/fixtures/meetings";
import { at14 } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 4 });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function alone(meeting: FixtureMeeting) {
  const record = await withTenant(t.tenantId, (tx) => getRecordSummary(tx, t.overseer, meeting.id));
  return {
    attendanceComplete: record.attendance.complete && record.times.actualStart !== null && record.times.actualEnd !== null,
    minutesReady: record.minutes.complete && record.resolution.voteRecorded,
  };
}

describe("recordReadiness", () => {
  test("many meetings at once read as each does alone", async () => {
    const [m0, m1] = t.members;
    const meetings = [
      // Everyone marked, minutes and a vote: ready for adoption.
      await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-03-05"), attendance: "present", minutes: true, resolution: true }),
      // Everyone marked; minutes without a vote.
      await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-03-12"), attendance: "present", minutes: true }),
      // Everyone marked, minutes and a vote, but no end time.
      await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-03-19"), actualEnd: null, attendance: "present", minutes: true, resolution: true }),
      // Same branch and day as the first (one roll read for both): marks missing for some members, minutes half written.
      await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-03-05"), actualStart: "2025-03-05T09:00:00.000Z", attendance: { [m0!.id]: "PRESENT", [m1!.id]: "ABSENT_EXCUSED" }, minutes: { opening: "Khai mạc" } }),
      // Notified, the day passed, not held yet.
      await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14("2025-03-26") }),
      // Another branch of the recorder's.
      await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "HELD", plannedStart: at14("2025-03-05"), attendance: "present", minutes: true, resolution: true }),
    ];
    const rows = await withTenant(t.tenantId, (tx) =>
      tx.meeting.findMany({
        where: { tenantId: t.tenantId, id: { in: meetings.map((m) => m.id) } },
        select: { id: true, branchId: true, plannedStart: true, actualStart: true, actualEnd: true, branch: { select: { path: true } } },
      }),
    );
    const batched = await withTenant(t.tenantId, (tx) => recordReadiness(tx, t.overseer, rows));
    expect(batched.size).toBe(meetings.length);
    for (const meeting of meetings) expect(batched.get(meeting.id), meeting.plannedStart.toISOString()).toEqual(await alone(meeting));
    // The cases above cover all four answers.
    expect(new Set([...batched.values()].map((r) => JSON.stringify(r))).size).toBe(4);
  });

  test("a meeting outside the user's scope is a 404, as for one meeting alone", async () => {
    const meeting = await makeMeeting({ tenant: t, branchId: t.other.id, state: "HELD", plannedStart: at14("2025-04-02") });
    const rows = await withTenant(t.tenantId, (tx) =>
      tx.meeting.findMany({
        where: { tenantId: t.tenantId, id: meeting.id },
        select: { id: true, branchId: true, plannedStart: true, actualStart: true, actualEnd: true, branch: { select: { path: true } } },
      }),
    );
    await expect(withTenant(t.tenantId, (tx) => getRecordSummary(tx, t.overseer, meeting.id))).rejects.toMatchObject({ status: 404 });
    await expect(withTenant(t.tenantId, (tx) => recordReadiness(tx, t.overseer, rows))).rejects.toMatchObject({ status: 404 });
  });
});
