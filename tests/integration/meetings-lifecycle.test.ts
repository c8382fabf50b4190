// The meeting lifecycle: every transition with its from-states, permission, reason, version and
// preconditions on the record, and the audit entry it leaves. Written through the services, as
// the application role, under row-level security.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { applyTransition, availableTransitionsFor, transition } from "@/lib/meetings/lifecycle";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type FixtureMeeting, type MeetingTenant } from "@/tests/fixtures/meetings";

let t: MeetingTenant;
let otherTenant: MeetingTenant;

beforeAll(async () => {
  [t, otherTenant] = await Promise.all([makeMeetingTenant({ members: 4 }), makeMeetingTenant({ members: 1 })]);
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function refusal<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

const stored = (id: string) =>
  ownerDb().meeting.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: t.tenantId, id } },
    select: { state: true, stateReason: true, version: true, plannedStart: true, plannedEnd: true, actualStart: true, actualEnd: true, lockedAt: true },
  });
const audits = (id: string) =>
  ownerDb().auditEntry.findMany({
    where: { tenantId: t.tenantId, entityType: "Meeting", entityId: id, action: "meeting.transition" },
    select: { before: true, after: true, actorUserId: true },
    orderBy: { at: "asc" },
  });

async function addNotice(meeting: FixtureMeeting, sentAt = new Date()): Promise<void> {
  await withTenant(t.tenantId, (tx) =>
    tx.notice.create({
      data: {
        tenantId: t.tenantId,
        meetingId: meeting.id,
        sentAt,
        sentById: t.recorder.id,
        subject: "Thông báo",
        body: "Kính mời",
        recipientCount: t.members.length,
        includesOverseer: false,
      },
    }),
  );
}

describe("notify", () => {
  test("is refused until a notice was sent, then moves PLANNED → NOTIFIED with an audit entry", async () => {
    const meeting = await makeMeeting({ tenant: t });
    const error = await refusal(transition(t.recorder, { id: meeting.id, transition: "notify", version: 1 }), ValidationError);
    expect(error.message).toContain("Chưa gửi thông báo");
    expect((await stored(meeting.id)).state).toBe("PLANNED");

    await addNotice(meeting);
    const result = await transition(t.recorder, { id: meeting.id, transition: "notify", version: 1 });
    expect(result).toMatchObject({ from: "PLANNED", to: "NOTIFIED", version: 2 });
    expect(await stored(meeting.id)).toMatchObject({ state: "NOTIFIED", version: 2 });
    expect(await audits(meeting.id)).toEqual([
      {
        actorUserId: t.recorder.id,
        before: { state: "PLANNED", stateReason: null },
        after: { transition: "notify", state: "NOTIFIED", reason: null },
      },
    ]);
  });

  test("after a postponement, the notice sent before it no longer counts", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: "2026-12-05T07:00:00Z" });
    await transition(t.recorder, { id: meeting.id, transition: "postpone", version: 1, reason: "Trùng lịch hội nghị của Đảng ủy" });
    await transition(t.recorder, { id: meeting.id, transition: "replan", version: 2 });
    const error = await refusal(transition(t.recorder, { id: meeting.id, transition: "notify", version: 3 }), ValidationError);
    expect(error.message).toContain("đã được hoãn");
    await addNotice(meeting, new Date(Date.now() + 1000));
    await expect(transition(t.recorder, { id: meeting.id, transition: "notify", version: 3 })).resolves.toMatchObject({ to: "NOTIFIED" });
  });

  test("another service's step and the transition commit or roll back together (applyTransition in its tx)", async () => {
    const meeting = await makeMeeting({ tenant: t });
    await expect(
      withTenant(t.tenantId, async (tx) => {
        await tx.notice.create({
          data: { tenantId: t.tenantId, meetingId: meeting.id, sentAt: new Date(), sentById: t.recorder.id, subject: "S", body: "B", recipientCount: 1, includesOverseer: false },
        });
        await applyTransition(tx, t.recorder, meeting, "notify");
        throw new Error("e-mail outbox failed");
      }),
    ).rejects.toThrow("e-mail outbox failed");
    expect((await stored(meeting.id)).state).toBe("PLANNED");
    expect(await ownerDb().notice.count({ where: { tenantId: t.tenantId, meetingId: meeting.id } })).toBe(0);

    const result = await withTenant(t.tenantId, async (tx) => {
      await tx.notice.create({
        data: { tenantId: t.tenantId, meetingId: meeting.id, sentAt: new Date(), sentById: t.recorder.id, subject: "S", body: "B", recipientCount: 1, includesOverseer: false },
      });
      return applyTransition(tx, t.recorder, meeting, "notify");
    });
    expect(result.to).toBe("NOTIFIED");
  });
});

describe("hold", () => {
  test("needs the actual start and end, end after start, start not in the future", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "NOTIFIED" });
    const missing = await refusal(transition(t.recorder, { id: meeting.id, transition: "hold", version: 1 }), ValidationError);
    expect(Object.keys(missing.fieldErrors).sort()).toEqual(["actualEnd", "actualStart"]);

    const backwards = await refusal(
      transition(t.recorder, { id: meeting.id, transition: "hold", version: 1, actualStart: "2025-03-05T14:00", actualEnd: "2025-03-05T13:30" }),
      ValidationError,
    );
    expect(backwards.fieldErrors.actualEnd).toEqual(["Giờ kết thúc phải sau giờ bắt đầu."]);

    const future = await refusal(
      transition(t.recorder, { id: meeting.id, transition: "hold", version: 1, actualStart: "2099-03-05T14:00", actualEnd: "2099-03-05T16:00" }),
      ValidationError,
    );
    expect(future.fieldErrors.actualStart?.[0]).toContain("chưa tới");
    expect(await audits(meeting.id)).toEqual([]);
  });

  test("records the actual times given with it (read as Vietnam time) and moves to HELD", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "PLANNED" });
    await transition(t.recorder, { id: meeting.id, transition: "hold", version: 1, actualStart: "2025-03-05T14:05", actualEnd: "2025-03-05T15:50" });
    expect(await stored(meeting.id)).toMatchObject({
      state: "HELD",
      actualStart: new Date("2025-03-05T07:05:00Z"),
      actualEnd: new Date("2025-03-05T08:50:00Z"),
    });
    const [entry] = await audits(meeting.id);
    expect(entry?.after).toMatchObject({ state: "HELD", actualStart: "2025-03-05T07:05:00.000Z", actualEnd: "2025-03-05T08:50:00.000Z" });
  });

  test("uses times already recorded on the attendance screen", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "NOTIFIED", actualStart: "2025-03-05T07:00:00Z", actualEnd: "2025-03-05T08:40:00Z" });
    await expect(transition(t.recorder, { id: meeting.id, transition: "hold", version: 1 })).resolves.toMatchObject({ to: "HELD" });
  });

  test("is refused from a state it does not leave from", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD" });
    const error = await refusal(transition(t.recorder, { id: meeting.id, transition: "hold", version: 1 }), ValidationError);
    expect(error.message).toBe('Không thể xác nhận đã họp khi kỳ sinh hoạt đang ở trạng thái "Đã họp".');
  });
});

describe("adoptMinutes", () => {
  test("names the members not marked yet, then the missing minutes and resolution", async () => {
    const [a, b, c, d] = t.members;
    const meeting = await makeMeeting({ tenant: t, state: "HELD", attendance: { [a!.id]: "PRESENT", [b!.id]: "PRESENT" } });
    const first = await refusal(transition(t.recorder, { id: meeting.id, transition: "adoptMinutes", version: 1 }), ValidationError);
    expect(first.message).toContain("chưa điểm danh 2 đảng viên");
    expect(first.message).toContain(c!.fullName);
    expect(first.message).toContain(d!.fullName);
    expect(first.message).toContain("biên bản chưa có nội dung");
    expect(first.message).toContain("chưa ghi nghị quyết");
    expect((await stored(meeting.id)).state).toBe("HELD");
  });

  test("an exempt member may be left unmarked; with minutes and a voted resolution the minutes are adopted", async () => {
    const local = await makeMeetingTenant({ members: 3 });
    const [a, b, exempt] = local.members;
    await withTenant(local.tenantId, (tx) =>
      tx.exemption.create({ data: { tenantId: local.tenantId, memberId: exempt!.id, fromDate: fixtureDay("2024-01-01"), reason: "Trên 60 tuổi" } }),
    );
    const meeting = await makeMeeting({
      tenant: local,
      state: "HELD",
      attendance: { [a!.id]: "PRESENT", [b!.id]: "ABSENT_EXCUSED" },
      minutes: true,
      resolution: { votesFor: 1 },
    });
    await transition(local.recorder, { id: meeting.id, transition: "adoptMinutes", version: 1 });
    const after = await ownerDb().minutes.findUniqueOrThrow({
      where: { tenantId_meetingId: { tenantId: local.tenantId, meetingId: meeting.id } },
      select: { adoptedAt: true },
    });
    expect(after.adoptedAt).toBeInstanceOf(Date);
    expect(
      (await ownerDb().meeting.findUniqueOrThrow({ where: { tenantId_id: { tenantId: local.tenantId, id: meeting.id } }, select: { state: true } })).state,
    ).toBe("MINUTES_ADOPTED");
  });

  test("a resolution without its vote is not enough", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "HELD", attendance: "present", minutes: true, resolution: true });
    await ownerDb().resolution.updateMany({ where: { tenantId: t.tenantId, meetingId: meeting.id }, data: { votesFor: null, votesAgainst: null, votesAbstain: null } });
    const error = await refusal(transition(t.recorder, { id: meeting.id, transition: "adoptMinutes", version: 1 }), ValidationError);
    expect(error.message).toBe("Chưa thể thông qua biên bản: chưa ghi kết quả biểu quyết nghị quyết.");
  });
});

describe("postpone, replan, cancel", () => {
  test("postpone needs a reason; with a new date the planned time moves and keeps its length", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: "2026-12-05T07:00:00Z", plannedEnd: "2026-12-05T08:30:00Z" });
    const noReason = await refusal(transition(t.recorder, { id: meeting.id, transition: "postpone", version: 1, reason: "  " }), ValidationError);
    expect(noReason.fieldErrors.reason).toEqual(["Vui lòng nhập lý do (ít nhất 3 ký tự)."]);
    const earlier = await refusal(
      transition(t.recorder, { id: meeting.id, transition: "postpone", version: 1, reason: "Mưa bão", newStart: "2026-12-01T14:00" }),
      ValidationError,
    );
    expect(earlier.fieldErrors.newStart?.[0]).toContain("phải sau thời gian đã định");

    await transition(t.recorder, { id: meeting.id, transition: "postpone", version: 1, reason: "Mưa bão", newStart: "2026-12-12T08:00" });
    expect(await stored(meeting.id)).toMatchObject({
      state: "POSTPONED",
      stateReason: "Mưa bão",
      plannedStart: new Date("2026-12-12T01:00:00Z"),
      plannedEnd: new Date("2026-12-12T02:30:00Z"),
      version: 2,
    });
    const [entry] = await audits(meeting.id);
    expect(entry).toMatchObject({
      before: { state: "NOTIFIED", plannedStart: "2026-12-05T07:00:00.000Z" },
      after: { state: "POSTPONED", reason: "Mưa bão", plannedStart: "2026-12-12T01:00:00.000Z" },
    });

    await transition(t.recorder, { id: meeting.id, transition: "replan", version: 2 });
    expect(await stored(meeting.id)).toMatchObject({ state: "PLANNED", stateReason: null, version: 3 });
  });

  test("cancel needs a reason and works from PLANNED, NOTIFIED and POSTPONED, not after the meeting", async () => {
    const postponed = await makeMeeting({ tenant: t, state: "POSTPONED" });
    await refusal(transition(t.recorder, { id: postponed.id, transition: "cancel", version: 1 }), ValidationError);
    await transition(t.recorder, { id: postponed.id, transition: "cancel", version: 1, reason: "Sáp nhập chi bộ" });
    expect(await stored(postponed.id)).toMatchObject({ state: "CANCELLED", stateReason: "Sáp nhập chi bộ" });

    const held = await makeMeeting({ tenant: t, state: "HELD" });
    const error = await refusal(transition(t.recorder, { id: held.id, transition: "cancel", version: 1, reason: "Nhầm" }), ValidationError);
    expect(error.message).toContain('trạng thái "Đã họp"');
  });
});

describe("reopen and the lock", () => {
  test("only a reviewer reopens a locked meeting, with a reason; it goes back to HELD, unlocked", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "FINALISED" });
    expect((await stored(meeting.id)).lockedAt).toBeInstanceOf(Date);
    const byRecorder = await refusal(transition(t.recorder, { id: meeting.id, transition: "reopen", version: 1, reason: "Sửa biên bản" }), ForbiddenError);
    expect(byRecorder.message).toContain("cán bộ thẩm định");
    await refusal(transition(t.reviewer, { id: meeting.id, transition: "reopen", version: 1 }), ValidationError);

    await transition(t.reviewer, { id: meeting.id, transition: "reopen", version: 1, reason: "Biên bản ghi sai số đảng viên có mặt" });
    expect(await stored(meeting.id)).toMatchObject({ state: "HELD", lockedAt: null, stateReason: "Biên bản ghi sai số đảng viên có mặt" });
    const minutes = await ownerDb().minutes.findUniqueOrThrow({
      where: { tenantId_meetingId: { tenantId: t.tenantId, meetingId: meeting.id } },
      select: { adoptedAt: true },
    });
    expect(minutes.adoptedAt).toBeNull();
    const [entry] = await audits(meeting.id);
    expect(entry).toMatchObject({
      actorUserId: t.reviewer.id,
      before: { state: "FINALISED" },
      after: { state: "HELD", reason: "Biên bản ghi sai số đảng viên có mặt", lockedAt: null },
    });
  });

  test("the scoring moves are not made from the meeting page or API", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED" });
    const error = await refusal(transition(t.recorder, { id: meeting.id, transition: "selfScore", version: 1 }), ValidationError);
    expect(error.message).toContain("quy trình chấm điểm");
    expect((await stored(meeting.id)).state).toBe("MINUTES_ADOPTED");
  });

  test("finalise (by the scoring workflow, through applyTransition) locks the meeting", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "CONFIRMED" });
    await withTenant(t.tenantId, (tx) => applyTransition(tx, t.reviewer, meeting, "finalise"));
    expect((await stored(meeting.id)).lockedAt).toBeInstanceOf(Date);
  });
});

describe("versions, scope and permissions", () => {
  test("a stale version is refused and nothing is written", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "PLANNED" });
    await transition(t.recorder, { id: meeting.id, transition: "postpone", version: 1, reason: "Lý do một" });
    const error = await refusal(transition(t.recorder, { id: meeting.id, transition: "cancel", version: 1, reason: "Lý do hai" }), ConflictError);
    expect(error.message).toContain("vừa được người khác cập nhật");
    expect(await stored(meeting.id)).toMatchObject({ state: "POSTPONED", stateReason: "Lý do một", version: 2 });
    expect(await audits(meeting.id)).toHaveLength(1);
  });

  test("outside the user's scope or tenant a meeting is a 404; readable but not theirs to change is a 403", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "PLANNED" });
    const input = { id: meeting.id, transition: "cancel", version: 1, reason: "Không họp" };
    await refusal(transition(t.recorder2, input), NotFoundError);
    await refusal(transition(t.recorderOther, input), NotFoundError);
    await refusal(transition(otherTenant.recorder, input), NotFoundError);
    await refusal(transition(t.recorder, { ...input, id: randomUUID() }), NotFoundError);
    await refusal(transition(t.recorder, { ...input, id: "not-a-uuid" }), NotFoundError);
    await refusal(transition(t.overseer, input), ForbiddenError);
    await refusal(transition(t.leader, input), ForbiddenError);
    await refusal(transition(t.member, input), ForbiddenError);
    expect((await stored(meeting.id)).state).toBe("PLANNED");
  });

  test("the page offers only the moves the user may make in the current state", async () => {
    const branch = { path: t.branch.path };
    expect(availableTransitionsFor(t.recorder, { state: "PLANNED", branch }).sort()).toEqual(["cancel", "hold", "notify", "postpone"]);
    expect(availableTransitionsFor(t.recorder, { state: "HELD", branch })).toEqual(["adoptMinutes"]);
    expect(availableTransitionsFor(t.recorder, { state: "MINUTES_ADOPTED", branch })).toEqual([]);
    expect(availableTransitionsFor(t.reviewer, { state: "FINALISED", branch })).toEqual(["reopen"]);
    expect(availableTransitionsFor(t.overseer, { state: "PLANNED", branch })).toEqual([]);
    expect(availableTransitionsFor(t.member, { state: "PLANNED", branch })).toEqual([]);
  });
});
