import { apiRoute, readJson } from "@/lib/api/handler";
import { isUuid } from "@/lib/db/tenant";
import { getRubric, saveRubricVersion } from "@/lib/scoring/rubric-admin";

/**
 * POST /api/v1/rubrics/{id}/versions {expectedLatestVersion, definition} or {expectedLatestVersion,
 * name?, criteria?: {T1: {maxPoints}}, levels?: {GOOD: {minTotal}}, …} → 201 {id, code, version}.
 * `{id}` is a rubric code (fields apply to its latest version) or the id of one of its versions
 * (fields apply to that version). One segment name for both, as Next.js requires.
 */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const target = isUuid(params.id) ? { code: (await getRubric(user, params.id)).code, baseId: params.id } : { code: params.id };
  return { body: await saveRubricVersion(user, { ...body, ...target }, { requestId }), status: 201 };
});
