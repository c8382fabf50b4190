import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportExportForm } from "@/components/members/import-export-form";
import { ImportHistory } from "@/components/members/import-history";
import { ImportLayoutTable } from "@/components/members/import-layout-table";
import { ImportUpload } from "@/components/members/import-upload";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listExportUnits } from "@/lib/org/roster-export";
import { listImports, listRosterScopes } from "@/lib/org/roster-import";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rosterImport");
  return { title: t("title") };
}

export default async function RosterImportPage() {
  const user = await requireUser();
  if (!canAnywhere(user, "member.manage")) notFound();
  // Each service authorizes member.manage on the units it returns (scope roots, their subtrees, imports).
  const [scopes, exportUnits, imports, t] = await Promise.all([
    listRosterScopes(user),
    listExportUnits(user),
    listImports(user),
    getTranslations("rosterImport"),
  ]);
  if (scopes.length === 0) notFound();
  return (
    <>
      <nav aria-label={t("backToMembers")} className="mb-3">
        <Link href="/members" className="inline-flex min-h-11 items-center gap-1 text-base font-semibold text-brand-800 underline">
          <span aria-hidden="true">←</span> {t("backToMembers")}
        </Link>
      </nav>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("upload.title")}>
          <ImportUpload scopes={scopes.map((scope) => ({ id: scope.id, name: scope.name }))} />
        </Card>
        <Card title={t("export.title")}>
          <p className="mb-4 text-base text-ink-800">{t("export.intro")}</p>
          <ImportExportForm units={exportUnits.units} truncated={exportUnits.truncated} />
        </Card>
      </div>
      <div className="mt-6 flex flex-col gap-6">
        <Card title={t("history.title")}>
          <ImportHistory imports={imports} />
        </Card>
        <Card title={t("layout.title")}>
          <ImportLayoutTable />
        </Card>
      </div>
    </>
  );
}
