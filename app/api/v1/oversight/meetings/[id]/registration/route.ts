// POST /api/v1/oversight/meetings/{id}/registration: "I will attend" (the caller joins the meeting's
// guests); DELETE withdraws it before the meeting.
import { apiRoute } from "@/lib/api/handler";
import { registerVisit, unregisterVisit } from "@/lib/oversight/visits";

export const POST = apiRoute<{ id: string }>(async ({ user, params, requestId }) => ({
  body: await registerVisit(user, { meetingId: params.id }, { requestId }),
  status: 201,
}));

export const DELETE = apiRoute<{ id: string }>(async ({ user, params, requestId }) => ({
  body: await unregisterVisit(user, { meetingId: params.id }, { requestId }),
}));
