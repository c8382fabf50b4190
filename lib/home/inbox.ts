// The home page as a work inbox: for each of the user's grants, what waits for them, each item one
// tap from the page that does it. The figures come from the capabilities that own them (the
// overseer's desk, the review queue, the dashboard, the member's overview); this module only picks
// what a home page shows and works out the branch's next step on its meetings.
import { canAnywhere, scopeRoots, type Principal } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { memberOverview, type MemberOverview } from "@/lib/calendar/member-view";
import { getDashboard, type Dashboard } from "@/lib/dashboard/dashboard";
import { reviewSummary, type ReviewSummary } from "@/lib/dashboard/review";
import { withTenantReads, type Tx } from "@/lib/db/tenant";
import type { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { BRANCH_ACTION_STEPS, branchStep, stepHref, type BranchStep } from "@/lib/meetings/next-step";
import { recordReadiness, type RecordReadiness } from "@/lib/meetings/record-summary";
import { isActiveOn } from "@/lib/org/unit-rules";
import { getDesk, type DeskView } from "@/lib/oversight/desk";
import { isScoredKind } from "@/lib/scoring/workflow";
import { DAY_MS, todayInVietnam, vietnamMidnight, vietnamDayOf } from "@/lib/time/days";

/** A branch with more branches than this under the secretary's grant is summed up, not listed. */
const BRANCH_LIST_LIMIT = 5;
const COMING = 3;

export interface InboxMeeting {
  id: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  plannedStart: Date;
  place: string | null;
  step: BranchStep;
  /** Where the step is done. */
  href: string;
  /** Days since the meeting day (positive: it is behind). */
  daysAgo: number;
}

export interface SecretaryBranch {
  id: string;
  name: string;
  /** The meeting to work on now: the latest one due that still needs the branch, else the next one. */
  current: InboxMeeting | null;
  /** Older meetings still waiting for the branch. */
  late: InboxMeeting[];
  /** The next meetings of the plan (after the current one). */
  coming: InboxMeeting[];
  /** This year's (and, from November, next year's) annual plan is missing. */
  missingPlanYears: number[];
}

export interface SecretaryInbox {
  branches: SecretaryBranch[];
  /** Branches under the grant beyond those listed. */
  moreBranches: number;
}

export interface AdminInbox {
  branchesWithoutSecretary: { count: number; sample: { id: string; name: string; parentName: string | null }[] };
  membersWithoutAccount: { count: number; branches: { id: string; name: string; count: number }[] };
  branchesWithoutPlan: { year: number; count: number }[];
}

export interface Inbox {
  today: Date;
  secretary: SecretaryInbox | null;
  member: MemberOverview | null;
  overseer: DeskView | null;
  reviewer: ReviewSummary | null;
  leader: Dashboard | null;
  admin: AdminInbox | null;
}

const ACTIVE_STATES: MeetingState[] = ["PLANNED", "NOTIFIED", "HELD", "MINUTES_ADOPTED", "POSTPONED"];

const meetingSelect = {
  id: true,
  title: true,
  kind: true,
  state: true,
  plannedStart: true,
  actualStart: true,
  actualEnd: true,
  branchId: true,
  place: true,
  content: true,
  draftResolution: true,
} as const;

type MeetingRow = {
  id: string;
  title: string;
  kind: MeetingKind;
  state: MeetingState;
  plannedStart: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  branchId: string;
  place: string | null;
  content: string | null;
  draftResolution: string | null;
};

/** A meeting whose next step depends on its record (attendance, minutes, vote). */
function needsRecord(row: MeetingRow, today: Date): boolean {
  return row.state === "HELD" || (row.state === "NOTIFIED" && vietnamDayOf(row.actualStart ?? row.plannedStart).getTime() <= today.getTime());
}

async function toInboxMeeting(tx: Tx, user: Principal, row: MeetingRow, today: Date, branch: { path: string }, record: RecordReadiness | undefined): Promise<InboxMeeting> {
  const day = vietnamDayOf(row.actualStart ?? row.plannedStart);
  const { attendanceComplete, minutesReady } = needsRecord(row, today) ? (record ?? { attendanceComplete: false, minutesReady: false }) : { attendanceComplete: undefined, minutesReady: undefined };
  const computed = branchStep({ state: row.state, day, today, prepared: Boolean(row.content || row.draftResolution), attendanceComplete, minutesReady });
  // A meeting of a kind that is not scored (a review meeting; an extraordinary one unless the
  // tenant scores them) is done once its minutes are adopted.
  const step = computed === "selfScore" && !(await isScoredKind(tx, { ...row, tenantId: user.tenantId, branch })) ? "done" : computed;
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    state: row.state,
    plannedStart: row.plannedStart,
    place: row.place,
    step,
    href: stepHref(row.id, step),
    daysAgo: Math.round((today.getTime() - day.getTime()) / DAY_MS),
  };
}

async function secretaryInbox(tx: Tx, user: Principal, today: Date): Promise<SecretaryInbox | null> {
  const roots = scopeRoots(user, "meeting.record");
  if (roots.length === 0) return null;
  const where = {
    tenantId: user.tenantId,
    kind: { in: ["BRANCH" as const, "GRASSROOTS_BRANCH" as const] },
    OR: roots.map((root) => ({ path: { startsWith: root.path } })),
  };
  const units = await tx.orgUnit.findMany({
    where,
    select: { id: true, name: true, path: true, activeFrom: true, activeTo: true, annualPlans: { where: { year: { gte: today.getUTCFullYear() } }, select: { year: true } } },
    orderBy: { path: "asc" },
    take: 200,
  });
  const open = units.filter((unit) => isActiveOn(unit, today));
  const listed = open.slice(0, BRANCH_LIST_LIMIT);
  const yearAgo = new Date(today.getTime() - 400 * DAY_MS);
  const rowsOf = new Map<string, MeetingRow[]>();
  for (const unit of listed) {
    const rows: MeetingRow[] = await tx.meeting.findMany({
      where: {
        tenantId: user.tenantId,
        branchId: unit.id,
        OR: [
          { state: { in: ACTIVE_STATES }, plannedStart: { gte: yearAgo } },
          { plannedStart: { gte: vietnamMidnight(today) }, state: { not: "CANCELLED" } },
        ],
      },
      select: meetingSelect,
      orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
      take: 60,
    });
    rowsOf.set(unit.id, rows);
  }
  // The record of every meeting whose step depends on it, read for all of them at once.
  const records = await recordReadiness(
    tx,
    user,
    listed.flatMap((unit) => (rowsOf.get(unit.id) ?? []).filter((row) => needsRecord(row, today)).map((row) => ({ ...row, branch: unit }))),
  );
  const branches: SecretaryBranch[] = [];
  for (const unit of listed) {
    const rows = rowsOf.get(unit.id) ?? [];
    const dayOf = (row: MeetingRow) => vietnamDayOf(row.actualStart ?? row.plannedStart).getTime();
    const due = rows.filter((row) => ACTIVE_STATES.includes(row.state) && dayOf(row) <= today.getTime());
    const ahead = rows.filter((row) => dayOf(row) > today.getTime());
    const dueItems: InboxMeeting[] = [];
    for (const row of due.reverse()) {
      const item = await toInboxMeeting(tx, user, row, today, unit, records.get(row.id));
      if (BRANCH_ACTION_STEPS.includes(item.step)) dueItems.push(item);
    }
    const aheadItems: InboxMeeting[] = [];
    for (const row of ahead.slice(0, COMING + 1)) aheadItems.push(await toInboxMeeting(tx, user, row, today, unit, records.get(row.id)));
    const current = dueItems[0] ?? aheadItems.find((item) => BRANCH_ACTION_STEPS.includes(item.step)) ?? null;
    const years = [today.getUTCFullYear(), ...(today.getUTCMonth() >= 10 ? [today.getUTCFullYear() + 1] : [])];
    branches.push({
      id: unit.id,
      name: unit.name,
      current,
      late: dueItems.slice(1),
      coming: aheadItems.filter((item) => item.id !== current?.id).slice(0, COMING),
      missingPlanYears: years.filter((year) => !unit.annualPlans.some((plan) => plan.year === year)),
    });
  }
  return { branches, moreBranches: open.length - listed.length };
}

async function adminInbox(tx: Tx, user: Principal, today: Date): Promise<AdminInbox | null> {
  const roots = scopeRoots(user, "user.manage");
  if (roots.length === 0) return null;
  const inScope = roots.map((root) => ({ path: { startsWith: root.path } }));
  const openBranch = {
    tenantId: user.tenantId,
    kind: { in: ["BRANCH" as const, "GRASSROOTS_BRANCH" as const] },
    activeFrom: { lte: today },
    AND: [{ OR: [{ activeTo: null }, { activeTo: { gte: today } }] }, { OR: inScope }],
  };
  const withoutSecretary = { ...openBranch, roleGrants: { none: { role: "RECORDER" as const, user: { disabled: false } } } };
  const [noSecretaryCount, noSecretarySample] = await Promise.all([
    tx.orgUnit.count({ where: withoutSecretary }),
    tx.orgUnit.findMany({ where: withoutSecretary, select: { id: true, name: true, parent: { select: { name: true } } }, orderBy: { path: "asc" }, take: 5 }),
  ]);
  // Members on the roll (not ended) whose record no account is linked to, by branch.
  const memberWhere = { tenantId: user.tenantId, endedOn: null, users: { none: {} }, branch: { OR: inScope } };
  const [memberCount, byBranch] = await Promise.all([
    tx.member.count({ where: memberWhere }),
    tx.member.groupBy({ by: ["branchId"], where: memberWhere, _count: { _all: true }, orderBy: { _count: { branchId: "desc" } }, take: 5 }),
  ]);
  const names = await tx.orgUnit.findMany({ where: { tenantId: user.tenantId, id: { in: byBranch.map((row) => row.branchId) } }, select: { id: true, name: true } });
  const nameOf = new Map(names.map((unit) => [unit.id, unit.name]));
  const years = [today.getUTCFullYear(), ...(today.getUTCMonth() >= 10 ? [today.getUTCFullYear() + 1] : [])];
  const branchesWithoutPlan = await Promise.all(
    years.map(async (year) => ({
      year,
      count: await tx.orgUnit.count({
        where: {
          ...openBranch,
          activeFrom: { lte: new Date(Date.UTC(year, 11, 31)) },
          annualPlans: { none: { year } },
        },
      }),
    })),
  );
  return {
    branchesWithoutSecretary: { count: noSecretaryCount, sample: noSecretarySample.map((unit) => ({ id: unit.id, name: unit.name, parentName: unit.parent?.name ?? null })) },
    membersWithoutAccount: {
      count: memberCount,
      branches: byBranch.map((row) => ({ id: row.branchId, name: nameOf.get(row.branchId) ?? "", count: row._count._all })),
    },
    branchesWithoutPlan,
  };
}

/**
 * Everything the home page shows, for every grant the user holds. Sections a user has no grant for
 * are null; each section reads what it needs through its owner's service (with its own checks).
 */
export async function getInbox(user: Principal, now: Date = new Date()): Promise<Inbox> {
  const today = todayInVietnam(now);
  // One section per role held (an administrator also reads dashboards, but their home is the admin's).
  const holds = (role: Role) => user.grants.some((grant) => grant.role === role);
  const [own, member, overseer, reviewer, leader] = await Promise.all([
    withTenantReads(user.tenantId, async (tx) => ({
      secretary: await secretaryInbox(tx, user, today),
      admin: await adminInbox(tx, user, today),
    })),
    holds("MEMBER") && canAnywhere(user, "meeting.attendOwn") ? memberOverview(user, now) : Promise.resolve(null),
    holds("OVERSEER") ? getDesk(user, { now }) : Promise.resolve(null),
    holds("REVIEWER") ? reviewSummary(user) : Promise.resolve(null),
    holds("LEADER") ? getDashboard(user, {}, { now }) : Promise.resolve(null),
  ]);
  return { today, ...own, member, overseer, reviewer, leader };
}
