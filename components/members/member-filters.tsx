import Form from "next/form";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import type { MemberStatus, PositionKind } from "@/lib/generated/prisma/enums";
import type { BranchOption } from "@/lib/org/members";
import type { MemberRoll } from "@/lib/org/member-schemas";

export interface MemberFilterValues {
  q: string;
  status: MemberStatus | null;
  position: PositionKind | null;
  branch: string | null;
  exempt: boolean;
  roll: MemberRoll;
}

const selectClass = "min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900";
const labelClass = "text-base font-semibold text-ink-900";

/** GET form: the filters live in the URL, so a filtered list can be bookmarked and shared. */
export function MemberFilters({
  values,
  branches,
  active,
}: {
  values: MemberFilterValues;
  /** Null when the scope has too many branches for a select. */
  branches: readonly BranchOption[] | null;
  active: boolean;
}) {
  const t = useTranslations("members");
  return (
    <Form action="/members" role="search" aria-label={t("filters.label")} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <label htmlFor="member-q" className={labelClass}>
          {t("filters.search")}
        </label>
        <p id="member-q-hint" className="text-sm text-ink-600">
          {t("filters.searchHint")}
        </p>
        <input
          id="member-q"
          name="q"
          type="search"
          defaultValue={values.q}
          aria-describedby="member-q-hint"
          placeholder={t("filters.searchPlaceholder")}
          autoComplete="off"
          maxLength={100}
          className="min-h-12 w-full rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900 placeholder:text-ink-500"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="member-status" className={labelClass}>
            {t("fields.status")}
          </label>
          <select id="member-status" name="status" defaultValue={values.status ?? ""} className={selectClass}>
            <option value="">{t("filters.any")}</option>
            <option value="OFFICIAL">{t("status.OFFICIAL")}</option>
            <option value="PROBATIONARY">{t("status.PROBATIONARY")}</option>
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="member-position" className={labelClass}>
            {t("filters.position")}
          </label>
          <select id="member-position" name="position" defaultValue={values.position ?? ""} className={selectClass}>
            <option value="">{t("filters.any")}</option>
            {(["SECRETARY", "DEPUTY_SECRETARY", "COMMITTEE_MEMBER", "GROUP_LEADER"] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`position.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        {branches && branches.length > 1 ? (
          <div className="flex flex-col gap-1.5">
            <label htmlFor="member-branch" className={labelClass}>
              {t("fields.branch")}
            </label>
            <select id="member-branch" name="branch" defaultValue={values.branch ?? ""} className={selectClass}>
              <option value="">{t("filters.allBranches")}</option>
              {branches.map((branch) => (
                <option key={branch.id} value={branch.id}>
                  {branchLabel(branch)}
                  {branch.active ? "" : ` (${t("filters.closedBranch")})`}
                </option>
              ))}
            </select>
          </div>
        ) : values.branch ? (
          <input type="hidden" name="branch" value={values.branch} />
        ) : null}
        <div className="flex flex-col gap-1.5">
          <label htmlFor="member-roll" className={labelClass}>
            {t("filters.roll")}
          </label>
          <select id="member-roll" name="roll" defaultValue={values.roll} className={selectClass}>
            <option value="current">{t("filters.rollCurrent")}</option>
            <option value="ended">{t("filters.rollEnded")}</option>
            <option value="all">{t("filters.rollAll")}</option>
          </select>
        </div>
      </div>
      <label className="flex min-h-11 cursor-pointer items-center gap-3 text-base font-semibold text-ink-900">
        <input type="checkbox" name="exempt" value="1" defaultChecked={values.exempt} className="size-6 shrink-0 accent-brand-700" />
        {t("filters.exempt")}
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass("primary", "min-h-12 px-5")}>
          {t("filters.submit")}
        </button>
        {active ? (
          <Link href="/members" className={buttonClass("ghost", "min-h-12")}>
            {t("filters.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** "Chi bộ Văn phòng — Đảng bộ Sở Tài chính": names repeat across committees. */
export function branchLabel(branch: { name: string; parentName: string | null }): string {
  return branch.parentName ? `${branch.name} — ${branch.parentName}` : branch.name;
}
