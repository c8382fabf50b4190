// Roster import: upload → dry run (every row parsed and checked, nothing written to the roster, the
// file and its report stored as a MemberImport) → confirm → apply (the stored file parsed and
// planned again inside one transaction; refused if the plan differs from the dry run's; then all
// rows written in bulk, all or nothing).
//
// Matching: a row is the member with the same party card number; a row whose card is unknown (or
// empty) is the member without a card who has the same full name and date of birth in the scope,
// if exactly one does (probationary members have no card yet); otherwise it creates a member.
// Empty cells keep what is stored (an import fills and corrects, it never erases: clearing a value
// is done on the member's page), so re-importing a file, or importing our own export, changes nothing.
//
// Audit: the dry run records "memberImport.validate"; the apply records one "memberImport.apply"
// entry with the counts (members created by an import are not audited one by one: 100,000 rows
// of "created" would bury the trail, and the stored file plus the import id say exactly what was
// created) and one "member.update" / "member.transfer" entry per changed member, with before/after.
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, isUniqueViolation, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Gender, ImportFormat, ImportStatus, MemberStatus, OrgUnitKind, PositionKind } from "@/lib/generated/prisma/enums";
import { foldForSearch } from "@/lib/i18n/format";
import { isInSubtree } from "@/lib/domain/org-path";
import { RosterFileError, locateHeader, readRows, sniffFormat, type HeaderMap, type RosterFormat, type SheetRow } from "@/lib/org/roster-file";
import { CARD_NUMBER_PATTERN, COLUMN_BY_FIELD, EMAIL_PATTERN, GENDER_LABELS, MAX_ROWS, PHONE_PATTERN, POSITION_LABELS, formatRosterDate, headerOf, isFormulaLike, normalizeCardNumber, normalizeText, parseCalendarDate, parseGender, parsePosition, unescapeCell, type RosterField } from "@/lib/org/roster-layout";
import { addDays, fullYears, isoDay, todayInVietnam } from "@/lib/time/days";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";

const wording = messages.orgServer.rosterImport;

export { RosterFileError } from "@/lib/org/roster-file";

/** Units that hold meetings: the only homes a member can have. */

/** Stored report: at most this many row issues and listed changes (counts are always complete). */
export const REPORT_DETAIL_LIMIT = 1000;
/** One statement writes at most this many rows (keeps parameter arrays and memory moderate). */
const WRITE_CHUNK = 5000;
/** Reads of existing members go by this many card numbers at a time (progress in between). */
const READ_CHUNK = 20_000;
/** Applying 100,000 rows takes well over a request's 15 s transaction budget. */
export const APPLY_TIMEOUT_MS = 10 * 60_000;
const DRY_RUN_TIMEOUT_MS = 5 * 60_000;

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

function issue(row: number, field: RosterField | null, code: RowIssueCode, message: string): RowIssue {
  return { row, column: field ? headerOf(field) : null, code, message };
}

function quote(text: string): string {
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

// ─── What is in the database (read once per dry run / apply) ────────────────────────────────────

export interface UnitInfo {
  id: string;
  name: string;
  code: string | null;
  kind: OrgUnitKind;
  path: string;
  activeTo: Date | null;
}

export interface ExistingMember {
  id: string;
  version: number;
  branchId: string;
  branchPath: string;
  fullName: string;
  gender: Gender;
  birthDate: Date;
  partyCardNumber: string | null;
  admittedOn: Date;
  officialOn: Date | null;
  status: MemberStatus;
  ethnicity: string | null;
  hometown: string | null;
  occupation: string | null;
  phone: string | null;
  email: string | null;
  endedOn: Date | null;
}

export interface RosterSnapshot {
  scopePath: string;
  today: Date;
  units: readonly UnitInfo[];
  membersByCard: ReadonlyMap<string, ExistingMember>;
  /** Members without a card, by personKey (folded name + birth date). */
  cardless: ReadonlyMap<string, readonly ExistingMember[]>;
  /** Open positions (term not ended by today) of the members above. */
  positions: ReadonlyMap<string, readonly { kind: PositionKind; orgUnitId: string }[]>;
  /** Current secretary of each org unit that has one. */
  secretaries: ReadonlyMap<string, { memberId: string; fullName: string }>;
}

function personKey(fullName: string, birthDate: Date): string {
  return `${foldForSearch(fullName)}|${isoDay(birthDate)}`;
}

// ─── Planning (pure) ────────────────────────────────────────────────────────────────────────────

/** The member fields an import writes. */
export interface MemberValues {
  fullName: string;
  gender: Gender;
  birthDate: Date;
  partyCardNumber: string | null;
  admittedOn: Date;
  officialOn: Date | null;
  status: MemberStatus;
  ethnicity: string | null;
  hometown: string | null;
  occupation: string | null;
  phone: string | null;
  email: string | null;
  branchId: string;
}

export interface FieldChange {
  column: string;
  from: string | null;
  to: string | null;
}

interface CreateRow {
  line: number;
  action: "create";
  id: string;
  values: MemberValues;
  branch: UnitInfo;
  position: PositionKind | null;
}

interface UpdateRow {
  line: number;
  action: "update";
  member: ExistingMember;
  values: MemberValues;
  branch: UnitInfo;
  changes: FieldChange[];
  transfer: boolean;
  /** A position to open in the (new) branch. */
  position: PositionKind | null;
}

interface UnchangedRow {
  line: number;
  action: "unchanged";
  member: ExistingMember;
}

export type PlannedRow = CreateRow | UpdateRow | UnchangedRow;

export interface ImportPlan {
  rows: PlannedRow[];
  issues: RowIssue[];
  counts: { rows: number; create: number; update: number; unchanged: number; error: number };
  /** Fingerprint of what the plan would write, and of the version of every member it touches. */
  hash: string;
}

const MEMBER_FIELDS = [
  ["fullName", "fullName"],
  ["birthDate", "birthDate"],
  ["gender", "gender"],
  ["ethnicity", "ethnicity"],
  ["hometown", "hometown"],
  ["occupation", "occupation"],
  ["partyCardNumber", "partyCardNumber"],
  ["admittedOn", "admittedOn"],
  ["officialOn", "officialOn"],
  ["phone", "phone"],
  ["email", "email"],
] as const satisfies readonly (readonly [keyof MemberValues, RosterField])[];

function display(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return formatRosterDate(value);
  if (value === "MALE" || value === "FEMALE") return GENDER_LABELS[value];
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function holds(positions: readonly { kind: PositionKind; orgUnitId: string }[] | undefined, kind: PositionKind, unitId: string): boolean {
  return positions?.some((position) => position.kind === kind && position.orgUnitId === unitId) ?? false;
}

interface UnitIndex {
  byName: Map<string, UnitInfo[]>;
  byFoldedName: Map<string, UnitInfo[]>;
  byCode: Map<string, UnitInfo[]>;
}

function indexUnits(units: readonly UnitInfo[]): UnitIndex {
  const index: UnitIndex = { byName: new Map(), byFoldedName: new Map(), byCode: new Map() };
  const push = (map: Map<string, UnitInfo[]>, key: string, unit: UnitInfo) => {
    const list = map.get(key);
    if (list) list.push(unit);
    else map.set(key, [unit]);
  };
  for (const unit of units) {
    push(index.byName, normalizeText(unit.name), unit);
    push(index.byFoldedName, foldForSearch(unit.name), unit);
    if (unit.code) push(index.byCode, foldForSearch(unit.code), unit);
  }
  return index;
}

/** The branch a row names, or the issue that says why it cannot be used. */
function resolveBranch(
  record: { line: number; branchName: string | null; branchCode: string | null },
  index: UnitIndex,
  scopePath: string,
  today: Date,
): { branch: UnitInfo; closedIssue: RowIssue | null } | { issue: RowIssue } {
  const { branchName, branchCode } = record;
  const fail = (field: RosterField, code: RowIssueCode, message: string) => ({ issue: issue(record.line, field, code, message) });
  let field: RosterField;
  let candidates: UnitInfo[];
  let label: string;
  if (branchCode !== null) {
    field = "branchCode";
    label = fill(wording.codeLabel, { code: quote(branchCode) });
    candidates = index.byCode.get(foldForSearch(branchCode)) ?? [];
    if (candidates.length === 0) return fail(field, "unknownBranch", fill(wording.unknownCode, { label }));
  } else {
    field = "branchName";
    label = quote(branchName!);
    candidates = index.byName.get(branchName!) ?? [];
    // Case, accents or spacing typed differently: accepted when it points at one unit in scope.
    if (candidates.length === 0) {
      const folded = (index.byFoldedName.get(foldForSearch(branchName!)) ?? []).filter((unit) => isInSubtree(unit.path, scopePath));
      if (folded.length === 1) candidates = folded;
    }
    if (candidates.length === 0) {
      return fail(field, "unknownBranch", fill(wording.unknownName, { label }));
    }
  }
  const inScope = candidates.filter((unit) => isInSubtree(unit.path, scopePath));
  if (inScope.length === 0) return fail(field, "branchOutsideScope", fill(wording.branchOutsideScope, { label }));
  if (inScope.length > 1) {
    return fail(field, "ambiguousBranch", branchCode !== null ? fill(wording.ambiguousCode, { count: inScope.length, value: quote(branchCode) }) : fill(wording.ambiguousName, { count: inScope.length, value: label }));
  }
  const branch = inScope[0]!;
  if (!BRANCH_UNIT_KINDS.includes(branch.kind)) {
    return fail(field, "notBranch", fill(wording.notBranch, { name: quote(branch.name) }));
  }
  // A closed branch takes no one new; members still listed there are reported as they are.
  const closedIssue =
    branch.activeTo && branch.activeTo.getTime() < today.getTime()
      ? issue(record.line, field, "closedBranch", fill(wording.closedBranch, { name: quote(branch.name), day: formatRosterDate(addDays(branch.activeTo, 1)) }))
      : null;
  return { branch, closedIssue };
}

/**
 * Decides, for every well-formed record, whether it creates a member, updates one (and which
 * fields), or changes nothing; and reports the rows that cannot be applied. Pure: the database
 * state comes in the snapshot, so the dry run and the apply compute the same plan from the same data.
 */
export function planImport(
  records: readonly RosterRecord[],
  parseIssues: readonly RowIssue[],
  snapshot: RosterSnapshot,
  options: { rowCount: number; incomplete?: readonly IncompleteRow[]; newId?: () => string } = { rowCount: records.length },
): ImportPlan {
  const newId = options.newId ?? randomUUID;
  const index = indexUnits(snapshot.units);
  const issues: RowIssue[] = [...parseIssues];
  const rows: PlannedRow[] = [];
  const matchedRows = new Map<string, number>();
  const personRows = new Map<string, number>();
  const secretaryRows = new Map<string, number>();

  for (const row of options.incomplete ?? []) {
    const resolved = resolveBranch({ line: row.line, branchName: row.branchName, branchCode: row.branchCode }, index, snapshot.scopePath, snapshot.today);
    if ("issue" in resolved) issues.push(resolved.issue);
    else if (resolved.closedIssue) issues.push(resolved.closedIssue);
  }

  for (const record of records) {
    const v = record.values;
    const rowIssues: RowIssue[] = [];
    const add = (field: RosterField | null, code: RowIssueCode, message: string) => rowIssues.push(issue(record.line, field, code, message));

    const resolved = resolveBranch({ line: record.line, branchName: v.branchName, branchCode: v.branchCode }, index, snapshot.scopePath, snapshot.today);
    const branch = "branch" in resolved ? resolved.branch : null;
    if ("issue" in resolved) rowIssues.push(resolved.issue);

    // Who the row is.
    let member: ExistingMember | null = null;
    const byCard = v.partyCardNumber !== null ? snapshot.membersByCard.get(v.partyCardNumber) : undefined;
    if (byCard) {
      if (!isInSubtree(byCard.branchPath, snapshot.scopePath)) {
        add("partyCardNumber", "cardOutsideScope", fill(wording.cardOutsideScope, { card: v.partyCardNumber! }));
      } else if (byCard.endedOn) {
        add("partyCardNumber", "memberLeft", fill(wording.memberLeft, { card: v.partyCardNumber!, name: byCard.fullName, day: formatRosterDate(byCard.endedOn) }));
      } else {
        member = byCard;
      }
    } else {
      const key = personKey(v.fullName, v.birthDate);
      const candidates = (snapshot.cardless.get(key) ?? []).filter(
        (candidate) => isInSubtree(candidate.branchPath, snapshot.scopePath) && normalizeText(candidate.fullName) === v.fullName,
      );
      if (candidates.length > 1) {
        add(null, "ambiguousMember", fill(wording.ambiguousMember, { count: candidates.length, name: v.fullName, day: formatRosterDate(v.birthDate) }));
      } else if (candidates.length === 1) {
        member = candidates[0]!;
      } else if (v.partyCardNumber === null && rowIssues.length === 0) {
        // Two new people without a card and with the same name and birth date are most likely one.
        const first = personRows.get(key);
        if (first !== undefined) add(null, "duplicatePerson", fill(wording.duplicatePerson, { line: first }));
        else personRows.set(key, record.line);
      }
    }
    if (member) {
      const first = matchedRows.get(member.id);
      if (first !== undefined) add(null, "duplicateMember", fill(wording.duplicateMember, { line: first, name: member.fullName }));
      else matchedRows.set(member.id, record.line);
    }

    if (branch && "closedIssue" in resolved && resolved.closedIssue && member?.branchId !== branch.id) rowIssues.push(resolved.closedIssue);

    // A branch has one secretary at a time.
    if (v.position === "SECRETARY" && branch) {
      const first = secretaryRows.get(branch.id);
      const holder = snapshot.secretaries.get(branch.id);
      if (first !== undefined) {
        add("position", "duplicateSecretary", fill(wording.duplicateSecretary, { line: first, branch: branch.name }));
      } else if (holder && holder.memberId !== member?.id) {
        add("position", "secretaryTaken", fill(wording.secretaryTaken, { branch: branch.name, name: holder.fullName }));
      } else {
        secretaryRows.set(branch.id, record.line);
      }
    }

    // Empty cells keep the stored value; the merged record must still be consistent.
    const officialOn = v.officialOn ?? member?.officialOn ?? null;
    if (member && !v.officialOn && officialOn && officialOn.getTime() < v.admittedOn.getTime()) {
      add("admittedOn", "officialBeforeAdmitted", fill(wording.admittedAfterOfficial, { admitted: formatRosterDate(v.admittedOn), official: formatRosterDate(officialOn) }));
    }

    if (rowIssues.length > 0 || !branch) {
      issues.push(...rowIssues);
      continue;
    }

    const values: MemberValues = {
      fullName: v.fullName,
      gender: v.gender,
      birthDate: v.birthDate,
      partyCardNumber: v.partyCardNumber ?? member?.partyCardNumber ?? null,
      admittedOn: v.admittedOn,
      officialOn,
      status: officialOn ? "OFFICIAL" : "PROBATIONARY",
      ethnicity: v.ethnicity ?? member?.ethnicity ?? null,
      hometown: v.hometown ?? member?.hometown ?? null,
      occupation: v.occupation ?? member?.occupation ?? null,
      phone: v.phone ?? member?.phone ?? null,
      email: v.email ?? member?.email ?? null,
      branchId: branch.id,
    };

    if (!member) {
      rows.push({ line: record.line, action: "create", id: newId(), values, branch, position: v.position });
      continue;
    }
    const changes: FieldChange[] = [];
    for (const [key, field] of MEMBER_FIELDS) {
      if (!same(member[key], values[key])) changes.push({ column: headerOf(field), from: display(member[key]), to: display(values[key]) });
    }
    const transfer = member.branchId !== branch.id;
    if (transfer) {
      const from = snapshot.units.find((unit) => unit.id === member.branchId);
      changes.push({ column: headerOf("branchName"), from: from?.name ?? null, to: branch.name });
    }
    const position = v.position !== null && !holds(transfer ? undefined : snapshot.positions.get(member.id), v.position, branch.id) ? v.position : null;
    if (position) changes.push({ column: headerOf("position"), from: null, to: POSITION_LABELS[position] });
    if (changes.length === 0) rows.push({ line: record.line, action: "unchanged", member });
    else rows.push({ line: record.line, action: "update", member, values, branch, changes, transfer, position });
  }

  issues.sort((a, b) => a.row - b.row);
  const errorRows = new Set(issues.map((entry) => entry.row)).size;
  const count = (action: PlannedRow["action"]) => rows.filter((row) => row.action === action).length;
  return {
    rows,
    issues,
    counts: { rows: options.rowCount, create: count("create"), update: count("update"), unchanged: count("unchanged"), error: errorRows },
    hash: planHash(rows, issues),
  };
}

/** Same file + same database state ⇒ same hash; any member touched since (version) changes it. */
function planHash(rows: readonly PlannedRow[], issues: readonly RowIssue[]): string {
  const hash = createHash("sha256");
  for (const row of rows) {
    if (row.action === "create") {
      hash.update(`${row.line}|c|${row.values.branchId}|${row.position ?? ""}\n`);
    } else if (row.action === "update") {
      hash.update(`${row.line}|u|${row.member.id}|${row.member.version}|${row.values.branchId}|${JSON.stringify(row.changes)}\n`);
    } else {
      hash.update(`${row.line}|=|${row.member.id}|${row.member.version}\n`);
    }
  }
  for (const entry of issues) hash.update(`${entry.row}|!|${entry.code}|${entry.column ?? ""}\n`);
  return hash.digest("hex");
}

// ─── Reading the snapshot ───────────────────────────────────────────────────────────────────────

interface MemberSqlRow {
  id: string;
  version: number;
  branchId: string;
  branchPath: string;
  fullName: string;
  gender: Gender;
  birthDate: Date;
  partyCardNumber: string | null;
  admittedOn: Date;
  officialOn: Date | null;
  status: MemberStatus;
  ethnicity: string | null;
  hometown: string | null;
  occupation: string | null;
  phone: string | null;
  email: string | null;
  endedOn: Date | null;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function loadSnapshot(
  tx: Tx,
  tenantId: string,
  scopePath: string,
  records: readonly RosterRecord[],
  today: Date,
  onProgress?: (done: number) => void,
): Promise<RosterSnapshot> {
  const units = await tx.orgUnit.findMany({
    where: { tenantId },
    select: { id: true, name: true, code: true, kind: true, path: true, activeTo: true },
  });

  const membersByCard = new Map<string, ExistingMember>();
  const cardless = new Map<string, ExistingMember[]>();
  const cards = records.flatMap((record) => (record.values.partyCardNumber !== null ? [record.values.partyCardNumber] : []));
  // Progress counts lookups: every card, then every row that no card matched.
  let looked = 0;
  const step = (count: number, expected: number) => {
    looked += count;
    onProgress?.(Math.min(records.length, Math.round((looked / Math.max(expected, 1)) * records.length)));
  };
  for (const batch of chunks(cards, READ_CHUNK)) {
    const found = await tx.$queryRaw<MemberSqlRow[]>`
      SELECT m."id", m."version", m."branchId", u."path" AS "branchPath", m."fullName", m."gender"::text AS "gender",
             m."birthDate", m."partyCardNumber", m."admittedOn", m."officialOn", m."status"::text AS "status",
             m."ethnicity", m."hometown", m."occupation", m."phone", m."email", m."endedOn"
      FROM "Member" m JOIN "OrgUnit" u ON u."tenantId" = m."tenantId" AND u."id" = m."branchId"
      WHERE m."tenantId" = ${tenantId}::uuid AND m."partyCardNumber" = ANY(${batch}::text[])`;
    for (const row of found) membersByCard.set(row.partyCardNumber!, row);
    step(batch.length, cards.length + records.length);
  }

  // Rows without a known card may be a member who has no card yet (same name and birth date).
  const unmatched = records.filter((record) => record.values.partyCardNumber === null || !membersByCard.has(record.values.partyCardNumber));
  const expected = cards.length + unmatched.length;
  looked = cards.length;
  step(0, expected);
  for (const batch of chunks(unmatched, READ_CHUNK)) {
    const names = batch.map((record) => foldForSearch(record.values.fullName));
    const births = batch.map((record) => isoDay(record.values.birthDate));
    const found = await tx.$queryRaw<MemberSqlRow[]>`
      SELECT m."id", m."version", m."branchId", u."path" AS "branchPath", m."fullName", m."gender"::text AS "gender",
             m."birthDate", m."partyCardNumber", m."admittedOn", m."officialOn", m."status"::text AS "status",
             m."ethnicity", m."hometown", m."occupation", m."phone", m."email", m."endedOn"
      FROM "Member" m JOIN "OrgUnit" u ON u."tenantId" = m."tenantId" AND u."id" = m."branchId"
      WHERE m."tenantId" = ${tenantId}::uuid AND m."partyCardNumber" IS NULL AND m."endedOn" IS NULL
        AND (m."searchName", m."birthDate") IN (SELECT * FROM unnest(${names}::text[], ${births}::date[]))`;
    for (const row of found) {
      const key = personKey(row.fullName, row.birthDate);
      const list = cardless.get(key);
      if (!list) cardless.set(key, [row]);
      else if (!list.some((existing) => existing.id === row.id)) list.push(row);
    }
    step(batch.length, expected);
  }

  const memberIds = [...membersByCard.values(), ...[...cardless.values()].flat()].map((member) => member.id);
  const positions = new Map<string, { kind: PositionKind; orgUnitId: string }[]>();
  for (const batch of chunks(memberIds, READ_CHUNK)) {
    const found = await tx.$queryRaw<{ memberId: string; orgUnitId: string; kind: PositionKind }[]>`
      SELECT "memberId", "orgUnitId", "kind"::text AS "kind" FROM "Position"
      WHERE "tenantId" = ${tenantId}::uuid AND "memberId" = ANY(${batch}::uuid[])
        AND ("termTo" IS NULL OR "termTo" >= ${isoDay(today)}::date) AND "termFrom" <= ${isoDay(today)}::date`;
    for (const row of found) {
      const list = positions.get(row.memberId);
      if (list) list.push(row);
      else positions.set(row.memberId, [row]);
    }
  }
  const secretaryRows = records.some((record) => record.values.position === "SECRETARY")
    ? await tx.$queryRaw<{ orgUnitId: string; memberId: string; fullName: string }[]>`
        SELECT p."orgUnitId", p."memberId", m."fullName" FROM "Position" p
        JOIN "Member" m ON m."tenantId" = p."tenantId" AND m."id" = p."memberId"
        WHERE p."tenantId" = ${tenantId}::uuid AND p."kind" = 'SECRETARY'
          AND (p."termTo" IS NULL OR p."termTo" >= ${isoDay(today)}::date)`
    : [];
  const secretaries = new Map(secretaryRows.map((row) => [row.orgUnitId, { memberId: row.memberId, fullName: row.fullName }]));
  onProgress?.(records.length);
  return { scopePath, today, units, membersByCard, cardless, positions, secretaries };
}

// ─── Scope and access ───────────────────────────────────────────────────────────────────────────

export interface ScopeUnit {
  id: string;
  name: string;
  path: string;
}

/** The units whose subtree the user may import into / export from (their member.manage grants). */
export async function listRosterScopes(user: Principal): Promise<ScopeUnit[]> {
  const roots = scopeRoots(user, "member.manage");
  if (roots.length === 0) return [];
  const units = await withTenant(user.tenantId, (tx) =>
    tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, id: { in: roots.map((root) => root.orgUnitId) } },
      select: { id: true, name: true, path: true },
    }),
  );
  return units.filter((unit) => authorize(user, "member.manage", unit)).sort((a, b) => a.path.length - b.path.length || a.name.localeCompare(b.name, "vi"));
}

/**
 * The scope unit of an import: the one named (it must be in the user's member.manage subtrees,
 * else 404), or the user's only scope root.
 */
async function resolveScope(tx: Tx, user: Principal, scopeUnitId: string | null | undefined): Promise<ScopeUnit> {
  const roots = scopeRoots(user, "member.manage");
  if (roots.length === 0) throw new ForbiddenError();
  if (!scopeUnitId) {
    if (roots.length > 1) throw new ValidationError(wording.scopeRequired, { scopeUnitId: [wording.scopeField] });
    scopeUnitId = roots[0]!.orgUnitId;
  }
  if (!isUuid(scopeUnitId)) throw new NotFoundError();
  const unit = await tx.orgUnit.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: scopeUnitId } },
    select: { id: true, name: true, path: true },
  });
  if (!unit || !authorize(user, "member.manage", unit)) throw new NotFoundError();
  return unit;
}

/** The scope an upload would use, checked before any file is read (404 / 403 as resolveScope). */
export async function checkImportScope(user: Principal, scopeUnitId: string | null | undefined): Promise<ScopeUnit> {
  return withTenant(user.tenantId, (tx) => resolveScope(tx, user, scopeUnitId));
}

// ─── Report ─────────────────────────────────────────────────────────────────────────────────────

const reportSchema = z.object({
  v: z.literal(1),
  planHash: z.string(),
  headerRow: z.number(),
  columns: z.array(z.string()),
  ignoredColumns: z.array(z.string()),
  issues: z.array(z.object({ row: z.number(), column: z.string().nullable(), code: z.string(), message: z.string() })),
  issuesTruncated: z.boolean(),
  changes: z.array(
    z.object({
      row: z.number(),
      fullName: z.string(),
      changes: z.array(z.object({ column: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    }),
  ),
  creates: z.array(z.object({ row: z.number(), fullName: z.string(), branch: z.string() })),
  /** When a file with the same content was applied before. */
  sameFileAppliedAt: z.string().nullable(),
  applied: z
    .object({ created: z.number(), updated: z.number(), transferred: z.number(), positions: z.number(), at: z.string() })
    .nullable(),
});

export type ImportReport = z.infer<typeof reportSchema>;

function buildReport(plan: ImportPlan, header: HeaderMap, sameFileAppliedAt: Date | null): ImportReport {
  const changes: ImportReport["changes"] = [];
  const creates: ImportReport["creates"] = [];
  for (const row of plan.rows) {
    if (row.action === "update" && changes.length < REPORT_DETAIL_LIMIT) {
      changes.push({ row: row.line, fullName: row.values.fullName, changes: row.changes });
    } else if (row.action === "create" && creates.length < REPORT_DETAIL_LIMIT) {
      creates.push({ row: row.line, fullName: row.values.fullName, branch: row.branch.name });
    }
  }
  return {
    v: 1,
    planHash: plan.hash,
    headerRow: header.line,
    columns: [...header.columns.keys()].map(headerOf),
    ignoredColumns: header.ignored,
    issues: plan.issues.slice(0, REPORT_DETAIL_LIMIT).map((entry) => ({ ...entry })),
    issuesTruncated: plan.issues.length > REPORT_DETAIL_LIMIT,
    changes,
    creates,
    sameFileAppliedAt: sameFileAppliedAt ? sameFileAppliedAt.toISOString() : null,
    applied: null,
  };
}

export function parseReport(value: unknown): ImportReport | null {
  const parsed = reportSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// ─── Dry run ────────────────────────────────────────────────────────────────────────────────────

export type ImportPhase = "reading" | "parsed" | "validated" | "saving" | "applying";

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number | null;
}

export const dryRunInputSchema = z.object({
  fileName: z
    .string({ error: wording.fileRequired })
    .transform((name) => normalizeText(name.split(/[\\/]/).pop() ?? ""))
    .pipe(z.string().min(1, wording.fileRequired).max(255, wording.fileNameTooLong)),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: wording.fileRequired }),
  scopeUnitId: z.string().nullish(),
});

export type DryRunInput = z.input<typeof dryRunInputSchema>;

export interface ImportSummary {
  id: string;
  fileName: string;
  format: ImportFormat;
  status: ImportStatus;
  scopeUnitId: string;
  scopeName: string;
  rowCount: number;
  createCount: number;
  updateCount: number;
  unchangedCount: number;
  errorCount: number;
  createdAt: Date;
  appliedAt: Date | null;
}

export interface ContextOptions {
  /** The moment of the operation (tests pin it); "today" is its calendar day in Vietnam. */
  now?: Date;
  requestId?: string | null;
  onProgress?: (progress: ImportProgress) => void;
}

interface PreparedFile {
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

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const summarySelect = {
  id: true,
  fileName: true,
  format: true,
  status: true,
  scopeUnitId: true,
  rowCount: true,
  createCount: true,
  updateCount: true,
  unchangedCount: true,
  errorCount: true,
  createdAt: true,
  appliedAt: true,
} as const;

/**
 * Upload → dry run: parses and checks every row against the roster, stores the file and the report
 * (status VALIDATED) and writes nothing else. File-level faults throw RosterFileError and store nothing.
 */
export async function dryRunImport(user: Principal, input: DryRunInput, options: ContextOptions = {}): Promise<ImportSummary & { report: ImportReport }> {
  const data = dryRunInputSchema.parse(input);
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  const progress = options.onProgress;
  const scope = await withTenant(user.tenantId, (tx) => resolveScope(tx, user, data.scopeUnitId));
  progress?.({ phase: "reading", done: 0, total: null });
  const file = await prepareFile(data.bytes, today, progress);
  const fileSha256 = sha256(data.bytes);

  const { plan, sameFileAppliedAt } = await withTenant(
    user.tenantId,
    async (tx) => {
      const snapshot = await loadSnapshot(tx, user.tenantId, scope.path, file.records, today, (done) =>
        progress?.({ phase: "validated", done, total: file.records.length }),
      );
      const plan = planImport(file.records, file.parseIssues, snapshot, { rowCount: file.rowCount, incomplete: file.incomplete });
      const previous = await tx.memberImport.findFirst({
        where: { tenantId: user.tenantId, fileSha256, status: "APPLIED" },
        orderBy: { appliedAt: "desc" },
        select: { appliedAt: true },
      });
      return { plan, sameFileAppliedAt: previous?.appliedAt ?? null };
    },
    { timeout: DRY_RUN_TIMEOUT_MS },
  );

  progress?.({ phase: "saving", done: 0, total: null });
  const report = buildReport(plan, file.header, sameFileAppliedAt);
  const id = randomUUID();
  const created = await withTenant(
    user.tenantId,
    async (tx) => {
      const row = await tx.memberImport.create({
        data: {
          tenantId: user.tenantId,
          id,
          createdById: user.id,
          scopeUnitId: scope.id,
          fileName: data.fileName,
          fileSha256,
          format: file.format,
          // A copy backed by a plain ArrayBuffer (what Prisma's Bytes type takes).
          content: new Uint8Array(data.bytes),
          status: "VALIDATED",
          rowCount: plan.counts.rows,
          createCount: plan.counts.create,
          updateCount: plan.counts.update,
          unchangedCount: plan.counts.unchanged,
          errorCount: plan.counts.error,
          report,
        },
        select: summarySelect,
      });
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "memberImport.validate",
        entityType: "MemberImport",
        entityId: id,
        after: { fileName: data.fileName, fileSha256, scopeUnitId: scope.id, ...plan.counts },
        requestId: options.requestId ?? null,
      });
      return row;
    },
    { timeout: 60_000 },
  );
  return { ...created, scopeName: scope.name, report };
}

// ─── Apply ──────────────────────────────────────────────────────────────────────────────────────

export interface ApplyResult {
  id: string;
  created: number;
  updated: number;
  transferred: number;
  positions: number;
  unchanged: number;
}

async function loadImportForUser(tx: Tx, user: Principal, importId: string, lock: boolean) {
  if (!isUuid(importId)) throw new NotFoundError();
  if (lock) {
    // Two confirmations of one import run one after the other; the second sees APPLIED.
    await tx.$queryRaw`SELECT 1 FROM "MemberImport" WHERE "tenantId" = ${user.tenantId}::uuid AND "id" = ${importId}::uuid FOR UPDATE`;
  }
  const row = await tx.memberImport.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: importId } },
    select: { ...summarySelect, fileSha256: true, report: true },
  });
  if (!row) throw new NotFoundError();
  const scope = await tx.orgUnit.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: row.scopeUnitId } },
    select: { id: true, name: true, path: true },
  });
  if (!scope || !authorize(user, "member.manage", scope)) throw new NotFoundError();
  return { row, scope };
}

function dateText(date: Date | null): string | null {
  return date ? isoDay(date) : null;
}

async function insertMembers(tx: Tx, tenantId: string, rows: readonly CreateRow[]): Promise<void> {
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    const col = <T>(pick: (row: CreateRow) => T) => batch.map(pick);
    await tx.$executeRaw`
      INSERT INTO "Member" ("tenantId", "id", "branchId", "fullName", "gender", "birthDate", "partyCardNumber", "admittedOn",
                            "officialOn", "status", "ethnicity", "hometown", "occupation", "phone", "email", "updatedAt")
      SELECT ${tenantId}::uuid, t.id, t.branch, t.name, t.gender::"Gender", t.birth, t.card, t.admitted, t.official,
             t.status::"MemberStatus", t.ethnicity, t.hometown, t.occupation, t.phone, t.email, now()
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.values.branchId)}::uuid[], ${col((r) => r.values.fullName)}::text[],
                  ${col((r) => r.values.gender)}::text[], ${col((r) => isoDay(r.values.birthDate))}::date[],
                  ${col((r) => r.values.partyCardNumber)}::text[], ${col((r) => isoDay(r.values.admittedOn))}::date[],
                  ${col((r) => dateText(r.values.officialOn))}::date[], ${col((r) => r.values.status)}::text[],
                  ${col((r) => r.values.ethnicity)}::text[], ${col((r) => r.values.hometown)}::text[],
                  ${col((r) => r.values.occupation)}::text[], ${col((r) => r.values.phone)}::text[], ${col((r) => r.values.email)}::text[])
        AS t(id, branch, name, gender, birth, card, admitted, official, status, ethnicity, hometown, occupation, phone, email)`;
    // History starts with admission: the branch is the only one we know of.
    await tx.$executeRaw`
      INSERT INTO "BranchMembership" ("tenantId", "id", "memberId", "branchId", "validFrom", "note")
      SELECT ${tenantId}::uuid, gen_random_uuid(), t.id, t.branch, t.admitted, ${wording.createdNote}::text
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.values.branchId)}::uuid[], ${col((r) => isoDay(r.values.admittedOn))}::date[])
        AS t(id, branch, admitted)`;
  }
}

async function updateMembers(tx: Tx, tenantId: string, rows: readonly UpdateRow[]): Promise<void> {
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    const col = <T>(pick: (row: UpdateRow) => T) => batch.map(pick);
    // The version guard: a member changed by someone else since the plan was made is not overwritten.
    const count = await tx.$executeRaw`
      UPDATE "Member" m SET "fullName" = t.name, "gender" = t.gender::"Gender", "birthDate" = t.birth, "partyCardNumber" = t.card,
             "admittedOn" = t.admitted, "officialOn" = t.official, "status" = t.status::"MemberStatus", "ethnicity" = t.ethnicity,
             "hometown" = t.hometown, "occupation" = t.occupation, "phone" = t.phone, "email" = t.email, "branchId" = t.branch,
             "version" = m."version" + 1, "updatedAt" = now()
      FROM unnest(${col((r) => r.member.id)}::uuid[], ${col((r) => r.member.version)}::int[], ${col((r) => r.values.branchId)}::uuid[],
                  ${col((r) => r.values.fullName)}::text[], ${col((r) => r.values.gender)}::text[], ${col((r) => isoDay(r.values.birthDate))}::date[],
                  ${col((r) => r.values.partyCardNumber)}::text[], ${col((r) => isoDay(r.values.admittedOn))}::date[],
                  ${col((r) => dateText(r.values.officialOn))}::date[], ${col((r) => r.values.status)}::text[],
                  ${col((r) => r.values.ethnicity)}::text[], ${col((r) => r.values.hometown)}::text[],
                  ${col((r) => r.values.occupation)}::text[], ${col((r) => r.values.phone)}::text[], ${col((r) => r.values.email)}::text[])
        AS t(id, version, branch, name, gender, birth, card, admitted, official, status, ethnicity, hometown, occupation, phone, email)
      WHERE m."tenantId" = ${tenantId}::uuid AND m."id" = t.id AND m."version" = t.version`;
    if (count !== batch.length) throw staleError();
  }
}

/** Branch changes: the open membership ends the day before the import, a new one starts on it. */
async function transferMembers(tx: Tx, tenantId: string, rows: readonly UpdateRow[], day: Date): Promise<void> {
  const iso = isoDay(day);
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    const ids = batch.map((row) => row.member.id);
    const oldBranches = batch.map((row) => row.member.branchId);
    const newBranches = batch.map((row) => row.values.branchId);
    // Positions held in the old branch (and its party groups) end with the membership.
    await tx.$executeRaw`
      UPDATE "Position" p SET "termTo" = GREATEST(p."termFrom", ${iso}::date - 1)
      FROM unnest(${ids}::uuid[], ${oldBranches}::uuid[]) AS t(id, old)
      JOIN "OrgUnit" o ON o."tenantId" = ${tenantId}::uuid AND o."id" = t.old
      JOIN "OrgUnit" u ON u."tenantId" = ${tenantId}::uuid AND u."path" LIKE o."path" || '%'
      WHERE p."tenantId" = ${tenantId}::uuid AND p."memberId" = t.id AND p."orgUnitId" = u."id"
        AND (p."termTo" IS NULL OR p."termTo" >= ${iso}::date)`;
    await tx.$executeRaw`
      UPDATE "BranchMembership" b SET "validTo" = ${iso}::date - 1
      WHERE b."tenantId" = ${tenantId}::uuid AND b."memberId" = ANY(${ids}::uuid[])
        AND b."validFrom" < ${iso}::date AND (b."validTo" IS NULL OR b."validTo" >= ${iso}::date)`;
    // A membership that starts today (or later) is a same-day correction: it moves instead.
    await tx.$executeRaw`
      UPDATE "BranchMembership" b SET "branchId" = t.branch
      FROM unnest(${ids}::uuid[], ${newBranches}::uuid[]) AS t(id, branch)
      WHERE b."tenantId" = ${tenantId}::uuid AND b."memberId" = t.id AND b."validFrom" >= ${iso}::date AND b."validTo" IS NULL`;
    await tx.$executeRaw`
      INSERT INTO "BranchMembership" ("tenantId", "id", "memberId", "branchId", "validFrom", "note")
      SELECT ${tenantId}::uuid, gen_random_uuid(), t.id, t.branch, ${iso}::date, ${wording.transferNote}::text
      FROM unnest(${ids}::uuid[], ${newBranches}::uuid[]) AS t(id, branch)
      WHERE NOT EXISTS (
        SELECT 1 FROM "BranchMembership" b
        WHERE b."tenantId" = ${tenantId}::uuid AND b."memberId" = t.id AND (b."validTo" IS NULL OR b."validTo" >= ${iso}::date))`;
  }
}

/** Opens the positions the file names; another position the member holds in that branch ends. */
async function openPositions(tx: Tx, tenantId: string, items: readonly { memberId: string; branchId: string; kind: PositionKind }[], day: Date): Promise<void> {
  const iso = isoDay(day);
  for (const batch of chunks(items, WRITE_CHUNK)) {
    const ids = batch.map((item) => item.memberId);
    const branches = batch.map((item) => item.branchId);
    const kinds = batch.map((item) => item.kind);
    await tx.$executeRaw`
      UPDATE "Position" p SET "termTo" = GREATEST(p."termFrom", ${iso}::date - 1)
      FROM unnest(${ids}::uuid[], ${branches}::uuid[], ${kinds}::text[]) AS t(id, branch, kind)
      WHERE p."tenantId" = ${tenantId}::uuid AND p."memberId" = t.id AND p."orgUnitId" = t.branch
        AND p."kind"::text <> t.kind AND (p."termTo" IS NULL OR p."termTo" >= ${iso}::date)`;
    await tx.$executeRaw`
      INSERT INTO "Position" ("tenantId", "id", "memberId", "orgUnitId", "kind", "termFrom")
      SELECT ${tenantId}::uuid, gen_random_uuid(), t.id, t.branch, t.kind::"PositionKind", ${iso}::date
      FROM unnest(${ids}::uuid[], ${branches}::uuid[], ${kinds}::text[]) AS t(id, branch, kind)`;
  }
}

async function auditUpdates(
  tx: Tx,
  tenantId: string,
  actorUserId: string,
  importId: string,
  rows: readonly UpdateRow[],
  requestId: string | null,
): Promise<void> {
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    const before = batch.map((row) => JSON.stringify(Object.fromEntries(row.changes.map((change) => [change.column, change.from]))));
    const after = batch.map((row) =>
      JSON.stringify({ ...Object.fromEntries(row.changes.map((change) => [change.column, change.to])), importId, row: row.line }),
    );
    await tx.$executeRaw`
      INSERT INTO "AuditEntry" ("tenantId", "id", "actorUserId", "action", "entityType", "entityId", "before", "after", "requestId")
      SELECT ${tenantId}::uuid, gen_random_uuid(), ${actorUserId}::uuid, t.action, 'Member', t.id::text, t.before::jsonb, t.after::jsonb, ${requestId}
      FROM unnest(${batch.map((row) => row.member.id)}::uuid[], ${batch.map((row) => (row.transfer ? "member.transfer" : "member.update"))}::text[],
                  ${before}::text[], ${after}::text[]) AS t(id, action, before, after)`;
  }
}

function staleError(): ConflictError {
  return new ConflictError(wording.stale);
}

/**
 * Confirm → apply: re-reads the stored file, plans it again against the roster inside one
 * transaction and refuses when the plan differs from the dry run's (something changed since), when
 * the import (or the same file) was already applied, or when the file has errors. Then writes
 * everything in bulk; any failure rolls all of it back.
 */
export async function applyImport(user: Principal, importId: string, options: ContextOptions = {}): Promise<ApplyResult> {
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  const progress = options.onProgress;
  const requestId = options.requestId ?? null;

  // The file is parsed outside the write transaction (CPU work needs no locks).
  const stored = await withTenant(user.tenantId, async (tx) => {
    const { row } = await loadImportForUser(tx, user, importId, false);
    const content = await tx.memberImport.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: row.id } },
      select: { content: true },
    });
    return { row, content: content!.content };
  });
  if (stored.row.status === "APPLIED") throw alreadyApplied(stored.row.appliedAt);
  if (stored.row.errorCount > 0) {
    throw new ValidationError(fill(wording.errorRows, { count: stored.row.errorCount.toLocaleString("vi-VN") }));
  }
  progress?.({ phase: "parsed", done: 0, total: stored.row.rowCount });
  const file = await prepareFile(stored.content, today);

  try {
    return await withTenant(
      user.tenantId,
      async (tx) => {
        const { row, scope } = await loadImportForUser(tx, user, importId, true);
        if (row.status === "APPLIED") throw alreadyApplied(row.appliedAt);
        const sameFile = await tx.memberImport.findFirst({
          where: { tenantId: user.tenantId, fileSha256: row.fileSha256, status: "APPLIED" },
          select: { appliedAt: true },
        });
        if (sameFile) throw alreadyApplied(sameFile.appliedAt);
        const report = parseReport(row.report);

        progress?.({ phase: "validated", done: 0, total: file.records.length });
        const snapshot = await loadSnapshot(tx, user.tenantId, scope.path, file.records, today, (done) =>
          progress?.({ phase: "validated", done, total: file.records.length }),
        );
        const plan = planImport(file.records, file.parseIssues, snapshot, { rowCount: file.rowCount, incomplete: file.incomplete });
        if (!report || plan.hash !== report.planHash) throw staleError();
        if (plan.counts.error > 0) throw new ValidationError(wording.hasErrors);
        const creates = plan.rows.filter((r): r is CreateRow => r.action === "create");
        const updates = plan.rows.filter((r): r is UpdateRow => r.action === "update");
        if (creates.length === 0 && updates.length === 0) {
          throw new ValidationError(wording.noChanges);
        }

        const total = creates.length + updates.length;
        progress?.({ phase: "applying", done: 0, total });
        await insertMembers(tx, user.tenantId, creates);
        progress?.({ phase: "applying", done: creates.length, total });
        await updateMembers(tx, user.tenantId, updates);
        const transfers = updates.filter((r) => r.transfer);
        await transferMembers(tx, user.tenantId, transfers, today);
        const positions = [
          ...creates.flatMap((r) => (r.position ? [{ memberId: r.id, branchId: r.values.branchId, kind: r.position }] : [])),
          ...updates.flatMap((r) => (r.position ? [{ memberId: r.member.id, branchId: r.values.branchId, kind: r.position }] : [])),
        ];
        await openPositions(tx, user.tenantId, positions, today);
        await auditUpdates(tx, user.tenantId, user.id, row.id, updates, requestId);

        const result: ApplyResult = {
          id: row.id,
          created: creates.length,
          updated: updates.length,
          transferred: transfers.length,
          positions: positions.length,
          unchanged: plan.counts.unchanged,
        };
        const appliedAt = new Date();
        await tx.memberImport.update({
          where: { tenantId_id: { tenantId: user.tenantId, id: row.id } },
          data: {
            status: "APPLIED",
            appliedAt,
            report: { ...report, applied: { ...result, at: appliedAt.toISOString() } },
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          tenantId: user.tenantId,
          actorUserId: user.id,
          action: "memberImport.apply",
          entityType: "MemberImport",
          entityId: row.id,
          before: { status: "VALIDATED" },
          after: { status: "APPLIED", fileName: row.fileName, fileSha256: row.fileSha256, scopeUnitId: scope.id, importDate: isoDay(today), ...result },
          requestId,
        });
        progress?.({ phase: "applying", done: total, total });
        return result;
      },
      { timeout: APPLY_TIMEOUT_MS },
    );
  } catch (error) {
    // Someone created a member with one of the file's card numbers after our re-check.
    if (isUniqueViolation(error)) throw staleError();
    throw error;
  }
}

function alreadyApplied(at: Date | null): ConflictError {
  return new ConflictError(
    at
      ? fill(wording.alreadyAppliedAt, {
          at: at.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" }),
        })
      : wording.alreadyApplied,
  );
}

// ─── Reading imports for the pages ──────────────────────────────────────────────────────────────

/** One import with its report, or 404 (another tenant's, outside the user's subtrees, malformed id). */
export async function getImport(
  user: Principal,
  importId: string,
): Promise<ImportSummary & { fileSha256: string; report: ImportReport | null }> {
  return withTenant(user.tenantId, async (tx) => {
    const { row, scope } = await loadImportForUser(tx, user, importId, false);
    const { fileSha256, report: stored, ...summary } = row;
    const report = parseReport(stored);
    // The same file may have been applied (through another upload) since this dry run.
    if (report && row.status === "VALIDATED" && !report.sameFileAppliedAt) {
      const applied = await tx.memberImport.findFirst({
        where: { tenantId: user.tenantId, fileSha256, status: "APPLIED" },
        orderBy: { appliedAt: "desc" },
        select: { appliedAt: true },
      });
      if (applied?.appliedAt) report.sameFileAppliedAt = applied.appliedAt.toISOString();
    }
    return { ...summary, fileSha256, scopeName: scope.name, report };
  });
}

/** The latest imports into the subtrees the user manages, newest first. */
export async function listImports(user: Principal, limit = 20): Promise<ImportSummary[]> {
  const roots = scopeRoots(user, "member.manage");
  if (roots.length === 0) return [];
  return withTenant(user.tenantId, async (tx) => {
    // The newest imports whose scope lies in the user's subtrees, chosen in SQL (not a wider page filtered here).
    const inScope = Prisma.join(roots.map((root) => Prisma.sql`u."path" LIKE ${`${root.path}%`}`), " OR ");
    const wanted = await tx.$queryRaw<{ id: string }[]>`
      SELECT i."id" FROM "MemberImport" i
      JOIN "OrgUnit" u ON u."tenantId" = i."tenantId" AND u."id" = i."scopeUnitId"
      WHERE i."tenantId" = ${user.tenantId}::uuid AND (${inScope})
      ORDER BY i."createdAt" DESC, i."id" DESC
      LIMIT ${limit}`;
    const rows = await tx.memberImport.findMany({
      where: { tenantId: user.tenantId, id: { in: wanted.map((row) => row.id) } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: summarySelect,
    });
    const units = await tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, id: { in: [...new Set(rows.map((row) => row.scopeUnitId))] } },
      select: { id: true, name: true, path: true },
    });
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    return rows
      .flatMap((row) => {
        const scope = byId.get(row.scopeUnitId);
        return scope && authorize(user, "member.manage", scope) ? [{ ...row, scopeName: scope.name }] : [];
      })
      .slice(0, limit);
  });
}
