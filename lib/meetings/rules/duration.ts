// Required and actual meeting duration (SPEC §3.4, §5.3 conventions). Thresholds are parameters
// because they will become tenant settings.
import type { MeetingKind, RuleResult } from "./types";
import { fill } from "@/lib/i18n/fill";
import catalog from "@/lib/i18n/messages/vi/meetings-rules.json";

const words = catalog.duration;

export interface DurationSettings {
  /** HD 42 minimum for a regular meeting. */
  defaultMinutes: number;
  /** HD 42 minimum for a combined (regular + thematic) meeting. */
  combinedMinutes: number;
  /** A branch this large (D_att, SPEC §4.1 item 4) needs `largeBranchMinutes` (An Phú rubric). */
  largeBranchSize: number;
  largeBranchMinutes: number;
}

export const DEFAULT_DURATION_SETTINGS: DurationSettings = {
  defaultMinutes: 90,
  combinedMinutes: 120,
  largeBranchSize: 30,
  largeBranchMinutes: 120,
};

export type DurationReason = "OVERRIDE" | "COMBINED" | "LARGE_BRANCH" | "DEFAULT";

export interface RequiredDuration {
  minutes: number;
  reason: DurationReason;
  /** Vietnamese explanation, e.g. "120 phút (chi bộ có 32 đảng viên phải dự, từ 30 trở lên)". */
  explanation: string;
}

export interface RequiredDurationInput {
  kind: MeetingKind;
  /** D_att of the meeting. */
  attendanceDenominator: number;
  /** Minimum set by the superior committee for a small branch; when present it wins. */
  committeeOverrideMinutes?: number | null;
}

/** R = override ?? (120 if COMBINED or D_att ≥ 30, else 90). */
export function requiredDuration(
  input: RequiredDurationInput,
  settings: DurationSettings = DEFAULT_DURATION_SETTINGS,
): RequiredDuration {
  const override = input.committeeOverrideMinutes;
  if (override !== undefined && override !== null) {
    return { minutes: override, reason: "OVERRIDE", explanation: fill(words.override, { minutes: override }) };
  }
  const combined = input.kind === "COMBINED" ? settings.combinedMinutes : 0;
  const large = input.attendanceDenominator >= settings.largeBranchSize ? settings.largeBranchMinutes : 0;
  if (combined >= large && combined > settings.defaultMinutes) {
    return { minutes: combined, reason: "COMBINED", explanation: fill(words.combined, { minutes: combined }) };
  }
  if (large > settings.defaultMinutes) {
    return {
      minutes: large,
      reason: "LARGE_BRANCH",
      explanation: fill(words.large, { minutes: large, denominator: input.attendanceDenominator, size: settings.largeBranchSize }),
    };
  }
  return { minutes: settings.defaultMinutes, reason: "DEFAULT", explanation: fill(words.default, { minutes: settings.defaultMinutes }) };
}

/** actualEnd − actualStart in whole minutes (seconds are dropped: a meeting is timed to the minute). */
export function durationMinutes(actualStart: Date, actualEnd: Date): RuleResult<number> {
  const start = actualStart.getTime();
  const end = actualEnd.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) {
    return { ok: false, errors: [{ code: "INVALID_TIME", message: words.invalidTime }] };
  }
  if (end < start) {
    return { ok: false, errors: [{ code: "END_BEFORE_START", message: words.endBeforeStart }] };
  }
  return { ok: true, value: Math.floor((end - start) / 60_000) };
}
