// GET /api/v1/tokens: the caller's personal access tokens (never the tokens themselves).
// POST /api/v1/tokens {name, scope?: "READ"|"FULL"|"CALENDAR", expiresInDays?: 1–365 (default 90)}
// → 201 with the token, shown this once. Only a signed-in session makes tokens: no token can.
import { apiRoute, readJson } from "@/lib/api/handler";
import { createToken, listTokens } from "@/lib/auth/tokens";
import { tokenJson } from "@/lib/auth/token-json";

export const GET = apiRoute(async ({ user }) => ({ body: { items: (await listTokens(user)).map(tokenJson) } }));

export const POST = apiRoute(
  async ({ request, user, requestId }) => {
    const created = await createToken(user, await readJson(request), { requestId });
    return { body: { ...tokenJson(created), token: created.token }, status: 201 };
  },
  { tokens: "none" },
);
