// Pure rules of the meeting record that lib/meetings/rules does not cover: the share of the
// previous resolution's targets met (→ R1), the speakers' share (→ C5), the resolution number
// suggestion and the percent a task result carries. No I/O: the pages run them too.
import { resolveAttendance, summarizeAttendance, type AttendanceSummary } from "@/lib/meetings/rules/attendance";
import {
  DEFAULT_STREAK_SETTINGS,
  DEFAULT_UNEXCUSED_MONTH_SETTINGS,
  excusedStreak,
  unexcusedMonths,
  type ExcusedStreak,
  type MemberMeetingRecord,
  type UnexcusedMonths,
} from "@/lib/meetings/rules/counters";
import { yearOf, type AttendanceEntry, type IsoDate, type MeetingKind, type RollEntry, type RuleError } from "@/lib/meetings/rules/types";
import { percentOf, type Ratio } from "@/lib/exact/ratio";
import type { SettingsSnapshot } from "@/lib/settings/resolve";
import type { StreakNotDue } from "@/lib/domain/attendance-streak";

// ─── Attendance while it is being taken ─────────────────────────────────────────────────────────

export interface AttendanceFigures {
  /** Every summoned member has a mark (the rules accept the sheet as a whole). */
  complete: boolean;
  /** Summoned members without a mark yet. */
  unmarked: string[];
  /** Marks the rules refuse (e.g. an absence marked for an exempt member), other than missing ones. */
  errors: RuleError[];
  /** P, counts and D_att over the members marked so far (and those whose status needs no mark). */
  summary: AttendanceSummary;
  /** D_att counting the unmarked members too: they are due until marked otherwise. */
  denominator: number;
  /** P / denominator as a percentage ratio (×100); null when nobody is due. */
  ratePercent: Ratio | null;
}

/**
 * The attendance figures of a sheet being filled in, from the pure rules: the members not marked
 * yet are left out of the summary but kept in D_att, so the rate never looks better than it is.
 */
export function attendanceFigures(roll: readonly RollEntry[], marks: readonly AttendanceEntry[]): AttendanceFigures {
  const first = resolveAttendance(roll, marks);
  if (first.ok) {
    const summary = summarizeAttendance(first.value);
    return {
      complete: true,
      unmarked: [],
      errors: [],
      summary,
      denominator: summary.denominator,
      ratePercent: summary.denominator > 0 ? percentOf(summary.present, summary.denominator) : null,
    };
  }
  const unmarked = first.errors.filter((e) => e.code === "MISSING_MARK" && e.memberId).map((e) => e.memberId!);
  const errors = first.errors.filter((e) => e.code !== "MISSING_MARK");
  const excluded = new Set(first.errors.map((e) => e.memberId).filter((id): id is string => Boolean(id)));
  const rollIds = new Set(roll.map((m) => m.memberId));
  const second = resolveAttendance(
    roll.filter((m) => !excluded.has(m.memberId)),
    marks.filter((m) => rollIds.has(m.memberId) && !excluded.has(m.memberId)),
  );
  const summary = summarizeAttendance(second.ok ? second.value : []);
  const denominator = summary.denominator + unmarked.length;
  return {
    complete: false,
    unmarked,
    errors,
    summary,
    denominator,
    ratePercent: denominator > 0 ? percentOf(summary.present, denominator) : null,
  };
}

// ─── Year counters of one member ────────────────────────────────────────────────────────────────

export interface CounterThresholds {
  /** More than this many consecutive excused absences violates (HD 12: 3). */
  maxExcusedStreak: number;
  /** attendance.streakNotDue: SPECIAL_DUTY, EXEMPT and ELSEWHERE in an excused run (default SKIP). */
  streakNotDue?: StreakNotDue;
  unexcusedMonthsWarn: number;
  unexcusedMonthsFlag: number;
}

export interface MemberCounters {
  streak: ExcusedStreak;
  months: UnexcusedMonths;
}

/**
 * A member's excused streak and unexcused months this calendar year, up to this meeting: their
 * marks at the branch's earlier meetings of the year plus the mark at this one (if any).
 */
export function memberCounters(
  history: readonly MemberMeetingRecord[],
  current: { date: IsoDate; kind: MeetingKind; mark: MemberMeetingRecord["mark"] | null; meetingId?: string; branchName?: string },
  thresholds: CounterThresholds,
): MemberCounters {
  const records: MemberMeetingRecord[] = current.mark
    ? [...history, { date: current.date, kind: current.kind, mark: current.mark, meetingId: current.meetingId, branchName: current.branchName }]
    : [...history];
  const year = yearOf(current.date);
  return {
    streak: excusedStreak(records, year, current.date, {
      ...DEFAULT_STREAK_SETTINGS,
      maxConsecutiveExcused: thresholds.maxExcusedStreak,
      notDue: thresholds.streakNotDue ?? "SKIP",
    }),
    months: unexcusedMonths(records, year, current.date, {
      ...DEFAULT_UNEXCUSED_MONTH_SETTINGS,
      warnAt: thresholds.unexcusedMonthsWarn,
      flagAt: thresholds.unexcusedMonthsFlag,
    }),
  };
}

/** The counters' thresholds from the tenant settings in force on the meeting day (one mapping for every page). */
export function counterThresholds(settings: SettingsSnapshot): CounterThresholds & { minRatePercent: number } {
  return {
    maxExcusedStreak: settings["attendance.maxExcusedStreak"],
    streakNotDue: settings["attendance.streakNotDue"],
    unexcusedMonthsWarn: settings["attendance.unexcusedMonthsWarn"],
    unexcusedMonthsFlag: settings["attendance.unexcusedMonthsFlag"],
    minRatePercent: settings["attendance.minRatePercent"],
  };
}

/** The first day attendance may be taken for a meeting on `day` (attendance.openDaysBefore). */
export function attendanceOpensOn(day: Date, settings: Pick<SettingsSnapshot, "attendance.openDaysBefore">): Date {
  return new Date(day.getTime() - settings["attendance.openDaysBefore"] * 86_400_000);
}

// ─── Tasks ──────────────────────────────────────────────────────────────────────────────────────

export type TaskResultValue = "DONE" | "PARTLY" | "NOT_DONE";

export interface TaskOutcome {
  /** null: due at this meeting but not evaluated yet. */
  result: TaskResultValue | null;
  /** 0–100; only read for PARTLY. */
  resultPercent: number | null;
}

export interface TargetsMet {
  /** Tasks due at this meeting (every one counts, evaluated or not). */
  due: number;
  evaluated: number;
  /** Not evaluated yet: they count as not met until someone records a result. */
  pending: number;
  done: number;
  partly: number;
  notDone: number;
  /** Targets met in hundredths of a target (DONE = 100, PARTLY = its %, NOT_DONE and pending = 0). */
  metHundredths: number;
  /** met / due as a percentage ratio (already ×100); null when nothing was due. */
  share: Ratio | null;
}

/**
 * The share of the previous resolution's targets met (SPEC §5.3 R1). Rule (our modelling choice,
 * as the issue asks): a task DONE counts 1, PARTLY counts its percentage (60 % → 0.6), NOT_DONE
 * counts 0, and a task due but not yet evaluated counts 0 (an unreported target is not a met one).
 * The share is met ÷ tasks due; with no task due it is null (R1 then takes its "no task due" default).
 */
export function targetsMet(tasks: readonly TaskOutcome[]): TargetsMet {
  let evaluated = 0;
  let done = 0;
  let partly = 0;
  let notDone = 0;
  let metHundredths = 0;
  for (const task of tasks) {
    if (task.result === null) continue;
    evaluated += 1;
    if (task.result === "DONE") {
      done += 1;
      metHundredths += 100;
    } else if (task.result === "PARTLY") {
      partly += 1;
      const percent = Math.min(100, Math.max(0, Math.round(task.resultPercent ?? 0)));
      metHundredths += percent;
    } else {
      notDone += 1;
    }
  }
  const due = tasks.length;
  return {
    due,
    evaluated,
    pending: due - evaluated,
    done,
    partly,
    notDone,
    metHundredths,
    // metHundredths / (100·due) as a percentage = metHundredths / due.
    share: due > 0 ? { num: metHundredths, den: due } : null,
  };
}

/** 850 hundredths → "8,5" targets, for "8,5/10 chỉ tiêu". */
export function formatTargets(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  if (rest === 0) return String(whole);
  return `${whole},${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

/**
 * The percent stored with a result: DONE is 100, NOT_DONE is 0, PARTLY needs 1–99 (0 would be
 * NOT_DONE and 100 DONE). Returns null when a PARTLY percent is missing or out of range.
 */
export function resultPercentFor(result: TaskResultValue, percent: number | null): number | null {
  if (result === "DONE") return 100;
  if (result === "NOT_DONE") return 0;
  if (percent === null || !Number.isInteger(percent) || percent < 1 || percent > 99) return null;
  return percent;
}

export interface SpeechEntry {
  memberId: string | null;
  isDiscussion: boolean;
}

export interface SpeakersShare {
  /** Distinct present members with at least one discussion entry. */
  speakers: number;
  /** P */
  present: number;
  /** speakers / P as a percentage ratio; null when nobody is present. */
  share: Ratio | null;
}

/**
 * SPEC §4.1 item 3: distinct present members with at least one discussion entry ÷ P. Guests (no
 * member), the chair's report (isDiscussion = false) and members not marked present do not count.
 */
export function speakersShare(speeches: readonly SpeechEntry[], presentMemberIds: ReadonlySet<string>): SpeakersShare {
  const speakers = new Set<string>();
  for (const speech of speeches) {
    if (speech.isDiscussion && speech.memberId && presentMemberIds.has(speech.memberId)) speakers.add(speech.memberId);
  }
  const present = presentMemberIds.size;
  return { speakers: speakers.size, present, share: present > 0 ? percentOf(speakers.size, present) : null };
}

const NUMBER_PATTERN = /^\s*(\d{1,4})\s*-\s*NQ\b/i;

/**
 * The next resolution number of a branch in a year: one more than the highest "<n>-NQ/…" already
 * used (numbers typed in another form are ignored), two digits at least: "05-NQ/CB".
 */
export function suggestResolutionNumber(usedNumbers: readonly (string | null)[], suffix = "NQ/CB"): string {
  let highest = 0;
  for (const number of usedNumbers) {
    const match = number ? NUMBER_PATTERN.exec(number) : null;
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${String(highest + 1).padStart(2, "0")}-${suffix}`;
}
