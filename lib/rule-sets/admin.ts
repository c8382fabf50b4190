// Administration of the versioned rule sets a tenant keeps (scoring rubrics in lib/scoring, and
// classification frames in lib/classification): read the codes and their versions, clone one under
// a new code, save the next version (form fields or the whole JSON), import a JSON file, and assign
// a code to the units of a subtree. Each kind describes its tables, words and checks in a
// `RuleSetKind`; the rules below are the same for both.
//
// Who: reading is for those who administer settings or take part in scoring somewhere
// (settings.manage, score.self, score.confirm, score.review); changes need settings.manage. A code
// belongs to the whole tenant, so a new *version* may only be added by an admin whose scope covers
// every unit the code is actively assigned to (otherwise a branch admin could change how another
// subtree is scored). New codes touch nobody until assigned, and an assignment is only made on a
// unit inside the admin's own subtree.
//
// Rows are never updated (the database grants INSERT only): an edit inserts the next version, so
// what was scored keeps the exact rules it was scored under.
import { recordAudit } from "@/lib/audit/record";
import { authorize, canAnywhere, scopeRoots, type Grant, type Permission, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import type { z } from "zod";
import { ConflictError, fieldError, ForbiddenError, INVALID_INPUT, isUniqueViolation, NotFoundError, parseInput, ValidationError } from "@/lib/errors";
import { fill } from "@/lib/i18n/fill";
import { formatCalendarDate } from "@/lib/i18n/format";
import { jsonObjectInput } from "@/lib/json/object-input";
import { isoDay } from "@/lib/time/days";
import { endAssignmentSchema, type EndAssignmentInput } from "./input";
import type { ServiceContext, JsonInput } from "@/lib/service-context";

export const READ_PERMISSIONS: readonly Permission[] = ["settings.manage", "score.review", "score.confirm", "score.self"];

/** The words of one kind (the same keys for rubrics and frames; the catalog says them). */
export interface RuleSetText {
  notFound: string;
  manageOnly: string;
  readOnly: string;
  assignedOutside: string;
  invalid: string;
  codeTaken: string;
  codeTakenCase: string;
  nameTooShort: string;
  noGroup: string;
  noCriterion: string;
  noLevel: string;
  stale: string;
  codeMismatch: string;
  fileWithoutCode: string;
  importBuiltIn: string;
  assignmentNotFound: string;
  assignmentAlreadyEnded: string;
  unitOutside: string;
  unitClosed: string;
}

export interface VersionRow {
  id: string;
  code: string;
  version: number;
  name: string;
  builtIn: boolean;
  createdAt: Date;
  definition: unknown;
}

export type RuleSetDefinition = {
  code: string;
  version: number;
  name: string;
  effectiveFrom: string;
  effectiveTo?: string | null | undefined;
  issuer: string;
  totalPoints: number;
};

export interface ActiveAssignment {
  code: string;
  unit: { name: string; path: string };
}

/** An assignment as its list shows it; `targets` are what it covers (meeting kinds, subjects). */
export interface AssignmentRow<Target extends string> {
  id: string;
  code: string;
  targets: Target[];
  validFrom: Date;
  validTo: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  unit: { id: string; name: string; depth: number };
}

export interface AssignmentInput<Target extends string> {
  unitId: string;
  code: string;
  targets: Target[];
  validFrom: Date;
  validTo: Date | null;
}

export type Parsed<Def> = { ok: true; definition: Def } | { ok: false; errors: readonly { path?: string | undefined; message: string }[] };

export interface RuleSetKind<Def extends RuleSetDefinition, Row extends VersionRow, Target extends string> {
  /** Audit names: entity types and the prefix of the actions. */
  entity: string;
  assignmentEntity: string;
  action: string;
  assignmentAction: string;
  /** How the code and the targets are named in the audit entries of an assignment. */
  codeKey: string;
  targetsKey: string;
  /** The key of the source id in a clone's audit entry. */
  sourceIdKey: string;
  uniqueKey: string;
  builtInCodes: ReadonlySet<string>;
  text: RuleSetText;
  /** Names the definition in the message for JSON that is not an object. */
  what: string;
  ensureBuiltIns(tx: Tx, tenantId: string): Promise<void>;
  byId(tx: Tx, tenantId: string, id: string): Promise<Row | null>;
  /** The code's versions, newest first. */
  byCode(tx: Tx, tenantId: string, code: string): Promise<Row[]>;
  /** Every version: by code, newest first. */
  all(tx: Tx, tenantId: string): Promise<Row[]>;
  /** The latest version's name of each code. */
  latestNames(tx: Tx, tenantId: string, codes: string[]): Promise<Map<string, string>>;
  /** The code of another row spelt the same but for case, or the same code. */
  codeLike(tx: Tx, tenantId: string, code: string): Promise<string | null>;
  insert(tx: Tx, user: Principal, definition: Def): Promise<{ id: string }>;
  /** How many scored records each version has (scorecards, classifications). */
  uses(tx: Tx, tenantId: string, ids?: string[]): Promise<Map<string, number>>;
  definitionOf(row: { definition: unknown }): Def;
  parse(candidate: Record<string, unknown>): Parsed<Def>;
  issueField(path: string, candidate: Record<string, unknown>): string;
  asTenant(candidate: Record<string, unknown>, code: string, version: number): Record<string, unknown>;
  /** Refuses a candidate a new version of `latest` may not become (frames keep their subject). */
  checkNextVersion?(candidate: Record<string, unknown>, latest: Row): void;
  /** What an audit entry of a saved definition says besides code, version, name and dates. */
  auditDetails(definition: Def): Record<string, unknown>;
  assignments: {
    active(tx: Tx, tenantId: string, code?: string): Promise<ActiveAssignment[]>;
    inSubtrees(tx: Tx, tenantId: string, roots: readonly Grant[]): Promise<AssignmentRow<Target>[]>;
    /** Refuses a code that cannot cover the targets; returns the code as stored. */
    checkCode(tx: Tx, tenantId: string, code: string, targets: Target[]): Promise<string>;
    clash(tx: Tx, tenantId: string, input: AssignmentInput<Target>): Promise<{ code: string; targets: Target[]; validFrom: Date; validTo: Date | null } | null>;
    clashMessage(unit: string, clash: { code: string; targets: Target[]; validFrom: Date; validTo: Date | null }, targets: Target[]): string;
    create(tx: Tx, user: Principal, input: AssignmentInput<Target>): Promise<{ id: string }>;
    find(tx: Tx, tenantId: string, id: string): Promise<{ id: string; endedAt: Date | null; code: string; unit: { path: string } } | null>;
    /** Ends an active one; the count of rows it ended (0: someone else did). */
    end(tx: Tx, tenantId: string, id: string, endedAt: Date): Promise<number>;
    endedByOther: string;
  };
  /** Words of the clash period and the races the unique key decides. */
  period(from: string, to: string | null): string;
  codeJustTaken(code: string): string;
  importRace(code: string): string;
}

// ─── Access ─────────────────────────────────────────────────────────────────────────────────────

export function mayRead(user: Principal | null | undefined): boolean {
  return READ_PERMISSIONS.some((permission) => canAnywhere(user, permission));
}

/** Readers get a 404 for nothing they may not read; a reader who may not change gets a 403. */
export function requireReader(user: Principal, text: RuleSetText): void {
  if (!mayRead(user)) throw new NotFoundError(text.notFound);
}

export function requireManager(user: Principal, text: RuleSetText): void {
  requireReader(user, text);
  if (!canAnywhere(user, "settings.manage")) throw new ForbiddenError(text.manageOnly);
}

/** The first active assignment of the code outside the user's settings.manage subtrees, if any. */
function assignedOutside(user: Principal, assignments: readonly ActiveAssignment[], code: string): ActiveAssignment | undefined {
  return assignments.find((a) => a.code === code && !authorize(user, "settings.manage", a.unit));
}

function outsideMessage(text: RuleSetText, code: string, assignment: ActiveAssignment): string {
  return fill(text.assignedOutside, { code, unit: assignment.unit.name });
}

type AnyKind<Def extends RuleSetDefinition, Row extends VersionRow> = RuleSetKind<Def, Row, string>;

async function requireVersionScope<Def extends RuleSetDefinition, Row extends VersionRow>(tx: Tx, user: Principal, kind: AnyKind<Def, Row>, code: string): Promise<void> {
  const outside = assignedOutside(user, await kind.assignments.active(tx, user.tenantId, code), code);
  if (outside) throw new ForbiddenError(outsideMessage(kind.text, code, outside));
}

// ─── Reads ──────────────────────────────────────────────────────────────────────────────────────

/** A version as the lists show it; each kind adds what it covers and how many records use it. */
export interface VersionSummaryBase {
  id: string;
  version: number;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  totalPoints: number;
  createdAt: Date;
}

export interface CodeSummaryBase<V> {
  code: string;
  /** The latest version's name. */
  name: string;
  issuer: string;
  builtIn: boolean;
  latest: V;
  /** Newest first. */
  versions: V[];
  activeAssignments: number;
  /** The user may save a new version of this code. */
  editable: boolean;
}

/**
 * Every code of the tenant with its versions, newest first (`summarize` adds the kind's fields to a
 * version); `canManage`: the user holds settings.manage somewhere (clone, import, assignments).
 */
export async function listCodes<Def extends RuleSetDefinition, Row extends VersionRow, V>(
  user: Principal,
  kind: AnyKind<Def, Row>,
  summarize: (base: VersionSummaryBase, definition: Def, uses: number) => V,
): Promise<{ codes: (CodeSummaryBase<V> & { latestRow: Row })[]; canManage: boolean }> {
  requireReader(user, kind.text);
  return withTenant(user.tenantId, async (tx) => {
    await kind.ensureBuiltIns(tx, user.tenantId);
    const rows = await kind.all(tx, user.tenantId);
    const counts = await kind.uses(tx, user.tenantId);
    const assignments = await kind.assignments.active(tx, user.tenantId);
    const byCode = new Map<string, Row[]>();
    for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row]);
    const canManage = canAnywhere(user, "settings.manage");
    const codes = [...byCode.entries()].map(([code, versions]) => {
      const builtIn = versions.some((v) => v.builtIn);
      const latestRow = versions[0]!;
      const summaries = versions.map((row) => {
        const definition = kind.definitionOf(row);
        const { id, version, name, createdAt } = row;
        const base = { id, version, name, effectiveFrom: definition.effectiveFrom, effectiveTo: definition.effectiveTo ?? null, totalPoints: definition.totalPoints, createdAt };
        return summarize(base, definition, counts.get(row.id) ?? 0);
      });
      return {
        code,
        name: latestRow.name,
        issuer: kind.definitionOf(latestRow).issuer,
        builtIn,
        latest: summaries[0]!,
        versions: summaries,
        activeAssignments: assignments.filter((a) => a.code === code).length,
        editable: !builtIn && canManage && !assignedOutside(user, assignments, code),
        latestRow,
      };
    });
    return { codes, canManage };
  });
}

export interface VersionDetail<Def> extends Omit<VersionRow, "definition"> {
  uses: number;
  definition: Def;
  /** Every version of the code, newest first. */
  versions: { id: string; version: number; effectiveFrom: string; effectiveTo: string | null; uses: number }[];
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

/** One version with its siblings; 404 for an id that is not one of the user's tenant. */
export async function loadVersion<Def extends RuleSetDefinition, Row extends VersionRow>(tx: Tx, user: Principal, kind: AnyKind<Def, Row>, id: string): Promise<VersionDetail<Def>> {
  const row = isUuid(id) ? await kind.byId(tx, user.tenantId, id) : null;
  if (!row) throw new NotFoundError(kind.text.notFound);
  const siblings = await kind.byCode(tx, user.tenantId, row.code);
  const counts = await kind.uses(
    tx,
    user.tenantId,
    siblings.map((s) => s.id),
  );
  const assignments = await kind.assignments.active(tx, user.tenantId, row.code);
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
    uses: counts.get(row.id) ?? 0,
    definition: kind.definitionOf(row),
    versions: siblings.map((s) => {
      const definition = kind.definitionOf(s);
      return { id: s.id, version: s.version, effectiveFrom: definition.effectiveFrom, effectiveTo: definition.effectiveTo ?? null, uses: counts.get(s.id) ?? 0 };
    }),
    latestId: latest.id,
    latestVersion: latest.version,
    activeAssignments: assignments.length,
    canClone: canManage,
    canEdit: canManage && !builtIn && !outside,
    editBlockedReason: !canManage ? null : builtIn ? kind.text.readOnly : outside ? outsideMessage(kind.text, row.code, outside) : null,
  };
}

export async function getVersion<Def extends RuleSetDefinition, Row extends VersionRow>(user: Principal, kind: AnyKind<Def, Row>, id: string): Promise<VersionDetail<Def>> {
  requireReader(user, kind.text);
  return withTenant(user.tenantId, (tx) => loadVersion(tx, user, kind, id));
}

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────────

/** The candidate as a valid definition, or a ValidationError carrying every issue as field errors (nothing is written). */
function validOrThrow<Def extends RuleSetDefinition, Row extends VersionRow>(kind: AnyKind<Def, Row>, candidate: Record<string, unknown>): Def {
  const result = kind.parse(candidate);
  if (result.ok) return result.definition;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.errors) (fieldErrors[issue.path ? kind.issueField(issue.path, candidate) : "definition"] ??= []).push(issue.message);
  throw new ValidationError(fill(kind.text.invalid, { count: result.errors.length }), fieldErrors);
}

/** A code not used by any definition of the tenant (nor a built-in), case-insensitively. */
async function requireNewCode<Def extends RuleSetDefinition, Row extends VersionRow>(tx: Tx, tenantId: string, kind: AnyKind<Def, Row>, code: string): Promise<void> {
  const clash = [...kind.builtInCodes].find((c) => c.toLowerCase() === code.toLowerCase()) ?? (await kind.codeLike(tx, tenantId, code));
  if (clash) throw fieldError("code", clash === code ? fill(kind.text.codeTaken, { code }) : fill(kind.text.codeTakenCase, { code, clash }));
}

function auditCommon(user: Principal, entityType: string, entityId: string, options: ServiceContext) {
  return { tenantId: user.tenantId, actorUserId: user.id, entityType, entityId, requestId: options.requestId ?? null };
}

function auditOf<Def extends RuleSetDefinition, Row extends VersionRow>(kind: AnyKind<Def, Row>, definition: Def) {
  return { name: definition.name, effectiveFrom: definition.effectiveFrom, effectiveTo: definition.effectiveTo ?? null, ...kind.auditDetails(definition) };
}

/** Lets the unique (code, version) decide a race the checks could not see. */
async function racing<T>(kind: { uniqueKey: string }, work: () => Promise<T>, raced: () => Error): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, kind.uniqueKey)) throw raced();
    throw error;
  }
}

export interface Saved {
  id: string;
  code: string;
  version: number;
}

/** A copy of any version (built-in or the tenant's) under a new code, as its version 1. */
export async function cloneVersion<Def extends RuleSetDefinition, Row extends VersionRow>(
  user: Principal,
  kind: AnyKind<Def, Row>,
  data: { sourceId: string; code: string; name: string },
  options: ServiceContext,
): Promise<Saved> {
  return racing(
    kind,
    () =>
      withTenant(user.tenantId, async (tx) => {
        await kind.ensureBuiltIns(tx, user.tenantId);
        const source = isUuid(data.sourceId) ? await kind.byId(tx, user.tenantId, data.sourceId) : null;
        if (!source) throw new NotFoundError(kind.text.notFound);
        await requireNewCode(tx, user.tenantId, kind, data.code);
        const copy: RuleSetDefinition = { ...kind.definitionOf(source), name: data.name };
        const definition = validOrThrow(kind, kind.asTenant(copy, data.code, 1));
        const created = await kind.insert(tx, user, definition);
        await recordAudit(tx, {
          ...auditCommon(user, kind.entity, created.id, options),
          action: `${kind.action}.clone`,
          after: { code: definition.code, version: 1, name: definition.name, [kind.sourceIdKey]: source.id, sourceCode: source.code, sourceVersion: source.version },
        });
        return { id: created.id, code: definition.code, version: 1 };
      }),
    () => fieldError("code", kind.codeJustTaken(data.code)),
  );
}

export interface NextVersionInput {
  code: string;
  expectedLatestVersion: number;
  definition?: string | Record<string, unknown> | undefined;
  baseId?: string | undefined;
}

/**
 * Inserts the next version of a tenant code: the whole definition, or `applyForm` on the base
 * version. Built-ins are read-only; a stale `expectedLatestVersion` is a conflict; an invalid result
 * writes nothing and reports every issue. Older versions stay as they are.
 */
export async function saveNextVersion<Def extends RuleSetDefinition, Row extends VersionRow>(
  user: Principal,
  kind: AnyKind<Def, Row>,
  data: NextVersionInput,
  applyForm: (base: Def) => Record<string, unknown>,
  options: ServiceContext,
): Promise<Saved> {
  const { text } = kind;
  return racing(
    kind,
    () =>
      withTenant(user.tenantId, async (tx) => {
        await kind.ensureBuiltIns(tx, user.tenantId);
        const versions = await kind.byCode(tx, user.tenantId, data.code);
        const latest = versions[0];
        if (!latest) throw new NotFoundError(text.notFound);
        if (kind.builtInCodes.has(data.code) || versions.some((v) => v.builtIn)) throw new ForbiddenError(text.readOnly);
        await requireVersionScope(tx, user, kind, data.code);
        if (latest.version !== data.expectedLatestVersion) throw new ConflictError(fill(text.stale, { code: data.code, version: latest.version }));
        let candidate: Record<string, unknown>;
        let baseVersion = latest.version;
        if (data.definition !== undefined) {
          candidate = jsonObjectInput(data.definition, "definition", kind.what);
          if (candidate.code !== undefined && candidate.code !== data.code) {
            throw fieldError("definition", fill(text.codeMismatch, { found: String(candidate.code), code: data.code }));
          }
          kind.checkNextVersion?.(candidate, latest);
        } else {
          const base = data.baseId ? versions.find((v) => v.id === data.baseId) : latest;
          if (!base) throw new NotFoundError(text.notFound);
          baseVersion = base.version;
          candidate = applyForm(kind.definitionOf(base));
        }
        const version = latest.version + 1;
        const definition = validOrThrow(kind, kind.asTenant(candidate, data.code, version));
        const created = await kind.insert(tx, user, definition);
        await recordAudit(tx, {
          ...auditCommon(user, kind.entity, created.id, options),
          action: `${kind.action}.version`,
          before: { version: latest.version },
          after: { code: definition.code, version, baseVersion, ...auditOf(kind, definition) },
        });
        return { id: created.id, code: definition.code, version };
      }),
    // Two editors saving on the same latest version: the unique (code, version) decides.
    () => new ConflictError(fill(text.stale, { code: data.code, version: data.expectedLatestVersion + 1 })),
  );
}

export interface Imported extends Saved {
  /** A new code (version 1) rather than the next version of an existing one. */
  created: boolean;
}

/**
 * A JSON file as exported: a new code becomes version 1, a code the tenant already has becomes its
 * next version (the version written in the file is ignored). Built-in codes are refused.
 */
export async function importVersion<Def extends RuleSetDefinition, Row extends VersionRow>(
  user: Principal,
  kind: AnyKind<Def, Row>,
  json: string | Record<string, unknown>,
  codeSchema: { safeParse(value: unknown): { success: true; data: string } | { success: false; error: { issues: readonly { message: string }[] } } },
  options: ServiceContext,
): Promise<Imported> {
  requireManager(user, kind.text);
  const object = jsonObjectInput(json, "file", kind.what);
  const codeResult = codeSchema.safeParse(object.code);
  if (!codeResult.success) throw fieldError("code", fill(kind.text.fileWithoutCode, { reason: codeResult.error.issues[0]?.message ?? "" }).trim());
  const code = codeResult.data;
  return racing(
    kind,
    () =>
      withTenant(user.tenantId, async (tx) => {
        await kind.ensureBuiltIns(tx, user.tenantId);
        const versions = await kind.byCode(tx, user.tenantId, code);
        if (kind.builtInCodes.has(code) || versions.some((v) => v.builtIn)) throw fieldError("code", fill(kind.text.importBuiltIn, { code }));
        const latest = versions[0];
        if (latest) {
          await requireVersionScope(tx, user, kind, code);
          kind.checkNextVersion?.(object, latest);
        } else await requireNewCode(tx, user.tenantId, kind, code);
        const version = (latest?.version ?? 0) + 1;
        const definition = validOrThrow(kind, kind.asTenant(object, code, version));
        const created = await kind.insert(tx, user, definition);
        await recordAudit(tx, {
          ...auditCommon(user, kind.entity, created.id, options),
          action: `${kind.action}.import`,
          ...(latest ? { before: { version: latest.version } } : {}),
          after: { code, version, ...auditOf(kind, definition) },
        });
        return { id: created.id, code, version, created: !latest };
      }),
    () => new ConflictError(kind.importRace(code)),
  );
}

// ─── The form's common fields ───────────────────────────────────────────────────────────────────

export interface FormFields {
  name?: string | undefined;
  description?: string | undefined;
  effectiveFrom?: string | undefined;
  effectiveTo?: string | undefined;
  groups?: Record<string, { points?: number | undefined }> | undefined;
  criteria?: Record<string, { maxPoints?: number | undefined; step?: number | undefined; guidance?: string | undefined }> | undefined;
  levels?: Record<string, { minTotal?: number | undefined }> | undefined;
}

interface EditableDefinition {
  name: string;
  description?: string | undefined;
  effectiveFrom: string;
  effectiveTo?: string | null | undefined;
  groups: { code: string; points: number; criteria: { code: string; maxPoints: number; step: number; guidance?: string | undefined }[] }[];
}

export type Fail = (field: string, message: string) => void;

/**
 * The fields both forms have, applied to `next` (a copy of the base version): name, description,
 * dates, group points, criteria and level thresholds (`levels`: the definition's level rules).
 */
export function applyCommonFields(next: EditableDefinition, levels: readonly { level: string; minTotal: number }[], data: FormFields, text: RuleSetText, fail: Fail): void {
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
  const rules = new Map(levels.map((rule) => [rule.level, rule]));
  for (const [level, fields] of Object.entries(data.levels ?? {})) {
    const rule = rules.get(level);
    if (!rule) fail(`levels.${level}`, fill(text.noLevel, { level }));
    else if (fields.minTotal !== undefined) rule.minTotal = fields.minTotal;
  }
}

/** Runs `apply` on a copy of `base`; any field problem is one ValidationError naming every field. */
export function withFormFields<Def>(base: Def, apply: (next: Def, fail: Fail) => void): Record<string, unknown> {
  const errors: Record<string, string[]> = {};
  const next = structuredClone(base);
  apply(next, (field, message) => (errors[field] ??= []).push(message));
  if (Object.keys(errors).length > 0) throw new ValidationError(INVALID_INPUT, errors);
  return next as unknown as Record<string, unknown>;
}

// ─── Assignments ────────────────────────────────────────────────────────────────────────────────

/** An assignment in a list; each kind names its code and what it covers. */
export interface AssignmentItemBase {
  id: string;
  unit: { id: string; name: string };
  validFrom: Date;
  validTo: Date | null;
  endedAt: Date | null;
  createdAt: Date;
}

export interface AssignmentItem<Target extends string> extends AssignmentItemBase {
  code: string;
  /** The latest version's name of the code. */
  name: string | null;
  targets: Target[];
}

/** Assignments on units of the user's settings.manage subtrees: active first, then the latest start. */
export async function listAssignmentsOf<Def extends RuleSetDefinition, Row extends VersionRow, Target extends string>(
  user: Principal,
  kind: RuleSetKind<Def, Row, Target>,
): Promise<AssignmentItem<Target>[]> {
  const roots = scopeRoots(user, "settings.manage");
  if (roots.length === 0) throw new NotFoundError(kind.text.assignmentNotFound);
  return withTenant(user.tenantId, async (tx) => {
    const rows = await kind.assignments.inSubtrees(tx, user.tenantId, roots);
    const names = await kind.latestNames(tx, user.tenantId, [...new Set(rows.map((r) => r.code))]);
    rows.sort((a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || a.unit.depth - b.unit.depth);
    return rows.map((row) => ({
      id: row.id,
      unit: { id: row.unit.id, name: row.unit.name },
      code: row.code,
      name: names.get(row.code) ?? null,
      targets: row.targets,
      validFrom: row.validFrom,
      validTo: row.validTo,
      endedAt: row.endedAt,
      createdAt: row.createdAt,
    }));
  });
}

/**
 * Names a code for some targets in a subtree from a date. The unit must be in the admin's subtree,
 * the code must exist (and suit the targets), and no active assignment of the same unit may share a
 * target over overlapping dates (end it first).
 */
export async function createAssignmentOf<Def extends RuleSetDefinition, Row extends VersionRow, Target extends string>(
  user: Principal,
  kind: RuleSetKind<Def, Row, Target>,
  data: AssignmentInput<Target>,
  options: ServiceContext,
): Promise<{ id: string }> {
  const { text } = kind;
  return withTenant(user.tenantId, async (tx) => {
    const unit = isUuid(data.unitId)
      ? await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: data.unitId } }, select: { id: true, name: true, path: true, activeTo: true } })
      : null;
    if (!unit || !authorize(user, "settings.manage", unit)) throw fieldError("unitId", text.unitOutside);
    if (unit.activeTo) throw fieldError("unitId", fill(text.unitClosed, { unit: unit.name }));
    await kind.ensureBuiltIns(tx, user.tenantId);
    const code = await kind.assignments.checkCode(tx, user.tenantId, data.code, data.targets);
    // Two admins assigning to the same unit at once: one waits, then sees the other's row.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${kind.assignmentAction}:${user.tenantId}:${unit.id}`}))`;
    const clash = await kind.assignments.clash(tx, user.tenantId, { ...data, unitId: unit.id });
    if (clash) throw new ConflictError(kind.assignments.clashMessage(unit.name, clash, data.targets));
    const created = await kind.assignments.create(tx, user, { ...data, unitId: unit.id, code });
    await recordAudit(tx, {
      ...auditCommon(user, kind.assignmentEntity, created.id, options),
      action: `${kind.assignmentAction}.create`,
      // orgUnitId: the audit list shows it as the unit's name.
      after: {
        orgUnitId: unit.id,
        [kind.codeKey]: code,
        [kind.targetsKey]: data.targets,
        validFrom: isoDay(data.validFrom),
        validTo: data.validTo ? isoDay(data.validTo) : null,
      },
    });
    return { id: created.id };
  });
}

/** Ends an assignment (never deleted: the history of what applied stays readable). */
export async function endAssignmentOf<Def extends RuleSetDefinition, Row extends VersionRow>(
  user: Principal,
  kind: AnyKind<Def, Row>,
  data: { id: string; reason?: string | undefined },
  options: ServiceContext,
): Promise<{ endedAt: Date }> {
  return withTenant(user.tenantId, async (tx) => {
    const assignment = isUuid(data.id) ? await kind.assignments.find(tx, user.tenantId, data.id) : null;
    if (!assignment || !authorize(user, "settings.manage", assignment.unit)) throw new NotFoundError(kind.text.assignmentNotFound);
    if (assignment.endedAt) throw new ConflictError(kind.text.assignmentAlreadyEnded);
    const endedAt = new Date();
    if ((await kind.assignments.end(tx, user.tenantId, assignment.id, endedAt)) === 0) throw new ConflictError(kind.assignments.endedByOther);
    await recordAudit(tx, {
      ...auditCommon(user, kind.assignmentEntity, assignment.id, options),
      action: `${kind.assignmentAction}.end`,
      before: { endedAt: null },
      after: { endedAt: endedAt.toISOString(), [kind.codeKey]: assignment.code, ...(data.reason ? { reason: data.reason } : {}) },
    });
    return { endedAt };
  });
}

/** The names a kind's API and pages give an assignment's code, its code's name and what it covers. */
export interface AssignmentKeys<CK extends string, NK extends string, TK extends string> {
  code: CK;
  name: NK;
  targets: TK;
}

export type NamedAssignment<Target extends string, CK extends string, NK extends string, TK extends string> = AssignmentItemBase &
  Record<CK, string> &
  Record<NK, string | null> &
  Record<TK, Target[]>;

/**
 * The three assignment services of a kind under its own names: the list, the creation (input parsed
 * with `createSchema`, turned into a code and targets by `toInput`) and the end. Changes need
 * settings.manage, checked before the input is read.
 */
export function assignmentServices<Def extends RuleSetDefinition, Row extends VersionRow, Target extends string, CK extends string, NK extends string, TK extends string, S extends z.ZodType>(
  kind: RuleSetKind<Def, Row, Target>,
  keys: AssignmentKeys<CK, NK, TK>,
  createSchema: S,
  toInput: (data: z.output<S>) => AssignmentInput<NoInfer<Target>>,
) {
  return {
    list: async (user: Principal): Promise<NamedAssignment<Target, CK, NK, TK>[]> =>
      (await listAssignmentsOf(user, kind)).map(
        ({ code, name, targets, ...item }) => ({ ...item, [keys.code]: code, [keys.name]: name, [keys.targets]: targets }) as NamedAssignment<Target, CK, NK, TK>,
      ),
    create: async (user: Principal, input: z.input<S> | JsonInput, options: ServiceContext = {}): Promise<{ id: string }> => {
      requireManager(user, kind.text);
      return createAssignmentOf(user, kind, toInput(parseInput(createSchema, input)), options);
    },
    end: async (user: Principal, input: EndAssignmentInput | JsonInput, options: ServiceContext = {}): Promise<{ endedAt: Date }> => {
      requireManager(user, kind.text);
      return endAssignmentOf(user, kind, parseInput(endAssignmentSchema, input), options);
    },
  };
}

/** The dates of a clashing assignment, in the words of the kind. */
export function clashPeriod(kind: { period(from: string, to: string | null): string }, clash: { validFrom: Date; validTo: Date | null }): string {
  return kind.period(formatCalendarDate(clash.validFrom), clash.validTo ? formatCalendarDate(clash.validTo) : null);
}
