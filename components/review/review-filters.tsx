// The review desk's filters as a GET form: they live in the URL, so a filtered queue can be shared.
import { useTranslations } from "next-intl";
import { FilterForm, FilterMonth, FilterSelect } from "@/components/ui/filter-form";
import { ANOMALY_FILTERS, type ReviewFilters as Filters } from "@/lib/dashboard/review";
import { LEVELS } from "@/lib/domain/levels";

export function ReviewFilters({ filters, units, active }: { filters: Filters; units: readonly { id: string; name: string; depth: number }[]; active: boolean }) {
  const t = useTranslations("review.filters");
  const lv = useTranslations("dashboard.levels");
  const flags = useTranslations("review.flags");
  return (
    <FilterForm path="/review" label={t("legend")} gridClass="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5" apply={t("apply")} clear={t("clear")} active={active}>
      <FilterMonth id="review-month" name="month" label={t("month")} value={filters.month} />
      <FilterSelect
        id="review-unit"
        name="unit"
        label={t("unit")}
        value={filters.unit}
        all={t("allUnits")}
        options={units.map((u) => ({ value: u.id, label: `${"  ".repeat(Math.min(u.depth, 4))}${u.name}` }))}
      />
      <FilterSelect id="review-level" name="level" label={t("level")} value={filters.level} all={t("all")} options={LEVELS.map((l) => ({ value: l, label: lv(l) }))} />
      <FilterSelect id="review-anomaly" name="anomaly" label={t("anomaly")} value={filters.anomaly} all={t("all")} options={ANOMALY_FILTERS.map((a) => ({ value: a, label: flags(a) }))} />
      <FilterSelect
        id="review-state"
        name="state"
        label={t("state")}
        value={filters.state}
        all={t("all")}
        options={[
          { value: "SELF_SCORED", label: t("selfScored") },
          { value: "CONFIRMED", label: t("confirmed") },
        ]}
      />
    </FilterForm>
  );
}
