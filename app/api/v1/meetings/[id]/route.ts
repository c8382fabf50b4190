// GET /api/v1/meetings/{id}: one meeting with the moves the caller may make.
// PATCH /api/v1/meetings/{id}: edit a meeting not held yet, with its `version`; only the fields sent
// change (the others keep their values).
import { apiRoute, readJson } from "@/lib/api/handler";
import { mergePatch } from "@/lib/api/patch";
import messages from "@/lib/i18n/messages";
import { getMeeting, getMeetingForEdit, updateMeeting } from "@/lib/meetings/meetings";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ body: await getMeeting(user, params.id) }));

export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const { values } = await getMeetingForEdit(user, params.id);
  // A new start without an end keeps the planned length (the service's rule), not the old end.
  const current = { ...values, plannedEnd: "plannedStart" in body ? undefined : values.plannedEnd };
  // The id in the URL wins over one in the body.
  await updateMeeting(user, { ...mergePatch(body, current, { extra: ["id"], hint: messages.apiServer.patch.meetingState }), id: params.id }, { requestId });
  return { body: await getMeeting(user, params.id) };
});
