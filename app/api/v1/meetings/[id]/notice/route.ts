// GET  /api/v1/meetings/{id}/notice: the notices sent so far, the default text of a new one and
//      who it would reach.
// POST /api/v1/meetings/{id}/notice { version, subject, body, resend? }: sends the notice exactly
//      as the preparation page does (one transaction: notice, notifications, e-mails, NOTIFIED).
//      409 when a notice went out in the last minute, or the meeting is notified and resend is not set.
import { apiRoute, readJson } from "@/lib/api/handler";
import { sendNotice } from "@/lib/meetings/notices";
import { getPreparation } from "@/lib/meetings/preparation";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const view = await getPreparation(user, params.id);
  return {
    body: {
      state: view.meeting.state,
      version: view.meeting.version,
      noticeSentAt: view.meeting.noticeSentAt,
      noticeToOverseer: view.meeting.noticeToOverseer,
      canSend: view.can.sendNotice,
      draft: view.noticeDraft,
      reach: view.reach,
      emailConfigured: view.emailConfigured,
      notices: view.notices,
    },
  };
});

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const result = await sendNotice(user, { ...body, meetingId: params.id }, { requestId });
  return { body: result, status: 201 };
});
