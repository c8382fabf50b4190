import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatCalendarDate } from "@/lib/i18n/format";
import type { OrgUnitDetail } from "@/lib/org/tree";
import { committeeTodayText } from "./committee-text";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 border-b border-ink-100 py-3 last:border-b-0 sm:flex-row sm:gap-4">
      <dt className="text-base text-ink-600 sm:w-64 sm:shrink-0">{label}</dt>
      <dd className="text-lg font-medium text-ink-950">{children}</dd>
    </div>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rounded-xl border border-ink-200 bg-white px-5 py-4 shadow-sm">
      <p className="text-base text-ink-600">{label}</p>
      <p className="text-3xl font-bold text-ink-950">{children}</p>
    </div>
  );
}

export function OrgUnitView({ unit }: { unit: OrgUnitDetail }) {
  const t = useTranslations();
  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-3 sm:grid-cols-2">
        <Stat label={unit.isBranch ? t("orgDetail.branchMembers") : t("orgDetail.members")}>
          {t("org.memberCount", { count: unit.memberCount })}
        </Stat>
        {!unit.isBranch ? (
          <Stat label={t("orgDetail.branches")}>{t("org.branchCount", { count: unit.branchCount })}</Stat>
        ) : null}
      </div>
      {unit.isBranch ? (
        <p>
          <Link href={`/org/${unit.id}/dues`} className="inline-flex min-h-11 items-center text-lg font-semibold text-brand-800 underline">
            {t("dues.announcement.open")}
          </Link>
        </p>
      ) : null}

      <Card title={t("orgDetail.facts")}>
        <dl>
          <Fact label={t("orgDetail.kind")}>{t(`orgKind.${unit.kind}`)}</Fact>
          <Fact label={t("orgDetail.category")}>
            {unit.category ? t(`orgCategory.${unit.category}`) : t("orgCategory.none")}
          </Fact>
          {unit.code ? <Fact label={t("orgDetail.code")}>{unit.code}</Fact> : null}
          <Fact label={t("orgDetail.parent")}>
            {unit.parent ? (
              unit.parent.readable ? (
                <Link href={`/org/${unit.parent.id}`} className="text-brand-800 underline">
                  {unit.parent.name}
                </Link>
              ) : (
                unit.parent.name
              )
            ) : (
              t("orgDetail.noParent")
            )}
          </Fact>
          <Fact label={t("orgDetail.secretary")}>
            {unit.secretary ? (
              <>
                {unit.secretary.fullName}{" "}
                <span className="text-base font-normal text-ink-600">
                  ({t("orgDetail.secretarySince", { date: formatCalendarDate(unit.secretary.since) })})
                </span>
              </>
            ) : (
              <span className="font-normal text-ink-600">{t("orgDetail.noSecretary")}</span>
            )}
          </Fact>
          {unit.isBranch ? (
            <Fact label={t("orgDetail.hasCommittee")}>
              {unit.hasCommittee ? t("common.yes") : t("common.no")}{" "}
              <span className="block text-base font-normal text-ink-600">
                {committeeTodayText(unit.committee, (key, values) => t(`orgAdmin.committee.${key}`, values))}
              </span>
            </Fact>
          ) : null}
          <Fact label={t("orgDetail.activeFrom")}>{formatCalendarDate(unit.activeFrom)}</Fact>
          <Fact label={t("orgDetail.status")}>
            {!unit.active && unit.activeTo ? (
              t("orgAdmin.view.closedOn", { date: formatCalendarDate(unit.activeTo) })
            ) : (
              <Badge tone="success">{t("orgDetail.stillActive")}</Badge>
            )}
            {unit.active && unit.activeTo ? (
              <span className="block text-base font-normal text-ink-700">
                {t("orgAdmin.view.closesOn", { date: formatCalendarDate(unit.activeTo) })}
              </span>
            ) : null}
          </Fact>
          {unit.mergedInto ? (
            <Fact label={t("orgAdmin.view.mergedInto")}>
              {unit.mergedInto.readable ? (
                <Link href={`/org/${unit.mergedInto.id}`} className="text-brand-800 underline">
                  {unit.mergedInto.name}
                </Link>
              ) : (
                unit.mergedInto.name
              )}
            </Fact>
          ) : null}
          {unit.closeReason ? <Fact label={t("orgAdmin.view.closeReason")}>{unit.closeReason}</Fact> : null}
        </dl>
      </Card>

      <Card title={t("orgDetail.children")}>
        {unit.children.length === 0 ? (
          <p className="text-base text-ink-700">{t("orgDetail.noChildren")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-ink-100">
            {unit.children.map((child) => (
              <li key={child.id}>
                <Link
                  href={`/org/${child.id}`}
                  className="flex min-h-12 flex-col justify-center gap-0.5 rounded-lg px-2 py-2 no-underline hover:bg-ink-50"
                >
                  <span className="text-lg font-semibold text-ink-950 underline-offset-4 hover:underline">
                    {child.name}
                  </span>
                  <span className="flex flex-wrap items-center gap-2 text-sm text-ink-700">
                    {t(`orgKind.${child.kind}`)}
                    {child.category ? <> · {t(`orgCategory.${child.category}`)}</> : null}
                    {!child.active ? <Badge tone="muted">{t("org.inactive")}</Badge> : null}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
