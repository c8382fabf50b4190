import { apiRoute, readJson } from "@/lib/api/handler";
import { setUserDisabled } from "@/lib/accounts/users";

/** PUT /api/v1/users/{id}/disabled {version, disabled: boolean} */
export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  await setUserDisabled(user, { ...(await readJson(request)), id: params.id }, { requestId });
  return { body: { ok: true } };
});
