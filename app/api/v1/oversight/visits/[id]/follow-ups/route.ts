// POST /api/v1/oversight/visits/{id}/follow-ups: raises an issue for the branch at one's own visit
// ({ text, dueDate }).
import { apiRoute, readJson } from "@/lib/api/handler";
import { addFollowUp } from "@/lib/oversight/follow-ups";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await addFollowUp(user, { ...(await readJson(request)), visitId: params.id }, { requestId }),
  status: 201,
}));
