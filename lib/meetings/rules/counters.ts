// Per-member counters over a calendar year (SPEC §4.2):
// - excused streak: consecutive REGULAR/COMBINED meetings marked ABSENT_EXCUSED; PRESENT resets;
//   counted per calendar year; more than 3 (i.e. ≥ 4) violates HD 12 / A2 / H3;
// - Charter Art. 8.1 three-month rule: distinct months with ABSENT_UNEXCUSED; warn at 2, flag at 3.
import {
  MONTHLY_MEETING_KINDS,
  monthOf,
  yearOf,
  type AttendanceMark,
  type IsoDate,
  type MeetingKind,
} from "./types";
import type { StreakNotDue } from "@/lib/domain/attendance-streak";
import { fill } from "@/lib/i18n/fill";
import catalog from "@/lib/i18n/messages/vi/meetings-rules.json";

/** One meeting of the member's branch and how the member was marked there. */
export interface MemberMeetingRecord {
  date: IsoDate;
  kind: MeetingKind;
  mark: AttendanceMark;
  /**
   * Where the mark was taken: the counters follow the member across transfers, temporary
   * attachments and merges, so a count can come from another branch than the one asking.
   */
  meetingId?: string;
  branchName?: string;
}

/**
 * How a meeting the member was not due at (SPECIAL_DUTY, EXEMPT, ELSEWHERE) treats an excused run:
 * COUNT extends it as if excused, BREAK ends it as PRESENT does, SKIP leaves it as it was. SPEC §4.2
 * does not say (§10.7); the tenant setting attendance.streakNotDue chooses, SKIP by default.
 */

export interface StreakSettings {
  /** The most consecutive excused absences allowed; one more violates. HD 12: 3. */
  maxConsecutiveExcused: number;
  /** Which meetings form the sequence. */
  kinds: readonly MeetingKind[];
  /** SPECIAL_DUTY, EXEMPT and ELSEWHERE marks: count, break or skip (default SKIP). */
  notDue?: StreakNotDue;
}

export const DEFAULT_STREAK_SETTINGS: StreakSettings = {
  maxConsecutiveExcused: 3,
  kinds: MONTHLY_MEETING_KINDS,
  notDue: "SKIP",
};

const NOT_DUE_MARKS: readonly AttendanceMark[] = ["SPECIAL_DUTY", "EXEMPT", "ELSEWHERE"];

export interface ExcusedStreak {
  /** The run still open at `asOf` (or at the member's last meeting of the year). */
  current: number;
  /** The meetings of the open run, oldest first (where each absence was recorded). */
  currentRun: MemberMeetingRecord[];
  /** The meetings of the longest run, oldest first. */
  longestRun: MemberMeetingRecord[];
  /** The longest run in the year up to `asOf`. */
  longest: number;
  currentViolates: boolean;
  longestViolates: boolean;
}

function inYearUpTo(records: readonly MemberMeetingRecord[], year: number, asOf?: IsoDate): MemberMeetingRecord[] {
  return records
    .filter((r) => yearOf(r.date) === year && (asOf === undefined || r.date <= asOf))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The member's excused streak within `year`, up to and including `asOf`. An unexcused absence also
 * ends the run (it is a different breach, counted by the three-month rule); EXEMPT, ELSEWHERE and
 * SPECIAL_DUTY meetings follow `settings.notDue` (SKIP by default: not the member's to attend, they
 * neither extend nor break it; SPEC §10.7 leaves it open).
 */
export function excusedStreak(
  records: readonly MemberMeetingRecord[],
  year: number,
  asOf?: IsoDate,
  settings: StreakSettings = DEFAULT_STREAK_SETTINGS,
): ExcusedStreak {
  let run: MemberMeetingRecord[] = [];
  let longestRun: MemberMeetingRecord[] = [];
  for (const record of inYearUpTo(records, year, asOf)) {
    if (!settings.kinds.includes(record.kind)) continue;
    const notDue = NOT_DUE_MARKS.includes(record.mark) ? (settings.notDue ?? "SKIP") : null;
    if (notDue === "SKIP") continue;
    if (record.mark === "ABSENT_EXCUSED" || notDue === "COUNT") {
      run = [...run, record];
      if (run.length > longestRun.length) longestRun = run;
    } else if (record.mark === "PRESENT" || record.mark === "ABSENT_UNEXCUSED" || notDue === "BREAK") {
      run = [];
    }
  }
  const current = run.length;
  const longest = longestRun.length;
  return {
    current,
    currentRun: run,
    longestRun,
    longest,
    currentViolates: current > settings.maxConsecutiveExcused,
    longestViolates: longest > settings.maxConsecutiveExcused,
  };
}

export interface BranchStreaks {
  /** The longest run still open among members: the "longest streak" fact of a meeting. */
  longestCurrent: number;
  /** The longest run anyone had in the year so far, open or closed. */
  longestThisYear: number;
  /** Members whose open run exceeds the limit. */
  violatingMembers: string[];
}

/** Branch-level streaks from every member's history (keyed by member id). */
export function branchExcusedStreaks(
  histories: Readonly<Record<string, readonly MemberMeetingRecord[]>>,
  year: number,
  asOf?: IsoDate,
  settings: StreakSettings = DEFAULT_STREAK_SETTINGS,
): BranchStreaks {
  let longestCurrent = 0;
  let longestThisYear = 0;
  const violatingMembers: string[] = [];
  for (const [memberId, records] of Object.entries(histories)) {
    const streak = excusedStreak(records, year, asOf, settings);
    longestCurrent = Math.max(longestCurrent, streak.current);
    longestThisYear = Math.max(longestThisYear, streak.longest);
    if (streak.currentViolates) violatingMembers.push(memberId);
  }
  return { longestCurrent, longestThisYear, violatingMembers: violatingMembers.sort() };
}

export interface UnexcusedMonthSettings {
  warnAt: number;
  flagAt: number;
  /** Which meetings count; the Charter speaks of party meetings in general, so all kinds by default. */
  kinds: readonly MeetingKind[];
}

export const DEFAULT_UNEXCUSED_MONTH_SETTINGS: UnexcusedMonthSettings = {
  warnAt: 2,
  flagAt: 3,
  kinds: ["REGULAR", "THEMATIC", "COMBINED", "EXTRAORDINARY", "REVIEW"],
};

export type UnexcusedMonthStatus = "OK" | "WARN" | "FLAG";

export interface UnexcusedMonths {
  /** Distinct months (1–12) with at least one unexcused absence, ascending. */
  months: number[];
  count: number;
  /** The unexcused absences counted, oldest first, with the branch and meeting of each. */
  sources: MemberMeetingRecord[];
  status: UnexcusedMonthStatus;
  /** Vietnamese explanation for the member's record. */
  explanation: string;
}

/**
 * Charter Art. 8.1: distinct months in `year` (up to `asOf`) with an unexcused absence. Months need
 * not be consecutive (SPEC §10.7: unconfirmed, so we take the stricter cumulative reading).
 */
export function unexcusedMonths(
  records: readonly MemberMeetingRecord[],
  year: number,
  asOf?: IsoDate,
  settings: UnexcusedMonthSettings = DEFAULT_UNEXCUSED_MONTH_SETTINGS,
): UnexcusedMonths {
  const months = new Set<number>();
  const sources: MemberMeetingRecord[] = [];
  for (const record of inYearUpTo(records, year, asOf)) {
    if (record.mark === "ABSENT_UNEXCUSED" && settings.kinds.includes(record.kind)) {
      months.add(monthOf(record.date));
      sources.push(record);
    }
  }
  const list = [...months].sort((a, b) => a - b);
  const count = list.length;
  const status: UnexcusedMonthStatus = count >= settings.flagAt ? "FLAG" : count >= settings.warnAt ? "WARN" : "OK";
  const words = catalog.counters;
  const named = list.map((month) => fill(words.month, { month })).join(", ");
  const explanation = fill(status === "FLAG" ? words.flag : status === "WARN" ? words.warn : count === 1 ? words.one : words.none, { count, year, months: named });
  return { months: list, count, sources, status, explanation };
}
