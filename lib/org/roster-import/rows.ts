// A roster file's rows on their own (no database): each cell read, checked and turned into a
// record, or into row issues with a code (the behaviour) and the catalog's sentence (the words).
import type { Gender, PositionKind } from "@/lib/generated/prisma/enums";
import type { HeaderMap, RosterFormat, SheetRow } from "@/lib/org/roster-file";
import { CARD_NUMBER_PATTERN, COLUMN_BY_FIELD, EMAIL_PATTERN, PHONE_PATTERN, formatRosterDate, headerOf, isFormulaLike, normalizeCardNumber, normalizeText, parseCalendarDate, parseGender, parsePosition, unescapeCell, type RosterField } from "@/lib/org/roster-layout";
import { fullYears } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const wording = messages.orgServer.rosterImport;

// ─── Row values and issues ──────────────────────────────────────────────────────────────────────

export type RowIssueCode =
  | "required"
  | "formula"
  | "badDate"
  | "futureDate"
  | "officialBeforeAdmitted"
  | "ageAtAdmission"
  | "badGender"
  | "badPosition"
  | "badCard"
  | "badPhone"
  | "badEmail"
  | "badName"
  | "tooLong"
  | "unknownBranch"
  | "ambiguousBranch"
  | "branchOutsideScope"
  | "notBranch"
  | "closedBranch"
  | "duplicateCard"
  | "duplicateMember"
  | "duplicatePerson"
  | "ambiguousMember"
  | "cardOutsideScope"
  | "memberLeft"
  | "secretaryTaken"
  | "duplicateSecretary";

export interface RowIssue {
  row: number;
  /** Header of the column at fault, null for the whole row. */
  column: string | null;
  code: RowIssueCode;
  message: string;
}

export interface RowValues {
  fullName: string | null;
  birthDate: Date | null;
  gender: Gender | null;
  ethnicity: string | null;
  hometown: string | null;
  occupation: string | null;
  partyCardNumber: string | null;
  admittedOn: Date | null;
  officialOn: Date | null;
  branchName: string | null;
  branchCode: string | null;
  position: PositionKind | null;
  phone: string | null;
  email: string | null;
}

/** A row with a faulty cell: only its branch is still checked, so one report lists all its faults. */
export interface IncompleteRow {
  line: number;
  branchName: string | null;
  branchCode: string | null;
}

/** A row whose cells are all well-formed (required values present). */
export interface RosterRecord {
  line: number;
  values: RowValues & { fullName: string; birthDate: Date; gender: Gender; admittedOn: Date };
}

export function issue(row: number, field: RosterField | null, code: RowIssueCode, message: string): RowIssue {
  return { row, column: field ? headerOf(field) : null, code, message };
}

export function quote(text: string): string {
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

/**
 * Checks the cells of every data row on their own (no database): required values, formats,
 * dates, formulas, and duplicate card numbers inside the file. Rows with an issue are left out of
 * `records` and reported in `issues`.
 */
export function parseRecords(
  rows: readonly SheetRow[],
  header: HeaderMap,
  format: RosterFormat,
  today: Date,
): { records: RosterRecord[]; issues: RowIssue[]; incomplete: IncompleteRow[] } {
  const records: RosterRecord[] = [];
  const issues: RowIssue[] = [];
  const incomplete: IncompleteRow[] = [];
  const cardRows = new Map<string, number>();

  for (const row of rows) {
    const rowIssues: RowIssue[] = [];
    const add = (field: RosterField | null, code: RowIssueCode, message: string) => rowIssues.push(issue(row.line, field, code, message));

    /** The cell's text, or null when empty; formulas are refused. */
    const text = (field: RosterField): string | null => {
      const column = header.columns.get(field);
      if (column === undefined) return null;
      const cell = row.cells[column];
      if (!cell) return null;
      if (cell.formula || (format === "CSV" && isFormulaLike(cell.text))) {
        add(
          field,
          "formula",
          cell.formula
            ? wording.formulaCell
            : fill(wording.formulaLike, { char: quote(cell.text.trimStart()[0] ?? cell.text[0]!) }),
        );
        return null;
      }
      const value = normalizeText(format === "CSV" ? unescapeCell(cell.text) : cell.text);
      return value === "" ? null : value;
    };

    const date = (field: RosterField): Date | null => {
      const column = header.columns.get(field);
      const cell = column === undefined ? undefined : row.cells[column];
      if (cell?.date && !cell.formula) return cell.date;
      const value = text(field);
      if (value === null) return null;
      const parsed = parseCalendarDate(value);
      if (!parsed) add(field, "badDate", fill(wording.badDate, { value: quote(value), hint: wording.dateHint }));
      else if (parsed.getTime() > today.getTime()) {
        add(field, "futureDate", fill(wording.futureDate, { column: headerOf(field), day: formatRosterDate(parsed) }));
        return null;
      }
      return parsed;
    };

    const limited = (field: RosterField): string | null => {
      const value = text(field);
      const max = COLUMN_BY_FIELD.get(field)!.max;
      if (value !== null && max !== undefined && value.length > max) {
        add(field, "tooLong", fill(wording.tooLong, { max }));
        return null;
      }
      return value;
    };

    const fullName = limited("fullName");
    if (fullName !== null && !/\p{L}/u.test(fullName)) add("fullName", "badName", fill(wording.badName, { value: quote(fullName) }));
    const birthDate = date("birthDate");
    const genderText = text("gender");
    const gender = genderText === null ? null : parseGender(genderText);
    if (genderText !== null && gender === null) add("gender", "badGender", fill(wording.badGender, { value: quote(genderText) }));
    const ethnicity = limited("ethnicity");
    const hometown = limited("hometown");
    const occupation = limited("occupation");
    const cardText = text("partyCardNumber");
    let partyCardNumber = cardText === null ? null : normalizeCardNumber(cardText);
    if (partyCardNumber !== null && !CARD_NUMBER_PATTERN.test(partyCardNumber)) {
      add("partyCardNumber", "badCard", fill(wording.badCard, { value: quote(cardText!) }));
      partyCardNumber = null;
    }
    const admittedOn = date("admittedOn");
    const officialOn = date("officialOn");
    const branchName = limited("branchName");
    const branchCode = limited("branchCode");
    const positionText = text("position");
    const position = positionText === null ? null : parsePosition(positionText);
    if (positionText !== null && position === null) {
      add("position", "badPosition", fill(wording.badPosition, { value: quote(positionText) }));
    }
    const phone = limited("phone");
    if (phone !== null && !PHONE_PATTERN.test(phone)) add("phone", "badPhone", fill(wording.badPhone, { value: quote(phone) }));
    const emailText = limited("email");
    const email = emailText === null ? null : emailText.toLowerCase();
    if (email !== null && !EMAIL_PATTERN.test(email)) add("email", "badEmail", fill(wording.badEmail, { value: quote(emailText!) }));

    // Required values (a formula or a bad value was already reported on its own).
    const reported = new Set(rowIssues.map((entry) => entry.column));
    const require = (field: RosterField, value: unknown, label = headerOf(field)) => {
      if (value === null && !reported.has(headerOf(field))) add(field, "required", fill(wording.required, { label: label.toLowerCase() }));
    };
    require("fullName", fullName, wording.fullNameLabel);
    require("birthDate", birthDate);
    require("gender", gender);
    require("admittedOn", admittedOn, wording.admittedOnLabel);
    if (branchName === null && branchCode === null && !reported.has(headerOf("branchName")) && !reported.has(headerOf("branchCode"))) {
      add(header.columns.has("branchName") ? "branchName" : "branchCode", "required", wording.branchRequired);
    }

    if (birthDate && admittedOn) {
      const age = fullYears(birthDate, admittedOn);
      if (age < 18) add("birthDate", "ageAtAdmission", wording.under18);
      else if (age > 100) add("birthDate", "ageAtAdmission", wording.over100);
    }
    if (admittedOn && officialOn && officialOn.getTime() < admittedOn.getTime()) {
      add(
        "officialOn",
        "officialBeforeAdmitted",
        fill(wording.officialBeforeAdmitted, { official: formatRosterDate(officialOn), admitted: formatRosterDate(admittedOn) }),
      );
    }

    if (partyCardNumber !== null) {
      const first = cardRows.get(partyCardNumber);
      if (first !== undefined) {
        add("partyCardNumber", "duplicateCard", fill(wording.duplicateCard, { card: partyCardNumber, line: first }));
      } else {
        cardRows.set(partyCardNumber, row.line);
      }
    }

    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      if (branchName !== null || branchCode !== null) incomplete.push({ line: row.line, branchName, branchCode });
      continue;
    }
    records.push({
      line: row.line,
      values: {
        fullName: fullName!,
        birthDate: birthDate!,
        gender: gender!,
        ethnicity,
        hometown,
        occupation,
        partyCardNumber,
        admittedOn: admittedOn!,
        officialOn,
        branchName,
        branchCode,
        position,
        phone,
        email,
      },
    });
  }
  return { records, issues, incomplete };
}
