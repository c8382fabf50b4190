// Reads the settings in force for an org unit on a date: the row of the deepest scope that covers
// the unit (a subtree setting beats the tenant-wide one), else the documented default.
import type { Tx } from "@/lib/db/tenant";
import { SETTINGS, defaultSetting, type SettingKey, type SettingValue } from "@/lib/settings/registry";

export type SettingsSnapshot = { [K in SettingKey]: SettingValue<K> };

/** All settings in force for `unitPath` on `date` (a calendar day), in one query. */
export async function settingsFor(tx: Tx, tenantId: string, unitPath: string, date: Date): Promise<SettingsSnapshot> {
  const rows = await tx.setting.findMany({
    where: {
      tenantId,
      effectiveFrom: { lte: date },
      OR: [{ effectiveTo: null }, { effectiveTo: { gte: date } }],
    },
    select: settingRowSelect,
  });
  return resolveSettings(rows, unitPath);
}

export const settingRowSelect = { key: true, value: true, effectiveFrom: true, effectiveTo: true, scopeUnit: { select: { path: true } } } as const;

export interface SettingRow {
  key: string;
  value: unknown;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  scopeUnit: { path: string } | null;
}

/** Whether the row is in force on `date` (both ends inclusive, as settingsFor's query). */
export function settingInForce(row: Pick<SettingRow, "effectiveFrom" | "effectiveTo">, date: Date): boolean {
  return row.effectiveFrom.getTime() <= date.getTime() && (row.effectiveTo === null || row.effectiveTo.getTime() >= date.getTime());
}

/**
 * The snapshot for `unitPath` from rows already in force on the day (settingsFor's query, or the
 * tenant's rows filtered by settingInForce when many meetings are read at once).
 */
export function resolveSettings(rows: readonly Omit<SettingRow, "effectiveTo">[], unitPath: string): SettingsSnapshot {
  const snapshot = Object.fromEntries(
    (Object.keys(SETTINGS) as SettingKey[]).map((key) => [key, defaultSetting(key)]),
  ) as Record<SettingKey, unknown>;
  const best = new Map<SettingKey, { depth: number; from: number }>();
  for (const row of rows) {
    if (!Object.hasOwn(SETTINGS, row.key)) continue;
    const key = row.key as SettingKey;
    const scopePath = row.scopeUnit?.path ?? "";
    if (scopePath && !unitPath.startsWith(scopePath)) continue;
    const parsed = SETTINGS[key].schema.safeParse(row.value);
    if (!parsed.success) continue; // a malformed row never breaks a meeting; validation happens on write
    const rank = { depth: scopePath.length, from: row.effectiveFrom.getTime() };
    const current = best.get(key);
    if (!current || rank.depth > current.depth || (rank.depth === current.depth && rank.from > current.from)) {
      best.set(key, rank);
      snapshot[key] = parsed.data;
    }
  }
  return snapshot as SettingsSnapshot;
}
