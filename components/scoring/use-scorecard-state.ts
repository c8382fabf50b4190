// The score editor's state: the draft of the column being scored, the pure engine run on it as the
// user types (and on the saved columns, as the server scores them), the problems to show, which
// groups and remark fields are open, and the jumps from a problem to its field. ScorecardBody
// (scorecard-editor.tsx) calls it once and hands what it returns to its parts.
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { scoreChecked, unscorable, type ScoreResult } from "@/lib/scoring/engine-core";
import { layoutFor, type CriterionLayout } from "@/lib/scoring/layout";
import { EDITED, type EditorColumn, type ScorecardEditorView, type ScoringMode } from "@/lib/scoring/editor-view";
import type { ColumnName } from "@/lib/scoring/workflow";
import { COLUMNS, draftOf, fingerprint, postedMarks, postedOverrides, pts, type Draft, type Outcome } from "./scorecard-draft";
import { fieldIds, problemsFromFieldErrors, type Problem } from "./scorecard-problems";

export type ScorecardState = ReturnType<typeof useScorecardState>;

export function useScorecardState({ view, mode, outcome }: { view: ScorecardEditorView; mode: ScoringMode | null; outcome: Outcome | null }) {
  const t = useTranslations("scorecard");
  const definition = view.definition;
  const facts = view.facts;
  const layout = useMemo(() => layoutFor(definition, facts.hasThematicPart, facts.kind === "THEMATIC"), [definition, facts]);
  const manualCodes = useMemo(() => new Set(layout.criteria.filter((c) => c.criterion.mode === "MANUAL").map((c) => c.criterion.code)), [layout]);
  const groupOf = useMemo(() => new Map(layout.criteria.map((c) => [c.criterion.code, c.group.code])), [layout]);
  const editing = mode ? EDITED[mode] : null;
  // The overseer starts from the self-score, the reviewer from the overseer's column (or the self-score).
  const source = mode === "finalise" ? (view.columns.overseer ?? view.columns.self) : view.columns.self;
  const initial = useMemo(() => draftOf(source), [source]);
  const [draft, setDraft] = useState<Draft>(initial);
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(() => new Set());
  const [shownRemarks, setShownRemarks] = useState<ReadonlySet<string>>(() => new Set());
  const [localProblems, setLocalProblems] = useState<Problem[] | null>(null);
  const focusAfterRender = useRef<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  // The server checked the rubric and facts (view.inputErrors): scoring here loads no zod.
  const inputErrors = view.inputErrors;
  const live = useMemo(
    () =>
      editing
        ? inputErrors.length > 0
          ? unscorable(definition, inputErrors)
          : scoreChecked(definition, facts, postedMarks(draft), { overrides: postedOverrides(draft) })
        : null,
    [editing, definition, facts, draft, inputErrors],
  );
  // AUTO evidence for a meeting nobody has scored yet.
  const blank = useMemo(
    () => (inputErrors.length > 0 ? unscorable(definition, inputErrors) : scoreChecked(definition, facts, {})),
    [definition, facts, inputErrors],
  );
  // The saved columns, scored here as the server scores them (score: the same engine, rubric,
  // facts and marks), so their results need not travel with the page.
  const saved = useMemo(() => {
    const scored = (column: EditorColumn | null): ScoreResult | null =>
      column === null
        ? null
        : inputErrors.length > 0
          ? unscorable(definition, inputErrors)
          : scoreChecked(definition, facts, column.marks, { overrides: column.overrides });
    return { self: scored(view.columns.self), overseer: scored(view.columns.overseer), final: scored(view.columns.final) };
  }, [definition, facts, inputErrors, view.columns]);
  const results: Record<ColumnName, ScoreResult | null> = {
    self: editing === "self" ? live : saved.self,
    overseer: editing === "overseer" ? live : saved.overseer,
    final: editing === "final" ? live : saved.final,
  };
  const marksIn = (column: ColumnName): Record<string, unknown> | null =>
    column === editing ? postedMarks(draft) : (view.columns[column]?.marks ?? null);
  const focusColumn: ColumnName | null = editing ?? view.effective?.column ?? (view.columns.self ? "self" : null);
  const focus = (focusColumn ? results[focusColumn] : null) ?? blank;
  const changed = mode !== null && mode !== "draft" && fingerprint(draft) !== fingerprint(initial);
  const shownColumns = COLUMNS.filter((column) => column === editing || view.columns[column] !== null);

  const serverFieldErrors = outcome && !outcome.result.ok ? (outcome.result.fieldErrors ?? {}) : {};
  const problems: Problem[] =
    localProblems ??
    (outcome && !outcome.result.ok
      ? (() => {
          const listed = problemsFromFieldErrors(serverFieldErrors, manualCodes);
          const error = outcome.result.error;
          return listed.length > 0 ? listed : [{ message: error, code: null, fieldId: null }];
        })()
      : []);
  const problemsAt = (fieldId: string) => problems.filter((p) => p.fieldId === fieldId).map((p) => p.message);

  const liveIssues = (code: string) => (live?.errors ?? []).filter((e) => e.path === code && e.kind !== "unmarked").map((e) => e.message);
  const unmarked = live ? live.errors.filter((e) => e.kind === "unmarked").map((e) => e.path).filter((code): code is string => Boolean(code)) : [];

  // Jumps: open the group, render, then focus the field.
  useEffect(() => {
    const id = focusAfterRender.current;
    if (!id) return;
    focusAfterRender.current = null;
    const element = document.getElementById(id);
    element?.scrollIntoView({ block: "center" });
    element?.focus({ preventScroll: true });
  });
  useEffect(() => {
    if (problems.length > 0) {
      summaryRef.current?.scrollIntoView({ block: "start" });
      summaryRef.current?.focus({ preventScroll: true });
    }
    // When a new set of problems arrives (problems are worked out from these two).
  }, [outcome, localProblems, problems.length]);

  function jumpTo(problem: Problem) {
    if (problem.code) {
      const group = groupOf.get(problem.code);
      if (group) setOpenGroups((current) => new Set([...current, group]));
      if (problem.fieldId === fieldIds.remark(problem.code)) setShownRemarks((current) => new Set([...current, problem.code!]));
      if (problem.fieldId?.startsWith("score-override-")) setOverride(problem.code, { open: true });
    }
    focusAfterRender.current = problem.fieldId ?? (problem.code ? fieldIds.auto(problem.code) : null);
    if (!problem.code && problem.fieldId) {
      const element = document.getElementById(problem.fieldId);
      element?.scrollIntoView({ block: "center" });
      element?.focus({ preventScroll: true });
      focusAfterRender.current = null;
    }
  }

  const setMark = (code: string, value: string) => setDraft((d) => ({ ...d, marks: { ...d.marks, [code]: value } }));
  const setRemark = (code: string, value: string) => setDraft((d) => ({ ...d, remarks: { ...d.remarks, [code]: value } }));
  function setOverride(code: string, patch: Partial<Draft["overrides"][string]>) {
    setDraft((d) => ({ ...d, overrides: { ...d.overrides, [code]: { points: "", reason: "", open: false, ...d.overrides[code], ...patch } } }));
  }
  const toggleGroup = (code: string, open: boolean) =>
    setOpenGroups((current) => {
      const next = new Set(current);
      if (open) next.add(code);
      else next.delete(code);
      return next;
    });
  const allOpen = openGroups.size === layout.groups.length;

  const columnLabel = (column: ColumnName) => t(`columns.${column}`);
  const shortLabel = (column: ColumnName) => t(`columnsShort.${column}`);
  const levelText = (result: ScoreResult | null) => (result?.level ? t(`levels.${result.level}`) : t("totals.noLevel"));

  function cellText(column: ColumnName, c: CriterionLayout): string {
    const result = results[column];
    const code = c.criterion.code;
    if (!result || !c.applicable) return "—";
    const scored = result.perCriterion.find((p) => p.code === code);
    if (!scored) return "—";
    if (scored.mode === "MANUAL" && marksIn(column)?.[code] === undefined) return "—";
    if (column === editing && result.errors.some((e) => e.path === code)) return "?";
    return pts(scored.points);
  }

  return {
    layout,
    manualCodes,
    groupOf,
    editing,
    initial,
    draft,
    setDraft,
    openGroups,
    setOpenGroups,
    shownRemarks,
    setShownRemarks,
    localProblems,
    setLocalProblems,
    summaryRef,
    live,
    results,
    focusColumn,
    focus,
    changed,
    shownColumns,
    problems,
    problemsAt,
    liveIssues,
    unmarked,
    jumpTo,
    setMark,
    setRemark,
    setOverride,
    toggleGroup,
    allOpen,
    columnLabel,
    shortLabel,
    levelText,
    cellText,
  };
}
