// GET /api/v1/meetings: the meetings in the caller's scope, upcoming and past (same filters as /meetings).
// POST /api/v1/meetings: plan a meeting (same fields and rules as the "Thêm kỳ sinh hoạt" form).
import { apiRoute, readJson, searchParamsOf } from "@/lib/api/handler";
import { createMeeting, getMeeting, listMeetings } from "@/lib/meetings/meetings";

export const GET = apiRoute(async ({ request, user }) => ({ body: await listMeetings(user, searchParamsOf(request)) }));

export const POST = apiRoute(async ({ request, user, requestId }) => {
  const { id } = await createMeeting(user, await readJson(request), { requestId });
  return { body: await getMeeting(user, id), status: 201 };
});
