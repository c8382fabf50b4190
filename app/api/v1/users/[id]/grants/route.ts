import { apiRoute, readJson } from "@/lib/api/handler";
import { grantRole } from "@/lib/accounts/users";

/** POST /api/v1/users/{id}/grants {role, orgUnitId} → 201 {grantId} */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  return { body: await grantRole(user, { ...(await readJson(request)), userId: params.id }, { requestId }), status: 201 };
});
