"use client";

// Administration forms of the classification frames (the usual fields of a new version, an
// assignment to a subtree), the cap on "xuất sắc" and the year's targets. Clone, import, the JSON
// editor and "end an assignment" are the rubric pages' own forms (components/rubrics/rubric-forms).
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { CheckboxField, FormError, Hidden, SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { UnitPicker } from "@/components/admin/search-picker";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { LEVEL_LABELS, SUBJECTS, type ClassificationSubject, type Frame } from "@/lib/classification/model";
import type { UnitOption } from "@/lib/org/units";

type Action = FormAction<null>;
const decimalText = (value: number) => String(value).replace(".", ",");

function Submit({ pending, children }: { pending: boolean; children: ReactNode }) {
  const t = useTranslations("classification.form");
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
      {pending ? t("saving") : children}
    </Button>
  );
}

function Messages({ list }: { list?: readonly string[] }) {
  if (!list?.length) return null;
  return (
    <ul className="flex flex-col gap-0.5 text-base font-medium text-danger-700">
      {list.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** Every issue the validator found, under the banner (it reports many at once). */
function AllIssues({ fieldErrors }: { fieldErrors: Record<string, string[]> }) {
  const all = [...new Set(Object.values(fieldErrors).flat())];
  return all.length > 1 ? <Messages list={all} /> : null;
}

export function FrameFieldsForm({ action, frame, baseId, latestVersion }: { action: Action; frame: Frame; baseId: string; latestVersion: number }) {
  const t = useTranslations("classification.frameAdmin");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <FormError state={state} />
      <AllIssues fieldErrors={fieldErrors} />
      <Hidden values={{ code: frame.code, expectedLatestVersion: latestVersion, baseId }} />
      <TextField label={t("name")} name="name" defaultValue={frame.name} required maxLength={300} errors={fieldErrors.name} />
      <TextAreaField label={t("description")} name="description" defaultValue={frame.description ?? ""} rows={3} errors={fieldErrors.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("effectiveFrom")} name="effectiveFrom" type="date" defaultValue={frame.effectiveFrom} required errors={fieldErrors.effectiveFrom} />
        <TextField label={t("effectiveTo")} hint={t("effectiveToHint")} name="effectiveTo" type="date" defaultValue={frame.effectiveTo ?? ""} errors={fieldErrors.effectiveTo} />
      </div>
      {frame.groups.map((group) => (
        <fieldset key={group.code} className="flex min-w-0 flex-col gap-4 rounded-lg border border-ink-300 p-3 sm:p-4">
          <legend className="px-1 text-lg font-semibold text-ink-950">
            {group.code}. {group.name}
          </legend>
          <TextField label={t("groupPointsField", { code: group.code })} name={`groups.${group.code}.points`} inputMode="decimal" defaultValue={decimalText(group.points)} className="max-w-48" errors={fieldErrors[`groups.${group.code}`] ?? fieldErrors[`groups.${group.code}.points`]} />
          {group.criteria.map((c) => (
            <div key={c.code} className="flex flex-col gap-3 border-t border-ink-200 pt-3">
              <p className="text-base font-semibold text-ink-950">
                {c.code}. {c.name}
              </p>
              <div className="grid grid-cols-2 gap-3 sm:max-w-md">
                <TextField label={t("maxPoints")} name={`criteria.${c.code}.maxPoints`} inputMode="decimal" defaultValue={decimalText(c.maxPoints)} errors={fieldErrors[`criteria.${c.code}.maxPoints`]} />
                <TextField label={t("step")} name={`criteria.${c.code}.step`} inputMode="decimal" defaultValue={decimalText(c.step)} errors={fieldErrors[`criteria.${c.code}.step`]} />
              </div>
              <TextAreaField label={t("guidance")} name={`criteria.${c.code}.guidance`} defaultValue={c.guidance ?? ""} rows={2} errors={fieldErrors[`criteria.${c.code}.guidance`]} />
              <Messages list={fieldErrors[`criteria.${c.code}`]} />
            </div>
          ))}
        </fieldset>
      ))}
      <fieldset className="flex min-w-0 flex-col gap-3 rounded-lg border border-ink-300 p-3 sm:p-4">
        <legend className="px-1 text-lg font-semibold text-ink-950">{t("levelsTitle")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {frame.levels.map((rule) => (
            <TextField key={rule.level} label={t("minTotalField", { level: LEVEL_LABELS[rule.level] })} name={`levels.${rule.level}.minTotal`} inputMode="decimal" defaultValue={decimalText(rule.minTotal)} errors={fieldErrors[`levels.${rule.level}.minTotal`]} />
          ))}
        </div>
        {frame.levels.flatMap((rule) => (rule.conditions ?? []).filter((c) => c.value !== undefined).map((c) => ({ rule, c }))).map(({ rule, c }) => (
          <TextField
            key={c.code}
            label={t("conditionValue", { level: LEVEL_LABELS[rule.level], code: c.code })}
            hint={t(`factHint.${c.fact}`)}
            name={`conditions.${c.code}.value`}
            inputMode="decimal"
            defaultValue={decimalText(c.value!)}
            className="max-w-md"
            errors={fieldErrors[`conditions.${c.code}.value`] ?? fieldErrors[`conditions.${c.code}`]}
          />
        ))}
        <Messages list={fieldErrors.levels} />
      </fieldset>
      <Submit pending={pending}>{t("saveVersion", { version: latestVersion + 1 })}</Submit>
    </form>
  );
}

export function FrameAssignmentForm({
  action,
  searchUnits,
  initialUnits,
  frames,
  today,
}: {
  action: Action;
  searchUnits: (query: string) => Promise<UnitOption[]>;
  initialUnits: UnitOption[];
  frames: { code: string; name: string; subject: ClassificationSubject }[];
  today: string;
}) {
  const t = useTranslations("classification.frameAdmin");
  const ts = useTranslations("classification.subject");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <FormError state={state} />
      <UnitPicker name="unitId" label={t("unit")} hint={t("unitHint")} search={searchUnits} initial={initialUnits} errors={fieldErrors.unitId} />
      <SelectField label={t("frame")} name="frameCode" options={frames.map((f) => ({ value: f.code, label: `${f.name} (${f.code})` }))} errors={fieldErrors.frameCode} />
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-base font-semibold text-ink-900">{t("subjects")}</legend>
        <p className="text-sm text-ink-600">{t("subjectsHint")}</p>
        <input type="hidden" name="subjects" value="" />
        {SUBJECTS.map((s) => (
          <CheckboxField key={s} name="subjects" value={s} label={ts(s)} />
        ))}
        <Messages list={fieldErrors.subjects} />
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("validFrom")} name="validFrom" type="date" defaultValue={today} required errors={fieldErrors.validFrom} />
        <TextField label={t("validTo")} hint={t("effectiveToHint")} name="validTo" type="date" errors={fieldErrors.validTo} />
      </div>
      <Submit pending={pending}>{t("assign")}</Submit>
    </form>
  );
}

export function CapSettingForm({ action, percent, base, today }: { action: Action; percent: number; base: "GOOD_OR_BETTER" | "GOOD"; today: string }) {
  const t = useTranslations("classification.frameAdmin");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormError state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("capPercent")} name="percent" inputMode="decimal" defaultValue={decimalText(percent)} errors={fieldErrors.percent} />
        <TextField label={t("capFrom")} name="effectiveFrom" type="date" defaultValue={today} errors={fieldErrors.effectiveFrom} />
      </div>
      <SelectField
        label={t("capBase")}
        name="base"
        defaultValue={base}
        options={[
          { value: "GOOD_OR_BETTER", label: t("capBaseGoodOrBetter") },
          { value: "GOOD", label: t("capBaseGood") },
        ]}
        errors={fieldErrors.base}
      />
      <Submit pending={pending}>{t("capSave")}</Submit>
    </form>
  );
}

export interface TargetField {
  indicator: string;
  label: string;
  value: number | null;
}

export function ClassificationTargetsForm({ action, year, years, fields }: { action: Action; year: number; years: number[]; fields: TargetField[] }) {
  const t = useTranslations("classification.targets");
  const router = useRouter();
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5 sm:w-48">
        <label htmlFor="classification-targets-year" className="text-base font-semibold text-ink-900">
          {t("year")}
        </label>
        <select
          id="classification-targets-year"
          defaultValue={String(year)}
          onChange={(event) => router.push(`/classification/targets?year=${event.currentTarget.value}`)}
          className="min-h-12 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900"
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <FormError state={state} />
        <Hidden values={{ year }} />
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map((f) => (
            <TextField key={f.indicator} label={f.label} hint={t("percentHint")} name={`target.${f.indicator}`} inputMode="decimal" defaultValue={f.value === null ? "" : decimalText(f.value)} errors={fieldErrors[`targets.${f.indicator}`]} />
          ))}
        </div>
        <Submit pending={pending}>{t("save")}</Submit>
      </form>
    </div>
  );
}
