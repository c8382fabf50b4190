// GET /api/v1/notifications?unread=1&page=1: the caller's own notifications, newest first.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { listNotifications } from "@/lib/notifications/notifications";

export const GET = apiRoute(async ({ request, user }) => {
  return { body: await listNotifications(user, searchParamsOf(request)) };
});
