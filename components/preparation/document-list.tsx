// The meeting's documents: what, which file, when it was posted and by whom, with download (and,
// for the recorder while allowed, delete). Values arrive formatted from the page.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";

export interface DocumentRow {
  id: string;
  title: string;
  kindLabel: string;
  fileName: string;
  size: string;
  postedAt: string;
  postedBy: string;
  downloadUrl: string;
  /** The delete control, when the user may delete it now. */
  deleteControl?: ReactNode;
}

export function DocumentList({ rows }: { rows: readonly DocumentRow[] }) {
  const t = useTranslations("preparation.documents");
  return (
    <ul className="flex flex-col divide-y divide-ink-200 rounded-lg border border-ink-200">
      {rows.map((row) => (
        <li key={row.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between sm:gap-4 sm:p-4">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2">
              <span className="text-lg font-semibold break-words text-ink-900">{row.title}</span>
              <Badge tone="brand">{row.kindLabel}</Badge>
            </p>
            <p className="text-base break-all text-ink-700">
              {row.fileName} · {row.size}
            </p>
            <p className="text-sm text-ink-600">{t("posted", { at: row.postedAt, by: row.postedBy })}</p>
          </div>
          <div className="flex shrink-0 flex-wrap items-center gap-2">
            <a href={row.downloadUrl} className={buttonClass("secondary")} download>
              {t("download")}
              <span className="sr-only">{row.title}</span>
            </a>
            {row.deleteControl}
          </div>
        </li>
      ))}
    </ul>
  );
}
