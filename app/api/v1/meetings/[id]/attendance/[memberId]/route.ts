// PUT /api/v1/meetings/{id}/attendance/{memberId}: one tap of the attendance screen
// ({ status, reason? }); an upsert of that member's mark. 422 for someone not on the roll of the
// meeting day or a status the member's record does not allow; 422 once the record is closed.
import { apiRoute, readJson } from "@/lib/api/handler";
import { markAttendance } from "@/lib/meetings/attendance";

export const PUT = apiRoute<{ id: string; memberId: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await markAttendance(user, { ...body, meetingId: params.id, memberId: params.memberId }, { requestId }) };
});
