// The oversight rules a tenant sets (issue 6 §2): visit quotas per committee level, whether a visit
// to one's residence branch counts, the back-dating window and the "not visited" alert. They are
// ordinary tenant settings with effective dates (lib/settings): saving inserts rows effective from a
// day and closes the tenant-wide rows they replace, so a past year keeps the rules it had.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, canAnywhere, type Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, parseInput, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatCalendarDate } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import { requiredDayField } from "@/lib/meetings/record-common";
import { checkbox } from "@/lib/oversight/common";
import { SETTINGS } from "@/lib/settings/registry";
import { settingsFor, type SettingsSnapshot } from "@/lib/settings/resolve";
import { addDays, isoDay, todayInVietnam } from "@/lib/time/days";
import type { ServiceContext } from "@/lib/service-context";

const words = messages.oversightServer.settings;

export const OVERSIGHT_SETTING_FIELDS = {
  quotaProvincial: "oversight.quotaProvincial",
  quotaDistrict: "oversight.quotaDistrict",
  quotaGrassroots: "oversight.quotaGrassroots",
  residenceVisitCounts: "oversight.residenceVisitCounts",
  backdateDays: "oversight.backdateDays",
  alertMonthsWithoutVisit: "oversight.alertMonthsWithoutVisit",
} as const satisfies Record<string, keyof SettingsSnapshot>;

type Field = keyof typeof OVERSIGHT_SETTING_FIELDS;
export type OversightSettingValues = { [F in Field]: SettingsSnapshot[(typeof OVERSIGHT_SETTING_FIELDS)[F]] };

function whole(min: number, max: number, message: string) {
  return z.preprocess(
    (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value.trim())) : value),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );
}

export const oversightSettingsSchema = z.object({
  effectiveFrom: requiredDayField(words.effectiveFrom),
  quotaProvincial: whole(0, 100, words.quota),
  quotaDistrict: whole(0, 100, words.quota),
  quotaGrassroots: whole(0, 100, words.quota),
  residenceVisitCounts: checkbox,
  backdateDays: whole(0, 365, words.backdateDays),
  alertMonthsWithoutVisit: whole(1, 36, words.alertMonths),
});
export type OversightSettingsInput = z.input<typeof oversightSettingsSchema>;

export interface OversightSettingsView {
  values: OversightSettingValues;
  /** Tenant-wide rows of these keys, newest first (a missing key means the documented default). */
  history: { key: string; value: Prisma.JsonValue; effectiveFrom: Date; effectiveTo: Date | null }[];
  canEdit: boolean;
}

function pick(snapshot: SettingsSnapshot): OversightSettingValues {
  return Object.fromEntries(Object.entries(OVERSIGHT_SETTING_FIELDS).map(([field, key]) => [field, snapshot[key]])) as OversightSettingValues;
}

/** The tenant-wide values in force on `day` (a subtree's own rows do not apply to quotas). */
export async function tenantOversightSettings(tx: Tx, tenantId: string, day: Date): Promise<OversightSettingValues> {
  return pick(await settingsFor(tx, tenantId, "", day));
}

async function tenantRoot(tx: Tx, tenantId: string) {
  return tx.orgUnit.findFirst({ where: { tenantId, parentId: null }, select: { id: true, path: true }, orderBy: { depth: "asc" } });
}

const READERS = ["settings.manage", "user.manage", "dashboard.read", "score.confirm"] as const;

export async function getOversightSettings(user: Principal, context: { now?: Date } = {}): Promise<OversightSettingsView> {
  if (!READERS.some((permission) => canAnywhere(user, permission))) throw new ForbiddenError();
  const today = todayInVietnam(context.now);
  return withTenant(user.tenantId, async (tx) => {
    const root = await tenantRoot(tx, user.tenantId);
    const history = await tx.setting.findMany({
      where: { tenantId: user.tenantId, scopeUnitId: null, key: { in: Object.values(OVERSIGHT_SETTING_FIELDS) } },
      select: { key: true, value: true, effectiveFrom: true, effectiveTo: true },
      orderBy: [{ effectiveFrom: "desc" }, { key: "asc" }],
    });
    return {
      values: await tenantOversightSettings(tx, user.tenantId, today),
      history,
      canEdit: root !== null && authorize(user, "settings.manage", root),
    };
  });
}

/**
 * Sets the values from `effectiveFrom` on, for the whole tenant. Only keys whose value changes get a
 * row; the row in force until then ends the day before. A row that starts later is kept as it is and
 * refused as a clash (the administrator changes that one instead).
 */
export async function saveOversightSettings(user: Principal, input: unknown, context: ServiceContext = {}): Promise<{ changed: string[] }> {
  const data = parseInput(oversightSettingsSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const root = await tenantRoot(tx, user.tenantId);
    if (!root || !authorize(user, "settings.manage", root)) {
      throw new ForbiddenError(words.rootOnly);
    }
    // Setting rows of the tenant change one save at a time.
    await tx.$queryRaw`SELECT "id" FROM "Tenant" WHERE "id" = ${user.tenantId}::uuid FOR UPDATE`;
    const before = await tenantOversightSettings(tx, user.tenantId, data.effectiveFrom);
    const changed: string[] = [];
    const audit: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, key] of Object.entries(OVERSIGHT_SETTING_FIELDS) as [Field, (typeof OVERSIGHT_SETTING_FIELDS)[Field]][]) {
      const value = data[field];
      if (before[field] === value) continue;
      const parsed = SETTINGS[key].schema.safeParse(value);
      if (!parsed.success) throw new ValidationError(words.invalidSetting, { [field]: [words.invalidValue] });
      const later = await tx.setting.findFirst({
        where: { tenantId: user.tenantId, key, scopeUnitId: null, effectiveFrom: { gt: data.effectiveFrom } },
        select: { effectiveFrom: true },
        orderBy: { effectiveFrom: "asc" },
      });
      if (later) {
        throw new ConflictError(
          fill(words.laterSetting, { key, day: formatCalendarDate(later.effectiveFrom) }),
        );
      }
      const sameDay = await tx.setting.findFirst({
        where: { tenantId: user.tenantId, key, scopeUnitId: null, effectiveFrom: data.effectiveFrom },
        select: { id: true },
      });
      if (sameDay) {
        await tx.setting.update({ where: { tenantId_id: { tenantId: user.tenantId, id: sameDay.id } }, data: { value }, select: { id: true } });
      } else {
        await tx.setting.updateMany({
          where: { tenantId: user.tenantId, key, scopeUnitId: null, effectiveFrom: { lt: data.effectiveFrom }, OR: [{ effectiveTo: null }, { effectiveTo: { gte: data.effectiveFrom } }] },
          data: { effectiveTo: addDays(data.effectiveFrom, -1) },
        });
        await tx.setting.create({ data: { tenantId: user.tenantId, key, value, effectiveFrom: data.effectiveFrom }, select: { id: true } });
      }
      changed.push(key);
      audit[key] = { from: before[field], to: value };
    }
    if (changed.length > 0) {
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "oversight.settings.update",
        entityType: "Tenant",
        entityId: user.tenantId,
        before: Object.fromEntries(Object.entries(audit).map(([key, change]) => [key, change.from as Prisma.InputJsonValue])),
        after: { effectiveFrom: isoDay(data.effectiveFrom), ...Object.fromEntries(Object.entries(audit).map(([key, change]) => [key, change.to as Prisma.InputJsonValue])) },
        requestId: context.requestId,
      });
    }
    return { changed };
  });
}
