// Health and readiness for load balancers and monitors. Health: the process answers. Readiness:
// the database answers as the application role, its migrations are the ones this build expects,
// the storage directory takes a write, and (when DATABASE_REPLICA_URL is set) the read replica
// answers, with its replay lag reported. Answers carry no secrets: no URLs, no raw error text.
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { db, replicaDb } from "@/lib/db/client";
import { migrationStatus, readMigrations, type LocalMigration } from "@/lib/db/migrate";
import { env, migrationDatabaseUrl } from "@/lib/env";
import { log } from "@/lib/log";
import opsWords from "@/lib/i18n/messages/vi/ops-server.json";

const wording = opsWords.health;

export interface CheckResult {
  ok: boolean;
  durationMs: number;
  /** Why it failed, in words an operator can act on (never a connection string or SQL). */
  error?: string;
  [detail: string]: unknown;
}

export interface Readiness {
  status: "ready" | "not_ready";
  /** `replica` only when DATABASE_REPLICA_URL is set. */
  checks: { database: CheckResult; migrations: CheckResult; storage: CheckResult; replica?: CheckResult };
}

export function health() {
  return { status: "ok" as const, uptimeSeconds: Math.round(process.uptime()) };
}

async function timed(name: string, work: () => Promise<Record<string, unknown> | string | void>): Promise<CheckResult> {
  const begin = performance.now();
  try {
    const outcome = await work();
    const durationMs = Math.round(performance.now() - begin);
    if (typeof outcome === "string") return { ok: false, durationMs, error: outcome };
    return { ok: true, durationMs, ...(outcome ?? {}) };
  } catch (error) {
    log.warn(`readiness check ${name} failed`, { err: error });
    return { ok: false, durationMs: Math.round(performance.now() - begin), error: FAILURES[name] ?? wording.failed };
  }
}

const FAILURES: Readonly<Record<string, string>> = wording.failures;

// The migrations this build was deployed with: read once, so files pulled for an upgrade while
// the old process still runs do not make it claim to be current.
let expected: Promise<LocalMigration[]> | undefined;

export async function readiness(): Promise<Readiness> {
  // Dashboards, exports and the review sheet read the replica: without it they fail, so the
  // instance is not ready. Its lag is reported, not judged: those reads may lag.
  const replicaClient = replicaDb();
  const [database, migrations, storage, replica] = await Promise.all([
    timed("database", async () => {
      // As the application role (the pool sets it on connect), the way every request queries.
      await db().$queryRaw`SELECT 1`;
    }),
    timed("migrations", async () => {
      expected ??= readMigrations();
      const local = await expected;
      const status = await migrationStatus(migrationDatabaseUrl(), { migrations: local });
      const problems = { pending: status.pending, changed: status.changed, missing: status.missing, failed: status.failed };
      const current = Object.values(problems).every((list) => list.length === 0);
      if (!current) {
        return wording.schemaBehind;
      }
      return { applied: status.applied.length, latest: status.applied.at(-1) ?? null };
    }),
    timed("storage", async () => {
      const dir = resolve(env().STORAGE_DIR);
      await mkdir(dir, { recursive: true });
      const probe = join(dir, `.ready-${randomUUID()}`);
      await writeFile(probe, "ok");
      await rm(probe, { force: true });
    }),
    replicaClient
      ? timed("replica", async () => {
          // lagSeconds: null on a server that is not a standby (or has replayed nothing yet).
          const [row] = await replicaClient.$queryRaw<{ standby: boolean; lagSeconds: number | null }[]>`
            SELECT pg_is_in_recovery() AS standby,
                   round(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()))::int AS "lagSeconds"`;
          return { standby: row?.standby ?? false, lagSeconds: row?.lagSeconds ?? null };
        })
      : undefined,
  ]);
  const ok = database.ok && migrations.ok && storage.ok && (replica?.ok ?? true);
  return { status: ok ? "ready" : "not_ready", checks: { database, migrations, storage, ...(replica ? { replica } : {}) } };
}
