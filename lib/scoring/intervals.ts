// Intervals with explicit edge flags, evaluated exactly. Bands, band overrides and measure domains
// are all intervals; an edge written in data (50, 33.33, −30) becomes a ratio before any comparison.
import { compareRatio, ratioFromDecimal, type Ratio } from "@/lib/exact/ratio";
import type { IntervalData, MeasureInfo } from "./model";
import words from "@/lib/i18n/messages/vi/scoring-rules.json";

export interface ExactInterval {
  min: Ratio | null;
  max: Ratio | null;
  minInclusive: boolean;
  maxInclusive: boolean;
}

/** Null when an edge is not a decimal with at most four places. */
export function toExact(interval: IntervalData): ExactInterval | null {
  const min = interval.min === null ? null : ratioFromDecimal(interval.min);
  const max = interval.max === null ? null : ratioFromDecimal(interval.max);
  if ((interval.min !== null && min === null) || (interval.max !== null && max === null)) return null;
  return {
    min,
    max,
    minInclusive: interval.min !== null && (interval.minInclusive ?? true),
    maxInclusive: interval.max !== null && (interval.maxInclusive ?? false),
  };
}

export function contains(interval: ExactInterval, value: Ratio): boolean {
  if (interval.min !== null) {
    const c = compareRatio(value, interval.min);
    if (c < 0 || (c === 0 && !interval.minInclusive)) return false;
  }
  if (interval.max !== null) {
    const c = compareRatio(value, interval.max);
    if (c > 0 || (c === 0 && !interval.maxInclusive)) return false;
  }
  return true;
}

export function isEmpty(interval: ExactInterval): boolean {
  if (interval.min === null || interval.max === null) return false;
  const c = compareRatio(interval.min, interval.max);
  return c > 0 || (c === 0 && !(interval.minInclusive && interval.maxInclusive));
}

/** Lower edges in ascending order: −∞ first; at equal values an inclusive edge starts earlier. */
export function compareLower(a: ExactInterval, b: ExactInterval): number {
  if (a.min === null || b.min === null) return (a.min === null ? 0 : 1) - (b.min === null ? 0 : 1);
  const c = compareRatio(a.min, b.min);
  if (c !== 0) return c;
  return (a.minInclusive ? 0 : 1) - (b.minInclusive ? 0 : 1);
}

/** Does `outer` contain every value of `inner`? */
export function covers(outer: ExactInterval, inner: ExactInterval): boolean {
  const lowOk =
    outer.min === null ||
    (inner.min !== null &&
      (compareRatio(inner.min, outer.min) > 0 || (compareRatio(inner.min, outer.min) === 0 && (outer.minInclusive || !inner.minInclusive))));
  const highOk =
    outer.max === null ||
    (inner.max !== null &&
      (compareRatio(inner.max, outer.max) < 0 || (compareRatio(inner.max, outer.max) === 0 && (outer.maxInclusive || !inner.maxInclusive))));
  return lowOk && highOk;
}

/**
 * "50 %", "30 phút", "24 giờ", "3"; decimals with a comma. `space` goes between the number and its
 * unit (a no-break space where a table cell must not wrap them apart).
 */
export function formatEdge(value: number, info: Pick<MeasureInfo, "unit">, space = " "): string {
  const text = String(value).replace(".", ",");
  return info.unit ? `${text}${space}${words.units[info.unit]}` : text;
}

/** "[40 %; 50 %]", "(30 phút; +∞)". */
export function formatInterval(interval: IntervalData, info: Pick<MeasureInfo, "unit">, space = " "): string {
  const open = interval.min === null ? "(−∞" : `${(interval.minInclusive ?? true) ? "[" : "("}${formatEdge(interval.min, info, space)}`;
  const close = interval.max === null ? "+∞)" : `${formatEdge(interval.max, info, space)}${(interval.maxInclusive ?? false) ? "]" : ")"}`;
  return `${open}; ${close}`;
}
