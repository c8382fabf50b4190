// DELETE /api/v1/tokens/{id}: revoke one of the caller's tokens (idempotent; another's id is a 404).
// A signed-in session only, like making one.
import { apiRoute } from "@/lib/api/handler";
import { revokeToken } from "@/lib/auth/tokens";
import { tokenJson } from "@/lib/auth/token-json";

export const DELETE = apiRoute<{ id: string }>(
  async ({ user, params, requestId }) => ({
    body: tokenJson(await revokeToken(user, { id: params.id }, { requestId })),
  }),
  { tokens: "none" },
);
