// Serves the production build for Playwright: a fresh database, migrations, the demo tenants,
// then `next start`. The database is dropped when the server is stopped.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, dropStaleTestDatabases, dropTestDatabase } from "../fixtures/database";

const port = process.env.E2E_PORT ?? "3100";
// Runs from another checkout on the same PostgreSQL (a second container, its own pids) name theirs apart.
const prefix = process.env.E2E_DB_PREFIX ?? "sosh_e2e";
// Playwright may stop this server with SIGKILL, leaving no chance to clean up: drop what an
// earlier run left behind (only databases whose creating process is gone, so parallel runs coexist).
await dropStaleTestDatabases(prefix);
const { name, url } = await createTestDatabase(prefix);
process.env.DATABASE_URL = url;
process.env.AUTH_SECRET ??= "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
// Uploaded and seeded files of this run stay out of the developer's .data/files.
const storageDir = await mkdtemp(join(tmpdir(), "sosh-e2e-files-"));
process.env.STORAGE_DIR = storageDir;

const { migrate } = await import("../../lib/db/migrate");
await migrate(url, {});
const { seedDemo } = await import("../../lib/seed/demo");
await seedDemo({});
const { db } = await import("../../lib/db/client");
await db().$disconnect();

// The app's own HTTP server (scripts/serve.ts → lib/server/http-server.ts), as npm start serves it.
const server = spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "scripts", "serve.ts"), "--port", port, "--hostname", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url },
});

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
  await dropTestDatabase(name).catch(() => undefined);
  await rm(storageDir, { recursive: true, force: true }).catch(() => undefined);
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
server.on("exit", () => void stop("SIGTERM"));
