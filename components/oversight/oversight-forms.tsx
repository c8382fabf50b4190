"use client";

// The forms of the oversight pages ("I will attend" is registration-button.tsx): the visit record (attended
// or not, remarks, guidance, issues to follow up), corrections, follow-ups and their closing, the
// reviewer's decision on a late record, assignments (create, change, end), delegations and the
// tenant's quota settings. Each keeps what was typed when the server refuses; big touch targets.
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { CheckboxField, FormError, SelectField, TextAreaField, useKeptAction, type FormAction, Disclosure, Hidden } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { Submit } from "./oversight-submit";

function Saved({ show, children }: { show: boolean; children: ReactNode }) {
  return show ? <Alert tone="success">{children}</Alert> : null;
}

/** After the meeting: attended or not, remarks, guidance and issues for the branch. */
export function RecordVisitForm({ action, meetingId, wouldNeedApproval, backdateDays }: { action: FormAction<null>; meetingId: string; wouldNeedApproval: boolean; backdateDays: number }) {
  const t = useTranslations("oversight.record");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const [status, setStatus] = useState<"ATTENDED" | "ABSENT">("ATTENDED");
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <FormError state={state} />
      <Hidden values={{ meetingId }} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-base font-semibold text-ink-900">{t("status")}</legend>
        {(["ATTENDED", "ABSENT"] as const).map((value) => (
          <label key={value} className="flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border border-ink-300 bg-white px-4 text-lg text-ink-900 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
            <input type="radio" name="status" value={value} checked={status === value} onChange={() => setStatus(value)} className="size-5 accent-brand-700" />
            {t(`statusOption.${value}`)}
          </label>
        ))}
        {fieldErrors.status ? <p className="text-base font-medium text-danger-700">{fieldErrors.status.join(" ")}</p> : null}
      </fieldset>
      <TextAreaField
        label={t("remarks")}
        hint={status === "ATTENDED" ? t("remarksHint") : t("remarksAbsentHint")}
        name="remarks"
        rows={5}
        errors={fieldErrors.remarks}
      />
      {status === "ATTENDED" ? (
        <>
          <TextAreaField label={t("guidance")} hint={t("guidanceHint")} name="guidance" rows={4} errors={fieldErrors.guidance} />
          <TextAreaField label={t("followUps")} hint={t("followUpsHint")} name="followUps" rows={3} errors={fieldErrors.followUps} />
          <TextField label={t("followUpDue")} name="followUpDue" type="date" errors={fieldErrors.followUpDue} />
        </>
      ) : null}
      {wouldNeedApproval && status === "ATTENDED" ? <Alert tone="warning">{t("lateWarning", { days: backdateDays })}</Alert> : null}
      <Submit pending={pending}>{t("submit")}</Submit>
    </form>
  );
}

/** Corrections of one's own record (until the meeting is locked). */
export function VisitNotesForm({ action, visitId, version, remarks, guidance }: { action: FormAction<null>; visitId: string; version: number; remarks: string; guidance: string }) {
  const t = useTranslations("oversight.record");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormError state={state} />
      <Saved show={Boolean(state?.ok)}>{t("notesSaved")}</Saved>
      <Hidden values={{ visitId, version }} />
      <TextAreaField label={t("remarks")} name="remarks" rows={5} defaultValue={remarks} errors={fieldErrors.remarks} />
      <TextAreaField label={t("guidance")} name="guidance" rows={4} defaultValue={guidance} errors={fieldErrors.guidance} />
      <Submit pending={pending} variant="secondary">
        {t("saveNotes")}
      </Submit>
    </form>
  );
}

export function FollowUpForm({ action, visitId }: { action: FormAction<null>; visitId: string }) {
  const t = useTranslations("oversight.followUps");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const form = useRef<HTMLFormElement>(null);
  // After a follow-up is added the fields empty for the next one (kept on a refusal).
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormError state={state} />
      <Saved show={Boolean(state?.ok)}>{t("added")}</Saved>
      <Hidden values={{ visitId }} />
      <TextAreaField label={t("text")} name="text" rows={2} errors={fieldErrors.text} />
      <TextField label={t("dueDate")} name="dueDate" type="date" errors={fieldErrors.dueDate} />
      <Submit pending={pending} variant="secondary">
        {t("add")}
      </Submit>
    </form>
  );
}

/** A reviewer approves or refuses a visit recorded after the window (two buttons, one form). */
export function DecideVisitForm({ action, visitId, version, label }: { action: FormAction<null>; visitId: string; version: number; label: string }) {
  const t = useTranslations("oversight.approvals");
  const [state, dispatch, pending] = useActionState(action, null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The clicked button carries the decision; FormData leaves it out unless named as the submitter.
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(formData));
  }
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate aria-label={label}>
      <FormError state={state} />
      <Hidden values={{ visitId, version }} />
      <TextAreaField label={t("note")} hint={t("noteHint")} name="note" rows={2} errors={fieldErrors.note} />
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" name="decision" value="APPROVE" disabled={pending} aria-disabled={pending}>
          {t("approve")}
        </Button>
        <Button type="submit" name="decision" value="REJECT" variant="secondary" disabled={pending} aria-disabled={pending}>
          {t("reject")}
        </Button>
      </div>
    </form>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function AssignmentForm({ action, overseers, branches, levels, today }: { action: FormAction<null>; overseers: Option[]; branches: Option[]; levels: Option[]; today: string }) {
  const t = useTranslations("oversight.assignments");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <FormError state={state} />
      <SelectField label={t("overseer")} hint={t("overseerHint")} name="userId" options={[{ value: "", label: t("choose") }, ...overseers]} errors={fieldErrors.userId} />
      <SelectField label={t("branch")} name="branchId" options={[{ value: "", label: t("choose") }, ...branches]} errors={fieldErrors.branchId} />
      <SelectField label={t("level")} hint={t("levelHint")} name="committeeLevel" options={levels} defaultValue="GRASSROOTS" errors={fieldErrors.committeeLevel} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("validFrom")} name="validFrom" type="date" defaultValue={today} required errors={fieldErrors.validFrom} />
        <TextField label={t("validTo")} hint={t("validToHint")} name="validTo" type="date" errors={fieldErrors.validTo} />
      </div>
      <TextAreaField label={t("note")} name="note" rows={2} errors={fieldErrors.note} />
      <Submit pending={pending}>{t("submit")}</Submit>
    </form>
  );
}

export function ChangeAssignmentForm({ action, id, version, level, levels, label }: { action: FormAction<null>; id: string; version: number; level: string; levels: Option[]; label: string }) {
  const t = useTranslations("oversight.assignments");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <Disclosure summary={t("change")} label={label}>
      <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-3" noValidate>
        <FormError state={state} />
        <Hidden values={{ id, version }} />
        <p className="text-base text-ink-700">{t("changeHint")}</p>
        <SelectField label={t("level")} name="committeeLevel" options={levels} defaultValue={level} errors={fieldErrors.committeeLevel} />
        <TextField label={t("changeFrom")} name="changeFrom" type="date" required errors={fieldErrors.changeFrom} />
        <TextField label={t("validTo")} hint={t("validToHint")} name="validTo" type="date" errors={fieldErrors.validTo} />
        <TextField label={t("reason")} name="reason" maxLength={500} errors={fieldErrors.reason} />
        <Submit pending={pending} variant="secondary">
          {t("changeConfirm")}
        </Submit>
      </form>
    </Disclosure>
  );
}

export function EndAssignmentForm({ action, id, version, label, today }: { action: FormAction<null>; id: string; version: number; label: string; today: string }) {
  const t = useTranslations("oversight.assignments");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <Disclosure summary={t("end")} label={label} tone="danger">
      <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-3" noValidate>
        <FormError state={state} />
        <Hidden values={{ id, version }} />
        <TextField label={t("endOn")} name="validTo" type="date" defaultValue={today} required errors={fieldErrors.validTo} />
        <TextField label={t("reason")} name="reason" maxLength={500} errors={fieldErrors.reason} />
        <Submit pending={pending} variant="secondary">
          {t("endConfirm")}
        </Submit>
      </form>
    </Disclosure>
  );
}

export function DelegationForm({ action, assignmentId, options, label, today }: { action: FormAction<null>; assignmentId: string; options: Option[]; label: string; today: string }) {
  const t = useTranslations("oversight.delegations");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <Disclosure summary={t("open")} label={label}>
      <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-3" noValidate>
        <FormError state={state} />
        <Saved show={Boolean(state?.ok)}>{t("created")}</Saved>
        <Hidden values={{ assignmentId }} />
        <SelectField label={t("to")} name="toUserId" options={[{ value: "", label: t("choose") }, ...options]} errors={fieldErrors.toUserId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t("validFrom")} name="validFrom" type="date" defaultValue={today} required errors={fieldErrors.validFrom} />
          <TextField label={t("validTo")} name="validTo" type="date" required errors={fieldErrors.validTo} />
        </div>
        <TextField label={t("reason")} name="reason" maxLength={500} errors={fieldErrors.reason} />
        <Submit pending={pending} variant="secondary">
          {t("submit")}
        </Submit>
      </form>
    </Disclosure>
  );
}

export function RevokeDelegationButton({ action, id, label }: { action: FormAction<null>; id: string; label: string }) {
  const t = useTranslations("oversight.delegations");
  const { state, pending, onSubmit } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      <FormError state={state} />
      <Hidden values={{ id }} />
      <Submit pending={pending} variant="ghost" label={label}>
        {t("revoke")}
      </Submit>
    </form>
  );
}

export function SettingsForm({
  action,
  values,
  today,
}: {
  action: FormAction<null>;
  values: { quotaProvincial: number; quotaDistrict: number; quotaGrassroots: number; residenceVisitCounts: boolean; backdateDays: number; alertMonthsWithoutVisit: number };
  today: string;
}) {
  const t = useTranslations("oversight.settings");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const number = (name: keyof typeof values, label: string, hint?: string) => (
    <TextField label={label} hint={hint} name={name} type="number" inputMode="numeric" min={0} defaultValue={String(values[name])} required errors={fieldErrors[name]} />
  );
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <FormError state={state} />
      <div className="grid gap-4 sm:grid-cols-3">
        {number("quotaProvincial", t("labels.quotaProvincial"))}
        {number("quotaDistrict", t("labels.quotaDistrict"))}
        {number("quotaGrassroots", t("labels.quotaGrassroots"))}
      </div>
      <CheckboxField label={t("labels.residenceVisitCounts")} hint={t("residenceVisitCountsHint")} name="residenceVisitCounts" defaultChecked={values.residenceVisitCounts} errors={fieldErrors.residenceVisitCounts} />
      <div className="grid gap-4 sm:grid-cols-2">
        {number("backdateDays", t("labels.backdateDays"), t("backdateDaysHint"))}
        {number("alertMonthsWithoutVisit", t("labels.alertMonthsWithoutVisit"), t("alertMonthsHint"))}
      </div>
      <TextField label={t("effectiveFrom")} hint={t("effectiveFromHint")} name="effectiveFrom" type="date" defaultValue={today} required errors={fieldErrors.effectiveFrom} />
      <Submit pending={pending}>{t("submit")}</Submit>
    </form>
  );
}
