// The review desk (Ban Tổ chức, REVIEWER over a subtree: score.review): the scorecards waiting for a
// decision (meetings SELF_SCORED or CONFIRMED), filterable by month, unit, level, anomaly flag and
// state, each with the flags a reviewer should look at (lib/scoring/anomalies.ts, gathered exactly
// as the scorecard page gathers them), and bulk approval of the clean ones. The decision itself is
// the scoring workflow's (finaliseScore, returnScore): one transaction per scorecard, with its
// version check and audit entry.
import { scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Level, MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { countedSources } from "@/lib/scoring/annual";
import { anomalyFlags, ANOMALY_CODES, type AnomalyCode, type AnomalyFlag } from "@/lib/scoring/anomalies";
import { score } from "@/lib/scoring/engine";
import { meetingFactsSchema } from "@/lib/scoring/schemas";
import { loadRubricRow, type RubricRow } from "@/lib/scoring/rubric-store";
import { finaliseScore } from "@/lib/scoring/workflow";
import { settingsFor } from "@/lib/settings/resolve";
import { reviewMessages as text } from "./messages";
import { pathRange, resolveScope, type ResolvedScope } from "./scope";
import { isoDay, vietnamDayOf, vietnamMonthStart } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
import { LEVELS } from "@/lib/domain/levels";

export const REVIEW_PAGE_SIZE = 50;
/** At most this many scorecards are approved by one bulk request (each is its own transaction). */
export const BULK_LIMIT = 100;

const WAITING: readonly MeetingState[] = ["SELF_SCORED", "CONFIRMED"];
export const ANOMALY_FILTERS = ["any", "none", ...ANOMALY_CODES] as const;
export type AnomalyFilter = (typeof ANOMALY_FILTERS)[number];

export interface ReviewQuery {
  month?: unknown;
  unit?: unknown;
  level?: unknown;
  anomaly?: unknown;
  state?: unknown;
  page?: unknown;
}

export interface ReviewFilters {
  /** "2026-03" */
  month: string | null;
  unit: string | null;
  level: Level | null;
  anomaly: AnomalyFilter | null;
  state: MeetingState | null;
}

export interface ReviewItem {
  meetingId: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  /** The meeting's day in Vietnam, yyyy-mm-dd. */
  day: string;
  branch: { id: string; name: string; parentName: string | null };
  /** The scorecard's version: send it back with a decision. */
  cardVersion: number;
  self: { total: number | null; level: Level | null };
  overseer: { total: number | null; level: Level | null } | null;
  /** The result that counts now (overseer's, else the self-score). */
  effective: { total: number | null; level: Level | null };
  flags: AnomalyFlag[];
}

export interface ReviewQueue {
  scope: ResolvedScope;
  filters: ReviewFilters;
  /** Filter values that were ignored, and why (Vietnamese). */
  notes: string[];
  total: number;
  page: number;
  pageSize: number;
  items: ReviewItem[];
}

const MONTH = /^(\d{4})-(\d{2})$/;
const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
const str = (v: unknown) => (typeof v === "string" ? v.trim() : String(v)).slice(0, 40);

/** The filters asked for; what cannot be understood is dropped with a note (never an error). */
export function parseReviewFilters(query: ReviewQuery): { filters: ReviewFilters; page: number; notes: string[] } {
  const notes: string[] = [];
  const filters: ReviewFilters = { month: null, unit: null, level: null, anomaly: null, state: null };
  if (present(query.month)) {
    const match = MONTH.exec(str(query.month));
    const m = match ? Number(match[2]) : 0;
    if (match && m >= 1 && m <= 12 && Number(match[1]) >= 2000 && Number(match[1]) <= 2100) filters.month = str(query.month);
    else notes.push(fill(text.notes.month, { value: str(query.month) }));
  }
  if (present(query.unit)) {
    // Nonsense is ignored; a well-formed id outside the reviewer's subtree is a 404 (reviewQueue).
    if (isUuid(str(query.unit))) filters.unit = str(query.unit);
    else notes.push(fill(text.notes.unit, { value: str(query.unit) }));
  }
  if (present(query.level)) {
    if ((LEVELS as readonly string[]).includes(str(query.level))) filters.level = str(query.level) as Level;
    else notes.push(fill(text.notes.level, { value: str(query.level) }));
  }
  if (present(query.anomaly)) {
    if ((ANOMALY_FILTERS as readonly string[]).includes(str(query.anomaly))) filters.anomaly = str(query.anomaly) as AnomalyFilter;
    else notes.push(fill(text.notes.anomaly, { value: str(query.anomaly) }));
  }
  if (present(query.state)) {
    if ((WAITING as readonly string[]).includes(str(query.state))) filters.state = str(query.state) as MeetingState;
    else notes.push(fill(text.notes.state, { value: str(query.state) }));
  }
  let page = 1;
  if (present(query.page)) {
    const n = Number(str(query.page));
    if (Number.isInteger(n) && n >= 1 && n <= 100_000) page = n;
    else notes.push(fill(text.notes.page, { value: str(query.page) }));
  }
  return { filters, page, notes };
}

// ─── Candidates ─────────────────────────────────────────────────────────────────────────────────

interface CandidateRow {
  meetingId: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  start: Date;
  branchId: string;
  branchName: string;
  branchPath: string;
  parentName: string | null;
  cardVersion: number;
  rubricId: string;
  selfLevel: Level | null;
  selfTotalTenths: number | null;
  overseerLevel: Level | null;
  overseerTotalTenths: number | null;
  finalTotalTenths: number | null;
  actualMinutes: number | null;
  requiredMinutes: number | null;
  minutesComplete: boolean | null;
}

function whereClause(tenantId: string, path: string, filters: ReviewFilters): Prisma.Sql {
  const { lower, upper } = pathRange(path);
  const parts: Prisma.Sql[] = [
    Prisma.sql`m."tenantId" = ${tenantId}::uuid`,
    Prisma.sql`m."state" IN ('SELF_SCORED', 'CONFIRMED')`,
    Prisma.sql`u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}`,
  ];
  if (filters.state) parts.push(Prisma.sql`m."state" = ${filters.state}::"MeetingState"`);
  if (filters.month) {
    const [y, mo] = filters.month.split("-").map(Number) as [number, number];
    const from = vietnamMonthStart(y, mo);
    const to = vietnamMonthStart(y, mo + 1);
    parts.push(Prisma.sql`coalesce(m."actualStart", m."plannedStart") >= ${from} AND coalesce(m."actualStart", m."plannedStart") < ${to}`);
  }
  if (filters.level) parts.push(Prisma.sql`app_effective_level(m."state", s."selfLevel", s."overseerLevel", s."finalLevel") = ${filters.level}::"Level"`);
  return Prisma.join(parts, " AND ");
}

const FROM = Prisma.sql`
  FROM "Meeting" m
  JOIN "OrgUnit" u ON u."tenantId" = m."tenantId" AND u."id" = m."branchId"
  JOIN "Scorecard" s ON s."tenantId" = m."tenantId" AND s."meetingId" = m."id"`;

async function candidates(tx: Tx, where: Prisma.Sql, page: { limit: number; offset: number } | null): Promise<CandidateRow[]> {
  return tx.$queryRaw<CandidateRow[]>`
    SELECT m."id" AS "meetingId", m."title", m."kind"::text AS "kind", m."state"::text AS "state",
           coalesce(m."actualStart", m."plannedStart") AS "start", m."branchId",
           u."name" AS "branchName", u."path" AS "branchPath", p."name" AS "parentName",
           s."version" AS "cardVersion", s."rubricId", s."selfLevel"::text AS "selfLevel", s."selfTotalTenths",
           s."overseerLevel"::text AS "overseerLevel", s."overseerTotalTenths", s."finalTotalTenths",
           (s."facts" ->> 'actualMinutes')::int AS "actualMinutes", (s."facts" ->> 'requiredMinutes')::int AS "requiredMinutes",
           (s."facts" ->> 'minutesComplete')::boolean AS "minutesComplete"
    ${FROM}
    LEFT JOIN "OrgUnit" p ON p."tenantId" = u."tenantId" AND p."id" = u."parentId"
    WHERE ${where}
    ORDER BY m."plannedStart" DESC, m."id" DESC
    ${page ? Prisma.sql`LIMIT ${page.limit} OFFSET ${page.offset}` : Prisma.empty}`;
}

/**
 * How many cards wait. Without a month, state or level filter it is the subtree's own count kept by
 * the monthly aggregates (UnitMonthStats.awaitingReview: meetings SELF_SCORED or CONFIRMED), so the
 * queue of a whole province does not count 25,000 rows on every page; with one, it is counted.
 */
async function waitingCount(tx: Tx, tenantId: string, unitId: string, where: Prisma.Sql, filters: ReviewFilters): Promise<number> {
  if (!filters.month && !filters.state && !filters.level) {
    const sum = await tx.unitMonthStats.aggregate({ where: { tenantId, unitId }, _sum: { awaitingReview: true } });
    return sum._sum.awaitingReview ?? 0;
  }
  const counted = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${FROM} WHERE ${where}`;
  return counted[0]?.n ?? 0;
}

// ─── Flags, gathered as the scorecard page gathers them ─────────────────────────────────────────

interface FlagSettings {
  adjustPoints: number;
  identicalMonths: number;
}

/**
 * The anomaly flags of each candidate: the self-score's level conditions (the engine, only where a
 * Tốt proposal meets a rubric that has conditions), the kept facts, the three columns, and the
 * effective totals of the branch's other cards of the same kind in the meeting's year.
 */
async function flagsFor(tx: Tx, tenantId: string, rows: readonly CandidateRow[]): Promise<Map<string, AnomalyFlag[]>> {
  const out = new Map<string, AnomalyFlag[]>();
  if (rows.length === 0) return out;
  const ids = rows.map((r) => r.meetingId);

  const others = await tx.$queryRaw<{ meetingId: string; state: MeetingState; selfTotalTenths: number | null; overseerTotalTenths: number | null; finalTotalTenths: number | null }[]>`
    WITH c AS (
      SELECT cm."id", cm."branchId", cm."kind", app_vn_year(coalesce(cm."actualStart", cm."plannedStart")) AS y
      FROM "Meeting" cm WHERE cm."tenantId" = ${tenantId}::uuid AND cm."id" = ANY(${ids}::uuid[])
    )
    SELECT c."id" AS "meetingId", o."state"::text AS "state", os."selfTotalTenths", os."overseerTotalTenths", os."finalTotalTenths"
    FROM c
    JOIN "Meeting" o ON o."tenantId" = ${tenantId}::uuid AND o."branchId" = c."branchId" AND o."kind" = c."kind" AND o."id" <> c."id"
      AND o."plannedStart" >= make_timestamptz(c.y, 1, 1, 0, 0, 0, 'UTC') - interval '7 hours'
      AND o."plannedStart" < make_timestamptz(c.y + 1, 1, 1, 0, 0, 0, 'UTC') - interval '7 hours'
    JOIN "Scorecard" os ON os."tenantId" = o."tenantId" AND os."meetingId" = o."id"`;
  const otherTotals = new Map<string, number[]>();
  for (const o of others) {
    const source = countedSources(o.state).find((name) => o[`${name}TotalTenths`] !== null);
    if (source) otherTotals.set(o.meetingId, [...(otherTotals.get(o.meetingId) ?? []), o[`${source}TotalTenths`]!]);
  }

  // Level conditions only matter for a Tốt proposal, and only rubrics with conditions have any.
  const rubrics = new Map<string, RubricRow | null>();
  const needEngine = rows.filter((r) => r.selfLevel === "GOOD");
  for (const id of new Set(needEngine.map((r) => r.rubricId))) rubrics.set(id, await loadRubricRow(tx, tenantId, id));
  const withConditions = needEngine.filter((r) => rubrics.get(r.rubricId)?.rubric.levelRules.some((rule) => (rule.conditions ?? []).length > 0));
  const conditions = new Map<string, { code: string; name: string; held: boolean }[]>();
  if (withConditions.length > 0) {
    const cards = await tx.scorecard.findMany({
      where: { tenantId, meetingId: { in: withConditions.map((r) => r.meetingId) } },
      select: { meetingId: true, facts: true, selfMarks: true, selfOverrides: true },
    });
    for (const card of cards) {
      const row = withConditions.find((r) => r.meetingId === card.meetingId)!;
      const facts = meetingFactsSchema.safeParse(card.facts);
      if (!facts.success) continue;
      const marks = (card.selfMarks ?? {}) as { marks?: Record<string, number | string> };
      const result = score(rubrics.get(row.rubricId)!.rubric, facts.data, marks.marks ?? {}, { overrides: (card.selfOverrides ?? {}) as Record<string, { points: number | string; reason: string }> });
      conditions.set(card.meetingId, result.conditions);
    }
  }

  const settings = await flagSettings(tx, tenantId, rows);
  for (const r of rows) {
    const s = settings(r);
    out.set(
      r.meetingId,
      anomalyFlags(
        {
          selfLevel: r.selfLevel,
          selfConditions: conditions.get(r.meetingId) ?? [],
          actualMinutes: r.actualMinutes,
          requiredMinutes: r.requiredMinutes,
          minutesPresent: r.minutesComplete ?? false,
          selfTotalTenths: r.selfTotalTenths,
          overseerTotalTenths: r.overseerTotalTenths,
          finalTotalTenths: r.finalTotalTenths,
        },
        { otherMonthTotalsTenths: otherTotals.get(r.meetingId) ?? [] },
        s,
      ),
    );
  }
  return out;
}

/** The anomaly thresholds in force for each card's branch and day: the defaults, unless the tenant set them. */
async function flagSettings(tx: Tx, tenantId: string, rows: readonly CandidateRow[]): Promise<(r: CandidateRow) => FlagSettings> {
  const keys = ["scoring.anomalyAdjustPoints", "scoring.anomalyIdenticalMonths"];
  const any = await tx.setting.count({ where: { tenantId, key: { in: keys } } });
  const memo = new Map<string, FlagSettings>();
  const dayOf = (r: CandidateRow) => vietnamDayOf(r.start);
  for (const r of rows) {
    const key = `${r.branchPath}|${dayOf(r).getTime()}`;
    if (memo.has(key)) continue;
    if (any === 0 && memo.size > 0) {
      memo.set(key, memo.values().next().value!);
      continue;
    }
    const snapshot = await settingsFor(tx, tenantId, r.branchPath, dayOf(r));
    memo.set(key, { adjustPoints: snapshot["scoring.anomalyAdjustPoints"], identicalMonths: snapshot["scoring.anomalyIdenticalMonths"] });
  }
  return (r) => memo.get(`${r.branchPath}|${dayOf(r).getTime()}`)!;
}

function toItem(r: CandidateRow, flags: AnomalyFlag[]): ReviewItem {
  const pts = (t: number | null) => (t === null ? null : t / 10);
  const overseer = r.state === "CONFIRMED" ? { total: pts(r.overseerTotalTenths), level: r.overseerLevel } : null;
  return {
    meetingId: r.meetingId,
    title: r.title,
    kind: r.kind,
    state: r.state,
    day: isoDay(vietnamDayOf(r.start)),
    branch: { id: r.branchId, name: r.branchName, parentName: r.parentName },
    cardVersion: r.cardVersion,
    self: { total: pts(r.selfTotalTenths), level: r.selfLevel },
    overseer,
    effective: overseer?.level ? overseer : { total: pts(r.selfTotalTenths), level: r.selfLevel },
    flags,
  };
}

function matchesAnomaly(filter: AnomalyFilter, flags: readonly AnomalyFlag[]): boolean {
  if (filter === "any") return flags.length > 0;
  if (filter === "none") return flags.length === 0;
  return flags.some((f) => f.code === (filter as AnomalyCode));
}

// ─── The queue ──────────────────────────────────────────────────────────────────────────────────

/**
 * The waiting scorecards of the reviewer's subtree (or of `unit` inside it: 404 outside), newest
 * meeting first, 50 a page. Without an anomaly filter the database pages and counts; with one,
 * every candidate's flags are computed and the filtered list is paged here.
 */
export async function reviewQueue(user: Principal, query: ReviewQuery = {}): Promise<ReviewQueue> {
  const { filters, page, notes } = parseReviewFilters(query);
  return withTenant(user.tenantId, async (tx) => {
    const scope = await resolveScope(tx, user, "score.review", filters.unit);
    if (filters.unit) filters.unit = scope.unit.id;
    const where = whereClause(user.tenantId, scope.unit.path, filters);
    const offset = (page - 1) * REVIEW_PAGE_SIZE;
    if (!filters.anomaly) {
      const rows = await candidates(tx, where, { limit: REVIEW_PAGE_SIZE, offset });
      const flags = await flagsFor(tx, user.tenantId, rows);
      return { scope, filters, notes, total: await waitingCount(tx, user.tenantId, scope.unit.id, where, filters), page, pageSize: REVIEW_PAGE_SIZE, items: rows.map((r) => toItem(r, flags.get(r.meetingId) ?? [])) };
    }
    const rows = await candidates(tx, where, null);
    const flags = await flagsFor(tx, user.tenantId, rows);
    const kept = rows.filter((r) => matchesAnomaly(filters.anomaly!, flags.get(r.meetingId) ?? []));
    return {
      scope,
      filters,
      notes,
      total: kept.length,
      page,
      pageSize: REVIEW_PAGE_SIZE,
      items: kept.slice(offset, offset + REVIEW_PAGE_SIZE).map((r) => toItem(r, flags.get(r.meetingId) ?? [])),
    };
  }, { timeout: 60_000 });
}

/** At most this many waiting cards get their flags counted for the summary (the newest). */
export const SUMMARY_FLAG_LIMIT = 2000;

export interface ReviewSummary {
  scope: ResolvedScope;
  total: number;
  byState: { SELF_SCORED: number; CONFIRMED: number };
  /** Cards with each flag, and with none, among the newest `flagged.counted` waiting cards. */
  flags: { counted: number; byCode: Record<AnomalyCode, number>; clean: number };
  /** The oldest waiting meeting's day (yyyy-mm-dd), or null. */
  oldestDay: string | null;
}

/**
 * The reviewer's queue in figures, for the home page: waiting cards by state and by flag. Flags are
 * counted on at most SUMMARY_FLAG_LIMIT newest cards (a province's backlog is not flagged whole on
 * every visit to the home page); `flags.counted` says how many.
 */
export async function reviewSummary(user: Principal): Promise<ReviewSummary> {
  return withTenant(user.tenantId, async (tx) => {
    const scope = await resolveScope(tx, user, "score.review", null);
    const where = whereClause(user.tenantId, scope.unit.path, { month: null, unit: null, level: null, anomaly: null, state: null });
    const states = await tx.$queryRaw<{ state: MeetingState; n: number; oldest: Date | null }[]>`
      SELECT m."state"::text AS "state", count(*)::int AS n, min(coalesce(m."actualStart", m."plannedStart")) AS "oldest" ${FROM} WHERE ${where} GROUP BY m."state"`;
    const byState = { SELF_SCORED: 0, CONFIRMED: 0 };
    let oldest: Date | null = null;
    for (const row of states) {
      if (row.state === "SELF_SCORED" || row.state === "CONFIRMED") byState[row.state] = row.n;
      if (row.oldest && (!oldest || row.oldest < oldest)) oldest = row.oldest;
    }
    const rows = await candidates(tx, where, { limit: SUMMARY_FLAG_LIMIT, offset: 0 });
    const flags = await flagsFor(tx, user.tenantId, rows);
    const byCode = Object.fromEntries(ANOMALY_CODES.map((code) => [code, 0])) as Record<AnomalyCode, number>;
    let clean = 0;
    for (const row of rows) {
      const list = flags.get(row.meetingId) ?? [];
      if (list.length === 0) clean += 1;
      for (const code of new Set(list.map((f) => f.code))) byCode[code] += 1;
    }
    return {
      scope,
      total: byState.SELF_SCORED + byState.CONFIRMED,
      byState,
      flags: { counted: rows.length, byCode, clean },
      oldestDay: oldest ? isoDay(vietnamDayOf(oldest)) : null,
    };
  }, { timeout: 60_000 });
}

// ─── Bulk approval ──────────────────────────────────────────────────────────────────────────────

export interface BulkItem {
  meetingId: string;
  version: number;
}

export interface BulkResult {
  approved: { meetingId: string; title: string }[];
  skipped: { meetingId: string; title: string | null; reason: string }[];
}

/** Form fields "item" = "meetingId:cardVersion" (several), or the JSON API's { items: [...] }. */
export function parseBulkInput(raw: unknown): BulkItem[] {
  const input = (raw ?? {}) as Record<string, unknown>;
  const list: unknown[] = Array.isArray(input.items) ? input.items : input.item === undefined ? [] : Array.isArray(input.item) ? input.item : [input.item];
  const items: BulkItem[] = [];
  for (const entry of list) {
    if (typeof entry === "string") {
      const [meetingId, version] = entry.split(":");
      if (meetingId && version !== undefined && /^\d+$/.test(version)) items.push({ meetingId, version: Number(version) });
      else throw new ValidationError(text.bulk.badItem, { items: [text.bulk.badItem] });
    } else if (entry && typeof entry === "object" && typeof (entry as BulkItem).meetingId === "string" && Number.isInteger((entry as BulkItem).version)) {
      items.push({ meetingId: (entry as BulkItem).meetingId, version: (entry as BulkItem).version });
    } else {
      throw new ValidationError(text.bulk.badItem, { items: [text.bulk.badItem] });
    }
  }
  if (items.length === 0) throw new ValidationError(text.bulk.none, { items: [text.bulk.none] });
  if (items.length > BULK_LIMIT) throw new ValidationError(fill(text.bulk.tooMany, { limit: BULK_LIMIT }), { items: [fill(text.bulk.tooMany, { limit: BULK_LIMIT })] });
  return items;
}

/**
 * Approves the clean scorecards among `items` as they stand (the overseer's column, else the
 * self-score): each is re-checked here — still waiting, in the reviewer's subtree, no anomaly
 * flag — and finalised in its own transaction with its version; the others are skipped with the
 * reason. Never trusts the page's idea of "clean".
 */
export async function bulkApprove(user: Principal, raw: unknown, context: { requestId?: string | null } = {}): Promise<BulkResult> {
  const items = parseBulkInput(raw);
  const roots = scopeRoots(user, "score.review");
  const result: BulkResult = { approved: [], skipped: [] };
  if (roots.length === 0) {
    for (const item of items) result.skipped.push({ meetingId: item.meetingId, title: null, reason: text.bulk.notFound });
    return result;
  }
  const ids = [...new Set(items.map((i) => i.meetingId))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const checked = await withTenant(user.tenantId, async (tx) => {
    const scopes = Prisma.join(
      roots.map((root) => {
        const { lower, upper } = pathRange(root.path);
        return Prisma.sql`(u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper})`;
      }),
      " OR ",
    );
    const rows = ids.length
      ? await candidates(tx, Prisma.sql`m."tenantId" = ${user.tenantId}::uuid AND m."id" = ANY(${ids}::uuid[]) AND m."state" IN ('SELF_SCORED', 'CONFIRMED') AND (${scopes})`, null)
      : [];
    return { rows, flags: await flagsFor(tx, user.tenantId, rows) };
  });
  for (const item of items) {
    const row = checked.rows.find((r) => r.meetingId === item.meetingId);
    if (!row) {
      result.skipped.push({ meetingId: item.meetingId, title: null, reason: text.bulk.notWaiting });
      continue;
    }
    const flags = checked.flags.get(row.meetingId) ?? [];
    if (flags.length > 0) {
      result.skipped.push({ meetingId: row.meetingId, title: row.title, reason: fill(text.bulk.flagged, { flags: flags.map((f) => f.message).join(" ") }) });
      continue;
    }
    if (row.cardVersion !== item.version) {
      result.skipped.push({ meetingId: row.meetingId, title: row.title, reason: text.bulk.stale });
      continue;
    }
    try {
      await finaliseScore(user, { meetingId: row.meetingId, version: item.version, mode: "approve" }, { requestId: context.requestId ?? null });
      result.approved.push({ meetingId: row.meetingId, title: row.title });
    } catch (error) {
      const message = error instanceof Error && "status" in error ? error.message : text.bulk.failed;
      if (!(error instanceof Error && "status" in error)) console.error("[review] bulk approval failed:", error);
      result.skipped.push({ meetingId: row.meetingId, title: row.title, reason: message });
    }
  }
  return result;
}

// ─── Choices for the desk's pickers ─────────────────────────────────────────────────────────────

/** Committees (not branches) of the reviewer's subtrees, by depth then name, for the unit pickers. */
export async function reviewUnits(user: Principal, limit = 400): Promise<{ id: string; name: string; depth: number }[]> {
  const roots = scopeRoots(user, "score.review");
  if (roots.length === 0) return [];
  return withTenant(user.tenantId, async (tx) => {
    const ranges = Prisma.join(
      roots.map((root) => {
        const { lower, upper } = pathRange(root.path);
        return Prisma.sql`("path" ~>=~ ${lower} AND "path" ~<~ ${upper})`;
      }),
      " OR ",
    );
    const rows = await tx.$queryRaw<{ id: string; name: string; depth: number; path: string }[]>`
      SELECT "id", "name", "depth", "path" FROM "OrgUnit"
      WHERE "tenantId" = ${user.tenantId}::uuid AND (${ranges}) AND "kind" NOT IN ('GRASSROOTS_BRANCH', 'BRANCH', 'PARTY_GROUP')
      ORDER BY "depth" LIMIT ${limit}`;
    // Tree order, Vietnamese names sorted as Vietnamese.
    const collator = new Intl.Collator("vi", { numeric: true });
    const byParent = new Map<string, typeof rows>();
    for (const row of rows) {
      const parent = row.path.slice(0, row.path.slice(0, -1).lastIndexOf("/") + 1);
      byParent.set(parent, [...(byParent.get(parent) ?? []), row]);
    }
    const ids = new Set(rows.map((r) => r.path));
    const out: { id: string; name: string; depth: number }[] = [];
    const walk = (path: string) => {
      for (const row of (byParent.get(path) ?? []).sort((a, b) => collator.compare(a.name, b.name))) {
        out.push({ id: row.id, name: row.name, depth: row.depth });
        walk(row.path);
      }
    };
    for (const row of rows.filter((r) => !ids.has(r.path.slice(0, r.path.slice(0, -1).lastIndexOf("/") + 1))).sort((a, b) => a.depth - b.depth || collator.compare(a.name, b.name))) {
      out.push({ id: row.id, name: row.name, depth: row.depth });
      walk(row.path);
    }
    return out;
  });
}
