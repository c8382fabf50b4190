import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { ImportApply } from "@/components/members/import-apply";
import { ImportStatusBadge } from "@/components/members/import-history";
import { ImportChanges, ImportCreates, ImportErrors, ImportSummaryStats } from "@/components/members/import-report";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { formatDateTime } from "@/lib/i18n/format";
import { getImport } from "@/lib/org/roster-import";
import { applyImportAction } from "../actions";

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// getImport authorizes member.manage on the import's scope unit; anything else is a 404.
const loadImport = cache(async (id: string) => {
  try {
    return await getImport(await requireUser(), id);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const entry = await loadImport((await params).id);
  const t = await getTranslations("rosterImport.report");
  return { title: entry ? t("pageTitle", { file: entry.fileName }) : t("title") };
}

function pageParam(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export default async function RosterImportReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  const entry = await loadImport(id);
  if (!entry) notFound();
  const search = await searchParams;
  const pages = { errors: pageParam(search.errors), changes: pageParam(search.changes), creates: pageParam(search.creates) };
  const query = Object.fromEntries(Object.entries(pages).map(([key, value]) => [key, String(value)]));
  const [t, format] = await Promise.all([getTranslations("rosterImport"), getFormatter()]);
  const report = entry.report;
  const applied = entry.status === "APPLIED";
  const canApply = !applied && entry.errorCount === 0 && entry.createCount + entry.updateCount > 0 && !report?.sameFileAppliedAt;
  const n = (value: number) => format.number(value);

  return (
    <>
      <nav aria-label={t("report.back")} className="mb-3 flex flex-wrap gap-x-6">
        <Link href="/members/import" className="inline-flex min-h-11 items-center gap-1 text-base font-semibold text-brand-800 underline">
          <span aria-hidden="true">←</span> {t("report.back")}
        </Link>
        <Link href="/members" className="inline-flex min-h-11 items-center text-base font-semibold text-brand-800 underline">
          {t("backToMembers")}
        </Link>
      </nav>
      <PageHeader title={t("report.title")}>
        <p className="break-all text-lg text-ink-800">{entry.fileName}</p>
        <p className="flex flex-wrap items-center gap-2 text-base text-ink-700">
          <ImportStatusBadge entry={entry} />
          <span>{t("report.meta", { time: formatDateTime(entry.createdAt), scope: entry.scopeName, format: entry.format })}</span>
        </p>
      </PageHeader>

      <div className="flex flex-col gap-6">
        <ImportSummaryStats counts={entry} />

        {report?.ignoredColumns.length ? <Alert tone="info">{t("report.ignoredColumns", { columns: report.ignoredColumns.join(", ") })}</Alert> : null}

        {applied && report?.applied ? (
          <Alert tone="success" title={t("report.appliedTitle")}>
            {t("report.applied", {
              time: formatDateTime(report.applied.at),
              created: n(report.applied.created),
              updated: n(report.applied.updated),
              transferred: n(report.applied.transferred),
              positions: n(report.applied.positions),
            })}
          </Alert>
        ) : entry.errorCount > 0 ? (
          <Alert tone="warning" title={t("report.hasErrorsTitle")}>
            {t("report.hasErrors", { count: n(entry.errorCount) })}
          </Alert>
        ) : report?.sameFileAppliedAt ? (
          <Alert tone="info">{t("report.sameFile", { time: formatDateTime(report.sameFileAppliedAt) })}</Alert>
        ) : entry.createCount + entry.updateCount === 0 ? (
          <Alert tone="info">{t("report.nothing")}</Alert>
        ) : null}

        {canApply ? (
          <Card title={t("apply.title")}>
            <ImportApply importId={entry.id} creates={entry.createCount} updates={entry.updateCount} action={applyImportAction} />
          </Card>
        ) : null}

        {!applied || entry.errorCount > 0 || entry.createCount + entry.updateCount === 0 ? (
          <p>
            <ButtonLink href="/members/import">{t("report.another")}</ButtonLink>
          </p>
        ) : null}

        {report && report.issues.length > 0 ? <ImportErrors report={report} errorCount={entry.errorCount} page={pages.errors} query={query} /> : null}
        {report && report.changes.length > 0 ? (
          <ImportChanges report={report} updateCount={entry.updateCount} applied={applied} page={pages.changes} query={query} />
        ) : null}
        {report && report.creates.length > 0 ? (
          <ImportCreates report={report} createCount={entry.createCount} applied={applied} page={pages.creates} query={query} />
        ) : null}
      </div>
    </>
  );
}
