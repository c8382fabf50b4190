import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/i18n/format";
import type { ImportSummary } from "@/lib/org/roster-import";

/** Where an import stands: applied, blocked by errors, nothing to do, or waiting for confirmation. */
export function ImportStatusBadge({ entry }: { entry: Pick<ImportSummary, "status" | "errorCount" | "createCount" | "updateCount"> }) {
  const t = useTranslations("rosterImport.history");
  const format = useFormatter();
  if (entry.status === "APPLIED") return <Badge tone="success">{t("applied")}</Badge>;
  if (entry.errorCount > 0) return <Badge tone="neutral">{t("hasErrors", { count: format.number(entry.errorCount) })}</Badge>;
  if (entry.createCount + entry.updateCount === 0) return <Badge tone="muted">{t("noChanges")}</Badge>;
  return <Badge tone="brand">{t("validated")}</Badge>;
}

/** The latest imports, newest first, each linking to its report. */
export function ImportHistory({ imports }: { imports: ImportSummary[] }) {
  const t = useTranslations("rosterImport.history");
  const format = useFormatter();
  if (imports.length === 0) {
    return <EmptyState title={t("emptyTitle")}>{t("emptyHint")}</EmptyState>;
  }
  return (
    <ul className="divide-y divide-ink-100">
      {imports.map((entry) => (
        <li key={entry.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4">
          <div className="flex min-w-0 flex-col gap-1">
            <Link href={`/members/import/${entry.id}`} className="inline-flex min-h-11 items-center break-all text-lg font-semibold text-brand-800 underline">
              {entry.fileName}
            </Link>
            <p className="text-base text-ink-700">
              {t("meta", { time: formatDateTime(entry.createdAt), scope: entry.scopeName, rows: format.number(entry.rowCount) })}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <ImportStatusBadge entry={entry} />
            <span className="text-sm text-ink-600">
              {t("counts", { create: format.number(entry.createCount), update: format.number(entry.updateCount) })}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
