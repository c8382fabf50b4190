// The one way into tenant data: a transaction that takes the application role and names the
// tenant for row-level security. Outside it, tenant tables read as empty and refuse writes.
import { cache } from "react";
import { db, replicaDb, type Db } from "@/lib/db/client";
import { DatabaseUnavailableError, toDatabaseError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
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

/**
 * A page's reads: the same row-level security as withTenant (application role, the tenant named)
 * on the primary, READ ONLY. While a page renders, the reads its components ask for in the same
 * turn of the event loop (a Promise.all, the frame and the page side by side) share one
 * transaction instead of each paying BEGIN, set_config and COMMIT. Authorization stays where it is
 * (in each service, on its own user); only the connection and its round trips are shared, and
 * every read is a read of the same tenant. When a read fails in a shared transaction (Postgres
 * then aborts it for the others too), every read of it runs again alone, so one failing read
 * fails only itself and nobody gets an answer read in an aborted transaction.
 * Outside a render (route handlers, actions, tests) React's cache() keeps nothing, so each call is
 * its own transaction as before.
 */
export function withTenantReads<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) return Promise.reject(new Error("withTenant: tenantId must be a uuid"));
  const queues = requestQueues();
  let queue = queues.get(tenantId);
  if (!queue) {
    const jobs: ReadJob[] = [];
    queue = jobs;
    queues.set(tenantId, jobs);
    // After the current turn's promises have run: every read asked for by then joins this one.
    setImmediate(() => {
      queues.delete(tenantId);
      void runReads(tenantId, jobs);
    });
  }
  return new Promise<T>((resolve, reject) => {
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}

interface ReadJob {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** The reads waiting to start, by tenant, for this request (a fresh map per call outside one). */
const requestQueues = cache((): Map<string, ReadJob[]> => new Map());

/** Ends a shared transaction one of whose reads failed (read only: nothing to undo). */
class SharedReadFailed extends Error {}

/**
 * Runs the given reads in one tenant transaction as withTenantReads does for the reads a render
 * asks for in one turn, and reports each one's outcome (the queue's flush, callable directly).
 */
export function readTogether(tenantId: string, works: readonly ((tx: Tx) => Promise<unknown>)[]): Promise<PromiseSettledResult<unknown>[]> {
  const promises: Promise<unknown>[] = [];
  const jobs = works.map((work) => {
    const job: ReadJob = { work, resolve: () => undefined, reject: () => undefined };
    promises.push(new Promise((resolve, reject) => Object.assign(job, { resolve, reject })));
    return job;
  });
  void runReads(tenantId, jobs);
  return Promise.allSettled(promises);
}

const isRefusal = (reason: unknown) => reason instanceof AppError && !(reason instanceof DatabaseUnavailableError);

async function runReads(tenantId: string, jobs: ReadJob[]): Promise<void> {
  const alone = (job: ReadJob) => inTenant(db(), true, tenantId, job.work, {}).then(job.resolve, job.reject);
  const [only] = jobs;
  if (only && jobs.length === 1) return alone(only);
  let outcomes: PromiseSettledResult<unknown>[] | null = null;
  try {
    outcomes = await inTenant(db(), true, tenantId, async (tx) => {
      const settled = await Promise.allSettled(jobs.map((job) => job.work(tx)));
      // The application's own refusals (not found, forbidden…) leave the transaction sound; any
      // other failure may be a statement Postgres failed, after which the others' statements
      // fail or come back empty, so none of the answers can be trusted.
      if (settled.some((outcome) => outcome.status === "rejected" && !isRefusal(outcome.reason))) throw new SharedReadFailed();
      // A read may have caught a failed statement itself: then the transaction is aborted and this fails.
      await tx.$queryRaw`SELECT 1`;
      return settled;
    }, {});
  } catch (error) {
    // Without a database there is nothing to retry: every read gets the error it would have had alone.
    if (error instanceof DatabaseUnavailableError) {
      for (const job of jobs) job.reject(error);
      return;
    }
    outcomes = null;
  }
  if (!outcomes) {
    // Every read runs again alone, each with the outcome it has by itself, as if they had never shared.
    await Promise.all(jobs.map(alone));
    return;
  }
  for (const [index, job] of jobs.entries()) {
    const outcome = outcomes[index];
    if (outcome?.status === "fulfilled") job.resolve(outcome.value);
    else job.reject(outcome?.reason);
  }
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
