"use server";

// Server actions of the minutes screen: each parses with the service's own schema and calls the
// service (which authorizes on the meeting's branch, checks the record is still editable, and
// audits), then refreshes the record pages and the meeting hub.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import {
  addSpeech,
  addSpeechSchema,
  deleteSpeech,
  deleteSpeechSchema,
  reorderSpeeches,
  reorderSpeechesSchema,
  saveMinutes,
  saveMinutesSchema,
} from "@/lib/meetings/minutes";
import { saveResolution, saveResolutionSchema } from "@/lib/meetings/resolution";
import { assignTask, assignTaskSchema, deleteTask, deleteTaskSchema, recordTaskResult, taskResultSchema } from "@/lib/meetings/tasks";

function refresh(meetingId: string | null): void {
  if (!meetingId) return;
  revalidatePath(`/meetings/${meetingId}/minutes`);
  revalidatePath(`/meetings/${meetingId}`);
}

export const saveMinutesAction = defineAction(saveMinutesSchema, async ({ user, input, requestId }) => {
  const result = await saveMinutes(user, input, { requestId });
  refresh(input.meetingId);
  return result;
});

export const addSpeechAction = defineAction(addSpeechSchema, async ({ user, input, requestId }) => {
  const speech = await addSpeech(user, input, { requestId });
  refresh(input.meetingId);
  return speech;
});

export const deleteSpeechAction = defineAction(deleteSpeechSchema, async ({ user, input, requestId }) => {
  const result = await deleteSpeech(user, input, { requestId });
  refresh(input.meetingId);
  return result;
});

export const reorderSpeechesAction = defineAction(reorderSpeechesSchema, async ({ user, input, requestId }) => {
  const result = await reorderSpeeches(user, input, { requestId });
  refresh(input.meetingId);
  return result;
});

export const saveResolutionAction = defineAction(saveResolutionSchema, async ({ user, input, requestId }) => {
  const result = await saveResolution(user, input, { requestId });
  refresh(input.meetingId);
  return result;
});

export const assignTaskAction = defineAction(assignTaskSchema, async ({ user, input, requestId }) => {
  const result = await assignTask(user, input, { requestId });
  refresh(input.meetingId);
  return result;
});

export const deleteTaskAction = defineAction(deleteTaskSchema, async ({ user, input, requestId }) => {
  const result = await deleteTask(user, input, { requestId });
  refresh(input.meetingId);
  return result;
});

export const recordTaskResultAction = defineAction(taskResultSchema, async ({ user, input, requestId }) => {
  const result = await recordTaskResult(user, input, { requestId });
  refresh(result.reportMeetingId);
  return result;
});
