import Form from "next/form";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import type { BranchChoice, MeetingList } from "@/lib/meetings/meetings";

const fieldClass = "min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900";
const labelClass = "text-base font-semibold text-ink-900";

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
  return (
    <Form action="/meetings" role="search" aria-label={t("filters.legend")} className="flex flex-col gap-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="meeting-month" className={labelClass}>
            {t("filters.month")}
          </label>
          <input id="meeting-month" name="month" type="month" defaultValue={values.month ?? ""} className={fieldClass} />
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="meeting-state" className={labelClass}>
            {t("filters.state")}
          </label>
          <select id="meeting-state" name="state" defaultValue={values.state ?? ""} className={fieldClass}>
            <option value="">{t("filters.all")}</option>
            {Object.values(MeetingState).map((state) => (
              <option key={state} value={state}>
                {t(`state.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="meeting-kind" className={labelClass}>
            {t("filters.kind")}
          </label>
          <select id="meeting-kind" name="kind" defaultValue={values.kind ?? ""} className={fieldClass}>
            <option value="">{t("filters.all")}</option>
            {Object.values(MeetingKind).map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        {branches.length > 1 ? (
          <div className="flex flex-col gap-1.5">
            <label htmlFor="meeting-branch" className={labelClass}>
              {t("filters.branch")}
            </label>
            <select id="meeting-branch" name="branchId" defaultValue={values.branchId ?? ""} className={fieldClass}>
              <option value="">{t("filters.all")}</option>
              {branches.map((branch) => (
                <option key={branch.id} value={branch.id}>
                  {branch.parentName ? `${branch.name} (${branch.parentName})` : branch.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={buttonClass("primary")}>
          {t("filters.apply")}
        </button>
        {active ? (
          <Link href="/meetings" className={buttonClass("ghost")}>
            {t("filters.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
