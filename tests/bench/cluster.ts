// The production topology, built and run on this machine (issue 15). Not part of `npm test`:
//
//   npm run bench:cluster                       (needs a production build: `npx next build`)
//   npm run bench:cluster -- --duration 20 --connections 50 --port 3115
//
// It starts, as root (Debian's postgresql-common and pgbouncer packages):
//   - a primary PostgreSQL 15 cluster `benchprimary` on 127.0.0.1:5440 (pg_createcluster; trust for
//     127.0.0.1 incl. replication, in its own pg_hba.conf: the main cluster on 5432 is not touched),
//     migrated and loaded with the demo tenants;
//   - a streaming replica `benchreplica` on 5441 (pg_createcluster, then pg_basebackup -R from 5440);
//   - PgBouncer (/usr/sbin/pgbouncer, config in a temp dir) on 127.0.0.1:6440 in transaction mode,
//     with two databases: `sosh` → the primary, `sosh_replica` → the replica. Each server connection
//     takes the application role once (`connect_query`), as the app's own pool does per connection;
//     withTenant sets role and tenant again per transaction, which transaction pooling keeps intact.
//     Prisma's pg adapter sends unnamed prepared statements (parse/bind/execute in one sync), which
//     PgBouncer 1.18 (Debian 12; no max_prepared_statements yet) passes through in transaction mode;
//   - `npm start` (scripts/start.ts) with DATABASE_URL and DATABASE_REPLICA_URL through PgBouncer,
//     first with WEB_CONCURRENCY=1, then 2.
// With each, a mixed load bounded in time against 127.0.0.1 only: pages of the secretary, overseer,
// member and leader, the dashboard JSON, attendance taps with a bearer token, and sign-ins followed by
// a read. Then it prints: errors (must be 0), sign-in and sessions across workers (every request on a
// new connection, which node:cluster hands to the workers in turn), the login throttle holding
// across workers, the dashboard read from the replica equal to the primary's after catch-up, how
// many transactions the replica served, and throughput with 1 and 2 workers.
// Everything it started is stopped and both clusters are dropped at the end, also on failure and on
// Ctrl-C. A run killed with SIGKILL leaves the clusters: the next run drops them first.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "50" },
    port: { type: "string", default: "3115" },
  },
});

const VERSION = "15";
const PRIMARY = { name: "benchprimary", port: 5440 };
const REPLICA = { name: "benchreplica", port: 5441 };
const BOUNCER_PORT = 6440;
const APP_PORT = Number(args.port);
const BASE = `http://127.0.0.1:${APP_PORT}`;
const DEMO_PASSWORD = "Demo@2026";
const AUTH_SECRET = "bench-cluster-secret-0123456789abcdefghijklmnop";
const DIRECT_PRIMARY = `postgresql://postgres@127.0.0.1:${PRIMARY.port}/sosh`;
const DIRECT_REPLICA = `postgresql://postgres@127.0.0.1:${REPLICA.port}/sosh`;
const POOLED_PRIMARY = `postgresql://postgres@127.0.0.1:${BOUNCER_PORT}/sosh`;
const POOLED_REPLICA = `postgresql://postgres@127.0.0.1:${BOUNCER_PORT}/sosh_replica`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const here = process.cwd();

function log(line: string): void {
  console.log(line);
}

function run(command: string, argv: string[], options: { quiet?: boolean; env?: NodeJS.ProcessEnv } = {}): string {
  const result = spawnSync(command, argv, { encoding: "utf8", env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function clusterExists(name: string): boolean {
  const out = spawnSync("pg_lsclusters", ["-h"], { encoding: "utf8" }).stdout ?? "";
  return out.split("\n").some((line) => line.split(/\s+/)[0] === VERSION && line.split(/\s+/)[1] === name);
}

/** Drops one of the bench's own clusters (only these two names), and what pg_dropcluster leaves: our conf.d file. */
function dropCluster(name: string): void {
  if (name !== PRIMARY.name && name !== REPLICA.name) throw new Error(`refusing to drop cluster ${name}`);
  rmSync(`/etc/postgresql/${VERSION}/${name}/conf.d/bench.conf`, { force: true });
  if (clusterExists(name)) spawnSync("pg_dropcluster", ["--stop", VERSION, name], { stdio: "inherit" });
  for (const dir of [`/etc/postgresql/${VERSION}/${name}`, `/var/lib/postgresql/${VERSION}/${name}`]) rmSync(dir, { recursive: true, force: true });
}

// ─── Clean-up, on every way out ────────────────────────────────────────────────────────────────
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      const step = cleanups.pop()!;
      try {
        await step();
      } catch (error) {
        console.error("clean-up step failed:", error);
      }
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping and cleaning up…`);
    void cleanup().then(() => process.exit(130));
  });
}

async function stopChild(child: ChildProcess, grace = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(grace)]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

// ─── The database side ─────────────────────────────────────────────────────────────────────────
const TRUST_HBA = [
  "# bench:cluster: trust on the loopback only, for a throw-away cluster",
  "local   all          all                 trust",
  "host    all          all  127.0.0.1/32   trust",
  "local   replication  all                 trust",
  "host    replication  all  127.0.0.1/32   trust",
  "",
].join("\n");

function createCluster(name: string, port: number): string {
  run("pg_createcluster", [VERSION, name, "-p", String(port), "--start-conf", "manual"]);
  const conf = `/etc/postgresql/${VERSION}/${name}`;
  writeFileSync(path.join(conf, "pg_hba.conf"), TRUST_HBA);
  writeFileSync(
    path.join(conf, "conf.d", "bench.conf"),
    ["listen_addresses = '127.0.0.1'", "max_connections = 200", "shared_buffers = 256MB", "synchronous_commit = off", ""].join("\n"),
  );
  return `/var/lib/postgresql/${VERSION}/${name}`;
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 120; i += 1) {
    if (spawnSync("pg_isready", ["-h", "127.0.0.1", "-p", String(port)]).status === 0) return;
    await sleep(500);
  }
  throw new Error(`PostgreSQL on ${port} did not become ready`);
}

async function startPrimary(): Promise<void> {
  dropCluster(PRIMARY.name);
  cleanups.push(() => dropCluster(PRIMARY.name));
  createCluster(PRIMARY.name, PRIMARY.port);
  run("pg_ctlcluster", [VERSION, PRIMARY.name, "start"]);
  await waitReady(PRIMARY.port);
  await query(`postgresql://postgres@127.0.0.1:${PRIMARY.port}/postgres`, "CREATE DATABASE sosh");
  const started = Date.now();
  for (const command of ["migrate", "seed"]) {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", command, ...(command === "seed" ? ["--demo"] : [])], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, DATABASE_URL: DIRECT_PRIMARY, SOSH_EMBEDDED: "0", AUTH_SECRET },
    });
    if (result.status !== 0) throw new Error(`db ${command} failed`);
  }
  log(`  primary ${PRIMARY.name} on ${PRIMARY.port}: migrated, demo loaded (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

async function startReplica(): Promise<void> {
  dropCluster(REPLICA.name);
  cleanups.push(() => dropCluster(REPLICA.name));
  const data = createCluster(REPLICA.name, REPLICA.port);
  // pg_basebackup fills the (empty) data directory, which stays postgres's with mode 0700.
  for (const entry of readdirSync(data)) rmSync(path.join(data, entry), { recursive: true, force: true });
  run("runuser", ["-u", "postgres", "--", `/usr/lib/postgresql/${VERSION}/bin/pg_basebackup`, "-h", "127.0.0.1", "-p", String(PRIMARY.port), "-U", "postgres", "-D", data, "-R", "-X", "stream", "-c", "fast"]);
  run("pg_ctlcluster", [VERSION, REPLICA.name, "start"]);
  await waitReady(REPLICA.port);
  const [standby] = await query<{ recovery: boolean }>(DIRECT_REPLICA, "SELECT pg_is_in_recovery() AS recovery");
  const [sender] = await query<{ state: string }>(`postgresql://postgres@127.0.0.1:${PRIMARY.port}/postgres`, "SELECT state FROM pg_stat_replication");
  if (!standby?.recovery || sender?.state !== "streaming") throw new Error("the replica is not streaming from the primary");
  log(`  replica ${REPLICA.name} on ${REPLICA.port}: pg_basebackup -R, in recovery, primary's wal sender ${sender.state}`);
}

async function startBouncer(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "sosh-bench-pgbouncer-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const connect = "connect_query='SET ROLE sosh_app'";
  writeFileSync(path.join(dir, "userlist.txt"), '"postgres" ""\n');
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `sosh = host=127.0.0.1 port=${PRIMARY.port} dbname=sosh user=postgres ${connect}`,
      `sosh_replica = host=127.0.0.1 port=${REPLICA.port} dbname=sosh user=postgres ${connect}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${BOUNCER_PORT}`,
      `unix_socket_dir = ${dir}`,
      "auth_type = trust",
      `auth_file = ${path.join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 1000",
      "log_connections = 0",
      "log_disconnections = 0",
      "stats_period = 600",
      "default_pool_size = 20",
      "ignore_startup_parameters = extra_float_digits,options",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  run("chown", ["-R", "postgres:postgres", dir]);
  const child = spawn("/usr/sbin/pgbouncer", ["-u", "postgres", path.join(dir, "pgbouncer.ini")], { stdio: "ignore" });
  cleanups.push(() => stopChild(child, 5_000));
  for (let i = 0; i < 40; i += 1) {
    try {
      await query(POOLED_PRIMARY, "SELECT 1");
      await query(POOLED_REPLICA, "SELECT 1");
      log(`  pgbouncer ${run("/usr/sbin/pgbouncer", ["--version"]).split("\n")[0]} on ${BOUNCER_PORT}, pool_mode = transaction`);
      return;
    } catch {
      if (child.exitCode !== null) throw new Error("pgbouncer exited");
      await sleep(250);
    }
  }
  throw new Error("pgbouncer did not answer");
}

// ─── The app ───────────────────────────────────────────────────────────────────────────────────
async function startApp(workers: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--hostname", "127.0.0.1"], {
    cwd: here,
    env: {
      ...process.env,
      DATABASE_URL: POOLED_PRIMARY,
      DATABASE_REPLICA_URL: POOLED_REPLICA,
      // Migrations take a session advisory lock: past the transaction-mode pooler, straight to the primary.
      DATABASE_DIRECT_URL: DIRECT_PRIMARY,
      SOSH_EMBEDDED: "0",
      AUTH_SECRET,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(APP_PORT),
      WEB_CONCURRENCY: String(workers),
      DB_POOL_MAX: "10",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => stopChild(child);
  cleanups.push(stop);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode})`);
    try {
      const response = await fetch(`${BASE}/api/health`);
      if (response.ok) {
        return child;
      }
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error("npm start did not answer within 120 s");
}

async function stopApp(child: ChildProcess): Promise<void> {
  await stopChild(child);
  const index = cleanups.findIndex((step) => step.name === "stop");
  if (index >= 0) cleanups.splice(index, 1);
}

// ─── HTTP helpers ──────────────────────────────────────────────────────────────────────────────
function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    jar.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Auth.js's credentials sign-in, as the login form posts it; each request on a new connection. */
async function signIn(username: string, password = DEMO_PASSWORD): Promise<{ cookie: string | null; location: string | null }> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${BASE}/api/auth/csrf`, { headers: { connection: "close" } });
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar), connection: "close" },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${BASE}/` }),
  });
  await response.arrayBuffer();
  cookiesOf(response, jar);
  const signed = [...jar.keys()].some((k) => k.includes("session-token"));
  return { cookie: signed ? cookieHeader(jar) : null, location: response.headers.get("location") };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface Fixture {
  cookies: Record<string, string>;
  token: string;
  meetingId: string;
  tapMembers: string[];
  pageMeetingId: string;
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  byPart: { part: string; requests: number; errors: number; p50: number; p95: number }[];
  firstErrors: string[];
}

/** The mixed load: autocannon instances side by side, plus sign-ins, for `duration` seconds. */
async function mixedLoad(fixture: Fixture, duration: number, connections: number): Promise<LoadResult> {
  const share = (n: number) => Math.max(1, Math.round((connections * n) / 50));
  const statuses = ["PRESENT", "ABSENT_EXCUSED", "PRESENT", "ABSENT_UNEXCUSED"];
  let tapIndex = 0;
  const parts: { part: string; connections: number; cookie?: string; requests: autocannon.Request[] }[] = [
    { part: "secretary pages", connections: share(12), cookie: fixture.cookies.bithu, requests: ["/", "/meetings", `/meetings/${fixture.pageMeetingId}`].map((p) => ({ path: p })) },
    { part: "overseer pages", connections: share(8), cookie: fixture.cookies.capuy, requests: ["/", "/oversight"].map((p) => ({ path: p })) },
    { part: "member pages", connections: share(6), cookie: fixture.cookies.dangvien, requests: ["/", "/my"].map((p) => ({ path: p })) },
    { part: "dashboard (replica)", connections: share(10), cookie: fixture.cookies.lanhdao, requests: [{ path: "/dashboard" }, { path: "/api/v1/dashboard" }] },
    {
      part: "attendance taps (token)",
      connections: share(12),
      requests: [
        {
          method: "PUT",
          setupRequest: (request) => {
            const i = tapIndex++;
            const member = fixture.tapMembers[i % fixture.tapMembers.length]!;
            const status = statuses[Math.floor(i / fixture.tapMembers.length) % statuses.length]!;
            return {
              ...request,
              path: `/api/v1/meetings/${fixture.meetingId}/attendance/${member}`,
              headers: { ...request.headers, "content-type": "application/json", authorization: `Bearer ${fixture.token}` },
              body: JSON.stringify({ status, reason: status === "ABSENT_EXCUSED" ? "Công tác" : "" }),
            };
          },
        },
      ],
    },
  ];
  const firstErrors: string[] = [];
  const runs = parts.map(
    (part) =>
      new Promise<LoadResult["byPart"][number] & { latencies: number[] }>((resolve, reject) => {
        const latencies: number[] = [];
        const instance = autocannon(
          // A request slower than 30 s counts as an error (autocannon's default is 10 s).
          { url: BASE, connections: part.connections, duration, timeout: 30, headers: part.cookie ? { cookie: part.cookie } : {}, requests: part.requests },
          (error, done) => {
            if (error) return reject(error);
            latencies.sort((a, b) => a - b);
            resolve({ part: `${part.part} ×${part.connections}`, requests: done.requests.total, errors: done.non2xx + done.errors + done.timeouts, p50: percentile(latencies, 50), p95: percentile(latencies, 95), latencies });
          },
        );
        let noted = false;
        const note = (what: string) => {
          if (!noted && firstErrors.length < 8) firstErrors.push(`${part.part}: ${what}`);
          noted = true;
        };
        instance.on("response", (_client, status, _bytes, responseTime) => {
          latencies.push(responseTime);
          if (status >= 300) note(`HTTP ${status}`);
        });
        instance.on("reqError", (error) => note(String(error)));
      }),
  );
  // Sign-ins (password hashing: a few at a time), each followed by a read with the new session.
  const signers = share(2);
  const until = Date.now() + duration * 1000;
  const signLatencies: number[] = [];
  let signErrors = 0;
  // One account per signer: two sign-ins of one account at the same moment queue on its throttle row.
  const accounts = ["bantochuc", "quantri", "lanhdao", "bithu"];
  const signLoops = Array.from({ length: signers }, async (_, index) => {
    while (Date.now() < until) {
      const begin = performance.now();
      const { cookie, location } = await signIn(accounts[index % accounts.length]!);
      const my = cookie ? await fetch(`${BASE}/api/v1/my`, { headers: { cookie } }) : null;
      if (!cookie || !my?.ok) {
        signErrors += 1;
        if (firstErrors.length < 5) firstErrors.push(`sign-in: ${cookie ? `GET /api/v1/my ${my?.status}` : `no session (→ ${location})`}`);
      }
      await my?.arrayBuffer();
      signLatencies.push(performance.now() - begin);
    }
  });
  const [done] = await Promise.all([Promise.all(runs), Promise.all(signLoops)]);
  signLatencies.sort((a, b) => a - b);
  const byPart = [
    ...done.map(({ latencies: _latencies, ...rest }) => rest),
    // A sign-in is three requests: the CSRF token, the credentials post, the read.
    { part: `sign-in + read ×${signers}`, requests: signLatencies.length * 3, errors: signErrors, p50: percentile(signLatencies, 50), p95: percentile(signLatencies, 95) },
  ];
  const all = done.flatMap((d) => d.latencies).sort((a, b) => a - b);
  const requests = byPart.reduce((sum, p) => sum + p.requests, 0);
  return { requests, rps: requests / duration, p50: percentile(all, 50), p95: percentile(all, 95), errors: byPart.reduce((sum, p) => sum + p.errors, 0), byPart, firstErrors };
}

function printLoad(label: string, result: LoadResult): void {
  log(`\n${label}: ${result.requests} requests, ${result.rps.toFixed(1)} req/s, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, errors ${result.errors}`);
  log("| part | requests | p50 ms | p95 ms | errors |\n|---|---|---|---|---|");
  for (const p of result.byPart) log(`| ${p.part} | ${p.requests} | ${p.p50.toFixed(0)} | ${p.p95.toFixed(0)} | ${p.errors} |`);
  for (const line of result.firstErrors) log(`  first errors: ${line}`);
}

// ─── The checks ────────────────────────────────────────────────────────────────────────────────
async function replicaTransactions(): Promise<number> {
  const [row] = await query<{ n: string }>(DIRECT_REPLICA, "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = 'sosh'");
  return Number(row?.n ?? 0);
}

async function catchUp(): Promise<{ lagBytes: number; waitedMs: number }> {
  const [primary] = await query<{ lsn: string }>(DIRECT_PRIMARY, "SELECT pg_current_wal_lsn()::text AS lsn");
  const begin = Date.now();
  let lagBytes = -1;
  for (let i = 0; i < 200; i += 1) {
    const [row] = await query<{ lag: string | null }>(DIRECT_REPLICA, "SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn())::bigint AS lag", [primary!.lsn]);
    const lag = Number(row?.lag ?? 0);
    if (lagBytes < 0) lagBytes = lag;
    if (lag <= 0) return { lagBytes, waitedMs: Date.now() - begin };
    await sleep(50);
  }
  throw new Error("the replica did not catch up within 10 s");
}

async function sessionsAcrossWorkers(workers: number): Promise<string> {
  const rounds = workers * 3;
  let signed = 0;
  let reads = 0;
  let readsOk = 0;
  for (let i = 0; i < rounds; i += 1) {
    const { cookie } = await signIn("bithu");
    if (cookie) signed += 1;
    for (let j = 0; j < workers * 2; j += 1) {
      reads += 1;
      const response = await fetch(`${BASE}/api/v1/my`, { headers: { cookie: cookie ?? "", connection: "close" } });
      if (response.ok) readsOk += 1;
      await response.arrayBuffer();
    }
  }
  return `sign-in ${signed}/${rounds} ok; the sessions read ${readsOk}/${reads} times ok, every request on a new connection (node:cluster gives each new connection to the next of ${workers} worker(s))`;
}

async function throttleAcrossWorkers(): Promise<string> {
  // The pair counter (this address, this account): 3 free failures, then a wait of 1 s, 2 s, …
  // Each attempt on a new connection, so they alternate between the workers.
  const account = "capuy2";
  let refused = 0;
  for (let i = 0; i < 5; i += 1) {
    const { cookie } = await signIn(account, "wrong-password");
    if (!cookie) refused += 1;
  }
  const right = await signIn(account);
  const throttled = !right.cookie;
  // Wait the throttle out so the account is usable again (and the check is complete: it was a wait, not a lock).
  let after: string | null = null;
  for (let i = 0; i < 30 && !after; i += 1) {
    await sleep(1_000);
    after = (await signIn(account)).cookie;
  }
  return (
    `5 wrong passwords for ${account}: ${refused} refused; the right password straight after: ${throttled ? `refused (throttled; ${right.location ?? ""})` : "ACCEPTED — the throttle did not hold"}; ` +
    `accepted again after the wait: ${after ? "yes" : "no"}`
  );
}

async function fixture(): Promise<Fixture> {
  // The bench's own set-up, straight to the primary (not through the app).
  process.env.DATABASE_URL = DIRECT_PRIMARY;
  process.env.AUTH_SECRET = AUTH_SECRET;
  process.env.DB_POOL_MAX = "2";
  delete process.env.SOSH_EMBEDDED;
  delete process.env.DATABASE_REPLICA_URL;
  const { createTokenForUsername } = await import("@/lib/auth/tokens");
  const created = await createTokenForUsername("bithu", { name: "bench:cluster", expiresInDays: 1, scope: "FULL" });
  const [meeting] = await query<{ id: string }>(
    DIRECT_PRIMARY,
    `SELECT m.id FROM "Meeting" m JOIN "OrgUnit" o ON o."tenantId" = m."tenantId" AND o.id = m."branchId"
      WHERE o.code = 'STC-NS' AND m.state = 'HELD' ORDER BY m."plannedStart" DESC LIMIT 1`,
  );
  if (!meeting) throw new Error("no HELD meeting of STC-NS in the demo");
  const [page] = await query<{ id: string }>(
    DIRECT_PRIMARY,
    `SELECT m.id FROM "Meeting" m JOIN "OrgUnit" o ON o."tenantId" = m."tenantId" AND o.id = m."branchId"
      WHERE o.code = 'STC-NS' ORDER BY m."plannedStart" DESC LIMIT 1`,
  );
  const members = await query<{ memberId: string }>(DIRECT_PRIMARY, `SELECT "memberId" FROM "Attendance" WHERE "meetingId" = $1`, [meeting.id]);
  if (members.length === 0) throw new Error("the HELD meeting has no attendance roll");
  const cookies: Record<string, string> = {};
  for (const who of ["bithu", "capuy", "dangvien", "lanhdao"]) {
    const { cookie } = await signIn(who);
    if (!cookie) throw new Error(`sign-in of ${who} failed`);
    cookies[who] = cookie;
  }
  const token = (created as { token: string }).token;
  const tap = await fetch(`${BASE}/api/v1/meetings/${meeting.id}/attendance/${members[0]!.memberId}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ status: "PRESENT" }),
  });
  if (!tap.ok) throw new Error(`a tap with the token failed: HTTP ${tap.status} ${await tap.text()}`);
  return { cookies, token, meetingId: meeting.id, tapMembers: members.map((m) => m.memberId), pageMeetingId: page!.id };
}

/** Every page and route of the load once per worker (new connections go to the workers in turn): code loaded, pools open. */
async function warmUp(fx: Fixture, workers: number): Promise<void> {
  const visits: [string, string][] = [
    ["bithu", "/"], ["bithu", "/meetings"], ["bithu", `/meetings/${fx.pageMeetingId}`], ["capuy", "/"], ["capuy", "/oversight"],
    ["dangvien", "/"], ["dangvien", "/my"], ["lanhdao", "/dashboard"], ["lanhdao", "/api/v1/dashboard"], ["bithu", "/api/v1/my"],
  ];
  for (let round = 0; round < workers * 2; round += 1) {
    await Promise.all(
      visits.map(async ([who, page]) => {
        const response = await fetch(`${BASE}${page}`, { headers: { cookie: fx.cookies[who]!, connection: "close" }, redirect: "manual" });
        await response.arrayBuffer();
      }),
    );
  }
}

async function dashboardAgreement(): Promise<string> {
  const { lagBytes, waitedMs } = await catchUp();
  const [lanhdao] = await query<{ id: string; tenantId: string }>(DIRECT_PRIMARY, `SELECT id, "tenantId" FROM "User" WHERE username = 'lanhdao'`);
  const grants = await query<{ role: string; orgUnitId: string; path: string }>(
    DIRECT_PRIMARY,
    `SELECT g.role::text AS role, g."orgUnitId", o.path FROM "RoleGrant" g JOIN "OrgUnit" o ON o."tenantId" = g."tenantId" AND o.id = g."orgUnitId" WHERE g."userId" = $1`,
    [lanhdao!.id],
  );
  const principal = { id: lanhdao!.id, tenantId: lanhdao!.tenantId, grants } as Parameters<typeof import("@/lib/dashboard/dashboard").getDashboard>[0];
  const { setReplicaUrl } = await import("@/lib/env");
  const { getDashboard } = await import("@/lib/dashboard/dashboard");
  const now = new Date();
  setReplicaUrl(DIRECT_REPLICA);
  const fromReplica = JSON.parse(JSON.stringify(await getDashboard(principal, {}, { now })));
  setReplicaUrl(undefined);
  const fromPrimary = JSON.parse(JSON.stringify(await getDashboard(principal, {}, { now })));
  const viaApp = (await (await fetch(`${BASE}/api/v1/dashboard`, { headers: { cookie: (await signIn("lanhdao")).cookie ?? "" } })).json()) as { month?: unknown };
  const same = isDeepStrictEqual(fromReplica, fromPrimary);
  const appSame = isDeepStrictEqual(viaApp, fromPrimary);
  const month = (fromPrimary as { month?: { attendance?: unknown } }).month;
  return (
    `replica was ${lagBytes} bytes of WAL behind right after the load, caught up in ${waitedMs} ms; ` +
    `dashboard (lanhdao, whole tenant) from the replica ${same ? "EQUALS" : "DIFFERS FROM"} the primary's; ` +
    `the app's GET /api/v1/dashboard (through PgBouncer → replica) ${appSame ? "equals" : "differs from"} it` +
    (month ? `; this month's attendance: ${JSON.stringify(month.attendance)}` : "")
  );
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error("bench:cluster creates PostgreSQL clusters with pg_createcluster: run it as root");
  if (!existsSync(path.join(here, ".next", "BUILD_ID"))) throw new Error("no production build: run `npx next build` first");
  for (const bin of ["/usr/sbin/pgbouncer", "/usr/bin/pg_createcluster", `/usr/lib/postgresql/${VERSION}/bin/pg_basebackup`]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing (apt-get install postgresql-${VERSION} pgbouncer)`);
  }
  const duration = Number(args.duration);
  const connections = Number(args.connections);
  log(`bench:cluster — ${connections} connections × ${duration} s per run, against ${BASE}`);
  await startPrimary();
  await startReplica();
  await startBouncer();

  const results: { workers: number; load: LoadResult; replicaTx: number }[] = [];
  let checks: string[] = [];
  for (const workers of [1, 2]) {
    const app = await startApp(workers);
    log(`\nnpm start, WEB_CONCURRENCY=${workers}, DATABASE_URL → pgbouncer/sosh, DATABASE_REPLICA_URL → pgbouncer/sosh_replica`);
    const fx = await fixture();
    await warmUp(fx, workers);
    const before = await replicaTransactions();
    const load = await mixedLoad(fx, duration, connections);
    const replicaTx = (await replicaTransactions()) - before;
    results.push({ workers, load, replicaTx });
    printLoad(`mixed load, ${workers} worker(s)`, load);
    log(`  transactions served by the replica during the load: ${replicaTx}`);
    if (workers === 2) {
      checks = [await sessionsAcrossWorkers(workers), await throttleAcrossWorkers(), await dashboardAgreement()];
    }
    await stopApp(app);
  }
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();

  const [one, two] = results;
  log("\n== bench:cluster summary ==");
  log("| workers | req/s | p50 ms | p95 ms | errors | replica transactions |\n|---|---|---|---|---|---|");
  for (const r of results) log(`| ${r.workers} | ${r.load.rps.toFixed(1)} | ${r.load.p50.toFixed(0)} | ${r.load.p95.toFixed(0)} | ${r.load.errors} | ${r.replicaTx} |`);
  log(`throughput 2 workers ÷ 1 worker: ×${(two!.load.rps / one!.load.rps).toFixed(2)} (${run("nproc", []).trim()} cores, PostgreSQL ×2, PgBouncer and the load generator on the same machine)`);
  for (const line of checks) log(`- ${line}`);
  const errors = results.reduce((sum, r) => sum + r.load.errors, 0);
  log(`errors: ${errors}`);
  if (errors > 0 || checks.some((c) => /DIFFERS|ACCEPTED|\b0\/|: no$/.test(c))) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    log("cleaned up: app stopped, pgbouncer stopped, clusters benchprimary and benchreplica dropped");
    process.exit();
  });
