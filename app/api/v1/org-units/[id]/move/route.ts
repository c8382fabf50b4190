import { apiRoute, readJson } from "@/lib/api/handler";
import { getOrgUnitForEdit, moveOrgUnit } from "@/lib/org/units";

/** POST /api/v1/org-units/{id}/move {version, newParentId}: the unit moves with its whole subtree. */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const result = await moveOrgUnit(user, { ...(await readJson(request)), id: params.id }, { requestId });
  return { body: { ...result, unit: await getOrgUnitForEdit(user, params.id) } };
});
