// What the meeting hub says about the scorecard: the effective total and level (final, else the
// overseer's, else the submitted self-score: SPEC §5.5), read from the totals the workflow stored
// with each step, without recomputing facts or loading the rubric (workflow.getScorecard does that).
import { authorize, type Principal } from "@/lib/auth/permissions";
import { withTenantReads } from "@/lib/db/tenant";
import type { Level } from "@/lib/generated/prisma/enums";
import { loadMeeting } from "@/lib/meetings/access";
import { isScoredKind, type ColumnName } from "./workflow";

export interface ScorecardSummary {
  /** The score that counts now; null until the branch has submitted its self-score. */
  effective: { column: ColumnName; total: number; level: Level | null } | null;
  /** A card exists (at least a saved draft). */
  started: boolean;
  /** An extraordinary meeting the tenant does not score (scoring.scoreExtraordinary). */
  notScored: boolean;
}

/**
 * Null for a user who may see the meeting but not its scorecard (a member of the branch), as
 * getScorecard refuses them; 404 for a meeting they may not read at all.
 */
export async function scorecardSummary(user: Principal, meetingId: string): Promise<ScorecardSummary | null> {
  return withTenantReads(user.tenantId, async (tx) => {
    const meeting = await loadMeeting(tx, user, meetingId);
    if (!authorize(user, "meeting.read", meeting.branch)) return null;
    const card = await tx.scorecard.findUnique({
      where: { tenantId_meetingId: { tenantId: user.tenantId, meetingId: meeting.id } },
      select: {
        selfAt: true,
        selfTotalTenths: true,
        selfLevel: true,
        overseerAt: true,
        overseerTotalTenths: true,
        overseerLevel: true,
        finalAt: true,
        finalTotalTenths: true,
        finalLevel: true,
      },
    });
    const notScored = !(await isScoredKind(tx, meeting));
    if (!card) return { effective: null, started: false, notScored };
    // A returned card has no self-score until the branch submits again (its old columns do not count).
    if (!card.selfAt) return { effective: null, started: true, notScored };
    const pick = (column: ColumnName, tenths: number | null, level: Level | null) =>
      tenths === null ? null : { column, total: tenths / 10, level };
    const effective =
      (card.finalAt ? pick("final", card.finalTotalTenths, card.finalLevel) : null) ??
      (card.overseerAt ? pick("overseer", card.overseerTotalTenths, card.overseerLevel) : null) ??
      pick("self", card.selfTotalTenths, card.selfLevel);
    return { effective, started: true, notScored };
  });
}
