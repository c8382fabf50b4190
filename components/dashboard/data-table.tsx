// A dashboard table (lib/dashboard/tables.ts) as HTML: the same rows the XLSX export writes,
// formatted for vi-VN. Wide tables scroll sideways on a phone; the first column may link on.
import Link from "next/link";
import { formatCalendarDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import type { Cell, CellKind, DataTable } from "@/lib/dashboard/tables";

export function formatCell(value: Cell, kind: CellKind): string {
  if (value === null || value === "") return "—";
  if (typeof value === "number") {
    if (kind === "percent") return formatPercent(value);
    return formatNumber(value, { maximumFractionDigits: 1 });
  }
  if (kind === "date") return formatCalendarDate(`${value}T00:00:00.000Z`);
  return value;
}

export function DataTableView({ table, caption, emptyText }: { table: DataTable; caption?: string; emptyText: string }) {
  if (table.rows.length === 0) return <p className="text-base text-ink-700">{emptyText}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-ink-200">
      <table className="min-w-full border-collapse text-left text-base">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-ink-50">
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={`px-3 py-2 font-semibold text-ink-900 ${c.kind === "text" || c.kind === "date" ? "" : "text-right"}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => {
            const rowKind = typeof row.kind === "string" && row.kind === "int" ? "int" : null;
            return (
              <tr key={i} className="border-t border-ink-200">
                {table.columns.map((c, j) => {
                  const kind = c.kind === "percent" && rowKind ? "int" : c.kind;
                  const text = formatCell(row[c.key] ?? null, kind);
                  const href = j === 0 ? table.links?.[i] : null;
                  const Tag = j === 0 ? "th" : "td";
                  return (
                    <Tag key={c.key} scope={j === 0 ? "row" : undefined} className={`px-3 py-2 ${j === 0 ? "font-medium" : ""} ${kind === "text" || kind === "date" ? "" : "text-right tabular-nums"}`}>
                      {href ? (
                        <Link href={href} className="text-brand-800 underline underline-offset-2 hover:text-brand-900">
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </Tag>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
