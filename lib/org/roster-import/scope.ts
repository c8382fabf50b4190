// Scope and access: the unit whose subtree an import fills, checked against the user's member.manage grants.
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import messages from "@/lib/i18n/messages";

const wording = messages.orgServer.rosterImport;

export interface ScopeUnit {
  id: string;
  name: string;
  path: string;
}

/** The units whose subtree the user may import into / export from (their member.manage grants). */
export async function listRosterScopes(user: Principal): Promise<ScopeUnit[]> {
  const roots = scopeRoots(user, "member.manage");
  if (roots.length === 0) return [];
  const units = await withTenant(user.tenantId, (tx) =>
    tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, id: { in: roots.map((root) => root.orgUnitId) } },
      select: { id: true, name: true, path: true },
    }),
  );
  return units.filter((unit) => authorize(user, "member.manage", unit)).sort((a, b) => a.path.length - b.path.length || a.name.localeCompare(b.name, "vi"));
}

/**
 * The scope unit of an import: the one named (it must be in the user's member.manage subtrees,
 * else 404), or the user's only scope root.
 */
export async function resolveScope(tx: Tx, user: Principal, scopeUnitId: string | null | undefined): Promise<ScopeUnit> {
  const roots = scopeRoots(user, "member.manage");
  if (roots.length === 0) throw new ForbiddenError();
  if (!scopeUnitId) {
    if (roots.length > 1) throw new ValidationError(wording.scopeRequired, { scopeUnitId: [wording.scopeField] });
    scopeUnitId = roots[0]!.orgUnitId;
  }
  if (!isUuid(scopeUnitId)) throw new NotFoundError();
  const unit = await tx.orgUnit.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: scopeUnitId } },
    select: { id: true, name: true, path: true },
  });
  if (!unit || !authorize(user, "member.manage", unit)) throw new NotFoundError();
  return unit;
}

/** The scope an upload would use, checked before any file is read (404 / 403 as resolveScope). */
export async function checkImportScope(user: Principal, scopeUnitId: string | null | undefined): Promise<ScopeUnit> {
  return withTenant(user.tenantId, (tx) => resolveScope(tx, user, scopeUnitId));
}
