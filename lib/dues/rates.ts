// Đảng phí rates as versioned data (SPEC §0: every rule carries its rule set and effective dates; a
// month is read under the version in force on its first day). SPEC §7 gives QĐ 01-QĐ/TW (2026),
// which replaces QĐ 342-QĐ/BCT (2010), from a press summary (thanhnien.vn, 06/02/2026):
// the values below are SPEC's, nothing more. What SPEC leaves open stays open:
// - the date QĐ 01 takes effect is not in SPEC: 2026-01-01 is our placeholder (unconfirmed);
// - QĐ 342's own rates are not in SPEC, so its version carries no rows (the structure only);
// - "other groups, abroad" are unconfirmed (SPEC §10.12): a row without a value, to configure.
// The application keeps who paid which month (DuesMonth), never amounts: the rates are shown to the
// secretary as a reference on the dues page.

import messages from "@/lib/i18n/messages";

/** The regulations' names, as the dues page cites them. */
const documents = messages.dues.rates.documents;

export type DuesRateBasis = "BHXH_SALARY" | "SICK_MATERNITY_BENEFIT" | "PENSION" | "STUDENT" | "OTHER";

export interface DuesRate {
  basis: DuesRateBasis;
  /** A share of the basis, in percent (1 = 1 %), or null. */
  percent: number | null;
  /** A fixed monthly amount in đồng, or null. */
  fixedDong: number | null;
}

export interface DuesRateVersion {
  ruleSet: string;
  document: string;
  /** First day in force (inclusive), "yyyy-mm-dd". */
  effectiveFrom: string;
  /** Last day in force (inclusive), or null while current. */
  effectiveTo: string | null;
  /** The effective dates are not confirmed against the official text. */
  datesUnconfirmed: boolean;
  source: string | null;
  rates: readonly DuesRate[];
}

export const DUES_RATE_VERSIONS: readonly DuesRateVersion[] = [
  {
    ruleSet: "QD342_2010",
    document: documents.QD342_2010,
    effectiveFrom: "2010-01-01",
    effectiveTo: "2025-12-31",
    datesUnconfirmed: true,
    source: null,
    rates: [],
  },
  {
    ruleSet: "QD01_2026",
    document: documents.QD01_2026,
    effectiveFrom: "2026-01-01",
    effectiveTo: null,
    datesUnconfirmed: true,
    source: "https://thanhnien.vn/quy-dinh-moi-ve-che-do-dang-phi-185260206224919686.htm",
    rates: [
      { basis: "BHXH_SALARY", percent: 1, fixedDong: null },
      { basis: "SICK_MATERNITY_BENEFIT", percent: 1, fixedDong: null },
      { basis: "PENSION", percent: 0.5, fixedDong: null },
      { basis: "STUDENT", percent: null, fixedDong: 5000 },
      { basis: "OTHER", percent: null, fixedDong: null },
    ],
  },
];

/** The version in force on a day ("yyyy-mm-dd"), or null before the first one. */
export function duesRatesOn(day: string): DuesRateVersion | null {
  return DUES_RATE_VERSIONS.find((v) => v.effectiveFrom <= day && (v.effectiveTo === null || v.effectiveTo >= day)) ?? null;
}
