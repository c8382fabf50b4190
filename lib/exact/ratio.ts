// Exact arithmetic for scoring. Points are multiples of 0.1 (rubrics use 0.5 steps) and are held as
// integer tenths; ratios (attendance, speakers, targets met) are integer fractions compared by
// cross-multiplication. No float ever decides a band or a level: 89.5 stays below 90.
import { fill } from "@/lib/i18n/fill";
// The words alone: the score editor runs this module in the browser.
import words from "@/lib/i18n/messages/vi/format.json";

/** Points in integer tenths: 4.5 points = 45. */
export type Tenths = number;

const POINTS_TEXT = /^\d+(?:[.,]\d)?$/;
const DECIMAL_TEXT = /^-?\d+(?:\.\d{1,4})?$/;

function decimalText(value: number | string): string | null {
  if (typeof value === "number") {
    // String() of a finite number below 1e21 is its shortest round-trip decimal: 4.5 → "4.5",
    // 0.1 + 0.2 → "0.30000000000000004" (rejected, as it should be).
    if (!Number.isFinite(value)) return null;
    return String(value);
  }
  // Marks arrive from forms and JSON: anything that is not a number or a string is simply invalid.
  return typeof value === "string" ? value.trim() : null;
}

export const Points = {
  /** "4,5" | "4.5" | 4.5 → 45; null when not a non-negative number with at most one decimal. */
  parse(value: number | string): Tenths | null {
    const text = decimalText(value);
    if (text === null || !POINTS_TEXT.test(text)) return null;
    const [whole = "0", fraction = "0"] = text.split(/[.,]/);
    const tenths = Number(whole) * 10 + Number(fraction);
    return Number.isSafeInteger(tenths) ? tenths : null;
  },

  /** 45 → "4,5" (vi) or "4.5" (json); whole numbers have no decimal part: 40 → "4". */
  format(tenths: Tenths, style: "vi" | "json" = "vi"): string {
    const sign = tenths < 0 ? "-" : "";
    const abs = Math.abs(tenths);
    const whole = Math.floor(abs / 10);
    const fraction = abs % 10;
    if (fraction === 0) return `${sign}${whole}`;
    return `${sign}${whole}${style === "vi" ? "," : "."}${fraction}`;
  },

  /** 45 → 4.5, for JSON output and display only (never for comparisons). */
  toNumber(tenths: Tenths): number {
    return tenths / 10;
  },
} as const;

/** A non-negative-denominator fraction of integers. */
export interface Ratio {
  num: number;
  den: number;
}

export function ratio(num: number, den: number): Ratio {
  if (!Number.isInteger(num) || !Number.isInteger(den) || den <= 0) {
    throw new RangeError(fill(words.invalidRatio, { num, den }));
  }
  return { num, den };
}

/** −1, 0 or 1 as a < b, a = b, a > b; exact for the integer sizes we meet (well below 2^53). */
export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * A decimal written in data (band edges such as 50, 33.33 or −30) as an exact ratio.
 * Null when it has more than four decimals or is not finite.
 */
export function ratioFromDecimal(value: number | string): Ratio | null {
  const text = decimalText(value);
  if (text === null || !DECIMAL_TEXT.test(text)) return null;
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const den = 10 ** fraction.length;
  const num = Number(whole) * den + (fraction ? Number(fraction) : 0);
  return { num: negative ? -num : num, den };
}

/** num/den as a percentage, itself a ratio: 20/22 → 2000/22 (%). */
export function percentOf(num: number, den: number): Ratio {
  return ratio(num * 100, den);
}

/**
 * Rounds a ratio half away from zero to `decimals` places and writes it: 2000/22 with 1 decimal →
 * "90,9" (vi) or "90.9" (json). Integer arithmetic only.
 */
export function formatRatio(value: Ratio, decimals = 1, style: "vi" | "json" = "vi"): string {
  const scale = 10 ** decimals;
  const negative = value.num < 0;
  const abs = Math.abs(value.num);
  const scaled = Math.floor((2 * abs * scale + value.den) / (2 * value.den));
  const whole = Math.floor(scaled / scale);
  const fraction = String(scaled % scale).padStart(decimals, "0");
  const sign = negative && scaled !== 0 ? "-" : "";
  if (decimals === 0) return `${sign}${whole}`;
  return `${sign}${whole}${style === "vi" ? "," : "."}${fraction}`;
}

/** "90,9 %": a percentage ratio (already ×100) as shown in Vietnamese evidence. */
export function formatPercent(value: Ratio, decimals = 1): string {
  return `${formatRatio(value, decimals, "vi")} %`;
}
