// POST /api/v1/meetings/{id}/speeches: adds a speech at the end ({ memberId | speakerName, summary,
// isDiscussion }); only members marked present may be recorded as speakers.
import { apiRoute, readJson } from "@/lib/api/handler";
import { addSpeech } from "@/lib/meetings/minutes";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await addSpeech(user, { ...body, meetingId: params.id }, { requestId }), status: 201 };
});
