import { apiRoute, readJson } from "@/lib/api/handler";
import { mergeBranches } from "@/lib/org/units";

/** POST /api/v1/org-units/{id}/merge {version, targetId, effectiveFrom: "yyyy-mm-dd", closeReason?}: merge this branch into the target. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  return { body: await mergeBranches(user, { ...(await readJson(request)), sourceId: params.id }, { requestId }) };
});
