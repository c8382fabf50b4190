import { apiRoute } from "@/lib/api/handler";
import { revokeRole } from "@/lib/accounts/users";

/** DELETE /api/v1/users/{id}/grants/{grantId} */
export const DELETE = apiRoute<{ id: string; grantId: string }>(async ({ user, params, requestId }) => {
  await revokeRole(user, { userId: params.id, grantId: params.grantId }, { requestId });
  return { body: { ok: true } };
});
