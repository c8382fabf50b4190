"use client";

// The resolution (nghị quyết / kết luận) and its vote. While the counts are typed, the vote rules
// (the same pure functions the server uses) show who may vote, D_vote and whether the vote passes;
// the server decides again when saving.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { toLocalDateTimeInput } from "@/lib/i18n/format";
import type { ResolutionView, SavedResolution } from "@/lib/meetings/resolution";
import { attendanceFigures } from "@/lib/meetings/record-rules";
import { voteValidity } from "@/lib/meetings/rules/vote";
import { RecordFormError } from "./record-toast";

const METHODS = ["SHOW_OF_HANDS", "BALLOT", "APP"] as const;

function count(text: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

export function ResolutionForm({
  action,
  meetingId,
  resolution,
  canEdit,
}: {
  action: FormAction<SavedResolution>;
  meetingId: string;
  resolution: ResolutionView;
  canEdit: boolean;
}) {
  const t = useTranslations("record.resolution");
  const tm = useTranslations("record.voteMethod");
  const { state, pending, onSubmit: submit, fieldErrors } = useKeptAction(action);
  // A refusal of the counts is hidden once they are edited again (the live check takes over).
  const [countsEdited, setCountsEdited] = useState(false);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    setCountsEdited(false);
    submit(event);
  };
  const [votes, setVotes] = useState({
    votesFor: resolution.votesFor?.toString() ?? "",
    votesAgainst: resolution.votesAgainst?.toString() ?? "",
    votesAbstain: resolution.votesAbstain?.toString() ?? "",
  });
  const figures = attendanceFigures(resolution.voteRoll, resolution.voteMarks);
  const complete = figures.complete && figures.errors.length === 0;
  const tally = { for: count(votes.votesFor), against: count(votes.votesAgainst), abstain: count(votes.votesAbstain) };
  const preview =
    complete && tally.for !== null && tally.against !== null && tally.abstain !== null
      ? voteValidity(resolution.voteRoll, resolution.voteMarks, { for: tally.for, against: tally.against, abstain: tally.abstain })
      : null;
  const setVote = (key: keyof typeof votes) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setCountsEdited(true);
    setVotes((current) => ({ ...current, [key]: event.target.value }));
  };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="version" value={String(resolution.version)} />
      <RecordFormError state={state} />
      {state?.ok ? <Alert tone={state.data.voteValid === false ? "warning" : "success"}>{state.data.explanation ?? t("saved")}</Alert> : null}
      <TextField
        label={t("number")}
        name="number"
        hint={t("numberHint", { suggested: resolution.suggestedNumber })}
        defaultValue={resolution.exists ? (resolution.number ?? "") : resolution.suggestedNumber}
        maxLength={50}
        errors={fieldErrors.number}
        disabled={!canEdit}
        className="sm:max-w-xs"
      />
      <TextAreaField
        label={t("body")}
        name="body"
        hint={resolution.exists ? undefined : t("bodyHint")}
        defaultValue={resolution.body}
        rows={10}
        errors={fieldErrors.body}
        disabled={!canEdit}
      />
      <fieldset className="flex flex-col gap-3 rounded-lg border border-ink-200 p-3">
        <legend className="px-1 text-lg font-semibold text-ink-900">{t("vote")}</legend>
        <p className="text-base text-ink-700">
          {complete ? t("voters", { count: figures.summary.presentOfficial }) : t("votersIncomplete", { count: figures.unmarked.length })}
        </p>
        <div className="grid grid-cols-3 items-end gap-3">
          {(["votesFor", "votesAgainst", "votesAbstain"] as const).map((key) => (
            <TextField
              key={key}
              label={t(key)}
              name={key}
              type="number"
              inputMode="numeric"
              min={0}
              value={votes[key]}
              onChange={setVote(key)}
              errors={key === "votesFor" || countsEdited ? undefined : fieldErrors[key]}
              disabled={!canEdit}
            />
          ))}
        </div>
        {fieldErrors.votesFor && !countsEdited ? (
          <ul className="text-base font-medium text-danger-700" role="alert">
            {fieldErrors.votesFor.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
        <SelectField
          label={t("method")}
          name="voteMethod"
          defaultValue={resolution.voteMethod ?? ""}
          options={[{ value: "", label: t("noVote") }, ...METHODS.map((m) => ({ value: m, label: tm(m) }))]}
          errors={fieldErrors.voteMethod}
          disabled={!canEdit}
        />
        {preview ? (
          preview.ok ? (
            <Alert tone={preview.value.valid ? "success" : "warning"} title={preview.value.valid ? t("valid") : t("invalid")}>
              {preview.value.explanation}
            </Alert>
          ) : (
            <Alert tone="error">{preview.errors[0]?.message}</Alert>
          )
        ) : resolution.voteValid !== null && !state ? (
          <p className="text-base text-ink-700">{resolution.voteValid ? t("storedValid", { denominator: resolution.voteDenominator ?? 0 }) : t("storedInvalid", { denominator: resolution.voteDenominator ?? 0 })}</p>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("adoptedAt")}
          name="adoptedAt"
          type="datetime-local"
          defaultValue={resolution.adoptedAt ? toLocalDateTimeInput(resolution.adoptedAt) : ""}
          errors={fieldErrors.adoptedAt}
          disabled={!canEdit}
        />
        <TextField
          label={t("postedAt")}
          name="postedAt"
          type="datetime-local"
          hint={t("postedAtHint")}
          defaultValue={resolution.postedAt ? toLocalDateTimeInput(resolution.postedAt) : ""}
          errors={fieldErrors.postedAt}
          disabled={!canEdit}
        />
      </div>
      {canEdit ? (
        <Button type="submit" disabled={pending} className="self-start">
          {pending ? t("saving") : t("save")}
        </Button>
      ) : null}
    </form>
  );
}
