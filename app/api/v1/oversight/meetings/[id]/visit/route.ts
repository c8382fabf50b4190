// GET /api/v1/oversight/meetings/{id}/visit: the caller's visit to a meeting and what they may do;
// POST records it once the meeting was held ({ status, remarks, guidance, followUps, followUpDue }).
import { apiRoute, readJson } from "@/lib/api/handler";
import { getVisitView, recordVisit } from "@/lib/oversight/visits";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ body: await getVisitView(user, params.id) }));

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await recordVisit(user, { ...(await readJson(request)), meetingId: params.id }, { requestId }),
  status: 201,
}));
