// PUT /api/v1/meetings/{id}/attendance/times: actual start and end ({ version, actualStart,
// actualEnd }, "yyyy-mm-ddTHH:mm" in Vietnam or ISO instants; the meeting's version, 409 when stale).
import { apiRoute, readJson } from "@/lib/api/handler";
import { setMeetingTimes } from "@/lib/meetings/attendance";

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await setMeetingTimes(user, { ...body, meetingId: params.id }, { requestId }) };
});
