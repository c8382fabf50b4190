// GET /api/v1/meetings/{id}/resolution: the resolution, its vote and a suggested number. PUT: saves
// them ({ version, number, body, votesFor, votesAgainst, votesAbstain, voteMethod, adoptedAt,
// postedAt }); validity is computed (D_vote from attendance); more votes than official members
// present is a 422; a stale version a 409.
import { apiRoute, readJson } from "@/lib/api/handler";
import { getMinutesSheet, resolutionJson } from "@/lib/meetings/minutes";
import { saveResolution } from "@/lib/meetings/resolution";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  return { body: resolutionJson(await getMinutesSheet(user, params.id)) };
});

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await saveResolution(user, { ...body, meetingId: params.id }, { requestId }) };
});
