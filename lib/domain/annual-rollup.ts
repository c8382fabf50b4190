// The rules that turn a year of monthly ratings into the branch's annual level, and their default
// (Phú Thọ's reading of SPEC §5.4): the engine applies them (lib/scoring/rollup.ts), the settings
// registry offers them to tenants.
import type { Level } from "@/lib/domain/levels";

export interface AnnualRollupSettings {
  /** "Tốt" needs at least this many monthly meetings rated Tốt. */
  minGoodCount: number;
  /** "Tốt" needs every monthly meeting at or above this level. */
  goodFloor: Level;
  /** "Khá" needs every meeting at or above this level. */
  fairFloor: Level;
  /** The year's level when "Khá" is not reached (SPEC: unconfirmed, default Trung bình). */
  belowFairLevel: Level;
  /** A month without a regular (or combined) meeting counts as this level. */
  missingMonthLevel: Level;
  /**
   * SPEC §5.4 rates "Tốt" on the regular meetings only (false, the default). True is our former,
   * stricter reading: a Tốt year must also meet the "Khá" condition, so a thematic or extraordinary
   * meeting below the Khá floor pulls it down.
   */
  goodNeedsFairCondition: boolean;
  /** Months 1..throughMonth are expected (12 for a closed year). */
  throughMonth: number;
}

export const PHU_THO_ROLLUP: AnnualRollupSettings = {
  minGoodCount: 7,
  goodFloor: "FAIR",
  fairFloor: "AVERAGE",
  belowFairLevel: "AVERAGE",
  missingMonthLevel: "POOR",
  goodNeedsFairCondition: false,
  throughMonth: 12,
};
