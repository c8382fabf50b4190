// The year-end classification workflow (QĐ 366) through its services, as the application role
// under row-level security: a member's self-assessment → the branch's review meeting and vote →
// the overseer's appraisal → Ban Tổ chức's decision, which locks; the branch's own case; returns;
// refusals (wrong role, outside the subtree, stale version, bad marks, failed conditions, a vote
// that does not pass); and the cap on "xuất sắc" at the deciding level.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getBoard } from "@/lib/classification/board";
import { appraise, decide, decideMany, getCase, recordBranchReview, recordBranchReviews, returnCase, saveSelfAssessment } from "@/lib/classification/workflow";
import { QD366_COLLECTIVE, QD366_MEMBER } from "@/lib/classification/frames";
import type { Frame } from "@/lib/classification/model";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";

let t: MeetingTenant;
let reviewMeetingId: string;
const NOW = new Date("2026-12-10T03:00:00.000Z");
const PERIOD = "2026";

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 5 });
  // The branch's year-end review meeting, held with everyone present.
  reviewMeetingId = (await makeMeeting({ tenant: t, kind: "REVIEW", state: "MINUTES_ADOPTED", title: "Hội nghị kiểm điểm năm 2026", plannedStart: "2026-12-03T07:00:00.000Z" })).id;
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

/** Marks adding up to `total` out of 100 (criteria scaled down, the rest where there is room). */
function marksFor(frame: Frame, total: number): Record<string, number> {
  const criteria = frame.groups.flatMap((g) => g.criteria);
  const marks = Object.fromEntries(criteria.map((c) => [c.code, Math.floor((c.maxPoints * total) / 100)]));
  let rest = total - Object.values(marks).reduce((a, b) => a + b, 0);
  for (const c of criteria) {
    const add = Math.min(rest, c.maxPoints - marks[c.code]!);
    marks[c.code] = marks[c.code]! + add;
    rest -= add;
  }
  return marks;
}

function remarksFor(frame: Frame): Record<string, string> {
  return Object.fromEntries(frame.groups.flatMap((g) => g.criteria.filter((c) => !c.evidence?.length).map((c) => [c.code, "Chủ động đề xuất cải tiến quy trình của phòng"])));
}

const goodFacts = { allTasksOnTime: true, exceededPercent: 35, latePercent: 0, disciplined: false };
const vote = { voteFor: 5, voteAgainst: 0, voteAbstain: 0 };
const audits = (id: string) =>
  ownerDb().auditEntry.findMany({ where: { tenantId: t.tenantId, entityId: id, action: { startsWith: "classification." } }, select: { action: true, actorUserId: true }, orderBy: { at: "asc" } });

/** Self-assessment (submitted), branch review and appraisal of a member at `level`; returns the case id and version. */
async function toAppraised(memberIndex: number, level: "EXCELLENT" | "GOOD", total: number) {
  const memberId = t.members[memberIndex]!.id;
  const self = await saveSelfAssessment(
    t.recorder,
    { memberId, period: PERIOD, version: 0, submit: true, marks: marksFor(QD366_MEMBER, total), remarks: remarksFor(QD366_MEMBER), facts: goodFacts, proposedLevel: level },
    { now: NOW },
  );
  const reviewed = await recordBranchReview(t.recorder, { caseId: self.id, version: self.version, meetingId: reviewMeetingId, proposedLevel: level, comments: "Chi bộ thống nhất", ...vote }, { now: NOW });
  const appraised = await appraise(t.overseer, { caseId: self.id, version: reviewed.version, mode: "confirm", level }, { now: NOW });
  return { id: self.id, version: appraised.version };
}

describe("a member's classification, end to end", () => {
  test("the member drafts, submits, the branch votes, the overseer appraises, Ban Tổ chức decides and it locks", async () => {
    const me = t.members[0]!.id;
    // The frame that would rate them is shown before anything is saved.
    const blank = await getCase(t.member, { memberId: me, period: PERIOD }, { now: NOW });
    expect(blank).toMatchObject({ id: null, version: 0, state: "DRAFT", subject: "MEMBER", frame: { code: "QD366_DANG_VIEN", source: { kind: "default" } } });
    expect(blank.decidingUnit.name).toBe(t.g.name);
    expect(blank.can.self).toBe(true);
    expect(blank.evidence.items.memberAttendance?.lines[0]).toContain("Có mặt 1/1 kỳ");

    // A draft may be partial; a mark above the maximum is refused even in a draft.
    const draft = await saveSelfAssessment(t.member, { memberId: me, period: PERIOD, version: 0, marks: { C1: 9 } }, { now: NOW });
    expect(draft).toMatchObject({ state: "DRAFT", version: 1, total: 9 });
    const over = await refusal(saveSelfAssessment(t.member, { caseId: draft.id, version: 1, marks: { C1: 11 } }, { now: NOW }), ValidationError);
    expect(over.message).toBe("Điểm tiêu chí C1 (11) vượt điểm tối đa 10.");
    expect(over.fieldErrors).toEqual({ "marks.C1": ["Điểm tiêu chí C1 (11) vượt điểm tối đa 10."] });

    // Submitting needs every mark, a remark on the judged criterion, the facts and a level the record allows.
    const marks = marksFor(QD366_MEMBER, 92);
    const missingFacts = await refusal(saveSelfAssessment(t.member, { caseId: draft.id, version: 1, submit: true, marks, remarks: remarksFor(QD366_MEMBER), proposedLevel: "EXCELLENT" }, { now: NOW }), ValidationError);
    expect(missingFacts.message).toContain("Cần khai báo các điều kiện xếp loại trước khi gửi");
    const noRemark = await refusal(saveSelfAssessment(t.member, { caseId: draft.id, version: 1, submit: true, marks, facts: goodFacts, proposedLevel: "GOOD" }, { now: NOW }), ValidationError);
    expect(noRemark.fieldErrors).toHaveProperty("remarks.C2");
    const tooHigh = await refusal(
      saveSelfAssessment(t.member, { caseId: draft.id, version: 1, submit: true, marks, remarks: remarksFor(QD366_MEMBER), facts: { ...goodFacts, exceededPercent: 10 }, proposedLevel: "EXCELLENT" }, { now: NOW }),
      ValidationError,
    );
    expect(tooHigh.message).toContain('Chưa đủ điều kiện xếp loại "Hoàn thành xuất sắc nhiệm vụ"');
    expect(tooHigh.message).toContain("XS_VUOT_MUC");
    const submitted = await saveSelfAssessment(
      t.member,
      { caseId: draft.id, version: 1, submit: true, marks, remarks: remarksFor(QD366_MEMBER), facts: goodFacts, proposedLevel: "EXCELLENT", notes: { strengths: "Hoàn thành tốt nhiệm vụ chuyên môn", weaknesses: "", remedies: "" } },
      { now: NOW },
    );
    expect(submitted).toMatchObject({ state: "SELF_ASSESSED", version: 2, total: 92, level: "EXCELLENT" });
    // The member can no longer change it; the evidence is kept as read that day.
    await refusal(saveSelfAssessment(t.member, { caseId: draft.id, version: 2, marks }, { now: NOW }), ValidationError);
    const kept = await getCase(t.recorder, { caseId: draft.id }, { now: NOW });
    expect(kept.evidenceLive).toBe(false);
    expect(kept.can).toMatchObject({ review: true, appraise: false, decide: false });

    // The branch's review meeting: the kind and the vote are checked; the branch proposes a level.
    const regular = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: "2026-11-05T07:00:00.000Z" });
    const wrongKind = await refusal(recordBranchReview(t.recorder, { caseId: draft.id, version: 2, meetingId: regular.id, proposedLevel: "EXCELLENT", ...vote }, { now: NOW }), ValidationError);
    expect(wrongKind.message).toContain("không phải hội nghị kiểm điểm");
    const failedVote = await refusal(recordBranchReview(t.recorder, { caseId: draft.id, version: 2, meetingId: reviewMeetingId, proposedLevel: "EXCELLENT", voteFor: 2, voteAgainst: 3, voteAbstain: 0 }, { now: NOW }), ValidationError);
    expect(failedVote.message).toMatch(/^Chi bộ chưa tán thành mức xếp loại đề nghị/);
    await refusal(recordBranchReview(t.member, { caseId: draft.id, version: 2, meetingId: reviewMeetingId, proposedLevel: "EXCELLENT", ...vote }, { now: NOW }), ForbiddenError);
    const reviewed = await recordBranchReview(t.recorder, { caseId: draft.id, version: 2, meetingId: reviewMeetingId, proposedLevel: "EXCELLENT", comments: "Đồng chí gương mẫu", ...vote }, { now: NOW });
    expect(reviewed).toMatchObject({ state: "BRANCH_REVIEWED", version: 3 });

    // The overseer adjusts a mark with a reason and proposes "tốt"; a different level needs the reason too.
    const adjusted = { ...marks, N1: marks.N1! - 4 };
    const noReason = await refusal(appraise(t.overseer, { caseId: draft.id, version: 3, mode: "adjust", marks: adjusted, facts: goodFacts, level: "GOOD" }, { now: NOW }), ValidationError);
    expect(noReason.fieldErrors).toHaveProperty("reason");
    await refusal(appraise(t.recorder, { caseId: draft.id, version: 3, mode: "confirm", level: "EXCELLENT" }, { now: NOW }), ForbiddenError);
    const appraised = await appraise(t.overseer, { caseId: draft.id, version: 3, mode: "adjust", marks: adjusted, facts: goodFacts, level: "GOOD", reason: "Một nhiệm vụ hoàn thành chậm so với kế hoạch" }, { now: NOW });
    expect(appraised).toMatchObject({ state: "APPRAISED", total: 88, level: "GOOD" });

    // Ban Tổ chức: the recorder may not decide; a stale version is a conflict; the decision locks.
    await refusal(decide(t.recorder, { caseId: draft.id, version: appraised.version, level: "GOOD" }, { now: NOW }), ForbiddenError);
    await refusal(decide(t.reviewer, { caseId: draft.id, version: appraised.version - 1, level: "GOOD" }, { now: NOW }), ConflictError);
    const over88 = await refusal(decide(t.reviewer, { caseId: draft.id, version: appraised.version, level: "EXCELLENT", reason: "Có thành tích đột xuất" }, { now: NOW }), ValidationError);
    expect(over88.message).toContain("tổng điểm 88 chưa đạt 90 điểm");
    const decided = await decide(t.reviewer, { caseId: draft.id, version: appraised.version, level: "GOOD" }, { now: NOW });
    expect(decided).toMatchObject({ state: "DECIDED", level: "GOOD", total: 88 });
    await refusal(returnCase(t.reviewer, { caseId: draft.id, version: decided.version, reason: "Xem lại" }, { now: NOW }), ValidationError);

    const view = await getCase(t.leader, { caseId: draft.id }, { now: NOW });
    expect(view.self?.result.total).toBe(92);
    expect(view.review).toMatchObject({ level: "EXCELLENT", vote: { for: 5, against: 0, abstain: 0, eligible: 5 } });
    expect(view.appraisal).toMatchObject({ adjusted: true, level: "GOOD", reason: "Một nhiệm vụ hoàn thành chậm so với kế hoạch" });
    expect(view.decision).toMatchObject({ level: "GOOD", total: 88 });
    expect(view.effective).toEqual({ level: "GOOD", source: "decision" });
    expect((await audits(draft.id)).map((a) => a.action)).toEqual([
      "classification.draft",
      "classification.selfAssess",
      "classification.branchReview",
      "classification.appraiseAdjust",
      "classification.decide",
    ]);
  });

  test("a case is a 404 outside the subtree and for another member", async () => {
    await refusal(getCase(t.recorderOther, { memberId: t.members[0]!.id, period: PERIOD }, { now: NOW }), NotFoundError);
    await refusal(getCase(t.member, { memberId: t.members[1]!.id, period: PERIOD }, { now: NOW }), NotFoundError);
    await refusal(saveSelfAssessment(t.recorderOther, { memberId: t.members[1]!.id, period: PERIOD, version: 0, marks: {} }, { now: NOW }), NotFoundError);
    await refusal(getCase(t.reviewer, { memberId: t.members[1]!.id, period: "2026-Q5" }, { now: NOW }), ValidationError);
  });

  test("a return sends the case back to its draft with the reason; the marks stay", async () => {
    const memberId = t.members[4]!.id;
    const self = await saveSelfAssessment(
      t.recorder,
      { memberId, period: PERIOD, version: 0, submit: true, marks: marksFor(QD366_MEMBER, 80), remarks: remarksFor(QD366_MEMBER), facts: goodFacts, proposedLevel: "GOOD" },
      { now: NOW },
    );
    const noReason = await refusal(returnCase(t.overseer, { caseId: self.id, version: self.version, reason: "" }, { now: NOW }), ValidationError);
    expect(noReason.message).toContain("lý do trả lại");
    const back = await returnCase(t.overseer, { caseId: self.id, version: self.version, reason: "Bổ sung nhận xét nơi cư trú" }, { now: NOW });
    expect(back.state).toBe("DRAFT");
    const view = await getCase(t.recorder, { caseId: self.id }, { now: NOW });
    expect(view.returned?.reason).toBe("Bổ sung nhận xét nơi cư trú");
    expect(view.self?.marks.marks.N1).toBe(marksFor(QD366_MEMBER, 80).N1);
    expect(view.can.self).toBe(true);
  });
});

describe("the branch's own classification", () => {
  test("the secretary self-assesses the branch, the branch votes, the overseer appraises, Ban Tổ chức decides", async () => {
    const marks = marksFor(QD366_COLLECTIVE, 91);
    const remarks = remarksFor(QD366_COLLECTIVE);
    // A member does not even see the branch's own case.
    await refusal(saveSelfAssessment(t.member, { unitId: t.branch.id, period: PERIOD, version: 0, marks }, { now: NOW }), NotFoundError);
    await refusal(saveSelfAssessment(t.recorder2, { unitId: t.branch.id, period: PERIOD, version: 0, marks }, { now: NOW }), NotFoundError);
    const view = await getCase(t.recorder, { unitId: t.branch.id, period: PERIOD }, { now: NOW });
    expect(view.frame.code).toBe("QD366_TAP_THE");
    expect(view.evidence.items.meetings?.source).toContain("Sổ sinh hoạt chi bộ");
    // "No discipline" is a condition of "xuất sắc" for an organisation.
    const disciplined = await refusal(
      saveSelfAssessment(t.recorder, { unitId: t.branch.id, period: PERIOD, version: 0, submit: true, marks, remarks, facts: { ...goodFacts, disciplined: true }, proposedLevel: "EXCELLENT" }, { now: NOW }),
      ValidationError,
    );
    expect(disciplined.message).toContain("XS_KHONG_KY_LUAT");
    const self = await saveSelfAssessment(t.recorder, { unitId: t.branch.id, period: PERIOD, version: 0, submit: true, marks, remarks, facts: goodFacts, proposedLevel: "EXCELLENT" }, { now: NOW });
    const reviewed = await recordBranchReview(t.recorder, { caseId: self.id, version: self.version, meetingId: reviewMeetingId, proposedLevel: "EXCELLENT", ...vote }, { now: NOW });
    const appraised = await appraise(t.overseer, { caseId: self.id, version: reviewed.version, mode: "confirm", level: "EXCELLENT" }, { now: NOW });
    // The branch is decided by its grassroots committee's level: one excellent branch of one is within 20 %? No: ⌊20 % × 1⌋ = 0.
    const capped = await refusal(decide(t.reviewer, { caseId: self.id, version: appraised.version, level: "EXCELLENT" }, { now: NOW }), ValidationError);
    expect(capped.message).toContain(`Vượt trần "Hoàn thành xuất sắc nhiệm vụ" tại ${t.g.name}`);
    expect(capped.message).toContain("tối đa chỉ 0 (20 % của 1 tổ chức đảng hoàn thành tốt nhiệm vụ trở lên) — vượt 1");
    const decided = await decide(t.reviewer, { caseId: self.id, version: appraised.version, level: "GOOD", reason: "Vượt trần xuất sắc của Đảng bộ" }, { now: NOW });
    expect(decided).toMatchObject({ state: "DECIDED", level: "GOOD" });
  });
});

describe("the cap on xuất sắc at the deciding level", () => {
  test("counts decided and proposed levels of the deciding unit's members and names the excess", async () => {
    // Five members under the grassroots committee: members[0] GOOD (decided above), [4] in draft.
    // [1] and [2] propose EXCELLENT, [3] GOOD: 2 excellent of 4 good-or-better → at most ⌊0,2 × 4⌋ = 0.
    // Raise the cap for this tenant to 50 % from 1/1/2026: at most ⌊0,5 × 4⌋ = 2.
    await withTenant(t.tenantId, (tx) => tx.setting.create({ data: { tenantId: t.tenantId, key: "classification.excellentCap", value: { percent: 50, base: "GOOD_OR_BETTER" }, effectiveFrom: fixtureDay("2026-01-01") } }));
    const one = await toAppraised(1, "EXCELLENT", 95);
    const two = await toAppraised(2, "EXCELLENT", 93);
    const three = await toAppraised(3, "GOOD", 85);
    expect((await decide(t.reviewer, { caseId: one.id, version: one.version, level: "EXCELLENT" }, { now: NOW })).level).toBe("EXCELLENT");
    expect((await decide(t.reviewer, { caseId: two.id, version: two.version, level: "EXCELLENT" }, { now: NOW })).level).toBe("EXCELLENT");
    expect((await decide(t.reviewer, { caseId: three.id, version: three.version, level: "GOOD" }, { now: NOW })).level).toBe("GOOD");

    // Back to 20 % from 1/6/2026 (the value in force at the period's end counts): 2 excellent of 4 → at most 0.
    await withTenant(t.tenantId, (tx) => tx.setting.create({ data: { tenantId: t.tenantId, key: "classification.excellentCap", value: { percent: 20, base: "GOOD_OR_BETTER" }, effectiveFrom: fixtureDay("2026-06-01") } }));
    // members[4] was returned to its draft above: it is submitted again on its case.
    const returned = await ownerDb().classification.findFirstOrThrow({ where: { tenantId: t.tenantId, memberId: t.members[4]!.id } });
    const resubmitted = await saveSelfAssessment(
      t.recorder,
      { caseId: returned.id, version: returned.version, submit: true, marks: marksFor(QD366_MEMBER, 96), remarks: remarksFor(QD366_MEMBER), facts: goodFacts, proposedLevel: "EXCELLENT" },
      { now: NOW },
    );
    const reviewed = await recordBranchReview(t.recorder, { caseId: returned.id, version: resubmitted.version, meetingId: reviewMeetingId, proposedLevel: "EXCELLENT", ...vote }, { now: NOW });
    const appraised = await appraise(t.overseer, { caseId: returned.id, version: reviewed.version, mode: "confirm", level: "EXCELLENT" }, { now: NOW });
    const four = { id: returned.id, version: appraised.version };
    const view = await getCase(t.reviewer, { caseId: four.id }, { now: NOW });
    expect(view.cap).toMatchObject({ percent: 20, excellent: 3, baseCount: 5, allowed: 1, over: 2, unit: t.g.name, whom: "members" });
    const refused = await refusal(decide(t.reviewer, { caseId: four.id, version: four.version, level: "EXCELLENT" }, { now: NOW }), ValidationError);
    expect(refused.message).toBe(
      `Vượt trần "Hoàn thành xuất sắc nhiệm vụ" tại ${t.g.name}: với quyết định này có 3 đảng viên xếp loại xuất sắc (${[t.members[1]!.fullName, t.members[2]!.fullName, t.members[4]!.fullName].sort(new Intl.Collator("vi").compare).join(", ")}), nhưng tối đa chỉ 1 (20 % của 5 đảng viên hoàn thành tốt nhiệm vụ trở lên) — vượt 2. Hãy xếp loại Hoàn thành tốt nhiệm vụ cho 2 trường hợp, hoặc nhờ quản trị viên xem lại mức trần (thiết lập chưa được xác nhận).`,
    );
    expect(refused.fieldErrors).toHaveProperty("level");
    // Nothing was written by the refusal.
    expect((await ownerDb().classification.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: four.id } } })).state).toBe("APPRAISED");
    // "Tốt" needs a reason (it differs from the appraisal) and then passes.
    await refusal(decide(t.reviewer, { caseId: four.id, version: four.version, level: "GOOD" }, { now: NOW }), ValidationError);
    expect((await decide(t.reviewer, { caseId: four.id, version: four.version, level: "GOOD", reason: "Trong giới hạn 20 % của Đảng bộ" }, { now: NOW })).level).toBe("GOOD");
  });
});

describe("many at once: the branch's review list and Ban Tổ chức's decisions", () => {
  let u: MeetingTenant;
  let meetingId: string;
  beforeAll(async () => {
    u = await makeMeetingTenant({ members: 4 });
    meetingId = (await makeMeeting({ tenant: u, kind: "REVIEW", state: "MINUTES_ADOPTED", plannedStart: "2026-12-04T07:00:00.000Z" })).id;
  });

  const submit = (i: number, level: "EXCELLENT" | "GOOD", total: number) =>
    saveSelfAssessment(
      u.recorder,
      { memberId: u.members[i]!.id, period: PERIOD, version: 0, submit: true, marks: marksFor(QD366_MEMBER, total), remarks: remarksFor(QD366_MEMBER), facts: goodFacts, proposedLevel: level },
      { now: NOW },
    );

  test("one meeting and one vote for several members; a refusal names the member and writes nothing", async () => {
    const a = await submit(0, "EXCELLENT", 94);
    const b = await submit(1, "GOOD", 84);
    const c = await submit(2, "GOOD", 72);
    const votes = { voteFor: 4, voteAgainst: 0, voteAbstain: 0 };
    // members[2]'s 72 points do not allow "xuất sắc": the whole list is refused, naming them.
    const refused = await refusal(
      recordBranchReviews(u.recorder, { meetingId, ...votes, items: [{ caseId: a.id, version: a.version, level: "EXCELLENT" }, { caseId: c.id, version: c.version, level: "EXCELLENT" }] }, { now: NOW }),
      ValidationError,
    );
    expect(refused.message).toMatch(new RegExp(`^${u.members[2]!.fullName}: Chưa đủ điều kiện xếp loại "Hoàn thành xuất sắc nhiệm vụ"`));
    expect((await ownerDb().classification.findUniqueOrThrow({ where: { tenantId_id: { tenantId: u.tenantId, id: a.id } } })).state).toBe("SELF_ASSESSED");
    // Form rows (items.<id>.selected/version/level) reach the same schema; an unticked row is left out.
    const done = await recordBranchReviews(
      u.recorder,
      {
        meetingId,
        ...votes,
        [`items.${a.id}.selected`]: "on",
        [`items.${a.id}.version`]: String(a.version),
        [`items.${a.id}.level`]: "EXCELLENT",
        [`items.${b.id}.selected`]: "on",
        [`items.${b.id}.version`]: String(b.version),
        [`items.${b.id}.level`]: "GOOD",
        [`items.${c.id}.version`]: String(c.version),
        [`items.${c.id}.level`]: "GOOD",
      },
      { now: NOW },
    );
    expect(done.count).toBe(2);
    const states = await ownerDb().classification.findMany({ where: { tenantId: u.tenantId, id: { in: [a.id, b.id, c.id] } }, select: { id: true, state: true, voteFor: true } });
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({ [a.id]: "BRANCH_REVIEWED", [b.id]: "BRANCH_REVIEWED", [c.id]: "SELF_ASSESSED" });
  });

  test("the reviewer's queue lists the appraised cases; deciding them together checks the cap with each decision", async () => {
    const rows = await ownerDb().classification.findMany({ where: { tenantId: u.tenantId, state: "BRANCH_REVIEWED" }, select: { id: true, version: true, reviewLevel: true } });
    for (const row of rows) await appraise(u.overseer, { caseId: row.id, version: row.version, mode: "confirm", level: row.reviewLevel! }, { now: NOW });
    const board = await getBoard(u.reviewer, { unit: u.g.id, period: PERIOD }, { now: NOW });
    expect(board.queue.rows.filter((r) => r.decidable).map((r) => r.name).sort()).toEqual([u.members[0]!.fullName, u.members[1]!.fullName].sort());
    // One excellent of two good-or-better at 20 %: at most 0. The batch is refused on the excellent one.
    const decidable = board.queue.rows.filter((r) => r.decidable);
    const refused = await refusal(decideMany(u.reviewer, { items: decidable.map((r) => ({ caseId: r.caseId, version: r.version })) }, { now: NOW }), ValidationError);
    expect(refused.message).toContain(`${u.members[0]!.fullName}: Vượt trần "Hoàn thành xuất sắc nhiệm vụ" tại ${u.g.name}`);
    expect(await ownerDb().classification.count({ where: { tenantId: u.tenantId, state: "DECIDED" } })).toBe(0);
    // Without the excellent one the list goes through; the board then shows it decided.
    const good = decidable.find((r) => r.name === u.members[1]!.fullName)!;
    expect((await decideMany(u.reviewer, { items: [{ caseId: good.caseId, version: good.version }] }, { now: NOW })).count).toBe(1);
    const after = await getBoard(u.reviewer, { unit: u.branch.id, period: PERIOD }, { now: NOW });
    expect(after.members.find((r) => r.name === u.members[1]!.fullName)).toMatchObject({ state: "DECIDED", levels: { decision: "GOOD" }, next: "done" });
    // The overseer has no decision to take: nothing in their queue is decidable.
    const overseerBoard = await getBoard(u.overseer, { unit: u.g.id, period: PERIOD }, { now: NOW });
    expect(overseerBoard.queue.rows.some((r) => r.decidable)).toBe(false);
  });

  test("a grassroots organisation is appraised from above, never by its own committee", async () => {
    const self = await saveSelfAssessment(
      u.admin,
      { unitId: u.g.id, period: PERIOD, version: 0, submit: true, marks: marksFor(QD366_COLLECTIVE, 85), remarks: remarksFor(QD366_COLLECTIVE), facts: goodFacts, proposedLevel: "GOOD" },
      { now: NOW },
    ).catch((e: unknown) => e);
    // The admin has no recording role: only a RECORDER over the organisation assesses it.
    expect(self).toBeInstanceOf(ForbiddenError);
    const view = await getCase(u.overseer, { unitId: u.g.id, period: PERIOD }, { now: NOW });
    expect(view.can).toMatchObject({ self: false, appraise: false });
    expect(view.needsBranchReview).toBe(false);
    expect(view.decidingUnit.id).toBe(u.root.id);
  });
});
