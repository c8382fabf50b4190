"use client";

// The rest of the attendance screen: the actual start and end times (with "now" buttons for the
// meeting room) and the guests (đại biểu dự), who are never counted in attendance.
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { SelectField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { toLocalDateTimeInput } from "@/lib/i18n/format";
import type { AttendanceGuest } from "@/lib/meetings/attendance";
import { RecordFormError } from "./record-toast";
import { AddRowForm, RemoveRowForm } from "./record-rows";

export function TimesForm({
  action,
  meetingId,
  version,
  actualStart,
  actualEnd,
  plannedStart,
  requiredMinutes,
  requiredExplanation,
  canEdit,
}: {
  action: FormAction<{ version: number }>;
  meetingId: string;
  version: number;
  actualStart: string | null;
  actualEnd: string | null;
  plannedStart: string;
  requiredMinutes: number;
  requiredExplanation: string;
  canEdit: boolean;
}) {
  const t = useTranslations("record.times");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const startRef = useRef<HTMLInputElement>(null);
  const endRef = useRef<HTMLInputElement>(null);
  const minutes = actualStart && actualEnd ? Math.floor((Date.parse(actualEnd) - Date.parse(actualStart)) / 60_000) : null;
  const now = (ref: React.RefObject<HTMLInputElement | null>) => {
    if (ref.current) ref.current.value = toLocalDateTimeInput(new Date());
  };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="version" value={String(version)} />
      <RecordFormError state={state} />
      {state?.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      <p className="text-base text-ink-700">
        {minutes !== null ? t("duration", { minutes, required: requiredExplanation }) : t("noDuration", { required: requiredExplanation })}
        {minutes !== null && minutes < requiredMinutes ? <span className="ml-1 font-semibold text-warning-900">{t("short", { missing: requiredMinutes - minutes })}</span> : null}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <TextField
            ref={startRef}
            label={t("start")}
            name="actualStart"
            type="datetime-local"
            defaultValue={toLocalDateTimeInput(actualStart ?? plannedStart)}
            errors={fieldErrors.actualStart}
            disabled={!canEdit}
          />
          {canEdit ? (
            <Button variant="secondary" onClick={() => now(startRef)} className="self-start">
              {t("now")}
            </Button>
          ) : null}
        </div>
        <div className="flex flex-col gap-2">
          <TextField
            ref={endRef}
            label={t("end")}
            name="actualEnd"
            type="datetime-local"
            defaultValue={actualEnd ? toLocalDateTimeInput(actualEnd) : ""}
            errors={fieldErrors.actualEnd}
            hint={t("endHint")}
            disabled={!canEdit}
          />
          {canEdit ? (
            <Button variant="secondary" onClick={() => now(endRef)} className="self-start">
              {t("now")}
            </Button>
          ) : null}
        </div>
      </div>
      {canEdit ? (
        <Button type="submit" disabled={pending} className="self-start">
          {pending ? t("saving") : t("save")}
        </Button>
      ) : null}
    </form>
  );
}

export function GuestsPanel({
  meetingId,
  guests,
  overseers,
  canEdit,
  addAction,
  removeAction,
}: {
  meetingId: string;
  guests: AttendanceGuest[];
  overseers: { userId: string; displayName: string }[];
  canEdit: boolean;
  addAction: FormAction<AttendanceGuest>;
  removeAction: FormAction<{ id: string }>;
}) {
  const t = useTranslations("record.guests");
  const add = useKeptAction(addAction);
  const remove = useKeptAction(removeAction);

  return (
    <div className="flex flex-col gap-4">
      <RecordFormError state={remove.state} />
      {guests.length === 0 ? (
        <p className="text-base text-ink-700">{canEdit ? t("emptyEdit") : t("empty")}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-ink-200 rounded-lg border border-ink-200">
          {guests.map((guest) => (
            <li key={guest.id} className="flex items-center gap-3 px-3 py-2">
              <div className="flex-1">
                <p className="text-lg font-semibold text-ink-900">{guest.name}</p>
                {guest.title ? <p className="text-base text-ink-700">{guest.title}</p> : null}
              </div>
              {canEdit ? (
                <RemoveRowForm kept={remove} meetingId={meetingId} field="guestId" id={guest.id} label={t("removeLabel", { name: guest.name })}>
                  {t("remove")}
                </RemoveRowForm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <AddRowForm kept={add} meetingId={meetingId} className="flex flex-col gap-4" heading={<h3 className="text-lg font-semibold text-ink-900">{t("addTitle")}</h3>}>
          {overseers.length > 0 ? (
            <SelectField
              label={t("overseer")}
              name="userId"
              hint={t("overseerHint")}
              defaultValue=""
              options={[{ value: "", label: t("noOverseer") }, ...overseers.map((o) => ({ value: o.userId, label: o.displayName }))]}
              errors={add.fieldErrors.userId}
            />
          ) : null}
          <TextField label={t("name")} name="name" maxLength={200} autoComplete="off" errors={add.fieldErrors.name} />
          <TextField label={t("guestTitle")} name="title" maxLength={200} autoComplete="off" hint={t("guestTitleHint")} errors={add.fieldErrors.title} />
          <Button type="submit" variant="secondary" disabled={add.pending} className="self-start">
            {add.pending ? t("adding") : t("add")}
          </Button>
        </AddRowForm>
      ) : null}
    </div>
  );
}
