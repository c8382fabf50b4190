// Throughput of the pages and JSON reads secretaries, overseers and members open, through HTTP,
// against a production build. Not part of `npm test`:
//
//   npm run bench:pages                               (this checkout; builds it if .next is missing)
//   npm run bench:pages -- --compare /path/to/main    (and the same endpoints on another checkout's
//                                                      build, measured in the same run)
//   npm run bench:pages -- --build                    (run `next build` first)
//   npm run bench:pages -- --db postgresql://…/db     (a database already migrated and seeded with
//                                                      the demo data; default: a throw-away one)
//   npm run bench:pages -- --workers 2                (serve with `npm start`'s cluster, 2 workers)
//   npm run bench:pages -- --profile /tmp/prof         (servers run with node --cpu-prof; prints where
//                                                      their CPU time went, tests/bench/cpu-profile.ts)
//   npm run bench:pages -- --duration 10 --connections 20 --only bare,bithu-home --json out.json
//
// The machine is shared and its speed moves from run to run, so every figure is read against the
// bare route measured in the same run and on the same server: GET /api/auth/csrf, a route handler
// that touches no database, the floor of this stack. Each endpoint gets autocannon with 20
// connections for 10 s (after a short warm-up); the table gives requests/s, that as a fraction of
// the bare route's, p50 and p95 latency, non-2xx answers and the size of the HTML or JSON body,
// and the server process's CPU time per request (Linux, one process): on a shared, busy machine
// requests/s moves with the neighbours' load, CPU per request much less.
// Pages are signed in as the demo accounts bithu (secretary), capuy (overseer) and dangvien
// (member), through Auth.js's credentials endpoint as the login form does. Only 127.0.0.1 is loaded.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { summarise } from "@/tests/bench/cpu-profile";
import { createTestDatabase, dropTestDatabase } from "@/tests/fixtures/database";

const { values: args } = parseArgs({
  options: {
    compare: { type: "string" },
    build: { type: "boolean", default: false },
    db: { type: "string" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    only: { type: "string" },
    json: { type: "string" },
    workers: { type: "string" },
    port: { type: "string", default: "3791" },
    profile: { type: "string" },
  },
});

const DEMO_PASSWORD = "Demo@2026";
const AUTH_SECRET = "bench-pages-secret-0123456789abcdefghijklmnop";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Endpoint {
  key: string;
  who: "anonymous" | "bithu" | "capuy" | "dangvien";
  path: string;
  kind: "bare" | "page" | "json";
}

interface Result {
  key: string;
  path: string;
  kind: Endpoint["kind"];
  rps: number;
  ratio: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
  bytes: number;
  status: number;
  /** Pages: the JavaScript the HTML loads (script tags), gzip-compressed, as a phone downloads it first. */
  jsGzip?: number;
  /**
   * CPU time the server process spent per request (user + system, from /proc), single-process
   * servers on Linux only. Unlike requests/s it hardly moves with what else the machine runs.
   */
  cpuMs?: number;
  /** The bare route's cpuMs divided by this endpoint's: the requests/s ratio a CPU-bound server reaches. */
  cpuRatio?: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    jar.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(base: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, username, password: DEMO_PASSWORD, callbackUrl: `${base}/` }),
  });
  cookiesOf(response, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in of ${username} failed (${response.status})`);
  return cookieHeader(jar);
}

/** Starts a checkout's server (scripts/serve.ts, or scripts/start.ts with --workers) on the database. */
async function startServer(dir: string, databaseUrl: string, port: number, workers?: string, profileDir?: string): Promise<ChildProcess> {
  const script = workers ? "scripts/start.ts" : "scripts/serve.ts";
  const profiling = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const child = spawn(process.execPath, [...profiling, "--import", "tsx", script, "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      ...(workers ? { WEB_CONCURRENCY: workers } : {}),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server in ${dir} exited (${child.exitCode})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  child.kill("SIGTERM");
  throw new Error(`server in ${dir} did not answer within 120 s`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** A meeting of bithu's branch (Chi bộ Phòng Ngân sách) that has a scorecard, for the meeting and score pages. */
async function demoMeetingId(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT m.id FROM "Meeting" m
         JOIN "OrgUnit" o ON o."tenantId" = m."tenantId" AND o.id = m."branchId"
         JOIN "Scorecard" s ON s."tenantId" = m."tenantId" AND s."meetingId" = m.id
        WHERE o.code = 'STC-NS'
        ORDER BY m."plannedStart" DESC LIMIT 1`,
    );
    if (!rows[0]) throw new Error("no scored meeting of STC-NS: is the demo data loaded?");
    return rows[0].id;
  } finally {
    await client.end();
  }
}

async function demoLoaded(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT 1 FROM "Tenant" WHERE code = 'demo'`).catch(() => ({ rows: [] }));
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

function endpoints(meetingId: string): Endpoint[] {
  const all: Endpoint[] = [
    { key: "bare", who: "anonymous", path: "/api/auth/csrf", kind: "bare" },
    { key: "login", who: "anonymous", path: "/login", kind: "page" },
    { key: "bithu-home", who: "bithu", path: "/", kind: "page" },
    { key: "bithu-meetings", who: "bithu", path: "/meetings", kind: "page" },
    { key: "bithu-meeting", who: "bithu", path: `/meetings/${meetingId}`, kind: "page" },
    { key: "bithu-score", who: "bithu", path: `/meetings/${meetingId}/score`, kind: "page" },
    { key: "bithu-my-json", who: "bithu", path: "/api/v1/my", kind: "json" },
    { key: "capuy-home", who: "capuy", path: "/", kind: "page" },
    { key: "capuy-oversight", who: "capuy", path: "/oversight", kind: "page" },
    { key: "capuy-score", who: "capuy", path: `/meetings/${meetingId}/score`, kind: "page" },
    { key: "dangvien-home", who: "dangvien", path: "/", kind: "page" },
    { key: "dangvien-my", who: "dangvien", path: "/my", kind: "page" },
    { key: "dangvien-my-json", who: "dangvien", path: "/api/v1/my", kind: "json" },
  ];
  const only = args.only?.split(",").map((s) => s.trim());
  return only ? all.filter((e) => e.key === "bare" || only.includes(e.key)) : all;
}

async function load(base: string, endpoint: Endpoint, cookie: string | undefined, duration: number, connections: number) {
  const latencies: number[] = [];
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `${base}${endpoint.path}`, connections, duration, headers }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** CPU time (ms) a process has used so far, user + system, or undefined off Linux. */
function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces, hence from the last ')'): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").at(-1)!.trim().split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s (USER_HZ)
  } catch {
    return undefined;
  }
}

const gzipSizes = new Map<string, number>();

/**
 * First-load JavaScript of a page: every script the HTML names, gzip -6, summed. Not the
 * `noModule` ones (Next.js's legacy polyfills, 38 KB gz): a browser that runs modules, every
 * phone this app supports, never downloads them.
 */
async function firstLoadJs(base: string, html: string): Promise<number> {
  let total = 0;
  const scripts = [...html.matchAll(/<script([^>]+)>/g)].map((m) => m[1]!).filter((attributes) => !/\snomodule\b/i.test(attributes));
  for (const match of new Set(scripts.flatMap((attributes) => /\ssrc="([^"]+\.js)"/.exec(attributes)?.[1] ?? []))) {
    let size = gzipSizes.get(match);
    if (size === undefined) {
      const body = Buffer.from(await (await fetch(new URL(match, base))).arrayBuffer());
      size = gzipSync(body, { level: 6 }).byteLength;
      gzipSizes.set(match, size);
    }
    total += size;
  }
  return total;
}

async function benchBuild(label: string, dir: string, databaseUrl: string, port: number, meetingId: string): Promise<Result[]> {
  const duration = Number(args.duration);
  const connections = Number(args.connections);
  const profileDir = args.profile ? path.resolve(args.profile, label) : undefined;
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  const server = await startServer(dir, databaseUrl, port, label === "current" ? args.workers : undefined, profileDir);
  const base = `http://127.0.0.1:${port}`;
  try {
    const cookies: Record<string, string | undefined> = { anonymous: undefined };
    for (const who of ["bithu", "capuy", "dangvien"]) cookies[who] = await signIn(base, who);
    const results: Result[] = [];
    let bare = Number.NaN;
    let bareCpuMs: number | undefined;
    for (const endpoint of endpoints(meetingId)) {
      const cookie = cookies[endpoint.who];
      // Warm-up: compile paths, fill caches and pools; also the body size and the status a user gets.
      let bytes = 0;
      let status = 0;
      let body = "";
      for (let i = 0; i < 3; i += 1) {
        const response = await fetch(`${base}${endpoint.path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
        const buffer = Buffer.from(await response.arrayBuffer());
        bytes = buffer.byteLength;
        body = buffer.toString("utf8");
        status = response.status;
      }
      const jsGzip = endpoint.kind === "page" ? await firstLoadJs(base, body) : undefined;
      await load(base, endpoint, cookie, 2, connections);
      // The cluster's workers are other processes: CPU per request is read on a single server only.
      const serverPid = label === "current" && args.workers ? undefined : server.pid;
      const cpuBefore = cpuTimeMs(serverPid);
      const measured = await load(base, endpoint, cookie, duration, connections);
      const cpuAfter = cpuTimeMs(serverPid);
      const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined && measured.rps > 0 ? (cpuAfter - cpuBefore) / (measured.rps * duration) : undefined;
      if (endpoint.kind === "bare") {
        bare = measured.rps;
        bareCpuMs = cpuMs;
      }
      const cpuRatio = cpuMs && bareCpuMs ? bareCpuMs / cpuMs : undefined;
      const row: Result = { key: endpoint.key, path: endpoint.path, kind: endpoint.kind, ...measured, ratio: measured.rps / bare, bytes, status, jsGzip, cpuMs, cpuRatio };
      results.push(row);
      console.log(
        `  [${label}] ${row.key.padEnd(18)} ${row.rps.toFixed(1).padStart(7)} req/s  ×${row.ratio.toFixed(3)} of bare  ` +
          `p50 ${row.p50.toFixed(0)} ms  p95 ${row.p95.toFixed(0)} ms  ${(row.bytes / 1024).toFixed(1)} KB` +
          (row.cpuMs !== undefined ? `  CPU ${row.cpuMs.toFixed(1)} ms/req (×${row.cpuRatio?.toFixed(3) ?? "?"} of bare's)` : "") +
          (row.jsGzip ? `  JS ${(row.jsGzip / 1024).toFixed(0)} KB gz` : "") +
          `  status ${row.status}` +
          (row.non2xx || row.errors ? `  non-2xx ${row.non2xx} errors ${row.errors}` : ""),
      );
    }
    return results;
  } finally {
    await stopServer(server);
    if (profileDir && existsSync(profileDir)) {
      for (const file of readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"))) {
        const summary = summarise(JSON.parse(readFileSync(path.join(profileDir, file), "utf8")), 30);
        writeFileSync(path.join(profileDir, `${file}.txt`), summary);
        console.log(`\nCPU profile [${label}] ${path.join(profileDir, file)}\n${summary}`);
      }
    }
  }
}

function table(title: string, results: Result[], compare?: Result[]): string {
  const lines = [
    `\n${title}`,
    "| endpoint | path | req/s | ÷ bare | p50 ms | p95 ms | body KB | first-load JS KB gz | status | non-2xx/errors | CPU ms/req | bare's CPU ÷ this |" +
      (compare ? " ÷ bare, compare | req/s ÷ compare's | CPU ms/req, compare | CPU ÷ compare's |" : ""),
    "|---|---|---|---|---|---|---|---|---|---|---|---|" + (compare ? "---|---|---|---|" : ""),
  ];
  const fixed = (value: number | undefined, digits: number) => (value === undefined ? "—" : value.toFixed(digits));
  for (const row of results) {
    const other = compare?.find((c) => c.key === row.key);
    lines.push(
      `| ${row.key} | ${row.path.replace(/[0-9a-f-]{36}/, "{id}")} | ${row.rps.toFixed(1)} | ${row.ratio.toFixed(3)} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ` +
        `${(row.bytes / 1024).toFixed(1)} | ${row.jsGzip ? (row.jsGzip / 1024).toFixed(0) : ""} | ${row.status} | ${row.non2xx}/${row.errors} | ` +
        `${fixed(row.cpuMs, 1)} | ${fixed(row.cpuRatio, 3)} |` +
        (compare
          ? ` ${other ? other.ratio.toFixed(3) : "—"} | ${other ? (row.rps / other.rps).toFixed(2) : "—"} | ${fixed(other?.cpuMs, 1)} | ` +
            `${row.cpuMs !== undefined && other?.cpuMs ? (row.cpuMs / other.cpuMs).toFixed(2) : "—"} |`
          : ""),
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const here = process.cwd();
  if (args.build || !existsSync(path.join(here, ".next", "BUILD_ID"))) {
    console.log("next build…");
    const build = spawnSync(path.join(here, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  if (args.compare && !existsSync(path.join(args.compare, ".next", "BUILD_ID"))) throw new Error(`${args.compare} has no production build (.next/BUILD_ID)`);

  let throwaway: { name: string; url: string } | undefined;
  let databaseUrl = args.db;
  if (!databaseUrl) {
    throwaway = await createTestDatabase("sosh_bench");
    databaseUrl = throwaway.url;
  }
  try {
    if (!(await demoLoaded(databaseUrl))) {
      console.log(`Dữ liệu mẫu → ${databaseUrl}`);
      for (const command of ["migrate", "seed"]) {
        const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", command, ...(command === "seed" ? ["--demo"] : [])], {
          stdio: "inherit",
          env: { ...process.env, DATABASE_URL: databaseUrl },
        });
        if (run.status !== 0) throw new Error(`db ${command} failed`);
      }
    }
    const meetingId = await demoMeetingId(databaseUrl);
    const port = Number(args.port);
    console.log(`autocannon -c ${args.connections} -d ${args.duration} per endpoint; meeting ${meetingId}`);
    const compare = args.compare ? await benchBuild("compare", path.resolve(args.compare), databaseUrl, port, meetingId) : undefined;
    const current = await benchBuild("current", here, databaseUrl, port, meetingId);
    if (compare) console.log(table(`compare: ${path.resolve(args.compare!)}`, compare));
    console.log(table(`current: ${here}${args.workers ? ` (${args.workers} workers)` : ""}`, current, compare));
    if (args.json) writeFileSync(args.json, JSON.stringify({ at: new Date().toISOString(), current, compare }, null, 2));
  } finally {
    if (throwaway) await dropTestDatabase(throwaway.name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
