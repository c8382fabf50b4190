// HD 12 hard checks H1–H8 (SPEC §5.1). A rubric uses them as level conditions; their thresholds are
// parameters of the condition so a tenant can change them without code.
import { compareRatio, formatPercent, percentOf, ratioFromDecimal } from "@/lib/exact/ratio";
import type { MeetingFacts } from "./facts";
import type { HardCheckId } from "./model";
import { fill } from "@/lib/i18n/fill";
import words from "@/lib/i18n/messages/vi/scoring-rules.json";

const wording = words.hardChecks;

export const HARD_CHECK_NAMES: Record<HardCheckId, string> = wording.names;

/** Defaults of the parameters each check reads. */
export const HARD_CHECK_DEFAULTS = {
  H1: { ratePercent: 85 },
  H3: { maxConsecutive: 3 },
  H4: { minMinutes: 90 },
} as const;

export interface HardCheckOutcome {
  held: boolean;
  explanation: string;
}

function param(params: Readonly<Record<string, number>> | undefined, key: string, fallback: number): number {
  return params?.[key] ?? fallback;
}

export function evaluateHardCheck(
  check: HardCheckId,
  f: MeetingFacts,
  params?: Readonly<Record<string, number>>,
): HardCheckOutcome {
  switch (check) {
    case "H1": {
      // One source per threshold: the tenant's attendance.minRatePercent on the meeting day, when the
      // facts carry it, is the value the attendance page shows; else the condition's parameter.
      const threshold = f.readings?.minRatePercent ?? param(params, "ratePercent", HARD_CHECK_DEFAULTS.H1.ratePercent);
      const rate = percentOf(f.present, f.attendanceDenominator);
      // HD 12 says "trên 85%": strictly more than the threshold (E5: 86.36 % passes).
      const edge = ratioFromDecimal(threshold);
      const held = edge !== null && compareRatio(rate, edge) > 0;
      const shown = `${f.present}/${f.attendanceDenominator} = ${formatPercent(rate)}`;
      return { held, explanation: held ? fill(wording.rateAbove, { shown, threshold }) : fill(wording.rateNotAbove, { shown, threshold }) };
    }
    case "H2":
      return f.absentUnexcused === 0
        ? { held: true, explanation: wording.noUnexcused }
        : { held: false, explanation: fill(wording.unexcused, { count: f.absentUnexcused }) };
    case "H3": {
      const max = f.readings?.maxExcusedStreak ?? param(params, "maxConsecutive", HARD_CHECK_DEFAULTS.H3.maxConsecutive);
      const held = f.longestExcusedStreak <= max;
      return {
        held,
        explanation: held
          ? fill(wording.streakWithin, { streak: f.longestExcusedStreak, max })
          : fill(wording.streakOver, { streak: f.longestExcusedStreak, max }),
      };
    }
    case "H4": {
      const min = param(params, "minMinutes", HARD_CHECK_DEFAULTS.H4.minMinutes);
      const held = f.actualMinutes >= min;
      return {
        held,
        explanation: held ? fill(wording.durationEnough, { minutes: f.actualMinutes, min }) : fill(wording.durationShort, { minutes: f.actualMinutes, min }),
      };
    }
    case "H5":
      if (!f.hasCommittee) return { held: true, explanation: wording.noCommittee };
      return f.preMeetingHeld
        ? { held: true, explanation: wording.preMeetingHeld }
        : { held: false, explanation: wording.preMeetingNotHeld };
    case "H6":
      return f.draftResolutionExists
        ? { held: true, explanation: wording.draftExists }
        : { held: false, explanation: wording.draftMissing };
    case "H7":
      return f.minutesComplete
        ? { held: true, explanation: wording.minutesComplete }
        : { held: false, explanation: wording.minutesIncomplete };
    case "H8":
      return f.preparedBySecretaryOrDeputy
        ? { held: true, explanation: wording.preparedBySecretary }
        : { held: false, explanation: wording.notPreparedBySecretary };
  }
}
