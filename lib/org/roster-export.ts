// Roster export in the import layout (roster-layout.ts), so that an exported file re-imports as
// "all unchanged": CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly) or XLSX written by
// exceljs' streaming writer. Members are read branch by branch in short transactions and streamed
// as they come, so a 300,000-member tenant never sits in memory or in one long transaction (a
// member transferred while an export runs may appear in neither or both of two branches).
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Gender, PositionKind } from "@/lib/generated/prisma/enums";
import { GENDER_LABELS, POSITION_LABELS, POSITION_RANK, ROSTER_COLUMNS, escapeCsvCell, formatRosterDate, type RosterField } from "@/lib/org/roster-layout";
import { isoDay, todayInVietnam } from "@/lib/time/days";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import messages from "@/lib/i18n/messages";

const wording = messages.orgServer.rosterExport;

/** Branches read per query; one query returns their members (≈ 25 each on average). */
const BRANCHES_PER_QUERY = 200;

export const exportQuerySchema = z.object({
  format: z.enum(["csv", "xlsx"], { error: wording.formatInvalid }).default("xlsx"),
  unit: z.string().nullish(),
  /** Only the header row: a blank file to fill in. */
  template: z.preprocess((value) => value === "1" || value === "true" || value === true, z.boolean()).default(false),
});

export type ExportQuery = z.input<typeof exportQuerySchema>;

export interface ExportRow {
  fullName: string;
  birthDate: Date;
  gender: Gender;
  ethnicity: string | null;
  hometown: string | null;
  occupation: string | null;
  partyCardNumber: string | null;
  admittedOn: Date;
  officialOn: Date | null;
  branchName: string;
  branchCode: string | null;
  position: PositionKind | null;
  phone: string | null;
  email: string | null;
}

interface BranchRow {
  id: string;
  name: string;
  code: string | null;
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** The units to export: the one asked for (404 unless the user manages members there), or all their scope roots. */
async function resolveUnits(user: Principal, unitId: string | null | undefined): Promise<{ id: string; name: string; path: string }[]> {
  const roots = scopeRoots(user, "member.manage");
  if (roots.length === 0) throw new ForbiddenError();
  const ids = unitId ? [unitId] : roots.map((root) => root.orgUnitId);
  if (!ids.every(isUuid)) throw new NotFoundError();
  const units = await withTenant(user.tenantId, (tx) =>
    tx.orgUnit.findMany({ where: { tenantId: user.tenantId, id: { in: ids } }, select: { id: true, name: true, path: true } }),
  );
  if (units.length !== ids.length || !units.every((unit) => authorize(user, "member.manage", unit))) throw new NotFoundError();
  return units;
}

/** Current members (not left) of every branch under `paths`, branch by branch (by name), then in Vietnamese name order. */
export async function* rosterRows(user: Principal, paths: readonly string[], today: Date): AsyncGenerator<ExportRow[]> {
  const branches: BranchRow[] = await withTenant(user.tenantId, (tx) =>
    tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, kind: { in: [...BRANCH_UNIT_KINDS] }, OR: paths.map((path) => ({ path: { startsWith: path } })) },
      select: { id: true, name: true, code: true },
    }),
  );
  branches.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.code ?? "", b.code ?? ""));
  const iso = isoDay(today);
  for (let start = 0; start < branches.length; start += BRANCHES_PER_QUERY) {
    const chunk = branches.slice(start, start + BRANCHES_PER_QUERY);
    const ids = chunk.map((branch) => branch.id);
    const { members, positions } = await withTenant(user.tenantId, async (tx) => {
      const members = await tx.member.findMany({
        where: { tenantId: user.tenantId, branchId: { in: ids }, endedOn: null },
        orderBy: [{ sortKey: "asc" }, { id: "asc" }],
        select: {
          id: true,
          branchId: true,
          fullName: true,
          birthDate: true,
          gender: true,
          ethnicity: true,
          hometown: true,
          occupation: true,
          partyCardNumber: true,
          admittedOn: true,
          officialOn: true,
          phone: true,
          email: true,
        },
      });
      // Positions held now in the member's own branch (the "Chức vụ" column).
      const positions = await tx.$queryRaw<{ memberId: string; orgUnitId: string; kind: PositionKind }[]>`
        SELECT "memberId", "orgUnitId", "kind"::text AS "kind" FROM "Position"
        WHERE "tenantId" = ${user.tenantId}::uuid AND "orgUnitId" = ANY(${ids}::uuid[])
          AND "termFrom" <= ${iso}::date AND ("termTo" IS NULL OR "termTo" >= ${iso}::date)`;
      return { members, positions };
    });
    const best = new Map<string, PositionKind>();
    for (const position of positions) {
      const current = best.get(`${position.memberId}|${position.orgUnitId}`);
      if (!current || POSITION_RANK.indexOf(position.kind) < POSITION_RANK.indexOf(current)) {
        best.set(`${position.memberId}|${position.orgUnitId}`, position.kind);
      }
    }
    const byBranch = new Map<string, ExportRow[]>();
    const branchById = new Map(chunk.map((branch) => [branch.id, branch]));
    for (const member of members) {
      const branch = branchById.get(member.branchId)!;
      const list = byBranch.get(branch.id) ?? [];
      list.push({
        fullName: member.fullName,
        birthDate: member.birthDate,
        gender: member.gender,
        ethnicity: member.ethnicity,
        hometown: member.hometown,
        occupation: member.occupation,
        partyCardNumber: member.partyCardNumber,
        admittedOn: member.admittedOn,
        officialOn: member.officialOn,
        branchName: branch.name,
        branchCode: branch.code,
        position: best.get(`${member.id}|${branch.id}`) ?? null,
        phone: member.phone,
        email: member.email,
      });
      byBranch.set(branch.id, list);
    }
    const rows = chunk.flatMap((branch) => byBranch.get(branch.id) ?? []);
    if (rows.length > 0) yield rows;
  }
}

type CellValue = string | Date | number | null;

/** The row's cells in layout order; dates stay dates (XLSX date cells, dd/mm/yyyy in CSV). */
export function exportCells(row: ExportRow, index: number): CellValue[] {
  const value: Record<RosterField, CellValue> = {
    index,
    fullName: row.fullName,
    birthDate: row.birthDate,
    gender: GENDER_LABELS[row.gender],
    ethnicity: row.ethnicity,
    hometown: row.hometown,
    occupation: row.occupation,
    partyCardNumber: row.partyCardNumber,
    admittedOn: row.admittedOn,
    officialOn: row.officialOn,
    branchName: row.branchName,
    branchCode: row.branchCode,
    position: row.position ? POSITION_LABELS[row.position] : null,
    phone: row.phone,
    email: row.email,
  };
  return ROSTER_COLUMNS.map((column) => value[column.field]);
}

function csvField(value: CellValue): string {
  if (value === null) return "";
  const text = value instanceof Date ? formatRosterDate(value) : typeof value === "number" ? String(value) : escapeCsvCell(value);
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

const DATE_FIELDS = new Set<RosterField>(["birthDate", "admittedOn", "officialOn"]);
const WIDTHS: Partial<Record<RosterField, number>> = {
  index: 6,
  fullName: 28,
  birthDate: 12,
  gender: 9,
  hometown: 24,
  occupation: 28,
  partyCardNumber: 16,
  admittedOn: 14,
  officialOn: 14,
  branchName: 36,
  branchCode: 14,
  position: 14,
  phone: 14,
  email: 28,
};

async function writeXlsx(output: PassThrough, rows: AsyncIterable<ExportRow[]> | null): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = messages.app.name;
  const sheet = workbook.addWorksheet(wording.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((column) => ({
    header: column.header,
    key: column.field,
    width: WIDTHS[column.field] ?? 12,
    style: DATE_FIELDS.has(column.field) ? { numFmt: "dd/mm/yyyy" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let index = 0;
  if (rows) {
    for await (const batch of rows) {
      for (const row of batch) {
        index += 1;
        sheet.addRow(exportCells(row, index)).commit();
      }
    }
  }
  sheet.commit();
  await workbook.commit();
}

export interface RosterExport {
  fileName: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * Starts an export after checking access (404 for a unit the user does not manage members of,
 * 403 without member.manage anywhere). The body is produced while it is read.
 */
export async function exportRoster(user: Principal, query: ExportQuery, options: { now?: Date; requestId?: string | null } = {}): Promise<RosterExport> {
  const parsed = exportQuerySchema.safeParse(query);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? wording.badRequest);
  const input = parsed.data;
  const units = await resolveUnits(user, input.unit);
  const today = todayInVietnam(options.now);
  const extension = input.format;
  const fileName = input.template ? `mau-danh-sach-dang-vien.${extension}` : `danh-sach-dang-vien-${isoDay(today)}.${extension}`;
  if (!input.template) {
    // Personal data leaves the system: who exported what is kept.
    await withTenant(user.tenantId, (tx) =>
      recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "member.export",
        entityType: "OrgUnit",
        entityId: units.map((unit) => unit.id).join(","),
        after: { format: input.format, units: units.map((unit) => unit.name) },
        requestId: options.requestId ?? null,
      }),
    );
  }
  const rows = input.template ? null : rosterRows(user, units.map((unit) => unit.path), today);

  if (input.format === "csv") {
    const encoder = new TextEncoder();
    const header = `\uFEFF${csvLine(ROSTER_COLUMNS.map((column) => column.header))}`;
    const iterator = rows?.[Symbol.asyncIterator]();
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(header));
      },
      async pull(controller) {
        const next = iterator ? await iterator.next() : { done: true as const, value: undefined };
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map((row) => csvLine(exportCells(row, ++index))).join("")));
      },
      async cancel() {
        await iterator?.return?.(undefined);
      },
    });
    return { fileName, contentType: "text/csv; charset=utf-8", body };
  }

  const output = new PassThrough();
  writeXlsx(output, rows).catch((error: unknown) => {
    console.error("[roster-export] XLSX export failed:", error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return {
    fileName,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: Readable.toWeb(output) as ReadableStream<Uint8Array>,
  };
}

/** Above this many units the export form lists committees only (a branch is exported from its committee's file). */
export const EXPORT_UNIT_OPTIONS_LIMIT = 500;

/**
 * The units the user may export (their member.manage subtrees, party groups left out), in tree
 * order by name, with their depth below the scope root for indentation.
 */
export async function listExportUnits(user: Principal): Promise<{ units: { id: string; name: string; depth: number }[]; truncated: boolean }> {
  const roots = scopeRoots(user, "member.manage");
  if (roots.length === 0) return { units: [], truncated: false };
  const rows = await withTenant(user.tenantId, (tx) =>
    tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, kind: { not: "PARTY_GROUP" }, OR: roots.map((root) => ({ path: { startsWith: root.path } })) },
      select: { id: true, parentId: true, name: true, kind: true, path: true },
    }),
  );
  const truncated = rows.length > EXPORT_UNIT_OPTIONS_LIMIT;
  const shown = truncated ? rows.filter((row) => !BRANCH_UNIT_KINDS.includes(row.kind)) : rows;
  const children = new Map<string | null, typeof shown>();
  const ids = new Set(shown.map((row) => row.id));
  for (const row of shown) {
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const out: { id: string; name: string; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const row of (children.get(parent) ?? []).sort((a, b) => collator.compare(a.name, b.name))) {
      if (out.length >= EXPORT_UNIT_OPTIONS_LIMIT * 2) return;
      out.push({ id: row.id, name: row.name, depth });
      walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  return { units: out, truncated };
}
