// Prisma clients. The application client runs every statement as the non-owner role `sosh_app`,
// so row-level security applies to all it does; the owner client is for migrations, seeding and
// the tenant CLI only.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, env } from "@/lib/env";

export const APP_ROLE = "sosh_app";

export type Db = PrismaClient;

export function createDb(url: string, options: { asOwner?: boolean; max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? env().DB_POOL_MAX,
    // Runs before the connection is handed out; if the role cannot be taken, pg-pool closes the
    // connection and reports the error, so nothing ever runs with the owner's rights (fail closed).
    onConnect: options.asOwner ? undefined : (client) => client.query(`SET ROLE ${APP_ROLE}`),
  });
  // Every transaction waits as withTenant's do (lib/db/tenant.ts): Prisma's defaults (2 s to get a
  // connection, 5 s in all) turn a busy moment (50 taps at once, a loaded machine) into an error.
  const client = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  pools.set(client, pool);
  return client;
}

/** The pool behind each client: the adapter does not end a pool it was given. */
const pools = new WeakMap<Db, pg.Pool>();

const globalForDb = globalThis as unknown as { sosDb?: Db; sosReplica?: { url: string; client: Db } };

/** The application's client (one pool per process, reused across hot reloads in development). */
export function db(): Db {
  globalForDb.sosDb ??= createDb(databaseUrl());
  return globalForDb.sosDb;
}

/**
 * The client for reads that may lag: a pool on DATABASE_REPLICA_URL built the same way as the
 * primary's (application role, row-level security), or null when no replica is configured. A
 * changed URL (tests) gets a new pool; the old one is ended.
 */
export function replicaDb(): Db | null {
  const url = env().DATABASE_REPLICA_URL;
  const current = globalForDb.sosReplica;
  if (current && current.url !== url) {
    globalForDb.sosReplica = undefined;
    void disposeDb(current.client);
  }
  if (!url) return null;
  globalForDb.sosReplica ??= { url, client: createDb(url) };
  return globalForDb.sosReplica.client;
}

/** Ends the application's pools (primary and replica) and forgets them, so the next db() opens fresh ones. */
export async function closeDb(): Promise<void> {
  const current = globalForDb.sosDb;
  const replica = globalForDb.sosReplica;
  globalForDb.sosDb = undefined;
  globalForDb.sosReplica = undefined;
  if (current) await disposeDb(current);
  if (replica) await disposeDb(replica.client);
}

/** Disconnects a client made by createDb and ends its pool (the adapter leaves the pool open). */
export async function disposeDb(client: Db): Promise<void> {
  await client.$disconnect();
  const pool = pools.get(client);
  pools.delete(client);
  // Ending twice throws in pg-pool; a client disposed before has no pool entry any more.
  if (pool && !pool.ended) await pool.end();
}
