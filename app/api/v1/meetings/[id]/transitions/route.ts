// POST /api/v1/meetings/{id}/transitions: move the meeting along its lifecycle
// ({ transition, version, reason?, newStart?, actualStart?, actualEnd? }), as the meeting page does.
import { apiRoute, readJson } from "@/lib/api/handler";
import { transition } from "@/lib/meetings/lifecycle";
import { getMeeting } from "@/lib/meetings/meetings";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const result = await transition(user, { ...(await readJson(request)), id: params.id }, { requestId });
  return { body: { ...result, meeting: await getMeeting(user, params.id) } };
});
