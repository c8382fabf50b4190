// The cap on "hoàn thành xuất sắc" (SPEC §7, unconfirmed: setting classification.excellentCap,
// default 20 % of those rated "hoàn thành tốt", counted with the excellent ones). It is counted
// where the decision is made: among the subjects of one kind (organisations, or members) that the
// same deciding unit classifies for the same period, each at its decided level, or — while
// undecided — at the level last proposed for it (appraisal, else the branch, else the subject), so
// the deciding level sees the outcome its decisions lead to whatever order it takes them in.
import type { Tx } from "@/lib/db/tenant";
import { compareRatio, ratioFromDecimal } from "@/lib/exact/ratio";
import type { SettingValue } from "@/lib/settings/registry";
import type { ClassificationLevel } from "./model";

export type CapSetting = SettingValue<"classification.excellentCap">;

export interface CapStatus {
  percent: number;
  base: CapSetting["base"];
  excellent: number;
  /** Those the percentage is taken of. */
  baseCount: number;
  /** The most that may be excellent. */
  allowed: number;
  /** How many above the cap (0 when within). */
  over: number;
}

/** allowed = ⌊percent × base ÷ 100⌋, exactly (the percentage may have decimals). */
export function capStatus(counts: { excellent: number; good: number }, setting: CapSetting): CapStatus {
  const baseCount = setting.base === "GOOD_OR_BETTER" ? counts.excellent + counts.good : counts.good;
  const pct = ratioFromDecimal(setting.percent) ?? { num: 0, den: 1 };
  let allowed = Math.floor((pct.num * baseCount) / (pct.den * 100));
  // Guard the floor against the ratio's own rounding: allowed × 100 ≤ percent × base must hold.
  while (allowed > 0 && compareRatio({ num: allowed * 100, den: 1 }, { num: pct.num * baseCount, den: pct.den }) > 0) allowed -= 1;
  return { percent: setting.percent, base: setting.base, excellent: counts.excellent, baseCount, allowed, over: Math.max(0, counts.excellent - allowed) };
}

export interface CapMember {
  id: string;
  name: string;
  level: ClassificationLevel;
  decided: boolean;
}

/** The cases counted together with `caseId` (same deciding unit, kind of subject and period). */
export async function capGroup(
  tx: Tx,
  tenantId: string,
  group: { decidingUnitId: string; collective: boolean; periodKind: "YEAR" | "QUARTER" | "TERM"; periodStart: Date },
): Promise<CapMember[]> {
  const rows = await tx.classification.findMany({
    where: {
      tenantId,
      decidingUnitId: group.decidingUnitId,
      periodKind: group.periodKind,
      periodStart: group.periodStart,
      subject: group.collective ? "COLLECTIVE" : { in: ["MEMBER", "MEMBER_LEADER"] },
      state: { not: "DRAFT" },
    },
    select: {
      id: true,
      state: true,
      selfLevel: true,
      reviewLevel: true,
      appraisalLevel: true,
      decisionLevel: true,
      unit: { select: { name: true } },
      member: { select: { fullName: true } },
    },
  });
  return rows.flatMap((r) => {
    const level = r.state === "DECIDED" ? r.decisionLevel : (r.appraisalLevel ?? r.reviewLevel ?? r.selfLevel);
    return level ? [{ id: r.id, name: r.member?.fullName ?? r.unit.name, level, decided: r.state === "DECIDED" }] : [];
  });
}

/** Counts a group with one case's level replaced (the decision being made). */
export function countWith(members: readonly CapMember[], change?: { id: string; level: ClassificationLevel }): { excellent: number; good: number } {
  let excellent = 0;
  let good = 0;
  let seen = false;
  for (const m of members) {
    const replaced = change !== undefined && m.id === change.id;
    if (replaced) seen = true;
    const level = replaced ? change.level : m.level;
    if (level === "EXCELLENT") excellent += 1;
    else if (level === "GOOD") good += 1;
  }
  if (change && !seen) {
    if (change.level === "EXCELLENT") excellent += 1;
    else if (change.level === "GOOD") good += 1;
  }
  return { excellent, good };
}
