"use client";

// The minutes (biên bản): chair, thư ký, minutes spent on ideology and the three parts of the order
// of business, saved explicitly. The page's version goes with the save, so a save on top of someone
// else's newer one is refused; what the user typed stays on screen to be copied.
import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { RecordFormError } from "./record-toast";

export interface PersonChoice {
  memberId: string;
  fullName: string;
  label: string;
}

export function MinutesForm({
  action,
  meetingId,
  version,
  opening,
  proceedings,
  closing,
  chairMemberId,
  clerkMemberId,
  ideologyMinutes,
  people,
  canEdit,
}: {
  action: FormAction<{ version: number }>;
  meetingId: string;
  version: number;
  opening: string;
  proceedings: string;
  closing: string;
  chairMemberId: string | null;
  clerkMemberId: string | null;
  ideologyMinutes: number | null;
  /** Members who may chair or take the minutes (on the roll, not marked absent). */
  people: PersonChoice[];
  canEdit: boolean;
}) {
  const t = useTranslations("record.minutes");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const options = [{ value: "", label: t("nobody") }, ...people.map((p) => ({ value: p.memberId, label: p.label }))];
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="version" value={String(version)} />
      <RecordFormError state={state} />
      {state?.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t("chair")} name="chairMemberId" defaultValue={chairMemberId ?? ""} options={options} errors={fieldErrors.chairMemberId} disabled={!canEdit} />
        <SelectField label={t("clerk")} name="clerkMemberId" defaultValue={clerkMemberId ?? ""} options={options} errors={fieldErrors.clerkMemberId} disabled={!canEdit} />
      </div>
      <TextField
        label={t("ideology")}
        name="ideologyMinutes"
        type="number"
        inputMode="numeric"
        min={0}
        max={600}
        hint={t("ideologyHint")}
        defaultValue={ideologyMinutes === null ? "" : String(ideologyMinutes)}
        errors={fieldErrors.ideologyMinutes}
        disabled={!canEdit}
        className="sm:max-w-xs"
      />
      <TextAreaField label={t("opening")} name="opening" hint={t("openingHint")} defaultValue={opening} rows={5} errors={fieldErrors.opening} disabled={!canEdit} />
      <TextAreaField
        label={t("proceedings")}
        name="proceedings"
        hint={t("proceedingsHint")}
        defaultValue={proceedings}
        rows={10}
        errors={fieldErrors.proceedings}
        disabled={!canEdit}
      />
      <TextAreaField label={t("closing")} name="closing" hint={t("closingHint")} defaultValue={closing} rows={5} errors={fieldErrors.closing} disabled={!canEdit} />
      {canEdit ? (
        <Button type="submit" disabled={pending} className="self-start">
          {pending ? t("saving") : t("save")}
        </Button>
      ) : null}
    </form>
  );
}
