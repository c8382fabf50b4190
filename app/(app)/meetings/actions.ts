"use server";

// Server actions of planning and the lifecycle: parse with the service's own schema, call the
// service (which authorizes on the meeting's branch and audits), refresh the pages.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { transition } from "@/lib/meetings/lifecycle";
import { createMeeting, updateMeeting } from "@/lib/meetings/meetings";
import { createMeetingSchema, transitionSchema, updateMeetingSchema } from "@/lib/meetings/schemas";

function refresh(meetingId: string): void {
  // The list, the plan pages and every page of the meeting show its state and times.
  revalidatePath("/meetings", "layout");
  revalidatePath("/plans", "layout");
  revalidatePath(`/meetings/${meetingId}`, "layout");
}

export const createMeetingAction = defineAction(createMeetingSchema, async ({ user, input, requestId }): Promise<null> => {
  const { id } = await createMeeting(user, input, { requestId });
  refresh(id);
  redirect(`/meetings/${id}?done=created`);
});

export const updateMeetingAction = defineAction(updateMeetingSchema, async ({ user, input, requestId }): Promise<null> => {
  const { id } = await updateMeeting(user, input, { requestId });
  refresh(id);
  redirect(`/meetings/${id}?done=updated`);
});

export const transitionAction = defineAction(transitionSchema, async ({ user, input, requestId }): Promise<null> => {
  const result = await transition(user, input, { requestId });
  refresh(result.id);
  redirect(`/meetings/${result.id}?done=${result.transition}`);
});
