// The meeting lifecycle (SPEC §3.1) as data: which transitions exist, who may make them, and what
// must already be true. Services check preconditions against the record; this file only decides.
import type { MeetingState } from "@/lib/generated/prisma/enums";
import type { Permission } from "@/lib/auth/permissions";

export type MeetingTransition =
  | "notify"
  | "hold"
  | "adoptMinutes"
  | "selfScore"
  | "confirm"
  | "finalise"
  | "returnScore"
  | "postpone"
  | "cancel"
  | "replan"
  | "reopen";

export interface TransitionRule {
  from: readonly MeetingState[];
  to: MeetingState;
  permission: Permission;
  /** A reason is required and kept in Meeting.stateReason and the audit entry. */
  needsReason: boolean;
}

export const TRANSITIONS: Record<MeetingTransition, TransitionRule> = {
  notify: { from: ["PLANNED"], to: "NOTIFIED", permission: "meeting.record", needsReason: false },
  hold: { from: ["PLANNED", "NOTIFIED"], to: "HELD", permission: "meeting.record", needsReason: false },
  adoptMinutes: { from: ["HELD"], to: "MINUTES_ADOPTED", permission: "meeting.record", needsReason: false },
  selfScore: { from: ["MINUTES_ADOPTED"], to: "SELF_SCORED", permission: "score.self", needsReason: false },
  confirm: { from: ["SELF_SCORED"], to: "CONFIRMED", permission: "score.confirm", needsReason: false },
  finalise: { from: ["SELF_SCORED", "CONFIRMED"], to: "FINALISED", permission: "score.review", needsReason: false },
  /** A reviewer sends a scorecard back to the branch to score again (issue 7's review desk). */
  returnScore: { from: ["SELF_SCORED", "CONFIRMED"], to: "MINUTES_ADOPTED", permission: "score.review", needsReason: true },
  postpone: { from: ["PLANNED", "NOTIFIED"], to: "POSTPONED", permission: "meeting.record", needsReason: true },
  cancel: { from: ["PLANNED", "NOTIFIED", "POSTPONED"], to: "CANCELLED", permission: "meeting.record", needsReason: true },
  replan: { from: ["POSTPONED"], to: "PLANNED", permission: "meeting.record", needsReason: false },
  /** A locked meeting goes back to HELD only by a reviewer, with a reason. */
  reopen: { from: ["FINALISED", "CONFIRMED", "SELF_SCORED", "MINUTES_ADOPTED"], to: "HELD", permission: "score.review", needsReason: true },
};

/** States in which the record of what happened (attendance, minutes, resolution, tasks) may change. */
export const RECORD_EDITABLE: readonly MeetingState[] = ["PLANNED", "NOTIFIED", "HELD"];

/** States in which preparation (content, documents, pre-meeting, notice) may change. */
export const PREPARATION_EDITABLE: readonly MeetingState[] = ["PLANNED", "NOTIFIED", "POSTPONED"];

export const LOCKED_STATES: readonly MeetingState[] = ["FINALISED"];

export function canTransition(state: MeetingState, transition: MeetingTransition): boolean {
  return TRANSITIONS[transition].from.includes(state);
}
