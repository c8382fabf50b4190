// PUT /api/v1/meetings/{id}/speeches/order: the new order ({ speechIds }, every speech once; 409
// when the list changed meanwhile).
import { apiRoute, readJson } from "@/lib/api/handler";
import { reorderSpeeches } from "@/lib/meetings/minutes";

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await reorderSpeeches(user, { ...body, meetingId: params.id }, { requestId }) };
});
