import { apiRoute, readJson } from "@/lib/api/handler";
import { endFrameAssignment } from "@/lib/classification/frame-admin";

/** POST /api/v1/classification/frame-assignments/{id}/end {reason?} → {endedAt}; the row is kept. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = request.headers.get("content-type") ? await readJson(request) : {};
  return { body: await endFrameAssignment(user, { ...body, id: params.id }, { requestId }) };
});
