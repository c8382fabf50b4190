// `npm start`: serve the production build. Without DATABASE_URL, start the embedded PostgreSQL
// (data in .data/), apply migrations, load the demo tenant on the first run, and keep an auth
// secret in .data/. With DATABASE_URL, use that server (migrations applied, no demo data).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EnvError, parseEnv } from "../lib/env";

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
  let env;
  try {
    env = parseEnv({ ...process.env, NODE_ENV: "production" });
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }

  // No network on our machines, and no reason to phone home from a party committee's server.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(env.PORT), NEXT_TELEMETRY_DISABLED: "1" };
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
    const { startEmbeddedPostgres } = await import("../lib/db/embedded");
    const embedded = await startEmbeddedPostgres({ dataDir: join(dataDir, "pg") });
    stopDatabase = embedded.stop;
    console.log(`Cơ sở dữ liệu nhúng (PGlite) đang chạy, dữ liệu tại .data/pg`);
    await migrate(embedded.url, { log: (line) => console.log(line) });
    Object.assign(childEnv, {
      DATABASE_URL: embedded.url,
      SOSH_EMBEDDED: "1",
      AUTH_SECRET: env.AUTH_SECRET ?? embeddedAuthSecret(),
      DB_POOL_MAX: String(embedded.maxConnections),
    });
    if (embedded.fresh) {
      process.env.DATABASE_URL = embedded.url;
      process.env.SOSH_EMBEDDED = "1";
      process.env.DB_POOL_MAX = String(embedded.maxConnections);
      const { seedDemo } = await import("../lib/seed/demo");
      console.log("Lần chạy đầu: nạp dữ liệu mẫu…");
      await seedDemo({ log: (line) => console.log(line) });
      const { db } = await import("../lib/db/client");
      await db().$disconnect();
    }
  }

  if (!existsSync(join(root, ".next", "BUILD_ID"))) {
    console.log("Chưa có bản build: đang chạy next build (vài phút)…");
    const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });
    if (build.status !== 0) fail("next build thất bại.");
  }

  // scripts/serve.ts is `next start` plus the peer address the login throttle needs.
  const server = spawn(process.execPath, ["--import", "tsx", join(root, "scripts", "serve.ts")], { stdio: "inherit", env: childEnv });
  console.log(`Sổ sinh hoạt chi bộ: http://localhost:${env.PORT}`);
  const shutdown = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  server.on("exit", async (code) => {
    await stopDatabase?.();
    process.exit(code ?? 0);
  });
}

main().catch((error) => fail(`Không khởi động được: ${(error as Error).stack ?? error}`));
