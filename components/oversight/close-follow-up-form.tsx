"use client";

// "Đã khắc phục": a module of its own, so the meeting's preparation page that shows it sends the
// browser these few messages, not those of every oversight form (oversight-forms.tsx).
import { useTranslations } from "next-intl";
import { Disclosure, FormError, Hidden, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Submit } from "./oversight-submit";

/** "Đã khắc phục": closes a follow-up with a note (recorder of the branch, or the overseer). */
export function CloseFollowUpForm({ action, id, version, label }: { action: FormAction<null>; id: string; version: number; label: string }) {
  const t = useTranslations("oversight.followUps");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <Disclosure summary={t("close")} label={label}>
      <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-3" noValidate>
        <FormError state={state} />
        <Hidden values={{ id, version }} />
        <TextAreaField label={t("closingNote")} hint={t("closingNoteHint")} name="note" rows={2} errors={fieldErrors.note} />
        <Submit pending={pending} variant="secondary">
          {t("closeConfirm")}
        </Submit>
      </form>
    </Disclosure>
  );
}
