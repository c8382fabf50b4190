// DELETE /api/v1/meetings/{id}/speeches/{speechId}: removes a speech.
import { apiRoute } from "@/lib/api/handler";
import { deleteSpeech } from "@/lib/meetings/minutes";

export const DELETE = apiRoute<{ id: string; speechId: string }>(async ({ user, params, requestId }) => {
  return { body: await deleteSpeech(user, { meetingId: params.id, speechId: params.speechId }, { requestId }) };
});
