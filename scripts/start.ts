// `npm start`: serve the production build. Without DATABASE_URL, start the embedded PostgreSQL
// (data in .data/), apply migrations, load the demo tenant on the first run, and keep an auth
// secret in .data/. With DATABASE_URL, use that server (migrations applied, no demo data).
// Everything runs in this one process (lib/server/http-server.ts serves Next.js in-process), and
// package.json starts it with `exec node --import tsx` (no shell or tsx process in between), so
// SIGTERM to the pid npm runs, or Ctrl-C, stops the web server, then the embedded database, and
// frees the port.
import { spawnSync } from "node:child_process";
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
      await migrate(env.DATABASE_URL, { log: (line) => console.log(line) });
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
        maxConnections: poolMax + OPERATOR_CONNECTIONS,
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

  const { startHttpServer } = await import("../lib/server/http-server");
  const { log } = await import("../lib/log");
  const server = await startHttpServer({ port: env.PORT, dir: root });
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

main().catch((error) => fail(`Không khởi động được: ${(error as Error).stack ?? error}`));
