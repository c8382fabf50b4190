// The roster file layout shared by import and export: the columns of the national member database
// export ("CSDL đảng viên"), how their headers are recognised, and how cell values are read and
// written. Pure: no database, no I/O, so unit tests cover every rule.
//
// Layout (one header row, then one member per row; order of columns is free, headers are matched
// without accents or case, unknown columns are ignored):
//
//   STT | Họ và tên* | Ngày sinh* | Giới tính* (Nam/Nữ) | Dân tộc | Quê quán | Nghề nghiệp |
//   Số thẻ đảng viên | Ngày vào Đảng* | Ngày chính thức | Chi bộ* | Mã chi bộ | Chức vụ |
//   Điện thoại | Email
//
// * required. "Chi bộ" is the branch name exactly as in the org tree; when a "Mã chi bộ" cell is
// filled it wins (OrgUnit.code), which is how two branches with the same name are told apart.
// Dates are dd/mm/yyyy (also yyyy-mm-dd, and real date cells in XLSX). An empty "Ngày chính thức"
// means a probationary member. "Chức vụ" is Bí thư / Phó Bí thư / Chi ủy viên / Tổ trưởng or empty.
// A column that is absent leaves that field of existing members untouched; a present but empty
// cell clears it (except "Chức vụ": an import opens positions, it never ends them).
import type { Gender, PositionKind } from "@/lib/generated/prisma/enums";
import { foldForSearch } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";

/** The file's words: column headers (written on export) and the other headers accepted on import, genders, positions. */
const wording = messages.orgServer.rosterLayout;
const columns = wording.columns;

export type RosterField =
  | "index"
  | "fullName"
  | "birthDate"
  | "gender"
  | "ethnicity"
  | "hometown"
  | "occupation"
  | "partyCardNumber"
  | "admittedOn"
  | "officialOn"
  | "branchName"
  | "branchCode"
  | "position"
  | "phone"
  | "email";

export interface RosterColumn {
  field: RosterField;
  /** The header written on export and shown in reports. */
  header: string;
  /** Other headers accepted on import (matched after folding accents and case). */
  aliases: readonly string[];
  required: boolean;
  kind: "index" | "text" | "date" | "gender" | "position";
  /** Longest accepted value (text columns). */
  max?: number;
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: "index", header: columns.index.header, aliases: columns.index.aliases, required: false, kind: "index" },
  { field: "fullName", header: columns.fullName.header, aliases: columns.fullName.aliases, required: true, kind: "text", max: 120 },
  { field: "birthDate", header: columns.birthDate.header, aliases: columns.birthDate.aliases, required: true, kind: "date" },
  { field: "gender", header: columns.gender.header, aliases: columns.gender.aliases, required: true, kind: "gender" },
  { field: "ethnicity", header: columns.ethnicity.header, aliases: columns.ethnicity.aliases, required: false, kind: "text", max: 50 },
  { field: "hometown", header: columns.hometown.header, aliases: columns.hometown.aliases, required: false, kind: "text", max: 200 },
  { field: "occupation", header: columns.occupation.header, aliases: columns.occupation.aliases, required: false, kind: "text", max: 200 },
  { field: "partyCardNumber", header: columns.partyCardNumber.header, aliases: columns.partyCardNumber.aliases, required: false, kind: "text", max: 20 },
  { field: "admittedOn", header: columns.admittedOn.header, aliases: columns.admittedOn.aliases, required: true, kind: "date" },
  { field: "officialOn", header: columns.officialOn.header, aliases: columns.officialOn.aliases, required: false, kind: "date" },
  { field: "branchName", header: columns.branchName.header, aliases: columns.branchName.aliases, required: true, kind: "text", max: 200 },
  { field: "branchCode", header: columns.branchCode.header, aliases: columns.branchCode.aliases, required: false, kind: "text", max: 60 },
  { field: "position", header: columns.position.header, aliases: columns.position.aliases, required: false, kind: "position" },
  { field: "phone", header: columns.phone.header, aliases: columns.phone.aliases, required: false, kind: "text", max: 20 },
  { field: "email", header: columns.email.header, aliases: columns.email.aliases, required: false, kind: "text", max: 200 },
];

export const COLUMN_BY_FIELD = new Map(ROSTER_COLUMNS.map((column) => [column.field, column]));

export function headerOf(field: RosterField): string {
  return COLUMN_BY_FIELD.get(field)!.header;
}

/** Limits of one upload. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 200_000;
/** The header is looked for in this many first rows (exports often start with a title). */
export const HEADER_SEARCH_ROWS = 10;

// ─── Headers ────────────────────────────────────────────────────────────────────────────────────

/** Header text → comparable key: no accents, lower case, punctuation as spaces. */
export function headerKey(text: string): string {
  return foldForSearch(text.replace(/[*:()[\]]/g, " ").replace(/[,.;/_-]+/g, " "));
}

const FIELD_BY_HEADER = new Map<string, RosterField>();
for (const column of ROSTER_COLUMNS) {
  for (const header of [column.header, ...column.aliases]) FIELD_BY_HEADER.set(headerKey(header), column.field);
}

export function fieldOfHeader(text: string): RosterField | null {
  return FIELD_BY_HEADER.get(headerKey(text)) ?? null;
}

// ─── Values ─────────────────────────────────────────────────────────────────────────────────────

/** Text as people type it, stored NFC (the database fold only strips precomposed accents), single spaces. */
export function normalizeText(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Party card numbers are kept without spaces, upper-case: "79 012345" and "79012345" are one card. */
export function normalizeCardNumber(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

export const CARD_NUMBER_PATTERN = /^[0-9A-Z./-]{4,20}$/;
export const PHONE_PATTERN = /^\+?[0-9 .()-]{8,20}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Cells that a spreadsheet would run as a formula (CSV injection): refused on import, escaped with
 * a leading apostrophe on CSV export. "+84 912 345 678" is a phone number, not a formula.
 */
export function isFormulaLike(text: string): boolean {
  if (text === "") return false;
  const first = text[0];
  if (first === "\t" || first === "\r") return true;
  if (first !== "=" && first !== "+" && first !== "-" && first !== "@") return false;
  return !/^\+[0-9 .()-]+$/.test(text);
}

/** An apostrophe before a formula character is the spreadsheet way of saying "this is text". */
export function unescapeCell(text: string): string {
  return text.length > 1 && text[0] === "'" && isFormulaLike(text.slice(1)) ? text.slice(1) : text;
}

export function escapeCsvCell(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

export const GENDER_LABELS: Record<Gender, string> = wording.genders;

const GENDER_BY_KEY = new Map<string, Gender>([
  ["nam", "MALE"],
  ["nu", "FEMALE"],
  ["male", "MALE"],
  ["female", "FEMALE"],
]);

export function parseGender(text: string): Gender | null {
  return GENDER_BY_KEY.get(foldForSearch(text)) ?? null;
}

export const POSITION_LABELS: Record<PositionKind, string> = wording.positions;

/** Highest first: the one written on export when a member holds several. */
export const POSITION_RANK: readonly PositionKind[] = ["SECRETARY", "DEPUTY_SECRETARY", "COMMITTEE_MEMBER", "GROUP_LEADER"];

const POSITION_BY_KEY = new Map<string, PositionKind>([
  ["bi thu", "SECRETARY"],
  ["bi thu chi bo", "SECRETARY"],
  ["pho bi thu", "DEPUTY_SECRETARY"],
  ["pho bi thu chi bo", "DEPUTY_SECRETARY"],
  ["chi uy vien", "COMMITTEE_MEMBER"],
  ["uy vien chi uy", "COMMITTEE_MEMBER"],
  ["cap uy vien", "COMMITTEE_MEMBER"],
  ["to truong", "GROUP_LEADER"],
  ["to truong to dang", "GROUP_LEADER"],
]);

export function parsePosition(text: string): PositionKind | null {
  return POSITION_BY_KEY.get(foldForSearch(text)) ?? null;
}

// ─── Calendar dates (UTC midnight, as Prisma reads and writes @db.Date) ────────────────────────

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/;

export function calendarDate(year: number, month: number, day: number): Date | null {
  if (year < 1900 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** "01/02/1980", "1/2/1980", "01-02-1980", "1980-02-01" → 1 February 1980; anything else → null. */
export function parseCalendarDate(text: string): Date | null {
  const value = text.trim();
  let match = DMY.exec(value);
  if (match) return calendarDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = ISO.exec(value);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return null;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** dd/mm/yyyy of a calendar date. */
export function formatRosterDate(date: Date): string {
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

