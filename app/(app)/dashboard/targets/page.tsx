import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TargetsForm } from "@/components/dashboard/targets-form";
import { BackLink } from "@/components/members/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { INDICATORS, INDICATOR_UNIT } from "@/lib/dashboard/indicators";
import { getTargets, targetSetters } from "@/lib/dashboard/targets";
import { formatNumber, formatPercent } from "@/lib/i18n/format";
import { setTargetsAction } from "./actions";
import { todayInVietnam } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.targetsPage");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

/** Everyone who reads the dashboard sees the year's targets; administrators set them here. */
export default async function TargetsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const canManage = canAnywhere(user, "settings.manage");
  if (!canManage && !canAnywhere(user, "dashboard.read")) notFound();
  const raw = await searchParams;
  const current = todayInVietnam().getUTCFullYear();
  const asked = Number(Array.isArray(raw.year) ? raw.year[0] : raw.year);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : current;
  const [t, names, targets] = await Promise.all([getTranslations("dashboard.targetsPage"), getTranslations("dashboard.indicators"), getTargets(user, year)]);
  const values = new Map(targets.map((x) => [x.indicator, x.target]));
  if (canManage) {
    return (
      <>
        <BackLink href={`/dashboard?year=${year}`} label={t("back")} />
        <PageHeader title={t("title")} description={t("intro", { year })} />
        <TargetsForm
          action={setTargetsAction}
          year={year}
          years={Array.from({ length: 4 }, (_, i) => current + 1 - i)}
          indicators={INDICATORS.map((indicator) => ({
            indicator,
            label: names(indicator),
            unit: INDICATOR_UNIT[indicator],
            value: values.get(indicator) ?? null,
          }))}
        />
      </>
    );
  }
  const setters = targets.length === 0 ? await targetSetters(user) : [];
  const years = Array.from({ length: 4 }, (_, i) => current + 1 - i);
  return (
    <>
      <BackLink href={`/dashboard?year=${year}`} label={t("back")} />
      <PageHeader title={t("title")} description={t("readIntro", { year })}>
        <nav aria-label={t("year")} className="flex flex-wrap gap-2">
          {years.map((y) => (
            <Link
              key={y}
              href={`/dashboard/targets?year=${y}`}
              aria-current={y === year ? "page" : undefined}
              className={y === year ? "rounded-lg bg-brand-700 px-3 py-2 font-semibold text-white no-underline" : "rounded-lg border border-ink-300 px-3 py-2 font-semibold text-ink-900 no-underline hover:bg-ink-50"}
            >
              {y}
            </Link>
          ))}
        </nav>
      </PageHeader>
      {targets.length === 0 ? (
        <EmptyState title={t("empty", { year })}>{t("whoSets", { names: setters.length ? setters.join(", ") : "none" })}</EmptyState>
      ) : (
        <table className="w-full max-w-3xl border-collapse text-left text-base">
          <thead>
            <tr className="border-b border-ink-300">
              <th scope="col" className="py-2 pr-4 font-semibold text-ink-800">
                {t("indicator")}
              </th>
              <th scope="col" className="py-2 text-right font-semibold text-ink-800">
                {t("target")}
              </th>
            </tr>
          </thead>
          <tbody>
            {targets.map((x) => (
              <tr key={x.indicator} className="border-b border-ink-100">
                <th scope="row" className="py-2 pr-4 font-normal text-ink-900">
                  {names(x.indicator)}
                </th>
                <td className="py-2 text-right font-semibold text-ink-950 tabular-nums">
                  {x.unit === "percent" ? formatPercent(x.target / 100, { maximumFractionDigits: 2 }) : formatNumber(x.target)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
