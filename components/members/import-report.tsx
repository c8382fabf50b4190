import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ImportReport } from "@/lib/org/roster-import";

export const REPORT_PAGE_SIZE = 50;

function Stat({ label, value, tone }: { label: string; value: string; tone?: "error" | "brand" }) {
  return (
    <div className="rounded-xl border border-ink-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-base text-ink-600">{label}</dt>
      <dd className={tone === "error" ? "text-3xl font-bold text-danger-700" : tone === "brand" ? "text-3xl font-bold text-brand-800" : "text-3xl font-bold text-ink-950"}>
        {value}
      </dd>
    </div>
  );
}

export function ImportSummaryStats({
  counts,
}: {
  counts: { rowCount: number; createCount: number; updateCount: number; unchangedCount: number; errorCount: number };
}) {
  const t = useTranslations("rosterImport.report");
  const format = useFormatter();
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      <Stat label={t("rows")} value={format.number(counts.rowCount)} />
      <Stat label={t("create")} value={format.number(counts.createCount)} tone={counts.createCount > 0 ? "brand" : undefined} />
      <Stat label={t("update")} value={format.number(counts.updateCount)} tone={counts.updateCount > 0 ? "brand" : undefined} />
      <Stat label={t("unchanged")} value={format.number(counts.unchangedCount)} />
      <Stat label={t("errors")} value={format.number(counts.errorCount)} tone={counts.errorCount > 0 ? "error" : undefined} />
    </dl>
  );
}

/** Previous / next links that keep the other lists' pages in the URL. */
function Pager({ param, page, pages, query }: { param: string; page: number; pages: number; query: Record<string, string> }) {
  const t = useTranslations("rosterImport.report");
  if (pages <= 1) return null;
  const href = (target: number) => `?${new URLSearchParams({ ...query, [param]: String(target) }).toString()}`;
  return (
    <nav aria-label={t("pages")} className="mt-4 flex flex-wrap items-center gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} scroll={false} className={buttonClass("secondary")}>
          {t("previous")}
        </Link>
      ) : null}
      <span className="px-2 text-base text-ink-700">{t("pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link href={href(page + 1)} scroll={false} className={buttonClass("secondary")}>
          {t("next")}
        </Link>
      ) : null}
    </nav>
  );
}

function slice<T>(items: readonly T[], page: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / REPORT_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * REPORT_PAGE_SIZE, current * REPORT_PAGE_SIZE), page: current, pages };
}

const th = "px-3 py-2 text-left text-sm font-semibold text-ink-700";
const td = "px-3 py-2 align-top text-base text-ink-900";

/**
 * One paginated list of the report as a card: the note when the list is cut short, a table whose
 * head names `columns`, the rows, and the pager that keeps the other lists' pages.
 */
function ReportList({
  title,
  note,
  columns,
  param,
  view,
  query,
  children,
}: {
  title: string;
  note: string | null;
  columns: string[];
  param: string;
  view: { page: number; pages: number };
  query: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <Card title={title}>
      {note ? <p className="mb-3 text-base text-ink-700">{note}</p> : null}
      <div className="-mx-4 overflow-x-auto sm:mx-0">
        <table className="w-full border-collapse">
          <caption className="sr-only">{title}</caption>
          <thead className="border-b border-ink-200 bg-ink-50">
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col" className={th}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-ink-100">{children}</tbody>
        </table>
      </div>
      <Pager param={param} page={view.page} pages={view.pages} query={query} />
    </Card>
  );
}

/** Row errors (row, column, message), paginated. */
export function ImportErrors({
  report,
  errorCount,
  page,
  query,
}: {
  report: ImportReport;
  errorCount: number;
  page: number;
  query: Record<string, string>;
}) {
  const t = useTranslations("rosterImport.report");
  const format = useFormatter();
  const view = slice(report.issues, page);
  return (
    <ReportList
      title={t("errorsTitle")}
      note={report.issuesTruncated ? t("errorsTruncated", { shown: format.number(report.issues.length), total: format.number(errorCount) }) : null}
      columns={[t("row"), t("column"), t("message")]}
      param="errors"
      view={view}
      query={query}
    >
      {view.items.map((issue, index) => (
        <tr key={`${issue.row}-${issue.column ?? ""}-${index}`}>
          <td className={`${td} tabular-nums`}>{format.number(issue.row)}</td>
          <td className={td}>{issue.column ?? t("wholeRow")}</td>
          <td className={`${td} min-w-48`}>{issue.message}</td>
        </tr>
      ))}
    </ReportList>
  );
}

/** A paginated list of members of the file (row, name, and what `cell` shows), noting a list cut short. */
function MemberRows<E extends { row: number; fullName: string }>({
  entries,
  total,
  title,
  param,
  column,
  cell,
  page,
  query,
}: {
  entries: readonly E[];
  total: number;
  title: string;
  param: string;
  column: string;
  cell: (entry: E) => ReactNode;
  page: number;
  query: Record<string, string>;
}) {
  const t = useTranslations("rosterImport.report");
  const format = useFormatter();
  const view = slice(entries, page);
  return (
    <ReportList
      title={title}
      note={entries.length < total ? t("listTruncated", { shown: format.number(entries.length), total: format.number(total) }) : null}
      columns={[t("row"), t("member"), column]}
      param={param}
      view={view}
      query={query}
    >
      {view.items.map((entry) => (
        <tr key={entry.row}>
          <td className={`${td} tabular-nums`}>{format.number(entry.row)}</td>
          <td className={`${td} font-semibold`}>{entry.fullName}</td>
          <td className={td}>{cell(entry)}</td>
        </tr>
      ))}
    </ReportList>
  );
}

type ListProps = { report: ImportReport; applied: boolean; page: number; query: Record<string, string> };

/** Members whose fields change, with "from → to" per field, paginated. */
export function ImportChanges({ report, updateCount, applied, page, query }: ListProps & { updateCount: number }) {
  const t = useTranslations("rosterImport.report");
  return (
    <MemberRows
      entries={report.changes}
      total={updateCount}
      title={applied ? t("changesAppliedTitle") : t("changesTitle")}
      param="changes"
      column={t("fields")}
      page={page}
      query={query}
      cell={(entry) => (
        <ul className="flex flex-col gap-1">
          {entry.changes.map((change) => (
            <li key={change.column}>
              <span className="font-medium">{change.column}:</span> <span className="text-ink-600">{change.from ?? t("empty")}</span>{" "}
              <span aria-hidden="true">→</span>
              <span className="sr-only">{t("becomes")}</span> <span className="font-medium">{change.to ?? t("empty")}</span>
            </li>
          ))}
        </ul>
      )}
    />
  );
}

/** New members (name and branch), paginated. */
export function ImportCreates({ report, createCount, applied, page, query }: ListProps & { createCount: number }) {
  const t = useTranslations("rosterImport.report");
  return (
    <MemberRows
      entries={report.creates}
      total={createCount}
      title={applied ? t("createsAppliedTitle") : t("createsTitle")}
      param="creates"
      column={t("branch")}
      page={page}
      query={query}
      cell={(entry) => entry.branch}
    />
  );
}
