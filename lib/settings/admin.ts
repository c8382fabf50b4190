// The settings screen's service (TENANT_ADMIN, settings.manage): every key of the registry with the
// value in force for a unit on a day, where it comes from (the documented default, or a row set for
// the tenant or a subtree from a date), and its history; and one change at a time, effective from a
// date, for the whole tenant or a subtree, audited. A row closes the day before the next one of the
// same key and scope starts, so a past month keeps the rules it had.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, fieldError, ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatCalendarDate } from "@/lib/i18n/format";
import { allSettings, describeSetting, valueFromForm, type SettingDescription } from "@/lib/settings/describe";
import { isSettingKey, SETTINGS, type SettingKey } from "@/lib/settings/registry";
import { settingsFor } from "@/lib/settings/resolve";
import { addDays, isoDay, parseDay, todayInVietnam } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const wording = messages.settings.admin;

export interface ScopeUnit {
  id: string;
  name: string;
  path: string;
  depth: number;
}

export interface SettingRow {
  id: string;
  value: Prisma.JsonValue;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  /** Null: the whole tenant. */
  scope: { id: string; name: string } | null;
}

export interface SettingState extends SettingDescription {
  /** In force for the unit on the day. */
  value: unknown;
  /** The row it comes from; null: the documented default. */
  source: SettingRow | null;
  /** Rows of this key set for the unit itself (tenant-wide rows when the unit is the root), newest first. */
  history: SettingRow[];
}

export interface SettingsOverview {
  unit: ScopeUnit;
  /** The unit is the tenant's root: a change applies to the whole tenant. */
  tenantWide: boolean;
  day: Date;
  settings: SettingState[];
  /** Units the administrator may pick as the scope (their roots and the levels below, by name). */
  scopes: ScopeUnit[];
}

const SCOPE_CHOICES = 300;
const unitSelect = { id: true, name: true, path: true, depth: true, parentId: true } as const;

async function rootOf(tx: Tx, tenantId: string) {
  return tx.orgUnit.findFirst({ where: { tenantId, parentId: null }, select: unitSelect, orderBy: { depth: "asc" } });
}

/** The unit asked for (default: the administrator's highest unit), 404 outside their subtree. */
async function scopeUnit(tx: Tx, user: Principal, unitId: string | null | undefined) {
  const roots = scopeRoots(user, "settings.manage");
  if (roots.length === 0) throw new ForbiddenError(wording.systemAdminOnly);
  const id = unitId && isUuid(unitId) ? unitId : roots[0]!.orgUnitId;
  const unit = await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id } }, select: unitSelect });
  if (!unit || !authorize(user, "settings.manage", unit)) throw new NotFoundError(wording.unitNotFound);
  return unit;
}

function rowOf(row: { id: string; value: Prisma.JsonValue; effectiveFrom: Date; effectiveTo: Date | null; scopeUnit: { id: string; name: string } | null }): SettingRow {
  return { id: row.id, value: row.value, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo, scope: row.scopeUnit };
}

export async function getSettingsOverview(user: Principal, query: { unit?: string | null; on?: string | null } = {}, now: Date = new Date()): Promise<SettingsOverview> {
  const day = (query.on ? parseDay(query.on) : null) ?? todayInVietnam(now);
  return withTenant(user.tenantId, async (tx) => {
    const unit = await scopeUnit(tx, user, query.unit);
    const root = await rootOf(tx, user.tenantId);
    const tenantWide = root?.id === unit.id;
    const inForce = await settingsFor(tx, user.tenantId, unit.path, day);
    // Rows that could apply to the unit: tenant-wide ones and those of units on its path.
    const pathIds = unit.path.split("/").filter(Boolean);
    const rows = await tx.setting.findMany({
      where: { tenantId: user.tenantId, OR: [{ scopeUnitId: null }, { scopeUnitId: { in: pathIds } }] },
      select: { id: true, key: true, value: true, effectiveFrom: true, effectiveTo: true, scopeUnitId: true, scopeUnit: { select: { id: true, name: true, path: true } } },
      orderBy: [{ effectiveFrom: "desc" }, { id: "desc" }],
    });
    const covers = (r: (typeof rows)[number]) => r.effectiveFrom <= day && (r.effectiveTo === null || r.effectiveTo >= day);
    const settings = allSettings().map((description): SettingState => {
      const ofKey = rows.filter((r) => r.key === description.key);
      // The row settingsFor chose: deepest scope, then latest start, among those in force.
      const source =
        ofKey
          .filter(covers)
          .filter((r) => SETTINGS[description.key].schema.safeParse(r.value).success)
          .sort((a, b) => (b.scopeUnit?.path.length ?? 0) - (a.scopeUnit?.path.length ?? 0) || b.effectiveFrom.getTime() - a.effectiveFrom.getTime())[0] ?? null;
      const own = ofKey.filter((r) => (tenantWide ? r.scopeUnitId === null : r.scopeUnitId === unit.id));
      return {
        ...description,
        value: inForce[description.key],
        source: source ? rowOf(source) : null,
        history: own.map(rowOf),
      };
    });
    const roots = scopeRoots(user, "settings.manage").map((grant) => grant.path);
    const scopes = await tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, depth: { lte: Math.min(...roots.map((path) => path.split("/").filter(Boolean).length)) + 1 }, OR: roots.map((path) => ({ path: { startsWith: path } })) },
      select: unitSelect,
      orderBy: [{ depth: "asc" }, { name: "asc" }],
      take: SCOPE_CHOICES,
    });
    if (!scopes.some((s) => s.id === unit.id)) scopes.push(unit);
    return { unit, tenantWide, day, settings, scopes };
  });
}

// ─── Changing one setting ───────────────────────────────────────────────────────────────────────

/** The key, the scope and the day; the value's fields ride along (loose) and are read per key. */
export const saveSettingSchema = z.looseObject({
  key: z.string({ error: wording.keyRequired }).refine(isSettingKey, wording.keyUnknown),
  unitId: z.string({ error: wording.unitRequired }).trim().min(1, wording.unitRequired),
  effectiveFrom: z.preprocess(
    (value) => (value instanceof Date ? value : typeof value === "string" && value.trim() !== "" ? (parseDay(value.trim()) ?? "invalid") : undefined),
    z.date({ error: (issue) => (issue.input === undefined ? wording.effectiveFromRequired : wording.effectiveFromInvalid) }),
  ),
});

export interface SaveSettingResult {
  key: SettingKey;
  changed: boolean;
  value: unknown;
  effectiveFrom: string;
}

/** A value the registry's schema refuses, worded for the field. */
function invalidValue(description: SettingDescription): string {
  const f = description.field;
  if (f.kind === "integer" || f.kind === "number") {
    const what = f.kind === "integer" ? wording.anInteger : wording.aNumber;
    if (f.min !== null && f.max !== null) {
      return fill(f.nullable ? wording.enterBetweenOrEmpty : wording.enterBetween, { what, min: f.min, max: f.max });
    }
    return fill(wording.enter, { what });
  }
  if (f.kind === "text" && f.maxLength !== null) return fill(wording.textTooLong, { max: f.maxLength });
  if (f.kind === "choice") return wording.choose;
  return wording.invalid;
}

/**
 * Sets one key for a unit's subtree (the whole tenant when the unit is the root) from a day on.
 * `values` are the form's fields ("value", "value.minGoodCount"…) or a JSON `value`.
 */
export async function saveSetting(
  user: Principal,
  input: Record<string, unknown>,
  context: { requestId?: string | null } = {},
): Promise<SaveSettingResult> {
  const data = parseInput(saveSettingSchema, input);
  const key = data.key as SettingKey;
  const description = describeSetting(key);
  const raw =
    "value" in input && typeof input.value !== "string"
      ? input.value
      : valueFromForm(description.field, (name) => {
          const v = input[name];
          return v === undefined || v === null ? null : String(v);
        });
  const parsed = SETTINGS[key].schema.safeParse(raw);
  if (!parsed.success) throw fieldError("value", invalidValue(description));
  const value = parsed.data as Prisma.InputJsonValue;
  return withTenant(user.tenantId, async (tx) => {
    const unit = await scopeUnit(tx, user, data.unitId);
    const root = await rootOf(tx, user.tenantId);
    const scopeUnitId = root?.id === unit.id ? null : unit.id;
    // Setting rows of the tenant change one save at a time.
    await tx.$queryRaw`SELECT "id" FROM "Tenant" WHERE "id" = ${user.tenantId}::uuid FOR UPDATE`;
    const before = (await settingsFor(tx, user.tenantId, unit.path, data.effectiveFrom))[key];
    const scope = { tenantId: user.tenantId, key, scopeUnitId };
    const later = await tx.setting.findFirst({ where: { ...scope, effectiveFrom: { gt: data.effectiveFrom } }, select: { effectiveFrom: true }, orderBy: { effectiveFrom: "asc" } });
    if (later) {
      throw new ConflictError(
        fill(wording.laterValue, { day: formatCalendarDate(later.effectiveFrom) }),
      );
    }
    const same = JSON.stringify(before) === JSON.stringify(parsed.data);
    if (same) return { key, changed: false, value: parsed.data, effectiveFrom: isoDay(data.effectiveFrom) };
    const sameDay = await tx.setting.findFirst({ where: { ...scope, effectiveFrom: data.effectiveFrom }, select: { id: true } });
    if (sameDay) {
      await tx.setting.update({ where: { tenantId_id: { tenantId: user.tenantId, id: sameDay.id } }, data: { value }, select: { id: true } });
    } else {
      await tx.setting.updateMany({
        where: { ...scope, effectiveFrom: { lt: data.effectiveFrom }, OR: [{ effectiveTo: null }, { effectiveTo: { gte: data.effectiveFrom } }] },
        data: { effectiveTo: addDays(data.effectiveFrom, -1) },
      });
      await tx.setting.create({ data: { ...scope, value, effectiveFrom: data.effectiveFrom }, select: { id: true } });
    }
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "settings.update",
      entityType: scopeUnitId ? "OrgUnit" : "Tenant",
      entityId: scopeUnitId ?? user.tenantId,
      before: { key, value: (before ?? null) as Prisma.InputJsonValue },
      after: { key, value, effectiveFrom: isoDay(data.effectiveFrom), scope: scopeUnitId ? unit.name : messages.settings.tenantWide },
      requestId: context.requestId ?? null,
    });
    return { key, changed: true, value: parsed.data, effectiveFrom: isoDay(data.effectiveFrom) };
  });
}
