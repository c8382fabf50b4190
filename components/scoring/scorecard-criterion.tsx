// One criterion of the rubric as a row of its group: an AUTO one is a line with the record's
// evidence and a way to override it; a MANUAL one is its name, a mark field and, when asked for
// or needed for a deduction, a remark. Both show the other columns' marks and remarks beside it.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { TextField } from "@/components/ui/text-field";
import { Points } from "@/lib/exact/ratio";
import type { CriterionLayout } from "@/lib/scoring/layout";
import type { ScorecardEditorView } from "@/lib/scoring/editor-view";
import type { ColumnName } from "@/lib/scoring/workflow";
import { COLUMNS, pts } from "./scorecard-draft";
import { fieldIds } from "./scorecard-problems";
import type { ScorecardState } from "./use-scorecard-state";

interface CriterionProps {
  c: CriterionLayout;
  state: ScorecardState;
  view: ScorecardEditorView;
  own: Record<ColumnName, boolean>;
}

/** "Tự chấm 5 · Cấp trên 4": the columns other than the one being scored, where they exist. */
function OtherColumns({ c, state }: { c: CriterionLayout; state: ScorecardState }): ReactNode {
  const { shownColumns, editing, shortLabel, cellText } = state;
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

function RemarksOfOthers({ code, state, view, own }: { code: string; state: ScorecardState; view: ScorecardEditorView; own: Record<ColumnName, boolean> }): ReactNode {
  const t = useTranslations("scorecard");
  const { editing, columnLabel } = state;
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

export function AutoCriterion({ c, state, view, own }: CriterionProps) {
  const t = useTranslations("scorecard");
  const { focus, draft, editing, problemsAt, liveIssues, setOverride } = state;
  const code = c.criterion.code;
  const scored = focus.perCriterion.find((p) => p.code === code);
  const override = draft.overrides[code];
  const issues = [...problemsAt(fieldIds.overridePoints(code)), ...problemsAt(fieldIds.auto(code)), ...liveIssues(code)];
  return (
    <li id={fieldIds.auto(code)} tabIndex={-1} className="flex flex-col gap-1 border-t border-ink-100 py-3 first:border-t-0 focus:outline-2 focus:outline-brand-700">
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
      <OtherColumns c={c} state={state} />
      <RemarksOfOthers code={code} state={state} view={view} own={own} />
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

export function ManualCriterion({ c, state, view, own }: CriterionProps) {
  const t = useTranslations("scorecard");
  const { draft, editing, focusColumn, shownRemarks, setShownRemarks, problemsAt, liveIssues, setMark, setRemark, cellText } = state;
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
    <li className="flex flex-col gap-2 border-t border-ink-100 py-3 first:border-t-0">
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
      <OtherColumns c={c} state={state} />
      <RemarksOfOthers code={code} state={state} view={view} own={own} />
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
