"use server";

// Server actions of the minutes screen: each parses with the service's own schema and calls the
// service (which authorizes on the meeting's branch, checks the record is still editable, and
// audits), then refreshes the record pages and the meeting hub.
import { serviceAction } from "@/lib/actions/service-action";
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

/** The record pages and the meeting hub of a meeting (none for a task result reported nowhere yet). */
const pagesOf = (meetingId: string | null) => (meetingId ? [`/meetings/${meetingId}/minutes`, `/meetings/${meetingId}`] : null);
const refresh = ({ meetingId }: { meetingId: string }) => pagesOf(meetingId);

export const saveMinutesAction = serviceAction(saveMinutesSchema, saveMinutes, refresh);

export const addSpeechAction = serviceAction(addSpeechSchema, addSpeech, refresh);

export const deleteSpeechAction = serviceAction(deleteSpeechSchema, deleteSpeech, refresh);

export const reorderSpeechesAction = serviceAction(reorderSpeechesSchema, reorderSpeeches, refresh);

export const saveResolutionAction = serviceAction(saveResolutionSchema, saveResolution, refresh);

export const assignTaskAction = serviceAction(assignTaskSchema, assignTask, refresh);

export const deleteTaskAction = serviceAction(deleteTaskSchema, deleteTask, refresh);

export const recordTaskResultAction = serviceAction(taskResultSchema, recordTaskResult, (_input, result) => pagesOf(result.reportMeetingId));
