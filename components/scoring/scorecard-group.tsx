// A group of the rubric, folded behind its running subtotal and what is left to do in it; the bar
// above the groups that opens or closes them all.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Points } from "@/lib/exact/ratio";
import type { GroupLayout } from "@/lib/scoring/layout";
import type { ScorecardEditorView } from "@/lib/scoring/editor-view";
import type { ColumnName } from "@/lib/scoring/workflow";
import { pts } from "./scorecard-draft";
import { AutoCriterion, ManualCriterion } from "./scorecard-criterion";
import type { ScorecardState } from "./use-scorecard-state";

export function FoldBar({ state }: { state: ScorecardState }) {
  const t = useTranslations("scorecard");
  const { editing, allOpen, setOpenGroups, layout } = state;
  return (
    <div className="flex items-center justify-between gap-3">
      <p className="text-sm text-ink-700">{editing ? t("criteria.foldHint") : t("criteria.foldHintRead")}</p>
      <Button variant="ghost" className="shrink-0 underline" onClick={() => setOpenGroups(allOpen ? new Set() : new Set(layout.groups.map((g) => g.group.code)))}>
        {allOpen ? t("criteria.closeAll") : t("criteria.openAll")}
      </Button>
    </div>
  );
}

export function ScorecardGroup({ g, state, view, own }: { g: GroupLayout; state: ScorecardState; view: ScorecardEditorView; own: Record<ColumnName, boolean> }) {
  const t = useTranslations("scorecard");
  const { focus, openGroups, editing, unmarked, problems, groupOf, toggleGroup } = state;
  const code = g.group.code;
  const total = focus.groupTotals.find((x) => x.code === code);
  const open = openGroups.has(code);
  const waiting = editing ? g.criteria.filter((c) => unmarked.includes(c.criterion.code)).length : 0;
  const groupProblems = problems.filter((p) => p.code && groupOf.get(p.code) === code).length;
  const headingId = `group-${code}`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-ink-200 bg-white shadow-sm">
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
            {g.criteria.map((c) =>
              c.criterion.mode === "AUTO" ? (
                <AutoCriterion key={c.criterion.code} c={c} state={state} view={view} own={own} />
              ) : (
                <ManualCriterion key={c.criterion.code} c={c} state={state} view={view} own={own} />
              ),
            )}
          </ol>
        ) : null}
      </details>
    </section>
  );
}
