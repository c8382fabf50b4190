// The overseers behind their yearly visit quota (SPEC §6, "visits against quota"), for the
// dashboard of a subtree: everyone assigned to a branch of it during the year, measured by the
// oversight module's own rule (lib/oversight/coverage.ts), so both pages say the same.
import type { Principal } from "@/lib/auth/permissions";
import { withTenantReplica } from "@/lib/db/tenant";
import { coverageYear, overseerCoverageTx, type OverseerCoverage } from "@/lib/oversight/coverage";
import { monthDate } from "./period";
import { resolveScope } from "./scope";

export interface DashboardOverseers {
  total: number;
  met: number;
  onTrack: number;
  behind: OverseerCoverage[];
}

export async function dashboardOverseers(user: Principal, unitId: string | null | undefined, year: number, options: { now?: Date } = {}): Promise<DashboardOverseers> {
  const { asOf } = coverageYear(year, options.now);
  return withTenantReplica(user.tenantId, async (tx) => {
    const { unit } = await resolveScope(tx, user, "dashboard.read", unitId);
    const followers = await tx.overseerAssignment.findMany({
      where: {
        tenantId: user.tenantId,
        validFrom: { lte: new Date(Date.UTC(year, 11, 31)) },
        OR: [{ validTo: null }, { validTo: { gte: monthDate(year, 1) } }],
        branch: { path: { startsWith: unit.path } },
      },
      select: { userId: true },
      distinct: ["userId"],
    });
    const rows = await overseerCoverageTx(tx, user.tenantId, followers.map((f) => f.userId), year, asOf);
    return {
      total: rows.length,
      met: rows.filter((r) => r.status === "MET").length,
      onTrack: rows.filter((r) => r.status === "ON_TRACK").length,
      behind: rows.filter((r) => r.status === "BEHIND").sort((a, b) => b.expected - b.counted - (a.expected - a.counted)),
    };
  });
}
