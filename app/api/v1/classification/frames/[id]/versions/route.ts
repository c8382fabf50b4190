import { apiRoute, readJson } from "@/lib/api/handler";
import { isUuid } from "@/lib/db/tenant";
import { getFrame, saveFrameVersion } from "@/lib/classification/frame-admin";

/**
 * POST /api/v1/classification/frames/{id}/versions {expectedLatestVersion, definition} or
 * {expectedLatestVersion, criteria?: {C1: {maxPoints}}, levels?: {GOOD: {minTotal}}, conditions?, …}
 * → 201 {id, code, version}. `{id}` is a frame code (fields apply to its latest version) or the id of
 * one of its versions.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const target = isUuid(params.id) ? { code: (await getFrame(user, params.id)).code, baseId: params.id } : { code: params.id };
  return { body: await saveFrameVersion(user, { ...body, ...target }, { requestId }), status: 201 };
});
