// POST /api/v1/notifications/read { ids: [...] } or { all: true }: marks the caller's notifications read.
import { apiRoute, readJson } from "@/lib/api/handler";
import { markNotificationsRead } from "@/lib/notifications/notifications";

export const POST = apiRoute(async ({ request, user, requestId }) => {
  const result = await markNotificationsRead(user, await readJson(request), { requestId });
  return { body: { updated: result.updated } };
});
