// What the score editor (components/scoring/scorecard-editor.tsx, a client component) reads of a
// ScorecardView, built on the server: a client component's props travel to the browser in the
// page's RSC payload, so it gets only these fields. Left out: the meeting's branch and times, the
// rubric reference, the anomalies and the moves it does not offer (the page shows those), and each
// column's result (7 KB each): the server's result is score(definition, facts, marks, overrides),
// which the editor computes from the same inputs with the same engine (scoreChecked), as it does
// for the column being edited.
// Types only from the server modules: this file is safe to import from the browser.
import type { Rubric } from "./model";
import type { MeetingFacts } from "./facts";
import type { ColumnName, ScoreColumn, ScorecardView } from "./workflow";

export type ScoringMode = "draft" | "confirm" | "finalise";

/** The column each mode edits. */
export const EDITED: Record<ScoringMode, ColumnName> = { draft: "self", confirm: "overseer", finalise: "final" };

/** A column as the editor shows it: its marks, who scored it and when, and why it differs. */
export interface EditorColumn extends Omit<ScoreColumn, "result" | "by"> {
  by: { name: string } | null;
}

type View = ScorecardView;

export interface ScorecardEditorView {
  meeting: Pick<View["meeting"], "id" | "state">;
  definition: Rubric;
  facts: MeetingFacts;
  inputErrors: View["inputErrors"];
  card: Pick<NonNullable<View["card"]>, "version" | "notes"> | null;
  columns: Record<ColumnName, EditorColumn | null>;
  vote: View["vote"];
  effective: Pick<NonNullable<View["effective"]>, "column"> | null;
  can: Pick<View["can"], "selfScore" | "finalise" | "returnScore">;
  deductionNeedsReason: boolean;
}

function editorColumn(column: ScoreColumn | null): EditorColumn | null {
  if (!column) return null;
  const { marks, remarks, overrides, by, at, reason } = column;
  return { marks, remarks, overrides, by: by ? { name: by.name } : null, at, reason };
}

/** The editor's part of a scorecard, or null when it cannot be scored (no rubric or facts). */
export function scorecardEditorView(view: ScorecardView): ScorecardEditorView | null {
  if (!view.definition || !view.facts) return null;
  return {
    meeting: { id: view.meeting.id, state: view.meeting.state },
    definition: view.definition,
    facts: view.facts,
    inputErrors: view.inputErrors,
    card: view.card ? { version: view.card.version, notes: view.card.notes } : null,
    columns: {
      self: editorColumn(view.columns.self),
      overseer: editorColumn(view.columns.overseer),
      final: editorColumn(view.columns.final),
    },
    vote: view.vote,
    effective: view.effective ? { column: view.effective.column } : null,
    can: { selfScore: view.can.selfScore, finalise: view.can.finalise, returnScore: view.can.returnScore },
    deductionNeedsReason: view.deductionNeedsReason,
  };
}
