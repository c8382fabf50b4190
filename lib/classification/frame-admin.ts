// Frame administration, as rubric administration: list and read a tenant's classification frames,
// clone one under a new code, save the next version (form fields or the whole JSON), import and
// export JSON, and assign a code to the subjects of a subtree. The rules are those of every
// versioned rule set (lib/rule-sets/admin.ts); this file says where frames are stored and what is
// particular to them (a frame rates one subject, which a new version may not change).
import type { Principal } from "@/lib/auth/permissions";
import { fieldError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { applyCommonFields, assignmentServices, clashPeriod, cloneVersion, getVersion, importVersion, listCodes, mayRead, requireManager, saveNextVersion, withFormFields, type Imported, type RuleSetKind, type Saved, type CodeSummaryBase, type VersionSummaryBase, type VersionDetail } from "@/lib/rule-sets/admin";
import {
  cloneFrameSchema,
  createFrameAssignmentSchema,
  frameCodeSchema,
  saveFrameVersionSchema,
  type CloneFrameInput,
  type SaveFrameVersionInput,
} from "./frame-admin-schemas";
import { ensureBuiltInFrames, frameColumns } from "./frame-store";
import { BUILT_IN_FRAMES } from "./frames";
import { classificationMessages } from "./messages";
import { frameSchema, type ClassificationSubject, type Frame, type PeriodKind } from "./model";
import { parseFrame } from "./validate";
import type { ServiceContext, JsonInput } from "@/lib/service-context";

const text = classificationMessages.frames;
const serverText = messages.classificationServer;

const versionSelect = { id: true, code: true, version: true, name: true, builtIn: true, subject: true, createdAt: true, definition: true } as const;
type VersionRow = Prisma.ClassificationFrameGetPayload<{ select: typeof versionSelect }>;

function issueField(path: string, candidate: Record<string, unknown>): string {
  const groups = Array.isArray(candidate.groups) ? (candidate.groups as { code?: unknown; criteria?: unknown }[]) : [];
  for (const group of groups) {
    if (group?.code === path) return `groups.${path}`;
    for (const c of Array.isArray(group?.criteria) ? (group.criteria as { code?: unknown }[]) : []) if (c?.code === path) return `criteria.${path}`;
  }
  return path;
}

/** Frames as a rule set: the ClassificationFrame tables, subjects as targets. */
const FRAMES: RuleSetKind<Frame, VersionRow, ClassificationSubject> = {
  entity: "ClassificationFrame",
  assignmentEntity: "ClassificationFrameAssignment",
  action: "classificationFrame",
  assignmentAction: "classificationAssignment",
  codeKey: "frameCode",
  targetsKey: "subjects",
  sourceIdKey: "sourceFrameId",
  uniqueKey: "ClassificationFrame_tenantId_code_version_key",
  builtInCodes: new Set(BUILT_IN_FRAMES.map((f) => f.code)),
  text,
  what: serverText.frameInput.frame,
  ensureBuiltIns: ensureBuiltInFrames,
  byId: (tx, tenantId, id) => tx.classificationFrame.findUnique({ where: { tenantId_id: { tenantId, id } }, select: versionSelect }),
  byCode: (tx, tenantId, code) => tx.classificationFrame.findMany({ where: { tenantId, code }, select: versionSelect, orderBy: { version: "desc" } }),
  all: (tx, tenantId) => tx.classificationFrame.findMany({ where: { tenantId }, select: versionSelect, orderBy: [{ code: "asc" }, { version: "desc" }] }),
  latestNames: async (tx, tenantId, codes) => {
    const rows = await tx.classificationFrame.findMany({ where: { tenantId, code: { in: codes } }, select: { code: true, name: true }, orderBy: { version: "asc" } });
    return new Map(rows.map((r) => [r.code, r.name]));
  },
  codeLike: async (tx, tenantId, code) =>
    (await tx.classificationFrame.findFirst({ where: { tenantId, code: { equals: code, mode: "insensitive" } }, select: { code: true } }))?.code ?? null,
  insert: (tx, user, frame) => tx.classificationFrame.create({ data: { tenantId: user.tenantId, builtIn: false, createdById: user.id, ...frameColumns(frame) }, select: { id: true } }),
  uses: async (tx, tenantId, ids) => {
    const groups = await tx.classification.groupBy({ by: ["frameId"], where: { tenantId, ...(ids ? { frameId: { in: ids } } : {}) }, _count: { _all: true } });
    return new Map(groups.map((g) => [g.frameId, g._count._all]));
  },
  definitionOf: (row) => frameSchema.parse(row.definition),
  parse: (candidate) => {
    const result = parseFrame(candidate);
    return result.ok ? { ok: true, definition: result.frame } : result;
  },
  issueField,
  /** A tenant frame keeps the code and version it is saved under. */
  asTenant: (candidate, code, version) => ({ ...candidate, code, version }),
  checkNextVersion: (candidate, latest) => {
    if (candidate.subject !== undefined && candidate.subject !== latest.subject) throw fieldError("definition", text.subjectFixed);
  },
  auditDetails: (frame) => ({ subject: frame.subject }),
  assignments: {
    active: async (tx, tenantId, code) =>
      (
        await tx.classificationFrameAssignment.findMany({
          where: { tenantId, endedAt: null, ...(code ? { frameCode: code } : {}) },
          select: { frameCode: true, unit: { select: { name: true, path: true } } },
        })
      ).map((a) => ({ code: a.frameCode, unit: a.unit })),
    inSubtrees: async (tx, tenantId, roots) =>
      (
        await tx.classificationFrameAssignment.findMany({
          where: { tenantId, unit: { OR: roots.map((root) => ({ path: { startsWith: root.path } })) } },
          select: { id: true, frameCode: true, subjects: true, validFrom: true, validTo: true, endedAt: true, createdAt: true, unit: { select: { id: true, name: true, depth: true } } },
          orderBy: [{ validFrom: "desc" }, { createdAt: "desc" }],
        })
      ).map(({ frameCode, subjects, ...row }) => ({ ...row, code: frameCode, targets: subjects })),
    checkCode: async (tx, tenantId, code, subjects) => {
      const frame = await tx.classificationFrame.findFirst({ where: { tenantId, code }, select: { code: true, subject: true } });
      if (!frame) throw fieldError("frameCode", fill(text.noFrameCode, { code }));
      if (subjects.some((s) => s !== frame.subject)) throw fieldError("subjects", fill(text.subjectMismatch, { code: frame.code, subject: classificationMessages.subject[frame.subject] }));
      return frame.code;
    },
    clash: async (tx, tenantId, data) => {
      const clash = await tx.classificationFrameAssignment.findFirst({
        where: {
          tenantId,
          unitId: data.unitId,
          endedAt: null,
          subjects: { hasSome: data.targets },
          ...(data.validTo ? { validFrom: { lte: data.validTo } } : {}),
          OR: [{ validTo: null }, { validTo: { gte: data.validFrom } }],
        },
        select: { frameCode: true, subjects: true, validFrom: true, validTo: true },
      });
      return clash && { code: clash.frameCode, targets: clash.subjects, validFrom: clash.validFrom, validTo: clash.validTo };
    },
    clashMessage: (unit, clash) => fill(text.assignmentClash, { unit, code: clash.code, period: clashPeriod(FRAMES, clash) }),
    create: (tx, user, data) =>
      tx.classificationFrameAssignment.create({
        data: { tenantId: user.tenantId, unitId: data.unitId, frameCode: data.code, subjects: data.targets, validFrom: data.validFrom, validTo: data.validTo, createdById: user.id },
        select: { id: true },
      }),
    find: async (tx, tenantId, id) => {
      const row = await tx.classificationFrameAssignment.findUnique({
        where: { tenantId_id: { tenantId, id } },
        select: { id: true, endedAt: true, frameCode: true, unit: { select: { path: true } } },
      });
      return row && { id: row.id, endedAt: row.endedAt, code: row.frameCode, unit: row.unit };
    },
    end: async (tx, tenantId, id, endedAt) => (await tx.classificationFrameAssignment.updateMany({ where: { tenantId, id, endedAt: null }, data: { endedAt } })).count,
    endedByOther: text.assignmentAlreadyEnded,
  },
  period: (from, to) => (to ? fill(serverText.frameAdmin.fromTo, { from, to }) : fill(serverText.frameAdmin.from, { from })),
  codeJustTaken: (code) => fill(text.codeTaken, { code }),
  importRace: (code) => fill(text.stale, { code, version: serverText.frameAdmin.newVersion }),
};

// ─── Access and reads ───────────────────────────────────────────────────────────────────────────

export function mayReadFrames(user: Principal | null | undefined): boolean {
  return mayRead(user);
}

export interface FrameVersionSummary extends VersionSummaryBase {
  periods: PeriodKind[];
  /** Classifications assessed under this version. */
  classifications: number;
}

export interface FrameSummary extends CodeSummaryBase<FrameVersionSummary> {
  subject: ClassificationSubject;
}

export interface FrameList {
  frames: FrameSummary[];
  canManage: boolean;
}

const SUBJECT_ORDER: Record<ClassificationSubject, number> = { COLLECTIVE: 0, MEMBER_LEADER: 1, MEMBER: 2 };

/** Every frame code of the tenant with its versions: built-ins first, then by subject and code. */
export async function listFrames(user: Principal): Promise<FrameList> {
  const { codes, canManage } = await listCodes(user, FRAMES, (base, frame, classifications) => ({ ...base, periods: [...frame.periods], classifications }));
  const frames = codes.map(({ latestRow, ...summary }): FrameSummary => ({ ...summary, subject: latestRow.subject }));
  frames.sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || SUBJECT_ORDER[a.subject] - SUBJECT_ORDER[b.subject] || a.code.localeCompare(b.code));
  return { frames, canManage };
}

export interface FrameDetail extends Omit<VersionDetail<Frame>, "uses" | "definition" | "versions"> {
  classifications: number;
  frame: Frame;
  versions: { id: string; version: number; effectiveFrom: string; effectiveTo: string | null; classifications: number }[];
}

/** One version with its siblings; 404 for an id that is not a frame of the user's tenant. */
export async function getFrame(user: Principal, id: string): Promise<FrameDetail> {
  const { uses, definition, versions, ...detail } = await getVersion(user, FRAMES, id);
  return { ...detail, classifications: uses, frame: definition, versions: versions.map(({ uses: classifications, ...version }) => ({ ...version, classifications })) };
}

export async function exportFrame(user: Principal, id: string): Promise<{ filename: string; json: string; definition: Frame }> {
  const detail = await getFrame(user, id);
  return { filename: `khung-xep-loai-${detail.code}-v${detail.version}.json`, json: `${JSON.stringify(detail.frame, null, 2)}\n`, definition: detail.frame };
}

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────────

export type SavedFrame = Saved;

/** A copy of any version (built-in or the tenant's) under a new code, as its version 1. */
export async function cloneFrame(user: Principal, input: CloneFrameInput | JsonInput, options: ServiceContext = {}): Promise<SavedFrame> {
  requireManager(user, text);
  return cloneVersion(user, FRAMES, parseInput(cloneFrameSchema, input), options);
}

/**
 * Inserts the next version of a tenant frame. Built-ins are read-only; a stale
 * `expectedLatestVersion` is a conflict; an invalid result writes nothing and reports every issue.
 */
export async function saveFrameVersion(user: Principal, input: SaveFrameVersionInput | JsonInput, options: ServiceContext = {}): Promise<SavedFrame> {
  requireManager(user, text);
  const data = parseInput(saveFrameVersionSchema, input);
  const applyForm = (base: Frame) =>
    withFormFields(base, (next, fail) => {
      applyCommonFields(next, next.levels, data, text, fail);
      const conditions = new Map(next.levels.flatMap((rule) => (rule.conditions ?? []).map((c) => [c.code, c] as const)));
      for (const [code, fields] of Object.entries(data.conditions ?? {})) {
        const condition = conditions.get(code);
        if (!condition) fail(`conditions.${code}`, fill(text.noCondition, { code }));
        else if (fields.value !== undefined) condition.value = fields.value;
      }
    });
  return saveNextVersion(user, FRAMES, data, applyForm, options);
}

/**
 * A JSON file as exported: a new code becomes version 1, a code the tenant already has becomes its
 * next version (the version in the file is ignored). Built-in codes are refused.
 */
export async function importFrame(user: Principal, json: string | Record<string, unknown>, options: ServiceContext = {}): Promise<Imported> {
  return importVersion(user, FRAMES, json, frameCodeSchema, options);
}

// ─── Assignments ────────────────────────────────────────────────────────────────────────────────

const assignments = assignmentServices(FRAMES, { code: "frameCode", name: "frameName", targets: "subjects" }, createFrameAssignmentSchema, (data) => ({
  unitId: data.unitId,
  code: data.frameCode,
  targets: data.subjects,
  validFrom: data.validFrom,
  validTo: data.validTo,
}));

/** Assignments on units of the user's settings.manage subtrees: active first, then the latest start. */
export const listFrameAssignments = assignments.list;
export type FrameAssignmentItem = Awaited<ReturnType<typeof listFrameAssignments>>[number];

/**
 * Names a frame code for some subjects in a subtree from a date. The unit must be in the admin's
 * subtree, the code must exist and rate those subjects, and no active assignment of the same unit
 * may share a subject over overlapping dates (end it first).
 */
export const createFrameAssignment = assignments.create;

/** Ends an assignment (never deleted: which frame applied stays readable). */
export const endFrameAssignment = assignments.end;
