// The scoring workflow of one meeting (SPEC §5.5): the branch committee drafts the scorecard next to
// the AUTO criteria prefilled from the record, submits its self-score with the branch's vote, the
// overseer confirms it or scores a separate column with a reason, and a reviewer finalises it, which
// locks the meeting. Every column is kept, so a reader sees self, overseer and final side by side.
// Each step is one tenant transaction: the scorecard, the meeting's state (applyTransition) and the
// audit entry commit together or not at all.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, isUniqueViolation, parseInput, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Level, MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { loadMeeting, type MeetingRef } from "@/lib/meetings/access";
import { loadMarks } from "@/lib/meetings/attendance";
import { applyTransition, canUserTransition } from "@/lib/meetings/lifecycle";
import { loadRoll, meetingDay, rollEntries, withNames } from "@/lib/meetings/record-common";
import { findBasis, meetingDayOf } from "@/lib/oversight/common";
import type { AttendanceEntry, RollEntry, RuleResult } from "@/lib/meetings/rules/types";
import { voteValidity, type VoteValidity } from "@/lib/meetings/rules/vote";
import { attendanceFigures } from "@/lib/meetings/record-rules";
import type { MeetingTransition } from "@/lib/meetings/states";
import { settingsFor, type SettingsSnapshot } from "@/lib/settings/resolve";
import { countedSources } from "./annual";
import { anomalyFlags, type AnomalyFlag } from "./anomalies";
import { checkScoringInput, score, type AutoOverride, type ScoreResult } from "./engine";
import type { MeetingFacts } from "./facts";
import { meetingFactsSchema } from "./schemas";
import { deriveMeetingFacts } from "./meeting-facts";
import type { Rubric, ScoringIssue } from "./model";
import { loadRubricRow, rubricForMeeting, type RubricChoice, type RubricRow } from "./rubric-store";
import { isoDay } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import type { ServiceContext } from "@/lib/service-context";

/** The score editor's problem messages: the server says the same words when it refuses a save. */
const problemWords = messages.scorecard.problems;
const wording = messages.scoring.workflow;

export const SCORECARD_STALE =
  wording.stale;

/** States in which the branch may still draft its self-score. */
const DRAFTABLE: readonly MeetingState[] = ["HELD", "MINUTES_ADOPTED"];
const NOT_HELD: readonly MeetingState[] = ["PLANNED", "NOTIFIED", "POSTPONED", "CANCELLED"];

// ─── Input ──────────────────────────────────────────────────────────────────────────────────────

const markValue = z.union([z.number(), z.string().max(20)]);
const text = (max: number, message: string) =>
  z
    .string()
    .max(max, message)
    .transform((v) => v.normalize("NFC").trim());

const columnShape = {
  meetingId: z.string().min(1, wording.meetingIdRequired),
  /** The scorecard version the user read; 0 when there was none yet. */
  version: z.coerce.number().int(wording.versionInvalid).min(0, wording.versionInvalid),
  marks: z.record(z.string(), markValue).default({}),
  remarks: z.record(z.string(), text(1000, wording.remarkTooLong)).default({}),
  overrides: z
    .record(z.string(), z.object({ points: markValue, reason: text(1000, wording.overrideReasonTooLong) }))
    .default({}),
};

/**
 * Forms post flat fields ("mark.P4", "remark.P4", "override.T1.points", "override.T1.reason");
 * the JSON API posts nested objects. Both reach the same schema.
 */
function foldFlatFields(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  const marks: Record<string, unknown> = {};
  const remarks: Record<string, unknown> = {};
  const overrides: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const [head, code, part] = key.split(".");
    if (head === "mark" && code) {
      if (typeof value === "string" && value.trim() === "") continue;
      marks[code] = value;
    } else if (head === "remark" && code) {
      if (typeof value === "string" && value.trim() !== "") remarks[code] = value;
    } else if (head === "override" && code && (part === "points" || part === "reason")) {
      if (typeof value === "string" && value.trim() === "") continue;
      (overrides[code] ??= {})[part] = value;
    } else {
      out[key] = value;
    }
  }
  const merge = (key: string, flat: Record<string, unknown>) => {
    if (Object.keys(flat).length > 0) out[key] = { ...(out[key] as object | undefined), ...flat };
  };
  merge("marks", marks);
  merge("remarks", remarks);
  // An override needs both halves; a lone reason or points is reported by the engine's check.
  const complete = Object.fromEntries(
    Object.entries(overrides).map(([code, o]) => [code, { points: o.points ?? "", reason: o.reason ?? "" }]),
  );
  merge("overrides", complete);
  return out;
}

const flat = <S extends z.ZodType>(schema: S) => z.preprocess(foldFlatFields, schema);
const voteCount = z.coerce.number({ error: wording.voteCountInvalid }).int(wording.voteCountInvalid).min(0, wording.voteCountInvalid);
const reasonField = z
  .string()
  .max(2000, wording.reasonTooLong)
  .optional()
  .transform((v) => v?.normalize("NFC").trim() ?? "");

export const saveDraftSchema = flat(z.object({ ...columnShape, notes: z.string().max(5000, wording.notesTooLong).optional() }));
export const submitSelfScoreSchema = flat(
  z.object({
    ...columnShape,
    notes: z.string().max(5000, wording.notesTooLong).optional(),
    voteFor: voteCount,
    voteAgainst: voteCount,
    voteAbstain: voteCount,
  }),
);
/** confirm: the overseer agrees with the self-score; adjust: they score their own column. */
export const overseerSchema = flat(z.object({ ...columnShape, mode: z.enum(["confirm", "adjust"], { error: wording.overseerModeRequired }), reason: reasonField }));
/** approve: the effective column becomes final; adjust: the reviewer scores the final column. */
export const finaliseSchema = flat(z.object({ ...columnShape, mode: z.enum(["approve", "adjust"], { error: wording.reviewerModeRequired }), reason: reasonField }));
export const returnScoreSchema = z.object({
  meetingId: z.string().min(1, wording.meetingIdRequired),
  version: columnShape.version,
  reason: reasonField,
});

export type SaveDraftInput = z.input<typeof saveDraftSchema>;
export type SubmitSelfScoreInput = z.input<typeof submitSelfScoreSchema>;
export type OverseerInput = z.input<typeof overseerSchema>;
export type FinaliseInput = z.input<typeof finaliseSchema>;
export type ReturnScoreInput = z.input<typeof returnScoreSchema>;

// ─── The view ───────────────────────────────────────────────────────────────────────────────────

export interface ColumnMarks {
  marks: Record<string, number | string>;
  remarks: Record<string, string>;
  overrides: Record<string, AutoOverride>;
}

export interface ScoreColumn extends ColumnMarks {
  result: ScoreResult;
  by: { id: string; name: string } | null;
  at: string | null;
  /** Overseer and final columns: why they differ from the column before. */
  reason: string | null;
}

export type ColumnName = "self" | "overseer" | "final";

export interface ScorecardView {
  meeting: MeetingRef & { title: string; day: string; lockedAt: string | null };
  rubric: { id: string; code: string; version: number; name: string; builtIn: boolean; source: RubricChoice["source"] | { kind: "kept" } } | null;
  /** The rubric definition (for the form's criteria and guidance). */
  definition: Rubric | null;
  facts: MeetingFacts | null;
  /**
   * Why this rubric and these facts cannot be scored (checkScoringInput, run here on the server);
   * empty when they can. The score editor scores in the browser with scoreChecked, which loads no zod
   * and so trusts these checks instead of repeating them.
   */
  inputErrors: ScoringIssue[];
  /** Facts read from the record now (drafts) rather than kept on the card (submitted). */
  factsLive: boolean;
  card: { id: string; version: number; notes: string | null; updatedAt: string } | null;
  /** The draft (or submitted) self column, the overseer's and the final one. */
  columns: Record<ColumnName, ScoreColumn | null>;
  vote: { for: number; against: number; abstain: number; eligible: number } | null;
  /** final, else overseer, else self (SPEC §5.5). */
  effective: { column: ColumnName; total: number; totalTenths: number; level: Level | null } | null;
  can: { draft: boolean; selfScore: boolean; confirm: boolean; finalise: boolean; returnScore: boolean; reopen: boolean };
  /** Why the meeting cannot be scored yet (not held), for the page. */
  notScorable: string | null;
  deductionNeedsReason: boolean;
  /** Where a reviewer should look twice (anomalies.ts), once the branch has submitted. */
  anomalies: AnomalyFlag[];
}

const cardSelect = {
  id: true,
  rubricId: true,
  facts: true,
  selfMarks: true,
  selfOverrides: true,
  selfNotes: true,
  selfTotalTenths: true,
  selfLevel: true,
  selfById: true,
  selfAt: true,
  voteFor: true,
  voteAgainst: true,
  voteAbstain: true,
  voteEligible: true,
  overseerMarks: true,
  overseerOverrides: true,
  overseerTotalTenths: true,
  overseerLevel: true,
  overseerReason: true,
  overseerById: true,
  overseerAt: true,
  finalMarks: true,
  finalOverrides: true,
  finalTotalTenths: true,
  finalLevel: true,
  finalReason: true,
  finalById: true,
  finalAt: true,
  updatedAt: true,
  version: true,
} as const;

type CardRow = NonNullable<Awaited<ReturnType<typeof loadCard>>>;

async function loadCard(tx: Tx, tenantId: string, meetingId: string) {
  return tx.scorecard.findUnique({ where: { tenantId_meetingId: { tenantId, meetingId } }, select: cardSelect });
}

/** Stored marks column: { marks, remarks } (overrides have their own column). */
function storedMarks(marks: unknown, overrides: unknown): ColumnMarks {
  const m = (marks ?? {}) as { marks?: Record<string, number | string>; remarks?: Record<string, string> };
  return { marks: m.marks ?? {}, remarks: m.remarks ?? {}, overrides: (overrides ?? {}) as Record<string, AutoOverride> };
}

function marksJson(column: ColumnMarks) {
  return { marks: column.marks, remarks: column.remarks };
}

async function userNames(tx: Tx, tenantId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { tenantId, id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

export const EXTRAORDINARY_NOT_SCORED =
  wording.extraordinaryNotScored;

export const REVIEW_NOT_SCORED =
  wording.annualNotScored;

type KindRef = Pick<MeetingRef, "kind" | "tenantId" | "plannedStart" | "actualStart"> & { branch: { path: string } };

/**
 * Why a meeting of this kind is not scored, or null when it is: a year-end review meeting never
 * is (its outcome is the classification); an extraordinary one only when the tenant setting says
 * so (scoring.scoreExtraordinary).
 */
export async function notScoredKindReason(tx: Tx, meeting: KindRef): Promise<string | null> {
  if (meeting.kind === "REVIEW") return REVIEW_NOT_SCORED;
  if (meeting.kind !== "EXTRAORDINARY") return null;
  const settings = await settingsFor(tx, meeting.tenantId, meeting.branch.path, meetingDay(meeting));
  return scoredKindOn(meeting.kind, settings) ? null : EXTRAORDINARY_NOT_SCORED;
}

export async function isScoredKind(tx: Tx, meeting: KindRef): Promise<boolean> {
  return (await notScoredKindReason(tx, meeting)) === null;
}

/** Whether meetings of `kind` are scored under the settings of the day (never a review meeting; scoring.scoreExtraordinary). */
export function scoredKindOn(kind: MeetingKind, settings: Pick<SettingsSnapshot, "scoring.scoreExtraordinary">): boolean {
  return kind !== "REVIEW" && (kind !== "EXTRAORDINARY" || settings["scoring.scoreExtraordinary"]);
}

function notScorableReason(state: MeetingState): string | null {
  if (NOT_HELD.includes(state)) return wording.notHeld;
  return null;
}

/** What the user may do on this card now (state × permission; confirming also needs the overseer to follow the branch). */
function abilities(user: Principal, meeting: MeetingRef, follows: boolean): ScorecardView["can"] {
  const branch = meeting.branch;
  return {
    draft: DRAFTABLE.includes(meeting.state) && authorize(user, "score.self", branch),
    selfScore: canUserTransition(user, meeting, "selfScore"),
    confirm: follows && canUserTransition(user, meeting, "confirm"),
    finalise: canUserTransition(user, meeting, "finalise"),
    returnScore: canUserTransition(user, meeting, "returnScore"),
    reopen: canUserTransition(user, meeting, "reopen"),
  };
}

interface Context {
  meeting: MeetingRef;
  card: CardRow | null;
  rubric: RubricRow;
  source: ScorecardView["rubric"] extends infer R ? (R extends { source: infer S } ? S : never) : never;
  facts: MeetingFacts;
  factsLive: boolean;
  deductionNeedsReason: boolean;
}

/**
 * The rubric and facts a card is scored with. While the branch may still draft, both are read
 * fresh (the record may have changed, an assignment may have moved); once the self-score is in,
 * the card's own rubric version and facts are kept, so later rule changes never rewrite it.
 */
async function scoringContext(tx: Tx, meeting: MeetingRef, card: CardRow | null): Promise<Context | null> {
  const tenantId = meeting.tenantId;
  const settings = await settingsFor(tx, tenantId, meeting.branch.path, meetingDay(meeting));
  const deductionNeedsReason = settings["scoring.deductionNeedsReason"];
  if (card && !DRAFTABLE.includes(meeting.state)) {
    const rubric = await loadRubricRow(tx, tenantId, card.rubricId);
    if (!rubric) return null;
    return { meeting, card, rubric, source: { kind: "kept" }, facts: meetingFactsSchema.parse(card.facts), factsLive: false, deductionNeedsReason };
  }
  const choice = await rubricForMeeting(tx, tenantId, { branchPath: meeting.branch.path, kind: meeting.kind, day: meetingDay(meeting) });
  if (!choice) return null;
  const { facts } = await deriveMeetingFacts(tx, meeting);
  return { meeting, card, rubric: choice.row, source: choice.source, facts, factsLive: true, deductionNeedsReason };
}

function column(
  ctx: Pick<Context, "rubric" | "facts">,
  marks: ColumnMarks,
  meta: { by: string | null; at: Date | null; reason: string | null },
  names: Map<string, string>,
): ScoreColumn {
  return {
    ...marks,
    result: score(ctx.rubric.rubric, ctx.facts, marks.marks, { overrides: marks.overrides }),
    by: meta.by ? { id: meta.by, name: names.get(meta.by) ?? "" } : null,
    at: meta.at?.toISOString() ?? null,
    reason: meta.reason,
  };
}

function inputErrorsOf(ctx: Pick<Context, "rubric" | "facts">): ScoringIssue[] {
  const check = checkScoringInput(ctx.rubric.rubric, ctx.facts);
  return check.ok ? [] : check.errors;
}

export async function getScorecard(user: Principal, meetingId: string): Promise<ScorecardView> {
  return withTenant(user.tenantId, (tx) => scorecardView(tx, user, meetingId));
}

export async function scorecardView(tx: Tx, user: Principal, meetingId: string): Promise<ScorecardView> {
  const meeting = await loadMeeting(tx, user, meetingId, { permission: "meeting.read" });
  const extra = await tx.meeting.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: user.tenantId, id: meeting.id } },
    select: { title: true, lockedAt: true },
  });
  const header = { ...meeting, title: extra.title, day: isoDay(meetingDay(meeting)), lockedAt: extra.lockedAt?.toISOString() ?? null };
  const kindReason = await notScoredKindReason(tx, meeting);
  const scoredKind = kindReason === null;
  const notScorable = kindReason ?? notScorableReason(meeting.state);
  const card = await loadCard(tx, user.tenantId, meeting.id);
  const follows = scoredKind && canUserTransition(user, meeting, "confirm") && (await followsBranch(tx, user, meeting));
  const can = scoredKind ? abilities(user, meeting, follows) : { draft: false, selfScore: false, confirm: false, finalise: false, returnScore: false, reopen: false };
  const empty = { self: null, overseer: null, final: null };
  if (notScorable && !card) {
    return { meeting: header, rubric: null, definition: null, facts: null, inputErrors: [], factsLive: false, card: null, columns: empty, vote: null, effective: null, can, notScorable, deductionNeedsReason: true, anomalies: [] };
  }
  const ctx = await scoringContext(tx, meeting, card);
  if (!ctx) {
    return {
      meeting: header, rubric: null, definition: null, facts: null, inputErrors: [], factsLive: false, card: null, columns: empty, vote: null, effective: null, can,
      notScorable: wording.noRubricForMeeting,
      deductionNeedsReason: true,
      anomalies: [],
    };
  }
  const names = await userNames(tx, user.tenantId, [card?.selfById ?? null, card?.overseerById ?? null, card?.finalById ?? null]);
  const self = card
    ? column(ctx, storedMarks(card.selfMarks, card.selfOverrides), { by: card.selfById, at: card.selfAt, reason: null }, names)
    : null;
  const overseer =
    card && card.overseerAt
      ? column(
          ctx,
          card.overseerMarks ? storedMarks(card.overseerMarks, card.overseerOverrides) : storedMarks(card.selfMarks, card.selfOverrides),
          { by: card.overseerById, at: card.overseerAt, reason: card.overseerReason },
          names,
        )
      : null;
  const final =
    card && card.finalAt
      ? column(ctx, storedMarks(card.finalMarks, card.finalOverrides), { by: card.finalById, at: card.finalAt, reason: card.finalReason }, names)
      : null;
  const columns = { self, overseer, final };
  const anomalies = card?.selfAt && self ? await cardAnomalies(tx, meeting, ctx, card, self) : [];
  return {
    meeting: header,
    rubric: { id: ctx.rubric.id, code: ctx.rubric.code, version: ctx.rubric.version, name: ctx.rubric.name, builtIn: ctx.rubric.builtIn, source: ctx.source },
    definition: ctx.rubric.rubric,
    facts: ctx.facts,
    inputErrors: inputErrorsOf(ctx),
    factsLive: ctx.factsLive,
    card: card ? { id: card.id, version: card.version, notes: card.selfNotes, updatedAt: card.updatedAt.toISOString() } : null,
    columns,
    vote:
      card && card.voteFor !== null
        ? { for: card.voteFor, against: card.voteAgainst ?? 0, abstain: card.voteAbstain ?? 0, eligible: card.voteEligible ?? 0 }
        : null,
    effective: effectiveOf(meeting.state, columns),
    can,
    notScorable,
    deductionNeedsReason: ctx.deductionNeedsReason,
    anomalies,
  };
}

/** The reviewer's flags for a submitted card, with the branch's other counted months of the year. */
async function cardAnomalies(tx: Tx, meeting: MeetingRef, ctx: Context, card: CardRow, self: ScoreColumn): Promise<AnomalyFlag[]> {
  const day = meetingDay(meeting);
  const year = day.getUTCFullYear();
  const settings = await settingsFor(tx, meeting.tenantId, meeting.branch.path, day);
  const others = await tx.scorecard.findMany({
    where: {
      tenantId: meeting.tenantId,
      meetingId: { not: meeting.id },
      meeting: {
        branchId: meeting.branchId,
        kind: meeting.kind,
        plannedStart: { gte: new Date(Date.UTC(year - 1, 11, 31, 17)), lt: new Date(Date.UTC(year, 11, 31, 17)) },
      },
    },
    select: { selfTotalTenths: true, overseerTotalTenths: true, finalTotalTenths: true, meeting: { select: { state: true } } },
  });
  const otherMonthTotalsTenths = others.flatMap((o) => {
    const source = countedSources(o.meeting.state).find((name) => o[`${name}TotalTenths`] !== null);
    return source ? [o[`${source}TotalTenths`]!] : [];
  });
  return anomalyFlags(
    {
      selfLevel: card.selfLevel,
      selfConditions: self.result.conditions,
      actualMinutes: ctx.facts.actualMinutes,
      requiredMinutes: ctx.facts.requiredMinutes,
      minutesPresent: ctx.facts.minutesComplete,
      selfTotalTenths: card.selfTotalTenths,
      overseerTotalTenths: card.overseerTotalTenths,
      finalTotalTenths: card.finalTotalTenths,
    },
    { otherMonthTotalsTenths },
    { adjustPoints: settings["scoring.anomalyAdjustPoints"], identicalMonths: settings["scoring.anomalyIdenticalMonths"] },
  );
}

/** The column that counts (annual.ts's rule: by state, final, else overseer, else self). */
function effectiveOf(state: MeetingState, columns: Record<ColumnName, ScoreColumn | null>): ScorecardView["effective"] {
  for (const name of countedSources(state)) {
    const c = columns[name];
    if (c) return { column: name, total: c.result.total, totalTenths: c.result.totalTenths, level: c.result.level };
  }
  return null;
}

// ─── Steps ──────────────────────────────────────────────────────────────────────────────────────

export interface StepResult {
  meetingId: string;
  state: MeetingState;
  version: number;
  total: number;
  level: Level | null;
}

/** The engine's verdict on one column; every problem becomes a field error, nothing is saved. */
function scoreOrRefuse(ctx: Context, marks: ColumnMarks, options: { complete: boolean }): ScoreResult {
  const result = score(ctx.rubric.rubric, ctx.facts, marks.marks, { overrides: marks.overrides });
  const problems = result.errors.filter((e) => options.complete || e.kind !== "unmarked");
  // An override without a reason is ignored by the engine; say so rather than drop it silently.
  for (const [code, o] of Object.entries(marks.overrides)) {
    if (!o.reason || o.reason.trim().length < 3) problems.push({ path: code, message: fill(problemWords.overrideReason, { code }) });
  }
  if (options.complete) {
    for (const c of deductionsWithoutReason(result, marks.remarks, ctx.deductionNeedsReason)) {
      problems.push({ path: c.code, message: fill(problemWords.deduction, { code: c.code, points: formatPoints(c.points), max: formatPoints(c.max) }) });
    }
  }
  if (problems.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of problems) (fieldErrors[p.path ? `mark.${p.path}` : "_"] ??= []).push(p.message);
    throw new ValidationError(problems.length === 1 ? problems[0]!.message : fill(wording.problems, { count: problems.length, first: problems[0]!.message }), fieldErrors);
  }
  return result;
}

/** MANUAL marks below their maximum without a written reason, when scoring.deductionNeedsReason asks for one. */
export function deductionsWithoutReason(
  result: Pick<ScoreResult, "perCriterion">,
  remarks: Readonly<Record<string, string | undefined>>,
  needsReason: boolean,
): ScoreResult["perCriterion"] {
  if (!needsReason) return [];
  return result.perCriterion.filter((c) => c.mode === "MANUAL" && c.applicable && c.points < c.max && !remarks[c.code]?.trim());
}

function formatPoints(value: number): string {
  return value.toLocaleString("vi-VN", { maximumFractionDigits: 1 });
}

function columnOf(data: ColumnMarks): ColumnMarks {
  return { marks: data.marks, remarks: data.remarks, overrides: data.overrides };
}

function assertCardVersion(card: { version: number } | null, expected: number): void {
  if ((card?.version ?? 0) !== expected) throw new ConflictError(SCORECARD_STALE);
}

/** Loads and locks the meeting, the card and the scoring context for a step. */
async function stepContext(tx: Tx, user: Principal, meetingId: string, version: number): Promise<Context> {
  const meeting = await loadMeeting(tx, user, meetingId, { lock: true });
  const notScorable = notScorableReason(meeting.state);
  if (notScorable) throw new ValidationError(notScorable);
  const kindReason = await notScoredKindReason(tx, meeting);
  if (kindReason) throw new ValidationError(kindReason);
  const card = await loadCard(tx, user.tenantId, meeting.id);
  assertCardVersion(card, version);
  const ctx = await scoringContext(tx, meeting, card);
  if (!ctx) throw new ValidationError(wording.noRubric);
  return ctx;
}

/** Writes the card under its version (created at version 1); a concurrent writer gets the conflict. */
/** The columns a scoring step writes (a misspelt column does not compile). */
type CardColumns = Partial<Omit<Prisma.ScorecardUncheckedCreateInput, "id" | "tenantId" | "meetingId" | "version" | "createdAt" | "updatedAt">>;

async function writeCard(tx: Tx, user: Principal, ctx: Context, data: CardColumns): Promise<number> {
  if (!ctx.card) {
    try {
      await tx.scorecard.create({
        data: { tenantId: user.tenantId, meetingId: ctx.meeting.id, rubricId: ctx.rubric.id, facts: ctx.facts, selfMarks: { marks: {}, remarks: {} }, ...data },
        select: { id: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(SCORECARD_STALE);
      throw error;
    }
    return 1;
  }
  const updated = await tx.scorecard.updateMany({
    where: { tenantId: user.tenantId, id: ctx.card.id, version: ctx.card.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count === 0) throw new ConflictError(SCORECARD_STALE);
  return ctx.card.version + 1;
}

async function audit(tx: Tx, user: Principal, ctx: Context, action: string, before: object | null, after: object, step: ServiceContext) {
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actorUserId: user.id,
    action,
    entityType: "Meeting",
    entityId: ctx.meeting.id,
    before,
    after: { rubric: `${ctx.rubric.code} v${ctx.rubric.version}`, ...after },
    requestId: step.requestId ?? null,
  });
}

function summary(result: ScoreResult) {
  return { total: result.total, level: result.level };
}

/** The branch saves its draft (partial marks allowed) while the meeting is held or its minutes adopted. */
export async function saveScoreDraft(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult & { cardVersion: number }> {
  const data = parseInput(saveDraftSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ctx = await stepContext(tx, user, data.meetingId, data.version);
    if (!authorize(user, "score.self", ctx.meeting.branch)) throw new ForbiddenError(wording.noScoringRight);
    if (!DRAFTABLE.includes(ctx.meeting.state)) {
      throw new ValidationError(wording.alreadySubmitted);
    }
    const marks = columnOf(data);
    const result = scoreOrRefuse(ctx, marks, { complete: false });
    const complete = result.errors.length === 0;
    const cardVersion = await writeCard(tx, user, ctx, {
      rubricId: ctx.rubric.id,
      facts: ctx.facts,
      selfMarks: marksJson(marks),
      selfOverrides: marks.overrides,
      selfNotes: data.notes?.trim() || null,
      selfTotalTenths: complete ? result.totalTenths : null,
      selfLevel: complete ? result.level : null,
    });
    await audit(tx, user, ctx, "scorecard.draft", null, { marks: marks.marks, overrides: marks.overrides, ...summary(result) }, step);
    return { meetingId: ctx.meeting.id, state: ctx.meeting.state, version: ctx.meeting.version, total: result.total, level: complete ? result.level : null, cardVersion };
  });
}

/**
 * The committee's self-score with the branch's vote on it: every applicable MANUAL criterion
 * marked (deductions with a reason), the vote valid under SPEC §4.2 (only official members present
 * vote; more than half of D_vote in favour). Moves the meeting to SELF_SCORED.
 */
export async function submitSelfScore(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult & { cardVersion: number; vote: VoteValidity }> {
  const data = parseInput(submitSelfScoreSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ctx = await stepContext(tx, user, data.meetingId, data.version);
    if (ctx.meeting.state === "HELD") {
      throw new ValidationError(wording.minutesFirst);
    }
    const marks = columnOf(data);
    const result = scoreOrRefuse(ctx, marks, { complete: true });
    const vote = await branchVote(tx, ctx.meeting, { for: data.voteFor, against: data.voteAgainst, abstain: data.voteAbstain });
    const now = step.now ?? new Date();
    const cardVersion = await writeCard(tx, user, ctx, {
      rubricId: ctx.rubric.id,
      facts: ctx.facts,
      selfMarks: marksJson(marks),
      selfOverrides: marks.overrides,
      selfNotes: data.notes?.trim() || null,
      selfTotalTenths: result.totalTenths,
      selfLevel: result.level,
      selfById: user.id,
      selfAt: now,
      voteFor: vote.tally.for,
      voteAgainst: vote.tally.against,
      voteAbstain: vote.tally.abstain,
      voteEligible: vote.denominator.value,
      // A new self-score starts the confirmation over (a returned card keeps its history in the audit).
      overseerMarks: Prisma.DbNull,
      overseerOverrides: Prisma.DbNull,
      overseerTotalTenths: null,
      overseerLevel: null,
      overseerReason: null,
      overseerById: null,
      overseerAt: null,
      finalMarks: Prisma.DbNull,
      finalOverrides: Prisma.DbNull,
      finalTotalTenths: null,
      finalLevel: null,
      finalReason: null,
      finalById: null,
      finalAt: null,
    });
    const moved = await applyTransition(tx, user, { id: ctx.meeting.id }, "selfScore", { requestId: step.requestId, now });
    await audit(tx, user, ctx, "scorecard.selfScore", null, {
      marks: marks.marks,
      overrides: marks.overrides,
      ...summary(result),
      vote: { for: vote.tally.for, against: vote.tally.against, abstain: vote.tally.abstain, eligible: vote.denominator.value },
    }, step);
    return { meetingId: ctx.meeting.id, state: moved.to, version: moved.version, total: result.total, level: result.level, cardVersion, vote };
  });
}

/**
 * The branch's vote on the proposed score, valid by the same rule as a resolution's (SPEC §4.2).
 * The roll is the one of the meeting day; a member added to it since the minutes were adopted (a
 * back-dated transfer) has no mark and cannot get one any more, so they count as absent without
 * reason — as in the scoring facts — instead of blocking the vote.
 */
export async function scoreVote(tx: Tx, meeting: MeetingRef, tally: { for: number; against: number; abstain: number }): Promise<RuleResult<VoteValidity>> {
  const roll = await loadRoll(tx, meeting.tenantId, meeting.branchId, meetingDay(meeting));
  const marks = (await loadMarks(tx, meeting.tenantId, meeting.id)).map((m) => ({ memberId: m.memberId, mark: m.status }));
  const checked = voteOnRoll(rollEntries(roll), marks, tally);
  return checked.ok ? checked : { ok: false, errors: checked.errors.map((e) => ({ ...e, message: withNames(e, roll) })) };
}

/** scoreVote's rule on a roll and marks already read: members not marked count as absent without reason. */
export function voteOnRoll(
  entries: readonly RollEntry[],
  marks: readonly AttendanceEntry[],
  tally: { for: number; against: number; abstain: number },
): RuleResult<VoteValidity> {
  const unmarked = attendanceFigures(entries, marks).unmarked;
  return voteValidity(entries, [...marks, ...unmarked.map((memberId) => ({ memberId, mark: "ABSENT_UNEXCUSED" as const }))], tally);
}

async function branchVote(tx: Tx, meeting: MeetingRef, tally: { for: number; against: number; abstain: number }): Promise<VoteValidity> {
  const checked = await scoreVote(tx, meeting, tally);
  if (!checked.ok) throw new ValidationError(checked.errors[0]!.message, { voteFor: [checked.errors[0]!.message] });
  if (!checked.value.valid) {
    const message = fill(wording.notApproved, { explanation: checked.value.explanation });
    throw new ValidationError(message, { voteFor: [message] });
  }
  return checked.value;
}

/** Same marks, remarks and overrides (order-insensitive) as another column. */
function sameMarks(a: ColumnMarks, b: ColumnMarks): boolean {
  const norm = (c: ColumnMarks) =>
    JSON.stringify({
      marks: Object.fromEntries(Object.entries(c.marks).map(([k, v]) => [k, String(v).replace(",", ".")]).sort()),
      overrides: Object.fromEntries(Object.entries(c.overrides).map(([k, v]) => [k, String(v.points).replace(",", ".")]).sort()),
    });
  return norm(a) === norm(b);
}

function requireReason(reason: string, message: string): void {
  if (reason.length < 3) throw new ValidationError(message, { reason: [message] });
}

/**
 * Whether the user follows the meeting's branch on the meeting day, by the rule that decides who may
 * record a visit (lib/oversight/common.ts: their own assignment then, or a delegation to them). An
 * OVERSEER grant over the subtree lets one see the branch; it does not make one its overseer.
 */
async function followsBranch(tx: Tx, user: Principal, meeting: MeetingRef): Promise<boolean> {
  return (await findBasis(tx, user.tenantId, user.id, meeting.branchId, meetingDayOf(meeting))) !== null;
}

export const NOT_FOLLOWING_CONFIRM =
  wording.notOverseer;

/**
 * The overseer (score.confirm on the branch, and following it on the meeting day by assignment or
 * delegation, as for a visit) confirms the self-score as it is, or scores their own column; an
 * adjustment needs a reason. Moves the meeting to CONFIRMED.
 */
export async function confirmScore(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult & { cardVersion: number }> {
  const data = parseInput(overseerSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ctx = await stepContext(tx, user, data.meetingId, data.version);
    const card = ctx.card;
    if (!card || ctx.meeting.state !== "SELF_SCORED") {
      throw new ValidationError(wording.confirmOnlySubmitted);
    }
    if (!(await followsBranch(tx, user, ctx.meeting))) throw new ForbiddenError(NOT_FOLLOWING_CONFIRM);
    const self = storedMarks(card.selfMarks, card.selfOverrides);
    const now = step.now ?? new Date();
    let result: ScoreResult;
    let fields: Record<string, unknown>;
    if (data.mode === "adjust") {
      const marks = columnOf(data);
      if (sameMarks(marks, self)) throw new ValidationError(wording.adjustSameAsSelf);
      requireReason(data.reason, problemWords.reason.adjust);
      result = scoreOrRefuse(ctx, marks, { complete: true });
      fields = { overseerMarks: marksJson(marks), overseerOverrides: marks.overrides, overseerReason: data.reason };
    } else {
      result = scoreOrRefuse(ctx, self, { complete: true });
      fields = { overseerMarks: Prisma.DbNull, overseerOverrides: Prisma.DbNull, overseerReason: data.reason || null };
    }
    const cardVersion = await writeCard(tx, user, ctx, {
      ...fields,
      overseerTotalTenths: result.totalTenths,
      overseerLevel: result.level,
      overseerById: user.id,
      overseerAt: now,
    });
    const moved = await applyTransition(tx, user, { id: ctx.meeting.id }, "confirm", { requestId: step.requestId, now });
    await audit(
      tx,
      user,
      ctx,
      data.mode === "adjust" ? "scorecard.adjust" : "scorecard.confirm",
      { total: (card.selfTotalTenths ?? 0) / 10, level: card.selfLevel },
      { ...(data.mode === "adjust" ? { marks: data.marks, overrides: data.overrides } : {}), ...summary(result), reason: data.reason || null },
      step,
    );
    return { meetingId: ctx.meeting.id, state: moved.to, version: moved.version, total: result.total, level: result.level, cardVersion };
  });
}

/**
 * The reviewer (score.review) decides: approves the effective column (overseer's, else the
 * self-score) or scores the final column with a reason. Moves the meeting to FINALISED, which locks it.
 */
export async function finaliseScore(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult & { cardVersion: number }> {
  const data = parseInput(finaliseSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ctx = await stepContext(tx, user, data.meetingId, data.version);
    const card = ctx.card;
    if (!card || (ctx.meeting.state !== "SELF_SCORED" && ctx.meeting.state !== "CONFIRMED")) {
      throw new ValidationError(wording.reviewOnlySelfScored);
    }
    const basis = card.overseerMarks ? storedMarks(card.overseerMarks, card.overseerOverrides) : storedMarks(card.selfMarks, card.selfOverrides);
    let marks = basis;
    if (data.mode === "adjust") {
      marks = columnOf(data);
      if (sameMarks(marks, basis)) throw new ValidationError(wording.reviewSameAsCurrent);
      requireReason(data.reason, problemWords.reason.adjustFinalise);
    }
    const result = scoreOrRefuse(ctx, marks, { complete: true });
    const now = step.now ?? new Date();
    const cardVersion = await writeCard(tx, user, ctx, {
      finalMarks: marksJson(marks),
      finalOverrides: marks.overrides,
      finalTotalTenths: result.totalTenths,
      finalLevel: result.level,
      finalReason: data.reason || null,
      finalById: user.id,
      finalAt: now,
    });
    const moved = await applyTransition(tx, user, { id: ctx.meeting.id }, "finalise", { requestId: step.requestId, now });
    await audit(tx, user, ctx, "scorecard.finalise", null, { mode: data.mode, ...summary(result), reason: data.reason || null }, step);
    return { meetingId: ctx.meeting.id, state: moved.to, version: moved.version, total: result.total, level: result.level, cardVersion };
  });
}

/** The reviewer sends the card back to the branch with a reason (the meeting returns to MINUTES_ADOPTED). */
export async function returnScore(user: Principal, input: unknown, step: ServiceContext = {}): Promise<StepResult & { cardVersion: number }> {
  const data = parseInput(returnScoreSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ctx = await stepContext(tx, user, data.meetingId, data.version);
    if (!ctx.card) throw new ValidationError(wording.nothingToReturn);
    requireReason(data.reason, problemWords.reason.return);
    const moved = await applyTransition(tx, user, { id: ctx.meeting.id }, "returnScore", { reason: data.reason, requestId: step.requestId, now: step.now });
    const cardVersion = await writeCard(tx, user, ctx, { selfAt: null, selfById: null });
    await audit(tx, user, ctx, "scorecard.return", null, { reason: data.reason }, step);
    return { meetingId: ctx.meeting.id, state: moved.to, version: moved.version, total: (ctx.card.selfTotalTenths ?? 0) / 10, level: ctx.card.selfLevel, cardVersion };
  });
}

export type ScoringStepName = Extract<MeetingTransition, "selfScore" | "confirm" | "finalise" | "returnScore">;
