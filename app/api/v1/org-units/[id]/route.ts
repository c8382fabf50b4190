import { apiRoute, readJson } from "@/lib/api/handler";
import { mergePatch } from "@/lib/api/patch";
import messages from "@/lib/i18n/messages";
import { NotFoundError } from "@/lib/errors";
import { getOrgUnitForEdit, updateOrgUnit } from "@/lib/org/units";

const NOT_FOUND = messages.orgServer.units.notFound;

/** GET /api/v1/org-units/{id} — the unit with its version and what the caller may do with it. */
export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const unit = await getOrgUnitForEdit(user, params.id);
  if (!unit) throw new NotFoundError(NOT_FOUND);
  return { body: unit };
});

/**
 * PATCH /api/v1/org-units/{id} {version, name?, kind?, category?, code?, hasCommittee?, committeeReason?}: changes
 * only the fields sent (the others keep their values); the version guards the write.
 */
export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const unit = await getOrgUnitForEdit(user, params.id);
  if (!unit) throw new NotFoundError(NOT_FOUND);
  const current = { name: unit.name, kind: unit.kind, category: unit.category, code: unit.code, hasCommittee: unit.hasCommittee, committeeReason: unit.committeeReason };
  await updateOrgUnit(user, { ...mergePatch(body, current, { hint: messages.apiServer.patch.orgUnitMoves }), id: params.id }, { requestId });
  return { body: await getOrgUnitForEdit(user, params.id) };
});
