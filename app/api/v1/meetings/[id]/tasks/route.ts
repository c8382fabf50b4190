// GET /api/v1/meetings/{id}/tasks: tasks assigned at this meeting, tasks due here from earlier
// meetings and the share of targets met. POST: assigns a task ({ memberId, content, deadline,
// reportMeetingId? } — empty report meeting means "kỳ sau", the branch's next meeting).
import { apiRoute, readJson } from "@/lib/api/handler";
import { getMinutesSheet, tasksJson } from "@/lib/meetings/minutes";
import { assignTask } from "@/lib/meetings/tasks";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  return { body: tasksJson(await getMinutesSheet(user, params.id)) };
});

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await assignTask(user, { ...body, meetingId: params.id }, { requestId }), status: 201 };
});
