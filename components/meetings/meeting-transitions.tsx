"use client";

import { useTranslations } from "next-intl";
import { FormError, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Button, ButtonLink } from "@/components/ui/button";
import { DateTimeRange, TextField } from "@/components/ui/text-field";
import type { MeetingTransition } from "@/lib/meetings/states";

export interface TransitionDefaults {
  /** "2026-03-05T14:00" (Vietnam), prefilled for hold: recorded times, else the planned ones. */
  actualStart: string;
  actualEnd: string;
}

// Moves that set something aside (or undo a lock) open behind a disclosure and need a reason.
const GUARDED: readonly MeetingTransition[] = ["postpone", "cancel", "reopen"];
// Forward moves the branch cannot take back: asked once more, in words, before they happen.
const CONFIRMED: readonly MeetingTransition[] = ["hold", "adoptMinutes"];

function TransitionForm({
  action,
  meetingId,
  version,
  transition,
  defaults,
}: {
  action: FormAction<null>;
  meetingId: string;
  version: number;
  transition: MeetingTransition;
  defaults: TransitionDefaults;
}) {
  const t = useTranslations("meetings");
  const { state, pending, onSubmit, fieldErrors, dialog } = useKeptAction(action, {
    confirm: () =>
      transition === "hold" || transition === "adoptMinutes"
        ? { title: t(`transition.${transition}.confirm.title`), body: <p>{t(`transition.${transition}.confirm.body`)}</p>, confirmLabel: t(`transition.${transition}.confirm.action`) }
        : null,
  });
  const guarded = GUARDED.includes(transition);
  const body = (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {CONFIRMED.includes(transition) ? dialog : null}
      <FormError state={state} />
      <input type="hidden" name="id" value={meetingId} />
      <input type="hidden" name="version" value={String(version)} />
      <input type="hidden" name="transition" value={transition} />
      {t(`transition.${transition}.hint`) ? <p className="text-base text-ink-700">{t(`transition.${transition}.hint`)}</p> : null}
      {transition === "hold" ? (
        <DateTimeRange
          className="grid grid-cols-1 gap-4 sm:grid-cols-2"
          start={{ label: t("fields.actualStart"), name: "actualStart", defaultValue: defaults.actualStart, hint: t("fields.timeZoneHint"), required: true, errors: fieldErrors.actualStart }}
          end={{ label: t("fields.actualEnd"), name: "actualEnd", defaultValue: defaults.actualEnd, hint: t("fields.timeZoneHint"), required: true, errors: fieldErrors.actualEnd }}
        />
      ) : null}
      {transition === "postpone" || transition === "replan" ? (
        <TextField
          label={t("fields.newStart")}
          name="newStart"
          type="datetime-local"
          hint={t("fields.newStartHint")}
          errors={fieldErrors.newStart}
        />
      ) : null}
      {guarded ? <TextAreaField label={t("fields.reason")} name="reason" required maxLength={1000} errors={fieldErrors.reason} /> : null}
      <div>
        <Button type="submit" variant={guarded ? "secondary" : "primary"} disabled={pending} aria-disabled={pending}>
          {pending ? t("saving") : t(`transition.${transition}.label`)}
        </Button>
      </div>
    </form>
  );
  if (!guarded) return <div className="rounded-lg border border-ink-200 p-4">{body}</div>;
  return (
    <details className="group rounded-lg border border-ink-200" open={state !== null && !state.ok}>
      <summary className="flex min-h-12 cursor-pointer items-center px-4 text-base font-semibold text-ink-900">
        {t(`transition.${transition}.label`)}
      </summary>
      <div className="border-t border-ink-200 p-4">{body}</div>
    </details>
  );
}

/** The moves the user may make now, one small form each. "Notify" happens on the preparation page. */
export function MeetingTransitions({
  action,
  meetingId,
  version,
  transitions,
  defaults,
  prepareHref,
}: {
  action: FormAction<null>;
  meetingId: string;
  version: number;
  transitions: readonly MeetingTransition[];
  defaults: TransitionDefaults;
  prepareHref: string;
}) {
  const t = useTranslations("meetings");
  if (transitions.length === 0) return <p className="text-base text-ink-700">{t("detail.noActions")}</p>;
  // Forward moves first, then those that set the meeting aside.
  const ordered = [...transitions].sort((a, b) => Number(GUARDED.includes(a)) - Number(GUARDED.includes(b)));
  return (
    <div className="flex flex-col gap-3">
      {ordered.map((transition) =>
        transition === "notify" ? (
          <div key={transition} className="flex flex-col gap-3 rounded-lg border border-ink-200 p-4">
            <p className="text-base text-ink-700">{t("transition.notify.hint")}</p>
            <div>
              <ButtonLink href={prepareHref} variant="primary">
                {t("transition.notify.label")}
              </ButtonLink>
            </div>
          </div>
        ) : (
          <TransitionForm key={transition} action={action} meetingId={meetingId} version={version} transition={transition} defaults={defaults} />
        ),
      )}
    </div>
  );
}
