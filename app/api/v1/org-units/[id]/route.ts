import { apiRoute, readJson } from "@/lib/api/handler";
import { NotFoundError } from "@/lib/errors";
import { getOrgUnitForEdit, updateOrgUnit } from "@/lib/org/units";

/** GET /api/v1/org-units/{id} — the unit with its version and what the caller may do with it. */
export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const unit = await getOrgUnitForEdit(user, params.id);
  if (!unit) throw new NotFoundError("Không tìm thấy tổ chức đảng này.");
  return { body: unit };
});

/** PATCH /api/v1/org-units/{id} {version, name, kind, category?, code?, hasCommittee?} */
export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  await updateOrgUnit(user, { ...(await readJson(request)), id: params.id }, { requestId });
  return { body: await getOrgUnitForEdit(user, params.id) };
});
