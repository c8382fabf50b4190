// Periods of the roster (memberships, positions, exemptions) with inclusive last days. The calendar
// day arithmetic itself (isoDay, addDays, todayInVietnam, …) lives in lib/time/days.ts.

/** Whether a period with an inclusive last day (null = open) covers `day`. */
export function covers(period: { from: Date; to: Date | null }, day: Date): boolean {
  return period.from.getTime() <= day.getTime() && (period.to === null || period.to.getTime() >= day.getTime());
}

/** Whether two periods with inclusive last days (null = open) share at least one day. */
export function overlaps(a: { from: Date; to: Date | null }, b: { from: Date; to: Date | null }): boolean {
  const aEndsBeforeB = a.to !== null && a.to.getTime() < b.from.getTime();
  const bEndsBeforeA = b.to !== null && b.to.getTime() < a.from.getTime();
  return !aEndsBeforeB && !bEndsBeforeA;
}
