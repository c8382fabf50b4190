// XLSX of the dashboard's tables: one table (a chart's own table) or all of them, one sheet each,
// written by exceljs' streaming writer as the roster export does. Percentages are real percentage
// cells (0,856 shown as 85,6%), dates real dates, so the file can be recalculated in Excel.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Principal } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { getDashboard, type DashboardQuery } from "./dashboard";
import { dashboardMessages as text } from "./messages";
import { monthKey } from "./period";
import { dashboardTables, tableIdSchema, type DataTable } from "./tables";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface XlsxFile {
  fileName: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ . */
export function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").trim().slice(0, 28) || "Bang";
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

function writeTable(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: DataTable, heading: string, used: Set<string>): void {
  const sheet = workbook.addWorksheet(sheetName(table.title, used), { views: [{ state: "frozen", ySplit: 3 }] });
  sheet.columns = table.columns.map((c) => ({ key: c.key, width: c.kind === "text" ? (c.key === "name" || c.key === "title" || c.key === "indicator" ? 40 : 18) : 14 }));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 13 };
  title.commit();
  sheet.addRow([heading]).commit();
  const header = sheet.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  header.commit();
  for (const row of table.rows) {
    const rowKind = typeof row.kind === "string" ? row.kind : null;
    const values = table.columns.map((c) => {
      const value = row[c.key] ?? null;
      if (value === null) return null;
      if (c.kind === "date" && typeof value === "string") return new Date(`${value}T00:00:00.000Z`);
      return value;
    });
    const added = sheet.addRow(values);
    table.columns.forEach((c, i) => {
      const kind = c.kind === "percent" && rowKind === "int" ? "int" : c.kind;
      const cell = added.getCell(i + 1);
      if (kind === "percent") cell.numFmt = "0.0%";
      else if (kind === "int") cell.numFmt = "#,##0";
      else if (kind === "date") cell.numFmt = "dd/mm/yyyy";
    });
    added.commit();
  }
  sheet.commit();
}

/** Streams `tables` into an XLSX body. */
export function tablesToXlsx(tables: readonly DataTable[], heading: string): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = messages.app.name;
  const used = new Set<string>();
  (async () => {
    for (const table of tables) writeTable(workbook, table, heading, used);
    await workbook.commit();
  })().catch((error: unknown) => {
    console.error("[dashboard-export] XLSX export failed:", error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}

/** One of the dashboard's tables (`table`), or all of them ("all"), as XLSX. Same access as the dashboard. */
export async function exportDashboard(user: Principal, query: DashboardQuery & { table?: unknown }, options: { now?: Date } = {}): Promise<XlsxFile> {
  const table = tableIdSchema.safeParse(query.table ?? "all");
  if (!table.success) throw new ValidationError(text.errors.badTable, { table: [text.errors.badTable] });
  const dashboard = await getDashboard(user, query, options);
  const all = dashboardTables(dashboard);
  const chosen = table.data === "all" ? all : all.filter((t) => t.id === table.data);
  if (chosen.length === 0) throw new ValidationError(text.errors.tableNotHere, { table: [text.errors.tableNotHere] });
  const period = monthKey(dashboard.period.year, dashboard.period.month);
  const heading = fill(text.exportHeading, { unit: dashboard.unit.name, month: dashboard.period.month, year: dashboard.period.year });
  return {
    fileName: `bao-cao-${table.data === "all" ? "tong-hop" : table.data}-${period}.xlsx`,
    contentType: XLSX_TYPE,
    body: tablesToXlsx(chosen, heading),
  };
}
