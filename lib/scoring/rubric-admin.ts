// Rubric administration (issue 5): list and read a tenant's rubrics, clone one under a new code,
// save the next version (form fields or the whole JSON), import and export JSON files, and assign
// a code to a subtree for some meeting kinds and dates. The rules (who may do what, versions are
// inserted, never updated) are those of every versioned rule set: lib/rule-sets/admin.ts; this file
// says where rubrics are stored and what is particular to them (national frames, meeting kinds,
// thematic variants, the preview of which rubric applies).
import { z } from "zod";
import { authorize, scopeRoots, type Grant, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db/tenant";
import { fieldError, parseInput } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MeetingKind, OrgUnitKind } from "@/lib/generated/prisma/enums";
import { fill } from "@/lib/i18n/fill";
import { foldForSearch } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { isInSubtree } from "@/lib/domain/org-path";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import type { UnitOption } from "@/lib/org/units";
import { applyCommonFields, assignmentServices, cloneVersion, clashPeriod, getVersion, importVersion, listCodes, mayRead, READ_PERMISSIONS, requireManager, requireReader, saveNextVersion, withFormFields, type Imported, type RuleSetKind, type Saved, type CodeSummaryBase, type VersionSummaryBase, type VersionDetail } from "@/lib/rule-sets/admin";
import type { Rubric } from "./model";
import { rubricSchema } from "./schemas";
import {
  cloneRubricSchema,
  createAssignmentSchema,
  previewRubricSchema,
  rubricCodeSchema,
  saveRubricVersionSchema,
  unitSearchQuerySchema,
  type CloneRubricInput,
  type PreviewRubricInput,
  type SaveRubricVersionInput,
} from "./rubric-admin-schemas";
import { ensureBuiltInRubrics, rubricColumns, rubricForMeeting } from "./rubric-store";
import { BUILT_IN_RUBRICS, NATIONAL_RUBRICS } from "./rubrics";
import { parseRubric } from "./validate";
import { isoDay } from "@/lib/time/days";
import type { ServiceContext, JsonInput } from "@/lib/service-context";

const text = messages.ruleSetsServer.rubric;
export const READ_ONLY = text.readOnly;

const NATIONAL_CODES = new Set(NATIONAL_RUBRICS.map((r) => r.code));
const kindLabel = (kind: MeetingKind) => messages.meetings.kind[kind];

const versionSelect = { id: true, code: true, version: true, name: true, builtIn: true, createdAt: true, definition: true } as const;
type VersionRow = Prisma.RubricGetPayload<{ select: typeof versionSelect }>;

/** Where an issue of the validator shows in the forms: criteria.T1, groups.T, levels, or its own path. */
function issueField(path: string, candidate: Record<string, unknown>): string {
  const groups = Array.isArray(candidate.groups) ? (candidate.groups as unknown[]) : [];
  const groupCodes = new Set<string>();
  const criterionCodes = new Set<string>();
  for (const group of groups) {
    const g = group as { code?: unknown; criteria?: unknown };
    if (typeof g?.code === "string") groupCodes.add(g.code);
    for (const criterion of Array.isArray(g?.criteria) ? g.criteria : []) {
      const code = (criterion as { code?: unknown })?.code;
      if (typeof code === "string") criterionCodes.add(code);
    }
  }
  if (criterionCodes.has(path)) return `criteria.${path}`;
  if (groupCodes.has(path)) return `groups.${path}`;
  if (path === "levelRules") return "levels";
  return path;
}

/** Rubrics as a rule set: the Rubric and RubricAssignment tables, meeting kinds as targets. */
const RUBRICS: RuleSetKind<Rubric, VersionRow, MeetingKind> = {
  entity: "Rubric",
  assignmentEntity: "RubricAssignment",
  action: "rubric",
  assignmentAction: "rubricAssignment",
  codeKey: "rubricCode",
  targetsKey: "meetingKinds",
  sourceIdKey: "sourceRubricId",
  uniqueKey: "Rubric_tenantId_code_version_key",
  builtInCodes: new Set(BUILT_IN_RUBRICS.map((r) => r.code)),
  text,
  what: messages.ruleSetsServer.rubricInput.rubric,
  ensureBuiltIns: ensureBuiltInRubrics,
  byId: (tx, tenantId, id) => tx.rubric.findUnique({ where: { tenantId_id: { tenantId, id } }, select: versionSelect }),
  byCode: (tx, tenantId, code) => tx.rubric.findMany({ where: { tenantId, code }, select: versionSelect, orderBy: { version: "desc" } }),
  all: (tx, tenantId) => tx.rubric.findMany({ where: { tenantId }, select: versionSelect, orderBy: [{ code: "asc" }, { version: "desc" }] }),
  latestNames: async (tx, tenantId, codes) => {
    const rows = await tx.rubric.findMany({ where: { tenantId, code: { in: codes } }, select: { code: true, name: true }, orderBy: { version: "asc" } });
    return new Map(rows.map((r) => [r.code, r.name]));
  },
  codeLike: async (tx, tenantId, code) => (await tx.rubric.findFirst({ where: { tenantId, code: { equals: code, mode: "insensitive" } }, select: { code: true } }))?.code ?? null,
  insert: (tx, user, rubric) => tx.rubric.create({ data: { tenantId: user.tenantId, builtIn: false, createdById: user.id, ...rubricColumns(rubric) }, select: { id: true } }),
  uses: async (tx, tenantId, ids) => {
    const groups = await tx.scorecard.groupBy({ by: ["rubricId"], where: { tenantId, ...(ids ? { rubricId: { in: ids } } : {}) }, _count: { _all: true } });
    return new Map(groups.map((g) => [g.rubricId, g._count._all]));
  },
  /** Every stored row was validated before insert; parsing again only restores the type. */
  definitionOf: (row) => rubricSchema.parse(row.definition),
  parse: (candidate) => {
    const result = parseRubric(candidate);
    return result.ok ? { ok: true, definition: result.rubric } : result;
  },
  issueField,
  /**
   * A tenant's own rubric is always scope TENANT: where it applies is decided by assignments, and a
   * uniform scope keeps "the latest effective version wins" between the versions of one code.
   */
  asTenant: (candidate, code, version) => ({ ...candidate, code, version, scope: "TENANT" }),
  auditDetails: (rubric) => ({ meetingKinds: rubric.meetingKinds }),
  assignments: {
    active: async (tx, tenantId, code) =>
      (
        await tx.rubricAssignment.findMany({
          where: { tenantId, endedAt: null, ...(code ? { rubricCode: code } : {}) },
          select: { rubricCode: true, unit: { select: { name: true, path: true } } },
        })
      ).map((a) => ({ code: a.rubricCode, unit: a.unit })),
    inSubtrees: async (tx, tenantId, roots) =>
      (
        await tx.rubricAssignment.findMany({
          where: { tenantId, unit: { OR: roots.map((root) => ({ path: { startsWith: root.path } })) } },
          select: { id: true, rubricCode: true, meetingKinds: true, validFrom: true, validTo: true, endedAt: true, createdAt: true, unit: { select: { id: true, name: true, depth: true } } },
          orderBy: [{ validFrom: "desc" }, { createdAt: "desc" }],
        })
      ).map(({ rubricCode, meetingKinds, ...row }) => ({ ...row, code: rubricCode, targets: meetingKinds })),
    checkCode: async (tx, tenantId, code) => {
      const rubric = await tx.rubric.findFirst({ where: { tenantId, code }, select: { code: true } });
      if (!rubric) throw fieldError("rubricCode", fill(text.noRubricCode, { code }));
      return rubric.code;
    },
    clash: async (tx, tenantId, data) => {
      const clash = await tx.rubricAssignment.findFirst({
        where: {
          tenantId,
          unitId: data.unitId,
          endedAt: null,
          meetingKinds: { hasSome: data.targets },
          ...(data.validTo ? { validFrom: { lte: data.validTo } } : {}),
          OR: [{ validTo: null }, { validTo: { gte: data.validFrom } }],
        },
        select: { rubricCode: true, meetingKinds: true, validFrom: true, validTo: true },
      });
      return clash && { code: clash.rubricCode, targets: clash.meetingKinds, validFrom: clash.validFrom, validTo: clash.validTo };
    },
    clashMessage: (unit, clash, kinds) =>
      fill(text.assignmentClash, {
        unit,
        code: clash.code,
        kinds: clash.targets.filter((k) => kinds.includes(k)).map(kindLabel).join(", "),
        period: clashPeriod(RUBRICS, clash),
      }),
    create: (tx, user, data) =>
      tx.rubricAssignment.create({
        data: { tenantId: user.tenantId, unitId: data.unitId, rubricCode: data.code, meetingKinds: data.targets, validFrom: data.validFrom, validTo: data.validTo, createdById: user.id },
        select: { id: true },
      }),
    find: async (tx, tenantId, id) => {
      const row = await tx.rubricAssignment.findUnique({ where: { tenantId_id: { tenantId, id } }, select: { id: true, endedAt: true, rubricCode: true, unit: { select: { path: true } } } });
      return row && { id: row.id, endedAt: row.endedAt, code: row.rubricCode, unit: row.unit };
    },
    end: async (tx, tenantId, id, endedAt) => (await tx.rubricAssignment.updateMany({ where: { tenantId, id, endedAt: null }, data: { endedAt } })).count,
    endedByOther: text.assignmentEndedByOther,
  },
  period: (from, to) => (to ? fill(text.fromTo, { from, to }) : fill(text.from, { from })),
  codeJustTaken: (code) => fill(text.codeJustTaken, { code }),
  importRace: (code) => fill(text.importRace, { code }),
};

// ─── Access ─────────────────────────────────────────────────────────────────────────────────────

export function mayReadRubrics(user: Principal | null | undefined): boolean {
  return mayRead(user);
}

// ─── Reads ──────────────────────────────────────────────────────────────────────────────────────

export interface RubricVersionSummary extends VersionSummaryBase {
  meetingKinds: MeetingKind[];
  /** Scorecards scored under this version. */
  scorecards: number;
}

export interface RubricSummary extends CodeSummaryBase<RubricVersionSummary> {
  /** A national frame: what applies where no assignment names another code. */
  national: boolean;
}

export interface RubricList {
  rubrics: RubricSummary[];
  /** The user holds settings.manage somewhere (clone, import, assignments). */
  canManage: boolean;
}

/** Every rubric code of the tenant with its versions (national first, then built-ins, then the tenant's own by code). */
export async function listRubrics(user: Principal): Promise<RubricList> {
  const { codes, canManage } = await listCodes(user, RUBRICS, (base, rubric, scorecards) => ({ ...base, meetingKinds: [...rubric.meetingKinds], scorecards }));
  const rubrics = codes.map(({ latestRow: _latest, ...summary }): RubricSummary => ({ ...summary, national: NATIONAL_CODES.has(summary.code) }));
  const rank = (r: RubricSummary) => (r.national ? 0 : r.builtIn ? 1 : 2);
  rubrics.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
  return { rubrics, canManage };
}

export interface RubricDetail extends Omit<VersionDetail<Rubric>, "uses" | "definition" | "versions"> {
  national: boolean;
  scorecards: number;
  rubric: Rubric;
  /** Every version of the code, newest first. */
  versions: { id: string; version: number; effectiveFrom: string; effectiveTo: string | null; scorecards: number }[];
}

/** One version with its siblings; 404 for an id that is not a rubric of the user's tenant. */
export async function getRubric(user: Principal, id: string): Promise<RubricDetail> {
  const { uses, definition, versions, ...detail } = await getVersion(user, RUBRICS, id);
  return {
    ...detail,
    national: NATIONAL_CODES.has(detail.code),
    scorecards: uses,
    rubric: definition,
    versions: versions.map(({ uses: scorecards, ...version }) => ({ ...version, scorecards })),
  };
}

export interface RubricExport {
  filename: string;
  /** The definition as pretty JSON, ready to be saved, edited and imported again. */
  json: string;
  definition: Rubric;
}

export function exportFilename(code: string, version: number): string {
  return `khung-tieu-chi-${code}-v${version}.json`;
}

export async function exportRubric(user: Principal, id: string): Promise<RubricExport> {
  const detail = await getRubric(user, id);
  return {
    filename: exportFilename(detail.code, detail.version),
    json: `${JSON.stringify(detail.rubric, null, 2)}\n`,
    definition: detail.rubric,
  };
}

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────────

export type SavedRubric = Saved;

/** A copy of any version (built-in or the tenant's) under a new code, as its version 1. */
export async function cloneRubric(user: Principal, input: CloneRubricInput | JsonInput, options: ServiceContext = {}): Promise<SavedRubric> {
  requireManager(user, text);
  return cloneVersion(user, RUBRICS, parseInput(cloneRubricSchema, input), options);
}

type SaveData = z.infer<typeof saveRubricVersionSchema>;

/** Meeting kinds, total points and the thematic variants: what only a rubric's form has. */
function applyRubricFields(next: Rubric, data: SaveData, fail: (field: string, message: string) => void): void {
  if (data.meetingKinds !== undefined) {
    // The form always sends an empty "meetingKinds" next to its checkboxes, so none ticked is seen.
    const kinds = (Array.isArray(data.meetingKinds) ? data.meetingKinds : [data.meetingKinds]).filter(Boolean);
    if (kinds.length === 0) fail("meetingKinds", messages.ruleSetsServer.rubricInput.kindMin);
    next.meetingKinds = kinds as Rubric["meetingKinds"];
  }
  if (data.totalPoints !== undefined) next.totalPoints = data.totalPoints;
  const criteria = new Set(next.groups.flatMap((g) => g.criteria.map((c) => c.code)));
  const variants = next.thematicVariants ?? [];
  const words = messages.rubrics.edit.variants;
  for (const [index, fields] of Object.entries(data.variants ?? {})) {
    const variant = variants[Number(index)];
    if (!/^\d+$/.test(index) || !variant) {
      fail(`variants.${index}`, fill(words.unknown, { index }));
      continue;
    }
    if (fields.description !== undefined) {
      const description = fields.description.normalize("NFC").trim();
      if (description) variant.description = description;
      else delete variant.description;
    }
    if (fields.notApplicable !== undefined) {
      const codes = (Array.isArray(fields.notApplicable) ? fields.notApplicable : [fields.notApplicable]).filter(Boolean);
      const unknown = codes.filter((code) => !criteria.has(code));
      if (unknown.length > 0) fail(`variants.${index}.notApplicable`, fill(words.unknownCriteria, { codes: unknown.join(", ") }));
      if (codes.length > 0) variant.notApplicable = codes;
      else delete variant.notApplicable;
    }
    for (const [code, raw] of Object.entries(fields.maxPoints ?? {})) {
      if (!criteria.has(code)) {
        fail(`variants.${index}.maxPoints.${code}`, fill(words.unknownCriteria, { codes: code }));
        continue;
      }
      const value = typeof raw === "number" ? raw : Number(raw.trim().replace(",", "."));
      if (typeof raw === "string" && raw.trim() === "") {
        if (variant.maxPoints) delete variant.maxPoints[code];
      } else if (!Number.isFinite(value) || value < 0) {
        fail(`variants.${index}.maxPoints.${code}`, words.badPoints);
      } else {
        variant.maxPoints = { ...(variant.maxPoints ?? {}), [code]: value };
      }
    }
  }
}

/**
 * Inserts the next version of a tenant rubric. Built-ins are read-only; a stale
 * `expectedLatestVersion` is a conflict; an invalid result writes nothing and reports every issue.
 * Older versions are left as they are (scorecards keep pointing at theirs).
 */
export async function saveRubricVersion(user: Principal, input: SaveRubricVersionInput | JsonInput, options: ServiceContext = {}): Promise<SavedRubric> {
  requireManager(user, text);
  const data = parseInput(saveRubricVersionSchema, input);
  const applyForm = (base: Rubric) =>
    withFormFields(base, (next, fail) => {
      applyCommonFields(next, next.levelRules, data, text, fail);
      applyRubricFields(next, data, fail);
    });
  return saveNextVersion(user, RUBRICS, data, applyForm, options);
}

export type ImportedRubric = Imported;

/**
 * A JSON file as exported: a new code becomes version 1 of a new rubric, a code the tenant already
 * has becomes its next version (the version written in the file is ignored). Built-in codes are refused.
 */
export async function importRubric(user: Principal, json: string | Record<string, unknown>, options: ServiceContext = {}): Promise<ImportedRubric> {
  return importVersion(user, RUBRICS, json, rubricCodeSchema, options);
}

// ─── Assignments ────────────────────────────────────────────────────────────────────────────────

const assignments = assignmentServices(RUBRICS, { code: "rubricCode", name: "rubricName", targets: "meetingKinds" }, createAssignmentSchema, (data) => ({
  unitId: data.unitId,
  code: data.rubricCode,
  targets: data.meetingKinds,
  validFrom: data.validFrom,
  validTo: data.validTo,
}));

/** Assignments on units of the user's settings.manage subtrees: active first, then the latest start. */
export const listAssignments = assignments.list;
export type AssignmentItem = Awaited<ReturnType<typeof listAssignments>>[number];

/**
 * Names a rubric code for the meetings of some kinds in a subtree from a date. The unit must be in
 * the admin's subtree, the code must exist, and no active assignment of the same unit may share a
 * kind over overlapping dates (end it first).
 */
export const createAssignment = assignments.create;

/** Ends an assignment (never deleted: the history of which rubric applied stays readable). */
export const endAssignment = assignments.end;

export interface RubricPreview {
  unit: { id: string; name: string };
  kind: MeetingKind;
  date: string;
  /** Null when no rubric is in force that day for the kind (before the first national frame). */
  rubric: { id: string; code: string; version: number; name: string; builtIn: boolean } | null;
  source: { kind: "assignment"; assignmentId: string; unitName: string } | { kind: "national" } | null;
}

/** Which rubric would score a meeting of `kind` on `date` in the branch (rubricForMeeting's choice). */
export async function previewRubricChoice(user: Principal, input: PreviewRubricInput | JsonInput): Promise<RubricPreview> {
  requireReader(user, text);
  const data = parseInput(previewRubricSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const unit = isUuid(data.branchId)
      ? await tx.orgUnit.findUnique({
          where: { tenantId_id: { tenantId: user.tenantId, id: data.branchId } },
          select: { id: true, name: true, path: true },
        })
      : null;
    if (!unit || !READ_PERMISSIONS.some((permission) => authorize(user, permission, unit))) {
      throw fieldError("branchId", text.branchOutside);
    }
    const choice = await rubricForMeeting(tx, user.tenantId, { branchPath: unit.path, kind: data.kind, day: data.date });
    return {
      unit: { id: unit.id, name: unit.name },
      kind: data.kind,
      date: isoDay(data.date),
      rubric: choice ? { id: choice.row.id, code: choice.row.code, version: choice.row.version, name: choice.row.name, builtIn: choice.row.builtIn } : null,
      source: choice ? choice.source : null,
    };
  });
}

function topRoots(grants: Grant[]): Grant[] {
  const sorted = [...grants].sort((a, b) => a.path.length - b.path.length);
  const roots: Grant[] = [];
  for (const grant of sorted) if (!roots.some((root) => isInSubtree(grant.path, root.path))) roots.push(grant);
  return roots;
}

const PICKER_LIMIT = 30;

/**
 * Open units for the pickers of the assignments page, matched on the accent-insensitive name: any
 * unit of the admin's subtrees ("assign"), or branches the user may read rubrics for ("preview").
 */
export async function searchUnitsForRubrics(user: Principal, input: z.input<typeof unitSearchQuerySchema>): Promise<UnitOption[]> {
  const data = unitSearchQuerySchema.parse(input);
  const roots =
    data.purpose === "assign" ? scopeRoots(user, "settings.manage") : topRoots(READ_PERMISSIONS.flatMap((permission) => scopeRoots(user, permission)));
  if (roots.length === 0) return [];
  const needle = foldForSearch(data.q);
  const kinds: OrgUnitKind[] | null = data.purpose === "preview" ? [...BRANCH_UNIT_KINDS] : null;
  return withTenant(user.tenantId, (tx) => {
    const scope = Prisma.join(
      roots.map((root) => Prisma.sql`u."path" LIKE ${`${root.path}%`}`),
      " OR ",
    );
    return tx.$queryRaw<UnitOption[]>`
      SELECT u."id", u."name", u."kind"::text AS "kind", p."name" AS "parentName"
      FROM "OrgUnit" u
      LEFT JOIN "OrgUnit" p ON p."tenantId" = u."tenantId" AND p."id" = u."parentId"
      WHERE u."tenantId" = ${user.tenantId}::uuid
        AND (${scope})
        AND u."activeTo" IS NULL
        ${kinds ? Prisma.sql`AND u."kind"::text = ANY(${kinds}::text[])` : Prisma.empty}
        ${needle ? Prisma.sql`AND app_fold(u."name") LIKE ${`%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : Prisma.empty}
      ORDER BY u."depth", u."name"
      LIMIT ${PICKER_LIMIT}`;
  });
}
