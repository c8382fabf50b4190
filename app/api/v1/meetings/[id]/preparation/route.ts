// GET /api/v1/meetings/{id}/preparation: the preparation summary (documents and their lead time,
//     pre-meeting, notice) with the content, draft resolution and who prepares.
// PUT /api/v1/meetings/{id}/preparation { version, content?, draftResolution?, preparedByMemberId? }:
//     saves them, as the preparation page's form (409 on a stale version).
import { apiRoute, readJson } from "@/lib/api/handler";
import { getPreparationWithSummary, updateMeetingContent } from "@/lib/meetings/preparation";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const { view, summary } = await getPreparationWithSummary(user, params.id);
  return {
    body: {
      id: view.meeting.id,
      state: view.meeting.state,
      version: view.meeting.version,
      content: view.meeting.content,
      draftResolution: view.meeting.draftResolution,
      preparedByMemberId: view.meeting.preparedByMemberId,
      summary,
    },
  };
});

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const saved = await updateMeetingContent(user, { ...body, meetingId: params.id }, { requestId });
  return { body: saved };
});
