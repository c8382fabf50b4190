// Stored imports: their summary, loading one for a user (404 outside their subtrees) and the
// reads of the import pages.
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportFormat, ImportStatus } from "@/lib/generated/prisma/enums";
import { type ImportReport, parseReport } from "@/lib/org/roster-import/report";

export interface ImportSummary {
  id: string;
  fileName: string;
  format: ImportFormat;
  status: ImportStatus;
  scopeUnitId: string;
  scopeName: string;
  rowCount: number;
  createCount: number;
  updateCount: number;
  unchangedCount: number;
  errorCount: number;
  createdAt: Date;
  appliedAt: Date | null;
}

export const summarySelect = {
  id: true,
  fileName: true,
  format: true,
  status: true,
  scopeUnitId: true,
  rowCount: true,
  createCount: true,
  updateCount: true,
  unchangedCount: true,
  errorCount: true,
  createdAt: true,
  appliedAt: true,
} as const;

export async function loadImportForUser(tx: Tx, user: Principal, importId: string, lock: boolean) {
  if (!isUuid(importId)) throw new NotFoundError();
  if (lock) {
    // Two confirmations of one import run one after the other; the second sees APPLIED.
    await tx.$queryRaw`SELECT 1 FROM "MemberImport" WHERE "tenantId" = ${user.tenantId}::uuid AND "id" = ${importId}::uuid FOR UPDATE`;
  }
  const row = await tx.memberImport.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: importId } },
    select: { ...summarySelect, fileSha256: true, report: true },
  });
  if (!row) throw new NotFoundError();
  const scope = await tx.orgUnit.findUnique({
    where: { tenantId_id: { tenantId: user.tenantId, id: row.scopeUnitId } },
    select: { id: true, name: true, path: true },
  });
  if (!scope || !authorize(user, "member.manage", scope)) throw new NotFoundError();
  return { row, scope };
}

/** One import with its report, or 404 (another tenant's, outside the user's subtrees, malformed id). */
export async function getImport(
  user: Principal,
  importId: string,
): Promise<ImportSummary & { fileSha256: string; report: ImportReport | null }> {
  return withTenant(user.tenantId, async (tx) => {
    const { row, scope } = await loadImportForUser(tx, user, importId, false);
    const { fileSha256, report: stored, ...summary } = row;
    const report = parseReport(stored);
    // The same file may have been applied (through another upload) since this dry run.
    if (report && row.status === "VALIDATED" && !report.sameFileAppliedAt) {
      const applied = await tx.memberImport.findFirst({
        where: { tenantId: user.tenantId, fileSha256, status: "APPLIED" },
        orderBy: { appliedAt: "desc" },
        select: { appliedAt: true },
      });
      if (applied?.appliedAt) report.sameFileAppliedAt = applied.appliedAt.toISOString();
    }
    return { ...summary, fileSha256, scopeName: scope.name, report };
  });
}

/** The latest imports into the subtrees the user manages, newest first. */
export async function listImports(user: Principal, limit = 20): Promise<ImportSummary[]> {
  const roots = scopeRoots(user, "member.manage");
  if (roots.length === 0) return [];
  return withTenant(user.tenantId, async (tx) => {
    // The newest imports whose scope lies in the user's subtrees, chosen in SQL (not a wider page filtered here).
    const inScope = Prisma.join(roots.map((root) => Prisma.sql`u."path" LIKE ${`${root.path}%`}`), " OR ");
    const wanted = await tx.$queryRaw<{ id: string }[]>`
      SELECT i."id" FROM "MemberImport" i
      JOIN "OrgUnit" u ON u."tenantId" = i."tenantId" AND u."id" = i."scopeUnitId"
      WHERE i."tenantId" = ${user.tenantId}::uuid AND (${inScope})
      ORDER BY i."createdAt" DESC, i."id" DESC
      LIMIT ${limit}`;
    const rows = await tx.memberImport.findMany({
      where: { tenantId: user.tenantId, id: { in: wanted.map((row) => row.id) } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: summarySelect,
    });
    const units = await tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, id: { in: [...new Set(rows.map((row) => row.scopeUnitId))] } },
      select: { id: true, name: true, path: true },
    });
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    return rows
      .flatMap((row) => {
        const scope = byId.get(row.scopeUnitId);
        return scope && authorize(user, "member.manage", scope) ? [{ ...row, scopeName: scope.name }] : [];
      })
      .slice(0, limit);
  });
}
