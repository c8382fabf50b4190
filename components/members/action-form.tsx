"use client";

// One small form of the member page (transfer, exemption, position…), described by its fields.
// Labels come translated from the server. What the user typed stays when the server refuses; the
// form is cleared after a success, and a saved-with-a-warning result is shown as a warning.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { CheckboxField, SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { UnitPicker } from "@/components/admin/search-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { BranchChoice } from "@/lib/org/members";

export type ActionField =
  | { kind: "hidden"; name: string; value: string }
  /** A search instead of a select, for scopes with too many branches to list. */
  | { kind: "branchPicker"; name: string; label: string; hint?: string; search: (query: string) => Promise<BranchChoice[]> }
  | {
      kind: "text" | "date" | "number" | "textarea" | "select" | "checkbox";
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      defaultValue?: string;
      defaultChecked?: boolean;
      options?: readonly { value: string; label: string }[];
      /** Suggestions offered while typing (a datalist); free text stays allowed. */
      suggestions?: readonly string[];
      maxLength?: number;
      min?: number;
      max?: number;
    };

export function ActionForm({
  action,
  fields,
  submitLabel,
  pendingLabel,
  successMessage,
  className,
}: {
  action: FormAction<null>;
  fields: readonly ActionField[];
  submitLabel: string;
  pendingLabel: string;
  successMessage: string;
  className?: string;
}) {
  const t = useTranslations("members");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  // A refusal tied to a field is shown under it; the alert on top only says where to look.
  const shownUnderField = Object.values(fieldErrors).flat();
  const formRef = useRef<HTMLFormElement>(null);
  const listId = useId();
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  return (
    <form ref={formRef} onSubmit={onSubmit} className={clsx("flex flex-col gap-4", className)} noValidate>
      {state && !state.ok ? (
        <Alert tone="error">{shownUnderField.includes(state.error) ? t("form.checkFields") : state.error}</Alert>
      ) : null}
      {state?.ok ? <Alert tone={state.message ? "warning" : "success"}>{state.message ?? successMessage}</Alert> : null}
      {fields.map((field) => {
        if (field.kind === "hidden") return <input key={field.name} type="hidden" name={field.name} value={field.value} />;
        const errors = fieldErrors[field.name];
        if (field.kind === "branchPicker") {
          return <UnitPicker key={field.name} name={field.name} label={field.label} hint={field.hint} errors={errors} search={field.search} />;
        }
        switch (field.kind) {
          case "select":
            return (
              <SelectField
                key={field.name}
                label={field.label}
                name={field.name}
                hint={field.hint}
                required={field.required}
                defaultValue={field.defaultValue}
                options={field.options ?? []}
                errors={errors}
              />
            );
          case "textarea":
            return (
              <TextAreaField
                key={field.name}
                label={field.label}
                name={field.name}
                hint={field.hint}
                required={field.required}
                defaultValue={field.defaultValue}
                maxLength={field.maxLength}
                errors={errors}
              />
            );
          case "checkbox":
            return (
              <CheckboxField
                key={field.name}
                label={field.label}
                name={field.name}
                hint={field.hint}
                defaultChecked={field.defaultChecked}
                errors={errors}
              />
            );
          default:
            return (
              <div key={field.name}>
                <TextField
                  label={field.label}
                  name={field.name}
                  type={field.kind}
                  hint={field.hint}
                  required={field.required}
                  defaultValue={field.defaultValue}
                  maxLength={field.maxLength}
                  min={field.min}
                  max={field.max}
                  list={field.suggestions ? `${listId}-${field.name}` : undefined}
                  autoComplete="off"
                  errors={errors}
                />
                {field.suggestions ? (
                  <datalist id={`${listId}-${field.name}`}>
                    {field.suggestions.map((suggestion) => (
                      <option key={suggestion} value={suggestion} />
                    ))}
                  </datalist>
                ) : null}
              </div>
            );
        }
      })}
      <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
