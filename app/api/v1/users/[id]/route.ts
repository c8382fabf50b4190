import { apiRoute, readJson } from "@/lib/api/handler";
import { getUserDetail, updateUser } from "@/lib/auth/users";
import { NotFoundError } from "@/lib/errors";

async function detail(user: Parameters<typeof getUserDetail>[0], id: string) {
  const found = await getUserDetail(user, id);
  if (!found) throw new NotFoundError("Không tìm thấy tài khoản này.");
  return found;
}

/** GET /api/v1/users/{id} */
export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ body: await detail(user, params.id) }));

/** PATCH /api/v1/users/{id} {version, displayName, memberId?} */
export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  await updateUser(user, { ...(await readJson(request)), id: params.id }, { requestId });
  return { body: await detail(user, params.id) };
});
