// `npm test`: the one test command. Runs lint, type check, unit, integration and end-to-end tests
// (against a fresh production build), then prints one summary line "N passed, N failed".
// Lint and type check count as one check each; test suites count their individual tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const tmp = join(root, "tests", ".tmp");
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}
const results: StepResult[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
}

function step(name: string, work: () => Omit<StepResult, "name" | "seconds">) {
  console.log(`\n━━━ ${name} ━━━`);
  const started = Date.now();
  const outcome = work();
  results.push({ name, ...outcome, seconds: (Date.now() - started) / 1000 });
}

function check(command: string, args: string[]) {
  const status = run(command, args).status;
  return { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 };
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

function vitest(project: string) {
  const output = join(tmp, `vitest-${project}.json`);
  const status = run(bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${output}`]).status;
  if (!existsSync(output)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(output, "utf8")) as VitestReport;
  // A suite that crashed before running its tests still fails the run.
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: unknown[];
}

function playwright() {
  const build = run(bin("next"), ["build"], { NODE_ENV: "production" });
  if (build.status !== 0) return { passed: 0, failed: 1, skipped: 0 };
  const output = join(tmp, "playwright.json");
  const status = run(bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: output }).status;
  if (!existsSync(output)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats } = JSON.parse(readFileSync(output, "utf8")) as PlaywrightReport;
  const failed = stats.unexpected + (status !== 0 && stats.unexpected === 0 ? 1 : 0);
  return { passed: stats.expected + stats.flaky, failed, skipped: stats.skipped };
}

const started = Date.now();
step("Prisma generate", () => check("node", [join(root, "scripts", "prisma-generate.mjs")]));
step("Lint (eslint)", () => check(bin("eslint"), ["--max-warnings", "0", "."]));
step("Type check (tsc)", () => check(bin("tsc"), ["--noEmit"]));
step("Unit tests", () => vitest("unit"));
step("Integration tests", () => vitest("integration"));
step("End-to-end tests", () => playwright());

const total = results.reduce(
  (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log("\n━━━ Summary ━━━");
for (const r of results) {
  console.log(`${r.name.padEnd(22)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s`);
}
console.log(`Total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(total.failed === 0 ? 0 : 1);
