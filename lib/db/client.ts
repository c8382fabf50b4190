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
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  pools.set(client, pool);
  return client;
}

/** The pool behind each client: the adapter does not end a pool it was given. */
const pools = new WeakMap<Db, pg.Pool>();

const globalForDb = globalThis as unknown as { sosDb?: Db };

/** The application's client (one pool per process, reused across hot reloads in development). */
export function db(): Db {
  globalForDb.sosDb ??= createDb(databaseUrl());
  return globalForDb.sosDb;
}

/** Ends the application's pool and forgets it, so the next db() opens a fresh one. */
export async function closeDb(): Promise<void> {
  const current = globalForDb.sosDb;
  globalForDb.sosDb = undefined;
  if (current) await disposeDb(current);
}

/** Disconnects a client made by createDb and ends its pool (the adapter leaves the pool open). */
export async function disposeDb(client: Db): Promise<void> {
  await client.$disconnect();
  const pool = pools.get(client);
  pools.delete(client);
  // Ending twice throws in pg-pool; a client disposed before has no pool entry any more.
  if (pool && !pool.ended) await pool.end();
}
