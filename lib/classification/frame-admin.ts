// Frame administration, as rubric administration (lib/scoring/rubric-admin.ts): list and read a
// tenant's classification frames, clone one under a new code, save the next version (form fields
// or the whole JSON), import and export JSON, and assign a code to the subjects of a subtree.
//
// Who: reading is for those who administer settings or take part in the workflow somewhere
// (settings.manage, score.self, score.confirm, score.review); changes need settings.manage. A new
// version of a code may only be added by an admin whose scope covers every unit the code is actively
// assigned to; an assignment is only made on a unit inside the admin's own subtree.
//
// Rows are never updated (INSERT only): an edit inserts the next version, so a classification
// keeps the frame it was assessed under.
import { recordAudit } from "@/lib/audit/record";
import { authorize, canAnywhere, scopeRoots, type Permission, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ForbiddenError, INVALID_INPUT, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatCalendarDate } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { jsonObjectInput } from "@/lib/json/object-input";
import { isUniqueViolation } from "@/lib/errors";
import {
  cloneFrameSchema,
  createFrameAssignmentSchema,
  endFrameAssignmentSchema,
  frameCodeSchema,
  saveFrameVersionSchema,
  type CloneFrameInput,
  type CreateFrameAssignmentInput,
  type EndFrameAssignmentInput,
  type SaveFrameVersionInput,
} from "./frame-admin-schemas";
import { ensureBuiltInFrames, frameColumns } from "./frame-store";
import { BUILT_IN_FRAMES } from "./frames";
import { classificationMessages } from "./messages";
import { frameSchema, type ClassificationSubject, type Frame, type FrameIssue, type PeriodKind } from "./model";
import { parseFrame } from "./validate";
import { isoDay } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";

export interface ServiceOptions {
  requestId?: string | null;
}

type JsonInput = Record<string, unknown>;

const READ_PERMISSIONS: readonly Permission[] = ["settings.manage", "score.review", "score.confirm", "score.self"];
const text = classificationMessages.frames;
const serverText = messages.classificationServer;
const FRAME_UNIQUE = "ClassificationFrame_tenantId_code_version_key";
const BUILT_IN_CODES = new Set(BUILT_IN_FRAMES.map((f) => f.code));

// ─── Access ─────────────────────────────────────────────────────────────────────────────────────

export function mayReadFrames(user: Principal | null | undefined): boolean {
  return READ_PERMISSIONS.some((permission) => canAnywhere(user, permission));
}

function requireReader(user: Principal): void {
  if (!mayReadFrames(user)) throw new NotFoundError(text.notFound);
}

function requireManager(user: Principal): void {
  requireReader(user);
  if (!canAnywhere(user, "settings.manage")) throw new ForbiddenError(text.manageOnly);
}

interface ActiveAssignment {
  id: string;
  frameCode: string;
  unit: { name: string; path: string };
}

async function activeAssignments(tx: Tx, tenantId: string, code?: string): Promise<ActiveAssignment[]> {
  return tx.classificationFrameAssignment.findMany({
    where: { tenantId, endedAt: null, ...(code ? { frameCode: code } : {}) },
    select: { id: true, frameCode: true, unit: { select: { name: true, path: true } } },
  });
}

function assignedOutside(user: Principal, assignments: readonly ActiveAssignment[], code: string): ActiveAssignment | undefined {
  return assignments.find((a) => a.frameCode === code && !authorize(user, "settings.manage", a.unit));
}

function outsideMessage(code: string, assignment: ActiveAssignment): string {
  return fill(text.assignedOutside, { code, unit: assignment.unit.name });
}

async function requireVersionScope(tx: Tx, user: Principal, code: string): Promise<void> {
  const outside = assignedOutside(user, await activeAssignments(tx, user.tenantId, code), code);
  if (outside) throw new ForbiddenError(outsideMessage(code, outside));
}

// ─── Rows ───────────────────────────────────────────────────────────────────────────────────────

const versionSelect = { id: true, code: true, version: true, name: true, builtIn: true, subject: true, createdAt: true, definition: true } as const;
type VersionRow = Prisma.ClassificationFrameGetPayload<{ select: typeof versionSelect }>;

function definitionOf(row: { definition: unknown }): Frame {
  return frameSchema.parse(row.definition);
}

export interface FrameVersionSummary {
  id: string;
  version: number;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  periods: PeriodKind[];
  totalPoints: number;
  /** Classifications assessed under this version. */
  classifications: number;
  createdAt: Date;
}

export interface FrameSummary {
  code: string;
  name: string;
  issuer: string;
  subject: ClassificationSubject;
  builtIn: boolean;
  latest: FrameVersionSummary;
  versions: FrameVersionSummary[];
  activeAssignments: number;
  editable: boolean;
}

export interface FrameList {
  frames: FrameSummary[];
  canManage: boolean;
}

function summaryOf(row: VersionRow, count: number): FrameVersionSummary {
  const frame = definitionOf(row);
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    effectiveFrom: frame.effectiveFrom,
    effectiveTo: frame.effectiveTo ?? null,
    periods: [...frame.periods],
    totalPoints: frame.totalPoints,
    classifications: count,
    createdAt: row.createdAt,
  };
}

async function classificationCounts(tx: Tx, tenantId: string, frameIds?: string[]): Promise<Map<string, number>> {
  const groups = await tx.classification.groupBy({
    by: ["frameId"],
    where: { tenantId, ...(frameIds ? { frameId: { in: frameIds } } : {}) },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.frameId, g._count._all]));
}

const SUBJECT_ORDER: Record<ClassificationSubject, number> = { COLLECTIVE: 0, MEMBER_LEADER: 1, MEMBER: 2 };

/** Every frame code of the tenant with its versions: built-ins first, then by subject and code. */
export async function listFrames(user: Principal): Promise<FrameList> {
  requireReader(user);
  return withTenant(user.tenantId, async (tx) => {
    await ensureBuiltInFrames(tx, user.tenantId);
    const rows = await tx.classificationFrame.findMany({ where: { tenantId: user.tenantId }, select: versionSelect, orderBy: [{ code: "asc" }, { version: "desc" }] });
    const counts = await classificationCounts(tx, user.tenantId);
    const assignments = await activeAssignments(tx, user.tenantId);
    const byCode = new Map<string, VersionRow[]>();
    for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row]);
    const canManage = canAnywhere(user, "settings.manage");
    const frames = [...byCode.entries()].map(([code, versions]): FrameSummary => {
      const latestRow = versions[0]!;
      const builtIn = versions.some((v) => v.builtIn);
      const summaries = versions.map((v) => summaryOf(v, counts.get(v.id) ?? 0));
      return {
        code,
        name: latestRow.name,
        issuer: definitionOf(latestRow).issuer,
        subject: latestRow.subject,
        builtIn,
        latest: summaries[0]!,
        versions: summaries,
        activeAssignments: assignments.filter((a) => a.frameCode === code).length,
        editable: !builtIn && canManage && !assignedOutside(user, assignments, code),
      };
    });
    frames.sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || SUBJECT_ORDER[a.subject] - SUBJECT_ORDER[b.subject] || a.code.localeCompare(b.code));
    return { frames, canManage };
  });
}

export interface FrameDetail {
  id: string;
  code: string;
  version: number;
  name: string;
  builtIn: boolean;
  createdAt: Date;
  classifications: number;
  frame: Frame;
  versions: { id: string; version: number; effectiveFrom: string; effectiveTo: string | null; classifications: number }[];
  latestId: string;
  latestVersion: number;
  activeAssignments: number;
  canClone: boolean;
  canEdit: boolean;
  editBlockedReason: string | null;
}

/** One version with its siblings; 404 for an id that is not a frame of the user's tenant. */
export async function getFrame(user: Principal, id: string): Promise<FrameDetail> {
  requireReader(user);
  return withTenant(user.tenantId, async (tx) => {
    await ensureBuiltInFrames(tx, user.tenantId);
    const row = isUuid(id) ? await tx.classificationFrame.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id } }, select: versionSelect }) : null;
    if (!row) throw new NotFoundError(text.notFound);
    const siblings = await tx.classificationFrame.findMany({ where: { tenantId: user.tenantId, code: row.code }, select: versionSelect, orderBy: { version: "desc" } });
    const counts = await classificationCounts(
      tx,
      user.tenantId,
      siblings.map((s) => s.id),
    );
    const assignments = await activeAssignments(tx, user.tenantId, row.code);
    const builtIn = siblings.some((s) => s.builtIn);
    const canManage = canAnywhere(user, "settings.manage");
    const outside = assignedOutside(user, assignments, row.code);
    const latest = siblings[0]!;
    return {
      id: row.id,
      code: row.code,
      version: row.version,
      name: row.name,
      builtIn,
      createdAt: row.createdAt,
      classifications: counts.get(row.id) ?? 0,
      frame: definitionOf(row),
      versions: siblings.map((s) => {
        const frame = definitionOf(s);
        return { id: s.id, version: s.version, effectiveFrom: frame.effectiveFrom, effectiveTo: frame.effectiveTo ?? null, classifications: counts.get(s.id) ?? 0 };
      }),
      latestId: latest.id,
      latestVersion: latest.version,
      activeAssignments: assignments.length,
      canClone: canManage,
      canEdit: canManage && !builtIn && !outside,
      editBlockedReason: !canManage ? null : builtIn ? text.readOnly : outside ? outsideMessage(row.code, outside) : null,
    };
  });
}

export async function exportFrame(user: Principal, id: string): Promise<{ filename: string; json: string; definition: Frame }> {
  const detail = await getFrame(user, id);
  return { filename: `khung-xep-loai-${detail.code}-v${detail.version}.json`, json: `${JSON.stringify(detail.frame, null, 2)}\n`, definition: detail.frame };
}

// ─── Validation of a definition ─────────────────────────────────────────────────────────────────

function issueField(issue: FrameIssue, candidate: Record<string, unknown>): string {
  const path = issue.path ?? "";
  if (!path) return "definition";
  const groups = Array.isArray(candidate.groups) ? (candidate.groups as { code?: unknown; criteria?: unknown }[]) : [];
  for (const group of groups) {
    if (group?.code === path) return `groups.${path}`;
    for (const c of Array.isArray(group?.criteria) ? (group.criteria as { code?: unknown }[]) : []) if (c?.code === path) return `criteria.${path}`;
  }
  return path;
}

/** The candidate as a valid frame, or a ValidationError carrying every issue as field errors. */
function validOrThrow(candidate: Record<string, unknown>): Frame {
  const result = parseFrame(candidate);
  if (result.ok) return result.frame;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.errors) (fieldErrors[issueField(issue, candidate)] ??= []).push(issue.message);
  throw new ValidationError(fill(text.invalid, { count: result.errors.length }), fieldErrors);
}

/** A tenant frame keeps the code and version it is saved under. */
function asTenantFrame(candidate: Record<string, unknown>, code: string, version: number): Record<string, unknown> {
  return { ...candidate, code, version };
}

async function insertVersion(tx: Tx, user: Principal, frame: Frame): Promise<{ id: string }> {
  return tx.classificationFrame.create({ data: { tenantId: user.tenantId, builtIn: false, createdById: user.id, ...frameColumns(frame) }, select: { id: true } });
}

async function requireNewCode(tx: Tx, tenantId: string, code: string, field: string): Promise<void> {
  const clash =
    [...BUILT_IN_CODES].find((c) => c.toLowerCase() === code.toLowerCase()) ??
    (await tx.classificationFrame.findFirst({ where: { tenantId, code: { equals: code, mode: "insensitive" } }, select: { code: true } }))?.code;
  if (clash) throw fieldError(field, clash === code ? fill(text.codeTaken, { code }) : fill(text.codeTakenCase, { code, clash }));
}

function auditCommon(user: Principal, entityType: string, entityId: string, options: ServiceOptions) {
  return { tenantId: user.tenantId, actorUserId: user.id, entityType, entityId, requestId: options.requestId ?? null };
}

export interface SavedFrame {
  id: string;
  code: string;
  version: number;
}

/** A copy of any version (built-in or the tenant's) under a new code, as its version 1. */
export async function cloneFrame(user: Principal, input: CloneFrameInput | JsonInput, options: ServiceOptions = {}): Promise<SavedFrame> {
  requireManager(user);
  const data = parseInput(cloneFrameSchema, input);
  try {
    return await withTenant(user.tenantId, async (tx) => {
      await ensureBuiltInFrames(tx, user.tenantId);
      const source = isUuid(data.sourceId)
        ? await tx.classificationFrame.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: data.sourceId } }, select: versionSelect })
        : null;
      if (!source) throw new NotFoundError(text.notFound);
      await requireNewCode(tx, user.tenantId, data.code, "code");
      const frame = validOrThrow(asTenantFrame({ ...definitionOf(source), name: data.name }, data.code, 1));
      const created = await insertVersion(tx, user, frame);
      await recordAudit(tx, {
        ...auditCommon(user, "ClassificationFrame", created.id, options),
        action: "classificationFrame.clone",
        after: { code: frame.code, version: 1, name: frame.name, sourceFrameId: source.id, sourceCode: source.code, sourceVersion: source.version },
      });
      return { id: created.id, code: frame.code, version: 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error, FRAME_UNIQUE)) throw fieldError("code", fill(text.codeTaken, { code: data.code }));
    throw error;
  }
}

type SaveData = import("zod").infer<typeof saveFrameVersionSchema>;

/** The form's fields applied to a copy of the base version. */
function applyForm(base: Frame, data: SaveData): Record<string, unknown> {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const next = structuredClone(base) as Frame;
  if (data.name !== undefined) {
    const name = data.name.normalize("NFC").trim().replace(/\s+/g, " ");
    if (name.length < 3) fail("name", text.nameTooShort);
    next.name = name;
  }
  if (data.description !== undefined) {
    const description = data.description.normalize("NFC").trim();
    if (description) next.description = description;
    else delete next.description;
  }
  if (data.effectiveFrom !== undefined) next.effectiveFrom = data.effectiveFrom.trim();
  if (data.effectiveTo !== undefined) next.effectiveTo = data.effectiveTo.trim() || null;
  const groups = new Map(next.groups.map((g) => [g.code, g]));
  for (const [code, fields] of Object.entries(data.groups ?? {})) {
    const group = groups.get(code);
    if (!group) fail(`groups.${code}`, fill(text.noGroup, { code }));
    else if (fields.points !== undefined) group.points = fields.points;
  }
  const criteria = new Map(next.groups.flatMap((g) => g.criteria.map((c) => [c.code, c] as const)));
  for (const [code, fields] of Object.entries(data.criteria ?? {})) {
    const criterion = criteria.get(code);
    if (!criterion) {
      fail(`criteria.${code}`, fill(text.noCriterion, { code }));
      continue;
    }
    if (fields.maxPoints !== undefined) criterion.maxPoints = fields.maxPoints;
    if (fields.step !== undefined) criterion.step = fields.step;
    if (fields.guidance !== undefined) {
      if (fields.guidance) criterion.guidance = fields.guidance;
      else delete criterion.guidance;
    }
  }
  const levels = new Map(next.levels.map((rule) => [rule.level as string, rule]));
  for (const [level, fields] of Object.entries(data.levels ?? {})) {
    const rule = levels.get(level);
    if (!rule) fail(`levels.${level}`, fill(text.noLevel, { level }));
    else if (fields.minTotal !== undefined) rule.minTotal = fields.minTotal;
  }
  const conditions = new Map(next.levels.flatMap((rule) => (rule.conditions ?? []).map((c) => [c.code, c] as const)));
  for (const [code, fields] of Object.entries(data.conditions ?? {})) {
    const condition = conditions.get(code);
    if (!condition) fail(`conditions.${code}`, fill(text.noCondition, { code }));
    else if (fields.value !== undefined) condition.value = fields.value;
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(INVALID_INPUT, errors);
  return next as unknown as Record<string, unknown>;
}

/**
 * Inserts the next version of a tenant frame. Built-ins are read-only; a stale
 * `expectedLatestVersion` is a conflict; an invalid result writes nothing and reports every issue.
 */
export async function saveFrameVersion(user: Principal, input: SaveFrameVersionInput | JsonInput, options: ServiceOptions = {}): Promise<SavedFrame> {
  requireManager(user);
  const data = parseInput(saveFrameVersionSchema, input);
  try {
    return await withTenant(user.tenantId, async (tx) => {
      await ensureBuiltInFrames(tx, user.tenantId);
      const versions = await tx.classificationFrame.findMany({ where: { tenantId: user.tenantId, code: data.code }, select: versionSelect, orderBy: { version: "desc" } });
      const latest = versions[0];
      if (!latest) throw new NotFoundError(text.notFound);
      if (BUILT_IN_CODES.has(data.code) || versions.some((v) => v.builtIn)) throw new ForbiddenError(text.readOnly);
      await requireVersionScope(tx, user, data.code);
      if (latest.version !== data.expectedLatestVersion) throw new ConflictError(fill(text.stale, { code: data.code, version: latest.version }));
      let candidate: Record<string, unknown>;
      let baseVersion = latest.version;
      if (data.definition !== undefined) {
        candidate = jsonObjectInput(data.definition, "definition", serverText.frameInput.frame);
        if (candidate.code !== undefined && candidate.code !== data.code) {
          throw fieldError("definition", fill(text.codeMismatch, { found: String(candidate.code), code: data.code }));
        }
        if (candidate.subject !== undefined && candidate.subject !== latest.subject) throw fieldError("definition", text.subjectFixed);
      } else {
        const base = data.baseId ? versions.find((v) => v.id === data.baseId) : latest;
        if (!base) throw new NotFoundError(text.notFound);
        baseVersion = base.version;
        candidate = applyForm(definitionOf(base), data);
      }
      const version = latest.version + 1;
      const frame = validOrThrow(asTenantFrame(candidate, data.code, version));
      const created = await insertVersion(tx, user, frame);
      await recordAudit(tx, {
        ...auditCommon(user, "ClassificationFrame", created.id, options),
        action: "classificationFrame.version",
        before: { version: latest.version },
        after: { code: frame.code, version, baseVersion, name: frame.name, effectiveFrom: frame.effectiveFrom, effectiveTo: frame.effectiveTo ?? null },
      });
      return { id: created.id, code: frame.code, version };
    });
  } catch (error) {
    if (isUniqueViolation(error, FRAME_UNIQUE)) throw new ConflictError(fill(text.stale, { code: data.code, version: data.expectedLatestVersion + 1 }));
    throw error;
  }
}

/**
 * A JSON file as exported: a new code becomes version 1, a code the tenant already has becomes its
 * next version (the version in the file is ignored). Built-in codes are refused.
 */
export async function importFrame(user: Principal, json: string | Record<string, unknown>, options: ServiceOptions = {}): Promise<SavedFrame & { created: boolean }> {
  requireManager(user);
  const object = jsonObjectInput(json, "file", serverText.frameInput.frame);
  const codeResult = frameCodeSchema.safeParse(object.code);
  if (!codeResult.success) throw fieldError("code", fill(text.fileWithoutCode, { reason: codeResult.error.issues[0]?.message ?? "" }).trim());
  const code = codeResult.data;
  try {
    return await withTenant(user.tenantId, async (tx) => {
      await ensureBuiltInFrames(tx, user.tenantId);
      const versions = await tx.classificationFrame.findMany({
        where: { tenantId: user.tenantId, code },
        select: { id: true, version: true, builtIn: true, subject: true },
        orderBy: { version: "desc" },
      });
      if (BUILT_IN_CODES.has(code) || versions.some((v) => v.builtIn)) throw fieldError("code", fill(text.importBuiltIn, { code }));
      const latest = versions[0];
      if (latest) {
        await requireVersionScope(tx, user, code);
        if (object.subject !== latest.subject) throw fieldError("definition", text.subjectFixed);
      } else await requireNewCode(tx, user.tenantId, code, "code");
      const version = (latest?.version ?? 0) + 1;
      const frame = validOrThrow(asTenantFrame(object, code, version));
      const created = await insertVersion(tx, user, frame);
      await recordAudit(tx, {
        ...auditCommon(user, "ClassificationFrame", created.id, options),
        action: "classificationFrame.import",
        ...(latest ? { before: { version: latest.version } } : {}),
        after: { code, version, name: frame.name, subject: frame.subject, effectiveFrom: frame.effectiveFrom },
      });
      return { id: created.id, code, version, created: !latest };
    });
  } catch (error) {
    if (isUniqueViolation(error, FRAME_UNIQUE)) throw new ConflictError(fill(text.stale, { code, version: serverText.frameAdmin.newVersion }));
    throw error;
  }
}

// ─── Assignments ────────────────────────────────────────────────────────────────────────────────

export interface FrameAssignmentItem {
  id: string;
  unit: { id: string; name: string };
  frameCode: string;
  frameName: string | null;
  subjects: ClassificationSubject[];
  validFrom: Date;
  validTo: Date | null;
  endedAt: Date | null;
  createdAt: Date;
}

/** Assignments on units of the user's settings.manage subtrees: active first, then the latest start. */
export async function listFrameAssignments(user: Principal): Promise<FrameAssignmentItem[]> {
  const roots = scopeRoots(user, "settings.manage");
  if (roots.length === 0) throw new NotFoundError(text.assignmentNotFound);
  return withTenant(user.tenantId, async (tx) => {
    const rows = await tx.classificationFrameAssignment.findMany({
      where: { tenantId: user.tenantId, unit: { OR: roots.map((root) => ({ path: { startsWith: root.path } })) } },
      select: { id: true, frameCode: true, subjects: true, validFrom: true, validTo: true, endedAt: true, createdAt: true, unit: { select: { id: true, name: true, depth: true } } },
      orderBy: [{ validFrom: "desc" }, { createdAt: "desc" }],
    });
    const frames = await tx.classificationFrame.findMany({
      where: { tenantId: user.tenantId, code: { in: [...new Set(rows.map((r) => r.frameCode))] } },
      select: { code: true, name: true },
      orderBy: { version: "asc" },
    });
    const names = new Map(frames.map((f) => [f.code, f.name]));
    rows.sort((a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || a.unit.depth - b.unit.depth);
    return rows.map((row) => ({
      id: row.id,
      unit: { id: row.unit.id, name: row.unit.name },
      frameCode: row.frameCode,
      frameName: names.get(row.frameCode) ?? null,
      subjects: row.subjects,
      validFrom: row.validFrom,
      validTo: row.validTo,
      endedAt: row.endedAt,
      createdAt: row.createdAt,
    }));
  });
}

/**
 * Names a frame code for some subjects in a subtree from a date. The unit must be in the admin's
 * subtree, the code must exist and rate those subjects, and no active assignment of the same unit
 * may share a subject over overlapping dates (end it first).
 */
export async function createFrameAssignment(user: Principal, input: CreateFrameAssignmentInput | JsonInput, options: ServiceOptions = {}): Promise<{ id: string }> {
  requireManager(user);
  const data = parseInput(createFrameAssignmentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const unit = isUuid(data.unitId)
      ? await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: data.unitId } }, select: { id: true, name: true, path: true, activeTo: true } })
      : null;
    if (!unit || !authorize(user, "settings.manage", unit)) throw fieldError("unitId", text.unitOutside);
    if (unit.activeTo) throw fieldError("unitId", fill(text.unitClosed, { unit: unit.name }));
    await ensureBuiltInFrames(tx, user.tenantId);
    const frame = await tx.classificationFrame.findFirst({ where: { tenantId: user.tenantId, code: data.frameCode }, select: { code: true, subject: true } });
    if (!frame) throw fieldError("frameCode", fill(text.noFrameCode, { code: data.frameCode }));
    const wrong = data.subjects.filter((s) => s !== frame.subject);
    if (wrong.length > 0) throw fieldError("subjects", fill(text.subjectMismatch, { code: frame.code, subject: classificationMessages.subject[frame.subject] }));

    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`classification-assignment:${user.tenantId}:${unit.id}`}))`;
    const clash = await tx.classificationFrameAssignment.findFirst({
      where: {
        tenantId: user.tenantId,
        unitId: unit.id,
        endedAt: null,
        subjects: { hasSome: data.subjects },
        ...(data.validTo ? { validFrom: { lte: data.validTo } } : {}),
        OR: [{ validTo: null }, { validTo: { gte: data.validFrom } }],
      },
      select: { frameCode: true, validFrom: true, validTo: true },
    });
    if (clash) {
      const period = clash.validTo ? fill(serverText.frameAdmin.fromTo, { from: formatCalendarDate(clash.validFrom), to: formatCalendarDate(clash.validTo) }) : fill(serverText.frameAdmin.from, { from: formatCalendarDate(clash.validFrom) });
      throw new ConflictError(fill(text.assignmentClash, { unit: unit.name, code: clash.frameCode, period }));
    }
    const created = await tx.classificationFrameAssignment.create({
      data: { tenantId: user.tenantId, unitId: unit.id, frameCode: frame.code, subjects: data.subjects, validFrom: data.validFrom, validTo: data.validTo, createdById: user.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...auditCommon(user, "ClassificationFrameAssignment", created.id, options),
      action: "classificationAssignment.create",
      after: { orgUnitId: unit.id, frameCode: frame.code, subjects: data.subjects, validFrom: isoDay(data.validFrom), validTo: data.validTo ? isoDay(data.validTo) : null },
    });
    return { id: created.id };
  });
}

/** Ends an assignment (never deleted: which frame applied stays readable). */
export async function endFrameAssignment(user: Principal, input: EndFrameAssignmentInput | JsonInput, options: ServiceOptions = {}): Promise<{ endedAt: Date }> {
  requireManager(user);
  const data = parseInput(endFrameAssignmentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const assignment = isUuid(data.id)
      ? await tx.classificationFrameAssignment.findUnique({
          where: { tenantId_id: { tenantId: user.tenantId, id: data.id } },
          select: { id: true, endedAt: true, frameCode: true, unit: { select: { path: true } } },
        })
      : null;
    if (!assignment || !authorize(user, "settings.manage", assignment.unit)) throw new NotFoundError(text.assignmentNotFound);
    if (assignment.endedAt) throw new ConflictError(text.assignmentAlreadyEnded);
    const endedAt = new Date();
    const { count } = await tx.classificationFrameAssignment.updateMany({ where: { tenantId: user.tenantId, id: assignment.id, endedAt: null }, data: { endedAt } });
    if (count === 0) throw new ConflictError(text.assignmentAlreadyEnded);
    await recordAudit(tx, {
      ...auditCommon(user, "ClassificationFrameAssignment", assignment.id, options),
      action: "classificationAssignment.end",
      before: { endedAt: null },
      after: { endedAt: endedAt.toISOString(), frameCode: assignment.frameCode, ...(data.reason ? { reason: data.reason } : {}) },
    });
    return { endedAt };
  });
}
