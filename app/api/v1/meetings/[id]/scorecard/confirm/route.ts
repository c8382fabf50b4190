// POST /api/v1/meetings/{id}/scorecard/confirm: the overseer confirms the self-score ({ version,
// mode: "confirm" }) or scores their own column ({ version, mode: "adjust", marks, remarks,
// overrides, reason }); the meeting moves to CONFIRMED.
import { apiRoute, readJson } from "@/lib/api/handler";
import { confirmScore } from "@/lib/scoring/workflow";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  return { body: await confirmScore(user, { ...(await readJson(request)), meetingId: params.id }, { requestId }) };
});
