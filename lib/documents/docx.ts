// Writes an OfficialDocument as a .docx with the `docx` package, in the layout of party documents
// (HD 36-HD/VPTW, approximated): A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New
// Roman 14 pt body; a two-column header (issuing units with "*" and the number on the left,
// "ĐẢNG CỘNG SẢN VIỆT NAM" underlined and the italic place-and-date line on the right); the title
// centred in bold; recipients (12 pt) and the signature block at the foot.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
} from "docx";
import messages from "@/lib/i18n/messages";
import { PARTY_NAME, type DocBlock, type DocRun, type OfficialDocument, type Signature } from "./model";

export const DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// The page set-up and building blocks every party document shares (the score sheet in
// lib/documents/score-sheet.ts uses them too).
export const FONT = "Times New Roman";
/** Half-points. */
export const SIZE_BODY = 28; // 14 pt
export const SIZE_HEADER = 26; // 13 pt
export const SIZE_SMALL = 24; // 12 pt
const MM = 56.7; // twips per millimetre
export const PAGE = { width: 11906, height: 16838 }; // A4 in twips
export const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
export const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
export const THIN_BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };

export function run(text: string, options: { bold?: boolean; italic?: boolean; underline?: boolean; size?: number } = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: options.size ?? SIZE_BODY,
    bold: options.bold,
    italics: options.italic,
    underline: options.underline ? {} : undefined,
  });
}

export function centred(children: TextRun[], spacingAfter = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: spacingAfter }, children });
}

export function cell(children: (Paragraph | Table)[], widthTwips: number, bordered = false, verticalAlign: typeof VerticalAlign.TOP | typeof VerticalAlign.CENTER = VerticalAlign.TOP): TableCell {
  return new TableCell({
    width: { size: widthTwips, type: WidthType.DXA },
    borders: bordered ? THIN_BORDERS : NO_BORDERS,
    verticalAlign,
    children,
  });
}

/** Two borderless columns, as the header and the signature block are laid out. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const leftWidth = Math.round(TEXT_WIDTH * leftShare);
  const rightWidth = TEXT_WIDTH - leftWidth;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left.length ? left : [new Paragraph("")], leftWidth), cell(right, rightWidth)] })],
  });
}

/**
 * The party header's two columns (HD 36-HD/VPTW): left the superior and issuing units, "*" and the
 * number (when the document has one), right the party's name and the place and date. Each document
 * lays them out in its own header table.
 */
export function partyHeaderColumns(header: { superior: string | null; issuer: string; number?: string; placeDate: string }): { left: Paragraph[]; right: Paragraph[] } {
  const left: Paragraph[] = [];
  if (header.superior) left.push(centred([run(header.superior, { size: SIZE_HEADER })]));
  left.push(centred([run(header.issuer, { size: SIZE_HEADER, bold: true })]));
  left.push(centred([run("*", { size: SIZE_HEADER })]));
  if (header.number !== undefined) left.push(centred([run(header.number, { size: SIZE_HEADER })]));
  const right = [centred([run(PARTY_NAME, { size: 30, bold: true, underline: true })], 240), centred([run(header.placeDate, { italic: true })])];
  return { left, right };
}

function headerBlock(doc: OfficialDocument): Table {
  const { left, right } = partyHeaderColumns(doc.header);
  return twoColumns(left, right, 0.45);
}

/** A party document's file: the app as its creator, A4 with the party margins, Times New Roman. */
export function partyDocx(title: string, children: (Paragraph | Table)[]): Document {
  return new Document({
    creator: messages.app.name,
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE_BODY } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
}

function runsOf(runs: DocRun[]): TextRun[] {
  return runs.map((r) => run(r.text, { bold: r.bold, italic: r.italic }));
}

function bodyParagraph(children: TextRun[], options: { indent?: boolean; align?: "left" | "center" } = {}): Paragraph {
  return new Paragraph({
    alignment: options.align === "center" ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: Math.round(10 * MM) },
    spacing: { before: 60, after: 60, line: 300 },
    children,
  });
}

function table(block: Extract<DocBlock, { kind: "table" }>): Table {
  const total = block.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = block.columns.map((column) => Math.round((TEXT_WIDTH * column.width) / total));
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      children: cells.map((text, i) =>
        cell([new Paragraph({ spacing: { before: 40, after: 40 }, children: [run(text, { bold, size: 26 })] })], widths[i] ?? 0, true),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [row(block.columns.map((c) => c.title), true), ...block.rows.map((cells) => row(cells, false))],
  });
}

function blocks(list: DocBlock[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const block of list) {
    switch (block.kind) {
      case "heading":
        out.push(
          new Paragraph({
            alignment: block.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { before: 160, after: 80 },
            children: [run(block.text, { bold: true })],
          }),
        );
        break;
      case "paragraph":
        out.push(bodyParagraph(runsOf(block.runs)));
        break;
      case "list":
        for (const item of block.items) out.push(bodyParagraph([run("- "), ...runsOf(item)]));
        break;
      case "table":
        out.push(table(block), new Paragraph({ spacing: { after: 60 }, children: [] }));
        break;
    }
  }
  return out;
}

function signature(sig: Signature | null): Paragraph[] {
  if (!sig) return [];
  return [
    ...sig.lines.map((line) => centred([run(line, { bold: true })])),
    // Room for the handwritten signature (and the seal).
    new Paragraph({ spacing: { before: 1200, after: 0 }, children: [] }),
    centred([run(sig.name ?? "", { bold: true })]),
  ];
}

function footer(doc: OfficialDocument): Table {
  const left: Paragraph[] = doc.recipients
    ? [
        new Paragraph({ children: [run(messages.documentsServer.recipients, { bold: true, italic: true, underline: true, size: SIZE_SMALL })] }),
        ...doc.recipients.map((line) => new Paragraph({ children: [run(line, { size: 22 })] })),
      ]
    : signature(doc.signatures.left);
  return twoColumns(left, signature(doc.signatures.right), 0.5);
}

export function officialDocx(doc: OfficialDocument): Document {
  return partyDocx(`${doc.title}${doc.subtitle ? ` – ${doc.subtitle}` : ""}`, [
    headerBlock(doc),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    centred([run(doc.title, { bold: true, size: 32 })]),
    ...(doc.subtitle ? [centred([run(doc.subtitle, { bold: true })])] : []),
    centred([run("-----", { size: SIZE_BODY })], 200),
    ...blocks(doc.blocks),
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    footer(doc),
  ]);
}

export async function officialDocxBuffer(doc: OfficialDocument): Promise<Buffer> {
  return Packer.toBuffer(officialDocx(doc));
}
