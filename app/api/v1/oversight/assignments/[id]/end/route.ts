// POST /api/v1/oversight/assignments/{id}/end: ends an assignment on its last day ({ version,
// validTo, reason }).
import { apiRoute, readJson } from "@/lib/api/handler";
import { endAssignment } from "@/lib/oversight/assignments";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await endAssignment(user, { ...(await readJson(request)), id: params.id }, { requestId }),
}));
