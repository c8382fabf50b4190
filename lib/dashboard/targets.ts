// Chỉ tiêu: the tenant's yearly target per dashboard indicator ("95 % of branches meet every
// month", "at most 10 unexcused absences"). Tenant-wide, so only an administrator of the tenant's
// root (settings.manage there) sets them; everyone who reads dashboards reads them.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, canAnywhere, type Principal } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { ForbiddenError, parseInputShowingFirst, ValidationError } from "@/lib/errors";
import { INDICATORS, INDICATOR_UNIT, type Indicator } from "./indicators";
import { dashboardMessages as text } from "./messages";
import { fill } from "@/lib/i18n/fill";

export interface TargetRow {
  indicator: Indicator;
  unit: "percent" | "count";
  target: number;
}

const year = z.coerce.number({ error: text.targets.badYear }).int(text.targets.badYear).min(2000, text.targets.badYear).max(2100, text.targets.badYear);

/** A target as typed: "95", "95,5", 95, or empty (no target). */
const targetValue = z.union([z.number(), z.string().max(20), z.null()]).optional();

export const setTargetsSchema = z.preprocess(
  (raw) => {
    // Forms post flat fields "target.attendanceRate"; the JSON API posts { targets: { … } }.
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
    const out: Record<string, unknown> = {};
    const targets: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (key.startsWith("target.")) targets[key.slice("target.".length)] = value;
      else out[key] = value;
    }
    if (Object.keys(targets).length > 0) out.targets = { ...(out.targets as object | undefined), ...targets };
    return out;
  },
  z.object({
    year,
    targets: z.partialRecord(z.enum(INDICATORS), targetValue).default({}),
  }),
);
export type SetTargetsInput = z.input<typeof setTargetsSchema>;

function parseTarget(indicator: Indicator, value: unknown): number | null | { error: string } {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return null;
  const n = typeof value === "number" ? value : Number(String(value).trim().replace(",", "."));
  const unit = INDICATOR_UNIT[indicator];
  if (!Number.isFinite(n) || n < 0) return { error: text.targets.notANumber };
  if (unit === "percent" && n > 100) return { error: text.targets.overHundred };
  if (unit === "count" && !Number.isInteger(n)) return { error: text.targets.wholeNumber };
  if (Math.round(n * 100) !== n * 100) return { error: text.targets.twoDecimals };
  if (n >= 100_000) return { error: text.targets.tooLarge };
  return n;
}

/**
 * Who sets the targets (the tenant administrators of the whole tenant), for the empty state that
 * tells a reader whom to ask. At most five names.
 */
export async function targetSetters(user: Principal): Promise<string[]> {
  if (!canAnywhere(user, "dashboard.read") && !canAnywhere(user, "settings.manage")) throw new ForbiddenError(text.errors.noPermission);
  return withTenant(user.tenantId, async (tx) => {
    const root = await tx.orgUnit.findFirst({ where: { tenantId: user.tenantId, parentId: null }, select: { id: true }, orderBy: { depth: "asc" } });
    if (!root) return [];
    const grants = await tx.roleGrant.findMany({
      where: { tenantId: user.tenantId, role: "TENANT_ADMIN", orgUnitId: root.id, user: { disabled: false } },
      select: { user: { select: { displayName: true } } },
      take: 5,
    });
    return [...new Set(grants.map((g) => g.user.displayName))];
  });
}

/** The targets of a year (those set), in the indicators' order. */
export async function getTargets(user: Principal, forYear: number): Promise<TargetRow[]> {
  if (!canAnywhere(user, "dashboard.read") && !canAnywhere(user, "settings.manage")) throw new ForbiddenError(text.errors.noPermission);
  const y = year.safeParse(forYear);
  if (!y.success) throw new ValidationError(text.targets.badYear, { year: [text.targets.badYear] });
  const rows = await withTenant(user.tenantId, (tx) =>
    tx.dashboardTarget.findMany({ where: { tenantId: user.tenantId, year: y.data }, select: { indicator: true, target: true } }),
  );
  const byIndicator = new Map(rows.map((r) => [r.indicator, r.target.toNumber()]));
  return INDICATORS.filter((i) => byIndicator.has(i)).map((indicator) => ({ indicator, unit: INDICATOR_UNIT[indicator], target: byIndicator.get(indicator)! }));
}

/**
 * Sets the year's targets: every indicator named gets its value, an empty value removes it,
 * indicators not named stay as they were. One audit entry with the before and after.
 */
export async function setTargets(user: Principal, input: unknown, context: { requestId?: string | null } = {}): Promise<TargetRow[]> {
  const data = parseInputShowingFirst(setTargetsSchema, input, text.targets.invalid);
  const values = new Map<Indicator, number | null>();
  const fieldErrors: Record<string, string[]> = {};
  for (const [indicator, raw] of Object.entries(data.targets) as [Indicator, unknown][]) {
    const value = parseTarget(indicator, raw);
    if (value !== null && typeof value === "object") fieldErrors[`targets.${indicator}`] = [value.error];
    else values.set(indicator, value);
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new ValidationError(fill(text.targets.someInvalid, { count: Object.keys(fieldErrors).length }), fieldErrors);
  }

  await withTenant(user.tenantId, async (tx) => {
    const root = await tx.orgUnit.findFirst({ where: { tenantId: user.tenantId, parentId: null }, select: { id: true, path: true }, orderBy: { createdAt: "asc" } });
    if (!root || !authorize(user, "settings.manage", root)) throw new ForbiddenError(text.targets.forbidden);
    const before = await tx.dashboardTarget.findMany({ where: { tenantId: user.tenantId, year: data.year }, select: { indicator: true, target: true } });
    for (const [indicator, value] of values) {
      if (value === null) {
        await tx.dashboardTarget.deleteMany({ where: { tenantId: user.tenantId, year: data.year, indicator } });
      } else {
        await tx.dashboardTarget.upsert({
          where: { tenantId_year_indicator: { tenantId: user.tenantId, year: data.year, indicator } },
          create: { tenantId: user.tenantId, year: data.year, indicator, target: value, updatedById: user.id },
          update: { target: value, updatedById: user.id, version: { increment: 1 } },
          select: { id: true },
        });
      }
    }
    const plain = (rows: { indicator: string; target: { toNumber(): number } }[]) => Object.fromEntries(rows.map((r) => [r.indicator, r.target.toNumber()]));
    const after = await tx.dashboardTarget.findMany({ where: { tenantId: user.tenantId, year: data.year }, select: { indicator: true, target: true } });
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "dashboard.targets.set",
      entityType: "Tenant",
      entityId: user.tenantId,
      before: { year: data.year, targets: plain(before) },
      after: { year: data.year, targets: plain(after) },
      requestId: context.requestId ?? null,
    });
  });
  return getTargets(user, data.year);
}
