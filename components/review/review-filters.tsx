// The review desk's filters as a GET form: they live in the URL, so a filtered queue can be shared.
import Form from "next/form";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { ANOMALY_FILTERS, type ReviewFilters as Filters } from "@/lib/dashboard/review";
import { LEVELS } from "@/lib/domain/levels";

const fieldClass = "min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900";
const labelClass = "text-base font-semibold text-ink-900";

export function ReviewFilters({ filters, units, active }: { filters: Filters; units: readonly { id: string; name: string; depth: number }[]; active: boolean }) {
  const t = useTranslations("review.filters");
  const lv = useTranslations("dashboard.levels");
  const flags = useTranslations("review.flags");
  return (
    <Form action="/review" role="search" aria-label={t("legend")} className="flex flex-col gap-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="review-month" className={labelClass}>
            {t("month")}
          </label>
          <input id="review-month" name="month" type="month" defaultValue={filters.month ?? ""} className={fieldClass} />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="review-unit" className={labelClass}>
            {t("unit")}
          </label>
          <select id="review-unit" name="unit" defaultValue={filters.unit ?? ""} className={fieldClass}>
            <option value="">{t("allUnits")}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {`${"  ".repeat(Math.min(u.depth, 4))}${u.name}`}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="review-level" className={labelClass}>
            {t("level")}
          </label>
          <select id="review-level" name="level" defaultValue={filters.level ?? ""} className={fieldClass}>
            <option value="">{t("all")}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {lv(l)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="review-anomaly" className={labelClass}>
            {t("anomaly")}
          </label>
          <select id="review-anomaly" name="anomaly" defaultValue={filters.anomaly ?? ""} className={fieldClass}>
            <option value="">{t("all")}</option>
            {ANOMALY_FILTERS.map((a) => (
              <option key={a} value={a}>
                {flags(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="review-state" className={labelClass}>
            {t("state")}
          </label>
          <select id="review-state" name="state" defaultValue={filters.state ?? ""} className={fieldClass}>
            <option value="">{t("all")}</option>
            <option value="SELF_SCORED">{t("selfScored")}</option>
            <option value="CONFIRMED">{t("confirmed")}</option>
          </select>
        </div>
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonClass("primary")}>
          {t("apply")}
        </button>
        {active ? (
          <Link href="/review" className={buttonClass("ghost")}>
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
