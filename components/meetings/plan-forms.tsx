"use client";

import { useTranslations } from "next-intl";
import { CheckboxField, FormError, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { GeneratePlanResult } from "@/lib/meetings/plans";

/** The branch's regular meeting day (1–28), time and place. */
export function PlanDefaultsForm({
  action,
  branchId,
  version,
  defaults,
}: {
  action: FormAction<{ version: number }>;
  branchId: string;
  version: number;
  defaults: { meetingDay: string; meetingTime: string; meetingPlace: string };
}) {
  const t = useTranslations("meetings.plans.defaults");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormError state={state} />
      {state?.ok ? <Alert tone="success">{t("saved")}</Alert> : null}
      <input type="hidden" name="branchId" value={branchId} />
      <input type="hidden" name="version" value={String(version)} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField
          label={t("meetingDay")}
          name="meetingDay"
          type="number"
          inputMode="numeric"
          min={1}
          max={28}
          defaultValue={defaults.meetingDay}
          hint={t("meetingDayHint")}
          errors={fieldErrors.meetingDay}
        />
        <TextField label={t("meetingTime")} name="meetingTime" type="time" defaultValue={defaults.meetingTime} errors={fieldErrors.meetingTime} />
      </div>
      <TextField label={t("meetingPlace")} name="meetingPlace" defaultValue={defaults.meetingPlace} maxLength={300} errors={fieldErrors.meetingPlace} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}

export interface PlanTopicDefaults {
  title: string;
  description: string;
  combined: boolean;
}

const QUARTERS = [1, 2, 3, 4] as const;

/** Topics per quarter and the button that creates the plan or brings it up to date. */
export function PlanGenerateForm({
  action,
  branchId,
  year,
  version,
  note,
  topics,
}: {
  action: FormAction<GeneratePlanResult>;
  branchId: string;
  year: number;
  /** The plan's version; null when there is no plan yet. */
  version: number | null;
  note: string;
  topics: Record<1 | 2 | 3 | 4, PlanTopicDefaults>;
}) {
  const t = useTranslations("meetings");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const existing = version !== null;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <input type="hidden" name="branchId" value={branchId} />
      <input type="hidden" name="year" value={String(year)} />
      {existing ? <input type="hidden" name="version" value={String(version)} /> : null}
      <p className="text-base text-ink-700">{existing ? t("plans.generate.introExisting") : t("plans.generate.intro")}</p>
      {QUARTERS.map((quarter) => (
        <fieldset key={quarter} className="flex flex-col gap-3 rounded-lg border border-ink-200 p-4">
          <legend className="px-1 text-base font-semibold text-ink-900">{t(`quarter.${quarter}`)}</legend>
          <TextField
            label={t("plans.generate.topic", { quarter: t(`quarter.${quarter}`) })}
            name={`topic${quarter}`}
            defaultValue={topics[quarter].title}
            hint={t("plans.generate.topicHint")}
            maxLength={300}
            errors={fieldErrors[`topics.${quarter - 1}.title`]}
          />
          <TextAreaField
            label={t("plans.generate.topicDescription", { quarter: t(`quarter.${quarter}`) })}
            name={`topic${quarter}Description`}
            defaultValue={topics[quarter].description}
            rows={2}
            maxLength={2000}
            errors={fieldErrors[`topics.${quarter - 1}.description`]}
          />
          <CheckboxField label={t("plans.generate.combined")} name={`topic${quarter}Combined`} defaultChecked={topics[quarter].combined} />
        </fieldset>
      ))}
      <TextAreaField label={t("plans.generate.note")} name="note" defaultValue={note} maxLength={2000} errors={fieldErrors.note} />
      {/* A long form: the outcome is shown next to the button the user just pressed. */}
      <FormError state={state} />
      {state?.ok ? (
        <Alert tone="success">
          <p>{t("plans.generate.result", { created: state.data.created, updated: state.data.updated, kept: state.data.kept })}</p>
          {state.data.skippedPast > 0 ? <p>{t("plans.generate.skippedPast", { count: state.data.skippedPast })}</p> : null}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("saving") : existing ? t("plans.generate.submitExisting") : t("plans.generate.submit")}
        </Button>
      </div>
    </form>
  );
}
