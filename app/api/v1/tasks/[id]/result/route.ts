// PUT /api/v1/tasks/{id}/result: the task's result at its report meeting ({ result: DONE | PARTLY |
// NOT_DONE, resultPercent (PARTLY: 1–99), resultNote?, meetingId? }).
import { apiRoute, readJson } from "@/lib/api/handler";
import { recordTaskResult } from "@/lib/meetings/tasks";

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await recordTaskResult(user, { ...body, taskId: params.id }, { requestId }) };
});
