// The card's result: the totals and levels of each column with who scored it and when, the
// reasons and the vote given with them, and the level conditions of the column in focus; and the
// sticky bar that keeps the total and level in sight while scrolling through the groups.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/i18n/format";
import type { ScorecardEditorView, ScoringMode } from "@/lib/scoring/editor-view";
import type { ColumnName } from "@/lib/scoring/workflow";
import { COLUMNS, pts } from "./scorecard-draft";
import { fieldIds } from "./scorecard-problems";
import type { ScorecardState } from "./use-scorecard-state";

export function ScorecardSummary({
  state,
  view,
  mode,
  own,
}: {
  state: ScorecardState;
  view: ScorecardEditorView;
  mode: ScoringMode | null;
  own: Record<ColumnName, boolean>;
}) {
  const t = useTranslations("scorecard");
  const { focus, focusColumn, editing, results, unmarked, columnLabel, levelText } = state;
  return (
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
  );
}

/** The total and level stay in sight while scrolling through the groups (it settles at the form's end). */
export function StickyTotal({ state, mode }: { state: ScorecardState; mode: ScoringMode | null }) {
  const t = useTranslations("scorecard");
  const { results, focusColumn, editing, problems, unmarked, manualCodes, jumpTo, columnLabel, levelText } = state;
  const stickyResult = results[focusColumn ?? "self"] ?? null;
  return (
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
  );
}
