// DELETE /api/v1/meetings/{id}/attendance/guests/{guestId}: removes a guest.
import { apiRoute } from "@/lib/api/handler";
import { removeGuest } from "@/lib/meetings/attendance";

export const DELETE = apiRoute<{ id: string; guestId: string }>(async ({ user, params, requestId }) => {
  return { body: await removeGuest(user, { meetingId: params.id, guestId: params.guestId }, { requestId }) };
});
