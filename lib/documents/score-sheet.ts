// The score sheet (phiếu đánh giá chất lượng sinh hoạt chi bộ) of one meeting: the rubric's criteria
// against the three columns (chi bộ tự chấm, cấp ủy viên cấp trên, Ban Tổ chức thẩm định) with group
// and overall totals, the level per column, the branch vote, the reasons and three signatures.
// buildScoreSheet() is pure and gives a neutral model that both the DOCX writer below and the print
// table of the score page render, so paper and Word file cannot disagree. The header follows the
// party document layout of lib/documents (same helpers: party name, issuing unit, place and date).
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlign,
  WidthType,
} from "docx";
import type { Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { NotFoundError } from "@/lib/errors";
import { cell, centred, DOCX_MEDIA_TYPE, NO_BORDERS, partyDocx, partyHeaderColumns, run, SIZE_SMALL, TEXT_WIDTH } from "@/lib/documents/docx";
import type { ExportedFile } from "@/lib/documents/export";
import { placeDateLine, upper } from "@/lib/documents/model";
import { foldForSearch, formatCalendarDate, formatDate } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import { settingsFor } from "@/lib/settings/resolve";
import { Points } from "@/lib/exact/ratio";
import { layoutFor } from "@/lib/scoring/layout";
import { LEVEL_LABELS } from "@/lib/scoring/model";
import { scorecardView, type ColumnName, type ScoreColumn, type ScorecardView } from "@/lib/scoring/workflow";

const words = messages.documentsServer.scoreSheet;

export const SCORE_SHEET_TITLE = words.title;

export const SHEET_COLUMNS: readonly ColumnName[] = ["self", "overseer", "final"];

const COLUMN_TITLES: Record<ColumnName, string> = words.columnTitles;

const COLUMN_WORDS: Record<ColumnName, string> = words.columnWords;

export type SheetRowKind = "group" | "criterion" | "groupTotal" | "total" | "level";

export interface SheetRow {
  kind: SheetRowKind;
  /** Code, name, maximum, then one cell per column (self, overseer, final). */
  cells: [code: string, name: string, max: string, self: string, overseer: string, final: string];
}

export interface ScoreSheet {
  /** ASCII download name: "phieu-cham-chi-bo-phong-ngan-sach-2025-11-05.docx". */
  fileName: string;
  header: { superior: string | null; issuer: string; placeDate: string };
  title: string;
  /** "Chi bộ: …", "Kỳ sinh hoạt: …" lines under the title. */
  facts: { label: string; text: string }[];
  columns: { title: string; width: number }[];
  rows: SheetRow[];
  /** Paragraphs after the table: the vote, the result, the reasons and remarks. */
  notes: { text: string; bold?: boolean }[];
  signatures: { lines: string[]; name: string | null }[];
}

export interface ScoreSheetHeader {
  superiorName: string | null;
  placeName: string | null;
  /** The branch secretary in office on the meeting day (signs for the branch). */
  secretary: string | null;
}

/** 4.5 → "4,5"; the engine's numbers are exact tenths. */
function fmt(points: number): string {
  return Points.format(Math.round(points * 10), "vi");
}

function fileStem(branchName: string, day: string): string {
  const slug = foldForSearch(branchName).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return `${slug ? `${slug}-` : ""}${day}`;
}

/** A criterion's points in a column; blank when that column has not marked it yet (a draft). */
function cellOf(column: ScoreColumn | null, code: string): string {
  if (!column) return "";
  const c = column.result.perCriterion.find((p) => p.code === code);
  if (!c || !c.applicable) return "";
  if (c.mode === "MANUAL" && column.marks[code] === undefined) return "";
  return fmt(c.points);
}

function perColumn(view: ScorecardView, value: (column: ScoreColumn) => string): [string, string, string] {
  return SHEET_COLUMNS.map((name) => {
    const column = view.columns[name];
    return column ? value(column) : "";
  }) as [string, string, string];
}

function levelText(column: ScoreColumn): string {
  return column.result.level ? LEVEL_LABELS[column.result.level] : words.unrated;
}

function byLine(column: ScoreColumn): string {
  const parts = [
    column.by?.name ? fill(messages.documentsServer.comrade, { name: column.by.name }) : null,
    column.at ? fill(words.byDay, { day: formatDate(column.at) }) : null,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** Same marks and overrides as another column (the service refuses an "adjustment" that changes none). */
function sameMarks(a: ScoreColumn, b: ScoreColumn): boolean {
  const norm = (c: ScoreColumn) =>
    JSON.stringify([
      Object.entries(c.marks).map(([k, v]) => [k, String(v).replace(",", ".")]).sort(),
      Object.entries(c.overrides).map(([k, v]) => [k, String(v.points).replace(",", ".")]).sort(),
    ]);
  return norm(a) === norm(b);
}

/** Whether each column scored on its own (rather than confirming the column before it). */
export function ownColumns(view: ScorecardView): Record<ColumnName, boolean> {
  const { self, overseer, final } = view.columns;
  const overseerOwn = Boolean(overseer && self && !sameMarks(overseer, self));
  const basis = overseer ?? self;
  return { self: Boolean(self), overseer: overseerOwn, final: Boolean(final && basis && !sameMarks(final, basis)) };
}

function remarkNotes(view: ScorecardView, own: Record<ColumnName, boolean>): { text: string }[] {
  const out: { text: string }[] = [];
  for (const name of SHEET_COLUMNS) {
    const column = view.columns[name];
    // A column that only confirms the one before carries its remarks: say them once.
    if (!column || !own[name]) continue;
    for (const [code, remark] of Object.entries(column.remarks)) {
      if (remark.trim()) out.push({ text: fill(words.remark, { code, column: COLUMN_WORDS[name], remark: remark.trim() }) });
    }
    for (const [code, override] of Object.entries(column.overrides)) {
      out.push({
        text: fill(words.override, { code, column: COLUMN_WORDS[name], points: String(override.points).replace(".", ","), reason: override.reason.trim() }),
      });
    }
  }
  return out;
}

/** The score sheet of a scorecard view (pure). Throws when the view has no rubric to score with. */
export function buildScoreSheet(view: ScorecardView, header: ScoreSheetHeader): ScoreSheet {
  if (!view.definition || !view.facts || !view.rubric) {
    throw new NotFoundError(view.notScorable ?? words.noCard);
  }
  const day = new Date(`${view.meeting.day}T00:00:00.000Z`);
  const layout = layoutFor(view.definition, view.facts.hasThematicPart, view.facts.kind === "THEMATIC");
  const rows: SheetRow[] = [];
  for (const group of layout.groups) {
    rows.push({ kind: "group", cells: [group.group.code, group.group.name, Points.format(group.pointsTenths), "", "", ""] });
    for (const c of group.criteria) {
      const code = c.criterion.code;
      if (!c.applicable) {
        rows.push({ kind: "criterion", cells: [code, fill(words.notApplicable, { name: c.criterion.name }), "—", "—", "—", "—"] });
        continue;
      }
      const [self, overseer, final] = SHEET_COLUMNS.map((name) => cellOf(view.columns[name], code)) as [string, string, string];
      rows.push({ kind: "criterion", cells: [code, c.criterion.name, Points.format(c.maxTenths), self, overseer, final] });
    }
    const totals = perColumn(view, (column) => {
      const total = column.result.groupTotals.find((g) => g.code === group.group.code);
      return total ? fmt(total.points) : "";
    });
    rows.push({ kind: "groupTotal", cells: ["", fill(words.groupTotal, { code: group.group.code }), Points.format(group.pointsTenths), ...totals] });
  }
  rows.push({ kind: "total", cells: ["", words.total, Points.format(layout.totalTenths), ...perColumn(view, (column) => fmt(column.result.total))] });
  rows.push({ kind: "level", cells: ["", words.level, "", ...perColumn(view, levelText)] });

  const notes: ScoreSheet["notes"] = [];
  const self = view.columns.self;
  if (self && !self.at) notes.push({ text: words.draft });
  if (view.vote) {
    const v = view.vote;
    notes.push({
      text: fill(words.vote, { for: v.for, eligible: v.eligible, against: v.against, abstain: v.abstain }),
    });
  }
  const summary = (column: ScoreColumn) => ({ points: fmt(column.result.total), level: levelText(column), by: byLine(column), reason: column.reason ?? "" });
  if (self?.at) notes.push({ text: fill(words.self, summary(self)) });
  const own = ownColumns(view);
  const overseer = view.columns.overseer;
  if (overseer) {
    notes.push({
      text: own.overseer
        ? fill(words.overseerAdjusted, summary(overseer))
        : fill(words.overseerConfirmed, { by: byLine(overseer), opinion: overseer.reason ? fill(words.opinion, { reason: overseer.reason }) : "" }),
    });
  }
  const final = view.columns.final;
  if (final) {
    notes.push({
      text: own.final
        ? fill(words.finalAdjusted, summary(final))
        : fill(words.finalKept, { ...summary(final), opinion: final.reason ? fill(words.finalOpinion, { reason: final.reason }) : "" }),
    });
  }
  if (view.effective?.level) {
    notes.push({
      text: fill(words.effective, { points: fmt(view.effective.total), level: LEVEL_LABELS[view.effective.level], column: COLUMN_WORDS[view.effective.column] }),
      bold: true,
    });
  }
  const focus = view.effective ? view.columns[view.effective.column] : null;
  if (focus && focus.result.conditions.length > 0) {
    notes.push({ text: words.conditions, bold: true });
    for (const c of focus.result.conditions) {
      notes.push({ text: fill(words.condition, { name: c.name, level: LEVEL_LABELS[c.level], held: c.held ? words.held : words.notHeld, explanation: c.explanation }) });
    }
  }
  const remarks = remarkNotes(view, own);
  if (remarks.length > 0) notes.push({ text: words.remarks, bold: true }, ...remarks);
  if (view.card?.notes?.trim()) notes.push({ text: fill(words.branchNotes, { notes: view.card.notes.trim() }) });

  const rubric = view.rubric;
  return {
    fileName: `phieu-cham-${fileStem(view.meeting.branch.name, view.meeting.day)}.docx`,
    header: {
      superior: header.superiorName ? upper(header.superiorName) : null,
      issuer: upper(view.meeting.branch.name),
      placeDate: placeDateLine(header.placeName, day),
    },
    title: SCORE_SHEET_TITLE,
    facts: [
      { label: words.branch, text: view.meeting.branch.name },
      { label: words.meeting, text: fill(words.meetingText, { title: view.meeting.title, day: formatCalendarDate(day) }) },
      { label: words.rubric, text: fill(words.rubricText, { name: rubric.name, code: rubric.code, version: rubric.version, basis: view.definition.legalBasis }) },
      { label: words.thematic, text: view.facts.hasThematicPart ? words.withThematic : words.withoutThematic },
    ],
    columns: [
      { title: words.code, width: 7 },
      { title: words.criterion, width: 41 },
      { title: words.max, width: 10 },
      { title: COLUMN_TITLES.self, width: 14 },
      { title: COLUMN_TITLES.overseer, width: 14 },
      { title: COLUMN_TITLES.final, width: 14 },
    ],
    rows,
    notes,
    signatures: [
      { lines: [words.secretarySigns], name: header.secretary ?? self?.by?.name ?? null },
      { lines: [words.overseerSigns], name: overseer?.by?.name ?? null },
      { lines: [words.finalSigns], name: final?.by?.name ?? null },
    ],
  };
}

/** Where the sheet is served (GET /api/v1/meetings/{id}/scorecard.docx). */
export function scoreSheetDocxUrl(meetingId: string): string {
  return `/api/v1/meetings/${encodeURIComponent(meetingId)}/scorecard.docx`;
}

/** The header lines of the sheet: the superior committee, the locality and the branch secretary that day. */
async function sheetHeader(tx: Tx, tenantId: string, view: ScorecardView): Promise<ScoreSheetHeader> {
  const day = new Date(`${view.meeting.day}T00:00:00.000Z`);
  const branch = await tx.orgUnit.findUniqueOrThrow({
    where: { tenantId_id: { tenantId, id: view.meeting.branchId } },
    select: { path: true, parent: { select: { name: true } } },
  });
  const settings = await settingsFor(tx, tenantId, branch.path, day);
  const secretary = await tx.position.findFirst({
    where: { tenantId, orgUnitId: view.meeting.branchId, kind: "SECRETARY", termFrom: { lte: day }, OR: [{ termTo: null }, { termTo: { gte: day } }] },
    select: { member: { select: { fullName: true } } },
    orderBy: { termFrom: "desc" },
  });
  return {
    superiorName: branch.parent?.name ?? null,
    placeName: settings["documents.placeName"].trim() || null,
    secretary: secretary?.member.fullName ?? null,
  };
}

/** The header of a view the caller already read (getScorecard authorized it), for the printed sheet. */
export async function scoreSheetHeader(user: Principal, view: ScorecardView): Promise<ScoreSheetHeader> {
  return withTenant(user.tenantId, (tx) => sheetHeader(tx, user.tenantId, view));
}

/** The sheet of one meeting as the user may read it (meeting.read on its branch; 404 otherwise). */
export async function loadScoreSheet(user: Principal, meetingId: string): Promise<ScoreSheet> {
  return withTenant(user.tenantId, async (tx) => {
    const view = await scorecardView(tx, user, meetingId);
    return buildScoreSheet(view, await sheetHeader(tx, user.tenantId, view));
  });
}

// ─── DOCX (the layout of lib/documents/docx.ts: A4, Times New Roman, party header) ───────────────

const SIZE_TABLE = SIZE_SMALL;

/** A table cell of the sheet: centred vertically. */
function sheetCell(children: Paragraph[], width: number, bordered: boolean): TableCell {
  return cell(children, width, bordered, VerticalAlign.CENTER);
}

function columnsTable(columns: Paragraph[][], shares: number[]): Table {
  const widths = shares.map((share) => Math.round(TEXT_WIDTH * share));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: columns.map((children, i) => sheetCell(children.length ? children : [new Paragraph("")], widths[i] ?? 0, false)) })],
  });
}

function headerBlock(sheet: ScoreSheet): Table {
  const { left, right } = partyHeaderColumns(sheet.header);
  return columnsTable([left, right], [0.45, 0.55]);
}

const BOLD_ROWS: ReadonlySet<SheetRowKind> = new Set(["group", "groupTotal", "total", "level"]);

function scoreTable(sheet: ScoreSheet): Table {
  const total = sheet.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = sheet.columns.map((c) => Math.round((TEXT_WIDTH * c.width) / total));
  const row = (cells: readonly string[], bold: boolean) =>
    new TableRow({
      children: cells.map((text, i) =>
        sheetCell(
          [new Paragraph({ alignment: i === 1 ? AlignmentType.LEFT : AlignmentType.CENTER, spacing: { before: 30, after: 30 }, children: [run(text, { bold, size: SIZE_TABLE })] })],
          widths[i] ?? 0,
          true,
        ),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [row(sheet.columns.map((c) => c.title), true), ...sheet.rows.map((r) => row(r.cells, BOLD_ROWS.has(r.kind)))],
  });
}

function body(text: string, bold = false): Paragraph {
  return new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { before: 60, after: 60, line: 300 }, children: [run(text, { bold })] });
}

function signatureColumn(sig: ScoreSheet["signatures"][number]): Paragraph[] {
  return [
    ...sig.lines.map((line) => centred([run(line, { bold: true, size: SIZE_TABLE })])),
    centred([run(words.signHint, { italic: true, size: 22 })]),
    new Paragraph({ spacing: { before: 1000, after: 0 }, children: [] }),
    centred([run(sig.name ?? "", { bold: true, size: SIZE_TABLE })]),
  ];
}

export function scoreSheetDocx(sheet: ScoreSheet): Document {
  return partyDocx(sheet.title, [
    headerBlock(sheet),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    centred([run(sheet.title, { bold: true, size: 30 })]),
    centred([run("-----")], 200),
    ...sheet.facts.map((f) => new Paragraph({ spacing: { before: 40, after: 40 }, children: [run(`${f.label}: `, { bold: true }), run(f.text)] })),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    scoreTable(sheet),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    ...sheet.notes.map((n) => body(n.text, n.bold)),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    columnsTable(sheet.signatures.map(signatureColumn), [1 / 3, 1 / 3, 1 / 3]),
  ]);
}

export async function exportScoreSheetDocx(user: Principal, meetingId: string): Promise<ExportedFile> {
  const sheet = await loadScoreSheet(user, meetingId);
  return { fileName: sheet.fileName, contentType: DOCX_MEDIA_TYPE, bytes: await Packer.toBuffer(scoreSheetDocx(sheet)) };
}
