// The one way into tenant data: a transaction that takes the application role and names the
// tenant for row-level security. Outside it, tenant tables read as empty and refuse writes.
import { db } from "@/lib/db/client";
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
  if (!isUuid(tenantId)) throw new Error("withTenant: tenantId must be a uuid");
  return db()
    .$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT set_config('role', 'sosh_app', true), set_config('app.tenant_id', ${tenantId}, true)`;
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
