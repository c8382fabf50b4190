// POST /api/v1/meetings/{id}/attendance/all-present: marks every member not marked yet present
// (exempt and temporarily attached members get their prefilled status); marks already taken stay.
import { apiRoute } from "@/lib/api/handler";
import { markAllPresent } from "@/lib/meetings/attendance";

export const POST = apiRoute<{ id: string }>(async ({ user, params, requestId }) => {
  return { body: await markAllPresent(user, { meetingId: params.id }, { requestId }) };
});
