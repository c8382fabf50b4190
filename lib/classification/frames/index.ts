// Built-in classification frames and the default choice per subject (what applies where no
// assignment names another code).
import type { Frame } from "../model";
import { QD366_COLLECTIVE, QD366_MEMBER, QD366_MEMBER_LEADER } from "./qd366-2025";

export { QD366_COLLECTIVE, QD366_MEMBER, QD366_MEMBER_LEADER };

export const BUILT_IN_FRAMES: readonly Frame[] = [QD366_COLLECTIVE, QD366_MEMBER_LEADER, QD366_MEMBER];

/** The highest version in force on `day` (YYYY-MM-DD) among `frames` (both ends inclusive). */
export function frameInForce<F extends Pick<Frame, "effectiveFrom" | "effectiveTo" | "version">>(frames: readonly F[], day: string): F | null {
  const candidates = frames.filter((f) => f.effectiveFrom <= day && (f.effectiveTo === undefined || f.effectiveTo === null || day <= f.effectiveTo));
  candidates.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0) || b.version - a.version);
  return candidates[0] ?? null;
}
