// Built-in rubrics and the choice of the one in force for a meeting (SPEC §0: a meeting is scored
// under the set in force on its date).
import type { IsoDate, MeetingKind } from "@/lib/meetings/rules/types";
import type { Rubric, RubricScope } from "../model";
import { BINH_THUAN_HD42 } from "./binh-thuan";
import { HD12_2018 } from "./hd12-2018";
import { HD42_2025 } from "./hd42-2025";

export { BINH_THUAN_HD42, HD12_2018, HD42_2025 };

/** The national frames: what every tenant uses unless it enables a template of its own. */
export const NATIONAL_RUBRICS: readonly Rubric[] = [HD12_2018, HD42_2025];
/** Named provincial templates a tenant may enable (they carry scope TENANT and then take precedence). */
export const RUBRIC_TEMPLATES: readonly Rubric[] = [BINH_THUAN_HD42];
export const BUILT_IN_RUBRICS: readonly Rubric[] = [...NATIONAL_RUBRICS, ...RUBRIC_TEMPLATES];

const SCOPE_PRECEDENCE: Record<RubricScope, number> = { SUBTREE: 2, TENANT: 1, NATIONAL: 0 };

/**
 * The rubric that applies to a meeting of `kind` on `date` among `rubrics` (those a tenant has
 * enabled): effective on the day (both ends inclusive) and covering the kind; the most specific scope
 * wins (subtree > tenant > national), then the latest effectiveFrom, then the highest version.
 */
export function rubricInForce(rubrics: readonly Rubric[], date: IsoDate, kind: MeetingKind): Rubric | null {
  const candidates = rubrics.filter(
    (r) =>
      r.effectiveFrom <= date &&
      (r.effectiveTo === undefined || r.effectiveTo === null || date <= r.effectiveTo) &&
      r.meetingKinds.includes(kind),
  );
  candidates.sort(
    (a, b) =>
      SCOPE_PRECEDENCE[b.scope] - SCOPE_PRECEDENCE[a.scope] ||
      (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0) ||
      b.version - a.version,
  );
  return candidates[0] ?? null;
}
