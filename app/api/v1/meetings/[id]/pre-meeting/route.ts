// GET /api/v1/meetings/{id}/pre-meeting: the committee's pre-meeting (null when not recorded) and
//     whether the branch has a committee at all (without one, P3 scores full marks).
// PUT /api/v1/meetings/{id}/pre-meeting { version, heldAt, attendeeMemberIds?, otherAttendees?,
//     notes?, minuted? }: records or corrects it, as the preparation page's form.
import { apiRoute, readJson } from "@/lib/api/handler";
import { getPreparation, savePreMeeting } from "@/lib/meetings/preparation";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const view = await getPreparation(user, params.id);
  return {
    body: {
      hasCommittee: view.meeting.branch.hasCommittee,
      version: view.meeting.version,
      committee: view.committee,
      preMeeting: view.preMeeting,
    },
  };
});

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const saved = await savePreMeeting(user, { ...body, meetingId: params.id }, { requestId });
  return { body: saved };
});
