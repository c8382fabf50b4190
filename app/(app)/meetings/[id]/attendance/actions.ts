"use server";

// Server actions of the attendance screen (times, guests). The taps themselves go through the JSON
// twin (PUT /api/v1/meetings/{id}/attendance/{memberId}) so that each saves on its own, at once.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { addGuest, addGuestSchema, meetingTimesSchema, removeGuest, removeGuestSchema, setMeetingTimes } from "@/lib/meetings/attendance";

function refresh(meetingId: string): void {
  revalidatePath(`/meetings/${meetingId}/attendance`);
  revalidatePath(`/meetings/${meetingId}`);
}

export const setTimesAction = defineAction(meetingTimesSchema, async ({ user, input, requestId }) => {
  const result = await setMeetingTimes(user, input, { requestId });
  refresh(input.meetingId);
  return result;
});

export const addGuestAction = defineAction(addGuestSchema, async ({ user, input, requestId }) => {
  const guest = await addGuest(user, input, { requestId });
  refresh(input.meetingId);
  return guest;
});

export const removeGuestAction = defineAction(removeGuestSchema, async ({ user, input, requestId }) => {
  const result = await removeGuest(user, input, { requestId });
  refresh(input.meetingId);
  return result;
});
