"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CheckboxField, FormError, SelectField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Button, ButtonLink } from "@/components/ui/button";
import { DateTimeRange, TextField } from "@/components/ui/text-field";
import { MeetingKind } from "@/lib/generated/prisma/enums";

export interface MeetingFormValues {
  branchId: string;
  kind: MeetingKind;
  title: string;
  hasThematicPart: boolean;
  topic: string;
  /** "2026-03-05T14:00", Vietnam time. */
  plannedStart: string;
  plannedEnd: string;
  place: string;
}

export interface MeetingFormBranch {
  id: string;
  label: string;
  place: string | null;
}

/** Plan a meeting, or edit one not held yet. The service checks every rule again. */
export function MeetingForm({
  action,
  mode,
  hidden,
  defaults,
  branches,
  cancelHref,
}: {
  action: FormAction<null>;
  mode: "create" | "edit";
  /** id + version when editing. */
  hidden: Record<string, string>;
  defaults: MeetingFormValues;
  /** Create: the branches the user records meetings for. */
  branches: readonly MeetingFormBranch[];
  cancelHref: string;
}) {
  const t = useTranslations("meetings");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const [kind, setKind] = useState<MeetingKind>(defaults.kind);
  const [place, setPlace] = useState(defaults.place);
  const thematicKind = kind === "COMBINED" || kind === "THEMATIC";
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5" noValidate>
      <FormError state={state} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {mode === "create" ? (
        <SelectField
          label={t("fields.branch")}
          name="branchId"
          defaultValue={defaults.branchId}
          onChange={(event) => {
            // Offer the branch's usual place when nothing was typed yet.
            const chosen = branches.find((branch) => branch.id === event.target.value);
            if (!place && chosen?.place) setPlace(chosen.place);
          }}
          options={branches.map((branch) => ({ value: branch.id, label: branch.label }))}
          errors={fieldErrors.branchId}
        />
      ) : null}
      <SelectField
        label={t("fields.kind")}
        name="kind"
        value={kind}
        onChange={(event) => setKind(event.target.value as MeetingKind)}
        hint={t(`kindHint.${kind}`)}
        options={Object.values(MeetingKind).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        errors={fieldErrors.kind}
      />
      <TextField
        label={t("fields.title")}
        name="title"
        defaultValue={defaults.title}
        hint={t("fields.titleHint")}
        required
        maxLength={200}
        errors={fieldErrors.title}
      />
      {kind === "REGULAR" || kind === "EXTRAORDINARY" ? (
        <CheckboxField
          label={t("fields.hasThematicPart")}
          name="hasThematicPart"
          defaultChecked={defaults.hasThematicPart}
          hint={t("fields.hasThematicPartHint")}
          errors={fieldErrors.hasThematicPart}
        />
      ) : null}
      <TextField
        label={t("fields.topic")}
        name="topic"
        defaultValue={defaults.topic}
        hint={t("fields.topicHint")}
        required={thematicKind}
        maxLength={300}
        errors={fieldErrors.topic}
      />
      <DateTimeRange
        className="grid grid-cols-1 gap-5 sm:grid-cols-2"
        start={{ label: t("fields.plannedStart"), name: "plannedStart", defaultValue: defaults.plannedStart, hint: t("fields.timeZoneHint"), required: true, errors: fieldErrors.plannedStart }}
        end={{ label: t("fields.plannedEnd"), name: "plannedEnd", defaultValue: defaults.plannedEnd, hint: t("fields.plannedEndHint"), errors: fieldErrors.plannedEnd }}
      />
      <TextField
        label={t("fields.place")}
        name="place"
        value={place}
        onChange={(event) => setPlace(event.target.value)}
        maxLength={300}
        errors={fieldErrors.place}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("saving") : mode === "create" ? t("new.submit") : t("edit.submit")}
        </Button>
        <ButtonLink href={cancelHref} variant="ghost">
          {t("back")}
        </ButtonLink>
      </div>
    </form>
  );
}
