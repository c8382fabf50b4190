// GET /api/v1/meetings/{id}: one meeting with the moves the caller may make.
// PATCH /api/v1/meetings/{id}: edit a meeting not held yet (with its `version`, as the edit form).
import { apiRoute, readJson } from "@/lib/api/handler";
import { getMeeting, updateMeeting } from "@/lib/meetings/meetings";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ body: await getMeeting(user, params.id) }));

export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  // The id in the URL wins over one in the body.
  await updateMeeting(user, { ...(await readJson(request)), id: params.id }, { requestId });
  return { body: await getMeeting(user, params.id) };
});
