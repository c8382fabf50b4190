// The scoring workflow through its services, as the application role under row-level security:
// draft → self-score with the branch vote → overseer confirms or adjusts → reviewer finalises (the
// meeting locks), the refusals on the way, return and reopen, and re-versioning of a rubric.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { transition } from "@/lib/meetings/lifecycle";
import { layoutFor } from "@/lib/scoring/layout";
import type { Rubric } from "@/lib/scoring/model";
import { ensureBuiltInRubrics, rubricColumns } from "@/lib/scoring/rubric-store";
import { HD42_2025 } from "@/lib/scoring/rubrics";
import { confirmScore, finaliseScore, getScorecard, returnScore, saveScoreDraft, submitSelfScore } from "@/lib/scoring/workflow";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type FixtureMeeting, type MeetingTenant, followBranch } from "@/tests/fixtures/meetings";
import { addMember } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 5 });
  await followBranch(t);
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

/** Full points on every MANUAL criterion that applies (the AUTO ones come from the record). */
function fullMarks(rubric: Rubric, hasThematicPart: boolean): Record<string, number> {
  const layout = layoutFor(rubric, hasThematicPart);
  return Object.fromEntries(
    layout.criteria.filter((c) => c.applicable && c.criterion.mode === "MANUAL").map((c) => [c.criterion.code, c.maxTenths / 10]),
  );
}

const NOVEMBER = "2025-11-05T07:00:00.000Z";
const adopted = (plannedStart = NOVEMBER) => makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart });
const card = (meetingId: string) =>
  ownerDb().scorecard.findUnique({ where: { tenantId_meetingId: { tenantId: t.tenantId, meetingId } } });
const meetingRow = (id: string) =>
  ownerDb().meeting.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } }, select: { state: true, lockedAt: true, version: true } });
const audits = (id: string) =>
  ownerDb().auditEntry.findMany({ where: { tenantId: t.tenantId, entityId: id, action: { startsWith: "scorecard." } }, select: { action: true, actorUserId: true }, orderBy: { at: "asc" } });
const vote = { voteFor: 5, voteAgainst: 0, voteAbstain: 0 };

describe("the scorecard of a held meeting", () => {
  test("a meeting that was not held cannot be scored", async () => {
    const planned = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: "2026-12-05T07:00:00.000Z" });
    const view = await getScorecard(t.recorder, planned.id);
    expect(view.notScorable).toMatch(/chưa diễn ra/);
    const error = await refusal(saveScoreDraft(t.recorder, { meetingId: planned.id, version: 0, marks: {} }), ValidationError);
    expect(error.message).toMatch(/chỉ chấm điểm kỳ sinh hoạt đã họp/);
    expect(await card(planned.id)).toBeNull();
  });

  test("AUTO criteria are prefilled with their evidence under the national rubric in force that day", async () => {
    const meeting = await adopted();
    const view = await getScorecard(t.recorder, meeting.id);
    expect(view.rubric?.code).toBe("HD42_2025");
    expect(view.facts?.present).toBe(5);
    expect(view.facts?.attendanceDenominator).toBe(5);
    expect(view.can.draft).toBe(true);
    expect(view.can.selfScore).toBe(true);
    expect(view.can.confirm).toBe(false);
    // The March 2025 meeting falls under HD 12 (HD 42 takes effect on 28/10/2025).
    const early = await adopted("2025-03-05T07:00:00.000Z");
    expect((await getScorecard(t.recorder, early.id)).rubric?.code).toBe("HD12_2018");
  });

  test("a draft keeps partial marks; a mark above the maximum or off its step saves nothing", async () => {
    const meeting = await adopted();
    const draft = await saveScoreDraft(t.recorder, { meetingId: meeting.id, version: 0, marks: { C1: 5 } });
    expect(draft.cardVersion).toBe(1);
    expect(draft.level).toBeNull();
    const stored = await card(meeting.id);
    expect(stored?.selfMarks).toEqual({ marks: { C1: 5 }, remarks: {} });
    expect(stored?.selfAt).toBeNull();

    const tooHigh = await refusal(saveScoreDraft(t.recorder, { meetingId: meeting.id, version: 1, marks: { C1: 50 } }), ValidationError);
    expect(tooHigh.message).toMatch(/C1/);
    const offStep = await refusal(saveScoreDraft(t.recorder, { meetingId: meeting.id, version: 1, marks: { C1: 4.3 } }), ValidationError);
    expect(offStep.fieldErrors?.["mark.C1"]?.[0]).toBeTruthy();
    expect((await card(meeting.id))?.version).toBe(1);
    expect((await card(meeting.id))?.selfMarks).toEqual({ marks: { C1: 5 }, remarks: {} });

    // Flat form fields reach the same schema as the JSON API.
    await saveScoreDraft(t.recorder, { meetingId: meeting.id, version: "1", "mark.C1": "4,5", "remark.C1": "Nội dung chưa sát" });
    expect((await card(meeting.id))?.selfMarks).toEqual({ marks: { C1: "4,5" }, remarks: { C1: "Nội dung chưa sát" } });
  });

  test("a stale version is refused and nothing is overwritten", async () => {
    const meeting = await adopted();
    await saveScoreDraft(t.recorder, { meetingId: meeting.id, version: 0, marks: { C1: 5 } });
    const error = await refusal(saveScoreDraft(t.recorder2, { meetingId: meeting.id, version: 0, marks: { C1: 1 } }), Error);
    // recorder2 records another branch: not found or forbidden, never a write.
    expect(error instanceof NotFoundError || error instanceof ValidationError || error instanceof ForbiddenError).toBe(true);
    await refusal(saveScoreDraft(t.recorder, { meetingId: meeting.id, version: 0, marks: { C1: 1 } }), ConflictError);
    expect((await card(meeting.id))?.selfMarks).toEqual({ marks: { C1: 5 }, remarks: {} });
  });

  test("self-score needs adopted minutes, every MANUAL mark, a reason for each deduction and a valid branch vote", async () => {
    const held = await makeMeeting({ tenant: t, state: "HELD", plannedStart: NOVEMBER, attendance: "present", minutes: true, resolution: true });
    const marks = fullMarks(HD42_2025, false);
    const notAdopted = await refusal(submitSelfScore(t.recorder, { meetingId: held.id, version: 0, marks, ...vote }), ValidationError);
    expect(notAdopted.message).toMatch(/thông qua biên bản/);

    const meeting = await adopted();
    const missing = await refusal(submitSelfScore(t.recorder, { meetingId: meeting.id, version: 0, marks: { C1: 5 }, ...vote }), ValidationError);
    expect(missing.message).toMatch(/Chưa chấm tiêu chí/);

    const deducted = { ...marks, C1: 3 };
    const noReason = await refusal(submitSelfScore(t.recorder, { meetingId: meeting.id, version: 0, marks: deducted, ...vote }), ValidationError);
    expect(noReason.message).toMatch(/lý do trừ điểm/);

    const rejected = await refusal(
      submitSelfScore(t.recorder, { meetingId: meeting.id, version: 0, marks, voteFor: 2, voteAgainst: 3, voteAbstain: 0 }),
      ValidationError,
    );
    expect(rejected.message).toMatch(/chưa tán thành/);
    const overVoted = await refusal(
      submitSelfScore(t.recorder, { meetingId: meeting.id, version: 0, marks, voteFor: 5, voteAgainst: 1, voteAbstain: 0 }),
      ValidationError,
    );
    expect(overVoted.fieldErrors?.voteFor).toBeTruthy();
    expect(await card(meeting.id)).toBeNull();
    expect((await meetingRow(meeting.id)).state).toBe("MINUTES_ADOPTED");

    const done = await submitSelfScore(t.recorder, {
      meetingId: meeting.id,
      version: 0,
      marks: deducted,
      remarks: { C1: "Nội dung chưa bám sát nghị quyết" },
      ...vote,
    });
    expect(done.state).toBe("SELF_SCORED");
    const stored = await card(meeting.id);
    expect(stored?.selfTotalTenths).toBe(Math.round(done.total * 10));
    expect(stored?.voteFor).toBe(5);
    expect(stored?.voteEligible).toBe(5);
    expect(stored?.selfById).toBe(t.recorder.id);
  });
});

describe("self → overseer → reviewer, side by side, then the lock", () => {
  let meeting: FixtureMeeting;
  let selfTotal = 0;

  beforeAll(async () => {
    meeting = await adopted();
    const result = await submitSelfScore(t.recorder, { meetingId: meeting.id, version: 0, marks: fullMarks(HD42_2025, false), ...vote });
    selfTotal = result.total;
  });

  test("only the overseer confirms, and an adjustment needs a reason", async () => {
    await refusal(confirmScore(t.recorder, { meetingId: meeting.id, version: 1, mode: "confirm" }), ForbiddenError);
    const adjusted = { ...fullMarks(HD42_2025, false), C1: 3 };
    const noReason = await refusal(confirmScore(t.overseer, { meetingId: meeting.id, version: 1, mode: "adjust", marks: adjusted, remarks: { C1: "Chưa sát" } }), ValidationError);
    expect(noReason.fieldErrors?.reason?.[0]).toMatch(/lý do điều chỉnh/);
    expect((await meetingRow(meeting.id)).state).toBe("SELF_SCORED");

    const done = await confirmScore(t.overseer, {
      meetingId: meeting.id,
      version: 1,
      mode: "adjust",
      marks: adjusted,
      remarks: { C1: "Nội dung chưa sát tình hình" },
      reason: "Nội dung sinh hoạt chưa gắn với nhiệm vụ chính trị của đơn vị",
    });
    expect(done.state).toBe("CONFIRMED");
    expect(done.total).toBe(selfTotal - 2);
  });

  test("the scorecard shows the self and overseer columns side by side", async () => {
    const view = await getScorecard(t.reviewer, meeting.id);
    expect(view.columns.self?.result.total).toBe(selfTotal);
    expect(view.columns.overseer?.result.total).toBe(selfTotal - 2);
    expect(view.columns.overseer?.reason).toMatch(/chưa gắn/);
    expect(view.columns.overseer?.by?.id).toBe(t.overseer.id);
    expect(view.effective?.column).toBe("overseer");
    expect(view.can.finalise).toBe(true);
    expect(view.factsLive).toBe(false);
  });

  test("the reviewer finalises; the meeting locks and nothing on the card moves any more", async () => {
    await refusal(finaliseScore(t.overseer, { meetingId: meeting.id, version: 2, mode: "approve" }), ForbiddenError);
    const done = await finaliseScore(t.reviewer, { meetingId: meeting.id, version: 2, mode: "approve" });
    expect(done.state).toBe("FINALISED");
    expect(done.total).toBe(selfTotal - 2);
    const row = await meetingRow(meeting.id);
    expect(row.lockedAt).not.toBeNull();
    const view = await getScorecard(t.recorder, meeting.id);
    expect(view.effective).toMatchObject({ column: "final", total: selfTotal - 2 });
    expect(view.columns.self?.result.total).toBe(selfTotal);
    expect(view.can).toMatchObject({ draft: false, selfScore: false, confirm: false, finalise: false });

    await refusal(saveScoreDraft(t.recorder, { meetingId: meeting.id, version: 3, marks: {} }), ValidationError);
    await refusal(confirmScore(t.overseer, { meetingId: meeting.id, version: 3, mode: "confirm" }), ValidationError);
    expect((await audits(meeting.id)).map((a) => a.action)).toEqual(["scorecard.selfScore", "scorecard.adjust", "scorecard.finalise"]);
  });

  test("only a reviewer reopens a locked meeting, with a reason", async () => {
    const version = (await meetingRow(meeting.id)).version;
    await refusal(transition(t.recorder, { id: meeting.id, transition: "reopen", version, reason: "Sửa biên bản" }), ForbiddenError);
    const reopened = await transition(t.reviewer, { id: meeting.id, transition: "reopen", version, reason: "Biên bản ghi sai số người dự" });
    expect(reopened.to).toBe("HELD");
    expect((await meetingRow(meeting.id)).lockedAt).toBeNull();
  });
});

describe("return, and the overseer who simply confirms", () => {
  test("a reviewer returns a card with a reason; the branch scores again and the confirmation starts over", async () => {
    const meeting = await adopted();
    await submitSelfScore(t.recorder, { meetingId: meeting.id, version: 0, marks: fullMarks(HD42_2025, false), ...vote });
    await confirmScore(t.overseer, { meetingId: meeting.id, version: 1, mode: "confirm" });
    await refusal(returnScore(t.reviewer, { meetingId: meeting.id, version: 2, reason: "" }), ValidationError);
    const returned = await returnScore(t.reviewer, { meetingId: meeting.id, version: 2, reason: "Thiếu minh chứng cho tiêu chí C1" });
    expect(returned.state).toBe("MINUTES_ADOPTED");
    const view = await getScorecard(t.recorder, meeting.id);
    expect(view.can.selfScore).toBe(true);
    expect(view.effective).toBeNull();

    await submitSelfScore(t.recorder, {
      meetingId: meeting.id,
      version: 3,
      marks: { ...fullMarks(HD42_2025, false), C1: 4 },
      remarks: { C1: "Bổ sung minh chứng, tự trừ 1 điểm" },
      ...vote,
    });
    const stored = await card(meeting.id);
    expect(stored?.overseerAt).toBeNull();
    expect(stored?.selfTotalTenths).not.toBeNull();
    expect((await getScorecard(t.overseer, meeting.id)).effective?.column).toBe("self");
  });
});

describe("a member added to the roll after the minutes were adopted", () => {
  test("counts as absent without reason and does not block the branch vote", async () => {
    const own = await makeMeetingTenant({ members: 5 });
    const meeting = await makeMeeting({ tenant: own, state: "MINUTES_ADOPTED", plannedStart: NOVEMBER });
    // A back-dated transfer puts a sixth member on the roll of the meeting day, with no mark.
    await addMember(own, own.branch.id, { fullName: "Trần Văn Đến Sau", from: "2025-01-01" });
    const view = await getScorecard(own.recorder, meeting.id);
    expect(view.facts).toMatchObject({ present: 5, attendanceDenominator: 6, absentUnexcused: 1 });
    const done = await submitSelfScore(own.recorder, { meetingId: meeting.id, version: 0, marks: fullMarks(HD42_2025, false), voteFor: 5, voteAgainst: 0, voteAbstain: 0 });
    expect(done.state).toBe("SELF_SCORED");
    expect(done.vote.denominator.value).toBe(6);
  });
});

describe("flags for the reviewer", () => {
  test("a short meeting scored by the branch is flagged on the card the reviewer opens", async () => {
    const meeting = await makeMeeting({
      tenant: t,
      state: "MINUTES_ADOPTED",
      plannedStart: NOVEMBER,
      actualStart: NOVEMBER,
      actualEnd: new Date(new Date(NOVEMBER).getTime() + 60 * 60_000),
    });
    expect((await getScorecard(t.reviewer, meeting.id)).anomalies).toEqual([]);
    await submitSelfScore(t.recorder, { meetingId: meeting.id, version: 0, marks: fullMarks(HD42_2025, false), ...vote });
    const flags = (await getScorecard(t.reviewer, meeting.id)).anomalies;
    expect(flags.map((f) => f.code)).toContain("SHORT_DURATION");
    expect(flags.find((f) => f.code === "SHORT_DURATION")?.message).toMatch(/60\/90/);
  });
});

describe("re-versioning: a rubric change never rewrites a finalised score", () => {
  test("a new tenant rubric applies to later meetings; the finalised card keeps its version and total", async () => {
    const first = await adopted();
    await submitSelfScore(t.recorder, { meetingId: first.id, version: 0, marks: fullMarks(HD42_2025, false), ...vote });
    const final = await finaliseScore(t.reviewer, { meetingId: first.id, version: 1, mode: "approve" });

    // The tenant adopts its own frame from 1/11/2025: the same as HD 42 but "Tốt" needs 95.
    const strict: Rubric = {
      ...HD42_2025,
      code: "STRICT",
      version: 1,
      scope: "TENANT",
      name: "Khung riêng (Tốt từ 95)",
      effectiveFrom: "2025-11-01",
      levelRules: HD42_2025.levelRules.map((r) => (r.level === "GOOD" ? { ...r, minTotal: 95 } : r)),
    };
    await withTenant(t.tenantId, async (tx) => {
      await ensureBuiltInRubrics(tx, t.tenantId);
      await tx.rubric.create({ data: { tenantId: t.tenantId, ...rubricColumns(strict) } });
      await tx.rubricAssignment.create({
        data: { tenantId: t.tenantId, unitId: t.root.id, rubricCode: "STRICT", meetingKinds: ["REGULAR", "THEMATIC", "COMBINED"], validFrom: new Date("2025-11-01T00:00:00Z") },
      });
    });

    const kept = await getScorecard(t.reviewer, first.id);
    expect(kept.rubric).toMatchObject({ code: "HD42_2025", version: 1 });
    expect(kept.effective?.total).toBe(final.total);

    const later = await adopted();
    expect((await getScorecard(t.recorder, later.id)).rubric?.code).toBe("STRICT");

    // The app role may add versions but never change one.
    await expect(
      withTenant(t.tenantId, (tx) => tx.$executeRaw`UPDATE "Rubric" SET "name" = 'x' WHERE "tenantId" = ${t.tenantId}::uuid`),
    ).rejects.toThrow();
  });
});
