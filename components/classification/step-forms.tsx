"use client";

// The forms of a classification case, one per step: the self-assessment (draft or submit), the
// branch's review meeting and vote, the superior's appraisal, the decision, a return with a reason,
// and a member's commitments for the year. Each keeps what was typed when the server refuses and
// shows every message next to its field.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { FormError, Hidden, SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { CaseView } from "@/lib/classification/cases";
import { CLASSIFICATION_LEVELS, LEVEL_LABELS, type ClassificationLevel } from "@/lib/classification/model";
import { formatCalendarDate } from "@/lib/i18n/format";
import { MarksEditor } from "./marks-editor";

type Action = FormAction<null>;

function levelOptions(placeholder?: string) {
  return [...(placeholder ? [{ value: "", label: placeholder }] : []), ...CLASSIFICATION_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))];
}

function Submit({ pending, children, variant = "primary", onClick }: { pending: boolean; children: ReactNode; variant?: "primary" | "secondary"; onClick?: () => void }) {
  const t = useTranslations("classification.form");
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending} onClick={onClick} className="w-full sm:w-auto">
      {pending ? t("saving") : children}
    </Button>
  );
}

/** The reference of the case a form acts on: its id once saved, else the subject and period. */
function caseRef(view: CaseView): Record<string, string> {
  if (view.id) return { caseId: view.id };
  return view.member ? { memberId: view.member.id, period: view.period.key } : { unitId: view.unit.id, period: view.period.key };
}

export function SelfAssessmentForm({ action, view }: { action: Action; view: CaseView }) {
  const t = useTranslations("classification.form");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const [submit, setSubmit] = useState(false);
  const self = view.self;
  const initial = {
    marks: self?.marks.marks ?? {},
    remarks: self?.marks.remarks ?? {},
    facts: self && Object.values(self.facts).some((v) => v !== null && v !== undefined) ? self.facts : view.evidence.suggestedFacts,
  };
  const notes = self?.notes ?? { strengths: "", weaknesses: "", remedies: "" };
  const whose = view.member ? "member" : "unit";
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6" noValidate>
      <Hidden values={{ ...caseRef(view), version: view.version, submit: String(submit) }} />
      <FormError state={state} />
      <MarksEditor frame={view.definition} evidence={view.evidence} initial={initial} fieldErrors={fieldErrors} requireRemarks />
      <fieldset className="flex min-w-0 flex-col gap-4 rounded-xl border border-ink-200 bg-white p-3 sm:p-5">
        <legend className="px-1 text-lg font-semibold text-ink-950">{t(`notesTitle.${whose}`)}</legend>
        <p className="text-sm text-ink-700">{t("notesHint")}</p>
        <TextAreaField label={t("strengths")} name="notes.strengths" defaultValue={notes.strengths} rows={4} errors={fieldErrors["notes.strengths"]} />
        <TextAreaField label={t("weaknesses")} name="notes.weaknesses" defaultValue={notes.weaknesses} rows={4} errors={fieldErrors["notes.weaknesses"]} />
        <TextAreaField label={t("remedies")} name="notes.remedies" defaultValue={notes.remedies} rows={3} errors={fieldErrors["notes.remedies"]} />
      </fieldset>
      <SelectField
        label={t("proposedLevel")}
        hint={t("proposedLevelHint")}
        name="proposedLevel"
        defaultValue={self?.level ?? ""}
        options={levelOptions(t("chooseLevel"))}
        errors={fieldErrors.proposedLevel}
      />
      <div className="flex flex-col gap-3 sm:flex-row">
        <Submit pending={pending} onClick={() => setSubmit(true)}>
          {t("submitSelf")}
        </Submit>
        <Submit pending={pending} variant="secondary" onClick={() => setSubmit(false)}>
          {t("saveDraft")}
        </Submit>
      </div>
      <p className="text-sm text-ink-700">{t("submitHint")}</p>
    </form>
  );
}

export function BranchReviewForm({ action, view, planHref }: { action: Action; view: CaseView; planHref: string | null }) {
  const t = useTranslations("classification.form");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  if (view.reviewMeetings.length === 0) {
    return (
      <Alert tone="warning" title={t("noReviewMeeting")}>
        <p>{t("noReviewMeetingHint")}</p>
        {planHref ? (
          <Link href={planHref} className="mt-2 link-action">
            {t("planReviewMeeting")}
          </Link>
        ) : null}
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Hidden values={{ caseId: view.id!, version: view.version }} />
      <FormError state={state} />
      <SelectField
        label={t("reviewMeeting")}
        name="meetingId"
        defaultValue={view.reviewMeetings[0]!.id}
        options={view.reviewMeetings.map((m) => ({ value: m.id, label: `${m.title} — ${formatCalendarDate(m.day)}` }))}
        errors={fieldErrors.meetingId}
      />
      <TextAreaField label={t("reviewComments")} hint={t("reviewCommentsHint")} name="comments" rows={4} errors={fieldErrors.comments} />
      <SelectField label={t("branchLevel")} hint={t("branchLevelHint")} name="proposedLevel" defaultValue={view.self?.level ?? ""} options={levelOptions()} errors={fieldErrors.proposedLevel} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-base font-semibold text-ink-900">{t("vote")}</legend>
        <p className="text-sm text-ink-700">{t("voteHint")}</p>
        <div className="grid grid-cols-3 gap-3">
          <TextField label={t("voteFor")} name="voteFor" inputMode="numeric" errors={fieldErrors.voteFor} />
          <TextField label={t("voteAgainst")} name="voteAgainst" inputMode="numeric" defaultValue="0" errors={fieldErrors.voteAgainst} />
          <TextField label={t("voteAbstain")} name="voteAbstain" inputMode="numeric" defaultValue="0" errors={fieldErrors.voteAbstain} />
        </div>
      </fieldset>
      <Submit pending={pending}>{t("submitReview")}</Submit>
    </form>
  );
}

export function AppraisalForm({ action, view }: { action: Action; view: CaseView }) {
  const t = useTranslations("classification.form");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const [mode, setMode] = useState<"confirm" | "adjust">("confirm");
  const proposal: ClassificationLevel | null = view.review?.level ?? view.self?.level ?? null;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Hidden values={{ caseId: view.id!, version: view.version }} />
      <FormError state={state} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-base font-semibold text-ink-900">{t("appraisalMode")}</legend>
        {(["confirm", "adjust"] as const).map((m) => (
          <label key={m} className="flex min-h-11 cursor-pointer items-center gap-3 text-base">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="size-5 accent-brand-700" />
            {t(`mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === "adjust" && view.self ? (
        <MarksEditor frame={view.definition} evidence={view.evidence} initial={{ marks: view.self.marks.marks, remarks: view.self.marks.remarks, facts: view.self.facts }} fieldErrors={fieldErrors} requireRemarks={false} />
      ) : null}
      <SelectField label={t("appraisalLevel")} hint={proposal ? t("proposalWas", { level: LEVEL_LABELS[proposal] }) : undefined} name="level" defaultValue={proposal ?? ""} options={levelOptions()} errors={fieldErrors.level} />
      <TextAreaField label={t("reason")} hint={t("appraisalReasonHint")} name="reason" rows={3} errors={fieldErrors.reason} />
      <Submit pending={pending}>{t("submitAppraisal")}</Submit>
    </form>
  );
}

export function DecisionForm({ action, view }: { action: Action; view: CaseView }) {
  const t = useTranslations("classification.form");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const appraised = view.appraisal?.level ?? null;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Hidden values={{ caseId: view.id!, version: view.version }} />
      <FormError state={state} />
      <SelectField label={t("decisionLevel")} hint={appraised ? t("appraisalWas", { level: LEVEL_LABELS[appraised] }) : undefined} name="level" defaultValue={appraised ?? ""} options={levelOptions()} errors={fieldErrors.level} />
      <TextAreaField label={t("reason")} hint={t("decisionReasonHint")} name="reason" rows={3} errors={fieldErrors.reason} />
      <Submit pending={pending}>{t("submitDecision")}</Submit>
    </form>
  );
}

export function ReturnForm({ action, view }: { action: Action; view: CaseView }) {
  const t = useTranslations("classification.form");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <details className="rounded-xl border border-danger-700/30 bg-white p-3 sm:p-4">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold text-danger-700">{t("returnTitle")}</summary>
      <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-3" noValidate>
        <Hidden values={{ caseId: view.id!, version: view.version }} />
        <FormError state={state} />
        <TextAreaField label={t("returnReason")} name="reason" rows={3} errors={fieldErrors.reason} />
        <Submit pending={pending} variant="secondary">
          {t("submitReturn")}
        </Submit>
      </form>
    </details>
  );
}

export function CommitmentForm({ action, view, returnTo, today }: { action: Action; view: CaseView; returnTo: string; today: string }) {
  const t = useTranslations("classification.form");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const c = view.commitment;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Hidden values={{ memberId: view.member!.id, year: view.period.year, version: c?.version ?? 0, returnTo }} />
      <FormError state={state} />
      <TextAreaField label={t("commitment", { year: view.period.year })} hint={t("commitmentHint")} name="content" defaultValue={c?.content ?? ""} rows={4} errors={fieldErrors.content} />
      <TextField label={t("registeredOn")} name="registeredOn" type="date" defaultValue={c?.registeredOn ?? today} className="max-w-xs" errors={fieldErrors.registeredOn} />
      <Submit pending={pending} variant="secondary">
        {c ? t("updateCommitment") : t("saveCommitment")}
      </Submit>
    </form>
  );
}
