// End-to-end tests drive Debian's Chromium against the production build, served by
// tests/e2e/server.ts on a fresh PostgreSQL database with the demo tenant loaded.
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const CRAWL = /crawl\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // Generous: the suite must pass on a busy 2-core machine; a passing step never waits this long.
  expect: { timeout: 20_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    // A failed test keeps its trace: a DOM snapshot of every step. No screencast: its frames were
    // encoded all through every passing test too (most of the browser's GPU-process CPU), for a
    // picture the snapshots already give.
    trace: { mode: "retain-on-failure", screenshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    // The crawl without a trace: recording one (a DOM snapshot per step, a screencast) cost about a
    // quarter of the crawl's CPU, and a failure there is already a list of each page and what was
    // wrong with it. A trace is a worker option, so the crawl gets a worker of its own. It runs first
    // (one worker takes the projects in this order), on the demo as seeded: the links it follows do
    // not depend on what the other specs changed.
    { name: "crawl", testMatch: CRAWL, use: { ...devices["Desktop Chrome"], channel: undefined, trace: "off" } },
    { name: "chromium", testIgnore: CRAWL, use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: `npx tsx tests/e2e/server.ts`,
    url: `http://127.0.0.1:${port}/login`,
    // Migrations, the demo seed and the server's start: a safety net for a busy machine, not a limit.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // One log line per request buried a failure's own output under thousands; warnings and errors stay.
    env: { E2E_PORT: String(port), LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
  },
});
