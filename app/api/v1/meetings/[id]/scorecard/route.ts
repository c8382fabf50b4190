// GET /api/v1/meetings/{id}/scorecard: the scorecard view (rubric, facts, the self / overseer / final
// columns with the engine's results, the vote, the effective score and what the caller may do).
// PUT: the branch saves its draft ({ version, marks, remarks, overrides, notes }); version 0 creates
// the card; a stale version is a 409 and nothing is written.
import { apiRoute, readJson } from "@/lib/api/handler";
import { getScorecard, saveScoreDraft } from "@/lib/scoring/workflow";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ body: await getScorecard(user, params.id) }));

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  // The id in the URL wins over one in the body.
  return { body: await saveScoreDraft(user, { ...(await readJson(request)), meetingId: params.id }, { requestId }) };
});
