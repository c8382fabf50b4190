// The cap on "xuất sắc" as a tenant setting (classification.excellentCap; SPEC §10.11: unconfirmed,
// default 20 % of those rated "hoàn thành tốt"). Saving inserts a row effective from a day and ends
// the tenant-wide row it replaces, so a past year keeps the cap it was decided under (as the
// oversight quotas do, lib/oversight/settings.ts).
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, canAnywhere, type Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, parseInput } from "@/lib/errors";
import { formatCalendarDate } from "@/lib/i18n/format";
import { requiredDayField } from "@/lib/meetings/record-common";
import { defaultSetting } from "@/lib/settings/registry";
import { settingsFor } from "@/lib/settings/resolve";
import type { CapSetting } from "./cap";
import { classificationMessages } from "./messages";
import { addDays, isoDay, todayInVietnam } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";

const KEY = "classification.excellentCap";
const text = classificationMessages.settings;

export const capSettingSchema = z.object({
  effectiveFrom: requiredDayField(text.dayRequired),
  percent: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
    z.number({ error: text.percentInvalid }).min(0, text.percentInvalid).max(100, text.percentInvalid),
  ),
  base: z.enum(["GOOD_OR_BETTER", "GOOD"], { error: text.baseInvalid }),
});
export type CapSettingInput = z.input<typeof capSettingSchema>;

export interface CapSettingView {
  value: CapSetting;
  defaultValue: CapSetting;
  /** Tenant-wide rows, newest first (none: the documented default applies). */
  history: { value: CapSetting; effectiveFrom: Date; effectiveTo: Date | null }[];
  canEdit: boolean;
}

async function tenantRoot(tx: Tx, tenantId: string) {
  return tx.orgUnit.findFirst({ where: { tenantId, parentId: null }, select: { id: true, path: true }, orderBy: { depth: "asc" } });
}

export async function getCapSetting(user: Principal, context: { now?: Date } = {}): Promise<CapSettingView> {
  if (!(["settings.manage", "score.review", "dashboard.read"] as const).some((p) => canAnywhere(user, p))) throw new ForbiddenError();
  const today = todayInVietnam(context.now);
  return withTenant(user.tenantId, async (tx) => {
    const root = await tenantRoot(tx, user.tenantId);
    const rows = await tx.setting.findMany({
      where: { tenantId: user.tenantId, scopeUnitId: null, key: KEY },
      select: { value: true, effectiveFrom: true, effectiveTo: true },
      orderBy: { effectiveFrom: "desc" },
    });
    return {
      value: (await settingsFor(tx, user.tenantId, "", today))[KEY],
      defaultValue: defaultSetting(KEY),
      history: rows.map((r) => ({ value: r.value as CapSetting, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo })),
      canEdit: root !== null && authorize(user, "settings.manage", root),
    };
  });
}

/** Sets the cap from `effectiveFrom` for the whole tenant (an administrator of the tenant's root). */
export async function saveCapSetting(user: Principal, input: unknown, context: { requestId?: string | null } = {}): Promise<{ changed: boolean }> {
  const data = parseInput(capSettingSchema, input);
  const value: CapSetting = { percent: data.percent, base: data.base };
  return withTenant(user.tenantId, async (tx) => {
    const root = await tenantRoot(tx, user.tenantId);
    if (!root || !authorize(user, "settings.manage", root)) throw new ForbiddenError(text.forbidden);
    await tx.$queryRaw`SELECT "id" FROM "Tenant" WHERE "id" = ${user.tenantId}::uuid FOR UPDATE`;
    const before = (await settingsFor(tx, user.tenantId, "", data.effectiveFrom))[KEY];
    if (before.percent === value.percent && before.base === value.base) return { changed: false };
    const later = await tx.setting.findFirst({ where: { tenantId: user.tenantId, key: KEY, scopeUnitId: null, effectiveFrom: { gt: data.effectiveFrom } }, select: { effectiveFrom: true }, orderBy: { effectiveFrom: "asc" } });
    if (later) throw new ConflictError(fill(text.laterExists, { day: formatCalendarDate(later.effectiveFrom) }));
    const sameDay = await tx.setting.findFirst({ where: { tenantId: user.tenantId, key: KEY, scopeUnitId: null, effectiveFrom: data.effectiveFrom }, select: { id: true } });
    if (sameDay) await tx.setting.update({ where: { tenantId_id: { tenantId: user.tenantId, id: sameDay.id } }, data: { value }, select: { id: true } });
    else {
      await tx.setting.updateMany({
        where: { tenantId: user.tenantId, key: KEY, scopeUnitId: null, effectiveFrom: { lt: data.effectiveFrom }, OR: [{ effectiveTo: null }, { effectiveTo: { gte: data.effectiveFrom } }] },
        data: { effectiveTo: addDays(data.effectiveFrom, -1) },
      });
      await tx.setting.create({ data: { tenantId: user.tenantId, key: KEY, value, effectiveFrom: data.effectiveFrom }, select: { id: true } });
    }
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "classification.settings.update",
      entityType: "Tenant",
      entityId: user.tenantId,
      before: { [KEY]: before },
      after: { effectiveFrom: isoDay(data.effectiveFrom), [KEY]: value },
      requestId: context.requestId ?? null,
    });
    return { changed: true };
  });
}
