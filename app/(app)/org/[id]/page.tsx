import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { OrgAdminActions } from "@/components/org/org-admin-actions";
import { OrgUnitView } from "@/components/org/org-unit-view";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getOrgUnitDetail } from "@/lib/org/tree";
import { getOrgUnitForEdit } from "@/lib/org/units";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string | string[] }>;
}

/** What the management action that redirected here did. */
const DONE = ["created", "updated", "moved", "closed", "merged"] as const;

// Metadata and page read the same unit once per request.
const loadUnit = cache(async (id: string) => getOrgUnitDetail(await requireUser(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const unit = await loadUnit((await params).id);
  const t = await getTranslations("org");
  return { title: unit?.name ?? t("title") };
}

export default async function OrgUnitPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { done } = await searchParams;
  // Null for a malformed id, another tenant's unit or one outside the user's org.read subtrees:
  // all answer 404 alike, so nothing is revealed about units the user may not see.
  const unit = await loadUnit(id);
  if (!unit) notFound();
  const user = await requireUser();
  // Management links (and the history link) only for those who may use them; each page checks again.
  const admin = canAnywhere(user, "org.manage") || canAnywhere(user, "audit.read") ? await getOrgUnitForEdit(user, id) : null;
  const doneKey = DONE.find((key) => key === done);
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
      {doneKey ? (
        <Alert tone="success" className="mb-4">
          {t(`orgAdmin.done.${doneKey}`)}
        </Alert>
      ) : null}
      {admin ? (
        <div className="mb-6">
          <OrgAdminActions unit={admin} />
        </div>
      ) : null}
      <OrgUnitView unit={unit} />
    </>
  );
}
