// The steps the user may take now, by mode: the branch's notes, vote and draft/self-score buttons;
// the overseer's and reviewer's reason, the warning that their marks differ from the column they
// start from, and the confirm/adjust, approve/adjust/return buttons.
import { useTranslations } from "next-intl";
import { TextAreaField } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ScorecardEditorView, ScoringMode } from "@/lib/scoring/editor-view";
import { fieldIds } from "./scorecard-problems";
import type { ScorecardState } from "./use-scorecard-state";

export function ScorecardActionBar({ state, view, mode, pending }: { state: ScorecardState; view: ScorecardEditorView; mode: ScoringMode; pending: boolean }) {
  const t = useTranslations("scorecard");
  const { problemsAt, changed, setDraft, initial } = state;
  return (
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
  );
}
