// Planning (pure): what every well-formed row does to the roster (create, update, nothing) and
// which rows cannot be applied, from the rows and a snapshot of the database; the dry run and the
// apply compute the same plan (and hash) from the same data.
import { createHash, randomUUID } from "node:crypto";
import type { OrgUnitKind, PositionKind } from "@/lib/generated/prisma/enums";
import { foldForSearch } from "@/lib/i18n/format";
import { isInSubtree } from "@/lib/domain/org-path";
import { GENDER_LABELS, POSITION_LABELS, formatRosterDate, headerOf, normalizeText, type RosterField } from "@/lib/org/roster-layout";
import { addDays, isoDay } from "@/lib/time/days";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import type { MemberRecord, MemberValues } from "@/lib/org/member-record";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { type IncompleteRow, type RosterRecord, type RowIssue, type RowIssueCode, issue, quote } from "@/lib/org/roster-import/rows";

const wording = messages.orgServer.rosterImport;

// ─── What is in the database (read once per dry run / apply) ────────────────────────────────────

export interface UnitInfo {
  id: string;
  name: string;
  code: string | null;
  kind: OrgUnitKind;
  path: string;
  activeTo: Date | null;
}

export interface ExistingMember extends MemberRecord {
  branchId: string;
  branchPath: string;
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

export function personKey(fullName: string, birthDate: Date): string {
  return `${foldForSearch(fullName)}|${isoDay(birthDate)}`;
}

// ─── Planning (pure) ────────────────────────────────────────────────────────────────────────────

/** The member fields an import writes. */
export type { MemberValues };

export interface FieldChange {
  column: string;
  from: string | null;
  to: string | null;
}

export interface CreateRow {
  line: number;
  action: "create";
  id: string;
  values: MemberValues;
  branch: UnitInfo;
  position: PositionKind | null;
}

export interface UpdateRow {
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
