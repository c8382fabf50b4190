"use server";

// Server actions of the attendance screen (times, guests). The taps themselves go through the JSON
// twin (PUT /api/v1/meetings/{id}/attendance/{memberId}) so that each saves on its own, at once.
import { serviceAction } from "@/lib/actions/service-action";
import { addGuest, addGuestSchema, meetingTimesSchema, removeGuest, removeGuestSchema, setMeetingTimes } from "@/lib/meetings/attendance";

const refresh = ({ meetingId }: { meetingId: string }) => [`/meetings/${meetingId}/attendance`, `/meetings/${meetingId}`];

export const setTimesAction = serviceAction(meetingTimesSchema, setMeetingTimes, refresh);

export const addGuestAction = serviceAction(addGuestSchema, addGuest, refresh);

export const removeGuestAction = serviceAction(removeGuestSchema, removeGuest, refresh);
