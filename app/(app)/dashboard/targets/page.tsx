import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TargetsForm } from "@/components/dashboard/targets-form";
import { BackLink } from "@/components/members/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { INDICATORS, INDICATOR_UNIT } from "@/lib/dashboard/indicators";
import { getTargets } from "@/lib/dashboard/targets";
import { todayInVietnam } from "@/lib/org/unit-rules";
import { setTargetsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.targetsPage");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

export default async function TargetsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "settings.manage")) notFound();
  const raw = await searchParams;
  const current = todayInVietnam().getUTCFullYear();
  const asked = Number(Array.isArray(raw.year) ? raw.year[0] : raw.year);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : current;
  const [t, names, targets] = await Promise.all([getTranslations("dashboard.targetsPage"), getTranslations("dashboard.indicators"), getTargets(user, year)]);
  const values = new Map(targets.map((x) => [x.indicator, x.target]));
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
