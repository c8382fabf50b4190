"use client";

// One setting's change form on the settings screen: the field(s) its registry schema describes, the
// day it applies from, a confirmation saying what changes for whom from when, and the result.
import { useTranslations } from "next-intl";
import { CheckboxField, FormError, SelectField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { SaveSettingResult } from "@/lib/settings/admin";
import type { SettingField } from "@/lib/settings/describe";

export interface SettingFormProps {
  action: FormAction<SaveSettingResult>;
  settingKey: string;
  unitId: string;
  label: string;
  unit: string | null;
  field: SettingField;
  current: unknown;
  today: string;
  scopeName: string;
  /** Object settings: the label of each sub-field. */
  fieldLabels: Record<string, string>;
  choiceLabels: Record<string, string>;
}

const asText = (value: unknown) => (value === null || value === undefined ? "" : typeof value === "number" ? String(value).replace(".", ",") : String(value));

function Field({
  field,
  name,
  label,
  unit,
  value,
  errors,
  choiceLabels,
  fieldLabels,
}: {
  field: SettingField;
  name: string;
  label: string;
  unit: string | null;
  value: unknown;
  errors?: string[];
  choiceLabels: Record<string, string>;
  fieldLabels: Record<string, string>;
}) {
  const t = useTranslations("settings");
  switch (field.kind) {
    case "integer":
    case "number":
      return (
        <TextField
          label={unit ? `${label} (${unit})` : label}
          name={name}
          inputMode={field.kind === "integer" ? "numeric" : "decimal"}
          defaultValue={asText(value)}
          autoComplete="off"
          hint={field.min !== null && field.max !== null ? `${field.min}–${field.max}${field.nullable ? ` · ${t("empty")}: ${t("none")}` : ""}` : undefined}
          errors={errors}
        />
      );
    case "boolean":
      return <CheckboxField label={label} name={name} defaultChecked={value === true} errors={errors} />;
    case "text":
      return <TextField label={label} name={name} defaultValue={asText(value)} maxLength={field.maxLength ?? undefined} autoComplete="off" errors={errors} />;
    case "choice":
      return (
        <SelectField
          label={label}
          name={name}
          defaultValue={asText(value)}
          options={[...(field.nullable ? [{ value: "", label: t("none") }] : []), ...field.options.map((option) => ({ value: option, label: choiceLabels[option] ?? option }))]}
          errors={errors}
        />
      );
    case "object":
      return (
        <fieldset className="flex flex-col gap-3 rounded-lg border border-ink-200 p-3">
          <legend className="px-1 text-base font-semibold text-ink-900">{label}</legend>
          {field.fields.map((sub) => (
            <Field
              key={sub.name}
              field={sub.field}
              name={`${name}.${sub.name}`}
              label={fieldLabels[sub.name] ?? sub.name}
              unit={null}
              value={(value as Record<string, unknown> | null)?.[sub.name]}
              choiceLabels={choiceLabels}
              fieldLabels={fieldLabels}
            />
          ))}
          {errors ? <p className="text-base font-medium text-danger-700">{errors.join(" ")}</p> : null}
        </fieldset>
      );
    case "json":
      return <TextField label={label} name={name} defaultValue={JSON.stringify(value)} autoComplete="off" errors={errors} />;
  }
}

/** The new value as the confirmation words it, from the form. */
function describeNew(field: SettingField, formData: FormData, name: string, t: (key: "yes" | "no" | "empty") => string, choiceLabels: Record<string, string>, unit: string | null): string {
  switch (field.kind) {
    case "boolean":
      return formData.get(name) === "on" ? t("yes") : t("no");
    case "object":
      return field.fields.map((sub) => describeNew(sub.field, formData, `${name}.${sub.name}`, t, choiceLabels, null)).join("; ");
    case "choice": {
      const raw = String(formData.get(name) ?? "");
      return choiceLabels[raw] ?? (raw || t("empty"));
    }
    default: {
      const raw = String(formData.get(name) ?? "").trim();
      return raw ? `“${raw}”${unit ? ` ${unit}` : ""}` : t("empty");
    }
  }
}

export function SettingForm({ action, settingKey, unitId, label, unit, field, current, today, scopeName, fieldLabels, choiceLabels }: SettingFormProps) {
  const t = useTranslations("settings");
  const { state, pending, onSubmit, fieldErrors, dialog } = useKeptAction(action, {
    confirm: (formData) => ({
      title: t("confirm.title"),
      body: (
        <p>
          {t("confirm.body", {
            label,
            value: describeNew(field, formData, "value", (k) => t(k), choiceLabels, unit),
            scope: scopeName,
            from: String(formData.get("effectiveFrom") ?? "").split("-").reverse().join("/"),
          })}
        </p>
      ),
      confirmLabel: t("confirm.action"),
    }),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {dialog}
      <input type="hidden" name="key" value={settingKey} />
      <input type="hidden" name="unitId" value={unitId} />
      {state?.ok ? (
        <Alert tone="success">{state.data.changed ? t("saved", { from: state.data.effectiveFrom.split("-").reverse().join("/") }) : t("unchanged")}</Alert>
      ) : null}
      <FormError state={state} />
      <Field field={field} name="value" label={t("newValue")} unit={unit} value={current} errors={fieldErrors.value} choiceLabels={choiceLabels} fieldLabels={fieldLabels} />
      <TextField label={t("effectiveFrom")} name="effectiveFrom" type="date" defaultValue={today} hint={t("effectiveFromHint")} errors={fieldErrors.effectiveFrom} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
