"use client";

// Speakers (ý kiến phát biểu): one entry per speech, in order, with the share of present members
// who took part in the discussion (the chair's report and guests do not count).
import { useTranslations } from "next-intl";
import { SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { SpeechRow } from "@/lib/meetings/minutes";
import { RecordFormError } from "./record-toast";
import { AddRowForm, RemoveRowForm } from "./record-rows";

export function SpeechesPanel({
  meetingId,
  speeches,
  presentMembers,
  guests,
  shareText,
  speakers,
  present,
  canEdit,
  addAction,
  deleteAction,
  reorderAction,
}: {
  meetingId: string;
  speeches: SpeechRow[];
  presentMembers: { memberId: string; label: string }[];
  guests: { id: string; name: string }[];
  shareText: string | null;
  speakers: number;
  present: number;
  canEdit: boolean;
  addAction: FormAction<SpeechRow>;
  deleteAction: FormAction<{ id: string }>;
  reorderAction: FormAction<{ ids: string[] }>;
}) {
  const t = useTranslations("record.speeches");
  const add = useKeptAction(addAction);
  const remove = useKeptAction(deleteAction);
  const reorder = useKeptAction(reorderAction);
  const ids = speeches.map((s) => s.id);
  const moved = (index: number, by: -1 | 1) => {
    const next = [...ids];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    return next.join(",");
  };

  return (
    <div className="flex flex-col gap-4">
      <p className="text-lg text-ink-900">
        {shareText ? t("share", { speakers, present, share: shareText }) : t("shareNone")}
      </p>
      <p className="text-base text-ink-600">{t("shareRule")}</p>
      <RecordFormError state={remove.state} />
      <RecordFormError state={reorder.state} />
      {speeches.length === 0 ? (
        <p className="text-base text-ink-700">{canEdit ? t("emptyEdit") : t("empty")}</p>
      ) : (
        <ol className="flex flex-col divide-y divide-ink-200 rounded-lg border border-ink-200">
          {speeches.map((speech, index) => (
            <li key={speech.id} className="flex flex-col gap-2 px-3 py-3">
              <p className="text-lg font-semibold text-ink-900">
                {index + 1}. {speech.displayName}
                {!speech.memberId ? <span className="ml-2 text-base font-normal text-ink-600">{t("guestTag")}</span> : null}
                {!speech.isDiscussion ? <span className="ml-2 text-base font-normal text-ink-600">{t("reportTag")}</span> : null}
              </p>
              <p className="whitespace-pre-line text-base text-ink-800">{speech.summary}</p>
              {canEdit ? (
                <div className="flex flex-wrap gap-2">
                  {index > 0 ? (
                    <form noValidate onSubmit={reorder.onSubmit}>
                      <input type="hidden" name="meetingId" value={meetingId} />
                      <input type="hidden" name="speechIds" value={moved(index, -1)} />
                      <Button type="submit" variant="secondary" disabled={reorder.pending} aria-label={t("upLabel", { name: speech.displayName })}>
                        ↑ {t("up")}
                      </Button>
                    </form>
                  ) : null}
                  {index < speeches.length - 1 ? (
                    <form noValidate onSubmit={reorder.onSubmit}>
                      <input type="hidden" name="meetingId" value={meetingId} />
                      <input type="hidden" name="speechIds" value={moved(index, 1)} />
                      <Button type="submit" variant="secondary" disabled={reorder.pending} aria-label={t("downLabel", { name: speech.displayName })}>
                        ↓ {t("down")}
                      </Button>
                    </form>
                  ) : null}
                  <RemoveRowForm kept={remove} meetingId={meetingId} field="speechId" id={speech.id} label={t("deleteLabel", { name: speech.displayName })}>
                    {t("delete")}
                  </RemoveRowForm>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canEdit ? (
        <AddRowForm kept={add} meetingId={meetingId} className="flex flex-col gap-4 rounded-lg bg-ink-50 p-3" heading={<h3 className="text-lg font-semibold text-ink-900">{t("addTitle")}</h3>}>
          <SelectField
            label={t("member")}
            name="memberId"
            hint={presentMembers.length === 0 ? t("noPresent") : t("memberHint")}
            defaultValue=""
            options={[{ value: "", label: t("pickMember") }, ...presentMembers.map((m) => ({ value: m.memberId, label: m.label }))]}
            errors={add.fieldErrors.memberId}
          />
          <TextField
            label={t("guestName")}
            name="speakerName"
            hint={t("guestNameHint")}
            list="record-guest-names"
            autoComplete="off"
            maxLength={200}
            errors={add.fieldErrors.speakerName}
          />
          <datalist id="record-guest-names">
            {guests.map((g) => (
              <option key={g.id} value={g.name} />
            ))}
          </datalist>
          <SelectField
            label={t("kind")}
            name="isDiscussion"
            defaultValue="true"
            options={[
              { value: "true", label: t("kindDiscussion") },
              { value: "false", label: t("kindReport") },
            ]}
            errors={add.fieldErrors.isDiscussion}
          />
          <TextAreaField label={t("summary")} name="summary" rows={4} maxLength={5000} errors={add.fieldErrors.summary} />
          <Button type="submit" variant="secondary" disabled={add.pending} className="self-start">
            {add.pending ? t("adding") : t("add")}
          </Button>
        </AddRowForm>
      ) : null}
    </div>
  );
}
