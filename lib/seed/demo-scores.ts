// Scorecards for the demo tenant's held meetings, in every state of the workflow, scored the way the
// application scores: facts derived from each meeting's record (deriveMeetingFacts), the rubric the
// tenant's assignments choose (rubricForMeeting), the pure engine for totals and levels. Older
// meetings are mostly finalised; recent ones wait for the overseer or the reviewer, and the newest
// are not scored yet. Marks depend on how the meeting went (attendance), with a reason for each
// deduction; one branch copies full marks every month (the reviewers' "identical scores" flag).
import { recordAudit } from "@/lib/audit/record";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MeetingState } from "@/lib/generated/prisma/enums";
import { meetingRefSelect, type MeetingRef } from "@/lib/meetings/access";
import { meetingDay } from "@/lib/meetings/record-common";
import { score } from "@/lib/scoring/engine";
import { layoutFor } from "@/lib/scoring/layout";
import { deriveMeetingFacts } from "@/lib/scoring/meeting-facts";
import { rubricForMeeting } from "@/lib/scoring/rubric-store";
import { scoreVote } from "@/lib/scoring/workflow";
import { createRandom } from "@/lib/seed/random";

const DAY_MS = 86_400_000;
const SEED_TIMEOUT_MS = 300_000;

const DEDUCTION_REASONS = [
  "Nội dung sinh hoạt chưa gắn chặt với nhiệm vụ chính trị của đơn vị.",
  "Một số đảng viên phát biểu còn chung chung, chưa đi vào vấn đề cụ thể.",
  "Chưa dành đủ thời gian cho tự phê bình và phê bình.",
  "Kết luận của chủ trì chưa nêu rõ người thực hiện, thời hạn.",
  "Chuẩn bị nội dung còn chậm, tài liệu gửi đảng viên chưa đầy đủ.",
];
const OVERSEER_REASONS = [
  "Qua dự sinh hoạt, nội dung thảo luận chưa sâu; đề nghị chi bộ rút kinh nghiệm.",
  "Tỷ lệ đảng viên tham gia ý kiến thấp hơn chi bộ tự đánh giá.",
  "Việc phân công nhiệm vụ sau nghị quyết chưa cụ thể.",
];

export interface DemoScoreUsers {
  /** The branch secretary account and their branch (drafts and self-scores there). */
  recorder: { id: string; branchId: string } | null;
  /** An overseer and the path of the subtree they follow. */
  overseer: { id: string; path: string } | null;
  reviewer: { id: string } | null;
}

/** The state a held meeting (minutes adopted) has reached, by how long ago it was held. */
function targetState(ageDays: number, roll: number): MeetingState {
  if (ageDays > 90) return roll < 0.86 ? "FINALISED" : roll < 0.93 ? "CONFIRMED" : roll < 0.97 ? "SELF_SCORED" : "MINUTES_ADOPTED";
  if (ageDays > 35) return roll < 0.25 ? "FINALISED" : roll < 0.6 ? "CONFIRMED" : roll < 0.88 ? "SELF_SCORED" : "MINUTES_ADOPTED";
  return roll < 0.35 ? "SELF_SCORED" : "MINUTES_ADOPTED";
}

/** Scores the demo tenant's adopted meetings; returns how many cards were written per state. */
export async function seedDemoScorecards(tenantId: string, asOf: Date, users: DemoScoreUsers, seed = 20_261_121): Promise<Record<string, number>> {
  return withTenant(
    tenantId,
    async (tx) => {
      const random = createRandom(seed);
      const meetings = await tx.meeting.findMany({
        where: { tenantId, state: "MINUTES_ADOPTED" },
        select: { ...meetingRefSelect, actualEnd: true },
        orderBy: [{ branchId: "asc" }, { plannedStart: "asc" }],
      });
      const branchIds = [...new Set(meetings.map((m) => m.branchId))];
      // One branch always gives itself full marks: a pattern reviewers should notice.
      const copier = branchIds[3] ?? null;
      const counts: Record<string, number> = {};
      for (const meeting of meetings) {
        const ageDays = (asOf.getTime() - meeting.plannedStart.getTime()) / DAY_MS;
        let state = targetState(ageDays, random.next());
        // The secretary's own branch keeps its two most recent adopted meetings unscored, so the demo
        // shows the self-scoring step right away.
        if (users.recorder?.branchId === meeting.branchId && ageDays <= 70) state = "MINUTES_ADOPTED";
        const wrote = await scoreOne(tx, meeting, state, { random, users, copier: meeting.branchId === copier });
        counts[wrote] = (counts[wrote] ?? 0) + 1;
      }
      await recordAudit(tx, { tenantId, actorUserId: null, action: "tenant.seedDemoScorecards", entityType: "Tenant", entityId: tenantId, after: counts });
      return counts;
    },
    { timeout: SEED_TIMEOUT_MS },
  );
}

async function scoreOne(
  tx: Tx,
  meeting: MeetingRef,
  target: MeetingState,
  context: { random: ReturnType<typeof createRandom>; users: DemoScoreUsers; copier: boolean },
): Promise<string> {
  const { random, users } = context;
  if (target === "MINUTES_ADOPTED" && !context.copier && random.chance(0.5)) return "unscored";
  const choice = await rubricForMeeting(tx, meeting.tenantId, { branchPath: meeting.branch.path, kind: meeting.kind, day: meetingDay(meeting) });
  if (!choice) return "noRubric";
  const { facts } = await deriveMeetingFacts(tx, meeting);
  const rubric = choice.row.rubric;
  const rate = facts.present / facts.attendanceDenominator;
  const marks: Record<string, number> = {};
  const remarks: Record<string, string> = {};
  for (const c of layoutFor(rubric, facts.hasThematicPart, facts.kind === "THEMATIC").criteria) {
    if (!c.applicable || c.criterion.mode !== "MANUAL") continue;
    const max = c.maxTenths / 10;
    const step = c.criterion.step;
    const deduct = !context.copier && random.chance(0.08 + Math.max(0, 0.95 - rate) * 2);
    const points = deduct ? Math.max(0, max - step * random.int(1, 2)) : max;
    marks[c.criterion.code] = points;
    if (points < max) remarks[c.criterion.code] = random.pick(DEDUCTION_REASONS);
  }
  const self = score(rubric, facts, marks);
  if (self.errors.length > 0 || !self.level) return "invalid";

  const draftOnly = target === "MINUTES_ADOPTED";
  const day = meeting.actualEnd ?? meeting.plannedStart;
  const at = (hours: number) => new Date(day.getTime() + hours * 3_600_000);
  const data: Prisma.ScorecardUncheckedCreateInput = {
    tenantId: meeting.tenantId,
    meetingId: meeting.id,
    rubricId: choice.row.id,
    facts,
    selfMarks: { marks, remarks },
    selfOverrides: {},
    selfTotalTenths: self.totalTenths,
    selfLevel: self.level,
  };
  if (!draftOnly) {
    const vote = await branchVote(tx, meeting);
    if (!vote) return "noVote";
    Object.assign(data, {
      selfById: users.recorder?.branchId === meeting.branchId ? users.recorder.id : null,
      selfAt: at(1),
      voteFor: vote.for,
      voteAgainst: vote.against,
      voteAbstain: 0,
      voteEligible: vote.eligible,
    });
  }
  const overseer = users.overseer && meeting.branch.path.startsWith(users.overseer.path) ? users.overseer : null;
  let basis = { marks, remarks, result: self };
  let state: MeetingState = draftOnly ? "MINUTES_ADOPTED" : "SELF_SCORED";
  if ((target === "CONFIRMED" || target === "FINALISED") && overseer) {
    const adjust = random.chance(0.2);
    if (adjust) {
      const code = random.pick(Object.keys(marks));
      const lowered = { ...marks, [code]: Math.max(0, (marks[code] ?? 0) - 1) };
      const result = score(rubric, facts, lowered);
      if (result.level && lowered[code] !== marks[code]) {
        basis = { marks: lowered, remarks: { ...remarks, [code]: random.pick(DEDUCTION_REASONS) }, result };
        Object.assign(data, { overseerMarks: { marks: basis.marks, remarks: basis.remarks }, overseerOverrides: {}, overseerReason: random.pick(OVERSEER_REASONS) });
      }
    }
    Object.assign(data, { overseerTotalTenths: basis.result.totalTenths, overseerLevel: basis.result.level, overseerById: overseer.id, overseerAt: at(30) });
    state = "CONFIRMED";
  }
  if (target === "FINALISED" && users.reviewer) {
    Object.assign(data, {
      finalMarks: { marks: basis.marks, remarks: basis.remarks },
      finalOverrides: {},
      finalTotalTenths: basis.result.totalTenths,
      finalLevel: basis.result.level,
      finalById: users.reviewer.id,
      finalAt: at(24 * 12),
    });
    state = "FINALISED";
  }
  await tx.scorecard.create({ data, select: { id: true } });
  if (state !== meeting.state) {
    await tx.meeting.update({
      where: { tenantId_id: { tenantId: meeting.tenantId, id: meeting.id } },
      data: { state, lockedAt: state === "FINALISED" ? at(24 * 12) : null, version: { increment: 1 } },
      select: { id: true },
    });
  }
  return draftOnly ? "draft" : state;
}

/** The branch's vote on its self-score: every official present in favour but, now and then, one. */
async function branchVote(tx: Tx, meeting: MeetingRef): Promise<{ for: number; against: number; eligible: number } | null> {
  const probe = await scoreVote(tx, meeting, { for: 0, against: 0, abstain: 0 });
  if (!probe.ok) return null;
  const voters = probe.value.votersPresent;
  const against = voters >= 8 && meeting.id.charCodeAt(meeting.id.length - 1) % 5 === 0 ? 1 : 0;
  const checked = await scoreVote(tx, meeting, { for: voters - against, against, abstain: 0 });
  if (!checked.ok || !checked.value.valid) return null;
  return { for: voters - against, against, eligible: checked.value.denominator.value };
}
