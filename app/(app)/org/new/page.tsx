import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { UnitForm } from "@/components/org/unit-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { isBranchKind } from "@/lib/org/unit-rules";
import { getOrgUnitForEdit } from "@/lib/org/units";
import { createOrgUnitAction } from "../actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orgAdmin.create");
  return { title: t("title") };
}

export default async function NewOrgUnitPage({ searchParams }: { searchParams: Promise<{ parentId?: string | string[] }> }) {
  const user = await requireUser();
  const { parentId } = await searchParams;
  const parent = typeof parentId === "string" ? await getOrgUnitForEdit(user, parentId) : null;
  if (!parent || !parent.can.addChild) notFound();
  const t = await getTranslations("orgAdmin.create");
  const kinds = parent.childKinds;
  return (
    <>
      <BackLink href={`/org/${parent.id}`} label={parent.name} />
      <PageHeader title={t("title")} description={t("intro", { parent: parent.name })} />
      <UnitForm
        mode="create"
        action={createOrgUnitAction}
        hidden={{ parentId: parent.id }}
        kinds={kinds}
        cancelHref={`/org/${parent.id}`}
        defaults={{
          name: "",
          code: "",
          // Most new units are branches: preselect a branch kind when one fits.
          kind: kinds.find(isBranchKind) ?? kinds[0]!,
          category: parent.category ?? "",
          hasCommittee: null,
          committeeReason: "",
          activeFrom: isoDay(todayInVietnam()),
        }}
      />
    </>
  );
}
