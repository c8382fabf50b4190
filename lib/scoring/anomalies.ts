// Flags that tell a reviewer where to look twice at a scorecard (issue 5): a Tốt proposal despite a
// failed level condition, a short meeting, no minutes, an overseer who moved the score a lot, and a
// branch that gives itself the very same score month after month. Pure: the caller gathers the
// figures; thresholds come from the tenant settings scoring.anomalyAdjustPoints and
// scoring.anomalyIdenticalMonths.
import { Points, type Tenths } from "@/lib/exact/ratio";
import { scoringMessages } from "./messages";
import { fill } from "@/lib/i18n/fill";
import type { Level } from "@/lib/domain/levels";

export const ANOMALY_CODES = [
  "GOOD_WITH_FAILED_CONDITION",
  "SHORT_DURATION",
  "NO_MINUTES",
  "OVERSEER_ADJUSTED",
  "IDENTICAL_MONTHS",
] as const;
export type AnomalyCode = (typeof ANOMALY_CODES)[number];

export interface AnomalyFlag {
  code: AnomalyCode;
  /** Vietnamese, for the reviewer. */
  message: string;
}

/** What the flags read about one scorecard; every figure may be missing while the card is young. */
export interface AnomalyCard {
  /** The level the branch proposed (Scorecard.selfLevel). */
  selfLevel: Level | null;
  /** The self ScoreResult's level conditions (ScoreResult.conditions fits); only those not held count. */
  selfConditions: readonly { code: string; name: string; held: boolean }[];
  /** facts.actualMinutes and facts.requiredMinutes; null when the meeting has no times yet. */
  actualMinutes: number | null;
  requiredMinutes: number | null;
  /** The meeting has minutes (biên bản). */
  minutesPresent: boolean;
  selfTotalTenths: Tenths | null;
  overseerTotalTenths: Tenths | null;
  /** When the reviewer has decided: it is then this card's effective total. */
  finalTotalTenths?: Tenths | null;
}

export interface AnomalyContext {
  /** Effective totals (final, else overseer, else self) of the branch's other scored months of the year. */
  otherMonthTotalsTenths: readonly Tenths[];
}

export interface AnomalyOptions {
  /** An overseer change strictly above this many points is flagged (default 10; 10 itself is not). */
  adjustPoints?: number;
  /** At least this many scored months, this card's included, all with one total (default 3). */
  identicalMonths?: number;
}

export const DEFAULT_ANOMALY_OPTIONS = { adjustPoints: 10, identicalMonths: 3 } as const;

const text = scoringMessages.anomalies;
const points = (tenths: Tenths) => Points.format(tenths, "vi");

export function anomalyFlags(card: AnomalyCard, context: AnomalyContext, options: AnomalyOptions = {}): AnomalyFlag[] {
  const adjustPoints = options.adjustPoints ?? DEFAULT_ANOMALY_OPTIONS.adjustPoints;
  const identicalMonths = options.identicalMonths ?? DEFAULT_ANOMALY_OPTIONS.identicalMonths;
  const flags: AnomalyFlag[] = [];

  const failed = card.selfConditions.filter((c) => !c.held);
  if (card.selfLevel === "GOOD" && failed.length > 0) {
    flags.push({
      code: "GOOD_WITH_FAILED_CONDITION",
      message: fill(text.goodWithFailedCondition, { conditions: failed.map((c) => `${c.code} (${c.name})`).join(", ") }),
    });
  }

  if (card.actualMinutes !== null && card.requiredMinutes !== null && card.actualMinutes < card.requiredMinutes) {
    flags.push({ code: "SHORT_DURATION", message: fill(text.shortDuration, { actual: card.actualMinutes, required: card.requiredMinutes }) });
  }

  if (!card.minutesPresent) flags.push({ code: "NO_MINUTES", message: text.noMinutes });

  if (card.selfTotalTenths !== null && card.overseerTotalTenths !== null) {
    const change = Math.abs(card.overseerTotalTenths - card.selfTotalTenths);
    // Totals are whole tenths; the threshold is compared in tenths too, so 10 vs 10,5 is exact.
    const thresholdTenths = Math.round(adjustPoints * 10);
    if (change > thresholdTenths) {
      flags.push({
        code: "OVERSEER_ADJUSTED",
        message: fill(text.overseerAdjusted, {
          points: points(change),
          threshold: points(thresholdTenths),
          self: points(card.selfTotalTenths),
          overseer: points(card.overseerTotalTenths),
        }),
      });
    }
  }

  const own = card.finalTotalTenths ?? card.overseerTotalTenths ?? card.selfTotalTenths;
  if (own !== null) {
    const months = [own, ...context.otherMonthTotalsTenths];
    if (months.length >= identicalMonths && months.every((t) => t === own)) {
      flags.push({ code: "IDENTICAL_MONTHS", message: fill(text.identicalMonths, { count: months.length, total: points(own) }) });
    }
  }
  return flags;
}
