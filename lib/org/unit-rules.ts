// Pure rules of the org tree: which kind of unit may sit under which, whether a unit is active on
// a calendar day, and the calendar-day arithmetic they need. No database access: shared by the
// services, the forms (to offer only kinds that fit) and the unit tests.
import type { OrgUnitKind } from "@/lib/generated/prisma/enums";
import { parseDay } from "@/lib/time/days";

/** Units that hold meetings ("branch" in the glossary). */
export const BRANCH_UNIT_KINDS: readonly OrgUnitKind[] = ["GRASSROOTS_BRANCH", "BRANCH"];

/**
 * The kinds a unit of each kind may have directly under it (Party Charter art. 21, 24; SPEC §1.1):
 * committees above grassroots hold grassroots organisations, a đảng bộ cơ sở holds đảng bộ bộ phận
 * and chi bộ trực thuộc, a branch holds tổ đảng, and a tổ đảng holds nothing.
 */
export const CHILD_KINDS: Readonly<Record<OrgUnitKind, readonly OrgUnitKind[]>> = {
  BLOC_COMMITTEE: ["BLOC_COMMITTEE", "UPPER_COMMITTEE", "GRASSROOTS_COMMITTEE", "GRASSROOTS_BRANCH"],
  UPPER_COMMITTEE: ["GRASSROOTS_COMMITTEE", "GRASSROOTS_BRANCH"],
  GRASSROOTS_COMMITTEE: ["SUB_COMMITTEE", "BRANCH"],
  SUB_COMMITTEE: ["BRANCH"],
  GRASSROOTS_BRANCH: ["PARTY_GROUP"],
  BRANCH: ["PARTY_GROUP"],
  PARTY_GROUP: [],
};

/** SPEC §1.1 (Charter Art. 21, 24): the official members from which a branch elects a chi ủy (lib/org/committee.ts). */
export const COMMITTEE_MIN_OFFICIALS = 9;

export function isBranchKind(kind: OrgUnitKind): boolean {
  return BRANCH_UNIT_KINDS.includes(kind);
}

export function canHoldChild(parentKind: OrgUnitKind, childKind: OrgUnitKind): boolean {
  return CHILD_KINDS[parentKind].includes(childKind);
}

export type KindChangeProblem =
  | { code: "parent"; parentKind: OrgUnitKind }
  | { code: "children"; childKinds: OrgUnitKind[] }
  | { code: "members" };

/**
 * Why a unit cannot take `kind`, or null when it can: it must fit under its parent (a root has
 * none), keep every existing child, and stay a branch while members belong to it.
 */
export function kindChangeProblem(
  kind: OrgUnitKind,
  context: { parentKind: OrgUnitKind | null; childKinds: readonly OrgUnitKind[]; hasMembers: boolean },
): KindChangeProblem | null {
  if (context.parentKind && !canHoldChild(context.parentKind, kind)) return { code: "parent", parentKind: context.parentKind };
  const misfits = [...new Set(context.childKinds.filter((child) => !canHoldChild(kind, child)))];
  if (misfits.length > 0) return { code: "children", childKinds: misfits };
  if (context.hasMembers && !isBranchKind(kind)) return { code: "members" };
  return null;
}

// ─── Calendar days ──────────────────────────────────────────────────────────────────────────────
// A calendar day is a Date at UTC midnight (how Prisma reads @db.Date). "Today" is the day in Vietnam.


/** "2026-03-01" → that day at UTC midnight, or null when it is not a real date. */
export function parseCalendarDate(value: string): Date | null {
  const date = parseDay(value);
  if (!date || date.getUTCFullYear() < 1930 || date.getUTCFullYear() > 2200) return null;
  return date;
}

/** Whether the unit exists and is not yet closed on `day` (both ends inclusive). */
export function isActiveOn(unit: { activeFrom: Date; activeTo: Date | null }, day: Date): boolean {
  return unit.activeFrom.getTime() <= day.getTime() && (unit.activeTo === null || unit.activeTo.getTime() >= day.getTime());
}

/** Whether the unit has not been closed as of `day` (a unit founded later still counts as open). */
export function isOpenOn(unit: { activeTo: Date | null }, day: Date): boolean {
  return unit.activeTo === null || unit.activeTo.getTime() >= day.getTime();
}
