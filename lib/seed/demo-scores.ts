// Scorecards for the demo tenant's held meetings, in every state of the workflow, scored the way the
// application scores: facts derived from each meeting's record (deriveMeetingFacts), the rubric the
// tenant's assignments choose (rubricForMeeting), the pure engine for totals and levels. Older
// meetings are mostly finalised; recent ones wait for the overseer or the reviewer, and the newest
// are not scored yet. Marks depend on how the meeting went (attendance), with a reason for each
// deduction; one branch copies full marks every month (the reviewers' "identical scores" flag).
// In bulk: the records are read once (deriveManyMeetingFacts, rubricChooser), each card is scored in
// memory by the same engine, and the cards and the meetings' new states are written with one
// statement each (the seed used to take ~20 round trips per meeting, a minute on a busy machine).
import { recordAudit } from "@/lib/audit/record";
import { withTenant, type Tx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MeetingState } from "@/lib/generated/prisma/enums";
import { meetingRefSelect, type MeetingRef } from "@/lib/meetings/access";
import { meetingDay, uuidv7 } from "@/lib/meetings/record-common";
import type { AttendanceEntry, RollEntry } from "@/lib/meetings/rules/types";
import { score } from "@/lib/scoring/engine";
import type { MeetingFacts } from "@/lib/scoring/facts";
import { layoutFor } from "@/lib/scoring/layout";
import { deriveManyMeetingFacts } from "@/lib/scoring/meeting-facts";
import { rubricChooser, type RubricChoice } from "@/lib/scoring/rubric-store";
import { voteOnRoll } from "@/lib/scoring/workflow";
import { bulkInsert } from "@/lib/seed/bulk";
import { createRandom, type Random } from "@/lib/seed/random";
import { DAY_MS } from "@/lib/time/days";

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
        // By the branch's code, not its id (a fresh random UUID each run): the PRNG's draws follow
        // this order, so the same asOf gives the same demo every time.
        orderBy: [{ branch: { code: "asc" } }, { plannedStart: "asc" }, { kind: "asc" }],
      });
      const branchIds = [...new Set(meetings.map((m) => m.branchId))];
      // One branch always gives itself full marks: a pattern reviewers should notice.
      const copier = branchIds[3] ?? null;
      const chooseRubric = await rubricChooser(tx, tenantId);
      const factsOf = await deriveManyMeetingFacts(tx, tenantId, meetings);
      const counts: Record<string, number> = {};
      const cards: ScorecardRow[] = [];
      const moves: { id: string; state: MeetingState; lockedAt: Date | null }[] = [];
      for (const meeting of meetings) {
        const ageDays = (asOf.getTime() - meeting.plannedStart.getTime()) / DAY_MS;
        let state = targetState(ageDays, random.next());
        // The secretary's own branch keeps its two most recent adopted meetings unscored, so the demo
        // shows the self-scoring step right away.
        if (users.recorder?.branchId === meeting.branchId && ageDays <= 70) state = "MINUTES_ADOPTED";
        const derived = factsOf.get(meeting.id)!;
        const record: MeetingRecord = {
          choice: chooseRubric({ branchPath: meeting.branch.path, kind: meeting.kind, day: meetingDay(meeting) }),
          facts: derived.facts,
          voting: { roll: derived.roll, marks: derived.marks.map((m) => ({ memberId: m.memberId, mark: m.status })) },
        };
        const outcome = scoreOne(meeting, state, record, { random, users, copier: meeting.branchId === copier });
        if (outcome.card) cards.push(outcome.card);
        if (outcome.move) moves.push(outcome.move);
        counts[outcome.wrote] = (counts[outcome.wrote] ?? 0) + 1;
      }
      await insertScorecards(tx, cards);
      if (moves.length > 0) {
        await tx.$executeRaw`
          UPDATE "Meeting" AS m SET "state" = d.state, "lockedAt" = d.locked, "version" = m."version" + 1, "updatedAt" = now()
          FROM unnest(${moves.map((x) => x.id)}::uuid[], ${moves.map((x) => x.state)}::"MeetingState"[], ${moves.map((x) => x.lockedAt)}::timestamptz[]) AS d(id, state, locked)
          WHERE m."tenantId" = ${tenantId}::uuid AND m."id" = d.id`;
      }
      await recordAudit(tx, { tenantId, actorUserId: null, action: "tenant.seedDemoScorecards", entityType: "Tenant", entityId: tenantId, after: counts });
      return counts;
    },
    { timeout: SEED_TIMEOUT_MS },
  );
}

/** The card one meeting gets (scored in memory) and the state it moves to. */
interface ScoreOutcome {
  wrote: string;
  card?: ScorecardRow;
  move?: { id: string; state: MeetingState; lockedAt: Date | null };
}

interface MeetingRecord {
  choice: RubricChoice | null;
  facts: MeetingFacts;
  /** The roll and marks the branch's vote is checked against (scoreVote's rule). */
  voting: { roll: RollEntry[]; marks: AttendanceEntry[] };
}

function scoreOne(
  meeting: MeetingRef & { actualEnd: Date | null },
  target: MeetingState,
  record: MeetingRecord,
  context: { random: Random; users: DemoScoreUsers; copier: boolean },
): ScoreOutcome {
  const { random, users } = context;
  if (target === "MINUTES_ADOPTED" && !context.copier && random.chance(0.5)) return { wrote: "unscored" };
  const choice = record.choice;
  if (!choice) return { wrote: "noRubric" };
  const facts = record.facts;
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
  if (self.errors.length > 0 || !self.level) return { wrote: "invalid" };

  const draftOnly = target === "MINUTES_ADOPTED";
  const day = meeting.actualEnd ?? meeting.plannedStart;
  const at = (hours: number) => new Date(day.getTime() + hours * 3_600_000);
  const data: ScorecardRow = {
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
    const vote = branchVote(record.voting, random);
    if (!vote) return { wrote: "noVote" };
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
  const move = state !== meeting.state ? { id: meeting.id, state, lockedAt: state === "FINALISED" ? at(24 * 12) : null } : undefined;
  return { wrote: draftOnly ? "draft" : state, card: data, move };
}

/** The branch's vote on its self-score: every official present in favour but, now and then, one. */
function branchVote(voting: MeetingRecord["voting"], random: Random): { for: number; against: number; eligible: number } | null {
  const probe = voteOnRoll(voting.roll, voting.marks, { for: 0, against: 0, abstain: 0 });
  if (!probe.ok) return null;
  const voters = probe.value.votersPresent;
  const against = voters >= 8 && random.chance(0.2) ? 1 : 0;
  const checked = voteOnRoll(voting.roll, voting.marks, { for: voters - against, against, abstain: 0 });
  if (!checked.ok || !checked.value.valid) return null;
  return { for: voters - against, against, eligible: checked.value.denominator.value };
}

type Json = Prisma.InputJsonValue;

/** A scorecard as the workflow writes it (the columns the seed fills). */
interface ScorecardRow {
  tenantId: string;
  meetingId: string;
  rubricId: string;
  facts: MeetingFacts;
  selfMarks: Json;
  selfOverrides: Json;
  selfTotalTenths: number;
  selfLevel: string;
  selfById?: string | null;
  selfAt?: Date;
  voteFor?: number;
  voteAgainst?: number;
  voteAbstain?: number;
  voteEligible?: number;
  overseerMarks?: Json;
  overseerOverrides?: Json;
  overseerReason?: string;
  overseerTotalTenths?: number;
  overseerLevel?: string | null;
  overseerById?: string;
  overseerAt?: Date;
  finalMarks?: Json;
  finalOverrides?: Json;
  finalTotalTenths?: number;
  finalLevel?: string | null;
  finalById?: string;
  finalAt?: Date;
}

/** One INSERT … SELECT FROM unnest for all the cards (JSON columns passed as text). */
async function insertScorecards(tx: Tx, cards: readonly ScorecardRow[]): Promise<void> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  const stamp = new Date();
  await bulkInsert(
    tx,
    "Scorecard",
    [
      ["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["rubricId", "uuid"], ["facts", "jsonb"], ["selfMarks", "jsonb"],
      ["selfOverrides", "jsonb"], ["selfTotalTenths", "int"], ["selfLevel", '"Level"'], ["selfById", "uuid"], ["selfAt", "timestamptz"],
      ["voteFor", "int"], ["voteAgainst", "int"], ["voteAbstain", "int"], ["voteEligible", "int"],
      ["overseerMarks", "jsonb"], ["overseerOverrides", "jsonb"], ["overseerReason", "text"], ["overseerTotalTenths", "int"],
      ["overseerLevel", '"Level"'], ["overseerById", "uuid"], ["overseerAt", "timestamptz"],
      ["finalMarks", "jsonb"], ["finalOverrides", "jsonb"], ["finalTotalTenths", "int"], ["finalLevel", '"Level"'], ["finalById", "uuid"],
      ["finalAt", "timestamptz"], ["updatedAt", "timestamptz"],
    ],
    cards.map((card) => ({
      ...card,
      id: uuidv7(),
      facts: json(card.facts),
      selfMarks: json(card.selfMarks),
      selfOverrides: json(card.selfOverrides),
      overseerMarks: json(card.overseerMarks),
      overseerOverrides: json(card.overseerOverrides),
      finalMarks: json(card.finalMarks),
      finalOverrides: json(card.finalOverrides),
      updatedAt: stamp,
    })),
  );
}
