// Benchmark of the attendance tap. Not part of `npm test`:
//
//   npm run bench:attendance                      (a table)
//   npm run bench:attendance -- --think 300       (each secretary waits 300 ms between taps)
//   npm run bench:attendance -- --secretaries 1   (one secretary: the cost of a tap alone)
//   npm run bench:attendance -- --json
//   npm run bench:attendance -- --state HELD      (correcting marks after the meeting was confirmed held)
//
// On a throw-away database (created and dropped on the server of TEST_DATABASE_ADMIN_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres) it builds a tenant of 50 branches of 60 members
// (a few exempt), one RECORDER per branch and one held meeting per branch, then lets 50
// "secretaries" mark attendance at the same time, each tapping all 60 members of their meeting one
// after the other, in a shuffled order, with a realistic mix of statuses. Every tap goes through
// markAttendance() — the service behind PUT /api/v1/meetings/{id}/attendance/{memberId}, which
// the screen calls on each tap — as the recorder (application role, row-level security, share
// lock, roll check, upsert, audit entry: one transaction per tap). The HTTP layer around it (cookie
// decoding, one grants query) is not included. All 50 secretaries share one process and one
// connection pool of DB_POOL_MAX (default 10), as one app server would.
//
//   npm run bench:attendance -- --http <build dir>   (through HTTP against `next start`)
//
// With --http, the bench starts `next start` from that directory (it must hold a production build,
// `npx next build`) on the throw-away database, signs each secretary in through the login form's
// Auth.js endpoint, and times PUT /api/v1/meetings/{id}/attendance/{memberId} with the session
// cookie, exactly as the screen does.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createTestDatabase, dropTestDatabase } from "@/tests/fixtures/database";

const BRANCHES = 50;
const MEMBERS = 60;
const TARGET_P95_MS = 150;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** mulberry32: a small seeded PRNG, so every run taps in the same order. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const BENCH_PASSWORD = "Bench@2026";
const AUTH_SECRET = "bench-attendance-secret-0123456789abcdefghij";

/** Starts `next start` from a build directory on the given database; resolves when it answers. */
async function startServer(buildDir: string, databaseUrl: string, port: number): Promise<ChildProcess> {
  const nextBin = path.join(buildDir, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: buildDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/login`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  child.kill("SIGTERM");
  throw new Error("next start did not answer within 90 s");
}

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    jar.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through Auth.js's credentials endpoint (as the login form does); returns the cookie header. */
async function signIn(base: string, username: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, username, password: BENCH_PASSWORD, callbackUrl: `${base}/` }),
  });
  cookiesOf(response, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in of ${username} failed (${response.status})`);
  return cookieHeader(jar);
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const think = Number(argValue("--think") ?? "0");
  const httpBuildDir = argValue("--http");
  const meetingState = argValue("--state") === "HELD" ? ("HELD" as const) : ("NOTIFIED" as const);
  // How many of the 50 secretaries tap (1 gives the service time of a tap without contention).
  const active = Math.min(BRANCHES, Math.max(1, Number(argValue("--secretaries") ?? BRANCHES)));
  const log = (line: string) => {
    if (!json) console.log(line);
  };
  const database = await createTestDatabase("sosh_bench");
  process.env.DATABASE_URL = database.url;
  process.env.DB_POOL_MAX ??= "10";
  delete process.env.SOSH_EMBEDDED;
  log(`Cơ sở dữ liệu tạm: ${database.name} (DB_POOL_MAX=${process.env.DB_POOL_MAX})`);
  let server: ChildProcess | null = null;
  try {
    const { migrate } = await import("@/lib/db/migrate");
    const { createDb, db } = await import("@/lib/db/client");
    const { markAttendance } = await import("@/lib/meetings/attendance");
    const { hashPassword } = await import("@/lib/auth/password");
    await migrate(database.url);
    const owner = createDb(database.url, { asOwner: true, max: 2 });

    // ─── Data ──────────────────────────────────────────────────────────────────────────────────
    const started = performance.now();
    const tenantId = randomUUID();
    const rootId = randomUUID();
    const rootPath = `/${rootId}/`;
    const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
    await owner.tenant.create({ data: { id: tenantId, code: "bench-attendance", name: "Đảng bộ thử tải điểm danh" } });
    await owner.orgUnit.create({
      data: { tenantId, id: rootId, kind: "GRASSROOTS_COMMITTEE", name: "Đảng bộ cơ sở thử tải", path: rootPath, depth: 0, activeFrom: day("2015-01-01") },
    });
    const branches = Array.from({ length: BRANCHES }, (_, i) => {
      const id = randomUUID();
      return { id, path: `${rootPath}${id}/`, name: `Chi bộ ${i + 1}`, userId: randomUUID(), meetingId: randomUUID(), members: [] as { id: string; exempt: boolean }[] };
    });
    await owner.orgUnit.createMany({
      data: branches.map((b) => ({ tenantId, id: b.id, parentId: rootId, kind: "BRANCH" as const, name: b.name, path: b.path, depth: 1, activeFrom: day("2015-01-01") })),
    });
    const members: { tenantId: string; id: string; branchId: string; fullName: string; gender: "MALE" | "FEMALE"; birthDate: Date; admittedOn: Date; officialOn: Date | null; status: "OFFICIAL" | "PROBATIONARY" }[] = [];
    for (const [bi, branch] of branches.entries()) {
      for (let i = 0; i < MEMBERS; i += 1) {
        const id = randomUUID();
        const probationary = i % 20 === 19;
        branch.members.push({ id, exempt: i === 7 });
        members.push({
          tenantId,
          id,
          branchId: branch.id,
          fullName: `Đảng viên ${bi + 1}.${i + 1}`,
          gender: i % 2 === 0 ? "MALE" : "FEMALE",
          birthDate: day("1980-01-01"),
          admittedOn: day(probationary ? "2025-06-01" : "2010-01-01"),
          officialOn: probationary ? null : day("2011-01-01"),
          status: probationary ? "PROBATIONARY" : "OFFICIAL",
        });
      }
    }
    await owner.member.createMany({ data: members });
    await owner.branchMembership.createMany({
      data: members.map((m) => ({ tenantId, memberId: m.id, branchId: m.branchId, validFrom: day("2018-01-01") })),
    });
    await owner.exemption.createMany({
      data: branches.flatMap((b) => b.members.filter((m) => m.exempt).map((m) => ({ tenantId, memberId: m.id, fromDate: day("2024-01-01"), reason: "Trên 60 tuổi" }))),
    });
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const username = (i: number) => `bench-bithu-${i + 1}-${tenantId.slice(0, 6)}`;
    await owner.user.createMany({
      data: branches.map((b, i) => ({ tenantId, id: b.userId, username: username(i), passwordHash, displayName: `Bí thư ${b.name}` })),
    });
    await owner.roleGrant.createMany({ data: branches.map((b) => ({ tenantId, userId: b.userId, role: "RECORDER" as const, orgUnitId: b.id })) });
    await owner.meeting.createMany({
      data: branches.map((b) => ({
        tenantId,
        id: b.meetingId,
        branchId: b.id,
        kind: "REGULAR" as const,
        title: "Sinh hoạt chi bộ thường kỳ tháng 3",
        plannedStart: new Date("2026-03-05T07:00:00.000Z"),
        actualStart: new Date("2026-03-05T07:00:00.000Z"),
        // Secretaries mark attendance as members arrive, before "Xác nhận đã họp" (which needs the
        // end time): the meeting is NOTIFIED then. --state HELD times corrections made afterwards,
        // when every tap also updates the dashboard's monthly aggregates.
        state: meetingState,
      })),
    });
    log(`Dữ liệu: ${BRANCHES} chi bộ × ${MEMBERS} đảng viên, ${BRANCHES} kỳ họp (${((performance.now() - started) / 1000).toFixed(1)} s)`);

    // ─── Taps ──────────────────────────────────────────────────────────────────────────────────
    const principal = (b: (typeof branches)[number]) => ({ id: b.userId, tenantId, grants: [{ role: "RECORDER" as const, orgUnitId: b.id, path: b.path }] });
    type Tap = (branchIndex: number, memberId: string, status: string, reason: string) => Promise<void>;
    let tap: Tap = async (bi, memberId, status, reason) => {
      const b = branches[bi]!;
      await markAttendance(principal(b), { meetingId: b.meetingId, memberId, status, reason });
    };
    if (httpBuildDir) {
      const port = 31_000 + Math.floor(Math.random() * 900);
      server = await startServer(path.resolve(httpBuildDir), database.url, port);
      const base = `http://127.0.0.1:${port}`;
      const cookies: string[] = [];
      for (const [i] of branches.entries()) cookies.push(await signIn(base, username(i)));
      log(`HTTP: next start (${httpBuildDir}) trên cổng ${port}, ${cookies.length} bí thư đã đăng nhập`);
      tap = async (bi, memberId, status, reason) => {
        const b = branches[bi]!;
        const response = await fetch(`${base}/api/v1/meetings/${b.meetingId}/attendance/${memberId}`, {
          method: "PUT",
          headers: { "content-type": "application/json", cookie: cookies[bi]! },
          body: JSON.stringify({ status, reason }),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      };
    }
    // Warm-up (connections, query plans, JIT), not measured: one tap per branch on member 1.
    await Promise.all(branches.map((b, bi) => tap(bi, b.members[0]!.id, "ABSENT_UNEXCUSED", "")));

    const latencies: number[] = [];
    let errors = 0;
    let firstError: unknown = null;
    const runStart = performance.now();
    const cpuStart = process.cpuUsage();
    await Promise.all(
      branches.slice(0, active).map(async (branch, bi) => {
        const next = random(1000 + bi);
        const order = [...branch.members].sort(() => next() - 0.5);
        for (const member of order) {
          const roll = next();
          const status = member.exempt
            ? roll < 0.5
              ? "EXEMPT"
              : "PRESENT"
            : roll < 0.85
              ? "PRESENT"
              : roll < 0.93
                ? "ABSENT_EXCUSED"
                : roll < 0.97
                  ? "ABSENT_UNEXCUSED"
                  : "SPECIAL_DUTY";
          const t0 = performance.now();
          try {
            await tap(bi, member.id, status, status === "ABSENT_EXCUSED" ? "Ốm" : "");
          } catch (error) {
            errors += 1;
            firstError ??= error;
          }
          latencies.push(performance.now() - t0);
          if (think > 0) await sleep(think);
        }
      }),
    );
    const wall = performance.now() - runStart;
    server?.kill("SIGTERM");
    server = null;
    const cpu = process.cpuUsage(cpuStart);
    const nodeCpuMsPerTap = (cpu.user + cpu.system) / 1000 / latencies.length;
    const rows = await owner.attendance.count({ where: { tenantId } });
    const audits = await owner.auditEntry.count({ where: { tenantId, action: "attendance.mark" } });
    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      secretaries: active,
      tapsPerSecretary: MEMBERS,
      taps: latencies.length,
      thinkMs: think,
      through: httpBuildDir ? "http" : "service",
      poolMax: Number(process.env.DB_POOL_MAX),
      errors,
      attendanceRows: rows,
      auditEntries: audits,
      wallSeconds: Number((wall / 1000).toFixed(2)),
      tapsPerSecond: Number((latencies.length / (wall / 1000)).toFixed(0)),
      nodeCpuMsPerTap: Number(nodeCpuMsPerTap.toFixed(2)),
      p50Ms: Number(percentile(sorted, 50).toFixed(1)),
      p95Ms: Number(percentile(sorted, 95).toFixed(1)),
      p99Ms: Number(percentile(sorted, 99).toFixed(1)),
      maxMs: Number(sorted[sorted.length - 1]!.toFixed(1)),
      targetP95Ms: TARGET_P95_MS,
      meetingState,
    };
    if (json) {
      console.log(JSON.stringify(result));
    } else {
      log("");
      log(`Điểm danh đồng thời${httpBuildDir ? " qua HTTP" : ""}: ${active} bí thư × ${MEMBERS} lần chạm${think > 0 ? `, nghỉ ${think} ms giữa hai lần chạm` : ", không nghỉ giữa các lần chạm"}, kỳ họp ${meetingState === "HELD" ? "đã xác nhận đã họp" : "đang diễn ra (chưa xác nhận đã họp)"}`);
      log(`  lần chạm          ${result.taps} (lỗi: ${errors})`);
      log(`  bản ghi điểm danh ${rows}, nhật ký ${audits}`);
      log(`  thời gian         ${result.wallSeconds} s, ${result.tapsPerSecond} lần chạm/giây`);
      if (!httpBuildDir) log(`  CPU của Node      ${result.nodeCpuMsPerTap} ms mỗi lần chạm (phần còn lại là PostgreSQL và chờ)`);
      log(`  p50               ${result.p50Ms} ms`);
      log(`  p95               ${result.p95Ms} ms   (mục tiêu < ${TARGET_P95_MS} ms: ${result.p95Ms < TARGET_P95_MS ? "đạt" : "CHƯA ĐẠT"})`);
      log(`  p99               ${result.p99Ms} ms`);
      log(`  max               ${result.maxMs} ms`);
    }
    if (firstError) console.error("Lỗi đầu tiên:", firstError);
    await owner.$disconnect();
    await db().$disconnect();
    if (errors > 0 || rows !== active * MEMBERS + (BRANCHES - active)) process.exitCode = 1;
  } finally {
    server?.kill("SIGTERM");
    // Dropping the database ends the pools' idle connections with "terminating connection due to
    // administrator command" (57P01), which pg reports as an error event: expected here, ignored.
    process.on("uncaughtException", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") throw error;
    });
    await dropTestDatabase(database.name);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
