"use client";

// The scorecard screen, built to be scored on a phone in a few screens: each group of the rubric is
// folded behind its running subtotal; an AUTO criterion is one line with the record's evidence; a
// MANUAL one is its name and a mark field; a sticky bar keeps the total and level in sight; a failed
// step lists every problem with a jump to its field. The three columns (Tự chấm / Cấp ủy cấp trên /
// Thẩm định) stay side by side in a table that fits 390 px. The pure engine runs here as the user
// types; the server scores again on each step. Steps that lock a column ask first, and act once.
//
// The parts live beside it: the draft and steps (scorecard-draft.ts), the editor's state and live
// scoring (use-scorecard-state.ts), the submit (use-score-steps.tsx), problems (scorecard-problems.tsx),
// groups and criteria (scorecard-group.tsx, scorecard-criterion.tsx), totals and the sticky bar
// (scorecard-summary.tsx) and the action bar (scorecard-action-bar.tsx).
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import type { ScorecardEditorView, ScoringMode } from "@/lib/scoring/editor-view";
import type { ColumnName } from "@/lib/scoring/workflow";
import { pts, type Outcome, type ScoreActions } from "./scorecard-draft";
import { ProblemList } from "./scorecard-problems";
import { FoldBar, ScorecardGroup } from "./scorecard-group";
import { ScorecardSummary, StickyTotal } from "./scorecard-summary";
import { ScorecardActionBar } from "./scorecard-action-bar";
import { useScorecardState } from "./use-scorecard-state";
import { useScoreSteps } from "./use-score-steps";

export type { ScoringMode };
export type { ScoreAction, ScoreActions } from "./scorecard-draft";
export { problemsFromFieldErrors, type Problem } from "./scorecard-problems";

export function ScorecardEditor({
  view,
  mode,
  own,
  actions,
}: {
  /** Only what the editor reads (lib/scoring/editor-view.ts): the page's RSC payload carries it. */
  view: ScorecardEditorView;
  /** What the user may score now; null: read-only. */
  mode: ScoringMode | null;
  /** Whether the overseer and final columns scored on their own (else they confirm the one before). */
  own: Record<ColumnName, boolean>;
  actions: ScoreActions;
}) {
  // A new card version or state (after any save, here or elsewhere) starts the form over from the server's data.
  const key = `${view.card?.version ?? 0}:${view.meeting.state}:${mode ?? "read"}`;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return <ScorecardBody key={key} view={view} mode={mode} own={own} actions={actions} outcome={outcome} onOutcome={setOutcome} />;
}

function ScorecardBody({
  view,
  mode,
  own,
  actions,
  outcome,
  onOutcome,
}: {
  view: ScorecardEditorView;
  mode: ScoringMode | null;
  own: Record<ColumnName, boolean>;
  actions: ScoreActions;
  outcome: Outcome | null;
  onOutcome: (outcome: Outcome | null) => void;
}) {
  const t = useTranslations("scorecard");
  const state = useScorecardState({ view, mode, outcome });
  const { pending, dialog, onSubmit, onKeyDown } = useScoreSteps({ state, view, actions, onOutcome });
  const done = outcome?.result.ok ? outcome : null;

  return (
    <form onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate className="flex flex-col gap-4">
      {dialog}
      <input type="hidden" name="meetingId" value={view.meeting.id} />
      <input type="hidden" name="version" value={String(view.card?.version ?? 0)} />

      {done?.result.ok ? (
        <Alert tone="success">
          {t(`done.${done.step}`, { total: pts(done.result.data.total), level: done.result.data.level ? t(`levels.${done.result.data.level}`) : t("totals.noLevel") })}
        </Alert>
      ) : null}
      {state.problems.length > 0 ? <ProblemList problems={state.problems} summaryRef={state.summaryRef} jumpTo={state.jumpTo} /> : null}

      <FoldBar state={state} />

      {state.layout.groups.map((g) => (
        <ScorecardGroup key={g.group.code} g={g} state={state} view={view} own={own} />
      ))}

      <ScorecardSummary state={state} view={view} mode={mode} own={own} />

      {mode ? <ScorecardActionBar state={state} view={view} mode={mode} pending={pending} /> : null}

      {/* The total and level stay in sight while scrolling through the groups (it settles here at the end). */}
      <StickyTotal state={state} mode={mode} />
    </form>
  );
}
