// Rubrics as tenant data (ARCHITECTURE §6): the built-in frames are copied into every tenant as
// read-only rows, a tenant adds its own versions, and assignments say which code scores which
// meetings of a subtree from a date. Rows are never updated (the database grants INSERT only), so a
// scorecard that points at a row keeps the exact rules it was scored under.
import type { Tx } from "@/lib/db/tenant";
import type { MeetingKind } from "@/lib/generated/prisma/enums";
import type { IsoDate } from "@/lib/meetings/rules/types";
import { parseCalendarDate } from "@/lib/org/unit-rules";
import type { Rubric } from "./model";
import { rubricSchema } from "./schemas";
import { BUILT_IN_RUBRICS, NATIONAL_RUBRICS, rubricInForce } from "./rubrics";
import { isoDay } from "@/lib/time/days";

export interface RubricRow {
  id: string;
  code: string;
  version: number;
  name: string;
  builtIn: boolean;
  rubric: Rubric;
}

const rowSelect = { id: true, code: true, version: true, name: true, builtIn: true, definition: true } as const;

function toRow(row: { id: string; code: string; version: number; name: string; builtIn: boolean; definition: unknown }): RubricRow {
  // Every row was validated before insert; parsing again only restores the type.
  return { id: row.id, code: row.code, version: row.version, name: row.name, builtIn: row.builtIn, rubric: rubricSchema.parse(row.definition) };
}

function calendarDate(value: string): Date {
  const date = parseCalendarDate(value);
  if (!date) throw new Error(`Rubric date "${value}" is not YYYY-MM-DD (the rubric was not validated).`);
  return date;
}

/** The columns of a Rubric row for one rubric definition. */
export function rubricColumns(rubric: Rubric) {
  return {
    code: rubric.code,
    version: rubric.version,
    name: rubric.name,
    issuer: rubric.issuer,
    effectiveFrom: calendarDate(rubric.effectiveFrom),
    effectiveTo: rubric.effectiveTo ? calendarDate(rubric.effectiveTo) : null,
    meetingKinds: [...rubric.meetingKinds] as MeetingKind[],
    definition: rubric as object,
  };
}

/** Copies the built-in rubrics into the tenant when missing (idempotent; called lazily). */
export async function ensureBuiltInRubrics(tx: Tx, tenantId: string): Promise<void> {
  const existing = await tx.rubric.findMany({ where: { tenantId, builtIn: true }, select: { code: true, version: true } });
  const have = new Set(existing.map((r) => `${r.code}@${r.version}`));
  const missing = BUILT_IN_RUBRICS.filter((r) => !have.has(`${r.code}@${r.version}`));
  if (missing.length === 0) return;
  await tx.rubric.createMany({
    data: missing.map((rubric) => ({ tenantId, builtIn: true, ...rubricColumns(rubric) })),
    skipDuplicates: true,
  });
}

export async function loadRubricRow(tx: Tx, tenantId: string, id: string): Promise<RubricRow | null> {
  const row = await tx.rubric.findUnique({ where: { tenantId_id: { tenantId, id } }, select: rowSelect });
  return row ? toRow(row) : null;
}

export interface RubricChoice {
  row: RubricRow;
  /** Why this rubric: the assignment that chose it, or the national default. */
  source: { kind: "assignment"; assignmentId: string; unitName: string } | { kind: "national" };
}

/**
 * The rubric that scores a meeting of `kind` on `day` in the branch at `branchPath`: the deepest
 * active assignment covering the branch, the day and the kind (then the latest start) names a code,
 * and the highest version of that code in force that day is taken. Without an assignment (or when
 * the assigned code has no version in force) the national frame in force that day applies.
 */
export async function rubricForMeeting(
  tx: Tx,
  tenantId: string,
  meeting: { branchPath: string; kind: MeetingKind; day: Date },
): Promise<RubricChoice | null> {
  await ensureBuiltInRubrics(tx, tenantId);
  const day = meeting.day;
  const ancestorPaths = pathPrefixes(meeting.branchPath);
  const assignments = await tx.rubricAssignment.findMany({
    where: {
      tenantId,
      endedAt: null,
      meetingKinds: { has: meeting.kind },
      validFrom: { lte: day },
      OR: [{ validTo: null }, { validTo: { gte: day } }],
      unit: { path: { in: ancestorPaths } },
    },
    select: assignmentSelect,
  });
  return chooseRubric(assignments, await rubricVersions(tx, tenantId, assignments), meeting);
}

/** Every version of the built-in codes and of the codes the assignments name. */
async function rubricVersions(tx: Tx, tenantId: string, assignments: readonly { rubricCode: string }[]): Promise<RubricRow[]> {
  const codes = [...new Set(assignments.map((a) => a.rubricCode))];
  const rows = await tx.rubric.findMany({ where: { tenantId, OR: [{ builtIn: true }, { code: { in: codes } }] }, select: rowSelect });
  return rows.map(toRow);
}

const assignmentSelect = {
  id: true,
  rubricCode: true,
  validFrom: true,
  validTo: true,
  meetingKinds: true,
  unit: { select: { name: true, depth: true, path: true } },
} as const;

interface AssignmentRow {
  id: string;
  rubricCode: string;
  validFrom: Date;
  validTo: Date | null;
  meetingKinds: MeetingKind[];
  unit: { name: string; depth: number; path: string };
}

/**
 * rubricForMeeting's rule over rows already read: `assignments` are the tenant's active ones (any
 * unit, kind or dates: filtered here), `rows` every version of the built-in codes and of the codes
 * the assignments name.
 */
export function chooseRubric(
  assignments: readonly AssignmentRow[],
  rows: readonly RubricRow[],
  meeting: { branchPath: string; kind: MeetingKind; day: Date },
): RubricChoice | null {
  const day = meeting.day;
  const ancestorPaths = new Set(pathPrefixes(meeting.branchPath));
  const matching = assignments
    .filter(
      (a) =>
        a.meetingKinds.includes(meeting.kind) &&
        a.validFrom.getTime() <= day.getTime() &&
        (a.validTo === null || a.validTo.getTime() >= day.getTime()) &&
        ancestorPaths.has(a.unit.path),
    )
    .sort((a, b) => b.unit.depth - a.unit.depth || b.validFrom.getTime() - a.validFrom.getTime());
  const iso = isoDay(day);
  for (const assignment of matching) {
    const chosen = inForce(rows.filter((r) => r.code === assignment.rubricCode), iso, meeting.kind);
    if (chosen) return { row: chosen, source: { kind: "assignment", assignmentId: assignment.id, unitName: assignment.unit.name } };
  }
  const national = rows.filter((r) => r.builtIn && NATIONAL_RUBRICS.some((n) => n.code === r.code));
  const chosen = inForce(national, iso, meeting.kind);
  return chosen ? { row: chosen, source: { kind: "national" } } : null;
}

/**
 * rubricForMeeting for many meetings of one tenant: reads the assignments and versions once and
 * returns the chooser (the demo seed scores a year of meetings with it).
 */
export async function rubricChooser(tx: Tx, tenantId: string): Promise<(meeting: { branchPath: string; kind: MeetingKind; day: Date }) => RubricChoice | null> {
  await ensureBuiltInRubrics(tx, tenantId);
  const assignments = await tx.rubricAssignment.findMany({ where: { tenantId, endedAt: null }, select: assignmentSelect });
  const rows = await rubricVersions(tx, tenantId, assignments);
  return (meeting) => chooseRubric(assignments, rows, meeting);
}

/** The highest version in force on the day for the kind (rubricInForce's rule over tenant rows). */
function inForce(rows: readonly RubricRow[], day: IsoDate, kind: MeetingKind): RubricRow | null {
  const rubric = rubricInForce(
    rows.map((r) => ({ ...r.rubric, version: r.version })),
    day,
    kind,
  );
  return rubric ? (rows.find((r) => r.code === rubric.code && r.version === rubric.version) ?? null) : null;
}

/** "/a/b/c/" → ["/a/", "/a/b/", "/a/b/c/"]: the paths of the unit and its ancestors. */
function pathPrefixes(path: string): string[] {
  const parts = path.split("/").filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}/`);
}
