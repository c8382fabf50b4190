// Quorum (SPEC §4.2): none is confirmed for monthly meetings, so the tenant setting
// meeting.quorumRatio decides, null (no quorum) by default. When set, a meeting may be confirmed held
// only if the members present reach that share of D_att (members not marked yet count as absent).

export interface Quorum {
  met: boolean;
  /** The fewest members present that reach the ratio: ⌈ratio × D_att⌉. */
  needed: number;
  present: number;
  denominator: number;
}

/** Null when there is no quorum to check (no ratio, or nobody due). */
export function quorum(present: number, denominator: number, ratio: number | null): Quorum | null {
  if (ratio === null || denominator <= 0) return null;
  // A ratio of 2/3 typed as 0.6667 must not demand one member more than 2/3 does (6 × 0.6667 =
  // 4.0002 → 4): a typed ratio is off by < 0.00005, i.e. < 0.02 members for branches up to 400.
  const needed = Math.ceil(ratio * denominator - 0.02);
  return { met: present >= needed, needed, present, denominator };
}
