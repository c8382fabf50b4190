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
//
// This file is the folder's one entry point; each concern has its module:
//   rows.ts      a file's rows on their own (cells, formats, dates, duplicates inside the file)
//   snapshot.ts  what the database holds for those rows
//   plan.ts      what each row does to the roster (pure)
//   scope.ts     the unit an import fills and who may import into it
//   prepare.ts   reading a file (format, header, limits), shared by the dry run and the apply
//   report.ts    the stored report of a dry run
//   dry-run.ts   upload → checked and stored
//   apply.ts     confirm → written, all or nothing
//   stored.ts    stored imports for the pages
export { RosterFileError } from "@/lib/org/roster-file";
export { parseRecords, type IncompleteRow, type RosterRecord, type RowIssue, type RowIssueCode, type RowValues } from "@/lib/org/roster-import/rows";
export {
  planImport,
  type ExistingMember,
  type FieldChange,
  type ImportPlan,
  type MemberValues,
  type PlannedRow,
  type RosterSnapshot,
  type UnitInfo,
} from "@/lib/org/roster-import/plan";
export { checkImportScope, listRosterScopes, type ScopeUnit } from "@/lib/org/roster-import/scope";
export { parseReport, REPORT_DETAIL_LIMIT, type ImportReport } from "@/lib/org/roster-import/report";
export { prepareFile, type ContextOptions, type ImportPhase, type ImportProgress } from "@/lib/org/roster-import/prepare";
export { dryRunImport, dryRunInputSchema, type DryRunInput } from "@/lib/org/roster-import/dry-run";
export { APPLY_TIMEOUT_MS, applyImport, type ApplyResult } from "@/lib/org/roster-import/apply";
export { getImport, listImports, type ImportSummary } from "@/lib/org/roster-import/stored";
