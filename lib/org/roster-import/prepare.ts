// Reading an uploaded or stored file: format, header row, row limits and every row parsed; the
// progress and options the dry run and the apply share.
import { RosterFileError, locateHeader, readRows, sniffFormat, type HeaderMap, type RosterFormat } from "@/lib/org/roster-file";
import { MAX_ROWS } from "@/lib/org/roster-layout";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { type IncompleteRow, type RosterRecord, type RowIssue, parseRecords } from "@/lib/org/roster-import/rows";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.orgServer.rosterImport;

export type ImportPhase = "reading" | "parsed" | "validated" | "saving" | "applying";

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number | null;
}
export interface ContextOptions extends ServiceContext {
  onProgress?: (progress: ImportProgress) => void;
}

export interface PreparedFile {
  format: RosterFormat;
  header: HeaderMap;
  records: RosterRecord[];
  parseIssues: RowIssue[];
  incomplete: IncompleteRow[];
  rowCount: number;
}

/** Reads and checks the file on its own. Throws RosterFileError for a file-level fault. */
export async function prepareFile(bytes: Uint8Array, today: Date, onProgress?: (progress: ImportProgress) => void): Promise<PreparedFile> {
  const format = sniffFormat(bytes);
  const rows = await readRows(bytes, format, (progress) => onProgress?.({ phase: "parsed", done: progress.rows, total: progress.total }));
  const header = locateHeader(rows);
  const dataRows = rows.slice(header.index + 1);
  if (dataRows.length === 0) {
    throw new RosterFileError("noRows", wording.noRows);
  }
  if (dataRows.length > MAX_ROWS) {
    throw new RosterFileError(
      "tooManyRows",
      fill(wording.tooManyRows, { count: dataRows.length.toLocaleString("vi-VN"), max: MAX_ROWS.toLocaleString("vi-VN") }),
    );
  }
  const { records, issues, incomplete } = parseRecords(dataRows, header, format, today);
  return { format, header, records, parseIssues: issues, incomplete, rowCount: dataRows.length };
}
