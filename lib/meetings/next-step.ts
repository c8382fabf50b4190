// The branch's next step on a meeting (prepare → notify → attendance → minutes → adopt → self-score),
// with the page that does it. Pure: the home page, the meeting page and the tests share it.
import type { MeetingState } from "@/lib/generated/prisma/enums";

export type BranchStep =
  | "prepare"
  | "notify"
  | "waitDay"
  | "attendance"
  | "minutes"
  | "adopt"
  | "selfScore"
  | "replan"
  | "awaitConfirm"
  | "awaitReview"
  | "done"
  | "cancelled";

/** What the branch still has to do itself (the later steps belong to the overseer and the reviewer). */
export const BRANCH_ACTION_STEPS: readonly BranchStep[] = ["prepare", "notify", "waitDay", "attendance", "minutes", "adopt", "selfScore", "replan"];

export interface StepFacts {
  state: MeetingState;
  /** The meeting's day (Vietnam, UTC midnight) and today's. */
  day: Date;
  today: Date;
  /** PLANNED: content or a draft resolution is written (the notice can go out). */
  prepared?: boolean;
  /** HELD: every summoned member is marked and the times are recorded. */
  attendanceComplete?: boolean;
  /** HELD: minutes complete and the resolution's vote recorded. */
  minutesReady?: boolean;
}

export function branchStep(facts: StepFacts): BranchStep {
  switch (facts.state) {
    case "PLANNED":
      return facts.prepared ? "notify" : "prepare";
    case "NOTIFIED":
      // On the day the record is taken as the meeting goes; "adopt" (the meeting page) confirms it was held first.
      if (facts.day.getTime() > facts.today.getTime()) return "waitDay";
      if (!facts.attendanceComplete) return "attendance";
      return facts.minutesReady ? "adopt" : "minutes";
    case "HELD":
      if (!facts.attendanceComplete) return "attendance";
      return facts.minutesReady ? "adopt" : "minutes";
    case "MINUTES_ADOPTED":
      return "selfScore";
    case "POSTPONED":
      return "replan";
    case "SELF_SCORED":
      return "awaitConfirm";
    case "CONFIRMED":
      return "awaitReview";
    case "FINALISED":
      return "done";
    case "CANCELLED":
      return "cancelled";
  }
}

/** The page where the step is done. */
export function stepHref(meetingId: string, step: BranchStep): string {
  const base = `/meetings/${meetingId}`;
  switch (step) {
    case "prepare":
    case "waitDay":
      return `${base}/prepare`;
    case "notify":
      return `${base}/prepare#notice`;
    case "attendance":
      return `${base}/attendance`;
    case "minutes":
      return `${base}/minutes`;
    case "selfScore":
      return `${base}/score`;
    default:
      return base;
  }
}

/** The six steps in order, for the progress line ("bước 3 trên 6"). */
export const STEP_ORDER: readonly BranchStep[] = ["prepare", "notify", "attendance", "minutes", "adopt", "selfScore"];

/** 1-based position of a step in STEP_ORDER (waitDay sits with attendance); null outside the branch's steps. */
export function stepNumber(step: BranchStep): number | null {
  const index = STEP_ORDER.indexOf(step === "waitDay" ? "attendance" : step);
  return index < 0 ? null : index + 1;
}
