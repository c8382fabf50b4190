// POST /api/v1/oversight/assignments/{id}/change: a new level or term from a day on; the current
// row ends the day before and the next one is returned ({ version, committeeLevel, changeFrom,
// validTo, reason }).
import { apiRoute, readJson } from "@/lib/api/handler";
import { changeAssignment } from "@/lib/oversight/assignments";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await changeAssignment(user, { ...(await readJson(request)), id: params.id }, { requestId }),
  status: 201,
}));
