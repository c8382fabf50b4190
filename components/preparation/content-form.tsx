"use client";

// Who prepares the meeting, its content and the draft resolution. What was typed stays when the
// server refuses (e.g. a stale version after someone else saved); the version follows the page.
import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function ContentForm({
  action,
  meeting,
  roster,
}: {
  action: FormAction<{ id: string; version: number }>;
  meeting: { id: string; version: number; content: string | null; draftResolution: string | null; preparedByMemberId: string | null };
  roster: readonly { memberId: string; label: string }[];
}) {
  const t = useTranslations("preparation.content");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-4" noValidate>
      <input type="hidden" name="meetingId" value={meeting.id} />
      <input type="hidden" name="version" value={meeting.version} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      <SelectField
        label={t("preparedBy")}
        hint={t("preparedByHint")}
        name="preparedByMemberId"
        defaultValue={meeting.preparedByMemberId ?? ""}
        options={[{ value: "", label: t("preparedByNone") }, ...roster.map((m) => ({ value: m.memberId, label: m.label }))]}
        errors={fieldErrors.preparedByMemberId}
      />
      <TextAreaField
        label={t("content")}
        hint={t("contentHint")}
        name="content"
        rows={8}
        defaultValue={meeting.content ?? ""}
        maxLength={20000}
        errors={fieldErrors.content}
      />
      <TextAreaField
        label={t("draftResolution")}
        hint={t("draftResolutionHint")}
        name="draftResolution"
        rows={8}
        defaultValue={meeting.draftResolution ?? ""}
        maxLength={20000}
        errors={fieldErrors.draftResolution}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
