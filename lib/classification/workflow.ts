// The classification workflow (QĐ 366, SPEC §7; issue 16 §3): self-assessment (the member, or the
// branch's committee for the branch) → the branch's review meeting (a meeting of kind REVIEW whose
// vote on the proposed level is checked as any branch vote) → appraisal by the superior committee,
// its column beside the proposal → decision by the competent level, which locks; or a return with a
// reason. Each step is one tenant transaction with its audit entry and the case's version check (a
// stale save is a 409); every refusal names what to fix and writes nothing. The cap on "xuất sắc"
// is checked when the deciding level decides it.
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, isUniqueViolation, parseInput, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ClassificationState } from "@/lib/generated/prisma/enums";
import { meetingRefSelect } from "@/lib/meetings/access";
import { scoreVote } from "@/lib/scoring/workflow";
import { capFor, caseContext, caseHref, readCase, storedFacts, storedMarks, type CaseContext, type CaseView, type ColumnMarks } from "./cases";
import { classify, type ClassifyResult } from "./engine";
import { collectiveEvidence, memberEvidence } from "./evidence";
import { classificationMessages } from "./messages";
import { CONDITION_FACTS, LEVEL_LABELS, type ClassificationLevel, type ConditionFact, type ConditionFacts } from "./model";
import { appraisalSchema, branchReviewSchema, bulkDecisionSchema, bulkReviewSchema, decisionSchema, returnSchema, selfAssessmentSchema } from "./schemas";
import { addDays, todayInVietnam, vietnamMidnight } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";
import { fill } from "@/lib/i18n/fill";
import type { ServiceContext } from "@/lib/service-context";

const text = classificationMessages.workflow;

export interface StepResult {
  id: string;
  state: ClassificationState;
  version: number;
  total: number;
  level: ClassificationLevel | null;
  /** The case's page. */
  href: string;
}

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────

function assertVersion(ctx: CaseContext, expected: number): void {
  if ((ctx.row?.version ?? 0) !== expected) throw new ConflictError(text.stale);
}

function requireState(ctx: CaseContext, allowed: readonly ClassificationState[], message: string): void {
  if (!allowed.includes(ctx.row?.state ?? "DRAFT")) throw new ValidationError(message);
}

function requireReason(reason: string, message: string): void {
  if (reason.length < 3) throw new ValidationError(message, { reason: [message] });
}

/** The engine's verdict; every problem becomes a field error (marks.C1, proposedLevel, …), nothing is saved. */
function classifyOrRefuse(ctx: CaseContext, column: ColumnMarks, facts: ConditionFacts, level: ClassificationLevel | null | undefined, options: { complete: boolean; requireJudgedRemarks?: boolean; levelField?: string }): ClassifyResult {
  const result = classify(ctx.frame.frame, { ...column, facts, proposedLevel: level ?? null }, { complete: options.complete, requireJudgedRemarks: options.requireJudgedRemarks });
  if (result.errors.length === 0) return result;
  const fieldErrors: Record<string, string[]> = {};
  for (const e of result.errors) {
    const field = e.path === "proposedLevel" ? (options.levelField ?? "proposedLevel") : e.path && options.requireJudgedRemarks && e.kind === "remarkMissing" ? `remarks.${e.path}` : e.path ? `marks.${e.path}` : "_";
    (fieldErrors[field] ??= []).push(e.message);
  }
  const first = result.errors[0]!.message;
  throw new ValidationError(result.errors.length === 1 ? first : fill(text.manyProblems, { count: result.errors.length, first }), fieldErrors);
}

/** The facts a frame's conditions test must each be declared before a column is submitted. */
function requireFacts(ctx: CaseContext, facts: ConditionFacts): void {
  const used = new Set<ConditionFact>(ctx.frame.frame.levels.flatMap((l) => (l.conditions ?? []).map((c) => c.fact)));
  const missing = [...used].filter((fact) => facts[fact] === undefined || facts[fact] === null);
  if (missing.length === 0) return;
  const fieldErrors = Object.fromEntries(missing.map((fact) => [`facts.${fact}`, [fill(text.factMissing, { fact: CONDITION_FACTS[fact].label })]]));
  throw new ValidationError(fill(text.factsMissing, { facts: missing.map((f) => CONDITION_FACTS[f].label.toLowerCase()).join("; ") }), fieldErrors);
}

function audit(tx: Tx, user: Principal, id: string, action: string, after: Prisma.InputJsonValue, step: ServiceContext, before: Prisma.InputJsonValue | null = null) {
  return recordAudit(tx, { tenantId: user.tenantId, actorUserId: user.id, action, entityType: "Classification", entityId: id, before, after, requestId: step.requestId ?? null });
}

/** Writes the case under its version; a concurrent writer gets the conflict. */
async function writeCase(tx: Tx, user: Principal, ctx: CaseContext, data: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const row = ctx.row;
  if (!row) {
    try {
      const created = await tx.classification.create({
        data: {
          tenantId: user.tenantId,
          subject: ctx.subject,
          subjectId: ctx.member?.id ?? ctx.unit.id,
          unitId: ctx.unit.id,
          memberId: ctx.member?.id ?? null,
          periodKind: ctx.period.kind,
          periodStart: ctx.period.start,
          periodEnd: ctx.period.end,
          frameId: ctx.frame.id,
          decidingUnitId: ctx.decidingUnit.id,
          selfMarks: { marks: {}, remarks: {} },
          ...data,
        },
        select: { id: true },
      });
      return { id: created.id, version: 1 };
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(text.stale);
      throw error;
    }
  }
  const updated = await tx.classification.updateMany({ where: { tenantId: user.tenantId, id: row.id, version: row.version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count === 0) throw new ConflictError(text.stale);
  return { id: row.id, version: row.version + 1 };
}

const hrefOf = (ctx: CaseContext) => caseHref({ memberId: ctx.member?.id ?? null, unitId: ctx.unit.id }, ctx.period.key);

const levelName = (level: ClassificationLevel | null | undefined) => (level ? LEVEL_LABELS[level] : "—");

function sameColumn(a: ColumnMarks, aFacts: ConditionFacts, b: ColumnMarks, bFacts: ConditionFacts): boolean {
  const norm = (c: ColumnMarks, f: ConditionFacts) =>
    JSON.stringify({
      marks: Object.fromEntries(Object.entries(c.marks).map(([k, v]) => [k, String(v).replace(",", ".")]).sort()),
      facts: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null && v !== undefined).sort()),
    });
  return norm(a, aFacts) === norm(b, bFacts);
}

// ─── Steps ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The self-assessment: a draft (partial marks, any time while DRAFT) or, with `submit`, the whole
 * column — every criterion marked within its maximum and step, a remark on each judged criterion,
 * the condition facts declared and a proposed level the total and conditions allow. Submitting keeps
 * the evidence as read that day and moves the case to SELF_ASSESSED.
 */
export async function saveSelfAssessment(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult> {
  const data = parseInput(selfAssessmentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ctx = await caseContext(tx, user, data, { lock: true });
    if (!ctx.can.self) throw new ForbiddenError(ctx.member ? text.selfForbiddenMember : text.selfForbiddenUnit);
    assertVersion(ctx, data.version);
    if (ctx.row && ctx.row.state !== "DRAFT") throw new ValidationError(text.selfNotDraft);
    const column: ColumnMarks = { marks: data.marks, remarks: data.remarks };
    const facts: ConditionFacts = data.facts;
    let result: ClassifyResult;
    let evidence: Prisma.InputJsonValue | typeof Prisma.DbNull = Prisma.DbNull;
    if (data.submit) {
      if (!data.proposedLevel) throw new ValidationError(text.levelRequired, { proposedLevel: [text.levelRequired] });
      requireFacts(ctx, facts);
      result = classifyOrRefuse(ctx, column, facts, data.proposedLevel, { complete: true, requireJudgedRemarks: true });
      const today = todayInVietnam(step.now ?? new Date());
      const bundle = ctx.member
        ? await memberEvidence(tx, user.tenantId, { id: ctx.member.id, fullName: ctx.member.fullName, branchPath: ctx.unit.path }, ctx.period, today)
        : await collectiveEvidence(tx, user.tenantId, ctx.unit, ctx.period, today);
      evidence = bundle as unknown as Prisma.InputJsonValue;
    } else {
      result = classifyOrRefuse(ctx, column, facts, null, { complete: false });
    }
    const now = step.now ?? new Date();
    const saved = await writeCase(tx, user, ctx, {
      selfMarks: column as unknown as Prisma.InputJsonValue,
      selfFacts: facts as Prisma.InputJsonValue,
      selfNotes: data.notes as unknown as Prisma.InputJsonValue,
      selfTotalTenths: data.submit ? result.totalTenths : null,
      selfLevel: data.submit ? data.proposedLevel : null,
      evidence,
      ...(data.submit ? { state: "SELF_ASSESSED", selfById: user.id, selfAt: now, returnReason: null, returnedById: null, returnedAt: null } : {}),
    });
    await audit(tx, user, saved.id, data.submit ? "classification.selfAssess" : "classification.draft", { marks: data.marks, facts: facts as Prisma.InputJsonValue, total: result.total, proposedLevel: data.proposedLevel ?? null, period: ctx.period.key }, step);
    return { href: hrefOf(ctx), id: saved.id, state: data.submit ? "SELF_ASSESSED" : "DRAFT", version: saved.version, total: result.total, level: data.submit ? (data.proposedLevel ?? null) : null };
  });
}

/**
 * The branch's review meeting: the meeting (kind REVIEW, of the member's branch or the branch
 * itself, held, in the period or up to 120 days after) whose minutes record the comments, the level
 * the branch proposes (within what the self-assessment's record allows) and the vote on it, valid by
 * the rule of every branch vote (SPEC §4.2: more than half of the members entitled to vote).
 */
export async function recordBranchReview(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult> {
  const data = parseInput(branchReviewSchema, input);
  return withTenant(user.tenantId, (tx) => reviewInTx(tx, user, data, step));
}

type ReviewData = import("zod").output<typeof branchReviewSchema>;

async function reviewInTx(tx: Tx, user: Principal, data: ReviewData, step: ServiceContext): Promise<StepResult> {
  {
    const ctx = await caseContext(tx, user, { caseId: data.caseId }, { lock: true });
    if (!ctx.can.review) throw new ForbiddenError(text.reviewForbidden);
    if (!ctx.needsBranchReview) throw new ValidationError(text.reviewNotNeeded);
    assertVersion(ctx, data.version);
    requireState(ctx, ["SELF_ASSESSED"], text.reviewWrongState);
    const row = ctx.row!;
    const meeting = isUuid(data.meetingId) ? await tx.meeting.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: data.meetingId } }, select: meetingRefSelect }) : null;
    if (!meeting || meeting.branchId !== ctx.unit.id) throw new ValidationError(text.reviewMeetingNotFound, { meetingId: [text.reviewMeetingNotFound] });
    if (meeting.kind !== "REVIEW") throw new ValidationError(text.reviewMeetingKind, { meetingId: [text.reviewMeetingKind] });
    if (!HELD_STATES.includes(meeting.state)) throw new ValidationError(text.reviewMeetingNotHeld, { meetingId: [text.reviewMeetingNotHeld] });
    const day = meeting.actualStart ?? meeting.plannedStart;
    if (day.getTime() < vietnamMidnight(ctx.period.start).getTime() || day.getTime() > addDays(ctx.period.end, 120).getTime()) {
      throw new ValidationError(fill(text.reviewMeetingOutside, { period: ctx.period.label }), { meetingId: [fill(text.reviewMeetingOutside, { period: ctx.period.label })] });
    }
    const result = classifyOrRefuse(ctx, storedMarks(row.selfMarks), storedFacts(row.selfFacts), data.proposedLevel, { complete: true, levelField: "proposedLevel" });
    const checked = await scoreVote(tx, meeting, { for: data.voteFor, against: data.voteAgainst, abstain: data.voteAbstain });
    if (!checked.ok) {
      const message = checked.errors[0]!.message;
      throw new ValidationError(message, { voteFor: [message] });
    }
    if (!checked.value.valid) {
      const message = fill(text.voteNotPassed, { explanation: checked.value.explanation });
      throw new ValidationError(message, { voteFor: [message] });
    }
    const now = step.now ?? new Date();
    const saved = await writeCase(tx, user, ctx, {
      state: "BRANCH_REVIEWED",
      reviewMeetingId: meeting.id,
      reviewComments: data.comments || null,
      reviewLevel: data.proposedLevel,
      voteFor: checked.value.tally.for,
      voteAgainst: checked.value.tally.against,
      voteAbstain: checked.value.tally.abstain,
      voteEligible: checked.value.denominator.value,
      reviewById: user.id,
      reviewAt: now,
    });
    await audit(tx, user, saved.id, "classification.branchReview", {
      meetingId: meeting.id,
      proposedLevel: data.proposedLevel,
      vote: { for: checked.value.tally.for, against: checked.value.tally.against, abstain: checked.value.tally.abstain, eligible: checked.value.denominator.value },
    }, step);
    return { href: hrefOf(ctx), id: saved.id, state: "BRANCH_REVIEWED", version: saved.version, total: result.total, level: data.proposedLevel };
  }
}

/**
 * Appraisal by the superior committee: it keeps the self-assessment's marks ("confirm") or marks
 * its own column with a reason ("adjust"), and proposes a level the column allows; a level other
 * than the one proposed below it needs a reason.
 */
export async function appraise(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult> {
  const data = parseInput(appraisalSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ctx = await caseContext(tx, user, { caseId: data.caseId }, { lock: true });
    if (!ctx.can.appraise) throw new ForbiddenError(text.appraiseForbidden);
    assertVersion(ctx, data.version);
    requireState(ctx, ctx.needsBranchReview ? ["BRANCH_REVIEWED"] : ["SELF_ASSESSED"], ctx.needsBranchReview ? text.appraiseNeedsReview : text.appraiseWrongState);
    const row = ctx.row!;
    const selfColumn = storedMarks(row.selfMarks);
    const selfFacts = storedFacts(row.selfFacts);
    const proposal = row.reviewLevel ?? row.selfLevel;
    let column = selfColumn;
    let facts = selfFacts;
    if (data.mode === "adjust") {
      column = { marks: data.marks, remarks: data.remarks };
      facts = data.facts;
      requireFacts(ctx, facts);
      if (sameColumn(column, facts, selfColumn, selfFacts)) throw new ValidationError(text.adjustSame);
      requireReason(data.reason, text.adjustReason);
    }
    if (data.level !== proposal) requireReason(data.reason, fill(text.levelChangeReason, { proposed: levelName(proposal) }));
    const result = classifyOrRefuse(ctx, column, facts, data.level, { complete: true, levelField: "level" });
    const now = step.now ?? new Date();
    const saved = await writeCase(tx, user, ctx, {
      state: "APPRAISED",
      appraisalMarks: data.mode === "adjust" ? (column as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
      appraisalFacts: data.mode === "adjust" ? (facts as Prisma.InputJsonValue) : Prisma.DbNull,
      appraisalTotalTenths: result.totalTenths,
      appraisalLevel: data.level,
      appraisalReason: data.reason || null,
      appraisalById: user.id,
      appraisalAt: now,
    });
    await audit(tx, user, saved.id, data.mode === "adjust" ? "classification.appraiseAdjust" : "classification.appraise", { level: data.level, total: result.total, reason: data.reason || null, ...(data.mode === "adjust" ? { marks: data.marks } : {}) }, step, { level: proposal });
    return { href: hrefOf(ctx), id: saved.id, state: "APPRAISED", version: saved.version, total: result.total, level: data.level };
  });
}

/**
 * The decision of the competent level, which locks the case. The level must be allowed by the
 * appraised column; a level other than the appraisal's needs a reason; "xuất sắc" is refused when it
 * would take the deciding level over the cap, with the excess named.
 */
export async function decide(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult> {
  const data = parseInput(decisionSchema, input);
  return withTenant(user.tenantId, (tx) => decideInTx(tx, user, data, step));
}

type DecisionData = import("zod").output<typeof decisionSchema>;

async function decideInTx(tx: Tx, user: Principal, data: DecisionData, step: ServiceContext): Promise<StepResult> {
  {
    const ctx = await caseContext(tx, user, { caseId: data.caseId }, { lock: true });
    if (!ctx.can.decide) throw new ForbiddenError(fill(text.decideForbidden, { unit: ctx.decidingUnit.name }));
    assertVersion(ctx, data.version);
    requireState(ctx, ["APPRAISED"], text.decideWrongState);
    const row = ctx.row!;
    const column = row.appraisalMarks !== null ? storedMarks(row.appraisalMarks) : storedMarks(row.selfMarks);
    const facts = row.appraisalFacts !== null ? storedFacts(row.appraisalFacts) : storedFacts(row.selfFacts);
    if (data.level !== row.appraisalLevel) requireReason(data.reason, fill(text.decisionChangeReason, { proposed: levelName(row.appraisalLevel) }));
    const result = classifyOrRefuse(ctx, column, facts, data.level, { complete: true, levelField: "level" });
    if (data.level === "EXCELLENT") {
      // Decisions of one deciding unit and period take turns, so two at once cannot both fit the cap.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`classification-cap:${user.tenantId}:${ctx.decidingUnit.id}:${ctx.period.key}`}))`;
      const cap = await capFor(tx, user.tenantId, ctx, { id: row.id, level: "EXCELLENT" });
      if (cap.over > 0) {
        const whom = cap.whom === "members" ? text.capWhom.members : text.capWhom.organisations;
        const message = fill(text.capExceeded, {
          unit: cap.unit,
          excellent: cap.excellent,
          allowed: cap.allowed,
          percent: String(cap.percent).replace(".", ","),
          base: cap.baseCount,
          whom,
          over: cap.over,
          names: cap.names.join(", "),
        });
        throw new ValidationError(message, { level: [message] });
      }
    }
    const now = step.now ?? new Date();
    const saved = await writeCase(tx, user, ctx, {
      state: "DECIDED",
      decisionLevel: data.level,
      decisionTotalTenths: result.totalTenths,
      decisionReason: data.reason || null,
      decidedById: user.id,
      decidedAt: now,
    });
    await audit(tx, user, saved.id, "classification.decide", { level: data.level, total: result.total, reason: data.reason || null, decidingUnitId: ctx.decidingUnit.id }, step, { level: row.appraisalLevel });
    return { href: hrefOf(ctx), id: saved.id, state: "DECIDED", version: saved.version, total: result.total, level: data.level };
  }
}

/** Sends the case back to its draft with a reason; the self-assessment's marks stay to be corrected. */
export async function returnCase(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult> {
  const data = parseInput(returnSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ctx = await caseContext(tx, user, { caseId: data.caseId }, { lock: true });
    assertVersion(ctx, data.version);
    const state = ctx.row?.state ?? "DRAFT";
    const allowed = state === "SELF_ASSESSED" ? ctx.can.review || ctx.can.appraise || ctx.can.decide : state === "BRANCH_REVIEWED" || state === "APPRAISED" ? ctx.can.appraise || ctx.can.decide : false;
    if (state === "DRAFT" || state === "DECIDED") throw new ValidationError(state === "DECIDED" ? text.returnDecided : text.returnDraft);
    if (!allowed) throw new ForbiddenError(text.returnForbidden);
    requireReason(data.reason, text.returnReason);
    const now = step.now ?? new Date();
    const saved = await writeCase(tx, user, ctx, {
      state: "DRAFT",
      returnReason: data.reason,
      returnedById: user.id,
      returnedAt: now,
      selfAt: null,
      selfById: null,
      selfLevel: null,
      selfTotalTenths: null,
      evidence: Prisma.DbNull,
      reviewMeetingId: null,
      reviewComments: null,
      reviewLevel: null,
      voteFor: null,
      voteAgainst: null,
      voteAbstain: null,
      voteEligible: null,
      reviewById: null,
      reviewAt: null,
      appraisalMarks: Prisma.DbNull,
      appraisalFacts: Prisma.DbNull,
      appraisalTotalTenths: null,
      appraisalLevel: null,
      appraisalReason: null,
      appraisalById: null,
      appraisalAt: null,
    });
    await audit(tx, user, saved.id, "classification.return", { reason: data.reason, from: state }, step);
    return { href: hrefOf(ctx), id: saved.id, state: "DRAFT", version: saved.version, total: (ctx.row?.selfTotalTenths ?? 0) / 10, level: null };
  });
}

// ─── Many at once ───────────────────────────────────────────────────────────────────────────────

/** A bulk step's refusal names the subject it is about; nothing of the batch is written. */
async function each<T>(tx: Tx, user: Principal, caseIds: readonly string[], run: (caseId: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const caseId of caseIds) {
    try {
      out.push(await run(caseId));
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError || error instanceof ForbiddenError)) throw error;
      const row = isUuid(caseId) ? await tx.classification.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: caseId } }, select: { unit: { select: { name: true } }, member: { select: { fullName: true } } } }) : null;
      const who = row?.member?.fullName ?? row?.unit.name ?? caseId;
      const message = fill(text.bulkFailed, { who, message: error.message });
      if (error instanceof ValidationError) throw new ValidationError(message, error.fieldErrors);
      throw error instanceof ConflictError ? new ConflictError(message) : new ForbiddenError(message);
    }
  }
  return out;
}

/**
 * The branch's review meeting for several members (or the branch) at once: one meeting and one vote,
 * each with the level proposed for it, in one transaction — all recorded or none.
 */
export async function recordBranchReviews(user: Principal, input: unknown, step: ServiceContext = {}): Promise<{ count: number; href: string | null }> {
  const data = parseInput(bulkReviewSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const done = await each(tx, user, data.items.map((i) => i.caseId), (caseId) => {
      const item = data.items.find((i) => i.caseId === caseId)!;
      return reviewInTx(tx, user, { caseId, version: item.version, proposedLevel: item.level, meetingId: data.meetingId, comments: data.comments, voteFor: data.voteFor, voteAgainst: data.voteAgainst, voteAbstain: data.voteAbstain }, step);
    });
    return { count: done.length, href: null };
  });
}

/**
 * Decisions at the appraised level for several cases at once (Ban Tổ chức's list), in one
 * transaction: each is checked as a single decision — the cap included, counted with the decisions
 * before it in the batch — and any refusal names its subject and writes nothing.
 */
export async function decideMany(user: Principal, input: unknown, step: ServiceContext = {}): Promise<{ count: number }> {
  const data = parseInput(bulkDecisionSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const done = await each(tx, user, data.items.map((i) => i.caseId), async (caseId) => {
      const item = data.items.find((i) => i.caseId === caseId)!;
      const row = isUuid(caseId) ? await tx.classification.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: caseId } }, select: { appraisalLevel: true } }) : null;
      if (!row?.appraisalLevel) throw new ValidationError(text.decideWrongState);
      return decideInTx(tx, user, { caseId, version: item.version, level: row.appraisalLevel, reason: "" }, step);
    });
    return { count: done.length };
  }, { timeout: 60_000 });
}

/** The case for a page or the API. */
export async function getCase(user: Principal, ref: { caseId?: string; unitId?: string; memberId?: string; period?: string | number }, options: { now?: Date } = {}): Promise<CaseView> {
  return withTenant(user.tenantId, (tx) => readCase(tx, user, ref, options.now));
}
