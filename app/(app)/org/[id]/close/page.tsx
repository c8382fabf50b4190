import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { CloseForm } from "@/components/org/structure-forms";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getOrgUnitForEdit } from "@/lib/org/units";
import { closeOrgUnitAction } from "../../actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orgAdmin.close");
  return { title: t("title") };
}

export default async function CloseOrgUnitPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const unit = await getOrgUnitForEdit(user, (await params).id);
  if (!unit || !unit.can.close) notFound();
  const t = await getTranslations("orgAdmin.close");
  return (
    <>
      <BackLink href={`/org/${unit.id}`} label={unit.name} />
      <PageHeader title={t("title")} description={t("intro", { name: unit.name })} />
      <CloseForm action={closeOrgUnitAction} unit={{ id: unit.id, version: unit.version }} today={isoDay(todayInVietnam())} />
    </>
  );
}
