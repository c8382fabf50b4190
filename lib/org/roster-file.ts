// Reading an uploaded roster file into rows of cells: recognising the format (CSV or XLSX) from
// the bytes, refusing what is not a roster file at all, and locating the header row. Row rules
// (required values, dates, branches…) live in roster-import.ts.
import { Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import ExcelJS from "exceljs";
import { ValidationError } from "@/lib/errors";
import { ZipBudgetError, inflateEntry, zipEntries } from "@/lib/storage/zip";
import {
  HEADER_SEARCH_ROWS,
  MAX_FILE_BYTES,
  MAX_ROWS,
  ROSTER_COLUMNS,
  fieldOfHeader,
  formatRosterDate,
  normalizeText,
  type RosterField,
} from "@/lib/org/roster-layout";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";

const wording = messages.orgServer.rosterFile;

export type RosterFormat = "CSV" | "XLSX";

export type FileIssueCode =
  | "empty"
  | "tooLarge"
  | "notUtf8"
  | "utf16"
  | "legacyExcel"
  | "notRoster"
  | "badCsv"
  | "badXlsx"
  | "noHeader"
  | "missingColumns"
  | "duplicateColumn"
  | "noRows"
  | "tooManyRows"
  | "xlsxLimits";

/** The whole file is refused: nothing is stored or written, the person gets one message. */
export class RosterFileError extends ValidationError {
  constructor(
    readonly code: FileIssueCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SheetCell {
  text: string;
  /** A real date cell (XLSX). */
  date?: Date;
  /** A formula cell (XLSX); CSV formulas are recognised from their text. */
  formula?: boolean;
}

export interface SheetRow {
  /** Line (CSV) or row number (XLSX) as the person sees it in their editor, 1-based. */
  line: number;
  cells: (SheetCell | undefined)[];
}

export interface ReadProgress {
  rows: number;
  /** Estimated number of rows (CSV: lines), null when unknown. */
  total: number | null;
}

const MB = 1024 * 1024;

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** A binary file has NUL bytes or many control characters; text never does. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control += 1;
  }
  return control > sample.length / 100;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // Find where, so the message can name the line.
    let i = 0;
    while (i < bytes.length) {
      const byte = bytes[i]!;
      const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
      if (length === 0) return i;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
      i += length;
    }
    return 0;
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 10) line += 1;
  return line;
}

/** Which reader the bytes need, or a file-level refusal that says what the file is instead. */
export function sniffFormat(bytes: Uint8Array): RosterFormat {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new RosterFileError(
      "tooLarge",
      fill(wording.tooLarge, { size: (bytes.length / MB).toFixed(1).replace(".", ","), max: MAX_FILE_BYTES / MB }),
    );
  }
  const withoutBom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  if (withoutBom.every((byte) => byte === 32 || byte === 9 || byte === 10 || byte === 13)) {
    throw new RosterFileError("empty", wording.empty);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "XLSX";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new RosterFileError(
      "legacyExcel",
      wording.oldExcel,
    );
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new RosterFileError(
      "utf16",
      wording.utf16,
    );
  }
  if (looksBinary(bytes)) {
    throw new RosterFileError(
      "notRoster",
      wording.notRoster,
    );
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    throw new RosterFileError(
      "notUtf8",
      fill(wording.notUtf8, { line: lineAt(bytes, invalid) }),
    );
  }
  return "CSV";
}

/** Comma or semicolon: the one that occurs more often outside quotes on the first line. */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas += 1;
    else if (!quoted && char === ";") semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (const byte of bytes) if (byte === 10) lines += 1;
  return bytes[bytes.length - 1] === 10 ? lines : lines + 1;
}

function tooManyRows(): RosterFileError {
  return new RosterFileError(
    "tooManyRows",
    fill(wording.tooManyRows, { max: MAX_ROWS.toLocaleString("vi-VN") }),
  );
}

const ROW_LIMIT = MAX_ROWS + HEADER_SEARCH_ROWS;
const CHUNK_BYTES = 256 * 1024;

function isBlank(cells: (SheetCell | undefined)[]): boolean {
  return cells.every((cell) => !cell || (cell.text.trim() === "" && !cell.date && !cell.formula));
}

async function readCsv(bytes: Uint8Array, onProgress?: (progress: ReadProgress) => void): Promise<SheetRow[]> {
  const head = new TextDecoder().decode(bytes.subarray(0, 64 * 1024));
  const delimiter = detectDelimiter(head.replace(/^\uFEFF/, ""));
  const total = Math.max(1, countLines(bytes) - 1); // without the header line
  const parser = parseCsv({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    // Empty lines are kept (and dropped below) so that every record's line number is exact.
    skip_empty_lines: false,
    record_delimiter: ["\r\n", "\n", "\r"],
  });
  const rows: SheetRow[] = [];
  let lastLine = 0;
  let failure: unknown = null;
  parser.on("readable", () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) {
      // Line numbers are counted here: a record spans one line plus the breaks inside its quoted
      // cells (csv-parse's own count takes a quoted CRLF for two lines).
      const line = lastLine + 1;
      lastLine = line + record.reduce((sum, text) => sum + (text.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
      const cells = record.map((text) => ({ text }));
      if (!isBlank(cells)) rows.push({ line, cells });
    }
  });
  parser.on("error", (error) => {
    failure = error;
  });
  const ended = new Promise<void>((resolve) => parser.on("end", resolve).on("error", () => resolve()));
  // Fed in slices, yielding between them, so progress reaches the browser while a big file parses.
  for (let offset = 0; offset < bytes.length && !failure; offset += CHUNK_BYTES) {
    parser.write(Buffer.from(bytes.buffer, bytes.byteOffset + offset, Math.min(CHUNK_BYTES, bytes.length - offset)));
    await new Promise((resolve) => setImmediate(resolve));
    if (rows.length > ROW_LIMIT) throw tooManyRows();
    onProgress?.({ rows: rows.length, total });
  }
  if (!failure) parser.end();
  await ended;
  if (failure) {
    const line = typeof (failure as { lines?: unknown }).lines === "number" ? (failure as { lines: number }).lines : null;
    throw new RosterFileError(
      "badCsv",
      fill(wording.badCsv, { at: line ? fill(wording.badCsvAt, { line }) : "" }),
    );
  }
  if (rows.length > ROW_LIMIT) throw tooManyRows();
  onProgress?.({ rows: rows.length, total: rows.length });
  return rows;
}

type ExcelValue = ExcelJS.CellValue;

function xlsxCell(value: ExcelValue): SheetCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { text: "" };
    // Excel stores days; a time of day (if any) is dropped.
    const date = new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
    return { text: formatRosterDate(date), date };
  }
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return { text: String(value) };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) return { text: "", formula: true };
    if ("richText" in value && Array.isArray(value.richText)) return { text: value.richText.map((run) => run.text).join("") };
    if ("text" in value && typeof value.text === "string") return { text: value.text };
    if ("error" in value) return { text: String(value.error) };
  }
  return { text: String(value) };
}

type ChunkSource = AsyncIterable<Buffer | string>;

/** Internals of exceljs' WorkbookReader (4.4) that the subclass below wraps. */
interface WorkbookReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: ChunkSource, sheetNo: string): Generator<unknown>;
}

const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as WorkbookReaderInternals;

async function* decodeUtf8(chunks: ChunkSource): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) yield typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk of XML on its own, so a Vietnamese
 * letter split across two chunks comes out as "��" (exceljs issues #2084, #2316; about one row in
 * 4,000 of a large file). This reader hands it text decoded by a streaming decoder instead.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {}
Object.assign(Utf8WorkbookReader.prototype, {
  _parseSharedStrings(this: WorkbookReaderInternals, entry: NodeJS.ReadableStream) {
    entry.setEncoding("utf8");
    return baseReader._parseSharedStrings.call(this, entry);
  },
  _parseWorksheet(this: WorkbookReaderInternals, iterator: ChunkSource, sheetNo: string) {
    return baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  },
});

/**
 * What an XLSX may hold before it is parsed at all. A 300 KB file can inflate to a 300 MB cell
 * (the parser would hold it, and every copy of it, in memory), so the inflated parts are measured
 * first, as a stream that stops at the first excess:
 *   - a cell's text at most 32,767 characters (Excel's own limit), checked as the longest run of
 *     XML text between two tags (at most 6 bytes a character: UTF-8 or an XML entity);
 *   - at most 3,000,000 shared strings (200,000 rows × 15 columns) in at most 64 MB;
 *   - at most 256 MB per part and 320 MB in all (a 200,000-row roster is about 150 MB).
 */
export const XLSX_LIMITS = {
  maxCellChars: 32_767,
  maxSharedStrings: 3_000_000,
  maxSharedStringsBytes: 64 * MB,
  maxPartBytes: 256 * MB,
  maxTotalBytes: 320 * MB,
};

const INFLATE_CHUNK = 64 * 1024;

class XlsxLimitError extends Error {}

function xlsxLimitRefusal(what: string): RosterFileError {
  return new RosterFileError(
    "xlsxLimits",
    fill(wording.xlsxLimits, { what }),
  );
}

export async function checkXlsxLimits(bytes: Uint8Array, limits = XLSX_LIMITS): Promise<void> {
  const entries = zipEntries(bytes);
  if (!entries) {
    throw new RosterFileError(
      "badXlsx",
      wording.corruptXlsx,
    );
  }
  const maxRun = limits.maxCellChars * 6;
  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const shared = /(^|\/)sharedStrings\.xml$/i.test(entry.name);
    const xml = /\.(xml|rels)$/i.test(entry.name);
    const budget = Math.min(shared ? limits.maxSharedStringsBytes : limits.maxPartBytes, limits.maxTotalBytes - total);
    let run = 0;
    let strings = 0;
    let tail = "";
    try {
      total += await inflateEntry(bytes, entry, budget, (whole) => {
        if (!xml) return;
        for (let start = 0; start < whole.length; start += INFLATE_CHUNK) {
          const chunk = whole.subarray(start, start + INFLATE_CHUNK);
          // A chunk (64 KB) is shorter than the longest allowed run, so a run too long spans chunks:
          // the text before the first "<" continues the previous run, after the last "<" starts one.
          const first = chunk.indexOf(0x3c);
          if (first < 0) run += chunk.length;
          else {
            if (run + first > maxRun) throw new XlsxLimitError("cell");
            run = chunk.length - 1 - chunk.lastIndexOf(0x3c);
          }
          if (run > maxRun) throw new XlsxLimitError("cell");
          if (shared) {
            const text = tail + chunk.toString("latin1");
            strings += text.match(/<si[\s>/]/g)?.length ?? 0;
            tail = text.slice(-3);
            if (strings > limits.maxSharedStrings) throw new XlsxLimitError("strings");
          }
        }
      });
    } catch (error) {
      if (error instanceof XlsxLimitError) {
        throw xlsxLimitRefusal(
          error.message === "cell"
            ? fill(wording.longCell, { max: limits.maxCellChars.toLocaleString("vi-VN") })
            : fill(wording.manyStrings, { max: limits.maxSharedStrings.toLocaleString("vi-VN") }),
        );
      }
      if (error instanceof ZipBudgetError) {
        throw xlsxLimitRefusal(fill(wording.unzippedSize, { size: Math.round((shared ? limits.maxSharedStringsBytes : Math.min(limits.maxPartBytes, limits.maxTotalBytes)) / MB) }));
      }
      throw new RosterFileError(
        "badXlsx",
        wording.corruptXlsx,
      );
    }
  }
}

async function readXlsx(bytes: Uint8Array, onProgress?: (progress: ReadProgress) => void): Promise<SheetRow[]> {
  await checkXlsxLimits(bytes);
  const rows: SheetRow[] = [];
  try {
    const reader = new Utf8WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)), {
      worksheets: "emit",
      sharedStrings: "cache",
      // Styles tell date cells from numbers.
      styles: "cache",
      hyperlinks: "ignore",
      entries: "emit",
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelValue[];
        const cells: (SheetCell | undefined)[] = [];
        for (let column = 1; column < values.length; column += 1) cells[column - 1] = xlsxCell(values[column]);
        if (!isBlank(cells)) rows.push({ line: row.number, cells });
        if (rows.length > ROW_LIMIT) throw tooManyRows();
        if (rows.length % 5000 === 0) {
          onProgress?.({ rows: rows.length, total: null });
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      break; // the first worksheet is the roster
    }
  } catch (error) {
    if (error instanceof RosterFileError) throw error;
    throw new RosterFileError(
      "badXlsx",
      wording.corruptXlsx,
    );
  }
  onProgress?.({ rows: rows.length, total: rows.length });
  return rows;
}

/** All non-blank rows of the file (the first worksheet of an XLSX), header rows included. */
export async function readRows(bytes: Uint8Array, format: RosterFormat, onProgress?: (progress: ReadProgress) => void): Promise<SheetRow[]> {
  return format === "CSV" ? readCsv(bytes, onProgress) : readXlsx(bytes, onProgress);
}

export interface HeaderMap {
  /** Index of the header row in the rows read. */
  index: number;
  line: number;
  columns: Map<RosterField, number>;
  /** Headers that are not part of the layout (ignored). */
  ignored: string[];
}

const REQUIRED_FIELDS = ROSTER_COLUMNS.filter((column) => column.required && column.field !== "branchName").map((column) => column.field);

/**
 * The header row: the first of the first rows with at least two recognised columns. Refuses the
 * file when there is none, when a required column is missing or when a column appears twice.
 */
export function locateHeader(rows: readonly SheetRow[]): HeaderMap {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index += 1) {
    const row = rows[index]!;
    const columns = new Map<RosterField, number>();
    const ignored: string[] = [];
    const duplicates: string[] = [];
    row.cells.forEach((cell, column) => {
      const text = cell ? normalizeText(cell.text) : "";
      if (!text) return;
      const field = fieldOfHeader(text);
      if (!field) ignored.push(text);
      else if (columns.has(field)) duplicates.push(text);
      else columns.set(field, column);
    });
    if (columns.size < 2) continue;
    if (duplicates.length > 0) {
      throw new RosterFileError(
        "duplicateColumn",
        fill(wording.duplicateColumn, { line: row.line, columns: duplicates.map((name) => fill(wording.quoted, { name })).join(", ") }),
      );
    }
    const missing = REQUIRED_FIELDS.filter((field) => !columns.has(field)).map(
      (field) => ROSTER_COLUMNS.find((column) => column.field === field)!.header,
    );
    if (!columns.has("branchName") && !columns.has("branchCode")) missing.push(wording.branchColumn);
    if (missing.length > 0) {
      throw new RosterFileError(
        "missingColumns",
        fill(wording.missingColumns, { columns: missing.map((name) => fill(wording.quoted, { name })).join(", "), line: row.line }),
      );
    }
    return { index, line: row.line, columns, ignored };
  }
  throw new RosterFileError(
    "noHeader",
    wording.noHeader,
  );
}
