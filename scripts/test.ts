// `npm test`: the one test command. Runs lint, type check, unit, integration and end-to-end tests
// (against a fresh production build), then prints one summary line "N passed, N failed".
// Lint and type check count as one check each; test suites count their individual tests.
//
// Three lanes run side by side, because the integration and end-to-end tests mostly wait on
// PostgreSQL and the browser while the other steps mostly use the CPU:
//   lane 1: integration tests (each file in its own copy of a demo-seeded template database)
//   lane 2: `next build` → end-to-end tests (they need the build, nothing else)
//   lane 3: once the build is done (beside the end-to-end tests): type check → lint → unit tests
// The end-to-end tests are the longest lane, and towards the end of a run they are all that is
// left (one browser, one server: less than the two cores), so nothing runs before the build that
// does not have to: the type check comes after it. The build skips Next's own type check
// (SOSH_BUILD_TYPECHECKED, next.config.ts) because this run's tsc checks the same files, and more:
// after the build, tsc also sees the route types Next generated (.next/types, in tsconfig.json),
// which a tsc before the build on a fresh clone could not. A type error fails the run either way.
// Each step's output is kept in tests/.tmp/<step>.log and printed whole when the step ends, so
// lanes never interleave.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const tsc7 = join(root, "node_modules", "@typescript", "native", "bin", "tsc");
const tmp = join(root, "tests", ".tmp");
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

interface Outcome {
  passed: number;
  failed: number;
  skipped: number;
}
interface StepResult extends Outcome {
  name: string;
  seconds: number;
}
const results: StepResult[] = [];
const env = (extra: Record<string, string> = {}) => ({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "1", ...extra });

/** Runs a command with its output going to `log`; resolves with its exit status. */
function run(log: string, command: string, args: string[], extra: Record<string, string> = {}): Promise<number> {
  const fd = openSync(log, "a");
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", fd, fd], env: env(extra) });
    child.on("error", () => resolve(1));
    child.on("close", (code) => resolve(code ?? 1));
  }).finally(() => closeSync(fd)) as Promise<number>;
}

async function step(name: string, work: (log: string) => Promise<Outcome>): Promise<Outcome> {
  const log = join(tmp, `${name.replace(/\W+/g, "-").toLowerCase()}.log`);
  const started = Date.now();
  const outcome = await work(log);
  const seconds = (Date.now() - started) / 1000;
  results.push({ name, ...outcome, seconds });
  console.log(`\n━━━ ${name} (${seconds.toFixed(1)} s) ━━━`);
  if (existsSync(log)) process.stdout.write(readFileSync(log));
  return outcome;
}

function check(log: string, command: string, args: string[]): Promise<Outcome> {
  return checkWith(log, command, args, {});
}

async function checkWith(log: string, command: string, args: string[], extra: Record<string, string>): Promise<Outcome> {
  const status = await run(log, command, args, extra);
  return { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 };
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

async function vitest(log: string, project: string): Promise<Outcome> {
  const output = join(tmp, `vitest-${project}.json`);
  const status = await run(log, bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${output}`]);
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

async function playwright(log: string): Promise<Outcome> {
  const output = join(tmp, "playwright.json");
  const status = await run(log, bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: output });
  if (!existsSync(output)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats } = JSON.parse(readFileSync(output, "utf8")) as PlaywrightReport;
  const failed = stats.unexpected + (status !== 0 && stats.unexpected === 0 ? 1 : 0);
  return { passed: stats.expected + stats.flaky, failed, skipped: stats.skipped };
}

const started = Date.now();
// Everything below needs the generated client: first, alone, in the foreground.
console.log("━━━ Prisma generate ━━━");
const generated = spawnSync("node", [join(root, "scripts", "prisma-generate.mjs")], { stdio: "inherit", env: env() }).status === 0;
results.push({ name: "Prisma generate", passed: generated ? 1 : 0, failed: generated ? 0 : 1, skipped: 0, seconds: (Date.now() - started) / 1000 });

const integrationLane = step("Integration tests", (log) => vitest(log, "integration"));
// The build heads the longest lane; the type check, lint and unit tests wait until it is done and
// share the cores with the e2e, which mostly waits on the browser.
let buildDone: () => void = () => undefined;
const built = new Promise<void>((resolve) => (buildDone = resolve));
const buildLane = (async () => {
  const build = await step("Production build", (log) => checkWith(log, bin("next"), ["build"], {
    NODE_ENV: "production",
    SOSH_BUILD_TYPECHECKED: "1",
    // No Turbopack build cache (next.config.ts) unless asked for: a fresh clone cannot reuse it.
    SOSH_BUILD_CACHE: process.env.SOSH_BUILD_CACHE ?? "0",
  }));
  buildDone();
  if (build.failed === 0) await step("End-to-end tests", (log) => playwright(log));
  else results.push({ name: "End-to-end tests", passed: 0, failed: 1, skipped: 0, seconds: 0 });
})();
const checksLane = (async () => {
  await built;
  // TypeScript 7's native tsc (package "@typescript/native"), on one thread: it shares two cores
  // with the e2e, where its worker threads only add CPU (same errors as TypeScript 5's tsc, which
  // stays installed as "typescript" for the tools that need its JavaScript API: eslint, Next).
  await step("Type check (tsc)", (log) => check(log, tsc7, ["--noEmit", "--singleThreaded"]));
  await step("Lint (eslint)", (log) => check(log, bin("eslint"), ["--max-warnings", "0", "."]));
  await step("Unit tests", (log) => vitest(log, "unit"));
})();
await Promise.all([integrationLane, buildLane, checksLane]);

const order = ["Prisma generate", "Lint (eslint)", "Type check (tsc)", "Unit tests", "Integration tests", "Production build", "End-to-end tests"];
results.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
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
