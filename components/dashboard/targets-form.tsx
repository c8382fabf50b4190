"use client";

// The year's targets (chỉ tiêu), one field per indicator; an empty field means no target. What was
// typed stays when the server refuses it, with the message under the field.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormError, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

export interface TargetField {
  indicator: string;
  label: string;
  unit: "percent" | "count";
  value: number | null;
}

export function TargetsForm<T>({
  action,
  year,
  years,
  indicators,
}: {
  action: FormAction<T>;
  year: number;
  years: number[];
  indicators: TargetField[];
}) {
  const t = useTranslations("dashboard.targetsPage");
  const router = useRouter();
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <div className="flex flex-col gap-6">
      <form noValidate method="get" action="/dashboard/targets" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="targets-year" className="text-base font-semibold text-ink-900">
            {t("year")}
          </label>
          <select
            id="targets-year"
            name="year"
            defaultValue={String(year)}
            onChange={(event) => router.push(`/dashboard/targets?year=${event.currentTarget.value}`)}
            className="min-h-12 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900"
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <noscript>
          <button type="submit" className="min-h-11 rounded-lg border border-ink-300 px-4">
            {t("showYear")}
          </button>
        </noscript>
      </form>

      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6" key={year}>
        <input type="hidden" name="year" value={year} />
        <FormError state={state} />
        {state?.ok ? <Alert tone="success">{t("saved", { year })}</Alert> : null}
        <div className="grid gap-5 md:grid-cols-2">
          {indicators.map((f) => (
            <TextField
              key={f.indicator}
              name={`target.${f.indicator}`}
              label={f.label}
              hint={f.unit === "percent" ? t("hintPercent") : t("hintCount")}
              inputMode="decimal"
              defaultValue={f.value === null ? "" : String(f.value).replace(".", ",")}
              errors={fieldErrors[`targets.${f.indicator}`]}
            />
          ))}
        </div>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t("saving") : t("save")}
          </Button>
        </div>
      </form>
    </div>
  );
}
