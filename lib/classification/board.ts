// The classification board of a unit for a period: what the user sees first. A branch shows itself
// and its members, each with the state of their case and the next step this user can take; a
// committee shows itself, its own party organisations one level down, and a summary per child unit
// (how many organisations and members are classified, at which levels), to drill down; the deciding
// level sees where it stands against the cap on "xuất sắc".
import { authorize, canAnywhere, type Principal } from "@/lib/auth/permissions";
import { withTenant, withTenantReplica, type Tx } from "@/lib/db/tenant";
import { resolveScope, pathRange, type ResolvedScope } from "@/lib/dashboard/scope";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ClassificationState, OrgUnitKind } from "@/lib/generated/prisma/enums";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import { settingsFor } from "@/lib/settings/resolve";
import { capGroup, capStatus, countWith, type CapStatus } from "./cap";
import { caseHref, mayAppraise, reviewMeetingChoices } from "./cases";
import { classificationMessages } from "./messages";
import { CLASSIFICATION_LEVELS, COLLECTIVE_UNIT_KINDS, type ClassificationLevel, type ClassificationSubject } from "./model";
import { parsePeriod, yearPeriod, type Period } from "./period";
import { todayInVietnam } from "@/lib/time/days";

const text = classificationMessages.cases;

/** "selfOnBehalf": a member's own step that the branch's committee may take for them. */
export type NextStep = "self" | "selfOnBehalf" | "review" | "appraise" | "decide" | "done" | "waiting";

export interface BoardRow {
  caseId: string | null;
  /** The case's version (0 before its first save), for lists that act on it. */
  version: number;
  subject: ClassificationSubject | null;
  /** The unit id for an organisation, the member id for a member. */
  subjectId: string;
  name: string;
  /** Member: their posts; organisation: its kind. */
  detail: string | null;
  unitKind: OrgUnitKind | null;
  state: ClassificationState | null;
  levels: { self: ClassificationLevel | null; review: ClassificationLevel | null; appraisal: ClassificationLevel | null; decision: ClassificationLevel | null };
  /** Points of the latest column (decision, else appraisal, else self). */
  total: number | null;
  href: string;
  next: NextStep;
  returned: boolean;
}

export type LevelCounts = Record<ClassificationLevel, number>;

export interface BoardChild {
  unit: { id: string; name: string; kind: OrgUnitKind };
  organisations: { total: number; decided: number; inProgress: number; levels: LevelCounts };
  members: { total: number; decided: number; inProgress: number; levels: LevelCounts };
}

/** A case in the subtree that waits for this user's step, with what a list needs to act on it. */
export interface QueueRow extends BoardRow {
  caseId: string;
  unitName: string;
  /** Decided at its appraised level from the list (Ban Tổ chức's bulk decision). */
  decidable: boolean;
}

export interface Board {
  unit: ResolvedScope["unit"];
  trail: ResolvedScope["trail"];
  roots: ResolvedScope["roots"];
  period: { key: string; label: string; year: number };
  /** Periods to switch to: this year and the three before (years), plus the quarters of the year. */
  periods: { key: string; label: string }[];
  organisations: BoardRow[];
  /** Only for a branch. */
  members: BoardRow[];
  /** One level down, for a committee. */
  children: BoardChild[];
  /** Where this unit decides (its grassroots members or organisations below): the cap as it stands. */
  caps: { members: CapStatus | null; organisations: CapStatus | null };
  reviewMeetings: { id: string; title: string; day: string }[];
  /** For a committee: the cases below it waiting for this user's step (at most QUEUE_LIMIT). */
  queue: { rows: QueueRow[]; total: number };
  can: { planReviewMeeting: boolean };
}

export const QUEUE_LIMIT = 200;

const emptyLevels = (): LevelCounts => Object.fromEntries(CLASSIFICATION_LEVELS.map((l) => [l, 0])) as LevelCounts;

const caseSelect = {
  id: true,
  version: true,
  subject: true,
  subjectId: true,
  unitId: true,
  memberId: true,
  state: true,
  selfLevel: true,
  reviewLevel: true,
  appraisalLevel: true,
  decisionLevel: true,
  selfTotalTenths: true,
  appraisalTotalTenths: true,
  decisionTotalTenths: true,
  returnReason: true,
  decidingUnit: { select: { path: true } },
} as const;
type BoardCase = Prisma.ClassificationGetPayload<{ select: typeof caseSelect }>;

function nextStep(
  user: Principal,
  ownMemberId: string | null,
  row: { state: ClassificationState | null; unitPath: string; unitKind: OrgUnitKind; decidingPath: string | null; memberId: string | null; needsReview: boolean },
): NextStep {
  const unit = { path: row.unitPath };
  const appraise = () =>
    row.decidingPath !== null && mayAppraise(user, row.memberId ? "MEMBER" : "COLLECTIVE", { id: "", name: "", path: row.unitPath, kind: row.unitKind }, { path: row.decidingPath });
  const state = row.state ?? "DRAFT";
  const selfOk = authorize(user, "score.self", unit) || (row.memberId !== null && row.memberId === ownMemberId);
  if (state === "DRAFT") {
    if (row.memberId !== null && row.memberId !== ownMemberId) return selfOk ? "selfOnBehalf" : "waiting";
    return selfOk ? "self" : "waiting";
  }
  if (state === "SELF_ASSESSED") {
    if (row.needsReview) return authorize(user, "score.self", unit) ? "review" : "waiting";
    return appraise() ? "appraise" : "waiting";
  }
  if (state === "BRANCH_REVIEWED") return appraise() ? "appraise" : "waiting";
  if (state === "APPRAISED") return row.decidingPath && authorize(user, "score.review", { path: row.decidingPath }) ? "decide" : "waiting";
  return "done";
}

function rowOf(
  user: Principal,
  ownMemberId: string | null,
  period: Period,
  c: BoardCase | undefined,
  subject: { id: string; name: string; detail: string | null; unitKind: OrgUnitKind | null; unitPath: string; memberId: string | null; branchKind?: OrgUnitKind },
): BoardRow {
  const total = c ? (c.decisionTotalTenths ?? c.appraisalTotalTenths ?? c.selfTotalTenths) : null;
  const needsReview = subject.memberId !== null || (subject.unitKind !== null && BRANCH_UNIT_KINDS.includes(subject.unitKind));
  return {
    caseId: c?.id ?? null,
    version: c?.version ?? 0,
    subject: c?.subject ?? null,
    subjectId: subject.id,
    name: subject.name,
    detail: subject.detail,
    unitKind: subject.unitKind,
    state: c?.state ?? null,
    levels: { self: c?.selfLevel ?? null, review: c?.reviewLevel ?? null, appraisal: c?.appraisalLevel ?? null, decision: c?.decisionLevel ?? null },
    total: total === null || total === undefined ? null : total / 10,
    href: caseHref({ memberId: subject.memberId, unitId: subject.id }, period.key),
    next: nextStep(user, ownMemberId, {
      state: c?.state ?? null,
      unitPath: subject.unitPath,
      unitKind: subject.unitKind ?? subject.branchKind ?? "BRANCH",
      decidingPath: c?.decidingUnit.path ?? null,
      memberId: subject.memberId,
      needsReview,
    }),
    returned: c?.state === "DRAFT" && c.returnReason !== null,
  };
}

async function childSummaries(tx: Tx, tenantId: string, unit: { id: string }, period: Period): Promise<BoardChild[]> {
  const children = await tx.orgUnit.findMany({
    where: { tenantId, parentId: unit.id, OR: [{ activeTo: null }, { activeTo: { gte: period.start } }] },
    select: { id: true, name: true, kind: true, path: true },
    orderBy: { name: "asc" },
  });
  if (children.length === 0) return [];
  const kinds = COLLECTIVE_UNIT_KINDS as OrgUnitKind[];
  const out: BoardChild[] = [];
  // One child at a time keeps each query an index range on the child's paths (≤ ~100 children).
  for (const child of children) {
    const { lower, upper } = pathRange(child.path);
    const cases = await tx.$queryRaw<{ collective: boolean; state: ClassificationState; level: ClassificationLevel | null; n: number }[]>`
      SELECT (c."subject" = 'COLLECTIVE') AS collective, c."state", c."decisionLevel" AS level, count(*)::int AS n
      FROM "Classification" c JOIN "OrgUnit" u ON u."tenantId" = c."tenantId" AND u."id" = c."unitId"
      WHERE c."tenantId" = ${tenantId}::uuid AND u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}
        AND c."periodKind" = ${period.kind}::"ClassificationPeriodKind" AND c."periodStart" = ${period.start}
      GROUP BY 1, 2, 3`;
    const organisations = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "OrgUnit" u
      WHERE u."tenantId" = ${tenantId}::uuid AND u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}
        AND u."kind"::text = ANY(${kinds}::text[]) AND u."activeFrom" <= ${period.end} AND (u."activeTo" IS NULL OR u."activeTo" >= ${period.end})`;
    const roll = await tx.unitMemberStats.findUnique({ where: { tenantId_unitId: { tenantId, unitId: child.id } }, select: { members: true } });
    const summary: BoardChild = {
      unit: { id: child.id, name: child.name, kind: child.kind },
      organisations: { total: organisations[0]?.n ?? 0, decided: 0, inProgress: 0, levels: emptyLevels() },
      members: { total: roll?.members ?? 0, decided: 0, inProgress: 0, levels: emptyLevels() },
    };
    for (const r of cases) {
      const into = r.collective ? summary.organisations : summary.members;
      if (r.state === "DECIDED" && r.level) {
        into.decided += r.n;
        into.levels[r.level] += r.n;
      } else into.inProgress += r.n;
    }
    out.push(summary);
  }
  return out;
}

const STEP_ORDER: Record<NextStep, number> = { decide: 0, appraise: 1, review: 2, self: 3, selfOnBehalf: 4, waiting: 5, done: 6 };

/** Cases below a committee waiting for this user: appraisal (score.confirm/review) or decision (score.review). */
async function queueOf(tx: Tx, user: Principal, own: string | null, unit: { path: string }, period: Period): Promise<Board["queue"]> {
  const states: ClassificationState[] = [];
  if (canAnywhere(user, "score.confirm") || canAnywhere(user, "score.review")) states.push("SELF_ASSESSED", "BRANCH_REVIEWED");
  if (canAnywhere(user, "score.review")) states.push("APPRAISED");
  if (states.length === 0) return { rows: [], total: 0 };
  const rows = await tx.classification.findMany({
    where: { tenantId: user.tenantId, periodKind: period.kind, periodStart: period.start, state: { in: states }, unit: { path: { startsWith: unit.path } } },
    select: { ...caseSelect, unit: { select: { name: true, path: true, kind: true } }, member: { select: { fullName: true, sortKey: true } } },
    orderBy: [{ state: "desc" }, { unitId: "asc" }],
    take: 2000,
  });
  const waiting = rows
    .map((c): QueueRow => {
      const row = rowOf(user, own, period, c, {
        id: c.memberId ?? c.unitId,
        name: c.member?.fullName ?? c.unit.name,
        detail: null,
        unitKind: c.memberId ? null : c.unit.kind,
        branchKind: c.unit.kind,
        unitPath: c.unit.path,
        memberId: c.memberId,
      });
      return { ...row, caseId: c.id, unitName: c.unit.name, decidable: row.next === "decide" && c.appraisalLevel !== null };
    })
    .filter((r) => r.next === "decide" || r.next === "appraise" || r.next === "review")
    .sort((a, b) => STEP_ORDER[a.next] - STEP_ORDER[b.next] || a.unitName.localeCompare(b.unitName, "vi") || a.name.localeCompare(b.name, "vi"));
  return { rows: waiting.slice(0, QUEUE_LIMIT), total: waiting.length };
}

async function capsAt(tx: Tx, tenantId: string, unit: { id: string; path: string }, period: Period): Promise<Board["caps"]> {
  const setting = (await settingsFor(tx, tenantId, unit.path, period.end))["classification.excellentCap"];
  const group = async (collective: boolean) => {
    const members = await capGroup(tx, tenantId, { decidingUnitId: unit.id, collective, periodKind: period.kind, periodStart: period.start });
    return members.length === 0 ? null : capStatus(countWith(members), setting);
  };
  return { members: await group(false), organisations: await group(true) };
}

export interface BoardQuery {
  unit?: string | null;
  period?: string | null;
}

/** The board for the unit asked for (default: the top of the user's scope) and the period (default: this year). */
export async function getBoard(user: Principal, query: BoardQuery, options: { now?: Date } = {}): Promise<Board> {
  if (!canAnywhere(user, "meeting.read")) throw new ForbiddenError(text.boardForbidden);
  const today = todayInVietnam(options.now ?? new Date());
  const year = today.getUTCFullYear();
  const period = query.period ? parsePeriod(query.period) : yearPeriod(year);
  if (!period) throw new ValidationError(text.badPeriod, { period: [text.badPeriod] });
  return withTenantReplica(user.tenantId, async (tx) => {
    const scope = await resolveScope(tx, user, "meeting.read", query.unit ?? null);
    const unit = scope.unit;
    const own = (await tx.user.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, select: { memberId: true } }))?.memberId ?? null;
    const isBranch = BRANCH_UNIT_KINDS.includes(unit.kind);

    // Organisations: the unit itself and (for a committee) its party organisations one level down.
    const orgUnits = [
      ...(COLLECTIVE_UNIT_KINDS.includes(unit.kind) ? [{ id: unit.id, name: unit.name, kind: unit.kind, path: unit.path }] : []),
      ...(isBranch
        ? []
        : await tx.orgUnit.findMany({
            where: { tenantId: user.tenantId, parentId: unit.id, kind: { in: [...COLLECTIVE_UNIT_KINDS] }, activeFrom: { lte: period.end }, OR: [{ activeTo: null }, { activeTo: { gte: period.end } }] },
            select: { id: true, name: true, kind: true, path: true },
            orderBy: { name: "asc" },
          })),
    ];
    const orgCases = await tx.classification.findMany({
      where: { tenantId: user.tenantId, subjectId: { in: orgUnits.map((u) => u.id) }, periodKind: period.kind, periodStart: period.start },
      select: caseSelect,
    });
    const orgCaseBy = new Map(orgCases.map((c) => [c.subjectId, c]));
    const organisations = orgUnits.map((u) =>
      rowOf(user, own, period, orgCaseBy.get(u.id), { id: u.id, name: u.name, detail: classificationMessages.unitKind[u.kind as keyof typeof classificationMessages.unitKind] ?? null, unitKind: u.kind, unitPath: u.path, memberId: null }),
    );

    let members: BoardRow[] = [];
    if (isBranch) {
      const memberCases = await tx.classification.findMany({
        where: { tenantId: user.tenantId, unitId: unit.id, memberId: { not: null }, periodKind: period.kind, periodStart: period.start },
        select: caseSelect,
      });
      const roll = await tx.member.findMany({
        where: {
          tenantId: user.tenantId,
          OR: [{ branchId: unit.id, admittedOn: { lte: period.end }, OR: [{ endedOn: null }, { endedOn: { gt: period.end } }] }, { id: { in: memberCases.map((c) => c.memberId!) } }],
        },
        select: { id: true, fullName: true, sortKey: true, status: true, positions: { where: { orgUnitId: unit.id, termFrom: { lte: period.end }, OR: [{ termTo: null }, { termTo: { gte: period.start } }] }, select: { kind: true } } },
        orderBy: { sortKey: "asc" },
      });
      const byMember = new Map(memberCases.map((c) => [c.memberId!, c]));
      members = roll.map((m) =>
        rowOf(user, own, period, byMember.get(m.id), {
          id: m.id,
          name: m.fullName,
          detail: [m.positions.map((p) => classificationMessages.positions[p.kind as keyof typeof classificationMessages.positions] ?? null).filter(Boolean).join(", "), m.status === "PROBATIONARY" ? classificationMessages.board.probationary : null].filter(Boolean).join(" · ") || null,
          unitKind: null,
          unitPath: unit.path,
          memberId: m.id,
        }),
      );
    }

    const periods = [
      ...[year, year - 1, year - 2, year - 3].map((y) => yearPeriod(y)),
      ...[1, 2, 3, 4].map((q) => parsePeriod(`${year}-Q${q}`)!),
    ].map((p) => ({ key: p.key, label: p.label }));
    if (!periods.some((p) => p.key === period.key)) periods.push({ key: period.key, label: period.label });

    return {
      unit,
      trail: scope.trail,
      roots: scope.roots,
      period: { key: period.key, label: period.label, year: period.year },
      periods,
      organisations,
      members,
      children: isBranch ? [] : await childSummaries(tx, user.tenantId, unit, period),
      caps: await capsAt(tx, user.tenantId, unit, period),
      reviewMeetings: isBranch ? await reviewMeetingChoices(tx, user.tenantId, unit.id, period) : [],
      queue: isBranch ? { rows: [], total: 0 } : await queueOf(tx, user, own, unit, period),
      can: { planReviewMeeting: isBranch && authorize(user, "meeting.record", unit) },
    };
  }).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new NotFoundError(text.unitNotFound);
    throw error;
  });
}

/** The member's own case (for members, who have no board). */
export async function ownCaseHref(user: Principal, period: string): Promise<string | null> {
  return withTenant(user.tenantId, async (tx) => {
    const own = (await tx.user.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, select: { memberId: true } }))?.memberId;
    return own ? `/classification/members/${own}?period=${period}` : null;
  });
}
