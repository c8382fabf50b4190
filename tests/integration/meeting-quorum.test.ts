// Issue 14 item 5: meeting.quorumRatio was never read. When a tenant sets one, "xác nhận đã họp" is
// refused with a clear message until the members present reach that share of D_att, and nothing
// changes; with the default (null, SPEC §4.2: no quorum confirmed) any attendance may be held.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors";
import { transition } from "@/lib/meetings/lifecycle";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { writeMarks } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 6 });
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const state = (id: string) => ownerDb().meeting.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } }, select: { state: true, version: true } });
const hold = (id: string) => transition(t.recorder, { id, transition: "hold", version: 1, actualStart: "2025-03-05T14:00", actualEnd: "2025-03-05T16:00" });

describe("quorum when a meeting is confirmed held", () => {
  test("no quorum by default: 3 of 6 present may be held", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "NOTIFIED" });
    const [a, b, c, d, e, f] = t.members.map((m) => m.id);
    await writeMarks(t, meeting.id, { [a!]: "PRESENT", [b!]: "PRESENT", [c!]: "PRESENT", [d!]: "ABSENT_EXCUSED", [e!]: "ABSENT_EXCUSED", [f!]: "ABSENT_UNEXCUSED" });
    await hold(meeting.id);
    expect((await state(meeting.id)).state).toBe("HELD");
  });

  test("quorumRatio = 2/3: 3 of 6 present is refused in Vietnamese and nothing changes; 4 of 6 is held", async () => {
    await withTenant(t.tenantId, (tx) =>
      tx.setting.create({ data: { tenantId: t.tenantId, key: "meeting.quorumRatio", value: 0.6667, scopeUnitId: t.branch.id, effectiveFrom: new Date("2025-01-01") } }),
    );
    const meeting = await makeMeeting({ tenant: t, state: "NOTIFIED" });
    const [a, b, c, d, e] = t.members.map((m) => m.id);
    // The sixth member is not marked yet: due, so counted as absent.
    await writeMarks(t, meeting.id, { [a!]: "PRESENT", [b!]: "PRESENT", [c!]: "PRESENT", [d!]: "ABSENT_EXCUSED", [e!]: "ABSENT_EXCUSED" });
    const error = await hold(meeting.id).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(
      "Chưa đủ số đảng viên dự để xác nhận đã họp: có mặt 3/6 đảng viên phải dự, cần ít nhất 4 (tỷ lệ 66,7% theo thiết lập của đơn vị). Kiểm tra lại điểm danh; nếu không đủ người, hãy hoãn kỳ sinh hoạt.",
    );
    expect(await state(meeting.id)).toEqual({ state: "NOTIFIED", version: 1 });

    await withTenant(t.tenantId, (tx) => tx.attendance.updateMany({ where: { tenantId: t.tenantId, meetingId: meeting.id, memberId: d! }, data: { status: "PRESENT", reason: null } }));
    await hold(meeting.id);
    expect((await state(meeting.id)).state).toBe("HELD");
  });
});
