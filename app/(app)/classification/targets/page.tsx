import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClassificationTargetsForm } from "@/components/classification/admin-forms";
import { BackLink } from "@/components/org/back-link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { CLASSIFICATION_INDICATORS, getClassificationTargets } from "@/lib/classification/shares";
import { classificationTargetsAction } from "../actions";
import { todayInVietnam } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.targets");
  return { title: t("title") };
}

export default async function ClassificationTargetsPage({ searchParams }: { searchParams: Promise<{ year?: string; done?: string }> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "settings.manage")) notFound();
  const { year: asked, done } = await searchParams;
  const current = todayInVietnam().getUTCFullYear();
  const wanted = Number(asked);
  const year = Number.isInteger(wanted) && wanted >= 2000 && wanted <= 2100 ? wanted : current;
  const [t, targets] = await Promise.all([getTranslations("classification.targets"), getClassificationTargets(user, year)]);
  return (
    <>
      <BackLink href={`/dashboard?year=${year}`} label={t("back")} />
      <PageHeader title={t("title")} description={t("intro", { year })} />
      {done === "saved" ? (
        <Alert tone="success" className="mb-4">
          {t("saved")}
        </Alert>
      ) : null}
      <ClassificationTargetsForm
        action={classificationTargetsAction}
        year={year}
        years={Array.from({ length: 4 }, (_, i) => current + 1 - i)}
        fields={CLASSIFICATION_INDICATORS.map((indicator) => ({ indicator, label: t(`indicators.${indicator}`), value: targets[indicator] ?? null }))}
      />
    </>
  );
}
