// GET /api/v1/notifications?unread=1&page=1: the caller's own notifications, newest first.
// A query the schema refuses (unread=abc) is a 422 with the field, never a 500.
import { apiRoute, queryWith } from "@/lib/api/handler";
import { listNotifications, notificationListQuerySchema } from "@/lib/notifications/notifications";

export const GET = apiRoute(async ({ request, user }) => {
  const query = queryWith(request, notificationListQuerySchema);
  return { body: await listNotifications(user, { unread: query.unread, page: query.page }) };
});
