// Audit entries are written in the same transaction as the change they describe.
import type { Tx } from "@/lib/db/tenant";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditInput {
  tenantId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  requestId?: string | null;
}

export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      requestId: entry.requestId ?? null,
    },
    select: { id: true },
  });
}
