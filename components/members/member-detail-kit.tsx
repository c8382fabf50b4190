// The member's page, part by part: the shared pieces of its cards (a fact line, a folded change
// form, a unit link) and the kit each card reads (the member, what the user may change, the
// change actions, and the fields and forms several cards repeat).
import Link from "next/link";
import type { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FormAction } from "@/components/admin/form-kit";
import { ActionForm, type ActionField } from "@/components/members/action-form";
import { branchLabel } from "@/components/members/member-filters";
import { formatCalendarDate } from "@/lib/i18n/format";
import type { BranchChoice, MemberDetail, MemberManageOptions } from "@/lib/org/members";
import { isoDay, todayInVietnam } from "@/lib/time/days";

export interface MemberPageActions {
  transfer: FormAction<null>;
  addExemption: FormAction<null>;
  addTemporaryTransfer: FormAction<null>;
  addSuspension: FormAction<null>;
  endPeriod: FormAction<null>;
  makeOfficial: FormAction<null>;
  endMembership: FormAction<null>;
  assignPosition: FormAction<null>;
  endPosition: FormAction<null>;
  addResidenceLink: FormAction<null>;
  updateResidenceLink: FormAction<null>;
  saveResidenceComment: FormAction<null>;
  /** Branch search, used instead of selects when the scope has too many branches. */
  searchBranches: (query: string) => Promise<BranchChoice[]>;
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 border-b border-ink-100 py-3 last:border-b-0 sm:flex-row sm:gap-4">
      <dt className="text-base text-ink-600 sm:w-56 sm:shrink-0">{label}</dt>
      <dd className="text-lg font-medium text-ink-950">{children}</dd>
    </div>
  );
}

/** A change form folded under its title until needed (pages stay short on phones). */
export function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="group mt-4 rounded-lg border border-ink-200 bg-ink-50/50">
      <summary className="flex min-h-12 cursor-pointer list-none items-center gap-2 px-4 text-base font-semibold text-brand-800 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="transition-transform group-open:rotate-90">
          ▸
        </span>
        {summary}
      </summary>
      <div className="border-t border-ink-200 bg-white px-4 py-4">{children}</div>
    </details>
  );
}

export function UnitLink({ unit }: { unit: { id: string; name: string; readable: boolean } }) {
  return unit.readable ? (
    <Link href={`/org/${unit.id}`} className="text-brand-800 underline">
      {unit.name}
    </Link>
  ) : (
    <>{unit.name}</>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-base text-ink-700">{children}</p>;
}

export function Entries({ children }: { children: ReactNode }) {
  return <ul className="flex flex-col divide-y divide-ink-100">{children}</ul>;
}

export type MembersT = ReturnType<typeof useTranslations<"members">>;

/** What every card of the member's page reads. */
export interface DetailKit {
  t: MembersT;
  member: MemberDetail;
  /** Present when the user manages the member (edit controls are shown). */
  options: MemberManageOptions | null;
  actions: MemberPageActions;
  manage: boolean;
  /** The user manages the member and the member is still on the roll. */
  writable: boolean;
  today: string;
  period: (from: Date, to: Date | null) => string;
  common: { pendingLabel: string; successMessage: string };
  memberField: ActionField;
  /** The first and last day of a new exemption, temporary transfer or suspension. */
  periodFields: readonly ActionField[];
  branchOptions: { value: string; label: string }[];
  branchField: (name: string, label: string, emptyLabel: string, extra?: { required?: boolean; hint?: string; defaultValue?: string }) => ActionField;
  endForm: (kind: "exemption" | "temporaryTransfer" | "suspension", periodId: string) => ReactNode;
}

export function detailKit(t: MembersT, member: MemberDetail, options: MemberManageOptions | null, actions: MemberPageActions): DetailKit {
  const manage = options !== null && member.canManage;
  const today = isoDay(todayInVietnam());
  const period = (from: Date, to: Date | null) =>
    to
      ? t("detail.period", { from: formatCalendarDate(from), to: formatCalendarDate(to) })
      : t("detail.periodOpen", { from: formatCalendarDate(from) });
  const common = { pendingLabel: t("form.saving"), successMessage: t("form.saved") };
  const memberField: ActionField = { kind: "hidden", name: "memberId", value: member.id };
  const periodFields: readonly ActionField[] = [
    { kind: "date", name: "fromDate", label: t("fields.fromDate"), required: true },
    { kind: "date", name: "toDate", label: t("fields.toDate"), hint: t("detail.toDateHint") },
  ];
  const branchOptions = (options?.branches ?? []).map((branch) => ({ value: branch.id, label: branchLabel(branch) }));
  /** A select of the user's branches, or a search when there are too many to list. */
  const branchField = (name: string, label: string, emptyLabel: string, extra: { required?: boolean; hint?: string; defaultValue?: string } = {}): ActionField =>
    options?.branches === null
      ? { kind: "branchPicker", name, label, hint: extra.hint, search: actions.searchBranches }
      : { kind: "select", name, label, required: extra.required, defaultValue: extra.defaultValue, options: [{ value: "", label: emptyLabel }, ...branchOptions] };
  const endForm = (kind: "exemption" | "temporaryTransfer" | "suspension", periodId: string) => (
    <Disclosure summary={t("detail.endPeriod")}>
      <ActionForm
        action={actions.endPeriod}
        {...common}
        submitLabel={t("detail.endPeriodSubmit")}
        fields={[
          memberField,
          { kind: "hidden", name: "kind", value: kind },
          { kind: "hidden", name: "periodId", value: periodId },
          { kind: "date", name: "toDate", label: t("fields.lastDay"), hint: t("detail.lastDayHint"), required: true, defaultValue: today },
        ]}
      />
    </Disclosure>
  );
  return { t, member, options, actions, manage, writable: manage && member.endedOn === null, today, period, common, memberField, periodFields, branchOptions, branchField, endForm };
}
