import { useTranslations } from "next-intl";
import { FilterForm, FilterMonth, FilterSelect } from "@/components/ui/filter-form";
import { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import type { BranchChoice, MeetingList } from "@/lib/meetings/meetings";

/** GET form: the filters live in the URL, so a filtered list can be bookmarked and shared. */
export function MeetingFilters({
  values,
  branches,
  active,
}: {
  values: MeetingList["filters"];
  /** Shown when the scope has more than one branch. */
  branches: readonly BranchChoice[];
  active: boolean;
}) {
  const t = useTranslations("meetings");
  const all = t("filters.all");
  return (
    <FilterForm path="/meetings" label={t("filters.legend")} gridClass="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" apply={t("filters.apply")} clear={t("filters.clear")} active={active}>
      <FilterMonth id="meeting-month" name="month" label={t("filters.month")} value={values.month} />
      <FilterSelect id="meeting-state" name="state" label={t("filters.state")} value={values.state} all={all} options={Object.values(MeetingState).map((state) => ({ value: state, label: t(`state.${state}`) }))} />
      <FilterSelect id="meeting-kind" name="kind" label={t("filters.kind")} value={values.kind} all={all} options={Object.values(MeetingKind).map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
      {branches.length > 1 ? (
        <FilterSelect
          id="meeting-branch"
          name="branchId"
          label={t("filters.branch")}
          value={values.branchId}
          all={all}
          options={branches.map((branch) => ({ value: branch.id, label: branch.parentName ? `${branch.name} (${branch.parentName})` : branch.name }))}
        />
      ) : null}
    </FilterForm>
  );
}
