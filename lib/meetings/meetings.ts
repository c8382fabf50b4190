// Meetings as records: create and edit a planned meeting, read one for the meeting page (with the
// moves the user may make), and list the meetings in a user's scope. Access goes through the
// meeting's branch (lib/meetings/access.ts): meeting.read or a MEMBER grant to see, meeting.record
// to plan. Every change is one tenant transaction with its audit entry and a version check.
import { recordAudit } from "@/lib/audit/record";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, withTenantReads, type Tx } from "@/lib/db/tenant";
import { fieldError, ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { formatCalendarDate, toLocalDateTimeInput } from "@/lib/i18n/format";
import { assertPreparationEditable, assertVersion, canReadMeeting, loadMeeting } from "@/lib/meetings/access";
import { availableTransitionsFor } from "@/lib/meetings/lifecycle";
import { getPreparationSummary, type PreparationSummary } from "@/lib/meetings/preparation";
import { getRecordSummary, type RecordSummary } from "@/lib/meetings/record-summary";
import { requiredDuration } from "@/lib/meetings/rules";
import { createMeetingSchema, meetingListQuerySchema, updateMeetingSchema, type CreateMeetingInput, type MeetingListQuery, type UpdateMeetingInput } from "@/lib/meetings/schemas";
import { PREPARATION_EDITABLE, type MeetingTransition } from "@/lib/meetings/states";
import { hasCommitteeOn } from "@/lib/org/committee";
import { branchRosterOn } from "@/lib/org/member-lifecycle";
import { isActiveOn, isBranchKind, parseCalendarDate } from "@/lib/org/unit-rules";
import { settingsFor, type SettingsSnapshot } from "@/lib/settings/resolve";
import { todayInVietnam, vietnamMidnight, vietnamDayOf } from "@/lib/time/days";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { ServiceContext, JsonInput } from "@/lib/service-context";

const wording = messages.meetingsServer.scheduling;
const shared = messages.meetingsServer.common;

/** Planned length of a meeting: the minimum duration that applies to it (SPEC §3.4, tenant settings). */
export function plannedMinutes(settings: SettingsSnapshot, kind: MeetingKind, rosterSize: number): number {
  return requiredDuration(
    { kind, attendanceDenominator: rosterSize, committeeOverrideMinutes: settings["meeting.committeeMinMinutes"] },
    {
      defaultMinutes: settings["meeting.minMinutesRegular"],
      combinedMinutes: settings["meeting.minMinutesLong"],
      largeBranchSize: settings["meeting.largeBranchSize"],
      largeBranchMinutes: settings["meeting.minMinutesLong"],
    },
  ).minutes;
}

const branchSelect = { id: true, name: true, kind: true, path: true, activeFrom: true, activeTo: true } as const;

/** Why a branch cannot hold a meeting on that day, or null. */
export function branchDayProblem(branch: { name: string; activeFrom: Date; activeTo: Date | null }, day: Date): string | null {
  if (isActiveOn(branch, day)) return null;
  if (branch.activeTo && branch.activeTo.getTime() < day.getTime()) {
    return fill(wording.closedOn, { branch: branch.name, closed: formatCalendarDate(branch.activeTo), day: formatCalendarDate(day) });
  }
  return fill(wording.opensOn, { branch: branch.name, opens: formatCalendarDate(branch.activeFrom), day: formatCalendarDate(day) });
}

/** The plan of the branch for the (Vietnamese) year of the meeting, if there is one. */
async function planIdFor(tx: Tx, tenantId: string, branchId: string, start: Date): Promise<string | null> {
  const year = vietnamDayOf(start).getUTCFullYear();
  const plan = await tx.annualPlan.findUnique({
    where: { tenantId_branchId_year: { tenantId, branchId, year } },
    select: { id: true },
  });
  return plan?.id ?? null;
}

function meetingSnapshot(row: {
  kind: MeetingKind;
  title: string;
  hasThematicPart: boolean;
  topic: string | null;
  plannedStart: Date;
  plannedEnd: Date | null;
  place: string | null;
  planId: string | null;
}) {
  return {
    kind: row.kind,
    title: row.title,
    hasThematicPart: row.hasThematicPart,
    topic: row.topic,
    plannedStart: row.plannedStart.toISOString(),
    plannedEnd: row.plannedEnd?.toISOString() ?? null,
    place: row.place,
    planId: row.planId,
  };
}

const snapshotSelect = {
  kind: true,
  title: true,
  hasThematicPart: true,
  topic: true,
  plannedStart: true,
  plannedEnd: true,
  place: true,
  planId: true,
  branchId: true,
} as const;

// ─── Create and edit ────────────────────────────────────────────────────────────────────────────

/**
 * Plans a meeting by hand (any kind; COMBINED and EXTRAORDINARY are added this way). The branch
 * must be one the user records meetings for, and open on the meeting day. Without a planned end,
 * the meeting gets the minimum duration that applies to it.
 */
export async function createMeeting(user: Principal, input: CreateMeetingInput | JsonInput, options: ServiceContext = {}): Promise<{ id: string }> {
  const data = parseInput(createMeetingSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const branch = isUuid(data.branchId)
      ? await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: data.branchId } }, select: branchSelect })
      : null;
    if (!branch || !canReadMeeting(user, branch)) throw fieldError("branchId", shared.branchNotFound);
    if (!authorize(user, "meeting.record", branch)) throw new ForbiddenError(wording.forbidden);
    if (!isBranchKind(branch.kind)) throw fieldError("branchId", wording.notBranch);
    const day = vietnamDayOf(data.plannedStart);
    const problem = branchDayProblem(branch, day);
    if (problem) throw fieldError("plannedStart", problem);

    let plannedEnd = data.plannedEnd;
    if (!plannedEnd) {
      const [settings, roster] = await Promise.all([settingsFor(tx, user.tenantId, branch.path, day), branchRosterOn(tx, user.tenantId, branch.id, day)]);
      plannedEnd = new Date(data.plannedStart.getTime() + plannedMinutes(settings, data.kind, roster.length) * 60_000);
    }
    const created = await tx.meeting.create({
      data: {
        tenantId: user.tenantId,
        branchId: branch.id,
        planId: await planIdFor(tx, user.tenantId, branch.id, data.plannedStart),
        kind: data.kind,
        hasThematicPart: data.hasThematicPart,
        title: data.title,
        topic: data.topic,
        plannedStart: data.plannedStart,
        plannedEnd,
        place: data.place,
      },
      select: { id: true, ...snapshotSelect },
    });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "meeting.create",
      entityType: "Meeting",
      entityId: created.id,
      after: { ...meetingSnapshot(created), branchId: created.branchId, state: "PLANNED" },
      requestId: options.requestId,
    });
    return { id: created.id };
  });
}

/** Edits a meeting that has not taken place yet (planned, notified or postponed). */
export async function updateMeeting(
  user: Principal,
  input: UpdateMeetingInput | JsonInput,
  options: ServiceContext = {},
): Promise<{ id: string; version: number }> {
  const data = parseInput(updateMeetingSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const ref = await loadMeeting(tx, user, data.id, { permission: "meeting.record", lock: true });
    assertVersion(ref, data.version);
    assertPreparationEditable(ref);
    const before = await tx.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: user.tenantId, id: ref.id } },
      select: { ...snapshotSelect, branch: { select: branchSelect } },
    });
    const problem = branchDayProblem(before.branch, vietnamDayOf(data.plannedStart));
    if (problem) throw fieldError("plannedStart", problem);
    const after = {
      kind: data.kind,
      title: data.title,
      hasThematicPart: data.hasThematicPart,
      topic: data.topic,
      plannedStart: data.plannedStart,
      // Keep the planned length when only the start moved and no end was given.
      plannedEnd:
        data.plannedEnd ??
        (before.plannedEnd ? new Date(data.plannedStart.getTime() + (before.plannedEnd.getTime() - before.plannedStart.getTime())) : null),
      place: data.place,
      planId: await planIdFor(tx, user.tenantId, ref.branchId, data.plannedStart),
    };
    const updated = await tx.meeting.updateMany({
      where: { tenantId: user.tenantId, id: ref.id, version: data.version },
      data: { ...after, version: { increment: 1 } },
    });
    if (updated.count === 0) assertVersion({ version: -1 }, data.version);
    const b = meetingSnapshot(before);
    const a = meetingSnapshot(after);
    const changed = (Object.keys(a) as (keyof typeof a)[]).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "meeting.update",
      entityType: "Meeting",
      entityId: ref.id,
      before: Object.fromEntries(changed.map((key) => [key, b[key]])),
      after: Object.fromEntries(changed.map((key) => [key, a[key]])),
      requestId: options.requestId,
    });
    return { id: ref.id, version: data.version + 1 };
  });
}

// ─── Read one ───────────────────────────────────────────────────────────────────────────────────

const detailSelect = {
  id: true,
  kind: true,
  hasThematicPart: true,
  title: true,
  topic: true,
  plannedStart: true,
  plannedEnd: true,
  place: true,
  state: true,
  stateReason: true,
  actualStart: true,
  actualEnd: true,
  noticeSentAt: true,
  noticeToOverseer: true,
  lockedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
  branch: { select: { id: true, name: true, path: true, parent: { select: { name: true } } } },
  plan: { select: { id: true, year: true } },
} as const;

export type MeetingDetailRow = Prisma.MeetingGetPayload<{ select: typeof detailSelect }>;

export interface MeetingDetail extends Omit<MeetingDetailRow, "branch"> {
  branch: { id: string; name: string; parentName: string | null; hasCommittee: boolean };
  can: {
    /** meeting.read on the branch (members see their branch's meetings through meeting.attendOwn). */
    read: boolean;
    /** Edit the planned fields (meeting.record, not yet held). */
    edit: boolean;
    /** Record attendance, minutes and preparation (meeting.record on the branch). */
    record: boolean;
    transitions: MeetingTransition[];
  };
}

/** One meeting for its page and GET /api/v1/meetings/{id}; 404 outside the user's scope. */
export async function getMeeting(user: Principal, meetingId: string): Promise<MeetingDetail> {
  return withTenantReads(user.tenantId, async (tx) => {
    await loadMeeting(tx, user, meetingId);
    const row = await tx.meeting.findUniqueOrThrow({ where: { tenantId_id: { tenantId: user.tenantId, id: meetingId } }, select: detailSelect });
    const record = authorize(user, "meeting.record", row.branch);
    const { branch, ...rest } = row;
    const committee = await hasCommitteeOn(tx, user.tenantId, branch.id, vietnamDayOf(row.actualStart ?? row.plannedStart));
    return {
      ...rest,
      branch: { id: branch.id, name: branch.name, parentName: branch.parent?.name ?? null, hasCommittee: committee.hasCommittee },
      can: {
        read: authorize(user, "meeting.read", row.branch),
        edit: record && PREPARATION_EDITABLE.includes(row.state),
        record,
        transitions: availableTransitionsFor(user, row),
      },
    };
  });
}

export interface MeetingEditView {
  id: string;
  version: number;
  branchName: string;
  values: {
    kind: MeetingKind;
    title: string;
    hasThematicPart: boolean;
    topic: string;
    plannedStart: string;
    plannedEnd: string;
    place: string;
  };
}

/** The edit form's values (local times in Vietnam); 404 outside scope, 403 without meeting.record. */
export async function getMeetingForEdit(user: Principal, meetingId: string): Promise<MeetingEditView> {
  return withTenant(user.tenantId, async (tx) => {
    const ref = await loadMeeting(tx, user, meetingId, { permission: "meeting.record" });
    assertPreparationEditable(ref);
    const row = await tx.meeting.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: user.tenantId, id: ref.id } },
      select: { ...snapshotSelect, version: true },
    });
    return {
      id: ref.id,
      version: row.version,
      branchName: ref.branch.name,
      values: {
        kind: row.kind,
        title: row.title,
        hasThematicPart: row.hasThematicPart,
        topic: row.topic ?? "",
        plannedStart: toLocalDateTimeInput(row.plannedStart),
        plannedEnd: row.plannedEnd ? toLocalDateTimeInput(row.plannedEnd) : "",
        place: row.place ?? "",
      },
    };
  });
}

// ─── Lists ──────────────────────────────────────────────────────────────────────────────────────

/** Subtree roots of the meetings a user may see: meeting.read grants and MEMBER grants (own branch). */
export function meetingScopePaths(user: Principal): string[] {
  const paths = [...scopeRoots(user, "meeting.read"), ...scopeRoots(user, "meeting.attendOwn")].map((grant) => grant.path);
  return paths.filter((path) => !paths.some((other) => other !== path && path.startsWith(other)));
}

export interface BranchChoice {
  id: string;
  name: string;
  parentName: string | null;
  active: boolean;
  meetingDay: number | null;
  meetingTime: string | null;
  meetingPlace: string | null;
}

export const BRANCH_CHOICE_LIMIT = 1000;

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/**
 * Branches the user may plan meetings for (`record`) or see meetings of (`read`), sorted by the
 * unit above then name. At most BRANCH_CHOICE_LIMIT.
 */
export async function listMeetingBranches(user: Principal, purpose: "record" | "read", tx?: Tx): Promise<BranchChoice[]> {
  const paths = purpose === "record" ? scopeRoots(user, "meeting.record").map((grant) => grant.path) : meetingScopePaths(user);
  if (paths.length === 0) return [];
  const run = async (t: Tx) => {
    const today = todayInVietnam();
    const units = await t.orgUnit.findMany({
      where: { tenantId: user.tenantId, kind: { in: ["BRANCH", "GRASSROOTS_BRANCH"] }, OR: paths.map((path) => ({ path: { startsWith: path } })) },
      select: {
        id: true,
        name: true,
        activeFrom: true,
        activeTo: true,
        meetingDay: true,
        meetingTime: true,
        meetingPlace: true,
        parent: { select: { name: true } },
      },
      take: BRANCH_CHOICE_LIMIT,
    });
    return units
      .map((unit) => ({
        id: unit.id,
        name: unit.name,
        parentName: unit.parent?.name ?? null,
        active: isActiveOn(unit, today),
        meetingDay: unit.meetingDay,
        meetingTime: unit.meetingTime,
        meetingPlace: unit.meetingPlace,
      }))
      .sort((a, b) => collator.compare(a.parentName ?? "", b.parentName ?? "") || collator.compare(a.name, b.name));
  };
  return tx ? run(tx) : withTenantReads(user.tenantId, run);
}

const listSelect = {
  id: true,
  kind: true,
  hasThematicPart: true,
  title: true,
  topic: true,
  plannedStart: true,
  plannedEnd: true,
  place: true,
  state: true,
  version: true,
  branch: { select: { id: true, name: true } },
} as const;

export type MeetingListItem = Prisma.MeetingGetPayload<{ select: typeof listSelect }>;

export interface MeetingList {
  filters: { month: string | null; state: MeetingState | null; kind: MeetingKind | null; branchId: string | null };
  /** From today (Vietnam) on, soonest first; at most UPCOMING_LIMIT. */
  upcoming: MeetingListItem[];
  upcomingTotal: number;
  /** Before today, latest first, PAGE_SIZE per page. */
  past: MeetingListItem[];
  pastTotal: number;
  page: number;
  pageSize: number;
}

export const UPCOMING_LIMIT = 50;
export const PAGE_SIZE = 50;

/** Meetings in the user's scope, upcoming and past, with the list's filters. */
export async function listMeetings(user: Principal, query: MeetingListQuery | JsonInput = {}, now: Date = new Date()): Promise<MeetingList> {
  const q = meetingListQuerySchema.parse(query);
  const page = q.page ?? 1;
  const filters = { month: q.month ?? null, state: q.state ?? null, kind: q.kind ?? null, branchId: q.branchId ?? null };
  const empty: MeetingList = { filters, upcoming: [], upcomingTotal: 0, past: [], pastTotal: 0, page, pageSize: PAGE_SIZE };
  const paths = meetingScopePaths(user);
  if (paths.length === 0) return empty;
  if (q.branchId !== undefined && !isUuid(q.branchId)) return empty;

  const where: Prisma.MeetingWhereInput = {
    tenantId: user.tenantId,
    branch: { OR: paths.map((path) => ({ path: { startsWith: path } })) },
    ...(q.branchId ? { branchId: q.branchId } : {}),
    ...(q.state ? { state: q.state } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
  };
  const range: { gte?: Date; lt?: Date } = {};
  if (q.month) {
    const first = parseCalendarDate(`${q.month}-01`)!;
    const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    range.gte = vietnamMidnight(first);
    range.lt = vietnamMidnight(next);
  }
  const todayStart = vietnamMidnight(todayInVietnam(now));
  const upcomingWhere: Prisma.MeetingWhereInput = {
    ...where,
    plannedStart: { ...range, gte: range.gte && range.gte > todayStart ? range.gte : todayStart },
  };
  const pastWhere: Prisma.MeetingWhereInput = {
    ...where,
    plannedStart: { ...range, lt: range.lt && range.lt < todayStart ? range.lt : todayStart },
  };
  return withTenantReads(user.tenantId, async (tx) => {
    const [upcoming, upcomingTotal, past, pastTotal] = await Promise.all([
      tx.meeting.findMany({ where: upcomingWhere, select: listSelect, orderBy: [{ plannedStart: "asc" }, { id: "asc" }], take: UPCOMING_LIMIT }),
      tx.meeting.count({ where: upcomingWhere }),
      tx.meeting.findMany({
        where: pastWhere,
        select: listSelect,
        orderBy: [{ plannedStart: "desc" }, { id: "desc" }],
        skip: (page - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
      }),
      tx.meeting.count({ where: pastWhere }),
    ]);
    return { filters, upcoming, upcomingTotal, past, pastTotal, page, pageSize: PAGE_SIZE };
  });
}

// ─── The meeting page ───────────────────────────────────────────────────────────────────────────

export interface MeetingHub {
  meeting: MeetingDetail;
  /** What preparation and the record contribute (null when their summary could not be read). */
  preparation: PreparationSummary | null;
  record: RecordSummary | null;
}

/**
 * The meeting page: the meeting (404 outside scope) and the summaries the preparation and record
 * sections export. Each summary reads in its own transaction, so a failure in one section leaves
 * the page with its links instead of an error.
 */
export async function getMeetingHub(user: Principal, meetingId: string): Promise<MeetingHub> {
  const section = async <T>(name: string, read: (tx: Tx) => Promise<T>): Promise<T | null> => {
    try {
      return await withTenantReads(user.tenantId, read);
    } catch (error) {
      // A meeting outside the user's scope is getMeeting's 404, not a section's failure.
      if (!(error instanceof NotFoundError)) console.error(`[meetings] ${name} summary of ${meetingId} failed:`, error);
      return null;
    }
  };
  // Asked for together, so the three reads share one transaction (withTenantReads).
  const [meeting, preparation, record] = await Promise.all([
    getMeeting(user, meetingId),
    section("preparation", (tx) => getPreparationSummary(tx, user, meetingId)),
    section("record", (tx) => getRecordSummary(tx, user, meetingId)),
  ]);
  return { meeting, preparation, record };
}
