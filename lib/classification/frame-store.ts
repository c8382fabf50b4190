// Classification frames as tenant data, as rubrics are (lib/scoring/rubric-store.ts): the built-in
// QĐ 366 frames are copied into every tenant as read-only rows, a tenant adds its own versions, and
// assignments say which code rates which subjects of a subtree from a date. Rows are never updated
// (the database grants INSERT only), so a classification keeps the exact frame it was assessed under.
import type { Tx } from "@/lib/db/tenant";
import { pathIds } from "@/lib/domain/org-path";
import { parseCalendarDate } from "@/lib/org/unit-rules";
import { BUILT_IN_FRAMES, frameInForce } from "./frames";
import { frameSchema, type ClassificationSubject, type Frame } from "./model";
import { isoDay } from "@/lib/time/days";

export interface FrameRow {
  id: string;
  code: string;
  version: number;
  name: string;
  builtIn: boolean;
  frame: Frame;
}

export const frameRowSelect = { id: true, code: true, version: true, name: true, builtIn: true, definition: true } as const;

/** Every row was validated before insert; parsing again only restores the type. */
export function toFrameRow(row: { id: string; code: string; version: number; name: string; builtIn: boolean; definition: unknown }): FrameRow {
  return { id: row.id, code: row.code, version: row.version, name: row.name, builtIn: row.builtIn, frame: frameSchema.parse(row.definition) };
}

function calendarDate(value: string): Date {
  const date = parseCalendarDate(value);
  if (!date) throw new Error(`Frame date "${value}" is not YYYY-MM-DD (the frame was not validated).`);
  return date;
}

/** The columns of a ClassificationFrame row for one definition. */
export function frameColumns(frame: Frame) {
  return {
    code: frame.code,
    version: frame.version,
    name: frame.name,
    issuer: frame.issuer,
    subject: frame.subject,
    effectiveFrom: calendarDate(frame.effectiveFrom),
    effectiveTo: frame.effectiveTo ? calendarDate(frame.effectiveTo) : null,
    definition: frame as object,
  };
}

/** Copies the built-in frames into the tenant when missing (idempotent; called lazily). */
export async function ensureBuiltInFrames(tx: Tx, tenantId: string): Promise<void> {
  const existing = await tx.classificationFrame.findMany({ where: { tenantId, builtIn: true }, select: { code: true, version: true } });
  const have = new Set(existing.map((r) => `${r.code}@${r.version}`));
  const missing = BUILT_IN_FRAMES.filter((f) => !have.has(`${f.code}@${f.version}`));
  if (missing.length === 0) return;
  await tx.classificationFrame.createMany({ data: missing.map((frame) => ({ tenantId, builtIn: true, ...frameColumns(frame) })), skipDuplicates: true });
}

export interface FrameChoice {
  row: FrameRow;
  /** Why this frame: the assignment that chose it, or the built-in default. */
  source: { kind: "assignment"; assignmentId: string; unitName: string } | { kind: "default" };
}

/** "/a/b/c/" → ["/a/", "/a/b/", "/a/b/c/"]. */
function pathPrefixes(path: string): string[] {
  const ids = pathIds(path);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join("/")}/`);
}

/**
 * The frame that rates `subject` in the unit at `unitPath` for a period ending on `day`: the deepest
 * active assignment covering the unit, the day and the subject (then the latest start) names a
 * code, and its highest version in force that day is taken; otherwise the built-in frame of the
 * subject in force that day.
 */
export async function frameFor(tx: Tx, tenantId: string, target: { unitPath: string; subject: ClassificationSubject; day: Date }): Promise<FrameChoice | null> {
  await ensureBuiltInFrames(tx, tenantId);
  const day = target.day;
  const assignments = await tx.classificationFrameAssignment.findMany({
    where: {
      tenantId,
      endedAt: null,
      subjects: { has: target.subject },
      validFrom: { lte: day },
      OR: [{ validTo: null }, { validTo: { gte: day } }],
      unit: { path: { in: pathPrefixes(target.unitPath) } },
    },
    select: { id: true, frameCode: true, validFrom: true, unit: { select: { name: true, depth: true } } },
  });
  assignments.sort((a, b) => b.unit.depth - a.unit.depth || b.validFrom.getTime() - a.validFrom.getTime());
  const iso = isoDay(day);
  const inForce = (rows: FrameRow[]) => frameInForce(rows.map((r) => ({ ...r, effectiveFrom: r.frame.effectiveFrom, effectiveTo: r.frame.effectiveTo })), iso);
  for (const assignment of assignments) {
    const rows = (await tx.classificationFrame.findMany({ where: { tenantId, code: assignment.frameCode, subject: target.subject }, select: frameRowSelect })).map(toFrameRow);
    const chosen = inForce(rows);
    if (chosen) return { row: chosen, source: { kind: "assignment", assignmentId: assignment.id, unitName: assignment.unit.name } };
  }
  const defaults = BUILT_IN_FRAMES.filter((f) => f.subject === target.subject).map((f) => f.code);
  const rows = (await tx.classificationFrame.findMany({ where: { tenantId, builtIn: true, code: { in: defaults } }, select: frameRowSelect })).map(toFrameRow);
  const chosen = inForce(rows);
  return chosen ? { row: chosen, source: { kind: "default" } } : null;
}

