// GET /api/v1/meetings/{id}/minutes: the three parts, chair, thư ký, ideology minutes, speeches and
// the speakers' share. PUT: saves them ({ version, opening, proceedings, closing, chairMemberId,
// clerkMemberId, ideologyMinutes }); version 0 creates the minutes; a stale version is a 409 and
// nothing is written.
import { apiRoute, readJson } from "@/lib/api/handler";
import { getMinutesSheet, minutesJson, saveMinutes } from "@/lib/meetings/minutes";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  return { body: minutesJson(await getMinutesSheet(user, params.id)) };
});

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await saveMinutes(user, { ...body, meetingId: params.id }, { requestId }) };
});
