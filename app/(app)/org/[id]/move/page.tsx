import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { MoveForm } from "@/components/org/structure-forms";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getOrgUnitForEdit, searchUnitsForPicker } from "@/lib/org/units";
import { moveOrgUnitAction, searchUnitsAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orgAdmin.move");
  return { title: t("title") };
}

export default async function MoveOrgUnitPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const unit = await getOrgUnitForEdit(user, (await params).id);
  if (!unit || !unit.can.move) notFound();
  // The first candidates (closest to the root) are offered before any search.
  const [t, initial] = await Promise.all([
    getTranslations("orgAdmin.move"),
    searchUnitsForPicker(user, { purpose: "moveTarget", unitId: unit.id, q: "" }),
  ]);
  return (
    <>
      <BackLink href={`/org/${unit.id}`} label={unit.name} />
      <PageHeader title={t("title")} description={t("intro", { name: unit.name })} />
      <MoveForm
        action={moveOrgUnitAction}
        unit={{ id: unit.id, version: unit.version, parentName: unit.parent?.name ?? null }}
        initial={initial}
        search={searchUnitsAction.bind(null, "moveTarget", unit.id)}
      />
    </>
  );
}
