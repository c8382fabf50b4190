"use client";

// The committee's pre-meeting (họp chi ủy chuẩn bị): when, who (committee members ticked from the
// list, anyone else typed), what was agreed, and whether it has its own minutes (P3 needs them).
import { useTranslations } from "next-intl";
import { CheckboxField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

export interface CommitteeChoice {
  memberId: string;
  fullName: string;
  positionLabel: string;
}

export function PreMeetingForm({
  action,
  meetingId,
  version,
  committee,
  others,
  initial,
  maxHeldAt,
}: {
  action: FormAction<{ id: string; version: number }>;
  meetingId: string;
  version: number;
  committee: readonly CommitteeChoice[];
  /** The rest of the roll on the meeting day, behind a disclosure (a member picker). */
  others: readonly { memberId: string; label: string }[];
  initial: { heldAt: string; attendeeMemberIds: readonly string[]; otherAttendees: string; notes: string; minuted: boolean };
  /** datetime-local upper bound (the meeting's start). */
  maxHeldAt: string;
}) {
  const t = useTranslations("preparation.preMeeting");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const attendeeErrors = fieldErrors.attendeeMemberIds;
  return (
    <form onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-4" noValidate>
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="version" value={version} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      <TextField
        label={t("heldAt")}
        hint={t("heldAtHint")}
        name="heldAt"
        type="datetime-local"
        required
        max={maxHeldAt}
        defaultValue={initial.heldAt}
        errors={fieldErrors.heldAt}
      />
      <fieldset className="flex flex-col gap-1 rounded-lg border border-ink-300 p-3 sm:p-4">
        <legend className="px-1 text-base font-semibold text-ink-900">{t("attendees")}</legend>
        {committee.length === 0 ? <p className="text-sm text-ink-600">{t("noCommitteeRecorded")}</p> : null}
        {committee.map((member) => (
          <CheckboxField
            key={member.memberId}
            name="attendeeMemberIds"
            value={member.memberId}
            label={`${member.fullName} (${member.positionLabel})`}
            defaultChecked={initial.attendeeMemberIds.includes(member.memberId)}
          />
        ))}
        {others.length > 0 ? (
          <details open={committee.length === 0 || others.some((m) => initial.attendeeMemberIds.includes(m.memberId))} className="mt-1">
            <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-800">{t("otherMembers", { count: others.length })}</summary>
            <div className="flex flex-col gap-1">
              {others.map((member) => (
                <CheckboxField
                  key={member.memberId}
                  name="attendeeMemberIds"
                  value={member.memberId}
                  label={member.label}
                  defaultChecked={initial.attendeeMemberIds.includes(member.memberId)}
                />
              ))}
            </div>
          </details>
        ) : null}
        {attendeeErrors && attendeeErrors.length > 0 ? (
          <ul className="text-base font-medium text-danger-700">
            {attendeeErrors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <TextField
        label={t("otherAttendees")}
        hint={t("otherAttendeesHint")}
        name="otherAttendees"
        defaultValue={initial.otherAttendees}
        maxLength={500}
        autoComplete="off"
        errors={fieldErrors.otherAttendees}
      />
      <TextAreaField
        label={t("notes")}
        hint={t("notesHint")}
        name="notes"
        rows={5}
        defaultValue={initial.notes}
        maxLength={10000}
        errors={fieldErrors.notes}
      />
      <CheckboxField label={t("minuted")} hint={t("minutedHint")} name="minuted" defaultChecked={initial.minuted} errors={fieldErrors.minuted} />
      <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
