import { apiRoute, readJson } from "@/lib/api/handler";
import { resetPassword } from "@/lib/accounts/users";

/** POST /api/v1/users/{id}/reset-password {version} → {temporaryPassword} (shown once; lifts a login lockout). */
export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  return { body: await resetPassword(user, { ...(await readJson(request)), id: params.id }, { requestId }) };
});
