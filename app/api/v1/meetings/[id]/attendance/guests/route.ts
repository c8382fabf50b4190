// POST /api/v1/meetings/{id}/attendance/guests: adds a guest ({ name?, title?, userId? }; picking an
// overseer's account fills the name). Guests are never counted in attendance.
import { apiRoute, readJson } from "@/lib/api/handler";
import { addGuest } from "@/lib/meetings/attendance";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await addGuest(user, { ...body, meetingId: params.id }, { requestId }), status: 201 };
});
