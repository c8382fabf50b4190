import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { OrgUnitView } from "@/components/org/org-unit-view";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getOrgUnitDetail } from "@/lib/org/tree";

interface Props {
  params: Promise<{ id: string }>;
}

// Metadata and page read the same unit once per request.
const loadUnit = cache(async (id: string) => getOrgUnitDetail(await requireUser(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const unit = await loadUnit((await params).id);
  const t = await getTranslations("org");
  return { title: unit?.name ?? t("title") };
}

export default async function OrgUnitPage({ params }: Props) {
  const { id } = await params;
  // Null for a malformed id, another tenant's unit or one outside the user's org.read subtrees:
  // all answer 404 alike, so nothing is revealed about units the user may not see.
  const unit = await loadUnit(id);
  if (!unit) notFound();
  const t = await getTranslations();
  return (
    <>
      <nav aria-label={t("orgDetail.backToTree")} className="mb-3">
        <Link href="/org" className="inline-flex min-h-11 items-center gap-1 text-base font-semibold text-brand-800 underline">
          <span aria-hidden="true">←</span> {t("orgDetail.backToTree")}
        </Link>
      </nav>
      <PageHeader title={unit.name}>
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone="brand">{t(`orgKind.${unit.kind}`)}</Badge>
          {!unit.active ? <Badge tone="muted">{t("org.inactive")}</Badge> : null}
        </p>
      </PageHeader>
      <OrgUnitView unit={unit} />
    </>
  );
}
