"use client";

// The scorecard screen, built to be scored on a phone in a few screens: each group of the rubric is
// folded behind its running subtotal; an AUTO criterion is one line with the record's evidence; a
// MANUAL one is its name and a mark field; a sticky bar keeps the total and level in sight; a failed
// step lists every problem with a jump to its field. The three columns (Tự chấm / Cấp ủy cấp trên /
// Thẩm định) stay side by side in a table that fits 390 px. The pure engine runs here as the user
// types; the server scores again on each step. Steps that lock a column ask first, and act once.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { TextAreaField } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { formatDateTime } from "@/lib/i18n/format";
import { Points } from "@/lib/exact/ratio";
import type { CriterionLayout, GroupLayout } from "@/lib/scoring/layout";
import type { ScorecardEditorView, ScoringMode } from "@/lib/scoring/editor-view";
import type { ColumnName } from "@/lib/scoring/workflow";
import { COLUMNS, pts, type Outcome, type ScoreActions } from "./scorecard-draft";
import { fieldIds, ProblemList } from "./scorecard-problems";
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
  const { layout, manualCodes, groupOf, editing, initial, draft, setDraft, openGroups, setOpenGroups, shownRemarks, setShownRemarks, summaryRef } = state;
  const { results, focusColumn, focus, changed, shownColumns, problems, problemsAt, liveIssues, unmarked, jumpTo } = state;
  const { setMark, setRemark, setOverride, toggleGroup, allOpen, columnLabel, shortLabel, levelText, cellText } = state;
  const { pending, dialog, onSubmit, onKeyDown } = useScoreSteps({ state, view, actions, onOutcome });

  /** "Tự chấm 5 · Cấp trên 4": the columns other than the one being scored, where they exist. */
  function otherColumns(c: CriterionLayout): ReactNode {
    const others = shownColumns.filter((column) => column !== editing);
    if (others.length === 0 || !c.applicable) return null;
    return (
      <p className="text-sm text-ink-700">
        {others.map((column, i) => (
          <span key={column}>
            {i > 0 ? " · " : ""}
            {shortLabel(column)} <span className="font-semibold text-ink-900">{cellText(column, c)}</span>
          </span>
        ))}
      </p>
    );
  }

  function remarksOfOthers(code: string): ReactNode {
    return COLUMNS.filter((column) => column !== editing && own[column]).map((column) => {
      const remark = view.columns[column]?.remarks[code]?.trim();
      return remark ? (
        <p key={column} className="text-sm text-ink-800">
          <span className="font-semibold">{t("criteria.remarkOf", { column: columnLabel(column) })}: </span>
          {remark}
        </p>
      ) : null;
    });
  }

  function autoCriterion(c: CriterionLayout) {
    const code = c.criterion.code;
    const scored = focus.perCriterion.find((p) => p.code === code);
    const override = draft.overrides[code];
    const issues = [...problemsAt(fieldIds.overridePoints(code)), ...problemsAt(fieldIds.auto(code)), ...liveIssues(code)];
    return (
      <li key={code} id={fieldIds.auto(code)} tabIndex={-1} className="flex flex-col gap-1 border-t border-ink-100 py-3 first:border-t-0 focus:outline-2 focus:outline-brand-700">
        <div className="flex items-start justify-between gap-3">
          <p className="min-w-0 text-base text-ink-900">
            <span className="mr-1.5 font-mono font-bold">{code}</span>
            {c.criterion.name}
          </p>
          <p className="shrink-0 text-base font-bold text-ink-950 tabular-nums">
            {c.applicable && scored ? `${pts(scored.points)}/${Points.format(c.maxTenths)}` : "—"}
          </p>
        </div>
        <p className="text-sm text-info-900">
          <span className="font-semibold">{t("criteria.auto")}</span>
          {c.applicable && scored?.evidence ? ` · ${scored.evidence}` : null}
          {!c.applicable ? ` · ${t("criteria.notApplicable")}` : null}
          {editing && c.applicable ? (
            <>
              {" · "}
              <button
                type="button"
                aria-expanded={override?.open ?? false}
                onClick={() => setOverride(code, { open: !(override?.open ?? false) })}
                className="inline min-h-0 font-semibold text-brand-800 underline"
              >
                {override?.open ? t("input.overrideCancel", { code }) : t("input.overrideOpen", { code })}
              </button>
            </>
          ) : null}
        </p>
        {otherColumns(c)}
        {remarksOfOthers(code)}
        {editing && c.applicable ? (
          <div className="flex flex-col gap-2">
            {override?.open ? (
              <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
                <TextField
                  id={fieldIds.overridePoints(code)}
                  label={t("input.overridePoints", { code })}
                  name={`override.${code}.points`}
                  value={override.points}
                  onChange={(e) => setOverride(code, { points: e.target.value })}
                  inputMode="decimal"
                  autoComplete="off"
                  hint={t("input.markHintShort", { max: Points.format(c.maxTenths), step: Points.format(c.stepTenths) })}
                />
                <TextField
                  id={fieldIds.overrideReason(code)}
                  label={t("input.overrideReason", { code })}
                  name={`override.${code}.reason`}
                  value={override.reason}
                  onChange={(e) => setOverride(code, { reason: e.target.value })}
                  autoComplete="off"
                  hint={t("input.overrideHint")}
                  errors={problemsAt(fieldIds.overrideReason(code)).length ? problemsAt(fieldIds.overrideReason(code)) : undefined}
                />
              </div>
            ) : null}
          </div>
        ) : null}
        {issues.length > 0 ? (
          <ul className="text-base font-medium text-danger-700">
            {[...new Set(issues)].map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
      </li>
    );
  }

  function manualCriterion(c: CriterionLayout) {
    const code = c.criterion.code;
    const markValue = draft.marks[code] ?? "";
    const parsed = Points.parse(markValue);
    const needsRemark = view.deductionNeedsReason && parsed !== null && parsed < c.maxTenths;
    const remark = draft.remarks[code] ?? "";
    const showRemark = needsRemark || remark.trim() !== "" || shownRemarks.has(code) || problemsAt(fieldIds.remark(code)).length > 0;
    const markErrors = [...problemsAt(fieldIds.mark(code)), ...liveIssues(code)];
    const hintId = `${fieldIds.mark(code)}-hint`;
    const errorId = `${fieldIds.mark(code)}-error`;
    const editable = editing !== null && c.applicable;
    return (
      <li key={code} className="flex flex-col gap-2 border-t border-ink-100 py-3 first:border-t-0">
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-base text-ink-900">
              <span className="mr-1.5 font-mono font-bold">{code}</span>
              {c.criterion.name}
            </p>
            <p className="text-sm text-ink-600">
              <span id={hintId}>
                {!c.applicable
                  ? t("criteria.notApplicable")
                  : editable
                    ? t("input.markHintShort", { max: Points.format(c.maxTenths), step: Points.format(c.stepTenths) })
                    : t("criteria.max", { max: Points.format(c.maxTenths) })}
              </span>
              {editable && !showRemark ? (
                <>
                  {" · "}
                  <button
                    type="button"
                    onClick={() => setShownRemarks((current) => new Set([...current, code]))}
                    aria-label={t("input.addRemarkLabel", { code })}
                    className="inline font-semibold text-brand-800 underline"
                  >
                    {t("input.addRemark", { code })}
                  </button>
                </>
              ) : null}
            </p>
          </div>
          {editable ? (
            <div className="shrink-0">
              <label htmlFor={fieldIds.mark(code)} className="sr-only">
                {t("input.mark", { code })}
              </label>
              <input
                id={fieldIds.mark(code)}
                name={`mark.${code}`}
                value={markValue}
                onChange={(e) => setMark(code, e.target.value)}
                inputMode="decimal"
                autoComplete="off"
                aria-invalid={markErrors.length > 0 || undefined}
                aria-describedby={[hintId, markErrors.length > 0 ? errorId : null].filter(Boolean).join(" ")}
                className={clsx(
                  "min-h-12 w-20 rounded-lg border bg-white px-2 text-center text-lg font-semibold text-ink-900",
                  markErrors.length > 0 ? "border-danger-700 ring-1 ring-danger-700" : "border-ink-400",
                )}
              />
            </div>
          ) : (
            <p className="shrink-0 text-base font-bold text-ink-950 tabular-nums">{focusColumn ? cellText(focusColumn, c) : "—"}</p>
          )}
        </div>
        {markErrors.length > 0 ? (
          <ul id={errorId} className="text-base font-medium text-danger-700">
            {[...new Set(markErrors)].map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {c.criterion.guidance ? (
          <details className="text-sm text-ink-700">
            <summary className="min-h-9 cursor-pointer font-semibold text-ink-800">{t("criteria.guidance")}</summary>
            <p className="mt-1">{c.criterion.guidance}</p>
          </details>
        ) : null}
        {otherColumns(c)}
        {remarksOfOthers(code)}
        {editable && showRemark ? (
          <TextField
            id={fieldIds.remark(code)}
            label={t("input.remark", { code })}
            name={`remark.${code}`}
            value={remark}
            onChange={(e) => setRemark(code, e.target.value)}
            autoComplete="off"
            aria-required={needsRemark || undefined}
            hint={needsRemark ? t("input.remarkRequired") : undefined}
            errors={problemsAt(fieldIds.remark(code)).length ? problemsAt(fieldIds.remark(code)) : undefined}
          />
        ) : null}
      </li>
    );
  }

  function groupSection(g: GroupLayout) {
    const code = g.group.code;
    const total = focus.groupTotals.find((x) => x.code === code);
    const open = openGroups.has(code);
    const waiting = editing ? g.criteria.filter((c) => unmarked.includes(c.criterion.code)).length : 0;
    const groupProblems = problems.filter((p) => p.code && groupOf.get(p.code) === code).length;
    const headingId = `group-${code}`;
    return (
      <section key={code} aria-labelledby={headingId} className="rounded-xl border border-ink-200 bg-white shadow-sm">
        <details open={open} onToggle={(e) => toggleGroup(code, (e.currentTarget as HTMLDetailsElement).open)}>
          <summary className="flex min-h-14 cursor-pointer list-none items-center gap-3 px-4 py-3 sm:px-5 [&::-webkit-details-marker]:hidden">
            <span aria-hidden="true" className={clsx("text-brand-800 transition-transform", open && "rotate-90")}>
              ▶
            </span>
            <span className="min-w-0 flex-1">
              <span id={headingId} className="block text-base font-semibold text-ink-900 sm:text-lg">
                {t("criteria.group", { code, name: g.group.name })}
              </span>
              <span className="flex flex-wrap gap-x-3 text-sm">
                {waiting > 0 ? <span className="text-warning-900">{t("criteria.waiting", { count: waiting })}</span> : null}
                {groupProblems > 0 ? <span className="font-semibold text-danger-700">{t("criteria.groupProblems", { count: groupProblems })}</span> : null}
              </span>
            </span>
            <span className="shrink-0 text-base font-bold text-ink-950 tabular-nums" data-testid={`group-total-${code}`}>
              {total ? t("totals.points", { points: pts(total.points), max: pts(total.max) }) : `—/${Points.format(g.pointsTenths)}`}
            </span>
          </summary>
          {/* A folded group's criteria are drawn when it opens (the jumps above open, render, then
              focus), so a card only read does not send every criterion's markup folded away.
              While a column is edited they stay in the form: the submit reads every field. */}
          {open || editing !== null ? (
            <ol className="flex flex-col border-t border-ink-100 px-4 sm:px-5">
              {g.criteria.map((c) => (c.criterion.mode === "AUTO" ? autoCriterion(c) : manualCriterion(c)))}
            </ol>
          ) : null}
        </details>
      </section>
    );
  }

  const done = outcome?.result.ok ? outcome : null;
  const stickyResult = results[focusColumn ?? "self"] ?? null;

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
      {problems.length > 0 ? <ProblemList problems={problems} summaryRef={summaryRef} jumpTo={jumpTo} /> : null}

      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-ink-700">{editing ? t("criteria.foldHint") : t("criteria.foldHintRead")}</p>
        <Button variant="ghost" className="shrink-0 underline" onClick={() => setOpenGroups(allOpen ? new Set() : new Set(layout.groups.map((g) => g.group.code)))}>
          {allOpen ? t("criteria.closeAll") : t("criteria.openAll")}
        </Button>
      </div>

      {layout.groups.map((g) => groupSection(g))}

      <section aria-labelledby="score-summary" className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6">
        <h3 id="score-summary" className="mb-3 text-xl font-semibold text-ink-900">
          {t("totals.title")}
        </h3>
        {/* One row per column: it fits a 390 px screen whatever the names. */}
        <table className="w-full table-fixed border-collapse text-left text-base">
          <thead>
            <tr className="border-b border-ink-300 text-sm text-ink-700">
              <th scope="col" className="w-[44%] py-2 pr-2 font-semibold">
                {t("totals.column")}
              </th>
              <th scope="col" className="py-2 pr-2 text-right font-semibold">
                {t("totals.total", { max: pts(focus.max) })}
              </th>
              <th scope="col" className="py-2 text-right font-semibold">
                {t("totals.level")}
              </th>
            </tr>
          </thead>
          <tbody>
            {COLUMNS.map((column) => {
              const c = view.columns[column];
              return (
                <tr key={column} className={clsx("border-b border-ink-100 align-top", column === editing && "bg-brand-50")}>
                  <th scope="row" className="py-2 pr-2 font-semibold text-ink-900">
                    {columnLabel(column)}
                    <span className="block text-xs font-normal text-ink-700">
                      {column === editing
                        ? t("totals.running")
                        : c?.at
                          ? c.by?.name
                            ? t("totals.byValue", { name: c.by.name, time: formatDateTime(c.at) })
                            : formatDateTime(c.at)
                          : column === "self" && c
                            ? t("totals.draft")
                            : null}
                    </span>
                  </th>
                  <td className="py-2 pr-2 text-right text-xl font-bold text-ink-950 tabular-nums" data-testid={`total-${column}`}>
                    {results[column] ? pts(results[column].total) : "—"}
                  </td>
                  <td className="py-2 text-right font-semibold break-words text-ink-900" data-testid={`level-${column}`}>
                    {results[column] ? levelText(results[column]) : "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {editing && unmarked.length > 0 ? <p className="mt-3 text-base text-warning-900">{t("totals.incomplete", { count: unmarked.length })}</p> : null}
        {view.columns.overseer?.reason ? (
          <p className="mt-3 text-base text-ink-800">
            <span className="font-semibold">{own.overseer ? t("reasons.overseerAdjust") : t("reasons.overseerConfirm")}: </span>
            {view.columns.overseer.reason}
          </p>
        ) : null}
        {view.columns.final?.reason ? (
          <p className="mt-2 text-base text-ink-800">
            <span className="font-semibold">{t("reasons.final")}: </span>
            {view.columns.final.reason}
          </p>
        ) : null}
        {view.vote && mode !== "draft" ? (
          <p className="mt-2 text-base text-ink-800">
            <span className="font-semibold">{t("vote.title")}: </span>
            {t("vote.summary", { for: view.vote.for, against: view.vote.against, abstain: view.vote.abstain, eligible: view.vote.eligible })}
          </p>
        ) : null}
        {view.card?.notes && mode !== "draft" ? (
          <p className="mt-2 text-base text-ink-800">
            <span className="font-semibold">{t("actions.notes")}: </span>
            {view.card.notes}
          </p>
        ) : null}

        <details className="mt-4" open={focus.conditions.some((condition) => !condition.held)}>
          <summary className="min-h-11 cursor-pointer text-lg font-semibold text-ink-900">
            {focusColumn ? t("conditions.titleOf", { column: columnLabel(focusColumn) }) : t("conditions.title")}
          </summary>
          {focus.conditions.length === 0 ? (
            <p className="mt-1 text-base text-ink-700">{t("conditions.none")}</p>
          ) : (
            <ul className="mt-2 flex flex-col gap-2">
              {focus.conditions.map((condition) => (
                <li key={condition.code} className="flex items-start gap-2">
                  <Badge tone={condition.held ? "success" : "muted"} className="mt-0.5 shrink-0">
                    {condition.held ? t("conditions.held") : t("conditions.failed")}
                  </Badge>
                  <span className="min-w-0 flex-1 text-base text-ink-800">
                    <span className="font-semibold">{condition.name}</span>
                    {` (${t("conditions.for", { level: t(`levels.${condition.level}`) })}): `}
                    {condition.explanation}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </details>
      </section>

      {mode ? (
        <section id="score-actions" aria-labelledby="score-actions-title" className="scroll-mt-4 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6 print:hidden">
          <h3 id="score-actions-title" className="mb-4 text-xl font-semibold text-ink-900">
            {t("actions.title")}
          </h3>
          <div className="flex flex-col gap-4">
            {mode === "draft" ? (
              <>
                <p className="text-base text-ink-700">{t("actions.draftHint")}</p>
                <TextAreaField id={fieldIds.notes} label={t("actions.notes")} name="notes" defaultValue={view.card?.notes ?? ""} rows={3} errors={problemsAt(fieldIds.notes).length ? problemsAt(fieldIds.notes) : undefined} />
                {view.can.selfScore ? (
                  <fieldset className="flex flex-col gap-3">
                    <legend className="text-base font-semibold text-ink-900">{t("vote.title")}</legend>
                    <p className="text-sm text-ink-600">{t("vote.hint")}</p>
                    <div className="grid grid-cols-3 items-end gap-2 sm:gap-3">
                      {(["for", "against", "abstain"] as const).map((part) => (
                        <TextField
                          key={part}
                          id={fieldIds.vote(part)}
                          label={t(`vote.${part}`)}
                          name={part === "for" ? "voteFor" : part === "against" ? "voteAgainst" : "voteAbstain"}
                          inputMode="numeric"
                          autoComplete="off"
                          defaultValue={view.vote ? String(view.vote[part]) : part === "for" ? "" : "0"}
                          errors={problemsAt(fieldIds.vote(part)).length ? problemsAt(fieldIds.vote(part)) : undefined}
                        />
                      ))}
                    </div>
                  </fieldset>
                ) : (
                  <Alert tone="info">{t("actions.selfNeedsAdopted")}</Alert>
                )}
              </>
            ) : (
              <>
                <p className="text-base text-ink-700">{mode === "confirm" ? t("actions.confirmHint") : t("actions.finaliseHint")}</p>
                <TextAreaField
                  id={fieldIds.reason}
                  label={t("actions.reason")}
                  name="reason"
                  rows={3}
                  hint={mode === "confirm" ? t("actions.reasonConfirmHint") : t("actions.reasonFinaliseHint")}
                  errors={problemsAt(fieldIds.reason).length ? problemsAt(fieldIds.reason) : undefined}
                />
                {changed ? (
                  <div className="flex flex-col gap-2 rounded-lg bg-warning-50 px-4 py-3 text-base text-warning-900 sm:flex-row sm:items-center sm:justify-between">
                    <p>{mode === "confirm" ? t("actions.changedConfirm") : t("actions.changedFinalise")}</p>
                    <Button variant="secondary" onClick={() => setDraft(initial)}>
                      {t("actions.restore")}
                    </Button>
                  </div>
                ) : null}
              </>
            )}
            <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
              {mode === "draft" ? (
                <>
                  {view.can.selfScore ? (
                    <Button type="submit" name="step" value="selfScore" disabled={pending}>
                      {t("actions.submitSelf")}
                    </Button>
                  ) : null}
                  <Button type="submit" name="step" value="draft" variant="secondary" disabled={pending}>
                    {t("actions.saveDraft")}
                  </Button>
                </>
              ) : null}
              {mode === "confirm" ? (
                <>
                  <Button type="submit" name="step" value="confirm" disabled={pending || changed}>
                    {t("actions.confirm")}
                  </Button>
                  <Button type="submit" name="step" value="adjust" variant="secondary" disabled={pending}>
                    {t("actions.adjust")}
                  </Button>
                </>
              ) : null}
              {mode === "finalise" ? (
                <>
                  {view.can.finalise ? (
                    <>
                      <Button type="submit" name="step" value="approve" disabled={pending || changed}>
                        {t("actions.approve")}
                      </Button>
                      <Button type="submit" name="step" value="adjustFinalise" variant="secondary" disabled={pending}>
                        {t("actions.adjustFinalise")}
                      </Button>
                    </>
                  ) : null}
                  {view.can.returnScore ? (
                    <Button type="submit" name="step" value="return" variant="secondary" disabled={pending}>
                      {t("actions.return")}
                    </Button>
                  ) : null}
                </>
              ) : null}
            </div>
            {pending ? (
              <p role="status" className="text-base text-ink-700">
                {t("actions.working")}
              </p>
            ) : null}
          </div>
        </section>
      ) : null}

      {/* The total and level stay in sight while scrolling through the groups (it settles here at the end). */}
      <div className="sticky bottom-0 z-20 -mx-4 border-t border-ink-200 bg-white/95 px-4 py-2 shadow-[0_-4px_12px_rgb(0_0_0/0.06)] backdrop-blur sm:mx-0 sm:rounded-t-xl print:hidden">
        <div className="flex items-center justify-between gap-3">
          <p className="min-w-0 text-base text-ink-900" aria-live="polite">
            <span className="block text-xs text-ink-700">
              {focusColumn ? (focusColumn === editing ? t("sticky.running", { column: columnLabel(focusColumn) }) : columnLabel(focusColumn)) : t("sticky.none")}
            </span>
            <span className="font-bold tabular-nums" data-testid="sticky-total">
              {stickyResult ? t("sticky.total", { total: pts(stickyResult.total), max: pts(stickyResult.max) }) : "—"}
            </span>
            {" · "}
            <span className="font-semibold" data-testid="sticky-level">
              {levelText(stickyResult)}
            </span>
          </p>
          {problems.length > 0 ? (
            <a href="#score-problems" className="shrink-0 text-sm font-semibold text-danger-700 underline">
              {t("sticky.problems", { count: problems.length })}
            </a>
          ) : editing && unmarked.length > 0 ? (
            <button
              type="button"
              className="min-h-11 shrink-0 text-sm font-semibold text-warning-900 underline"
              onClick={() => jumpTo({ message: "", code: unmarked[0]!, fieldId: manualCodes.has(unmarked[0]!) ? fieldIds.mark(unmarked[0]!) : fieldIds.auto(unmarked[0]!) })}
            >
              {t("sticky.unmarked", { count: unmarked.length })}
            </button>
          ) : mode ? (
            <a href="#score-actions" className="shrink-0 text-sm font-semibold text-brand-800 underline">
              {t("sticky.toActions")}
            </a>
          ) : null}
        </div>
      </div>
    </form>
  );
}
