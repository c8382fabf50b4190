// MeetingFacts: everything the AUTO rules and hard checks read about one meeting. The meetings module
// derives them from its records (attendance.ts, duration.ts, counters.ts, documents, tasks…); the
// engine never looks anything up itself. SPEC §11's fact rows are the checklist. No zod here (the
// engine also runs in the browser): schemas.ts checks facts on the server (meetingFactsSchema, checkFacts).
import type { MeetingKind } from "@/lib/meetings/rules/types";
import type { SettingsSnapshot } from "@/lib/settings/resolve";
import { formatPercent, formatRatio, percentOf, ratio, type Ratio } from "@/lib/exact/ratio";
import type { FlagFact, MeasureId } from "./model";
import { formatDuration } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/fill";
import words from "@/lib/i18n/messages/vi/scoring-rules.json";

const wording = words.facts;

export type MeetingFacts = {
  kind: MeetingKind;
  hasThematicPart: boolean;
  /** R from requiredDuration(): 90, 120 (combined or D_att ≥ 30) or the committee's value. */
  requiredMinutes: number;
  /** actualEnd − actualStart, whole minutes. */
  actualMinutes: number;
  /** P */
  present: number;
  /** D_att (SPEC §4.1 item 1); P + excused + unexcused must equal it. */
  attendanceDenominator: number;
  absentExcused: number;
  absentUnexcused: number;
  /** Longest excused streak still open among the members at this meeting, this calendar year (counters.ts). */
  longestExcusedStreak: number;
  /** Distinct present members with at least one discussion entry; guests and the chair's report excluded. */
  speakers: number;
  ideologyMinutes: number;
  /** Minutes between posting the documents and the start (negative: posted after it); null: never posted. */
  documentsLeadMinutes: number | null;
  /** Minutes between the end and posting the final resolution; null: not posted. */
  finalDocumentsDelayMinutes: number | null;
  /** The branch has a chi ủy (≥ 9 official members). */
  hasCommittee: boolean;
  preMeetingHeld: boolean;
  preMeetingMinuted: boolean;
  noticeToAllMembers: boolean;
  noticeToOverseer: boolean;
  /**
   * Targets of the previous resolution due by now and how many were met; null when none was due.
   * `met` may be fractional to the hundredth: a PARTLY task at 60 % counts 0.6 (SPEC §5.3 R1).
   */
  previousTargets: { met: number; total: number } | null;
  draftResolutionExists: boolean;
  preparedBySecretaryOrDeputy: boolean;
  minutesComplete: boolean;
  /**
   * The tenant's settings in force on the meeting day that rubric rules read (`edgeFrom`), kept with
   * the facts so a scorecard never changes when a setting changes later. Absent: the rubric's own edges.
   */
  readings?:
    | {
        /** meeting.docsLeadHours: documents due this many hours ahead (P5). */
        docsLeadHours?: number | undefined;
        /** meeting.postMeetingPostHours: final documents due within this many hours (K3). */
        postMeetingPostHours?: number | undefined;
        /** attendance.maxExcusedStreak: more consecutive excused absences than this violates (A2). */
        maxExcusedStreak?: number | undefined;
        /** attendance.minRatePercent: HD 12's H1, the rate must exceed it. */
        minRatePercent?: number | undefined;
        /** scoring.halfDurationFirst: the stricter T1 reading, "under half → 1" before the shortfall bands. */
        halfDurationFirst?: boolean | undefined;
      }
    | undefined;
};

/** The settings in force on the meeting day that the rubric reads (facts.readings). */
export function scoringReadings(settings: SettingsSnapshot): NonNullable<MeetingFacts["readings"]> {
  return {
    docsLeadHours: settings["meeting.docsLeadHours"],
    postMeetingPostHours: settings["meeting.postMeetingPostHours"],
    maxExcusedStreak: settings["attendance.maxExcusedStreak"],
    minRatePercent: settings["attendance.minRatePercent"],
    halfDurationFirst: settings["scoring.halfDurationFirst"],
  };
}

/** The value of a measure as an exact ratio (percentages already ×100), or null when the fact is absent. */
export function measureValue(measure: MeasureId, f: MeetingFacts): Ratio | null {
  switch (measure) {
    case "durationShortfallMinutes":
      return ratio(f.requiredMinutes - f.actualMinutes, 1);
    case "durationPercentOfRequired":
      return percentOf(f.actualMinutes, f.requiredMinutes);
    case "actualMinutes":
      return ratio(f.actualMinutes, 1);
    case "attendancePercent":
      return percentOf(f.present, f.attendanceDenominator);
    case "unexcusedAbsences":
      return ratio(f.absentUnexcused, 1);
    case "longestExcusedStreak":
      return ratio(f.longestExcusedStreak, 1);
    case "speakersPercent":
      // Nobody present means nobody spoke: 0 %, not a division by zero.
      return f.present === 0 ? ratio(0, 1) : percentOf(f.speakers, f.present);
    case "ideologyMinutes":
      return ratio(f.ideologyMinutes, 1);
    case "documentsLeadHours":
      return f.documentsLeadMinutes === null ? null : ratio(f.documentsLeadMinutes, 60);
    case "finalDocumentsDelayHours":
      return f.finalDocumentsDelayMinutes === null ? null : ratio(f.finalDocumentsDelayMinutes, 60);
    case "targetsMetPercent":
      return f.previousTargets === null ? null : targetsPercent(f.previousTargets);
  }
}

/** A phrase (scoringRules.facts) stating the measured fact, to which the engine appends "→ n điểm". */
export function describeMeasure(measure: MeasureId, f: MeetingFacts): string {
  switch (measure) {
    case "durationShortfallMinutes": {
      const s = f.requiredMinutes - f.actualMinutes;
      const base = fill(wording.duration, { actual: f.actualMinutes, required: f.requiredMinutes });
      return s > 0 ? fill(wording.durationShort, { base, minutes: s }) : fill(wording.durationEnough, { base });
    }
    case "durationPercentOfRequired":
      return fill(wording.durationPercent, { actual: f.actualMinutes, required: f.requiredMinutes, percent: formatPercent(percentOf(f.actualMinutes, f.requiredMinutes)) });
    case "actualMinutes":
      return fill(wording.durationActual, { minutes: f.actualMinutes });
    case "attendancePercent":
      return fill(wording.attendance, { present: f.present, denominator: f.attendanceDenominator, percent: formatPercent(percentOf(f.present, f.attendanceDenominator)) });
    case "unexcusedAbsences":
      return f.absentUnexcused === 0
        ? wording.noUnexcused
        : fill(wording.unexcused, { count: f.absentUnexcused });
    case "longestExcusedStreak":
      return f.longestExcusedStreak === 0
        ? wording.noExcusedStreak
        : fill(wording.excusedStreak, { count: f.longestExcusedStreak });
    case "speakersPercent":
      return f.present === 0
        ? wording.nobodyPresent
        : fill(wording.speakers, { speakers: f.speakers, present: f.present, percent: formatPercent(percentOf(f.speakers, f.present)) });
    case "ideologyMinutes":
      return fill(wording.ideology, { minutes: f.ideologyMinutes });
    case "documentsLeadHours":
      if (f.documentsLeadMinutes === null) return wording.documentsNotPosted;
      return f.documentsLeadMinutes >= 0
        ? fill(wording.documentsBefore, { lead: formatDuration(f.documentsLeadMinutes) })
        : fill(wording.documentsAfter, { lead: formatDuration(f.documentsLeadMinutes) });
    case "finalDocumentsDelayHours":
      return f.finalDocumentsDelayMinutes === null
        ? wording.finalNotPosted
        : fill(wording.finalAfter, { delay: formatDuration(f.finalDocumentsDelayMinutes) });
    case "targetsMetPercent":
      return f.previousTargets === null
        ? wording.noPreviousTargets
        : fill(wording.previousTargets, { met: formatRatio(ratio(Math.round(f.previousTargets.met * 100), 100), 2).replace(/,?0+$/, ""), total: f.previousTargets.total, percent: formatPercent(targetsPercent(f.previousTargets)) });
  }
}

/** met / total as an exact percentage; met is counted in hundredths so 0.6 stays exact. */
function targetsPercent(t: { met: number; total: number }): Ratio {
  return percentOf(Math.round(t.met * 100), t.total * 100);
}

export function flagValue(flag: FlagFact, f: MeetingFacts): boolean {
  switch (flag) {
    case "documentsPosted":
      return f.documentsLeadMinutes !== null;
    case "finalDocumentsPosted":
      return f.finalDocumentsDelayMinutes !== null;
    default:
      return f[flag];
  }
}

const FLAG_PHRASES: Record<FlagFact, { yes: string; no: string }> = words.facts.flags;

export function describeFlag(flag: FlagFact, value: boolean): string {
  return value ? FLAG_PHRASES[flag].yes : FLAG_PHRASES[flag].no;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
