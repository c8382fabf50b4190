"use server";

// Server actions of the score page: each parses the form with the workflow's own schema (which folds
// the flat "mark.C1" / "remark.C1" / "override.T1.points" fields) and calls the workflow service
// (which authorizes on the meeting's branch, checks the state and the card's version, and audits),
// then refreshes the score page and the meeting hub.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import {
  confirmScore,
  finaliseSchema,
  finaliseScore,
  overseerSchema,
  returnScore,
  returnScoreSchema,
  saveDraftSchema,
  saveScoreDraft,
  submitSelfScore,
  submitSelfScoreSchema,
} from "@/lib/scoring/workflow";

function refresh(meetingId: string): void {
  revalidatePath(`/meetings/${meetingId}/score`);
  revalidatePath(`/meetings/${meetingId}`);
}

export const saveScoreDraftAction = defineAction(saveDraftSchema, async ({ user, input, requestId }) => {
  const result = await saveScoreDraft(user, input, { requestId });
  refresh(result.meetingId);
  return result;
});

export const submitSelfScoreAction = defineAction(submitSelfScoreSchema, async ({ user, input, requestId }) => {
  const result = await submitSelfScore(user, input, { requestId });
  refresh(result.meetingId);
  // The vote's full explanation stays on the server; the page shows the stored tally.
  return { meetingId: result.meetingId, state: result.state, version: result.version, total: result.total, level: result.level, cardVersion: result.cardVersion };
});

export const confirmScoreAction = defineAction(overseerSchema, async ({ user, input, requestId }) => {
  const result = await confirmScore(user, input, { requestId });
  refresh(result.meetingId);
  return result;
});

export const finaliseScoreAction = defineAction(finaliseSchema, async ({ user, input, requestId }) => {
  const result = await finaliseScore(user, input, { requestId });
  refresh(result.meetingId);
  return result;
});

export const returnScoreAction = defineAction(returnScoreSchema, async ({ user, input, requestId }) => {
  const result = await returnScore(user, input, { requestId });
  refresh(result.meetingId);
  return result;
});
