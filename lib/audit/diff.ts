// Turns an audit entry's before/after JSON into the list of fields that changed. Pure: the audit
// view and its unit test share it.

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping that means nothing to a reader (materialized paths, grant ids). */
const HIDDEN_FIELDS = new Set(["path", "depth", "grantId"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The fields whose value differs between before and after, in the order they first appear
 * (after's order, then fields only in before). A field missing on one side counts as null.
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (HIDDEN_FIELDS.has(field)) continue;
    const from = b[field] ?? null;
    const to = a[field] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes.push({ field, before: from, after: to });
  }
  return changes;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fields holding the id of another record, whose name the view shows instead. */
export const REFERENCE_FIELDS = {
  parentId: "OrgUnit",
  orgUnitId: "OrgUnit",
  branchId: "OrgUnit",
  mergedIntoId: "OrgUnit",
  sourceId: "OrgUnit",
  targetId: "OrgUnit",
  hostBranchId: "OrgUnit",
  residenceBranchId: "OrgUnit",
  memberId: "Member",
  userId: "User",
} as const satisfies Record<string, "OrgUnit" | "Member" | "User">;

export type ReferenceKind = (typeof REFERENCE_FIELDS)[keyof typeof REFERENCE_FIELDS];

export function referenceKind(field: string): ReferenceKind | null {
  return Object.hasOwn(REFERENCE_FIELDS, field) ? REFERENCE_FIELDS[field as keyof typeof REFERENCE_FIELDS] : null;
}

/** The ids a list of changes refers to, per kind of record (to look their names up in one go). */
export function referencedIds(changes: readonly FieldChange[]): Record<ReferenceKind, Set<string>> {
  const ids: Record<ReferenceKind, Set<string>> = { OrgUnit: new Set(), Member: new Set(), User: new Set() };
  for (const change of changes) {
    const kind = referenceKind(change.field);
    if (!kind) continue;
    for (const value of [change.before, change.after]) if (typeof value === "string" && UUID.test(value)) ids[kind].add(value);
  }
  return ids;
}
