"use server";

// Server actions of the oversight pages (desk, visit, approvals, assignments, settings) and of the
// follow-up section on a meeting's preparation page. Each parses the form with the service's own
// schema; the services authorize, check versions and audit. Pages re-render from the database.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import {
  changeAssignment,
  changeAssignmentSchema,
  createAssignment,
  createAssignmentSchema,
  createDelegation,
  createDelegationSchema,
  endAssignment,
  endAssignmentSchema,
  revokeDelegation,
  revokeDelegationSchema,
} from "@/lib/oversight/assignments";
import { addFollowUp, addFollowUpSchema, closeFollowUp, closeFollowUpSchema } from "@/lib/oversight/follow-ups";
import { oversightSettingsSchema, saveOversightSettings } from "@/lib/oversight/settings";
import {
  decideVisit,
  decideVisitSchema,
  recordVisit,
  recordVisitSchema,
  registerVisit,
  registrationSchema,
  unregisterVisit,
  updateVisitNotes,
  updateVisitSchema,
} from "@/lib/oversight/visits";

function refreshMeeting(meetingId: string): void {
  revalidatePath("/oversight");
  // The overseer's home page lists the same meetings.
  revalidatePath("/");
  revalidatePath(`/oversight/visits/${meetingId}`);
  revalidatePath(`/meetings/${meetingId}`, "layout");
}

export const registerAction = defineAction(registrationSchema, async ({ user, input, requestId }): Promise<null> => {
  const result = await registerVisit(user, input, { requestId });
  refreshMeeting(result.meetingId);
  return null;
});

export const unregisterAction = defineAction(registrationSchema, async ({ user, input, requestId }): Promise<null> => {
  const result = await unregisterVisit(user, input, { requestId });
  refreshMeeting(result.meetingId);
  return null;
});

export const recordVisitAction = defineAction(recordVisitSchema, async ({ user, input, requestId }): Promise<null> => {
  const result = await recordVisit(user, input, { requestId });
  refreshMeeting(result.meetingId);
  redirect(`/oversight/visits/${result.meetingId}?done=recorded`);
});

export const updateVisitAction = defineAction(updateVisitSchema, async ({ user, input, requestId }): Promise<null> => {
  await updateVisitNotes(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  return null;
});

export const addFollowUpAction = defineAction(addFollowUpSchema, async ({ user, input, requestId }): Promise<null> => {
  await addFollowUp(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  revalidatePath("/meetings", "layout");
  return null;
});

export const closeFollowUpAction = defineAction(closeFollowUpSchema, async ({ user, input, requestId }): Promise<null> => {
  await closeFollowUp(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  revalidatePath("/meetings", "layout");
  return null;
});

export const decideVisitAction = defineAction(decideVisitSchema, async ({ user, input, requestId }): Promise<null> => {
  await decideVisit(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  return null;
});

export const createAssignmentAction = defineAction(createAssignmentSchema, async ({ user, input, requestId }): Promise<null> => {
  const created = await createAssignment(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  redirect(`/oversight/assignments?done=created#assignment-${created.id}`);
});

export const changeAssignmentAction = defineAction(changeAssignmentSchema, async ({ user, input, requestId }): Promise<null> => {
  const next = await changeAssignment(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  redirect(`/oversight/assignments?done=changed#assignment-${next.id}`);
});

export const endAssignmentAction = defineAction(endAssignmentSchema, async ({ user, input, requestId }): Promise<null> => {
  await endAssignment(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  redirect("/oversight/assignments?done=ended");
});

export const createDelegationAction = defineAction(createDelegationSchema, async ({ user, input, requestId }): Promise<null> => {
  await createDelegation(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  return null;
});

export const revokeDelegationAction = defineAction(revokeDelegationSchema, async ({ user, input, requestId }): Promise<null> => {
  await revokeDelegation(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  return null;
});

export const saveSettingsAction = defineAction(oversightSettingsSchema, async ({ user, input, requestId }): Promise<null> => {
  const { changed } = await saveOversightSettings(user, input, { requestId });
  revalidatePath("/oversight", "layout");
  redirect(`/oversight/assignments?done=${changed.length > 0 ? "settings" : "unchanged"}#settings`);
});
