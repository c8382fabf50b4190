// The scoring engine (ARCHITECTURE §6): checks the rubric (shape with zod, then the validator) and the
// meeting facts, then scores with engine-core.ts. Invalid input yields `errors` (and no level), never
// a throw. Server code and tests call `score`; the score editor, which runs in the browser without
// zod, calls scoreChecked with the rubric and facts the server checked here (ScorecardView.inputErrors).
import type { MeetingFacts } from "./facts";
import type { Rubric, ScoringIssue } from "./model";
import { checkFacts } from "./schemas";
import { validateRubricCached } from "./validate";
import { scoreChecked, unscorable, type ManualMarks, type ScoreOptions, type ScoreResult } from "./engine-core";
import { scoringMessages } from "./messages";
import { fill } from "@/lib/i18n/fill";

const wording = scoringMessages.engine;

export type { AutoOverride, ConditionResult, CriterionScore, GroupTotal, ManualMarks, ScoreOptions, ScoreResult } from "./engine-core";

export type ScoringInputCheck = { ok: true; facts: MeetingFacts } | { ok: false; errors: ScoringIssue[] };

/** Whether a meeting can be scored with this rubric and these facts; the errors are what `score` reports. */
export function checkScoringInput(rubric: Rubric, facts: MeetingFacts): ScoringInputCheck {
  const rubricCheck = validateRubricCached(rubric);
  if (!rubricCheck.ok) {
    return { ok: false, errors: [{ message: fill(wording.rubricInvalid, { code: rubric.code }) }, ...rubricCheck.errors] };
  }
  return checkFacts(facts);
}

/**
 * Scores one meeting. `manualMarks` holds every applicable MANUAL criterion; `options.overrides`
 * replaces AUTO results, each with a reason.
 */
export function score(rubric: Rubric, facts: MeetingFacts, manualMarks: ManualMarks, options: ScoreOptions = {}): ScoreResult {
  const input = checkScoringInput(rubric, facts);
  return input.ok ? scoreChecked(rubric, input.facts, manualMarks, options) : unscorable(rubric, input.errors);
}
