"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { OrgUnitCategory, type OrgUnitKind } from "@/lib/generated/prisma/enums";
import { COMMITTEE_MIN_OFFICIALS, isBranchKind } from "@/lib/org/unit-rules";

export interface UnitFormValues {
  name: string;
  code: string;
  kind: OrgUnitKind;
  category: OrgUnitCategory | "";
  /** The manual decision: null follows the rule of 9 official members (lib/org/committee.ts). */
  hasCommittee: boolean | null;
  committeeReason: string;
  activeFrom: string;
}

type CommitteeChoice = "auto" | "yes" | "no";

/** Create a unit under a parent, or edit one. Only kinds that fit are offered; the service checks again. */
export function UnitForm({
  action,
  mode,
  hidden,
  defaults,
  kinds,
  cancelHref,
  committeeToday,
}: {
  action: FormAction<null>;
  mode: "create" | "edit";
  /** parentId (create) or id + version (edit). */
  hidden: Record<string, string>;
  defaults: UnitFormValues;
  kinds: readonly OrgUnitKind[];
  cancelHref: string;
  /** What the rule (or the decision) says today, shown under the choice. */
  committeeToday?: string | null;
}) {
  const t = useTranslations();
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const [kind, setKind] = useState<OrgUnitKind>(defaults.kind);
  const [committee, setCommittee] = useState<CommitteeChoice>(defaults.hasCommittee === null ? "auto" : defaults.hasCommittee ? "yes" : "no");
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5" noValidate>
      <FormError state={state} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextField label={t("orgAdmin.fields.name")} name="name" defaultValue={defaults.name} required maxLength={200} errors={fieldErrors.name} />
      <SelectField
        label={t("orgAdmin.fields.kind")}
        name="kind"
        value={kind}
        onChange={(event) => setKind(event.target.value as OrgUnitKind)}
        hint={mode === "edit" && kinds.length === 1 ? t("orgAdmin.fields.kindLocked") : t("orgAdmin.fields.kindHint")}
        options={kinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
        errors={fieldErrors.kind}
      />
      <SelectField
        label={t("orgAdmin.fields.category")}
        name="category"
        defaultValue={defaults.category}
        options={[
          { value: "", label: t("orgCategory.none") },
          ...Object.values(OrgUnitCategory).map((c) => ({ value: c, label: t(`orgCategory.${c}`) })),
        ]}
        errors={fieldErrors.category}
      />
      <TextField
        label={t("orgAdmin.fields.code")}
        name="code"
        defaultValue={defaults.code}
        hint={t("orgAdmin.fields.codeHint")}
        maxLength={40}
        autoComplete="off"
        errors={fieldErrors.code}
      />
      {mode === "create" ? (
        <TextField
          label={t("orgAdmin.fields.activeFrom")}
          name="activeFrom"
          type="date"
          defaultValue={defaults.activeFrom}
          required
          errors={fieldErrors.activeFrom}
        />
      ) : null}
      {isBranchKind(kind) ? (
        <fieldset className="flex flex-col gap-2" aria-describedby="committee-hint">
          <legend className="text-base font-semibold text-ink-900">{t("orgAdmin.fields.hasCommittee")}</legend>
          <p id="committee-hint" className="text-sm text-ink-700">
            {t("orgAdmin.fields.hasCommitteeHint")}
          </p>
          {(["auto", "yes", "no"] as const).map((value) => (
            <label key={value} className="flex min-h-11 cursor-pointer items-center gap-3 text-base text-ink-900">
              <input
                type="radio"
                name="hasCommittee"
                value={value}
                checked={committee === value}
                onChange={() => setCommittee(value)}
                className="size-5 shrink-0 accent-brand-700"
              />
              {t(`orgAdmin.committee.${value}`, { min: COMMITTEE_MIN_OFFICIALS })}
            </label>
          ))}
          {committeeToday ? <p className="text-sm text-ink-700">{committeeToday}</p> : null}
          {committee !== "auto" ? (
            <TextAreaField
              label={t("orgAdmin.committee.reason")}
              name="committeeReason"
              defaultValue={defaults.committeeReason}
              hint={t("orgAdmin.committee.reasonHint")}
              maxLength={500}
              required
              errors={fieldErrors.committeeReason}
            />
          ) : null}
          {fieldErrors.hasCommittee ? <p className="text-sm text-danger-700">{fieldErrors.hasCommittee.join(" ")}</p> : null}
        </fieldset>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("orgAdmin.saving") : mode === "create" ? t("orgAdmin.create.submit") : t("orgAdmin.edit.submit")}
        </Button>
        <ButtonLink href={cancelHref} variant="ghost">
          {t("orgAdmin.cancel")}
        </ButtonLink>
      </div>
    </form>
  );
}
