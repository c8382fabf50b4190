// Coverage (issue 6 §4): per overseer, the visits of the year that count against the quota of their
// committee level (on track / behind, pro rata); per branch, the last visit, the months without one
// and who follows it; alerts for branches not visited in oversight.alertMonthsWithoutVisit months and
// for overseers behind their quota once the year is half over. What counts towards a quota: an
// attended visit, not excluded (residence, own branch, delegated) and not waiting for or refused
// approval. What covers a branch: any attended visit not waiting for or refused approval.
// Aggregates run in SQL (one query each) so a tenant with hundreds of branches stays one round trip.
import { z } from "zod";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenantReplica, type Tx } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { CommitteeLevel } from "@/lib/generated/prisma/enums";
import { pastMidYear, quotaFor, quotaProgress, termCovers, visitAlertDue, wholeMonthsBetween, yearBounds, type QuotaStatus } from "@/lib/oversight/rules";
import { tenantOversightSettings, type OversightSettingValues } from "@/lib/oversight/settings";
import { todayInVietnam } from "@/lib/time/days";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";

const words = messages.oversightServer.coverage;

export const coverageQuerySchema = z.object({
  year: z.coerce.number({ error: words.year }).int(words.year).min(2000, words.year).max(2100, words.year).optional(),
  unit: z.string().trim().optional(),
});
export type CoverageQuery = z.input<typeof coverageQuerySchema>;

export interface OverseerCoverage {
  user: { id: string; displayName: string };
  level: CommitteeLevel;
  /** The level's yearly quota, as the tenant sets it. */
  annualQuota: number;
  /** The quota for this overseer's year (scaled when first assigned during the year). */
  quota: number;
  /** Visits due by the reference day at an even pace. */
  expected: number;
  counted: number;
  /** Recorded after the window, waiting for a reviewer. */
  pending: number;
  /** Attended but not counted (residence, own branch, delegated). */
  excluded: number;
  status: QuotaStatus;
  lastVisit: Date | null;
  /** Branches they follow on the reference day (for a viewer, those of the viewer's subtree). */
  branches: { id: string; name: string }[];
}

export interface BranchCoverage {
  branch: { id: string; name: string; parentName: string | null };
  lastVisit: Date | null;
  /** Whole months since the last visit, or since the branch started when it never had one. */
  monthsWithoutVisit: number;
  neverVisited: boolean;
  visitsThisYear: number;
  overseers: { id: string; displayName: string; level: CommitteeLevel }[];
  alert: boolean;
}

export interface CoverageView {
  year: number;
  /** The day the figures are read at: today for the current year, 31 December for a past one. */
  asOf: Date;
  midYearPassed: boolean;
  settings: OversightSettingValues;
  overseers: OverseerCoverage[];
  branches: BranchCoverage[];
  alerts: { branches: BranchCoverage[]; overseersBehind: OverseerCoverage[] };
  /** Committees of the viewer's scope, to narrow the view. */
  units: { id: string; name: string; depth: number }[];
}

interface VisitTotals {
  userId: string;
  counted: number;
  pending: number;
  excluded: number;
  lastVisit: Date | null;
}

/** Year and reference day for a requested year (default: this year in Vietnam). */
export function coverageYear(year: number | undefined, now: Date = new Date()): { year: number; asOf: Date } {
  const today = todayInVietnam(now);
  const current = today.getUTCFullYear();
  const chosen = year ?? current;
  if (chosen > current) throw new ValidationError(fill(words.noDataYet, { chosen, current }));
  return { year: chosen, asOf: chosen === current ? today : yearBounds(chosen).end };
}

async function visitTotals(tx: Tx, tenantId: string, userIds: readonly string[], from: Date, to: Date): Promise<Map<string, VisitTotals>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<VisitTotals[]>`
    SELECT v."userId",
      count(*) FILTER (WHERE v."status" = 'ATTENDED' AND v."countsForQuota" AND v."approval" IN ('NOT_NEEDED', 'APPROVED'))::int AS "counted",
      count(*) FILTER (WHERE v."status" = 'ATTENDED' AND v."approval" = 'PENDING')::int AS "pending",
      count(*) FILTER (WHERE v."status" = 'ATTENDED' AND NOT v."countsForQuota" AND v."approval" IN ('NOT_NEEDED', 'APPROVED'))::int AS "excluded",
      max(d."day") FILTER (WHERE v."status" = 'ATTENDED' AND v."approval" IN ('NOT_NEEDED', 'APPROVED')) AS "lastVisit"
    FROM "OverseerVisit" v
    JOIN "Meeting" m ON m."tenantId" = v."tenantId" AND m."id" = v."meetingId"
    CROSS JOIN LATERAL (SELECT (coalesce(m."actualStart", m."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS "day") d
    WHERE v."tenantId" = ${tenantId}::uuid AND v."userId" = ANY(${[...userIds]}::uuid[])
      AND d."day" >= ${from}::date AND d."day" <= ${to}::date
    GROUP BY v."userId"`;
  return new Map(rows.map((row) => [row.userId, row]));
}

/**
 * The quota figures of `userIds` for `year` read on `asOf`: level from their latest assignment of
 * the year, quota from the tenant's settings in force that day. Users with no assignment in the
 * year are left out (they owe nothing).
 */
export async function overseerCoverageTx(
  tx: Tx,
  tenantId: string,
  userIds: readonly string[],
  year: number,
  asOf: Date,
  /** The viewer's subtrees: branches outside them are not named (the figures stay whole). */
  scopePaths?: readonly string[],
): Promise<OverseerCoverage[]> {
  if (userIds.length === 0) return [];
  const { start, end } = yearBounds(year);
  const assignments = await tx.overseerAssignment.findMany({
    where: { tenantId, userId: { in: [...userIds] }, validFrom: { lte: end }, OR: [{ validTo: null }, { validTo: { gte: start } }] },
    select: {
      userId: true,
      committeeLevel: true,
      validFrom: true,
      validTo: true,
      user: { select: { displayName: true } },
      branch: { select: { id: true, name: true, path: true } },
    },
    orderBy: [{ validFrom: "asc" }, { createdAt: "asc" }],
  });
  const settings = await tenantOversightSettings(tx, tenantId, asOf);
  const totals = await visitTotals(tx, tenantId, userIds, start, asOf);
  const byUser = new Map<string, typeof assignments>();
  for (const row of assignments) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  const out: OverseerCoverage[] = [];
  for (const [userId, rows] of byUser) {
    // Latest start wins the level; the first start decides when the quota begins to run.
    const started = rows.filter((row) => row.validFrom.getTime() <= asOf.getTime());
    const latest = (started.length > 0 ? started : rows)[(started.length > 0 ? started : rows).length - 1]!;
    const level = latest.committeeLevel;
    const annualQuota = quotaFor(
      { "oversight.quotaProvincial": settings.quotaProvincial, "oversight.quotaDistrict": settings.quotaDistrict, "oversight.quotaGrassroots": settings.quotaGrassroots },
      level,
    );
    const total = totals.get(userId);
    const counted = total?.counted ?? 0;
    const progress = quotaProgress({ annualQuota, counted, year, asOf, firstAssignedOn: rows[0]!.validFrom });
    const branches = new Map<string, string>();
    for (const row of rows) {
      const visible = !scopePaths || scopePaths.some((path) => row.branch.path.startsWith(path));
      if (visible && termCovers(row, asOf)) branches.set(row.branch.id, row.branch.name);
    }
    out.push({
      user: { id: userId, displayName: latest.user.displayName },
      level,
      annualQuota,
      quota: progress.quota,
      expected: progress.expected,
      counted,
      pending: total?.pending ?? 0,
      excluded: total?.excluded ?? 0,
      status: progress.status,
      lastVisit: total?.lastVisit ?? null,
      branches: [...branches].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "vi")),
    });
  }
  return out.sort((a, b) => a.user.displayName.localeCompare(b.user.displayName, "vi"));
}

/** The caller's own figure for the desk ("Đã dự X/Y buổi năm 2026"); null when they follow nothing this year. */
export async function myCoverage(user: Principal, context: { now?: Date; year?: number } = {}): Promise<OverseerCoverage | null> {
  const { year, asOf } = coverageYear(context.year, context.now);
  return withTenantReplica(user.tenantId, async (tx) => (await overseerCoverageTx(tx, user.tenantId, [user.id], year, asOf))[0] ?? null);
}

/** The viewer's subtrees (dashboard.read), or the one unit asked for inside them (404 otherwise). */
export async function coverageScope(tx: Tx, user: Principal, unitId: string | undefined): Promise<string[]> {
  const roots = scopeRoots(user, "dashboard.read");
  if (roots.length === 0) throw new ForbiddenError(words.forbidden);
  if (!unitId) return roots.map((root) => root.path);
  if (!isUuid(unitId)) throw new NotFoundError(words.unitNotFound);
  const unit = await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: unitId } }, select: { path: true } });
  if (!unit || !authorize(user, "dashboard.read", unit)) throw new NotFoundError(words.unitNotFound);
  return [unit.path];
}

/** Per overseer, per branch and the alerts, over the viewer's subtree (REVIEWER, LEADER, TENANT_ADMIN). */
export async function getCoverage(user: Principal, query: CoverageQuery = {}, context: { now?: Date } = {}): Promise<CoverageView> {
  const parsed = coverageQuerySchema.safeParse(query);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? words.badRequest);
  const { year, asOf } = coverageYear(parsed.data.year, context.now);
  const { start, end } = yearBounds(year);
  return withTenantReplica(user.tenantId, async (tx) => {
    const paths = await coverageScope(tx, user, parsed.data.unit || undefined);
    const inScope = { OR: paths.map((path) => ({ path: { startsWith: path } })) };
    const settings = await tenantOversightSettings(tx, user.tenantId, asOf);

    // Overseers who follow a branch of the scope at some point of the year.
    const followers = await tx.overseerAssignment.findMany({
      where: { tenantId: user.tenantId, validFrom: { lte: end }, OR: [{ validTo: null }, { validTo: { gte: start } }], branch: inScope },
      select: { userId: true },
      distinct: ["userId"],
    });
    const overseers = await overseerCoverageTx(tx, user.tenantId, followers.map((f) => f.userId), year, asOf, paths);

    const branches = await tx.orgUnit.findMany({
      where: {
        tenantId: user.tenantId,
        kind: { in: [...BRANCH_UNIT_KINDS] },
        activeFrom: { lte: asOf },
        AND: [inScope, { OR: [{ activeTo: null }, { activeTo: { gte: asOf } }] }],
      },
      select: { id: true, name: true, activeFrom: true, parent: { select: { name: true } } },
    });
    const patterns = paths.map((path) => `${path}%`);
    const visits = await tx.$queryRaw<{ branchId: string; lastVisit: Date | null; visitsThisYear: number }[]>`
      SELECT v."branchId", max(d."day") AS "lastVisit", count(*) FILTER (WHERE d."day" >= ${start}::date)::int AS "visitsThisYear"
      FROM "OverseerVisit" v
      JOIN "Meeting" m ON m."tenantId" = v."tenantId" AND m."id" = v."meetingId"
      JOIN "OrgUnit" o ON o."tenantId" = v."tenantId" AND o."id" = v."branchId"
      CROSS JOIN LATERAL (SELECT (coalesce(m."actualStart", m."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS "day") d
      WHERE v."tenantId" = ${user.tenantId}::uuid AND v."status" = 'ATTENDED' AND v."approval" IN ('NOT_NEEDED', 'APPROVED')
        AND d."day" <= ${asOf}::date AND o."path" LIKE ANY(${patterns}::text[])
      GROUP BY v."branchId"`;
    const visitsOf = new Map(visits.map((row) => [row.branchId, row]));
    const current = await tx.overseerAssignment.findMany({
      where: { tenantId: user.tenantId, validFrom: { lte: asOf }, OR: [{ validTo: null }, { validTo: { gte: asOf } }], branch: inScope },
      select: { branchId: true, committeeLevel: true, user: { select: { id: true, displayName: true } } },
    });
    const followersOf = new Map<string, BranchCoverage["overseers"]>();
    for (const row of current) {
      followersOf.set(row.branchId, [...(followersOf.get(row.branchId) ?? []), { id: row.user.id, displayName: row.user.displayName, level: row.committeeLevel }]);
    }
    const alertMonths = settings.alertMonthsWithoutVisit;
    const branchRows: BranchCoverage[] = branches.map((branch) => {
      const seen = visitsOf.get(branch.id);
      const lastVisit = seen?.lastVisit ?? null;
      const monthsWithoutVisit = wholeMonthsBetween(lastVisit ?? branch.activeFrom, asOf);
      return {
        branch: { id: branch.id, name: branch.name, parentName: branch.parent?.name ?? null },
        lastVisit,
        monthsWithoutVisit,
        neverVisited: lastVisit === null,
        visitsThisYear: seen?.visitsThisYear ?? 0,
        overseers: (followersOf.get(branch.id) ?? []).sort((a, b) => a.displayName.localeCompare(b.displayName, "vi")),
        alert: visitAlertDue(monthsWithoutVisit, { "oversight.alertMonthsWithoutVisit": alertMonths }),
      };
    });
    branchRows.sort(
      (a, b) => (a.branch.parentName ?? "").localeCompare(b.branch.parentName ?? "", "vi") || a.branch.name.localeCompare(b.branch.name, "vi"),
    );
    const midYearPassed = pastMidYear(year, asOf);
    const units = await tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, kind: { notIn: [...BRANCH_UNIT_KINDS, "PARTY_GROUP"] }, OR: scopeRoots(user, "dashboard.read").map((root) => ({ path: { startsWith: root.path } })) },
      select: { id: true, name: true, depth: true, path: true },
      orderBy: [{ depth: "asc" }, { name: "asc" }],
      take: 300,
    });
    return {
      year,
      asOf,
      midYearPassed,
      settings,
      overseers,
      branches: branchRows,
      alerts: {
        branches: branchRows.filter((row) => row.alert).sort((a, b) => Number(b.neverVisited) - Number(a.neverVisited) || b.monthsWithoutVisit - a.monthsWithoutVisit),
        overseersBehind: midYearPassed ? overseers.filter((row) => row.status === "BEHIND") : [],
      },
      units: units.map((unit) => ({ id: unit.id, name: unit.name, depth: unit.depth })),
    };
  });
}
