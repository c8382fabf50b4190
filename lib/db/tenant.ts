// The one way into tenant data: a transaction that takes the application role and names the
// tenant for row-level security. Outside it, tenant tables read as empty and refuse writes.
import { db, replicaDb, type Db } from "@/lib/db/client";
import { DatabaseUnavailableError, toDatabaseError } from "@/lib/db/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export type Tx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export interface TenantTxOptions {
  /** Milliseconds before the transaction is abandoned (bulk seeding needs more than a request). */
  timeout?: number;
}

export async function withTenant<T>(
  tenantId: string,
  work: (tx: Tx) => Promise<T>,
  options: TenantTxOptions = {},
): Promise<T> {
  return inTenant(db(), false, tenantId, work, options);
}

/**
 * Reads that may lag behind the last write by the replication delay: dashboards, exports, the
 * review sheet, coverage, classification overviews. On the read replica when
 * DATABASE_REPLICA_URL is set, else on the primary as withTenant. Either way the transaction is
 * READ ONLY, so a write put here by mistake fails in every test, not only against a replica.
 * Anything a user reads back right after changing it (read-your-writes) stays on withTenant.
 */
export async function withTenantReplica<T>(
  tenantId: string,
  work: (tx: Tx) => Promise<T>,
  options: TenantTxOptions = {},
): Promise<T> {
  return inTenant(replicaDb() ?? db(), true, tenantId, work, options);
}

async function inTenant<T>(client: Db, readOnly: boolean, tenantId: string, work: (tx: Tx) => Promise<T>, options: TenantTxOptions): Promise<T> {
  if (!isUuid(tenantId)) throw new Error("withTenant: tenantId must be a uuid");
  // Turning transaction_read_only on is allowed after the transaction's first query (only turning
  // it off is not), so it rides in the same round trip as the role and the tenant.
  return client
    .$transaction(
      async (tx) => {
        if (readOnly) {
          await tx.$queryRaw`SELECT set_config('role', 'sosh_app', true), set_config('app.tenant_id', ${tenantId}, true), set_config('transaction_read_only', 'on', true)`;
        } else {
          await tx.$queryRaw`SELECT set_config('role', 'sosh_app', true), set_config('app.tenant_id', ${tenantId}, true)`;
        }
        return work(tx);
      },
      { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
    )
    .catch((error: unknown) => {
      // An unreachable database becomes one typed error that pages and actions can explain.
      const mapped = toDatabaseError(error);
      if (mapped instanceof DatabaseUnavailableError && mapped !== error) console.error("[db] database unavailable:", error);
      throw mapped;
    });
}
