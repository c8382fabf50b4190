// POST /api/v1/meetings/{id}/scorecard/return: the reviewer sends the scorecard back to the branch
// ({ version, reason }); the meeting returns to MINUTES_ADOPTED and the branch scores again.
import { apiRoute, readJson } from "@/lib/api/handler";
import { returnScore } from "@/lib/scoring/workflow";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  return { body: await returnScore(user, { ...(await readJson(request)), meetingId: params.id }, { requestId }) };
});
