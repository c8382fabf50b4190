// Facts about meeting states that every feature reads (org, oversight, classification, dashboards,
// calendars): kept out of lib/meetings so that reading them makes no folder depend on the meetings
// services. The transitions themselves live in lib/meetings/states.ts.
import type { MeetingState } from "@/lib/generated/prisma/enums";

/** The states of a meeting that took place (held, then recorded, scored, finalised). */
export const HELD_STATES: readonly MeetingState[] = ["HELD", "MINUTES_ADOPTED", "SELF_SCORED", "CONFIRMED", "FINALISED"];
