"use client";

// Compose and send the notice. The text starts from the meeting's time, place and content and can
// be edited; sending is one server transaction. A second click while the first is on its way is
// blocked here (pending) and refused by the server anyway (a notice in the last minute).
import { useTranslations } from "next-intl";
import { CheckboxField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { SendNoticeResult } from "@/lib/meetings/notices";


export function NoticeForm({
  action,
  meetingId,
  version,
  draft,
  notified,
  recipients,
}: {
  action: FormAction<SendNoticeResult>;
  meetingId: string;
  version: number;
  draft: { subject: string; body: string };
  /** Already sent once: sending again must be chosen explicitly. */
  notified: boolean;
  /** People the notice will reach (the sender left out), for the confirmation. */
  recipients: number;
}) {
  const t = useTranslations("preparation.notice");
  const { state, pending, onSubmit, fieldErrors, dialog } = useKeptAction(action, {
    confirm: () => ({ title: t("confirm.title"), body: <p>{t("confirm.body", { recipients })}</p>, confirmLabel: t("confirm.action") }),
  });
  return (
    <form onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-4" noValidate>
      {dialog}
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="version" value={version} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? (
        <Alert tone="success" title={t("sentTitle", { count: state.data.recipientCount })}>
          <p>{t("sentDetail", { notifications: state.data.notifications, emails: state.data.emails })}</p>
          {state.data.recipients.length > 0 ? (
            <>
              <p className="mt-1 font-semibold">{t("sentWho")}</p>
              <ul className="list-disc pl-5">
                {state.data.recipients.map((person, i) => (
                  <li key={`${i}-${person.name}`}>
                    {person.name}
                    {person.overseer ? ` (${t("channel.overseer")})` : ""}: {person.channels.map((channel) => t(`channel.${channel}`)).join(", ")}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="mt-1">{t("sentNotSelf")}</p>
          {state.data.unreachable.length > 0 ? (
            <p>{t("sentUnreachable", { names: state.data.unreachable.join(", ") })}</p>
          ) : null}
        </Alert>
      ) : null}
      <TextField label={t("subject")} name="subject" required maxLength={200} defaultValue={draft.subject} errors={fieldErrors.subject} />
      <TextAreaField label={t("body")} hint={t("bodyHint")} name="body" rows={14} required maxLength={10000} defaultValue={draft.body} errors={fieldErrors.body} />
      {notified ? <CheckboxField label={t("resend")} hint={t("resendHint")} name="resend" errors={fieldErrors.resend} /> : null}
      <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
        {pending ? t("sending") : notified ? t("sendAgain") : t("send")}
      </Button>
    </form>
  );
}
