// Rubric administration (issue 5): list and read a tenant's rubrics, clone one under a new code,
// save the next version (form fields or the whole JSON), import and export JSON files, and assign
// a code to a subtree for some meeting kinds and dates.
//
// Who: reading is for anyone who administers settings or scores meetings somewhere (settings.manage,
// score.self, score.confirm, score.review); changes need settings.manage. A rubric code belongs to
// the whole tenant, so a new *version* of a code may only be added by an admin whose scope covers
// every unit the code is actively assigned to (otherwise a branch admin could change how another
// subtree is scored). New codes (clone, import of a new code) touch nobody until assigned, and an
// assignment is only made on a unit inside the admin's own subtree.
//
// Rows of Rubric are never updated (the database grants INSERT only): an edit inserts the next
// version, so a scorecard keeps the exact rules it was scored under.
import { fill } from "@/lib/i18n/fill";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, canAnywhere, scopeRoots, type Grant, type Permission, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MeetingKind, OrgUnitKind } from "@/lib/generated/prisma/enums";
import { foldForSearch, formatCalendarDate } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { jsonObjectInput } from "@/lib/json/object-input";
import { isInSubtree } from "@/lib/domain/org-path";
import { isUniqueViolation } from "@/lib/errors";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import type { UnitOption } from "@/lib/org/units";
import type { Rubric, ScoringIssue } from "./model";
import { rubricSchema } from "./schemas";
import {
  cloneRubricSchema,
  createAssignmentSchema,
  endAssignmentSchema,
  previewRubricSchema,
  rubricCodeSchema,
  saveRubricVersionSchema,
  unitSearchQuerySchema,
  type CloneRubricInput,
  type CreateAssignmentInput,
  type EndAssignmentInput,
  type PreviewRubricInput,
  type SaveRubricVersionInput,
} from "./rubric-admin-schemas";
import { ensureBuiltInRubrics, rubricColumns, rubricForMeeting } from "./rubric-store";
import { BUILT_IN_RUBRICS, NATIONAL_RUBRICS } from "./rubrics";
import { parseRubric } from "./validate";
import { isoDay } from "@/lib/time/days";

export interface ServiceOptions {
  requestId?: string | null;
}

type JsonInput = Record<string, unknown>;

const READ_PERMISSIONS: readonly Permission[] = ["settings.manage", "score.review", "score.confirm", "score.self"];

const NOT_FOUND = "Không tìm thấy khung tiêu chí này.";
const ASSIGNMENT_NOT_FOUND = "Không tìm thấy phân công khung tiêu chí này.";
export const READ_ONLY = "Khung tiêu chí có sẵn chỉ đọc; hãy sao chép để chỉnh sửa.";
const MANAGE_ONLY = "Chỉ quản trị viên hệ thống mới được thay đổi khung tiêu chí.";
const RUBRIC_UNIQUE = "Rubric_tenantId_code_version_key";

const BUILT_IN_CODES = new Set(BUILT_IN_RUBRICS.map((r) => r.code));
const NATIONAL_CODES = new Set(NATIONAL_RUBRICS.map((r) => r.code));
const kindLabel = (kind: MeetingKind) => messages.meetings.kind[kind];

// ─── Access ─────────────────────────────────────────────────────────────────────────────────────

export function mayReadRubrics(user: Principal | null | undefined): boolean {
  return READ_PERMISSIONS.some((permission) => canAnywhere(user, permission));
}

/** Readers get a 404 for nothing they may not read; a reader who may not change gets a 403. */
function requireReader(user: Principal): void {
  if (!mayReadRubrics(user)) throw new NotFoundError(NOT_FOUND);
}

function requireManager(user: Principal): void {
  requireReader(user);
  if (!canAnywhere(user, "settings.manage")) throw new ForbiddenError(MANAGE_ONLY);
}

interface ActiveAssignment {
  id: string;
  rubricCode: string;
  unit: { name: string; path: string };
}

async function activeAssignments(tx: Tx, tenantId: string, code?: string): Promise<ActiveAssignment[]> {
  return tx.rubricAssignment.findMany({
    where: { tenantId, endedAt: null, ...(code ? { rubricCode: code } : {}) },
    select: { id: true, rubricCode: true, unit: { select: { name: true, path: true } } },
  });
}

/** The first active assignment of the code outside the user's settings.manage subtrees, if any. */
function assignedOutside(user: Principal, assignments: readonly ActiveAssignment[], code: string): ActiveAssignment | undefined {
  return assignments.find((a) => a.rubricCode === code && !authorize(user, "settings.manage", a.unit));
}

function outsideMessage(code: string, assignment: ActiveAssignment): string {
  return `Khung tiêu chí ${code} đang được áp dụng cho ${assignment.unit.name}, ngoài phạm vi bạn quản lý; chỉ quản trị viên cấp trên mới thêm được phiên bản mới.`;
}

async function requireVersionScope(tx: Tx, user: Principal, code: string): Promise<void> {
  const outside = assignedOutside(user, await activeAssignments(tx, user.tenantId, code), code);
  if (outside) throw new ForbiddenError(outsideMessage(code, outside));
}

// ─── Rows ───────────────────────────────────────────────────────────────────────────────────────

const versionSelect = {
  id: true,
  code: true,
  version: true,
  name: true,
  builtIn: true,
  createdAt: true,
  definition: true,
} as const;

type VersionRow = Prisma.RubricGetPayload<{ select: typeof versionSelect }>;

/** Every stored row was validated before insert; parsing again only restores the type. */
function definitionOf(row: { definition: unknown }): Rubric {
  return rubricSchema.parse(row.definition);
}

export interface RubricVersionSummary {
  id: string;
  version: number;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  meetingKinds: MeetingKind[];
  totalPoints: number;
  /** Scorecards scored under this version. */
  scorecards: number;
  createdAt: Date;
}

export interface RubricSummary {
  code: string;
  /** The latest version's name. */
  name: string;
  issuer: string;
  builtIn: boolean;
  /** A national frame: what applies where no assignment names another code. */
  national: boolean;
  latest: RubricVersionSummary;
  /** Newest first. */
  versions: RubricVersionSummary[];
  activeAssignments: number;
  /** The user may save a new version of this code. */
  editable: boolean;
}

export interface RubricList {
  rubrics: RubricSummary[];
  /** The user holds settings.manage somewhere (clone, import, assignments). */
  canManage: boolean;
}

function summaryOf(row: VersionRow, scorecards: number): RubricVersionSummary {
  const rubric = definitionOf(row);
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    effectiveFrom: rubric.effectiveFrom,
    effectiveTo: rubric.effectiveTo ?? null,
    meetingKinds: [...rubric.meetingKinds],
    totalPoints: rubric.totalPoints,
    scorecards,
    createdAt: row.createdAt,
  };
}

async function scorecardCounts(tx: Tx, tenantId: string, rubricIds?: string[]): Promise<Map<string, number>> {
  const groups = await tx.scorecard.groupBy({
    by: ["rubricId"],
    where: { tenantId, ...(rubricIds ? { rubricId: { in: rubricIds } } : {}) },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.rubricId, g._count._all]));
}

function isEditable(user: Principal, builtIn: boolean, code: string, assignments: readonly ActiveAssignment[]): boolean {
  return !builtIn && canAnywhere(user, "settings.manage") && !assignedOutside(user, assignments, code);
}

// ─── Reads ──────────────────────────────────────────────────────────────────────────────────────

/** Every rubric code of the tenant with its versions (built-ins first, then the tenant's own by code). */
export async function listRubrics(user: Principal): Promise<RubricList> {
  requireReader(user);
  return withTenant(user.tenantId, async (tx) => {
    await ensureBuiltInRubrics(tx, user.tenantId);
    const rows = await tx.rubric.findMany({ where: { tenantId: user.tenantId }, select: versionSelect, orderBy: [{ code: "asc" }, { version: "desc" }] });
    const counts = await scorecardCounts(tx, user.tenantId);
    const assignments = await activeAssignments(tx, user.tenantId);
    const byCode = new Map<string, VersionRow[]>();
    for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row]);
    const rubrics = [...byCode.entries()].map(([code, versions]): RubricSummary => {
      const latestRow = versions[0]!;
      const builtIn = versions.some((v) => v.builtIn);
      const summaries = versions.map((v) => summaryOf(v, counts.get(v.id) ?? 0));
      return {
        code,
        name: latestRow.name,
        issuer: definitionOf(latestRow).issuer,
        builtIn,
        national: NATIONAL_CODES.has(code),
        latest: summaries[0]!,
        versions: summaries,
        activeAssignments: assignments.filter((a) => a.rubricCode === code).length,
        editable: isEditable(user, builtIn, code, assignments),
      };
    });
    const rank = (r: RubricSummary) => (r.national ? 0 : r.builtIn ? 1 : 2);
    rubrics.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
    return { rubrics, canManage: canAnywhere(user, "settings.manage") };
  });
}

export interface RubricDetail {
  id: string;
  code: string;
  version: number;
  name: string;
  builtIn: boolean;
  national: boolean;
  createdAt: Date;
  scorecards: number;
  rubric: Rubric;
  /** Every version of the code, newest first. */
  versions: { id: string; version: number; effectiveFrom: string; effectiveTo: string | null; scorecards: number }[];
  latestId: string;
  latestVersion: number;
  activeAssignments: number;
  /** The user may clone (settings.manage anywhere). */
  canClone: boolean;
  /** The user may save a new version of the code. */
  canEdit: boolean;
  /** Why a manager may not edit it (built-in, or assigned outside their subtree). */
  editBlockedReason: string | null;
}

async function loadDetail(tx: Tx, user: Principal, id: string): Promise<RubricDetail> {
  const row = isUuid(id) ? await tx.rubric.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id } }, select: versionSelect }) : null;
  if (!row) throw new NotFoundError(NOT_FOUND);
  const siblings = await tx.rubric.findMany({
    where: { tenantId: user.tenantId, code: row.code },
    select: versionSelect,
    orderBy: { version: "desc" },
  });
  const counts = await scorecardCounts(
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
    national: NATIONAL_CODES.has(row.code),
    createdAt: row.createdAt,
    scorecards: counts.get(row.id) ?? 0,
    rubric: definitionOf(row),
    versions: siblings.map((s) => {
      const rubric = definitionOf(s);
      return { id: s.id, version: s.version, effectiveFrom: rubric.effectiveFrom, effectiveTo: rubric.effectiveTo ?? null, scorecards: counts.get(s.id) ?? 0 };
    }),
    latestId: latest.id,
    latestVersion: latest.version,
    activeAssignments: assignments.length,
    canClone: canManage,
    canEdit: canManage && !builtIn && !outside,
    editBlockedReason: !canManage ? null : builtIn ? READ_ONLY : outside ? outsideMessage(row.code, outside) : null,
  };
}

/** One version with its siblings; 404 for an id that is not a rubric of the user's tenant. */
export async function getRubric(user: Principal, id: string): Promise<RubricDetail> {
  requireReader(user);
  return withTenant(user.tenantId, (tx) => loadDetail(tx, user, id));
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

// ─── Validation of a definition ─────────────────────────────────────────────────────────────────

/** Where an issue of the validator shows in the forms: criteria.T1, groups.T, levels, or its own path. */
function issueField(issue: ScoringIssue, candidate: unknown): string {
  const path = issue.path ?? "";
  if (!path) return "definition";
  const groups = Array.isArray((candidate as { groups?: unknown })?.groups) ? ((candidate as { groups: unknown[] }).groups as unknown[]) : [];
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

/**
 * The candidate as a valid rubric, or a ValidationError carrying every Vietnamese issue of the
 * validator as field errors (nothing is written).
 */
function validOrThrow(candidate: Record<string, unknown>): Rubric {
  const result = parseRubric(candidate);
  if (result.ok) return result.rubric;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.errors) (fieldErrors[issueField(issue, candidate)] ??= []).push(issue.message);
  throw new ValidationError(
    `Khung tiêu chí chưa hợp lệ nên chưa được lưu (${result.errors.length} lỗi). Vui lòng sửa các lỗi được nêu.`,
    fieldErrors,
  );
}

/** A JSON object from text (the editor, an uploaded file) or as sent by the API. */
function jsonObject(value: string | Record<string, unknown>, field: string): Record<string, unknown> {
  return jsonObjectInput(value, field, "khung tiêu chí");
}

/**
 * A tenant's own rubric is always scope TENANT: where it applies is decided by assignments, and a
 * uniform scope keeps "the latest effective version wins" between the versions of one code.
 */
function asTenantRubric(candidate: Record<string, unknown>, code: string, version: number): Record<string, unknown> {
  return { ...candidate, code, version, scope: "TENANT" };
}

async function insertVersion(tx: Tx, user: Principal, rubric: Rubric): Promise<{ id: string }> {
  return tx.rubric.create({
    data: { tenantId: user.tenantId, builtIn: false, createdById: user.id, ...rubricColumns(rubric) },
    select: { id: true },
  });
}

/** A code not used by any rubric of the tenant (nor a built-in), case-insensitively. */
async function requireNewCode(tx: Tx, tenantId: string, code: string, field: string): Promise<void> {
  const clash =
    [...BUILT_IN_CODES].find((c) => c.toLowerCase() === code.toLowerCase()) ??
    (await tx.rubric.findFirst({ where: { tenantId, code: { equals: code, mode: "insensitive" } }, select: { code: true } }))?.code;
  if (clash) {
    throw fieldError(
      field,
      clash === code
        ? `Mã "${code}" đã được dùng cho một khung tiêu chí khác. Vui lòng chọn mã mới.`
        : `Mã "${code}" trùng với mã "${clash}" đã có (chỉ khác chữ hoa, chữ thường). Vui lòng chọn mã khác.`,
    );
  }
}

function auditCommon(user: Principal, entityType: string, entityId: string, options: ServiceOptions) {
  return { tenantId: user.tenantId, actorUserId: user.id, entityType, entityId, requestId: options.requestId ?? null };
}

function staleMessage(code: string, latest: number): string {
  return `Khung tiêu chí ${code} vừa có phiên bản mới (phiên bản ${latest}) do người khác lưu. Vui lòng tải lại trang rồi sửa trên phiên bản mới nhất.`;
}

// ─── Clone ──────────────────────────────────────────────────────────────────────────────────────

export interface SavedRubric {
  id: string;
  code: string;
  version: number;
}

/** A copy of any version (built-in or the tenant's) under a new code, as its version 1. */
export async function cloneRubric(user: Principal, input: CloneRubricInput | JsonInput, options: ServiceOptions = {}): Promise<SavedRubric> {
  requireManager(user);
  const data = parseInput(cloneRubricSchema, input);
  try {
    return await withTenant(user.tenantId, async (tx) => {
      await ensureBuiltInRubrics(tx, user.tenantId);
      const source = isUuid(data.sourceId)
        ? await tx.rubric.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: data.sourceId } }, select: versionSelect })
        : null;
      if (!source) throw new NotFoundError(NOT_FOUND);
      await requireNewCode(tx, user.tenantId, data.code, "code");
      const rubric = validOrThrow(asTenantRubric({ ...definitionOf(source), name: data.name }, data.code, 1));
      const created = await insertVersion(tx, user, rubric);
      await recordAudit(tx, {
        ...auditCommon(user, "Rubric", created.id, options),
        action: "rubric.clone",
        after: { code: rubric.code, version: 1, name: rubric.name, sourceRubricId: source.id, sourceCode: source.code, sourceVersion: source.version },
      });
      return { id: created.id, code: rubric.code, version: 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error, RUBRIC_UNIQUE)) throw fieldError("code", `Mã "${data.code}" vừa được dùng cho một khung tiêu chí khác. Vui lòng chọn mã mới.`);
    throw error;
  }
}

// ─── New version ────────────────────────────────────────────────────────────────────────────────

type SaveData = z.infer<typeof saveRubricVersionSchema>;

/** The form's fields applied to a copy of the base version; problems of the fields themselves are reported by field. */
function applyForm(base: Rubric, data: SaveData): Record<string, unknown> {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (errors[field] ??= []).push(message);
  const next = structuredClone(base) as Rubric;

  if (data.name !== undefined) {
    const name = data.name.normalize("NFC").trim().replace(/\s+/g, " ");
    if (name.length < 3) fail("name", "Tên khung tiêu chí cần ít nhất 3 ký tự.");
    next.name = name;
  }
  if (data.description !== undefined) {
    const description = data.description.normalize("NFC").trim();
    if (description) next.description = description;
    else delete next.description;
  }
  if (data.effectiveFrom !== undefined) next.effectiveFrom = data.effectiveFrom.trim();
  if (data.effectiveTo !== undefined) next.effectiveTo = data.effectiveTo.trim() || null;
  if (data.meetingKinds !== undefined) {
    // The form always sends an empty "meetingKinds" next to its checkboxes, so none ticked is seen.
    const kinds = (Array.isArray(data.meetingKinds) ? data.meetingKinds : [data.meetingKinds]).filter(Boolean);
    if (kinds.length === 0) fail("meetingKinds", "Chọn ít nhất một loại kỳ sinh hoạt.");
    next.meetingKinds = kinds as Rubric["meetingKinds"];
  }
  if (data.totalPoints !== undefined) next.totalPoints = data.totalPoints;

  const groups = new Map(next.groups.map((g) => [g.code, g]));
  for (const [code, fields] of Object.entries(data.groups ?? {})) {
    const group = groups.get(code);
    if (!group) fail(`groups.${code}`, `Khung tiêu chí không có nhóm ${code}.`);
    else if (fields.points !== undefined) group.points = fields.points;
  }
  const criteria = new Map(next.groups.flatMap((g) => g.criteria.map((c) => [c.code, c] as const)));
  for (const [code, fields] of Object.entries(data.criteria ?? {})) {
    const criterion = criteria.get(code);
    if (!criterion) {
      fail(`criteria.${code}`, `Khung tiêu chí không có tiêu chí ${code}.`);
      continue;
    }
    if (fields.maxPoints !== undefined) criterion.maxPoints = fields.maxPoints;
    if (fields.step !== undefined) criterion.step = fields.step;
    if (fields.guidance !== undefined) {
      if (fields.guidance) criterion.guidance = fields.guidance;
      else delete criterion.guidance;
    }
  }
  const levels = new Map(next.levelRules.map((rule) => [rule.level as string, rule]));
  for (const [level, fields] of Object.entries(data.levels ?? {})) {
    const rule = levels.get(level);
    if (!rule) fail(`levels.${level}`, `Khung tiêu chí không có mức xếp loại ${level}.`);
    else if (fields.minTotal !== undefined) rule.minTotal = fields.minTotal;
  }
  const variants = next.thematicVariants ?? [];
  for (const [index, fields] of Object.entries(data.variants ?? {})) {
    const variant = variants[Number(index)];
    if (!/^\d+$/.test(index) || !variant) {
      fail(`variants.${index}`, fill(messages.rubrics.edit.variants.unknown, { index }));
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
      if (unknown.length > 0) fail(`variants.${index}.notApplicable`, fill(messages.rubrics.edit.variants.unknownCriteria, { codes: unknown.join(", ") }));
      if (codes.length > 0) variant.notApplicable = codes;
      else delete variant.notApplicable;
    }
    for (const [code, raw] of Object.entries(fields.maxPoints ?? {})) {
      if (!criteria.has(code)) {
        fail(`variants.${index}.maxPoints.${code}`, fill(messages.rubrics.edit.variants.unknownCriteria, { codes: code }));
        continue;
      }
      const value = typeof raw === "number" ? raw : Number(raw.trim().replace(",", "."));
      if (typeof raw === "string" && raw.trim() === "") {
        if (variant.maxPoints) delete variant.maxPoints[code];
      } else if (!Number.isFinite(value) || value < 0) {
        fail(`variants.${index}.maxPoints.${code}`, messages.rubrics.edit.variants.badPoints);
      } else {
        variant.maxPoints = { ...(variant.maxPoints ?? {}), [code]: value };
      }
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError("Dữ liệu chưa hợp lệ, vui lòng kiểm tra các ô được đánh dấu.", errors);
  return next as unknown as Record<string, unknown>;
}

/**
 * Inserts the next version of a tenant rubric. Built-ins are read-only; a stale
 * `expectedLatestVersion` is a conflict; an invalid result writes nothing and reports every issue.
 * Older versions are left as they are (scorecards keep pointing at theirs).
 */
export async function saveRubricVersion(user: Principal, input: SaveRubricVersionInput | JsonInput, options: ServiceOptions = {}): Promise<SavedRubric> {
  requireManager(user);
  const data = parseInput(saveRubricVersionSchema, input);
  try {
    return await withTenant(user.tenantId, async (tx) => {
      await ensureBuiltInRubrics(tx, user.tenantId);
      const versions = await tx.rubric.findMany({
        where: { tenantId: user.tenantId, code: data.code },
        select: versionSelect,
        orderBy: { version: "desc" },
      });
      const latest = versions[0];
      if (!latest) throw new NotFoundError(NOT_FOUND);
      if (BUILT_IN_CODES.has(data.code) || versions.some((v) => v.builtIn)) throw new ForbiddenError(READ_ONLY);
      await requireVersionScope(tx, user, data.code);
      if (latest.version !== data.expectedLatestVersion) throw new ConflictError(staleMessage(data.code, latest.version));

      let candidate: Record<string, unknown>;
      let baseVersion = latest.version;
      if (data.definition !== undefined) {
        candidate = jsonObject(data.definition, "definition");
        if (candidate.code !== undefined && candidate.code !== data.code) {
          throw fieldError(
            "definition",
            `Mã trong JSON ("${String(candidate.code)}") khác mã khung tiêu chí đang sửa (${data.code}). Để tạo khung tiêu chí mới, hãy dùng "Sao chép" hoặc "Nhập tệp JSON".`,
          );
        }
      } else {
        const base = data.baseId ? versions.find((v) => v.id === data.baseId) : latest;
        if (!base) throw new NotFoundError(NOT_FOUND);
        baseVersion = base.version;
        candidate = applyForm(definitionOf(base), data);
      }
      const version = latest.version + 1;
      const rubric = validOrThrow(asTenantRubric(candidate, data.code, version));
      const created = await insertVersion(tx, user, rubric);
      await recordAudit(tx, {
        ...auditCommon(user, "Rubric", created.id, options),
        action: "rubric.version",
        before: { version: latest.version },
        after: {
          code: rubric.code,
          version,
          baseVersion,
          name: rubric.name,
          effectiveFrom: rubric.effectiveFrom,
          effectiveTo: rubric.effectiveTo ?? null,
          meetingKinds: rubric.meetingKinds,
        },
      });
      return { id: created.id, code: rubric.code, version };
    });
  } catch (error) {
    // Two editors saving on the same latest version: the unique (code, version) decides.
    if (isUniqueViolation(error, RUBRIC_UNIQUE)) throw new ConflictError(staleMessage(data.code, data.expectedLatestVersion + 1));
    throw error;
  }
}

// ─── Import ─────────────────────────────────────────────────────────────────────────────────────

export interface ImportedRubric extends SavedRubric {
  /** A new code (version 1) rather than the next version of an existing one. */
  created: boolean;
}

/**
 * A JSON file as exported: a new code becomes version 1 of a new rubric, a code the tenant already
 * has becomes its next version (the version written in the file is ignored). Built-in codes are refused.
 */
export async function importRubric(user: Principal, json: string | Record<string, unknown>, options: ServiceOptions = {}): Promise<ImportedRubric> {
  requireManager(user);
  const object = jsonObject(json, "file");
  const codeResult = rubricCodeSchema.safeParse(object.code);
  if (!codeResult.success) {
    throw fieldError("code", `Tệp chưa có mã khung tiêu chí hợp lệ ("code"): ${codeResult.error.issues[0]?.message ?? ""}`.trim());
  }
  const code = codeResult.data;
  try {
    return await withTenant(user.tenantId, async (tx) => {
      await ensureBuiltInRubrics(tx, user.tenantId);
      const versions = await tx.rubric.findMany({
        where: { tenantId: user.tenantId, code },
        select: { id: true, version: true, builtIn: true },
        orderBy: { version: "desc" },
      });
      if (BUILT_IN_CODES.has(code) || versions.some((v) => v.builtIn)) {
        throw fieldError("code", `Mã ${code} là của khung tiêu chí có sẵn (chỉ đọc). Hãy đổi "code" trong tệp sang một mã mới để nhập thành khung tiêu chí riêng.`);
      }
      const latest = versions[0];
      if (latest) await requireVersionScope(tx, user, code);
      else await requireNewCode(tx, user.tenantId, code, "code");
      const version = (latest?.version ?? 0) + 1;
      const rubric = validOrThrow(asTenantRubric(object, code, version));
      const created = await insertVersion(tx, user, rubric);
      await recordAudit(tx, {
        ...auditCommon(user, "Rubric", created.id, options),
        action: "rubric.import",
        ...(latest ? { before: { version: latest.version } } : {}),
        after: { code, version, name: rubric.name, effectiveFrom: rubric.effectiveFrom, effectiveTo: rubric.effectiveTo ?? null, meetingKinds: rubric.meetingKinds },
      });
      return { id: created.id, code, version, created: !latest };
    });
  } catch (error) {
    if (isUniqueViolation(error, RUBRIC_UNIQUE)) {
      throw new ConflictError(`Khung tiêu chí ${code} vừa được người khác thêm phiên bản. Vui lòng nhập lại tệp.`);
    }
    throw error;
  }
}

// ─── Assignments ────────────────────────────────────────────────────────────────────────────────

export interface AssignmentItem {
  id: string;
  unit: { id: string; name: string };
  rubricCode: string;
  /** The latest version's name of the code. */
  rubricName: string | null;
  meetingKinds: MeetingKind[];
  validFrom: Date;
  validTo: Date | null;
  endedAt: Date | null;
  createdAt: Date;
}

/** Assignments on units of the user's settings.manage subtrees: active first, then the latest start. */
export async function listAssignments(user: Principal): Promise<AssignmentItem[]> {
  const roots = scopeRoots(user, "settings.manage");
  if (roots.length === 0) throw new NotFoundError(ASSIGNMENT_NOT_FOUND);
  return withTenant(user.tenantId, async (tx) => {
    const rows = await tx.rubricAssignment.findMany({
      where: { tenantId: user.tenantId, unit: { OR: roots.map((root) => ({ path: { startsWith: root.path } })) } },
      select: {
        id: true,
        rubricCode: true,
        meetingKinds: true,
        validFrom: true,
        validTo: true,
        endedAt: true,
        createdAt: true,
        unit: { select: { id: true, name: true, depth: true } },
      },
      orderBy: [{ validFrom: "desc" }, { createdAt: "desc" }],
    });
    const names = new Map<string, string>();
    const rubrics = await tx.rubric.findMany({
      where: { tenantId: user.tenantId, code: { in: [...new Set(rows.map((r) => r.rubricCode))] } },
      select: { code: true, name: true },
      orderBy: { version: "asc" },
    });
    for (const r of rubrics) names.set(r.code, r.name);
    rows.sort((a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || a.unit.depth - b.unit.depth);
    return rows.map((row) => ({
      id: row.id,
      unit: { id: row.unit.id, name: row.unit.name },
      rubricCode: row.rubricCode,
      rubricName: names.get(row.rubricCode) ?? null,
      meetingKinds: row.meetingKinds,
      validFrom: row.validFrom,
      validTo: row.validTo,
      endedAt: row.endedAt,
      createdAt: row.createdAt,
    }));
  });
}

const dayText = (date: Date | null) => (date ? formatCalendarDate(date) : null);

/**
 * Names a rubric code for the meetings of some kinds in a subtree from a date. The unit must be in
 * the admin's subtree, the code must exist, and no active assignment of the same unit may share a
 * kind over overlapping dates (end it first).
 */
export async function createAssignment(user: Principal, input: CreateAssignmentInput | JsonInput, options: ServiceOptions = {}): Promise<{ id: string }> {
  requireManager(user);
  const data = parseInput(createAssignmentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const unit = isUuid(data.unitId)
      ? await tx.orgUnit.findUnique({
          where: { tenantId_id: { tenantId: user.tenantId, id: data.unitId } },
          select: { id: true, name: true, path: true, activeTo: true },
        })
      : null;
    if (!unit || !authorize(user, "settings.manage", unit)) throw fieldError("unitId", "Không tìm thấy tổ chức này trong phạm vi bạn quản lý.");
    if (unit.activeTo) throw fieldError("unitId", `${unit.name} đã ngừng hoạt động, không áp dụng khung tiêu chí mới được.`);
    await ensureBuiltInRubrics(tx, user.tenantId);
    const rubric = await tx.rubric.findFirst({ where: { tenantId: user.tenantId, code: data.rubricCode }, select: { code: true } });
    if (!rubric) throw fieldError("rubricCode", `Không có khung tiêu chí mã ${data.rubricCode}.`);

    // Two admins assigning to the same unit at once: one waits, then sees the other's row.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`rubric-assignment:${user.tenantId}:${unit.id}`}))`;
    const clash = await tx.rubricAssignment.findFirst({
      where: {
        tenantId: user.tenantId,
        unitId: unit.id,
        endedAt: null,
        meetingKinds: { hasSome: data.meetingKinds },
        ...(data.validTo ? { validFrom: { lte: data.validTo } } : {}),
        OR: [{ validTo: null }, { validTo: { gte: data.validFrom } }],
      },
      select: { rubricCode: true, meetingKinds: true, validFrom: true, validTo: true },
    });
    if (clash) {
      const shared = clash.meetingKinds.filter((k) => data.meetingKinds.includes(k)).map(kindLabel).join(", ");
      const period = clash.validTo ? `từ ${dayText(clash.validFrom)} đến ${dayText(clash.validTo)}` : `từ ${dayText(clash.validFrom)}, chưa có ngày kết thúc`;
      throw new ConflictError(
        `${unit.name} đã được áp dụng khung tiêu chí ${clash.rubricCode} cho kỳ sinh hoạt ${shared} ${period}, trùng thời gian với phân công mới. Hãy kết thúc phân công đó trước, hoặc chọn thời gian hay loại kỳ sinh hoạt khác.`,
      );
    }
    const created = await tx.rubricAssignment.create({
      data: {
        tenantId: user.tenantId,
        unitId: unit.id,
        rubricCode: rubric.code,
        meetingKinds: data.meetingKinds,
        validFrom: data.validFrom,
        validTo: data.validTo,
        createdById: user.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...auditCommon(user, "RubricAssignment", created.id, options),
      action: "rubricAssignment.create",
      // orgUnitId: the audit list shows it as the unit's name.
      after: {
        orgUnitId: unit.id,
        rubricCode: rubric.code,
        meetingKinds: data.meetingKinds,
        validFrom: isoDay(data.validFrom),
        validTo: data.validTo ? isoDay(data.validTo) : null,
      },
    });
    return { id: created.id };
  });
}

/** Ends an assignment (never deleted: the history of which rubric applied stays readable). */
export async function endAssignment(user: Principal, input: EndAssignmentInput | JsonInput, options: ServiceOptions = {}): Promise<{ endedAt: Date }> {
  requireManager(user);
  const data = parseInput(endAssignmentSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const assignment = isUuid(data.id)
      ? await tx.rubricAssignment.findUnique({
          where: { tenantId_id: { tenantId: user.tenantId, id: data.id } },
          select: { id: true, endedAt: true, rubricCode: true, unit: { select: { path: true } } },
        })
      : null;
    if (!assignment || !authorize(user, "settings.manage", assignment.unit)) throw new NotFoundError(ASSIGNMENT_NOT_FOUND);
    if (assignment.endedAt) throw new ConflictError("Phân công này đã kết thúc từ trước. Vui lòng tải lại trang.");
    const endedAt = new Date();
    const { count } = await tx.rubricAssignment.updateMany({
      where: { tenantId: user.tenantId, id: assignment.id, endedAt: null },
      data: { endedAt },
    });
    if (count === 0) throw new ConflictError("Phân công này vừa được người khác kết thúc. Vui lòng tải lại trang.");
    await recordAudit(tx, {
      ...auditCommon(user, "RubricAssignment", assignment.id, options),
      action: "rubricAssignment.end",
      before: { endedAt: null },
      after: { endedAt: endedAt.toISOString(), rubricCode: assignment.rubricCode, ...(data.reason ? { reason: data.reason } : {}) },
    });
    return { endedAt };
  });
}

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
  requireReader(user);
  const data = parseInput(previewRubricSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const unit = isUuid(data.branchId)
      ? await tx.orgUnit.findUnique({
          where: { tenantId_id: { tenantId: user.tenantId, id: data.branchId } },
          select: { id: true, name: true, path: true },
        })
      : null;
    if (!unit || !READ_PERMISSIONS.some((permission) => authorize(user, permission, unit))) {
      throw fieldError("branchId", "Không tìm thấy chi bộ này trong phạm vi của bạn.");
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
