"use server";

// The preparation page's forms. Each action parses with the service's schema (defineAction), and
// the service authorizes (meeting.record on the branch), checks the version and writes one audited
// transaction. Uploads go straight to POST /api/v1/meetings/{id}/documents (a stream, not a form).
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { deleteDocumentSchema, deleteMeetingDocument } from "@/lib/meetings/documents";
import { sendNotice, sendNoticeSchema, type SendNoticeResult } from "@/lib/meetings/notices";
import { meetingContentSchema, preMeetingSchema, savePreMeeting, updateMeetingContent } from "@/lib/meetings/preparation";

function refresh(meetingId: string): void {
  // The preparation page, the meeting overview and the lists that show the state.
  revalidatePath(`/meetings/${meetingId}`, "layout");
  revalidatePath("/meetings");
}

export const updateContentAction = defineAction(meetingContentSchema, async ({ user, input, requestId }) => {
  const saved = await updateMeetingContent(user, input, { requestId });
  refresh(input.meetingId);
  return saved;
});

export const savePreMeetingAction = defineAction(preMeetingSchema, async ({ user, input, requestId }) => {
  const saved = await savePreMeeting(user, input, { requestId });
  refresh(input.meetingId);
  return saved;
});

export const sendNoticeAction = defineAction(sendNoticeSchema, async ({ user, input, requestId }): Promise<SendNoticeResult> => {
  const sent = await sendNotice(user, input, { requestId });
  refresh(input.meetingId);
  revalidatePath("/notifications");
  return sent;
});

export const deleteDocumentAction = defineAction(deleteDocumentSchema, async ({ user, input, requestId }) => {
  const removed = await deleteMeetingDocument(user, input, { requestId });
  refresh(input.meetingId);
  return removed;
});
