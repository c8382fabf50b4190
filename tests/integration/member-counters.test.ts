// Issue 14 item 1: the year counters (Charter Art. 8.1 unexcused months, the excused streak) belong to
// the member, not to the branch. A member absent without reason in March and April at branch A,
// transferred in June, absent without reason in July at branch B has 3 months (SPEC §4.2), not 1;
// and the counters name the branch and meeting of every absence they count.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import type { AttendanceStatus } from "@/lib/generated/prisma/enums";
import { getAttendanceSheet, membersToWatch } from "@/lib/meetings/attendance";
import { memberCounters } from "@/lib/meetings/record-rules";
import { transferMember } from "@/lib/org/member-lifecycle";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type FixtureMeeting, type MeetingTenant } from "@/tests/fixtures/meetings";
import { addMember, at14, writeMarks } from "@/tests/fixtures/record";

let t: MeetingTenant;
const MONTHS = 8;
/** Branch A's and branch B's regular meetings on the 5th of months 1..8 of 2025 (index 0 = January). */
const atA: FixtureMeeting[] = [];
const atB: FixtureMeeting[] = [];
let septA: FixtureMeeting;
let septB: FixtureMeeting;

const day = (month: number) => `2025-${String(month).padStart(2, "0")}-05`;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 1 });
  for (let month = 1; month <= MONTHS; month += 1) {
    const base = { tenant: t, state: "MINUTES_ADOPTED" as const, attendance: {}, minutes: false, resolution: false, plannedStart: at14(day(month)) };
    atA.push(await makeMeeting(base));
    atB.push(await makeMeeting({ ...base, branchId: t.branch2.id }));
  }
  septA = await makeMeeting({ tenant: t, state: "HELD", plannedStart: at14("2025-09-05") });
  septB = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "HELD", plannedStart: at14("2025-09-05") });
}, 120_000);

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

/** The member's counters as the attendance page of `meeting` computes them (before a mark there). */
async function countersAt(meeting: FixtureMeeting, memberId: string, asBranch2 = false) {
  const sheet = await getAttendanceSheet(asBranch2 ? t.recorder2 : t.recorder, meeting.id);
  expect(sheet.roll.map((m) => m.memberId)).toContain(memberId);
  return memberCounters(sheet.history[memberId] ?? [], { date: sheet.meeting.day, kind: sheet.meeting.kind, mark: null }, sheet.thresholds);
}

describe("counters follow the member across a transfer", () => {
  test("unexcused in March and April at A, transferred in June, unexcused in July at B: 3 months, flagged, with the branch of each", async () => {
    const mover = await addMember(t, t.branch.id, { fullName: "Trần Văn Chuyển" });
    await writeMarks(t, atA[2]!.id, { [mover.id]: "ABSENT_UNEXCUSED" });
    await writeMarks(t, atA[3]!.id, { [mover.id]: "ABSENT_UNEXCUSED" });
    await writeMarks(t, atA[4]!.id, { [mover.id]: "ABSENT_EXCUSED" });
    await transferMember(t.admin, { memberId: mover.id, version: 1, targetBranchId: t.branch2.id, effectiveOn: "2025-06-01" });
    await writeMarks(t, atB[5]!.id, { [mover.id]: "ABSENT_EXCUSED" });
    await writeMarks(t, atB[6]!.id, { [mover.id]: "ABSENT_UNEXCUSED" });

    const sheet = await getAttendanceSheet(t.recorder2, septB.id);
    const watch = membersToWatch(sheet).find((w) => w.memberId === mover.id);
    expect(watch).toMatchObject({ unexcusedMonths: [3, 4, 7], unexcusedStatus: "FLAG", explanation: expect.stringContaining("xóa tên") });
    expect(watch!.sources.unexcused).toEqual([
      { date: "2025-03-05", meetingId: atA[2]!.id, branchName: t.branch.name },
      { date: "2025-04-05", meetingId: atA[3]!.id, branchName: t.branch.name },
      { date: "2025-07-05", meetingId: atB[6]!.id, branchName: t.branch2.name },
    ]);
    // The excused run of May (A) and June (B) did not restart at the transfer; July's unexcused absence ended it.
    expect(watch!.longestExcusedStreak).toBe(2);
    expect(watch!.sources.streak.map((s) => s.branchName)).toEqual([t.branch.name, t.branch2.name]);
  });

  test("property: replaying the same year with a transfer in the middle leaves the counters unchanged", async () => {
    const mark = fc.constantFrom<AttendanceStatus>("PRESENT", "ABSENT_EXCUSED", "ABSENT_UNEXCUSED", "SPECIAL_DUTY");
    await fc.assert(
      fc.asyncProperty(fc.array(mark, { minLength: MONTHS, maxLength: MONTHS }), fc.integer({ min: 2, max: MONTHS }), async (marks, moveMonth) => {
        const stayer = await addMember(t, t.branch.id);
        const mover = await addMember(t, t.branch.id);
        await transferMember(t.admin, {
          memberId: mover.id,
          version: 1,
          targetBranchId: t.branch2.id,
          effectiveOn: `2025-${String(moveMonth).padStart(2, "0")}-01`,
        });
        for (let i = 0; i < MONTHS; i += 1) {
          await writeMarks(t, atA[i]!.id, { [stayer.id]: marks[i]! });
          await writeMarks(t, (i + 1 < moveMonth ? atA : atB)[i]!.id, { [mover.id]: marks[i]! });
        }
        const stayed = await countersAt(septA, stayer.id);
        const moved = await countersAt(septB, mover.id, true);
        const shape = (c: typeof stayed) => ({
          longest: c.streak.longest,
          current: c.streak.current,
          runDates: c.streak.longestRun.map((r) => r.date),
          months: c.months.months,
          status: c.months.status,
        });
        expect(shape(moved)).toEqual(shape(stayed));
      }),
      { numRuns: 6, seed: 14 },
    );
  }, 300_000);
});
