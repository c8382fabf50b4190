// `npm start`: serve the production build. Without DATABASE_URL, start the embedded PostgreSQL
// (data in .data/), apply migrations, load the demo tenant on the first run, and keep an auth
// secret in .data/. With DATABASE_URL, use that server (migrations applied, no demo data).
// The web server (lib/server/http-server.ts serves Next.js in-process) runs in WEB_CONCURRENCY
// processes on one port (node:cluster; default: one per core with DATABASE_URL, one on the
// embedded database, whose PGlite is a single process the workers would queue on). With one, it
// runs in this process; with more, this process (the primary) owns the database set-up and the
// embedded database (served over a socket, lib/db/embedded.ts), and workers connect to it.
// package.json starts it with `exec node --import tsx` (no shell or tsx process in between), so
// SIGTERM to the pid npm runs, or Ctrl-C, stops the web server(s) (requests in flight finish),
// then the embedded database, and frees the port.
import { spawnSync } from "node:child_process";
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EnvError, parseEnv, setDatabaseUrl } from "../lib/env";

const root = process.cwd();
const dataDir = join(root, ".data");
const nextBin = join(root, "node_modules", ".bin", "next");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function embeddedAuthSecret(): string {
  const file = join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function main() {
  // The production server reads NODE_ENV; no telemetry from a party committee's server.
  Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }

  let stopDatabase: (() => Promise<void>) | undefined;
  // Import after the environment is final: lib/env caches what it first reads.
  const { migrate } = await import("../lib/db/migrate");

  if (env.DATABASE_URL) {
    console.log("Dùng cơ sở dữ liệu PostgreSQL đã cấu hình (DATABASE_URL).");
    try {
      // Directly when DATABASE_DIRECT_URL is set: the migrations' lock needs a session of its own.
      await migrate(env.DATABASE_DIRECT_URL ?? env.DATABASE_URL, { log: (line) => console.log(line) });
    } catch (error) {
      fail(`Không áp dụng được migration vào DATABASE_URL: ${(error as Error).message}`);
    }
  } else {
    const { EmbeddedBusyError, EMBEDDED_DATA_DIR, OPERATOR_CONNECTIONS, startEmbeddedPostgres } = await import("../lib/db/embedded");
    const poolMax = 8;
    let embedded;
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: join(root, EMBEDDED_DATA_DIR),
        role: "app",
        maxConnections: workerCount(env) * poolMax + OPERATOR_CONNECTIONS,
      });
    } catch (error) {
      if (error instanceof EmbeddedBusyError) {
        fail(`Cơ sở dữ liệu nhúng (.data/pg) đang được tiến trình ${error.lock.pid} dùng (${error.lock.role === "app" ? "ứng dụng đang chạy" : "một lệnh quản trị"}). Dừng tiến trình đó rồi chạy lại.`);
      }
      throw error;
    }
    stopDatabase = embedded.stop;
    console.log("Cơ sở dữ liệu nhúng (PGlite) đang chạy, dữ liệu tại .data/pg");
    process.env.AUTH_SECRET = env.AUTH_SECRET ?? embeddedAuthSecret();
    setDatabaseUrl(embedded.url, { embedded: true, poolMax });
    try {
      await migrate(embedded.url, { log: (line) => console.log(line) });
      if (embedded.fresh) {
        const { seedDemo } = await import("../lib/seed/demo");
        console.log("Lần chạy đầu: nạp dữ liệu mẫu…");
        await seedDemo({ log: (line) => console.log(line) });
        // The pool lives on globalThis, which the served app shares: close it so the app opens its own.
        const { closeDb } = await import("../lib/db/client");
        await closeDb();
      }
    } catch (error) {
      await embedded.stop();
      throw error;
    }
  }

  if (!existsSync(join(root, ".next", "BUILD_ID"))) {
    console.log("Chưa có bản build: đang chạy next build (vài phút)…");
    const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) {
      await stopDatabase?.();
      fail("next build thất bại.");
    }
  }

  const workers = workerCount(env);
  if (workers > 1) return runPrimary(workers, env.PORT, stopDatabase);

  const { startHttpServer } = await import("../lib/server/http-server");
  const { log } = await import("../lib/log");
  const server = await startHttpServer({ port: env.PORT, hostname: hostnameArg(), dir: root });
  log.info(`Sổ sinh hoạt chi bộ: http://localhost:${server.port}`, { port: server.port, database: stopDatabase ? "embedded" : "postgresql" });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal });
    try {
      await server.close();
      await stopDatabase?.();
      log.info("stopped", { signal });
      process.exit(0);
    } catch (error) {
      log.error("stop failed", { err: error });
      process.exit(1);
    }
  };
  process.on("SIGINT", (signal) => void shutdown(signal));
  process.on("SIGTERM", (signal) => void shutdown(signal));
}

/** WEB_CONCURRENCY, else one per core on PostgreSQL and one on the embedded database. */
function workerCount(env: { WEB_CONCURRENCY?: number; DATABASE_URL?: string }): number {
  return env.WEB_CONCURRENCY ?? (env.DATABASE_URL ? availableParallelism() : 1);
}

/** `--hostname <address>` (the benches listen on 127.0.0.1 only); all interfaces by default. */
function hostnameArg(): string | undefined {
  const index = process.argv.indexOf("--hostname");
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/**
 * The cluster's primary: forks the workers (which inherit the environment set above: database URL,
 * secret, pool size), replaces one that dies, and on SIGTERM/SIGINT stops them all (each finishes
 * its requests in flight), then the embedded database.
 */
async function runPrimary(count: number, port: number, stopDatabase: (() => Promise<void>) | undefined): Promise<void> {
  const { log } = await import("../lib/log");
  let stopping = false;
  const fork = () => cluster.fork({ SOSH_WORKER: "1" });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log.error("worker exited; starting another", { pid: worker.process.pid, code, signal });
    setTimeout(() => {
      if (!stopping) fork();
    }, 1_000).unref();
  });
  const workers: Worker[] = Array.from({ length: count }, fork);
  await Promise.all(workers.map((worker) => new Promise<void>((resolve) => worker.once("listening", () => resolve()))));
  log.info(`Sổ sinh hoạt chi bộ: http://localhost:${port} (${count} tiến trình)`, { port, workers: count, database: stopDatabase ? "embedded" : "postgresql" });

  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal, workers: Object.keys(cluster.workers ?? {}).length });
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    await Promise.all(
      alive.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const timer = setTimeout(() => worker.process.kill("SIGKILL"), 15_000);
            worker.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            worker.process.kill("SIGTERM");
          }),
      ),
    );
    try {
      await stopDatabase?.();
      log.info("stopped", { signal });
      process.exit(0);
    } catch (error) {
      log.error("stop failed", { err: error });
      process.exit(1);
    }
  };
  process.on("SIGINT", (signal) => void shutdown(signal));
  process.on("SIGTERM", (signal) => void shutdown(signal));
}

/** A cluster worker: the web server only (the primary prepared the database and the build). */
async function runWorker(): Promise<void> {
  const env = parseEnv(process.env);
  const { startHttpServer } = await import("../lib/server/http-server");
  const { log } = await import("../lib/log");
  const server = await startHttpServer({ port: env.PORT, hostname: hostnameArg(), dir: root });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
      const { closeDb } = await import("../lib/db/client");
      await closeDb();
    } finally {
      process.exit(0);
    }
  };
  // Ctrl-C reaches the whole process group; the primary's SIGTERM reaches each worker.
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  // The primary is gone (killed without a chance to stop us): do not linger holding the port.
  process.on("disconnect", () => {
    log.warn("primary gone; worker stopping");
    void stop();
  });
}

(cluster.isWorker ? runWorker() : main()).catch((error) => fail(`Không khởi động được: ${(error as Error).stack ?? error}`));
