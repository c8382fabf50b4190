// The score editor's data without its screen: the steps and the actions they post to, the draft a
// column is typed into, and what the form posts of it (as the service folds it). Pure: the editor's
// hooks and parts (scorecard-editor.tsx and its neighbours) share it.
import type { ActionResult } from "@/lib/actions/define-action";
import type { AutoOverride } from "@/lib/scoring/engine-core";
import { Points } from "@/lib/exact/ratio";
import type { Level } from "@/lib/domain/levels";
import type { EditorColumn } from "@/lib/scoring/editor-view";
import type { ColumnName } from "@/lib/scoring/workflow";

export type Step = "draft" | "selfScore" | "confirm" | "adjust" | "approve" | "adjustFinalise" | "return";
export const STEPS: readonly Step[] = ["draft", "selfScore", "confirm", "adjust", "approve", "adjustFinalise", "return"];
/** Steps that settle a column the same person cannot take back: asked once more before they run. */
export const CONFIRMED_STEPS: readonly Step[] = ["selfScore", "confirm", "adjust", "approve", "adjustFinalise", "return"];

type StepAnswer = { total: number; level: Level | null };
/** A server action of actions.ts (defineAction): (previous state, form) → result. */
export type ScoreAction = (previous: null, formData: FormData) => Promise<ActionResult<StepAnswer>>;
export interface ScoreActions {
  draft: ScoreAction;
  selfScore: ScoreAction;
  confirm: ScoreAction;
  finalise: ScoreAction;
  returnScore: ScoreAction;
}

/** The answer to the last step taken, kept above the form so it outlives the form's reset. */
export interface Outcome {
  step: Step;
  result: ActionResult<StepAnswer>;
}

export const COLUMNS: readonly ColumnName[] = ["self", "overseer", "final"];

/** 4.5 → "4,5". */
export function pts(points: number): string {
  return Points.format(Math.round(points * 10), "vi");
}

export interface Draft {
  marks: Record<string, string>;
  remarks: Record<string, string>;
  overrides: Record<string, { points: string; reason: string; open: boolean }>;
}

const asInput = (value: number | string) => String(value).replace(".", ",");

export function draftOf(column: EditorColumn | null): Draft {
  return {
    marks: Object.fromEntries(Object.entries(column?.marks ?? {}).map(([code, v]) => [code, asInput(v)])),
    remarks: { ...(column?.remarks ?? {}) },
    overrides: Object.fromEntries(
      Object.entries(column?.overrides ?? {}).map(([code, o]) => [code, { points: asInput(o.points), reason: o.reason, open: true }]),
    ),
  };
}

/** What the form posts, as the service folds it: blank marks and closed overrides are left out. */
export function postedMarks(draft: Draft): Record<string, string> {
  return Object.fromEntries(Object.entries(draft.marks).filter(([, v]) => v.trim() !== ""));
}

export function postedOverrides(draft: Draft): Record<string, AutoOverride> {
  return Object.fromEntries(
    Object.entries(draft.overrides)
      .filter(([, o]) => o.open && (o.points.trim() !== "" || o.reason.trim() !== ""))
      .map(([code, o]) => [code, { points: o.points.trim(), reason: o.reason }]),
  );
}

/** Marks and overrides as the service compares them (remarks do not make an adjustment). */
export function fingerprint(draft: Draft): string {
  const norm = (entries: [string, string][]) => entries.map(([k, v]) => [k, v.trim().replace(",", ".")]).sort();
  return JSON.stringify([
    norm(Object.entries(postedMarks(draft))),
    norm(Object.entries(postedOverrides(draft)).map(([k, o]) => [k, String(o.points)])),
  ]);
}
