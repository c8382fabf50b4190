import { apiRoute, readJson } from "@/lib/api/handler";
import { cloneFrame } from "@/lib/classification/frame-admin";

/** POST /api/v1/classification/frames/{id}/clone {code, name} → 201 {id, code, version: 1}. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await cloneFrame(user, { ...(await readJson(request)), sourceId: params.id }, { requestId }),
  status: 201,
}));
