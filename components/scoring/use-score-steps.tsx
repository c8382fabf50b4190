// The steps of the score form: what a step needs before it is sent (found here, before asking the
// server), the question asked before a step that settles a column, the action each step posts to,
// and the submit itself, which acts once however often the button is pressed.
import { useTranslations } from "next-intl";
import { startTransition as outerTransition, useRef, useTransition, type FormEvent, type KeyboardEvent } from "react";
import { useConfirm, type ConfirmSpec } from "@/components/ui/confirm-dialog";
import { CONFIRMED_STEPS, postedOverrides, pts, STEPS, type Outcome, type ScoreAction, type ScoreActions, type Step } from "./scorecard-draft";
import { fieldIds, type Problem } from "./scorecard-problems";
import type { ScorecardState } from "./use-scorecard-state";
import type { ScorecardEditorView } from "@/lib/scoring/editor-view";

export function useScoreSteps({
  state,
  view,
  actions,
  onOutcome,
}: {
  state: ScorecardState;
  view: ScorecardEditorView;
  actions: ScoreActions;
  onOutcome: (outcome: Outcome | null) => void;
}) {
  const t = useTranslations("scorecard");
  const { live, focus, draft, manualCodes, setLocalProblems } = state;
  const [pending, startTransition] = useTransition();
  const busy = useRef(false);
  const { ask, dialog } = useConfirm();

  function route(step: Step): { action: ScoreAction; mode?: string } {
    switch (step) {
      case "draft":
        return { action: actions.draft };
      case "selfScore":
        return { action: actions.selfScore };
      case "confirm":
      case "adjust":
        return { action: actions.confirm, mode: step };
      case "approve":
        return { action: actions.finalise, mode: "approve" };
      case "adjustFinalise":
        return { action: actions.finalise, mode: "adjust" };
      case "return":
        return { action: actions.returnScore };
    }
  }

  /** What the server would refuse for a step that needs a complete column, found before asking it. */
  function precheck(step: Step, formData: FormData): Problem[] {
    if (step === "return") {
      return String(formData.get("reason") ?? "").trim().length < 3 ? [{ message: t("problems.reason.return"), code: null, fieldId: fieldIds.reason }] : [];
    }
    if (step !== "selfScore" && step !== "adjust" && step !== "adjustFinalise") return [];
    const out: Problem[] = [];
    for (const issue of live?.errors ?? []) {
      const code = issue.path ?? null;
      out.push({ message: issue.message, code, fieldId: code ? (manualCodes.has(code) ? fieldIds.mark(code) : fieldIds.auto(code)) : null });
    }
    for (const [code, o] of Object.entries(postedOverrides(draft))) {
      if (o.reason.trim().length < 3) out.push({ message: t("problems.overrideReason", { code }), code, fieldId: fieldIds.overrideReason(code) });
    }
    if (step === "selfScore") {
      if (view.deductionNeedsReason) {
        for (const c of live?.perCriterion ?? []) {
          const marked = (draft.marks[c.code] ?? "").trim() !== "";
          if (c.mode === "MANUAL" && c.applicable && marked && c.points < c.max && !draft.remarks[c.code]?.trim()) {
            out.push({ message: t("problems.deduction", { code: c.code, points: pts(c.points), max: pts(c.max) }), code: c.code, fieldId: fieldIds.remark(c.code) });
          }
        }
      }
      for (const [name, part] of [["voteFor", "for"], ["voteAgainst", "against"], ["voteAbstain", "abstain"]] as const) {
        const value = String(formData.get(name) ?? "").trim();
        if (!/^\d+$/.test(value)) out.push({ message: t(`problems.vote.${part}`), code: null, fieldId: fieldIds.vote(part) });
      }
    } else if (String(formData.get("reason") ?? "").trim().length < 3) {
      out.push({ message: t(`problems.reason.${step}`), code: null, fieldId: fieldIds.reason });
    }
    return out;
  }

  function confirmation(step: Step): ConfirmSpec {
    const result = live ?? focus;
    const values = { total: pts(result.total), max: pts(result.max), level: result.level ? t(`levels.${result.level}`) : t("totals.noLevel") };
    return {
      title: t(`confirmSteps.${step as Exclude<Step, "draft">}.title`),
      body: (
        <>
          <p className="font-semibold">{t("confirmSteps.result", values)}</p>
          <p>{t(`confirmSteps.${step as Exclude<Step, "draft">}.body`)}</p>
        </>
      ),
      confirmLabel: t(`confirmSteps.${step as Exclude<Step, "draft">}.action`),
      tone: step === "return" ? "danger" : "primary",
    };
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const step = (submitter instanceof HTMLButtonElement ? submitter.value : "") as Step;
    if (!STEPS.includes(step)) return;
    const formData = new FormData(event.currentTarget);
    const found = precheck(step, formData);
    if (found.length > 0) {
      onOutcome(null);
      setLocalProblems(found);
      return;
    }
    setLocalProblems(null);
    busy.current = true;
    if (CONFIRMED_STEPS.includes(step) && !(await ask(confirmation(step)))) {
      busy.current = false;
      return;
    }
    const { action, mode: stepMode } = route(step);
    if (stepMode) formData.set("mode", stepMode);
    startTransition(async () => {
      const result = await action(null, formData);
      busy.current = false;
      outerTransition(() => onOutcome({ step, result }));
    });
  }

  // Enter in a mark field must not trigger the first button (e.g. "Xác nhận"): every step is an explicit click.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
  }

  return { pending, dialog, onSubmit, onKeyDown };
}
