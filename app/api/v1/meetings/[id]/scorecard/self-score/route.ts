// POST /api/v1/meetings/{id}/scorecard/self-score: the branch submits its self-score with the branch
// vote ({ version, marks, remarks, overrides, notes, voteFor, voteAgainst, voteAbstain }); the
// meeting moves to SELF_SCORED.
import { apiRoute, readJson } from "@/lib/api/handler";
import { submitSelfScore } from "@/lib/scoring/workflow";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  return { body: await submitSelfScore(user, { ...(await readJson(request)), meetingId: params.id }, { requestId }) };
});
