import { apiRoute, readJson } from "@/lib/api/handler";
import { mergePatch } from "@/lib/api/patch";
import messages from "@/lib/i18n/messages";
import { getUserDetail, updateUser } from "@/lib/accounts/users";
import { NotFoundError } from "@/lib/errors";

async function detail(user: Parameters<typeof getUserDetail>[0], id: string) {
  const found = await getUserDetail(user, id);
  if (!found) throw new NotFoundError(messages.accountsServer.users.notFound);
  return found;
}

/** GET /api/v1/users/{id} */
export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ body: await detail(user, params.id) }));

/** PATCH /api/v1/users/{id} {version, displayName?, memberId?}: only the fields sent change. */
export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const found = await detail(user, params.id);
  const current = { displayName: found.displayName, memberId: found.member?.id ?? null };
  await updateUser(
    user,
    { ...mergePatch(body, current, { hint: messages.apiServer.patch.userRoutes }), id: params.id },
    { requestId },
  );
  return { body: await detail(user, params.id) };
});
