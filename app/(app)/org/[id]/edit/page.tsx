import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { committeeTodayText } from "@/components/org/committee-text";
import { UnitForm } from "@/components/org/unit-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getOrgUnitForEdit } from "@/lib/org/units";
import { updateOrgUnitAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orgAdmin.edit");
  return { title: t("title") };
}

export default async function EditOrgUnitPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const unit = await getOrgUnitForEdit(user, (await params).id);
  if (!unit || !unit.can.edit) notFound();
  const t = await getTranslations("orgAdmin.edit");
  const t2 = await getTranslations("orgAdmin.committee");
  return (
    <>
      <BackLink href={`/org/${unit.id}`} label={unit.name} />
      <PageHeader title={t("title")} description={t("intro")} />
      <UnitForm
        mode="edit"
        action={updateOrgUnitAction}
        hidden={{ id: unit.id, version: String(unit.version) }}
        kinds={unit.allowedKinds}
        cancelHref={`/org/${unit.id}`}
        defaults={{
          name: unit.name,
          code: unit.code ?? "",
          kind: unit.kind,
          category: unit.category ?? "",
          hasCommittee: unit.hasCommittee,
          committeeReason: unit.committeeReason ?? "",
          activeFrom: unit.activeFrom,
        }}
        committeeToday={committeeTodayText(unit.committeeToday, t2)}
      />
    </>
  );
}
