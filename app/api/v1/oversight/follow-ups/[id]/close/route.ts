// POST /api/v1/oversight/follow-ups/{id}/close: the branch's recorder (or the overseer who raised
// it) closes an issue with a note of what was done ({ version, note }).
import { apiRoute, readJson } from "@/lib/api/handler";
import { closeFollowUp } from "@/lib/oversight/follow-ups";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await closeFollowUp(user, { ...(await readJson(request)), id: params.id }, { requestId }),
}));
