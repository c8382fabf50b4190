"use client";

// The forms of the rubric pages: clone, import a JSON file, edit (the usual fields, or the whole
// JSON), assign a code to a unit, end an assignment, and "which rubric applies". Each keeps what
// was typed when the server refuses and lists every issue the validator found. Clone, import, the
// JSON editor and "end" serve the classification frames too (issue 16): `catalog` names the
// namespace whose clone/import/edit/assignments texts they show (same keys as "rubrics").
import clsx from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { CheckboxField, SelectField, TextAreaField, useKeptAction, type FormAction, Disclosure, Hidden } from "@/components/admin/form-kit";
import { UnitPicker } from "@/components/admin/search-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/actions/define-action";
import { formatCalendarDate, formatNumber } from "@/lib/i18n/format";
import { MEETING_KINDS } from "@/lib/meetings/rules/types";
import type { UnitOption } from "@/lib/org/units";
import type { Rubric } from "@/lib/scoring/model";
import type { RubricPreview } from "@/lib/scoring/rubric-admin";

type Search = (query: string) => Promise<UnitOption[]>;

/** Namespaces that carry the texts of the shared forms under the same keys. */
export type FormCatalog = "rubrics" | "classification.frameForms";

/** The refusal and, below it, every issue found (the validator reports many at once). */
function Issues({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok) return null;
  const messages = [...new Set(Object.values(state.fieldErrors ?? {}).flat())];
  return (
    <Alert tone="error">
      <p className="font-semibold">{state.error}</p>
      {messages.length > 0 ? (
        <ul className="mt-2 flex list-disc flex-col gap-1 pl-5">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

function Submit({ pending, children, variant = "primary", catalog = "rubrics" }: { pending: boolean; children: ReactNode; variant?: "primary" | "secondary"; catalog?: FormCatalog }) {
  const t = useTranslations(catalog as "rubrics");
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending} className="self-start">
      {pending ? t("saving") : children}
    </Button>
  );
}

/** 4.5 → "4,5" for a text input a Vietnamese user edits. */
const decimalText = (value: number) => String(value).replace(".", ",");

function KindCheckboxes({ name, label, selected, errors }: { name: string; label: string; selected: readonly string[]; errors?: readonly string[] }) {
  const t = useTranslations("meetings.kind");
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-base font-semibold text-ink-900">{label}</legend>
      {/* Sent even when nothing is ticked, so "no kind" is an error rather than "unchanged". */}
      <input type="hidden" name={name} value="" />
      {MEETING_KINDS.map((kind) => (
        <CheckboxField key={kind} name={name} value={kind} label={t(kind)} defaultChecked={selected.includes(kind)} />
      ))}
      {errors?.length ? (
        <ul className="text-base font-medium text-danger-700">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

export function CloneForm({ action, sourceId, sourceName, catalog = "rubrics" }: { action: FormAction<null>; sourceId: string; sourceName: string; catalog?: FormCatalog }) {
  const t = useTranslations(`${catalog}.clone` as "rubrics.clone");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Issues state={state} />
      <Hidden values={{ sourceId }} />
      <TextField label={t("code")} hint={t("codeHint")} name="code" required maxLength={40} autoComplete="off" spellCheck={false} errors={fieldErrors.code} />
      <TextField label={t("name")} name="name" required maxLength={300} defaultValue={t("defaultName", { name: sourceName })} errors={fieldErrors.name} />
      <Submit pending={pending} catalog={catalog}>
        {t("submit")}
      </Submit>
    </form>
  );
}

export function ImportForm({ action, catalog = "rubrics" }: { action: FormAction<null>; catalog?: FormCatalog }) {
  const t = useTranslations(`${catalog}.import` as "rubrics.import");
  const { state, pending, onSubmit } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Issues state={state} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor="rubric-file" className="text-base font-semibold text-ink-900">
          {t("file")}
        </label>
        <p id="rubric-file-hint" className="text-sm text-ink-600">
          {t("fileHint")}
        </p>
        <input
          id="rubric-file"
          name="file"
          type="file"
          accept="application/json,.json"
          aria-describedby="rubric-file-hint"
          className="min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-base text-ink-900 file:mr-3 file:rounded-md file:border-0 file:bg-ink-100 file:px-3 file:py-1.5 file:font-semibold"
        />
      </div>
      <Submit pending={pending} variant="secondary" catalog={catalog}>
        {t("submit")}
      </Submit>
    </form>
  );
}

/** Errors of one input: its own key (a field the form could not read) and the validator's key. */
const errorsOf = (fieldErrors: Record<string, string[]>, ...keys: string[]) => {
  const list = keys.flatMap((key) => fieldErrors[key] ?? []);
  return list.length > 0 ? list : undefined;
};

export function RubricFieldsForm({
  action,
  rubric,
  baseId,
  latestVersion,
}: {
  action: FormAction<null>;
  rubric: Rubric;
  baseId: string;
  latestVersion: number;
}) {
  const t = useTranslations("rubrics.edit");
  const tl = useTranslations("rubrics.levels");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <Issues state={state} />
      <Hidden values={{ code: rubric.code, expectedLatestVersion: latestVersion, baseId }} />
      <TextField label={t("name")} name="name" defaultValue={rubric.name} required maxLength={300} errors={fieldErrors.name} />
      <TextAreaField label={t("description")} name="description" defaultValue={rubric.description ?? ""} rows={4} errors={fieldErrors.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("effectiveFrom")} name="effectiveFrom" type="date" defaultValue={rubric.effectiveFrom} required errors={fieldErrors.effectiveFrom} />
        <TextField
          label={t("effectiveTo")}
          hint={t("effectiveToHint")}
          name="effectiveTo"
          type="date"
          defaultValue={rubric.effectiveTo ?? ""}
          errors={fieldErrors.effectiveTo}
        />
      </div>
      <KindCheckboxes name="meetingKinds" label={t("meetingKinds")} selected={rubric.meetingKinds} errors={fieldErrors.meetingKinds} />
      <TextField
        label={t("totalPoints")}
        name="totalPoints"
        inputMode="decimal"
        defaultValue={decimalText(rubric.totalPoints)}
        className="max-w-48"
        errors={errorsOf(fieldErrors, "totalPoints")}
      />

      <h2 className="mt-2 text-xl font-semibold text-ink-900">{t("criteriaTitle")}</h2>
      <p className="text-base text-ink-700">{t("criteriaHint")}</p>
      {rubric.groups.map((group) => (
        <fieldset key={group.code} className="flex min-w-0 flex-col gap-4 rounded-lg border border-ink-300 p-3 sm:p-4">
          <legend className="px-1 text-lg font-semibold text-ink-950">
            {group.code}. {group.name}
          </legend>
          <TextField
            label={t("groupPoints", { code: group.code })}
            name={`groups.${group.code}.points`}
            inputMode="decimal"
            defaultValue={decimalText(group.points)}
            className="max-w-48"
            errors={errorsOf(fieldErrors, `groups.${group.code}.points`, `groups.${group.code}`)}
          />
          {group.criteria.map((c) => (
            <div key={c.code} className="flex flex-col gap-3 border-t border-ink-200 pt-3">
              <p className="text-base font-semibold text-ink-950">
                {c.code}. {c.name}
                <span className="ml-2 text-sm font-normal text-ink-600">{t(`mode.${c.mode}`)}</span>
              </p>
              <div className="grid grid-cols-2 gap-3 sm:max-w-md">
                <TextField
                  label={t("maxPoints")}
                  name={`criteria.${c.code}.maxPoints`}
                  inputMode="decimal"
                  defaultValue={decimalText(c.maxPoints)}
                  errors={errorsOf(fieldErrors, `criteria.${c.code}.maxPoints`)}
                />
                <TextField
                  label={t("step")}
                  name={`criteria.${c.code}.step`}
                  inputMode="decimal"
                  defaultValue={decimalText(c.step)}
                  errors={errorsOf(fieldErrors, `criteria.${c.code}.step`)}
                />
              </div>
              <TextAreaField label={t("guidance")} name={`criteria.${c.code}.guidance`} defaultValue={c.guidance ?? ""} rows={2} errors={fieldErrors[`criteria.${c.code}.guidance`]} />
              {fieldErrors[`criteria.${c.code}`]?.length ? (
                <ul className="flex flex-col gap-0.5 text-base font-medium text-danger-700">
                  {fieldErrors[`criteria.${c.code}`]!.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
        </fieldset>
      ))}

      {rubric.thematicVariants?.length ? (
        <fieldset className="flex min-w-0 flex-col gap-4 rounded-lg border border-ink-300 p-3 sm:p-4">
          <legend className="px-1 text-lg font-semibold text-ink-950">{t("variants.title")}</legend>
          <p className="text-base text-ink-700">{t("variants.hint")}</p>
          {rubric.thematicVariants.map((variant, index) => (
            <div key={index} className="flex flex-col gap-3 border-t border-ink-200 pt-3 first-of-type:border-t-0 first-of-type:pt-0">
              <p className="text-base font-semibold text-ink-950">
                {variant.pureThematic ? t("variants.pureThematic") : variant.hasThematicPart ? t("variants.withThematic") : t("variants.noThematic")}
              </p>
              <TextAreaField
                label={t("variants.description")}
                name={`variants.${index}.description`}
                defaultValue={variant.description ?? ""}
                rows={2}
                errors={fieldErrors[`variants.${index}.description`]}
              />
              <fieldset className="flex flex-col gap-2">
                <legend className="text-base font-semibold text-ink-900">{t("variants.notApplicable")}</legend>
                <input type="hidden" name={`variants.${index}.notApplicable`} value="" />
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {rubric.groups.flatMap((group) => group.criteria).map((c) => {
                    // A criterion scored only with (or without) a thematic part is out of this situation by its own rule.
                    const implied = c.appliesWhen !== undefined && c.appliesWhen.hasThematicPart !== variant.hasThematicPart;
                    return (
                      <label key={c.code} className={clsx("flex min-h-11 items-center gap-2 text-base", implied ? "text-ink-500" : "text-ink-900")}>
                        <input
                          type="checkbox"
                          name={`variants.${index}.notApplicable`}
                          value={c.code}
                          defaultChecked={implied || (variant.notApplicable?.includes(c.code) ?? false)}
                          disabled={implied}
                          className="size-5 accent-brand-700"
                        />
                        {c.code}
                      </label>
                    );
                  })}
                </div>
                <p className="text-sm text-ink-600">{t("variants.impliedNote")}</p>
                {fieldErrors[`variants.${index}.notApplicable`]?.length ? (
                  <p className="text-base font-medium text-danger-700">{fieldErrors[`variants.${index}.notApplicable`]!.join(" ")}</p>
                ) : null}
              </fieldset>
              {Object.entries(variant.maxPoints ?? {}).map(([code, points]) => (
                <TextField
                  key={code}
                  label={t("variants.maxPoints", { code })}
                  name={`variants.${index}.maxPoints.${code}`}
                  inputMode="decimal"
                  defaultValue={decimalText(points)}
                  className="max-w-48"
                  errors={fieldErrors[`variants.${index}.maxPoints.${code}`]}
                />
              ))}
            </div>
          ))}
        </fieldset>
      ) : null}

      <fieldset className="flex min-w-0 flex-col gap-3 rounded-lg border border-ink-300 p-3 sm:p-4">
        <legend className="px-1 text-lg font-semibold text-ink-950">{t("levelsTitle")}</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {rubric.levelRules.map((rule) => (
            <TextField
              key={rule.level}
              label={t("minTotal", { level: tl(rule.level) })}
              name={`levels.${rule.level}.minTotal`}
              inputMode="decimal"
              defaultValue={decimalText(rule.minTotal)}
              errors={fieldErrors[`levels.${rule.level}.minTotal`]}
            />
          ))}
        </div>
        {fieldErrors.levels?.length ? (
          <ul className="flex flex-col gap-0.5 text-base font-medium text-danger-700">
            {fieldErrors.levels.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <Submit pending={pending}>{t("submit", { version: latestVersion + 1 })}</Submit>
    </form>
  );
}

export function RubricJsonForm({
  action,
  code,
  json,
  latestVersion,
  catalog = "rubrics",
}: {
  action: FormAction<null>;
  code: string;
  json: string;
  latestVersion: number;
  catalog?: FormCatalog;
}) {
  const t = useTranslations(`${catalog}.edit` as "rubrics.edit");
  const { state, pending, onSubmit } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Issues state={state} />
      <Hidden values={{ code, expectedLatestVersion: latestVersion }} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor="rubric-json" className="text-base font-semibold text-ink-900">
          {t("json")}
        </label>
        <p id="rubric-json-hint" className="text-sm text-ink-600">
          {t("jsonHint")}
        </p>
        <textarea
          id="rubric-json"
          name="definition"
          defaultValue={json}
          rows={24}
          spellCheck={false}
          aria-describedby="rubric-json-hint"
          aria-invalid={state && !state.ok ? true : undefined}
          className="min-h-96 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 font-mono text-sm text-ink-900"
        />
      </div>
      <Submit pending={pending} catalog={catalog}>
        {t("submitJson", { version: latestVersion + 1 })}
      </Submit>
    </form>
  );
}

export function AssignmentForm({
  action,
  searchUnits,
  initialUnits,
  codes,
  today,
}: {
  action: FormAction<null>;
  searchUnits: Search;
  initialUnits: UnitOption[];
  codes: { value: string; label: string }[];
  today: string;
}) {
  const t = useTranslations("rubrics.assignments");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <Issues state={state} />
      <UnitPicker name="unitId" label={t("unit")} hint={t("unitHint")} search={searchUnits} initial={initialUnits} errors={fieldErrors.unitId} />
      <SelectField label={t("rubric")} name="rubricCode" options={codes} errors={fieldErrors.rubricCode} />
      <KindCheckboxes name="meetingKinds" label={t("kinds")} selected={["REGULAR", "THEMATIC", "COMBINED"]} errors={fieldErrors.meetingKinds} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("validFrom")} name="validFrom" type="date" defaultValue={today} required errors={fieldErrors.validFrom} />
        <TextField label={t("validTo")} hint={t("validToHint")} name="validTo" type="date" errors={fieldErrors.validTo} />
      </div>
      <Submit pending={pending}>{t("submit")}</Submit>
    </form>
  );
}

export function EndAssignmentForm({ action, id, label, catalog = "rubrics" }: { action: FormAction<null>; id: string; label: string; catalog?: FormCatalog }) {
  const t = useTranslations(`${catalog}.assignments` as "rubrics.assignments");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <Disclosure summary={t("end")} label={label} tone="danger">
      <form onSubmit={onSubmit} className="mt-2 flex flex-col gap-3" noValidate>
        <Issues state={state} />
        <Hidden values={{ id }} />
        <TextField label={t("endReason")} name="reason" maxLength={500} errors={fieldErrors.reason} />
        <Submit pending={pending} variant="secondary" catalog={catalog}>
          {t("endConfirm")}
        </Submit>
      </form>
    </Disclosure>
  );
}

export function PreviewForm({
  action,
  searchUnits,
  initialUnits,
  today,
}: {
  action: FormAction<RubricPreview>;
  searchUnits: Search;
  initialUnits: UnitOption[];
  today: string;
}) {
  const t = useTranslations("rubrics.preview");
  const tk = useTranslations("meetings.kind");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const result = state?.ok ? state.data : null;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <Issues state={state} />
      <UnitPicker name="branchId" label={t("branch")} search={searchUnits} initial={initialUnits} errors={fieldErrors.branchId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t("kind")} name="kind" defaultValue="REGULAR" options={MEETING_KINDS.map((kind) => ({ value: kind, label: tk(kind) }))} errors={fieldErrors.kind} />
        <TextField label={t("date")} name="date" type="date" defaultValue={today} required errors={fieldErrors.date} />
      </div>
      <Submit pending={pending} variant="secondary">
        {t("submit")}
      </Submit>
      {result ? (
        <Alert tone="info" title={t("resultTitle", { kind: tk(result.kind), date: formatCalendarDate(`${result.date}T00:00:00Z`), unit: result.unit.name })}>
          {result.rubric ? (
            <>
              <p>
                <Link href={`/settings/rubrics/${result.rubric.id}`} className="font-semibold text-brand-800 underline">
                  {result.rubric.name}
                </Link>{" "}
                {t("version", { code: result.rubric.code, version: formatNumber(result.rubric.version) })}
              </p>
              <p>{result.source?.kind === "assignment" ? t("byAssignment", { unit: result.source.unitName }) : t("national")}</p>
            </>
          ) : (
            <p>{t("none")}</p>
          )}
        </Alert>
      ) : null}
    </form>
  );
}
