import { apiRoute, readJson } from "@/lib/api/handler";
import { closeOrgUnit, getOrgUnitForEdit } from "@/lib/org/units";

/** POST /api/v1/org-units/{id}/close {version, activeTo: "yyyy-mm-dd" (last active day), closeReason} */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  await closeOrgUnit(user, { ...(await readJson(request)), id: params.id }, { requestId });
  return { body: await getOrgUnitForEdit(user, params.id) };
});
