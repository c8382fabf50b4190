// Does this branch have a chi ủy on day D? The one place that answers it (SPEC §1.1: a branch with
// ≥ 9 official members elects a chi ủy; below that, a bí thư and perhaps a phó bí thư). The answer
// drives P3 (the chi ủy meeting before the branch meeting), the preparation checklist and the
// signature lines of the documents ("T/M CHI ỦY" or "T/M CHI BỘ").
//
// A unit's manual decision (OrgUnit.hasCommittee, with its reason) wins when set: a branch that
// just dropped to 8 officials keeps the chi ủy it elected until its next congress, for instance.
// Otherwise the rule counts the official members on the branch's roll on the day (memberships
// covering it, members not ended before it, official by then), the same roll as branchRosterOn.
// Units that are not branches never have a chi ủy (a đảng bộ has a đảng ủy).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/tenant";
import { isoDay } from "@/lib/time/days";
import { COMMITTEE_MIN_OFFICIALS, isBranchKind } from "@/lib/org/unit-rules";
import type { OrgUnitKind } from "@/lib/generated/prisma/enums";


export interface CommitteeOn {
  hasCommittee: boolean;
  /** Where the answer comes from: the unit's manual decision, or the count of official members. */
  source: "override" | "officials";
  /** Official members on the roll that day (shown next to the answer either way). */
  officials: number;
  threshold: number;
  /** The manual decision's reason. */
  reason: string | null;
}

/** The rule alone, for a unit whose manual decision is `override` (null = none). */
export function committeeFrom(
  unit: { kind: OrgUnitKind; hasCommittee: boolean | null; committeeReason: string | null },
  officials: number,
): CommitteeOn {
  if (!isBranchKind(unit.kind)) return { hasCommittee: false, source: "officials", officials, threshold: COMMITTEE_MIN_OFFICIALS, reason: null };
  if (unit.hasCommittee !== null) {
    return { hasCommittee: unit.hasCommittee, source: "override", officials, threshold: COMMITTEE_MIN_OFFICIALS, reason: unit.committeeReason };
  }
  return { hasCommittee: officials >= COMMITTEE_MIN_OFFICIALS, source: "officials", officials, threshold: COMMITTEE_MIN_OFFICIALS, reason: null };
}

export const committeeKey = (branchId: string, day: Date): string => `${branchId}/${isoDay(day)}`;

/**
 * The answer for many (branch, day) pairs in one statement (the demo seed and the dashboard score
 * many meetings at once). Keys are committeeKey(branchId, day); a branch that does not exist in the
 * tenant (or that row-level security hides) has no entry.
 */
export async function hasCommitteeOnMany(tx: Tx, tenantId: string, asks: readonly { branchId: string; day: Date }[]): Promise<Map<string, CommitteeOn>> {
  const out = new Map<string, CommitteeOn>();
  const unique = [...new Map(asks.map((a) => [committeeKey(a.branchId, a.day), a])).values()];
  if (unique.length === 0) return out;
  const rows = await tx.$queryRaw<
    { branchId: string; day: Date; kind: OrgUnitKind; hasCommittee: boolean | null; committeeReason: string | null; officials: number }[]
  >(Prisma.sql`
    SELECT q."branchId", q."day", u."kind", u."hasCommittee", u."committeeReason",
           (SELECT count(*)::int FROM "BranchMembership" bm
              JOIN "Member" m ON m."tenantId" = bm."tenantId" AND m."id" = bm."memberId"
             WHERE bm."tenantId" = u."tenantId" AND bm."branchId" = u."id"
               AND bm."validFrom" <= q."day" AND (bm."validTo" IS NULL OR bm."validTo" >= q."day")
               AND (m."endedOn" IS NULL OR m."endedOn" >= q."day")
               AND m."officialOn" IS NOT NULL AND m."officialOn" <= q."day") AS "officials"
    FROM unnest(${unique.map((a) => a.branchId)}::uuid[], ${unique.map((a) => isoDay(a.day))}::date[]) AS q("branchId", "day")
    JOIN "OrgUnit" u ON u."tenantId" = ${tenantId}::uuid AND u."id" = q."branchId"`);
  for (const row of rows) out.set(committeeKey(row.branchId, row.day), committeeFrom(row, row.officials));
  return out;
}

/** Does the branch have a chi ủy on the day (see the file's comment)? */
export async function hasCommitteeOn(tx: Tx, tenantId: string, branchId: string, day: Date): Promise<CommitteeOn> {
  const answer = (await hasCommitteeOnMany(tx, tenantId, [{ branchId, day }])).get(committeeKey(branchId, day));
  if (!answer) throw new Error(`hasCommitteeOn: unit ${branchId} not found`);
  return answer;
}
