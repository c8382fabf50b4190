// DELETE /api/v1/meetings/{id}/tasks/{taskId}: removes a task assigned at this meeting (not once
// its result is recorded).
import { apiRoute } from "@/lib/api/handler";
import { deleteTask } from "@/lib/meetings/tasks";

export const DELETE = apiRoute<{ id: string; taskId: string }>(async ({ user, params, requestId }) => {
  return { body: await deleteTask(user, { meetingId: params.id, taskId: params.taskId }, { requestId }) };
});
