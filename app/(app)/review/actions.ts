"use server";

// The review desk's actions. Approve and return are the scoring workflow's own steps (same schemas
// as POST /api/v1/meetings/{id}/scorecard/finalise and /return); bulk approval is
// POST /api/v1/review/bulk-approve's service.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { bulkApprove } from "@/lib/dashboard/review";
import { finaliseSchema, finaliseScore, returnScore, returnScoreSchema } from "@/lib/scoring/workflow";

function refresh(meetingId?: string): void {
  revalidatePath("/review");
  revalidatePath("/dashboard");
  if (meetingId) {
    revalidatePath(`/review/${meetingId}`);
    revalidatePath(`/meetings/${meetingId}`);
    revalidatePath(`/meetings/${meetingId}/score`);
  }
}

/** The form's ticked "item" fields are read by the service itself (it re-checks every one). */
export const bulkApproveAction = defineAction(z.record(z.string(), z.unknown()), async ({ user, input, requestId }) => {
  const result = await bulkApprove(user, input, { requestId });
  refresh();
  return result;
});

const approve = defineAction(finaliseSchema, async ({ user, input, requestId }) => {
  const result = await finaliseScore(user, input, { requestId });
  refresh(result.meetingId);
  return result;
});

const giveBack = defineAction(returnScoreSchema, async ({ user, input, requestId }) => {
  const result = await returnScore(user, input, { requestId });
  refresh(result.meetingId);
  return result;
});

// Back to the queue from the server: the refreshed evidence page no longer shows the decision
// form (the card is not waiting any more), so a redirect from the form itself would never run.
// redirect() throws, so it must stay outside defineAction's error handling.
export async function approveAction(...args: Parameters<typeof approve>) {
  const result = await approve(...args);
  if (result.ok) redirect("/review?done=approved");
  return result;
}

export async function returnAction(...args: Parameters<typeof giveBack>) {
  const result = await giveBack(...args);
  if (result.ok) redirect("/review?done=returned");
  return result;
}
