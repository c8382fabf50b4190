// One subject's classification for one period (a "case"): who and what it rates, who may take which
// step, and the view with every column side by side (self-assessment, the branch's review meeting
// and vote, the superior committee's appraisal, the decision). A case that has not been saved yet is
// shown as a draft at version 0 with the frame that would rate it; the first save creates it.
//
// Who does what (the roles of lib/auth/permissions, used as they are):
//   read       meeting.read on the unit (its recorders, overseers, reviewers, leaders, admins), or
//              the member themself
//   self       score.self on the unit (the branch's committee for the branch and, on their behalf,
//              for its members), or the member themself
//   review     score.self on the branch: records its review meeting (kind REVIEW) and vote
//   appraise   score.confirm or score.review over the deciding unit (the superior committee), or
//              over the unit for a member or a branch (an overseer following it)
//   decide     score.review on the deciding unit (the competent level; the cap is counted there)
//   return     whoever may appraise or decide; the branch too while only the self-assessment is in
import { authorize, canAnywhere, type Permission, type Principal } from "@/lib/auth/permissions";
import { isUuid, type Tx } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { ClassificationState, OrgUnitKind } from "@/lib/generated/prisma/enums";
import { pathIds } from "@/lib/domain/org-path";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import { settingsFor } from "@/lib/settings/resolve";
import { capGroup, capStatus, countWith, type CapStatus } from "./cap";
import { classify, type ClassifyResult } from "./engine";
import { collectiveEvidence, memberEvidence, type EvidenceBundle } from "./evidence";
import { frameFor, frameRowSelect, toFrameRow, type FrameChoice, type FrameRow } from "./frame-store";
import { classificationMessages as text } from "./messages";
import { COLLECTIVE_UNIT_KINDS, conditionFactsSchema, type ClassificationLevel, type ClassificationSubject, type ConditionFacts } from "./model";
import { parsePeriod, periodOf, type Period } from "./period";
import { addDays, todayInVietnam, vietnamMidnight } from "@/lib/time/days";
import { HELD_STATES } from "@/lib/domain/meeting-states";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";

const GRASSROOTS: readonly OrgUnitKind[] = ["GRASSROOTS_COMMITTEE", "GRASSROOTS_BRANCH"];
const LEADERSHIP_POSITIONS = ["SECRETARY", "DEPUTY_SECRETARY", "COMMITTEE_MEMBER"] as const;

export interface CaseUnit {
  id: string;
  name: string;
  path: string;
  kind: OrgUnitKind;
}

export interface CaseMember {
  id: string;
  fullName: string;
  birthDate: Date;
  /** Party posts held during the period ("Bí thư chi bộ"). */
  posts: string[];
}

export const caseSelect = {
  id: true,
  subject: true,
  subjectId: true,
  unitId: true,
  memberId: true,
  periodKind: true,
  periodStart: true,
  periodEnd: true,
  frameId: true,
  decidingUnitId: true,
  state: true,
  evidence: true,
  selfMarks: true,
  selfFacts: true,
  selfNotes: true,
  selfTotalTenths: true,
  selfLevel: true,
  selfById: true,
  selfAt: true,
  reviewMeetingId: true,
  reviewComments: true,
  reviewLevel: true,
  voteFor: true,
  voteAgainst: true,
  voteAbstain: true,
  voteEligible: true,
  reviewById: true,
  reviewAt: true,
  appraisalMarks: true,
  appraisalFacts: true,
  appraisalTotalTenths: true,
  appraisalLevel: true,
  appraisalReason: true,
  appraisalById: true,
  appraisalAt: true,
  decisionLevel: true,
  decisionTotalTenths: true,
  decisionReason: true,
  decidedById: true,
  decidedAt: true,
  returnReason: true,
  returnedById: true,
  returnedAt: true,
  updatedAt: true,
  version: true,
  frame: { select: frameRowSelect },
  reviewMeeting: { select: { id: true, title: true, plannedStart: true, actualStart: true } },
} as const;

export type CaseRow = NonNullable<Awaited<ReturnType<typeof loadCaseRow>>>;

async function loadCaseRow(tx: Tx, tenantId: string, where: { id: string } | { subjectId: string; period: Period }, lock = false) {
  if (lock && "id" in where) await tx.$queryRaw`SELECT "id" FROM "Classification" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${where.id}::uuid FOR UPDATE`;
  const row =
    "id" in where
      ? await tx.classification.findUnique({ where: { tenantId_id: { tenantId, id: where.id } }, select: caseSelect })
      : await tx.classification.findUnique({
          where: { tenantId_subjectId_periodKind_periodStart: { tenantId, subjectId: where.subjectId, periodKind: where.period.kind, periodStart: where.period.start } },
          select: caseSelect,
        });
  if (row && lock && !("id" in where)) await tx.$queryRaw`SELECT "id" FROM "Classification" WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${row.id}::uuid FOR UPDATE`;
  return row;
}

/** Marks and remarks of a column as stored. */
export interface ColumnMarks {
  marks: Record<string, number | string>;
  remarks: Record<string, string>;
}

export function storedMarks(value: unknown): ColumnMarks {
  const v = (value ?? {}) as Partial<ColumnMarks>;
  return { marks: { ...(v.marks ?? {}) }, remarks: { ...(v.remarks ?? {}) } };
}

export function storedFacts(value: unknown): ConditionFacts {
  const parsed = conditionFactsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

export interface SelfNotes {
  strengths: string;
  weaknesses: string;
  remedies: string;
}

export function storedNotes(value: unknown): SelfNotes {
  const v = (value ?? {}) as Partial<SelfNotes>;
  return { strengths: v.strengths ?? "", weaknesses: v.weaknesses ?? "", remedies: v.remedies ?? "" };
}

/** Everything a step needs: the subject, its period, frame, case row (if any) and what the user may do. */
export interface CaseContext {
  subject: ClassificationSubject;
  unit: CaseUnit;
  member: CaseMember | null;
  period: Period;
  decidingUnit: { id: string; name: string; path: string };
  frame: FrameRow;
  frameSource: FrameChoice["source"] | { kind: "kept" };
  row: CaseRow | null;
  /** Members and branches are reviewed at the branch's review meeting; committees go straight to appraisal. */
  needsBranchReview: boolean;
  can: { read: boolean; self: boolean; review: boolean; appraise: boolean; decide: boolean; returnCase: boolean };
}

export interface CaseRefInput {
  caseId?: string;
  unitId?: string;
  memberId?: string;
  period?: string | number;
}

const unitSelect = { id: true, name: true, path: true, kind: true } as const;

async function ancestors(tx: Tx, tenantId: string, path: string): Promise<CaseUnit[]> {
  const ids = pathIds(path);
  const rows = await tx.orgUnit.findMany({ where: { tenantId, id: { in: ids } }, select: unitSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/**
 * The competent level: for a member, their grassroots organisation (đảng ủy cơ sở or chi bộ cơ sở);
 * for a branch or a sub-committee, the grassroots organisation above it; for a grassroots
 * organisation, the committee above it (our modelling choice after QĐ 366's "cấp ủy cấp trên trực tiếp").
 */
export function decidingUnitOf(chain: readonly CaseUnit[], collective: boolean): CaseUnit {
  const self = chain.at(-1)!;
  const above = chain.slice(0, -1);
  if (!collective) return [...chain].reverse().find((u) => GRASSROOTS.includes(u.kind)) ?? above.at(-1) ?? self;
  if (GRASSROOTS.includes(self.kind)) return above.at(-1) ?? self;
  return [...above].reverse().find((u) => GRASSROOTS.includes(u.kind)) ?? above.at(-1) ?? self;
}

/**
 * Appraisal is the superior's: whoever confirms or reviews over the deciding unit, or — for a
 * member or a branch — an overseer following the unit itself. A grassroots organisation is never
 * appraised by its own committee (their grants cover the unit but not the level above it).
 */
export function mayAppraise(user: Principal, subject: ClassificationSubject, unit: CaseUnit, deciding: { path: string }): boolean {
  const over = (target: { path: string }) => authorize(user, "score.confirm", target) || authorize(user, "score.review", target);
  if (over(deciding)) return true;
  return !(subject === "COLLECTIVE" && GRASSROOTS.includes(unit.kind)) && over(unit);
}

function permissions(user: Principal, ownMemberId: string | null, subject: ClassificationSubject, unit: CaseUnit, member: CaseMember | null, deciding: { path: string }): CaseContext["can"] {
  const isSelf = member !== null && ownMemberId === member.id;
  const read = authorize(user, "meeting.read", unit) || isSelf;
  const appraise = mayAppraise(user, subject, unit, deciding);
  const decide = authorize(user, "score.review", deciding);
  const review = authorize(user, "score.self", unit);
  return {
    read,
    self: subject === "COLLECTIVE" ? authorize(user, "score.self", unit) : isSelf || authorize(user, "score.self", unit),
    review,
    appraise,
    decide,
    returnCase: appraise || decide || review,
  };
}

async function ownMemberId(tx: Tx, user: Principal): Promise<string | null> {
  const row = await tx.user.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, select: { memberId: true } });
  return row?.memberId ?? null;
}

async function memberPosts(tx: Tx, tenantId: string, memberId: string, period: Period): Promise<string[]> {
  const rows = await tx.position.findMany({
    where: { tenantId, memberId, kind: { in: [...LEADERSHIP_POSITIONS] }, termFrom: { lte: period.end }, OR: [{ termTo: null }, { termTo: { gte: period.start } }] },
    select: { kind: true, orgUnit: { select: { name: true } } },
    orderBy: { termFrom: "desc" },
  });
  return rows.map((r) => `${text.positions[r.kind as (typeof LEADERSHIP_POSITIONS)[number]]} ${r.orgUnit.name}`);
}

/**
 * Resolves a case reference for `user` (404 for anything they may not read, as for what does not
 * exist). With `lock`, an existing case row is locked for the step.
 */
export async function caseContext(tx: Tx, user: Principal, ref: CaseRefInput, options: { lock?: boolean } = {}): Promise<CaseContext> {
  const tenantId = user.tenantId;
  let row: CaseRow | null = null;
  let period: Period | null;
  let unitId: string;
  let memberId: string | null = null;
  if (ref.caseId !== undefined && ref.caseId !== "") {
    row = isUuid(ref.caseId) ? await loadCaseRow(tx, tenantId, { id: ref.caseId }, options.lock) : null;
    if (!row) throw new NotFoundError(text.cases.notFound);
    period = periodOf(row.periodKind, row.periodStart, row.periodEnd);
    unitId = row.unitId;
    memberId = row.memberId;
  } else {
    period = parsePeriod(ref.period === undefined ? "" : String(ref.period));
    if (!period) throw new ValidationError(text.cases.badPeriod, { period: [text.cases.badPeriod] });
    if (ref.memberId) {
      if (!isUuid(ref.memberId)) throw new NotFoundError(text.cases.notFound);
      const m = await tx.member.findUnique({ where: { tenantId_id: { tenantId, id: ref.memberId } }, select: { id: true, branchId: true } });
      if (!m) throw new NotFoundError(text.cases.notFound);
      memberId = m.id;
      row = await loadCaseRow(tx, tenantId, { subjectId: m.id, period }, options.lock);
      unitId = row?.unitId ?? m.branchId;
    } else if (ref.unitId) {
      if (!isUuid(ref.unitId)) throw new NotFoundError(text.cases.notFound);
      unitId = ref.unitId;
      row = await loadCaseRow(tx, tenantId, { subjectId: ref.unitId, period }, options.lock);
    } else {
      throw new ValidationError(text.cases.noSubject);
    }
  }

  const unit = await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId, id: unitId } }, select: unitSelect });
  if (!unit) throw new NotFoundError(text.cases.notFound);
  const collective = memberId === null;
  if (collective && !COLLECTIVE_UNIT_KINDS.includes(unit.kind)) throw new NotFoundError(text.cases.notCollective);
  let member: CaseMember | null = null;
  if (memberId) {
    const m = await tx.member.findUnique({ where: { tenantId_id: { tenantId, id: memberId } }, select: { id: true, fullName: true, birthDate: true } });
    if (!m) throw new NotFoundError(text.cases.notFound);
    member = { ...m, posts: await memberPosts(tx, tenantId, m.id, period) };
  }
  const subject: ClassificationSubject = row?.subject ?? (collective ? "COLLECTIVE" : member!.posts.length > 0 ? "MEMBER_LEADER" : "MEMBER");

  const chain = await ancestors(tx, tenantId, unit.path);
  const computed = decidingUnitOf(chain, collective);
  const decidingUnit = row ? (chain.find((u) => u.id === row!.decidingUnitId) ?? (await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId, id: row.decidingUnitId } }, select: unitSelect }))!) : computed;

  const can = permissions(user, await ownMemberId(tx, user), subject, unit, member, decidingUnit);
  if (!can.read) throw new NotFoundError(text.cases.notFound);

  let frame: FrameRow;
  let frameSource: CaseContext["frameSource"];
  if (row) {
    frame = toFrameRow(row.frame);
    frameSource = { kind: "kept" };
  } else {
    const choice = await frameFor(tx, tenantId, { unitPath: unit.path, subject, day: period.end });
    if (!choice) throw new ValidationError(fill(text.cases.noFrame, { period: period.label }));
    if (!choice.row.frame.periods.includes(period.kind)) throw new ValidationError(fill(text.cases.periodNotInFrame, { code: choice.row.code, period: period.label }));
    frame = choice.row;
    frameSource = choice.source;
  }
  return {
    subject,
    unit,
    member,
    period,
    decidingUnit,
    frame,
    frameSource,
    row,
    needsBranchReview: !collective || BRANCH_UNIT_KINDS.includes(unit.kind),
    can,
  };
}

// ─── The view ───────────────────────────────────────────────────────────────────────────────────

export interface Column {
  marks: ColumnMarks;
  facts: ConditionFacts;
  result: ClassifyResult;
  level: ClassificationLevel | null;
  by: string | null;
  at: string | null;
  reason: string | null;
}

export interface CaseView {
  id: string | null;
  version: number;
  state: ClassificationState;
  subject: ClassificationSubject;
  unit: CaseUnit;
  member: CaseMember | null;
  period: { key: string; kind: Period["kind"]; label: string; start: string; end: string; year: number };
  decidingUnit: { id: string; name: string };
  frame: { id: string; code: string; version: number; name: string; builtIn: boolean; source: CaseContext["frameSource"] };
  definition: FrameRow["frame"];
  needsBranchReview: boolean;
  evidence: EvidenceBundle;
  /** Read from the record now (a draft) rather than kept with the submitted self-assessment. */
  evidenceLive: boolean;
  self: (Column & { notes: SelfNotes; submitted: boolean }) | null;
  review: {
    meeting: { id: string; title: string; day: string } | null;
    comments: string | null;
    level: ClassificationLevel | null;
    vote: { for: number; against: number; abstain: number; eligible: number } | null;
    by: string | null;
    at: string | null;
  } | null;
  appraisal: (Column & { adjusted: boolean }) | null;
  decision: { level: ClassificationLevel; total: number; reason: string | null; by: string | null; at: string } | null;
  returned: { reason: string; by: string | null; at: string } | null;
  /** The level that counts now: decided, else appraised, else the branch's, else the self-assessment's. */
  effective: { level: ClassificationLevel; source: "decision" | "appraisal" | "review" | "self" } | null;
  can: { self: boolean; review: boolean; appraise: boolean; decide: boolean; returnCase: boolean };
  /** Held review meetings of the branch in the period, for the review step. */
  reviewMeetings: { id: string; title: string; day: string }[];
  /** A member's registered commitments for the period's year (the form edits them at this version). */
  commitment: { content: string; registeredOn: string; version: number } | null;
  /** The cap at the deciding level as it stands (for whoever decides). */
  cap: (CapStatus & { unit: string; whom: "organisations" | "members"; names: string[] }) | null;
}

const REVIEW_WINDOW_DAYS = 120;

/** The branch's held REVIEW meetings from the period's start to 120 days after its end. */
export async function reviewMeetingChoices(tx: Tx, tenantId: string, branchId: string, period: Period) {
  const rows = await tx.meeting.findMany({
    where: {
      tenantId,
      branchId,
      kind: "REVIEW",
      state: { in: [...HELD_STATES] },
      plannedStart: { gte: vietnamMidnight(period.start), lt: addDays(period.end, REVIEW_WINDOW_DAYS) },
    },
    select: { id: true, title: true, plannedStart: true, actualStart: true },
    orderBy: { plannedStart: "desc" },
  });
  return rows.map((m) => ({ id: m.id, title: m.title, day: (m.actualStart ?? m.plannedStart).toISOString() }));
}

async function userNames(tx: Tx, tenantId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx.user.findMany({ where: { tenantId, id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function capFor(tx: Tx, tenantId: string, ctx: Pick<CaseContext, "decidingUnit" | "subject" | "period">, change?: { id: string; level: ClassificationLevel }) {
  const settings = await settingsFor(tx, tenantId, ctx.decidingUnit.path, ctx.period.end);
  const members = await capGroup(tx, tenantId, { decidingUnitId: ctx.decidingUnit.id, collective: ctx.subject === "COLLECTIVE", periodKind: ctx.period.kind, periodStart: ctx.period.start });
  const status = capStatus(countWith(members, change), settings["classification.excellentCap"]);
  const names = members
    .filter((m) => (change && m.id === change.id ? change.level : m.level) === "EXCELLENT")
    .map((m) => m.name)
    .sort(new Intl.Collator("vi").compare);
  if (change && change.level === "EXCELLENT" && !members.some((m) => m.id === change.id)) names.push(messages.classificationServer.cap.deciding);
  return { ...status, unit: ctx.decidingUnit.name, whom: ctx.subject === "COLLECTIVE" ? ("organisations" as const) : ("members" as const), names };
}

/** The case as its page and the JSON API show it. */
export async function buildCaseView(tx: Tx, user: Principal, ctx: CaseContext, now: Date = new Date()): Promise<CaseView> {
  const row = ctx.row;
  const frame = ctx.frame.frame;
  const today = todayInVietnam(now);
  const kept = row?.evidence && row.state !== "DRAFT" ? (row.evidence as unknown as EvidenceBundle) : null;
  const evidence =
    kept ??
    (ctx.member
      ? await memberEvidence(tx, user.tenantId, { id: ctx.member.id, fullName: ctx.member.fullName, branchPath: ctx.unit.path }, ctx.period, today)
      : await collectiveEvidence(tx, user.tenantId, ctx.unit, ctx.period, today));
  const names = await userNames(tx, user.tenantId, [row?.selfById ?? null, row?.reviewById ?? null, row?.appraisalById ?? null, row?.decidedById ?? null, row?.returnedById ?? null]);
  const who = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

  const column = (marks: ColumnMarks, facts: ConditionFacts, level: ClassificationLevel | null, complete: boolean): Column["result"] =>
    classify(frame, { ...marks, facts, proposedLevel: level }, { complete });

  let self: CaseView["self"] = null;
  if (row) {
    const marks = storedMarks(row.selfMarks);
    const facts = storedFacts(row.selfFacts);
    const submitted = row.state !== "DRAFT";
    self = {
      marks,
      facts,
      result: column(marks, facts, submitted ? row.selfLevel : null, submitted),
      level: row.selfLevel,
      by: who(row.selfById),
      at: iso(row.selfAt),
      reason: null,
      notes: storedNotes(row.selfNotes),
      submitted,
    };
  }
  const review: CaseView["review"] =
    row && row.reviewAt
      ? {
          meeting: row.reviewMeeting ? { id: row.reviewMeeting.id, title: row.reviewMeeting.title, day: (row.reviewMeeting.actualStart ?? row.reviewMeeting.plannedStart).toISOString() } : null,
          comments: row.reviewComments,
          level: row.reviewLevel,
          vote: row.voteFor !== null ? { for: row.voteFor, against: row.voteAgainst ?? 0, abstain: row.voteAbstain ?? 0, eligible: row.voteEligible ?? 0 } : null,
          by: who(row.reviewById),
          at: iso(row.reviewAt),
        }
      : null;
  let appraisal: CaseView["appraisal"] = null;
  if (row && row.appraisalAt) {
    const adjusted = row.appraisalMarks !== null;
    const marks = adjusted ? storedMarks(row.appraisalMarks) : storedMarks(row.selfMarks);
    const facts = row.appraisalFacts !== null ? storedFacts(row.appraisalFacts) : storedFacts(row.selfFacts);
    appraisal = { marks, facts, result: column(marks, facts, row.appraisalLevel, true), level: row.appraisalLevel, by: who(row.appraisalById), at: iso(row.appraisalAt), reason: row.appraisalReason, adjusted };
  }
  const decision: CaseView["decision"] =
    row && row.state === "DECIDED" && row.decisionLevel && row.decidedAt
      ? { level: row.decisionLevel, total: (row.decisionTotalTenths ?? 0) / 10, reason: row.decisionReason, by: who(row.decidedById), at: row.decidedAt.toISOString() }
      : null;
  const returned = row && row.returnReason && row.returnedAt ? { reason: row.returnReason, by: who(row.returnedById), at: row.returnedAt.toISOString() } : null;

  const state: ClassificationState = row?.state ?? "DRAFT";
  const effective: CaseView["effective"] = decision
    ? { level: decision.level, source: "decision" }
    : appraisal?.level
      ? { level: appraisal.level, source: "appraisal" }
      : review?.level
        ? { level: review.level, source: "review" }
        : self?.submitted && self.level
          ? { level: self.level, source: "self" }
          : null;

  const can = {
    self: ctx.can.self && state === "DRAFT",
    review: ctx.can.review && ctx.needsBranchReview && state === "SELF_ASSESSED",
    appraise: ctx.can.appraise && (state === "BRANCH_REVIEWED" || (state === "SELF_ASSESSED" && !ctx.needsBranchReview)),
    decide: ctx.can.decide && state === "APPRAISED",
    returnCase:
      (state === "SELF_ASSESSED" && (ctx.can.review || ctx.can.appraise || ctx.can.decide)) ||
      ((state === "BRANCH_REVIEWED" || state === "APPRAISED") && (ctx.can.appraise || ctx.can.decide)),
  };
  const branchId = ctx.unit.id;
  return {
    id: row?.id ?? null,
    version: row?.version ?? 0,
    state,
    subject: ctx.subject,
    unit: ctx.unit,
    member: ctx.member,
    period: { key: ctx.period.key, kind: ctx.period.kind, label: ctx.period.label, start: ctx.period.start.toISOString().slice(0, 10), end: ctx.period.end.toISOString().slice(0, 10), year: ctx.period.year },
    decidingUnit: { id: ctx.decidingUnit.id, name: ctx.decidingUnit.name },
    frame: { id: ctx.frame.id, code: ctx.frame.code, version: ctx.frame.version, name: ctx.frame.name, builtIn: ctx.frame.builtIn, source: ctx.frameSource },
    definition: frame,
    needsBranchReview: ctx.needsBranchReview,
    evidence: readableLinks(user, evidence),
    evidenceLive: kept === null,
    self,
    review,
    appraisal,
    decision,
    returned,
    effective,
    can,
    reviewMeetings: can.review ? await reviewMeetingChoices(tx, user.tenantId, branchId, ctx.period) : [],
    commitment: ctx.member ? await commitmentOf(tx, user.tenantId, ctx.member.id, ctx.period.year) : null,
    cap: can.decide || (ctx.can.decide && state === "DECIDED") ? await capFor(tx, user.tenantId, ctx) : null,
  };
}

async function commitmentOf(tx: Tx, tenantId: string, memberId: string, year: number): Promise<CaseView["commitment"]> {
  const row = await tx.memberCommitment.findUnique({ where: { tenantId_memberId_year: { tenantId, memberId, year } }, select: { content: true, registeredOn: true, version: true } });
  return row ? { content: row.content, registeredOn: row.registeredOn.toISOString().slice(0, 10), version: row.version } : null;
}

/** The page of a subject's case for a period. */
export function caseHref(subject: { memberId: string | null; unitId: string }, periodKey: string): string {
  return subject.memberId ? `/classification/members/${subject.memberId}?period=${periodKey}` : `/classification/units/${subject.unitId}?period=${periodKey}`;
}

/** Evidence links lead to pages of other modules: kept only where the reader may open them. */
const LINK_PERMISSIONS: readonly [prefix: string, permission: Permission][] = [
  ["/dashboard", "dashboard.read"],
  ["/oversight/coverage", "dashboard.read"],
  ["/members/", "member.read"],
  ["/plans/", "meeting.read"],
];

function readableLinks(user: Principal, bundle: EvidenceBundle): EvidenceBundle {
  const items = Object.fromEntries(
    Object.entries(bundle.items).map(([key, item]) => {
      const rule = item.href ? LINK_PERMISSIONS.find(([prefix]) => item.href!.startsWith(prefix)) : undefined;
      return [key, rule && !canAnywhere(user, rule[1]) ? { ...item, href: null } : item];
    }),
  );
  return { ...bundle, items };
}

/** The case view for `ref` (404 for what the user may not read). */
export async function readCase(tx: Tx, user: Principal, ref: CaseRefInput, now?: Date): Promise<CaseView> {
  return buildCaseView(tx, user, await caseContext(tx, user, ref), now);
}
