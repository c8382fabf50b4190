// The year's classification results as shares per level, for a unit and each unit one level down,
// set against the year's targets (issue 16 §4): "95 % tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ
// trở lên (trong sạch, vững mạnh)", "50 % chi bộ …, 20 % xuất sắc (tiêu biểu)", "90 % đảng viên
// hoàn thành tốt nhiệm vụ trở lên". Only decided classifications count; how many are decided out of
// how many subjects is shown beside each share. The targets are rows of DashboardTarget (the
// dashboard's yearly targets) under indicator codes of their own, set by an administrator of the
// tenant's root.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, canAnywhere, type Principal } from "@/lib/auth/permissions";
import { withTenant, withTenantReplica, type Tx } from "@/lib/db/tenant";
import { pathRange, resolveScope } from "@/lib/dashboard/scope";
import { ForbiddenError, parseInputShowingFirst, ValidationError } from "@/lib/errors";
import type { OrgUnitKind } from "@/lib/generated/prisma/enums";
import { CLASSIFICATION_LEVELS, type ClassificationLevel } from "./model";
import { classificationMessages } from "./messages";
import { yearPeriod } from "./period";
import { fill } from "@/lib/i18n/fill";

const text = classificationMessages.shares;

export const SHARE_GROUPS = ["grassroots", "branches", "members"] as const;
export type ShareGroup = (typeof SHARE_GROUPS)[number];

/** Which organisations each group counts (a chi bộ cơ sở is a grassroots organisation). */
export const GROUP_KINDS: Record<Exclude<ShareGroup, "members">, readonly OrgUnitKind[]> = {
  grassroots: ["GRASSROOTS_COMMITTEE", "GRASSROOTS_BRANCH"],
  branches: ["BRANCH", "SUB_COMMITTEE"],
};

export const CLASSIFICATION_INDICATORS = [
  "classGrassrootsGood",
  "classGrassrootsExcellent",
  "classBranchGood",
  "classBranchExcellent",
  "classMemberGood",
  "classMemberExcellent",
] as const;
export type ClassificationIndicator = (typeof CLASSIFICATION_INDICATORS)[number];

export const INDICATOR_OF: Record<ClassificationIndicator, { group: ShareGroup; share: "good" | "excellent" }> = {
  classGrassrootsGood: { group: "grassroots", share: "good" },
  classGrassrootsExcellent: { group: "grassroots", share: "excellent" },
  classBranchGood: { group: "branches", share: "good" },
  classBranchExcellent: { group: "branches", share: "excellent" },
  classMemberGood: { group: "members", share: "good" },
  classMemberExcellent: { group: "members", share: "excellent" },
};

export type LevelCounts = Record<ClassificationLevel, number>;

export interface GroupShares {
  /** Subjects of the group in the subtree (open organisations; members on the roll). */
  total: number;
  decided: number;
  levels: LevelCounts;
  /** Hoàn thành tốt nhiệm vụ trở lên ÷ decided; null while none is decided. */
  goodShare: number | null;
  /** Hoàn thành xuất sắc ÷ decided. */
  excellentShare: number | null;
}

export interface ShareRow {
  unit: { id: string; name: string };
  groups: Record<ShareGroup, GroupShares>;
}

export interface TargetCheck {
  indicator: ClassificationIndicator;
  group: ShareGroup;
  share: "good" | "excellent";
  /** Percent (95 for 95 %). */
  target: number;
  /** Percent with one decimal, null while nothing is decided. */
  actual: number | null;
  status: "met" | "behind" | "noData";
}

export interface ClassificationShares {
  year: number;
  unit: { id: string; name: string };
  total: ShareRow;
  children: ShareRow[];
  targets: TargetCheck[];
  canManageTargets: boolean;
}

const emptyLevels = (): LevelCounts => Object.fromEntries(CLASSIFICATION_LEVELS.map((l) => [l, 0])) as LevelCounts;

function shares(total: number, levels: LevelCounts): GroupShares {
  const decided = CLASSIFICATION_LEVELS.reduce((n, l) => n + levels[l], 0);
  return {
    total,
    decided,
    levels,
    goodShare: decided > 0 ? (levels.EXCELLENT + levels.GOOD) / decided : null,
    excellentShare: decided > 0 ? levels.EXCELLENT / decided : null,
  };
}

async function sharesOf(tx: Tx, tenantId: string, unit: { id: string; name: string; path: string }, year: number): Promise<ShareRow> {
  const period = yearPeriod(year);
  const { lower, upper } = pathRange(unit.path);
  const decided = await tx.$queryRaw<{ subject: string; kind: OrgUnitKind; level: ClassificationLevel; n: number }[]>`
    SELECT c."subject"::text AS subject, u."kind", c."decisionLevel" AS level, count(*)::int AS n
    FROM "Classification" c JOIN "OrgUnit" u ON u."tenantId" = c."tenantId" AND u."id" = c."unitId"
    WHERE c."tenantId" = ${tenantId}::uuid AND u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}
      AND c."periodKind" = 'YEAR' AND c."periodStart" = ${period.start} AND c."state" = 'DECIDED'
    GROUP BY 1, 2, 3`;
  const units = await tx.$queryRaw<{ kind: OrgUnitKind; n: number }[]>`
    SELECT u."kind", count(*)::int AS n FROM "OrgUnit" u
    WHERE u."tenantId" = ${tenantId}::uuid AND u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}
      AND u."activeFrom" <= ${period.end} AND (u."activeTo" IS NULL OR u."activeTo" >= ${period.end})
    GROUP BY 1`;
  const roll = await tx.unitMemberStats.findUnique({ where: { tenantId_unitId: { tenantId, unitId: unit.id } }, select: { members: true } });
  const levels: Record<ShareGroup, LevelCounts> = { grassroots: emptyLevels(), branches: emptyLevels(), members: emptyLevels() };
  for (const r of decided) {
    const group: ShareGroup | null = r.subject !== "COLLECTIVE" ? "members" : GROUP_KINDS.grassroots.includes(r.kind) ? "grassroots" : GROUP_KINDS.branches.includes(r.kind) ? "branches" : null;
    if (group) levels[group][r.level] += r.n;
  }
  const count = (kinds: readonly OrgUnitKind[]) => units.filter((u) => kinds.includes(u.kind)).reduce((n, u) => n + u.n, 0);
  return {
    unit: { id: unit.id, name: unit.name },
    groups: {
      grassroots: shares(count(GROUP_KINDS.grassroots), levels.grassroots),
      branches: shares(count(GROUP_KINDS.branches), levels.branches),
      members: shares(roll?.members ?? 0, levels.members),
    },
  };
}

const percentOne = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The shares of the unit (default: the top of the user's dashboard scope) and its children for a year. */
export async function getClassificationShares(user: Principal, query: { unit?: string | null; year: number }): Promise<ClassificationShares> {
  if (!Number.isInteger(query.year) || query.year < 2000 || query.year > 2100) throw new ValidationError(text.badYear, { year: [text.badYear] });
  return withTenantReplica(user.tenantId, async (tx) => {
    const scope = await resolveScope(tx, user, "dashboard.read", query.unit ?? null);
    const unit = scope.unit;
    const children = await tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, parentId: unit.id, activeFrom: { lte: yearPeriod(query.year).end }, OR: [{ activeTo: null }, { activeTo: { gte: yearPeriod(query.year).end } }] },
      select: { id: true, name: true, path: true },
      orderBy: { name: "asc" },
    });
    const total = await sharesOf(tx, user.tenantId, unit, query.year);
    const rows: ShareRow[] = [];
    for (const child of children) rows.push(await sharesOf(tx, user.tenantId, child, query.year));
    const targetRows = await tx.dashboardTarget.findMany({
      where: { tenantId: user.tenantId, year: query.year, indicator: { in: [...CLASSIFICATION_INDICATORS] } },
      select: { indicator: true, target: true },
    });
    const byIndicator = new Map(targetRows.map((r) => [r.indicator, r.target.toNumber()]));
    const targets: TargetCheck[] = CLASSIFICATION_INDICATORS.filter((i) => byIndicator.has(i)).map((indicator) => {
      const { group, share } = INDICATOR_OF[indicator];
      const g = total.groups[group];
      const actual = percentOne(share === "good" ? g.goodShare : g.excellentShare);
      const target = byIndicator.get(indicator)!;
      return { indicator, group, share, target, actual, status: actual === null ? "noData" : actual >= target ? "met" : "behind" };
    });
    const root = await tx.orgUnit.findFirst({ where: { tenantId: user.tenantId, parentId: null }, select: { path: true }, orderBy: { depth: "asc" } });
    return { year: query.year, unit: { id: unit.id, name: unit.name }, total, children: rows, targets, canManageTargets: root !== null && authorize(user, "settings.manage", root) };
  });
}

// ─── Targets ────────────────────────────────────────────────────────────────────────────────────

const targetValue = z.union([z.number(), z.string().max(20), z.null()]).optional();

const targetsYear = z.coerce.number({ error: text.badYear }).int(text.badYear).min(2000, text.badYear).max(2100, text.badYear);

/** `?year=` of the targets read: a calendar year, the current one when absent. */
export const targetsYearQuerySchema = z.object({ year: targetsYear.optional() });

export const classificationTargetsSchema = z.preprocess(
  (raw) => {
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
    year: targetsYear,
    targets: z.partialRecord(z.enum(CLASSIFICATION_INDICATORS), targetValue).default({}),
  }),
);

function parsePercent(value: unknown): number | null | { error: string } {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return null;
  const n = typeof value === "number" ? value : Number(String(value).trim().replace(",", "."));
  if (!Number.isFinite(n) || n < 0 || n > 100) return { error: text.targetPercent };
  if (Math.round(n * 100) !== n * 100) return { error: text.targetDecimals };
  return n;
}

export async function getClassificationTargets(user: Principal, year: number): Promise<Partial<Record<ClassificationIndicator, number>>> {
  if (!canAnywhere(user, "dashboard.read") && !canAnywhere(user, "settings.manage")) throw new ForbiddenError();
  const rows = await withTenant(user.tenantId, (tx) =>
    tx.dashboardTarget.findMany({ where: { tenantId: user.tenantId, year, indicator: { in: [...CLASSIFICATION_INDICATORS] } }, select: { indicator: true, target: true } }),
  );
  return Object.fromEntries(rows.map((r) => [r.indicator, r.target.toNumber()]));
}

/** Sets the year's classification targets (empty removes one); one audit entry with before and after. */
export async function setClassificationTargets(user: Principal, input: unknown, context: { requestId?: string | null } = {}): Promise<Partial<Record<ClassificationIndicator, number>>> {
  const data = parseInputShowingFirst(classificationTargetsSchema, input, text.targetPercent);
  const values = new Map<ClassificationIndicator, number | null>();
  const fieldErrors: Record<string, string[]> = {};
  for (const [indicator, raw] of Object.entries(data.targets) as [ClassificationIndicator, unknown][]) {
    const value = parsePercent(raw);
    if (value !== null && typeof value === "object") fieldErrors[`targets.${indicator}`] = [value.error];
    else values.set(indicator, value);
  }
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fill(text.someInvalid, { count: Object.keys(fieldErrors).length }), fieldErrors);
  await withTenant(user.tenantId, async (tx) => {
    const root = await tx.orgUnit.findFirst({ where: { tenantId: user.tenantId, parentId: null }, select: { path: true }, orderBy: { depth: "asc" } });
    if (!root || !authorize(user, "settings.manage", root)) throw new ForbiddenError(text.targetsForbidden);
    const read = () => tx.dashboardTarget.findMany({ where: { tenantId: user.tenantId, year: data.year, indicator: { in: [...CLASSIFICATION_INDICATORS] } }, select: { indicator: true, target: true } });
    const plain = (rows: { indicator: string; target: { toNumber(): number } }[]) => Object.fromEntries(rows.map((r) => [r.indicator, r.target.toNumber()]));
    const before = plain(await read());
    for (const [indicator, value] of values) {
      if (value === null) await tx.dashboardTarget.deleteMany({ where: { tenantId: user.tenantId, year: data.year, indicator } });
      else {
        await tx.dashboardTarget.upsert({
          where: { tenantId_year_indicator: { tenantId: user.tenantId, year: data.year, indicator } },
          create: { tenantId: user.tenantId, year: data.year, indicator, target: value, updatedById: user.id },
          update: { target: value, updatedById: user.id, version: { increment: 1 } },
          select: { id: true },
        });
      }
    }
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "classification.targets.set",
      entityType: "Tenant",
      entityId: user.tenantId,
      before: { year: data.year, targets: before },
      after: { year: data.year, targets: plain(await read()) },
      requestId: context.requestId ?? null,
    });
  });
  return getClassificationTargets(user, data.year);
}
