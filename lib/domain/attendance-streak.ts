// How a meeting the member was not due at treats a run of excused absences (the tenant setting
// attendance.streakNotDue; the counters in lib/meetings/rules/counters.ts apply it).
export const STREAK_NOT_DUE = ["SKIP", "COUNT", "BREAK"] as const;
export type StreakNotDue = (typeof STREAK_NOT_DUE)[number];
