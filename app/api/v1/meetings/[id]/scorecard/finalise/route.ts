// POST /api/v1/meetings/{id}/scorecard/finalise: the reviewer approves the effective column
// ({ version, mode: "approve" }) or scores the final column ({ version, mode: "adjust", marks,
// remarks, overrides, reason }); the meeting moves to FINALISED and locks.
import { apiRoute, readJson } from "@/lib/api/handler";
import { finaliseScore } from "@/lib/scoring/workflow";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  return { body: await finaliseScore(user, { ...(await readJson(request)), meetingId: params.id }, { requestId }) };
});
