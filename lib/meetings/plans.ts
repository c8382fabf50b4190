// The annual plan (kế hoạch sinh hoạt năm) of a branch: its default meeting day, time and place,
// the plan record with one thematic topic per quarter, and the planned meetings. Generating a
// plan is idempotent: it only adds the meetings a month or quarter is missing, updates topics of
// meetings not held yet, and never deletes or duplicates a meeting. Leaders see which branches
// of their subtree have no plan for a year.
import { recordAudit } from "@/lib/audit/record";
import { authorize, canAnywhere, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import type { MeetingKind, MeetingState, OrgUnitKind } from "@/lib/generated/prisma/enums";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import { canReadMeeting } from "@/lib/meetings/access";
import { meetingScopePaths, plannedMinutes } from "@/lib/meetings/meetings";
import { THEMATIC_MEETING_KINDS, MONTHLY_MEETING_KINDS } from "@/lib/meetings/rules";
import { generatePlanSchema, meetingDefaultsSchema, type GeneratePlanInput, type MeetingDefaultsInput } from "@/lib/meetings/schemas";
import { PREPARATION_EDITABLE } from "@/lib/meetings/states";
import { branchRosterOn } from "@/lib/org/member-lifecycle";
import { isActiveOn, isBranchKind } from "@/lib/org/unit-rules";
import { settingsFor } from "@/lib/settings/resolve";
import { todayInVietnam, vietnamMidnight, vietnamDayOf } from "@/lib/time/days";
import type { ServiceContext, JsonInput } from "@/lib/service-context";

const wording = messages.meetingsServer.plans;
const shared = messages.meetingsServer.common;

/** Used when a branch has not set its own day and time (the issue's example: "ngày 5 hằng tháng, 14:00"). */
export const DEFAULT_MEETING_DAY = 5;
export const DEFAULT_MEETING_TIME = "14:00";

const NOT_FOUND = shared.branchNotFound;
const STALE_PLAN = wording.stale;
const STALE_BRANCH = wording.staleBranch;

const branchSelect = {
  id: true,
  name: true,
  kind: true,
  path: true,
  activeFrom: true,
  activeTo: true,
  meetingDay: true,
  meetingTime: true,
  meetingPlace: true,
  version: true,
  parent: { select: { name: true } },
} as const;

type BranchRow = {
  id: string;
  name: string;
  kind: OrgUnitKind;
  path: string;
  activeFrom: Date;
  activeTo: Date | null;
  meetingDay: number | null;
  meetingTime: string | null;
  meetingPlace: string | null;
  version: number;
  parent: { name: string } | null;
};

/** A branch the user may see meetings of (404 otherwise, like an id that does not exist). */
async function loadBranch(tx: Tx, user: Principal, branchId: string): Promise<BranchRow> {
  const branch = isUuid(branchId)
    ? await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: branchId } }, select: branchSelect })
    : null;
  if (!branch || !canReadMeeting(user, branch)) throw new NotFoundError(NOT_FOUND);
  return branch;
}

// ─── Calendar arithmetic of a plan (pure) ───────────────────────────────────────────────────────

/** Quarter (1–4) → its middle month (2, 5, 8, 11), where the plan puts the thematic meeting. */
export const middleMonth = (quarter: number) => quarter * 3 - 1;

/** A thematic meeting two weeks away from the regular one, inside 1–28. */
export function thematicDay(meetingDay: number): number {
  return meetingDay <= 14 ? meetingDay + 14 : meetingDay - 14;
}

/** The instant of "day D of month M of year Y at HH:mm" in Vietnam. */
export function slotInstant(year: number, month: number, day: number, time: string): Date {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return vietnamMidnight(Date.UTC(year, month - 1, day, hour, minute));
}

/** Year-month of an instant in Vietnam: 2026-03 → 202603. */
function monthKey(instant: Date): number {
  const day = vietnamDayOf(instant);
  return day.getUTCFullYear() * 100 + day.getUTCMonth() + 1;
}

function quarterOfMonth(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

const romanQuarter = (quarter: number) => ["I", "II", "III", "IV"][quarter - 1]!;

const TITLES = wording.titles;

// ─── Reading a plan ─────────────────────────────────────────────────────────────────────────────

export interface PlanMeeting {
  id: string;
  kind: MeetingKind;
  title: string;
  topic: string | null;
  state: MeetingState;
  plannedStart: Date;
  plannedEnd: Date | null;
  inPlan: boolean;
  /** 0 = Sunday … 6 = Saturday (in Vietnam); set only for weekend days. */
  weekend: number | null;
}

export interface PlanTopic {
  quarter: number;
  title: string;
  description: string | null;
}

export interface PlanView {
  year: number;
  branch: {
    id: string;
    name: string;
    parentName: string | null;
    version: number;
    meetingDay: number | null;
    meetingTime: string | null;
    meetingPlace: string | null;
    /** Open during (part of) the year: a plan can be made. */
    openInYear: boolean;
  };
  plan: { id: string; version: number; note: string | null; topics: PlanTopic[] } | null;
  meetings: PlanMeeting[];
  /** Quarters with no THEMATIC or COMBINED meeting (not cancelled). */
  quartersWithoutThematic: number[];
  /** Quarters whose thematic meeting has no topic yet (and no plan topic). */
  quartersWithoutTopic: number[];
  can: { generate: boolean; editDefaults: boolean };
}

function yearRange(year: number): { gte: Date; lt: Date } {
  return { gte: vietnamMidnight(new Date(Date.UTC(year, 0, 1))), lt: vietnamMidnight(new Date(Date.UTC(year + 1, 0, 1))) };
}

function openInYear(branch: { activeFrom: Date; activeTo: Date | null }, year: number): boolean {
  return branch.activeFrom.getTime() < Date.UTC(year + 1, 0, 1) && (branch.activeTo === null || branch.activeTo.getTime() >= Date.UTC(year, 0, 1));
}

const planMeetingSelect = { id: true, kind: true, title: true, topic: true, state: true, plannedStart: true, plannedEnd: true, planId: true } as const;

/** The plan page and GET /api/v1/plans/{branchId}?year=…: 404 for a branch outside the user's scope. */
export async function getPlan(user: Principal, branchId: string, year: number): Promise<PlanView> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError(shared.yearInvalid);
  return withTenant(user.tenantId, async (tx) => {
    const branch = await loadBranch(tx, user, branchId);
    if (!isBranchKind(branch.kind)) throw new NotFoundError(NOT_FOUND);
    const [plan, meetings] = await Promise.all([
      tx.annualPlan.findUnique({
        where: { tenantId_branchId_year: { tenantId: user.tenantId, branchId: branch.id, year } },
        select: { id: true, version: true, note: true, topics: { select: { quarter: true, title: true, description: true }, orderBy: { quarter: "asc" } } },
      }),
      tx.meeting.findMany({
        where: { tenantId: user.tenantId, branchId: branch.id, plannedStart: yearRange(year) },
        select: planMeetingSelect,
        orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
      }),
    ]);
    const rows: PlanMeeting[] = meetings.map((m) => {
      const weekday = new Date(vietnamDayOf(m.plannedStart)).getUTCDay();
      return {
        id: m.id,
        kind: m.kind,
        title: m.title,
        topic: m.topic,
        state: m.state,
        plannedStart: m.plannedStart,
        plannedEnd: m.plannedEnd,
        inPlan: plan !== null && m.planId === plan.id,
        weekend: weekday === 0 || weekday === 6 ? weekday : null,
      };
    });
    const live = rows.filter((m) => m.state !== "CANCELLED");
    const quarterOf = (m: PlanMeeting) => quarterOfMonth((monthKey(m.plannedStart) % 100));
    const thematic = live.filter((m) => THEMATIC_MEETING_KINDS.includes(m.kind));
    const quartersWithoutThematic = [1, 2, 3, 4].filter((q) => !thematic.some((m) => quarterOf(m) === q));
    const topics = plan?.topics ?? [];
    const quartersWithoutTopic = [1, 2, 3, 4].filter(
      (q) => !topics.some((t) => t.quarter === q) && !thematic.some((m) => quarterOf(m) === q && m.topic),
    );
    return {
      year,
      branch: {
        id: branch.id,
        name: branch.name,
        parentName: branch.parent?.name ?? null,
        version: branch.version,
        meetingDay: branch.meetingDay,
        meetingTime: branch.meetingTime,
        meetingPlace: branch.meetingPlace,
        openInYear: openInYear(branch, year),
      },
      plan: plan ? { id: plan.id, version: plan.version, note: plan.note, topics } : null,
      meetings: rows,
      quartersWithoutThematic,
      quartersWithoutTopic,
      can: {
        generate: authorize(user, "meeting.record", branch),
        editDefaults: authorize(user, "meeting.record", branch) || authorize(user, "org.manage", branch),
      },
    };
  });
}

// ─── Branch defaults ────────────────────────────────────────────────────────────────────────────

/** The branch's regular meeting day, time and place: its RECORDER or a TENANT_ADMIN over it. */
export async function saveMeetingDefaults(
  user: Principal,
  input: MeetingDefaultsInput | JsonInput,
  options: ServiceContext = {},
): Promise<{ version: number }> {
  const data = parseInput(meetingDefaultsSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const branch = await loadBranch(tx, user, data.branchId);
    if (!isBranchKind(branch.kind)) throw new NotFoundError(NOT_FOUND);
    if (!authorize(user, "meeting.record", branch) && !authorize(user, "org.manage", branch)) {
      throw new ForbiddenError(wording.defaultsForbidden);
    }
    if (branch.version !== data.version) throw new ConflictError(STALE_BRANCH);
    const updated = await tx.orgUnit.updateMany({
      where: { tenantId: user.tenantId, id: branch.id, version: data.version },
      data: { meetingDay: data.meetingDay, meetingTime: data.meetingTime, meetingPlace: data.meetingPlace, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError(STALE_BRANCH);
    const before = { meetingDay: branch.meetingDay, meetingTime: branch.meetingTime, meetingPlace: branch.meetingPlace };
    const after = { meetingDay: data.meetingDay, meetingTime: data.meetingTime, meetingPlace: data.meetingPlace };
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "orgUnit.meetingDefaults",
      entityType: "OrgUnit",
      entityId: branch.id,
      before,
      after,
      requestId: options.requestId,
    });
    return { version: data.version + 1 };
  });
}

// ─── Generating a plan ──────────────────────────────────────────────────────────────────────────

export interface GeneratePlanResult {
  planId: string;
  version: number;
  /** Meetings created by this run. */
  created: number;
  /** Meetings not held yet whose kind or topic changed (a regular meeting turned combined, a topic set). */
  updated: number;
  /** Months and quarters that already had their meeting. */
  kept: number;
  /** Created meetings that fall on a weekend (kept on that date; the page shows a warning). */
  weekendDates: string[];
  /** Slots whose day had already passed (in Vietnam): not created, a plan schedules what is ahead. */
  skippedPast: number;
}

interface Existing {
  id: string;
  kind: MeetingKind;
  state: MeetingState;
  topic: string | null;
  title: string;
  plannedStart: Date;
  plannedEnd: Date | null;
  planId: string | null;
  version: number;
}

type GenerateData = ReturnType<typeof generatePlanSchema.parse>;
type AuditEntry = { id: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> };

/** Only a recorder of the branch plans it, only a branch has a plan, and only for a year it is open. */
function assertPlannable(user: Principal, branch: BranchRow, year: number): void {
  if (!authorize(user, "meeting.record", branch)) throw new ForbiddenError(wording.generateForbidden);
  if (!isBranchKind(branch.kind)) throw new ValidationError(wording.notBranch, { branchId: [shared.branchOne] });
  if (!openInYear(branch, year)) {
    const message =
      branch.activeTo && branch.activeTo.getTime() < Date.UTC(year, 0, 1)
        ? fill(messages.meetings.plans.generate.closed, { year })
        : fill(wording.notYetFounded, { branch: branch.name, year });
    throw new ValidationError(message, { year: [message] });
  }
}

/** The year's plan row: created, or (at the version the editor saw) its note saved and version bumped. */
async function upsertPlan(tx: Tx, tenantId: string, branchId: string, data: GenerateData) {
  const existingPlan = await tx.annualPlan.findUnique({
    where: { tenantId_branchId_year: { tenantId, branchId, year: data.year } },
    select: { id: true, version: true, note: true, topics: { select: { id: true, quarter: true, title: true, description: true } } },
  });
  if (existingPlan) {
    if (data.version === null || data.version !== existingPlan.version) throw new ConflictError(STALE_PLAN);
    const bumped = await tx.annualPlan.updateMany({
      where: { tenantId, id: existingPlan.id, version: existingPlan.version },
      data: { note: data.note, version: { increment: 1 } },
    });
    if (bumped.count === 0) throw new ConflictError(STALE_PLAN);
    return { existingPlan, planId: existingPlan.id, version: existingPlan.version + 1 };
  }
  const created = await tx.annualPlan.create({ data: { tenantId, branchId, year: data.year, note: data.note }, select: { id: true, version: true } });
  return { existingPlan: null, planId: created.id, version: created.version };
}

type TopicRow = { id: string; quarter: number; title: string; description: string | null };

/** Quarters sent with a title are set, quarters sent blank are cleared, others are left alone; the topics after. */
async function syncTopics(tx: Tx, tenantId: string, planId: string, before: readonly TopicRow[], topics: GenerateData["topics"]) {
  const byQuarter = new Map<number, { title: string; description: string | null }>(before.map((t) => [t.quarter, { title: t.title, description: t.description }]));
  for (const topic of topics) {
    const current = before.find((t) => t.quarter === topic.quarter);
    if (topic.title) {
      if (!current) {
        await tx.thematicTopic.create({ data: { tenantId, planId, quarter: topic.quarter, title: topic.title, description: topic.description } });
      } else if (current.title !== topic.title || current.description !== topic.description) {
        await tx.thematicTopic.update({ where: { tenantId_id: { tenantId, id: current.id } }, data: { title: topic.title, description: topic.description } });
      }
      byQuarter.set(topic.quarter, { title: topic.title, description: topic.description });
    } else if (current) {
      await tx.thematicTopic.delete({ where: { tenantId_id: { tenantId, id: current.id } } });
      byQuarter.delete(topic.quarter);
    }
  }
  return byQuarter;
}

/**
 * Creates and changes the meetings of one plan run, keeping the counts, the weekend dates and the
 * audit entries of what it wrote. `minutesFor` is the planned length of a kind of meeting.
 */
function meetingWriter(tx: Tx, tenantId: string, branch: BranchRow, planId: string, existing: Existing[], minutesFor: (kind: MeetingKind) => number, today: Date) {
  const counts = { created: 0, updated: 0, kept: 0, skippedPast: 0 };
  const weekendDates: string[] = [];
  const audits: AuditEntry[] = [];

  const create = async (kind: MeetingKind, start: Date, title: string, topic: string | null) => {
    if (vietnamDayOf(start).getTime() < today.getTime()) {
      counts.skippedPast += 1;
      return;
    }
    const plannedEnd = new Date(start.getTime() + minutesFor(kind) * 60_000);
    const row = await tx.meeting.create({
      data: { tenantId, branchId: branch.id, planId, kind, hasThematicPart: kind !== "REGULAR", title, topic, plannedStart: start, plannedEnd, place: branch.meetingPlace },
      select: { id: true },
    });
    existing.push({ id: row.id, kind, state: "PLANNED", topic, title, plannedStart: start, plannedEnd, planId, version: 1 });
    counts.created += 1;
    const weekday = vietnamDayOf(start).getUTCDay();
    if (weekday === 0 || weekday === 6) weekendDates.push(vietnamDayOf(start).toISOString().slice(0, 10));
    audits.push({
      id: row.id,
      action: "meeting.create",
      before: null,
      after: { kind, title, topic, plannedStart: start.toISOString(), plannedEnd: plannedEnd.toISOString(), planId, branchId: branch.id, state: "PLANNED" },
    });
  };

  const update = async (m: Existing, change: { kind?: MeetingKind; topic?: string | null; title?: string }) => {
    const next = { kind: change.kind ?? m.kind, topic: change.topic === undefined ? m.topic : change.topic, title: change.title ?? m.title };
    if (next.kind === m.kind && next.topic === m.topic && next.title === m.title) return false;
    const plannedEnd =
      next.kind !== m.kind ? new Date(m.plannedStart.getTime() + Math.max(minutesFor(next.kind) * 60_000, (m.plannedEnd?.getTime() ?? 0) - m.plannedStart.getTime())) : m.plannedEnd;
    const done = await tx.meeting.updateMany({
      where: { tenantId, id: m.id, version: m.version },
      data: { kind: next.kind, hasThematicPart: next.kind !== "REGULAR" ? true : undefined, topic: next.topic, title: next.title, plannedEnd, version: { increment: 1 } },
    });
    if (done.count === 0) throw new ConflictError(STALE_PLAN);
    audits.push({ id: m.id, action: "meeting.update", before: { kind: m.kind, topic: m.topic, title: m.title }, after: { kind: next.kind, topic: next.topic, title: next.title } });
    Object.assign(m, next, { plannedEnd, version: m.version + 1 });
    counts.updated += 1;
    return true;
  };

  return { create, update, counts, weekendDates, audits };
}

type Writer = ReturnType<typeof meetingWriter>;

interface Slots {
  year: number;
  branch: BranchRow;
  day: number;
  time: string;
  existing: Existing[];
  topicByQuarter: Map<number, { title: string }>;
  combinedQuarters: Set<number>;
}

const inMonth = (m: Existing, year: number, month: number) => monthKey(m.plannedStart) === year * 100 + month;
const inQuarter = (m: Existing, quarter: number) => quarterOfMonth(monthKey(m.plannedStart) % 100) === quarter;
/** Not held yet: its kind and topic may still follow the plan. */
const followsPlan = (m: Existing) => PREPARATION_EDITABLE.includes(m.state);

/** One REGULAR meeting a month the branch is open (COMBINED in the middle month of a combined quarter). */
async function planMonths({ year, branch, day, time, existing, topicByQuarter, combinedQuarters }: Slots, writer: Writer): Promise<void> {
  const hasThematic = (quarter: number) => existing.some((m) => THEMATIC_MEETING_KINDS.includes(m.kind) && inQuarter(m, quarter));
  for (let month = 1; month <= 12; month += 1) {
    const quarter = quarterOfMonth(month);
    if (!isActiveOn(branch, new Date(Date.UTC(year, month - 1, day)))) continue;
    const topic = topicByQuarter.get(quarter)?.title ?? null;
    const combinedHere = combinedQuarters.has(quarter) && month === middleMonth(quarter);
    const monthly = existing.find((m) => MONTHLY_MEETING_KINDS.includes(m.kind) && inMonth(m, year, month));
    const values = { month, year, quarter: romanQuarter(quarter) };
    if (!monthly) {
      const kind: MeetingKind = combinedHere && !hasThematic(quarter) ? "COMBINED" : "REGULAR";
      await writer.create(kind, slotInstant(year, month, day, time), fill(TITLES[kind], values), kind === "COMBINED" ? topic : null);
    } else if (combinedHere && !hasThematic(quarter) && monthly.kind === "REGULAR" && followsPlan(monthly)) {
      await writer.update(monthly, { kind: "COMBINED", topic, title: fill(TITLES.COMBINED, values) });
    } else {
      writer.counts.kept += 1;
    }
  }
}

/** One THEMATIC meeting a quarter, in its middle month two weeks from the regular day, unless combined. */
async function planQuarters({ year, branch, day, time, existing, topicByQuarter, combinedQuarters }: Slots, writer: Writer): Promise<void> {
  for (let quarter = 1; quarter <= 4; quarter += 1) {
    const topic = topicByQuarter.get(quarter)?.title ?? null;
    const own = existing.find((m) => THEMATIC_MEETING_KINDS.includes(m.kind) && inQuarter(m, quarter));
    if (own) {
      // The combined month was counted above; a separate thematic meeting is counted here.
      if (own.kind === "THEMATIC") writer.counts.kept += 1;
      if (topic && own.topic !== topic && followsPlan(own)) await writer.update(own, { topic });
      continue;
    }
    if (combinedQuarters.has(quarter)) continue; // the middle month could not be combined (held, or outside the plan)
    const month = middleMonth(quarter);
    const tDay = thematicDay(day);
    if (!isActiveOn(branch, new Date(Date.UTC(year, month - 1, tDay)))) continue;
    await writer.create("THEMATIC", slotInstant(year, month, tDay, time), fill(TITLES.THEMATIC, { quarter: romanQuarter(quarter), year }), topic);
  }
}

/**
 * Creates the plan of a branch for a year, or brings an existing one up to date (with its
 * `version`). For each month the branch is open: one REGULAR meeting on the default day and time,
 * unless the month already has a REGULAR or COMBINED meeting (in any state). For each quarter: a
 * THEMATIC meeting in its middle month two weeks from the regular day, or, when the quarter's topic
 * is "combined", the middle month's regular meeting becomes COMBINED — unless the quarter already
 * has a thematic or combined meeting. Slots already past are not created (counted in
 * `skippedPast`). Meetings are never deleted; held ones are never changed.
 */
export async function generatePlan(
  user: Principal,
  input: GeneratePlanInput | JsonInput,
  options: ServiceContext = {},
): Promise<GeneratePlanResult> {
  const data = parseInput(generatePlanSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const tenantId = user.tenantId;
    const branch = await loadBranch(tx, user, data.branchId);
    assertPlannable(user, branch, data.year);
    // One plan per branch and year: concurrent generations run in turn.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`plan:${tenantId}:${branch.id}:${data.year}`}))`;
    const { existingPlan, planId, version } = await upsertPlan(tx, tenantId, branch.id, data);
    const topicBefore = existingPlan?.topics ?? [];
    const topicByQuarter = await syncTopics(tx, tenantId, planId, topicBefore, data.topics);
    const combinedQuarters = new Set(data.topics.filter((t) => t.combined).map((t) => t.quarter));

    const firstDay = new Date(Date.UTC(data.year, 0, 1));
    const today = todayInVietnam(options.now);
    const [settings, roster] = await Promise.all([
      settingsFor(tx, tenantId, branch.path, firstDay),
      branchRosterOn(tx, tenantId, branch.id, today < firstDay ? firstDay : today),
    ]);
    const existing: Existing[] = await tx.meeting.findMany({
      where: { tenantId, branchId: branch.id, plannedStart: yearRange(data.year) },
      select: { id: true, kind: true, state: true, topic: true, title: true, plannedStart: true, plannedEnd: true, planId: true, version: true },
    });
    // Meetings of the year planned by hand before the plan existed join it.
    const orphans = existing.filter((m) => m.planId === null).map((m) => m.id);
    if (orphans.length > 0) {
      await tx.meeting.updateMany({ where: { tenantId, id: { in: orphans }, planId: null }, data: { planId } });
      for (const m of existing) if (m.planId === null) m.planId = planId;
    }

    const writer = meetingWriter(tx, tenantId, branch, planId, existing, (kind) => plannedMinutes(settings, kind, roster.length), today);
    const slots: Slots = {
      year: data.year,
      branch,
      day: branch.meetingDay ?? DEFAULT_MEETING_DAY,
      time: branch.meetingTime ?? DEFAULT_MEETING_TIME,
      existing,
      topicByQuarter,
      combinedQuarters,
    };
    await planMonths(slots, writer);
    await planQuarters(slots, writer);

    const { created, updated, kept, skippedPast } = writer.counts;
    await recordAudit(tx, {
      tenantId,
      actorUserId: user.id,
      action: existingPlan ? "plan.regenerate" : "plan.create",
      entityType: "AnnualPlan",
      entityId: planId,
      before: existingPlan ? { note: existingPlan.note, topics: topicBefore.map((t) => ({ quarter: t.quarter, title: t.title })) } : null,
      after: {
        branchId: branch.id,
        year: data.year,
        note: data.note,
        topics: [...topicByQuarter.entries()].sort((a, b) => a[0] - b[0]).map(([quarter, t]) => ({ quarter, title: t.title })),
        combinedQuarters: [...combinedQuarters].sort(),
        created,
        updated,
        skippedPast,
      },
      requestId: options.requestId,
    });
    for (const entry of writer.audits) {
      await recordAudit(tx, {
        tenantId,
        actorUserId: user.id,
        action: entry.action,
        entityType: "Meeting",
        entityId: entry.id,
        before: entry.before as never,
        after: entry.after as never,
        requestId: options.requestId,
      });
    }
    return { planId, version, created, updated, kept, weekendDates: writer.weekendDates, skippedPast };
  });
}

// ─── Plan status across branches ────────────────────────────────────────────────────────────────

export interface BranchPlanStatus {
  id: string;
  name: string;
  parentName: string | null;
  active: boolean;
  planId: string | null;
  meetingCount: number;
}

export const PLAN_STATUS_LIMIT = 500;

async function branchesWithPlans(
  tx: Tx,
  user: Principal,
  paths: string[],
  year: number,
  onlyMissing = false,
): Promise<{ rows: BranchPlanStatus[]; total: number }> {
  if (paths.length === 0) return { rows: [], total: 0 };
  const yearStart = new Date(Date.UTC(year, 0, 1));
  const yearEnd = new Date(Date.UTC(year, 11, 31));
  // Branches open during (part of) the year.
  const where = {
    tenantId: user.tenantId,
    kind: { in: ["BRANCH" as const, "GRASSROOTS_BRANCH" as const] },
    activeFrom: { lte: yearEnd },
    AND: [{ OR: [{ activeTo: null }, { activeTo: { gte: yearStart } }] }, { OR: paths.map((path) => ({ path: { startsWith: path } })) }],
    ...(onlyMissing ? { annualPlans: { none: { year } } } : {}),
  };
  const [units, total] = await Promise.all([
    tx.orgUnit.findMany({
      where,
      select: {
        id: true,
        name: true,
        activeFrom: true,
        activeTo: true,
        parent: { select: { name: true } },
        annualPlans: { where: { year }, select: { id: true } },
      },
      orderBy: [{ path: "asc" }],
      take: PLAN_STATUS_LIMIT,
    }),
    tx.orgUnit.count({ where }),
  ]);
  const counts = await tx.meeting.groupBy({
    by: ["branchId"],
    where: { tenantId: user.tenantId, branchId: { in: units.map((u) => u.id) }, plannedStart: yearRange(year), state: { not: "CANCELLED" } },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.branchId, c._count._all]));
  const today = todayInVietnam();
  const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
  const rows = units
    .map((unit) => ({
      id: unit.id,
      name: unit.name,
      parentName: unit.parent?.name ?? null,
      active: isActiveOn(unit, today),
      planId: unit.annualPlans[0]?.id ?? null,
      meetingCount: countOf.get(unit.id) ?? 0,
    }))
    .sort((a, b) => collator.compare(a.parentName ?? "", b.parentName ?? "") || collator.compare(a.name, b.name));
  return { rows, total };
}

/** Branches in the user's meeting scope with whether they have a plan for the year. */
export async function listPlanStatus(user: Principal, year: number): Promise<{ year: number; rows: BranchPlanStatus[]; total: number }> {
  const paths = meetingScopePaths(user);
  return withTenant(user.tenantId, async (tx) => ({ year, ...(await branchesWithPlans(tx, user, paths, year)) }));
}

/** For leaders (dashboard.read): branches of their subtree open in the year without a plan. */
export async function listMissingPlans(user: Principal, year: number): Promise<{ year: number; rows: BranchPlanStatus[]; total: number }> {
  if (!canAnywhere(user, "dashboard.read")) throw new ForbiddenError();
  const paths = scopeRoots(user, "dashboard.read").map((grant) => grant.path);
  return withTenant(user.tenantId, async (tx) => ({ year, ...(await branchesWithPlans(tx, user, paths, year, true)) }));
}
