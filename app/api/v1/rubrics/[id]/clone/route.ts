import { apiRoute, readJson } from "@/lib/api/handler";
import { cloneRubric } from "@/lib/scoring/rubric-admin";

/** POST /api/v1/rubrics/{id}/clone {code, name} → 201 {id, code, version: 1}: a copy under a new code. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await cloneRubric(user, { ...(await readJson(request)), sourceId: params.id }, { requestId }),
  status: 201,
}));
