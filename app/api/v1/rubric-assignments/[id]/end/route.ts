import { apiRoute, readJson } from "@/lib/api/handler";
import { endAssignment } from "@/lib/scoring/rubric-admin";

/** POST /api/v1/rubric-assignments/{id}/end {reason?} → {endedAt}; the row is kept as history. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = request.headers.get("content-type") ? await readJson(request) : {};
  return { body: await endAssignment(user, { ...body, id: params.id }, { requestId }) };
});
