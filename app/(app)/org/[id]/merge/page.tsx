import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { MergeForm } from "@/components/org/structure-forms";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getOrgUnitForEdit } from "@/lib/org/units";
import { mergeBranchesAction, searchUnitsAction } from "../../actions";
import { addDays, isoDay, todayInVietnam } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orgAdmin.merge");
  return { title: t("title") };
}

export default async function MergeBranchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const unit = await getOrgUnitForEdit(user, (await params).id);
  if (!unit || !unit.can.merge) notFound();
  const t = await getTranslations("orgAdmin.merge");
  return (
    <>
      <BackLink href={`/org/${unit.id}`} label={unit.name} />
      <PageHeader title={t("title")} description={t("intro", { name: unit.name })} />
      <MergeForm
        action={mergeBranchesAction}
        unit={{ id: unit.id, version: unit.version }}
        siblings={unit.siblingBranches}
        search={searchUnitsAction.bind(null, "mergeTarget", unit.id)}
        today={isoDay(addDays(todayInVietnam(), 1))}
      />
    </>
  );
}
