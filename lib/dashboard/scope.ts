// Which unit a dashboard (or the review desk) looks at: one the user holds the permission on, or one
// inside such a subtree. Anything else — another tenant's id, a unit outside the grant, nonsense —
// is a 404 like a unit that does not exist.
import { authorize, scopeRoots, type Permission, type Principal } from "@/lib/auth/permissions";
import { isUuid, type Tx } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { OrgUnitKind } from "@/lib/generated/prisma/enums";
import { pathIds } from "@/lib/domain/org-path";
import { isBranchKind } from "@/lib/org/unit-rules";
import { dashboardMessages as text } from "./messages";

export interface ScopeUnit {
  id: string;
  name: string;
  kind: OrgUnitKind;
  path: string;
  isBranch: boolean;
  activeFrom: Date;
  activeTo: Date | null;
}

export interface ResolvedScope {
  unit: ScopeUnit;
  /** From the top of the user's grant down to the unit (the unit last). */
  trail: { id: string; name: string }[];
  /** The roots of the user's subtrees (to switch between them). */
  roots: { id: string; name: string }[];
}

const unitSelect = { id: true, name: true, kind: true, path: true, activeFrom: true, activeTo: true } as const;

/** The unit asked for (default: the user's first subtree root) and its trail, or 404 / 403. */
export async function resolveScope(tx: Tx, user: Principal, permission: Permission, unitId: string | null | undefined): Promise<ResolvedScope> {
  const grants = scopeRoots(user, permission);
  if (grants.length === 0) throw new ForbiddenError(text.errors.noPermission);
  const rootRows = await tx.orgUnit.findMany({
    where: { tenantId: user.tenantId, id: { in: grants.map((g) => g.orgUnitId) } },
    select: unitSelect,
  });
  const collator = new Intl.Collator("vi");
  rootRows.sort((a, b) => a.path.length - b.path.length || collator.compare(a.name, b.name));
  let row = rootRows[0] ?? null;
  if (unitId !== undefined && unitId !== null && unitId !== "") {
    row = isUuid(unitId)
      ? await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: unitId } }, select: unitSelect })
      : null;
  }
  if (!row || !authorize(user, permission, row)) throw new NotFoundError(text.errors.unitNotFound);

  const top = rootRows.find((root) => row.path.startsWith(root.path));
  const ids = pathIds(row.path).slice(top ? pathIds(top.path).length - 1 : pathIds(row.path).length - 1);
  const names = await tx.orgUnit.findMany({ where: { tenantId: user.tenantId, id: { in: ids } }, select: { id: true, name: true } });
  const byId = new Map(names.map((n) => [n.id, n.name]));
  return {
    unit: { ...row, isBranch: isBranchKind(row.kind) },
    trail: ids.filter((id) => byId.has(id)).map((id) => ({ id, name: byId.get(id)! })),
    roots: rootRows.map((r) => ({ id: r.id, name: r.name })),
  };
}

/** The byte range of a subtree's paths: `path ~>=~ lower AND path ~<~ upper` uses the text_pattern_ops index, and both operators are leakproof, so row-level security keeps the index scan. */
export function pathRange(path: string): { lower: string; upper: string } {
  // "/…/id/" → "/…/id0": '0' is the byte after '/'.
  return { lower: path, upper: `${path.slice(0, -1)}0` };
}
