// JSON twins of the account administration actions: same services, schemas and scope rules.
import { apiRoute, readJson, searchParamsOf } from "@/lib/api/handler";
import { createUser, listUsers } from "@/lib/accounts/users";
import { NotFoundError } from "@/lib/errors";

/** GET /api/v1/users?q=…&after=<username> — accounts the caller manages, 50 at a time. */
export const GET = apiRoute(async ({ request, user }) => {
  const params = searchParamsOf(request);
  const page = await listUsers(user, { q: params.q?.slice(0, 100), after: params.after?.slice(0, 100) });
  if (!page) throw new NotFoundError();
  return { body: page };
});

/**
 * POST /api/v1/users {username, displayName, memberId?, passwordMode: "generate"|"manual", password?, role?, orgUnitId?}
 * → 201 {id, username, temporaryPassword} (the generated password is in this answer only).
 */
export const POST = apiRoute(async ({ request, user, requestId }) => {
  return { body: await createUser(user, await readJson(request), { requestId }), status: 201 };
});
