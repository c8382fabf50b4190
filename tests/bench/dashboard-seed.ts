// Generator of a province-sized tenant for the dashboard benchmark (issue 7). Not part of `npm test`.
//
//   npm run bench:seed                         (recreates the database sosh_bench_dashboard)
//   npm run bench:seed -- --database-url <url> (fills that database instead; it must be migrated or empty)
//
// One tenant: a province committee, 600 grassroots committees, 12,000 branches (20 each), 300,000
// members (25 per branch, one of them exempt), 600 overseers (one per grassroots committee, following
// its branches), and two years of meetings up to the current month: a regular meeting every month
// (weak branches skip some), a thematic part in the middle month of each quarter (combined, or a
// separate thematic meeting; some quarters missed), attendance for every member of every held
// meeting, minutes, resolutions, scorecards in every state of the workflow (recent ones waiting for
// the reviewer, one branch in a hundred giving itself the same score every month), and visits (the
// overseer of the first committee hardly ever goes).
//
// Everything is bulk SQL. The history (all months but the current one) is loaded with triggers
// disabled for the session (session_replication_role = replica, as the owner) and the aggregates
// are then rebuilt by one documented backfill statement:
//
//   SELECT app_dashboard_refresh(k.tenants, k.branches, k.years) FROM app_dashboard_all_keys('<tenant>') k;
//
// The current month is then written with the triggers on, as the application writes (meetings,
// attendance, minutes, resolutions, scorecards, visits), followed by edits (attendance corrected,
// meetings moved to another month, scorecards returned, locked meetings reopened, members
// transferred), so the benchmark's check (`npm run bench`: stored aggregates = a from-scratch
// recount) covers what the triggers maintained at this size.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { BENCH_DATABASE, BENCH_TENANT_CODE, argValue, benchDatabaseUrl } from "./dashboard-common";

const GRASSROOTS = 600;
const BRANCHES_PER_GRASSROOTS = 20;
const MEMBERS_PER_BRANCH = 25;
const MONTHS = 24;

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hoàng"];
const GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Lan", "Linh", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo", "Thủy", "Trang", "Tuấn", "Yến"];
const arr = (list: readonly string[]) => `ARRAY[${list.map((v) => `'${v}'`).join(",")}]`;

async function main(): Promise<void> {
  const url = benchDatabaseUrl();
  const json = process.argv.includes("--json");
  const log = (line: string) => {
    if (!json) console.log(line);
  };
  const { adminUrl } = await import("@/tests/fixtures/database");
  if (!argValue("--database-url")) {
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [BENCH_DATABASE]);
    await admin.query(`DROP DATABASE IF EXISTS "${BENCH_DATABASE}"`);
    await admin.query(`CREATE DATABASE "${BENCH_DATABASE}"`);
    await admin.end();
    log(`Cơ sở dữ liệu ${BENCH_DATABASE} đã được tạo lại.`);
  }
  process.env.DATABASE_URL = url;
  delete process.env.SOSH_EMBEDDED;
  const { migrate } = await import("@/lib/db/migrate");
  await migrate(url);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const timings: { step: string; seconds: number; rows: number | null }[] = [];
  async function step(name: string, sql: string, params: unknown[] = []): Promise<number | null> {
    const t0 = performance.now();
    const result = await client.query(sql, params);
    const seconds = (performance.now() - t0) / 1000;
    timings.push({ step: name, seconds, rows: result.rowCount });
    log(`  ${name.padEnd(62)} ${seconds.toFixed(1).padStart(6)} s${result.rowCount !== null ? `  ${result.rowCount.toLocaleString("vi-VN")} dòng` : ""}`);
    return result.rowCount;
  }

  const existing = await client.query(`SELECT id FROM "Tenant" WHERE code = $1`, [BENCH_TENANT_CODE]);
  if (existing.rowCount) throw new Error(`Đơn vị ${BENCH_TENANT_CODE} đã có trong cơ sở dữ liệu này; hãy chạy lại không kèm --database-url để tạo mới.`);

  // The months: 23 of history and the current one (Vietnam's calendar).
  const { rows: [clock] } = await client.query<{ today: string; current: string; first: string }>(`
    SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS today,
           date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS current,
           (date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - interval '${MONTHS - 1} months')::date::text AS first`);
  log(`Hôm nay ${clock!.today}; lịch sử từ ${clock!.first}, tháng hiện tại ${clock!.current}.`);

  await client.query("BEGIN");
  const { rows: [ids] } = await client.query<{ tenant: string; root: string }>(`SELECT gen_random_uuid() AS tenant, gen_random_uuid() AS root`);
  const tenant = ids!.tenant;
  const root = ids!.root;
  await client.query(`SET LOCAL work_mem = '256MB'`);
  log("Tổ chức, tài khoản, đảng viên:");
  await step("đơn vị, tổ chức đảng tỉnh", `INSERT INTO "Tenant" ("id", "code", "name") VALUES ($1, $2, 'Đảng bộ tỉnh (thử tải)')`, [tenant, BENCH_TENANT_CODE]);
  await step(
    "tổ chức đảng tỉnh và 600 đảng bộ cơ sở",
    `WITH root AS (INSERT INTO "OrgUnit" ("tenantId", "id", "kind", "name", "code", "path", "depth", "activeFrom", "updatedAt")
                   VALUES ($1, $2::uuid, 'BLOC_COMMITTEE', 'Đảng bộ tỉnh', 'TINH', '/' || $2::text || '/', 0, '2010-01-01', now()) RETURNING 1)
     INSERT INTO "OrgUnit" ("tenantId", "id", "parentId", "kind", "name", "code", "path", "depth", "activeFrom", "updatedAt")
     SELECT $1, g.id, $2::uuid, 'GRASSROOTS_COMMITTEE', 'Đảng bộ cơ sở số ' || g.n, 'G' || lpad(g.n::text, 3, '0'), '/' || $2::text || '/' || g.id || '/', 1, '2010-01-01', now()
     FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ${GRASSROOTS}) n) g`,
    [tenant, root],
  );
  await step(
    "12.000 chi bộ",
    `INSERT INTO "OrgUnit" ("tenantId", "id", "parentId", "kind", "name", "code", "path", "depth", "activeFrom", "updatedAt", "hasCommittee", "meetingDay")
     SELECT $1, b.id, g.id, 'BRANCH', 'Chi bộ số ' || ((g.n - 1) * ${BRANCHES_PER_GRASSROOTS} + b.k), 'B' || lpad(((g.n - 1) * ${BRANCHES_PER_GRASSROOTS} + b.k)::text, 5, '0'),
            g."path" || b.id || '/', 2, '2010-01-01', now(), true, 1 + (b.k * 7 + g.n) % 25
     FROM (SELECT "id", "path", substr("code", 2)::int AS n FROM "OrgUnit" WHERE "tenantId" = $1 AND "kind" = 'GRASSROOTS_COMMITTEE') g
     CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, k FROM generate_series(1, ${BRANCHES_PER_GRASSROOTS}) k) b`,
    [tenant],
  );
  await client.query(`
    CREATE TEMP TABLE bench_branch AS
    SELECT u."id", g.n AS g, substr(u."code", 2)::int AS n, u."meetingDay" AS day,
           substr(u."code", 2)::int % 17 = 0 AS weak,
           substr(u."code", 2)::int % 97 = 0 AS copier,
           substr(u."code", 2)::int % 11 = 0 AS thematic_skipper
    FROM "OrgUnit" u JOIN (SELECT "id", substr("code", 2)::int AS n FROM "OrgUnit" WHERE "tenantId" = $1 AND "kind" = 'GRASSROOTS_COMMITTEE') g ON g."id" = u."parentId"
    WHERE u."tenantId" = $1 AND u."kind" = 'BRANCH'`, [tenant]);
  await client.query(`CREATE INDEX ON bench_branch (id)`);
  await step(
    "tài khoản: lãnh đạo, Ban Tổ chức, quản trị, 600 cấp ủy viên",
    `WITH people AS (
       SELECT 'bench-lanhdao' AS username, 'Lãnh đạo tỉnh (thử tải)' AS name, 'LEADER'::"Role" AS role, $2::uuid AS unit
       UNION ALL SELECT 'bench-bantochuc', 'Ban Tổ chức tỉnh (thử tải)', 'REVIEWER', $2::uuid
       UNION ALL SELECT 'bench-quantri', 'Quản trị (thử tải)', 'TENANT_ADMIN', $2::uuid
       UNION ALL SELECT 'bench-capuy-' || substr("code", 2), 'Cấp ủy viên theo dõi ' || "name", 'OVERSEER', "id"
       FROM "OrgUnit" WHERE "tenantId" = $1 AND "kind" = 'GRASSROOTS_COMMITTEE'
     ),
     users AS (
       INSERT INTO "User" ("tenantId", "id", "username", "passwordHash", "displayName", "updatedAt")
       SELECT $1, gen_random_uuid(), username, 'not-a-real-hash', name, now() FROM people RETURNING "id", "username"
     )
     INSERT INTO "RoleGrant" ("tenantId", "id", "userId", "role", "orgUnitId")
     SELECT $1, gen_random_uuid(), u."id", p.role, p.unit FROM users u JOIN people p ON p.username = u."username"`,
    [tenant, root],
  );
  await step(
    "300.000 đảng viên (chỉ mục tìm kiếm và số đảng viên theo trigger)",
    `INSERT INTO "Member" ("tenantId", "id", "branchId", "fullName", "gender", "birthDate", "admittedOn", "officialOn", "status", "updatedAt")
     SELECT $1, gen_random_uuid(), b.id,
            (${arr(FAMILY)})[1 + (i * 7 + b.n) % ${FAMILY.length}] || ' ' || (${arr(MIDDLE)})[1 + (i * 3 + b.n) % ${MIDDLE.length}] || ' ' ||
            (${arr(GIVEN)})[1 + (i * 11 + b.n * 5) % ${GIVEN.length}],
            CASE WHEN i % 2 = 0 THEN 'MALE'::"Gender" ELSE 'FEMALE'::"Gender" END,
            DATE '1955-01-01' + (i * 97 + b.n) % 15000, DATE '1985-01-01' + (i * 37 + b.n) % 12000,
            CASE WHEN i = ${MEMBERS_PER_BRANCH} THEN NULL ELSE DATE '1986-01-01' + (i * 37 + b.n) % 12000 END,
            CASE WHEN i = ${MEMBERS_PER_BRANCH} THEN 'PROBATIONARY'::"MemberStatus" ELSE 'OFFICIAL'::"MemberStatus" END, now()
     FROM bench_branch b CROSS JOIN generate_series(1, ${MEMBERS_PER_BRANCH}) i`,
    [tenant],
  );
  await step(
    "quá trình sinh hoạt",
    `INSERT INTO "BranchMembership" ("tenantId", "id", "memberId", "branchId", "validFrom")
     SELECT $1, gen_random_uuid(), "id", "branchId", DATE '2015-01-01' FROM "Member" WHERE "tenantId" = $1`,
    [tenant],
  );
  await client.query(`
    CREATE TEMP TABLE bench_member AS
    SELECT "branchId" AS branch_id, "id" AS member_id, row_number() OVER (PARTITION BY "branchId" ORDER BY "id") AS i
    FROM "Member" WHERE "tenantId" = $1`, [tenant]);
  await client.query(`CREATE INDEX ON bench_member (branch_id)`);
  await step(
    "miễn sinh hoạt (một đảng viên mỗi chi bộ)",
    `INSERT INTO "Exemption" ("tenantId", "id", "memberId", "fromDate", "reason")
     SELECT $1, gen_random_uuid(), member_id, DATE '2020-01-01', 'Trên 60 tuổi' FROM bench_member WHERE i = 24`,
    [tenant],
  );
  await step(
    "phân công cấp ủy viên theo dõi 12.000 chi bộ",
    `INSERT INTO "OverseerAssignment" ("tenantId", "id", "userId", "branchId", "committeeLevel", "validFrom")
     SELECT $1, gen_random_uuid(), us."id", b.id, 'GRASSROOTS', DATE '${clock!.first}' - 31
     FROM bench_branch b JOIN "User" us ON us."tenantId" = $1 AND us."username" = 'bench-capuy-' || lpad(b.g::text, 3, '0')`,
    [tenant],
  );
  await client.query("COMMIT");

  // Built-in rubrics, as the application copies them into a tenant.
  const { createDb } = await import("@/lib/db/client");
  const { ensureBuiltInRubrics } = await import("@/lib/scoring/rubric-store");
  const owner = createDb(url, { asOwner: true, max: 1 });
  await owner.$transaction((tx) => ensureBuiltInRubrics(tx, tenant));
  await owner.$disconnect();
  const { rows: [rubric] } = await client.query<{ id: string }>(`SELECT "id" FROM "Rubric" WHERE "tenantId" = $1 AND "code" = 'HD42_2025' ORDER BY "version" DESC LIMIT 1`, [tenant]);

  // ─── Meetings ──────────────────────────────────────────────────────────────────────────────────
  // h(...) is a deterministic 0–999 draw, so every run builds the same province.
  const h = (expr: string) => `(abs(hashtext(${expr})) % 1000)`;
  const meetingsSql = (from: number, to: number) => `
    WITH months AS (
      SELECT mi, (DATE '${clock!.first}' + (mi || ' months')::interval)::date AS m FROM generate_series(${from}, ${to}) mi
    ),
    plan AS (
      SELECT b.*, mo.mi, mo.m,
             ${h("b.id::text || ':' || mo.mi")} AS hr,
             ${h("b.id::text || ':t:' || mo.mi")} AS ht,
             extract(month FROM mo.m)::int IN (2, 5, 8, 11) AS thematic_month
      FROM bench_branch b CROSS JOIN months mo
    ),
    slots AS (
      -- The monthly meeting: combined with the quarter's thematic part 70 % of the time.
      SELECT p.*, CASE WHEN p.thematic_month AND p.ht < 700 AND NOT (p.thematic_skipper AND p.ht < 420) THEN 'COMBINED' ELSE 'REGULAR' END AS kind, p.day AS d, 0 AS slot
      FROM plan p WHERE NOT ((p.weak AND p.hr < 250) OR p.hr < 12)
      UNION ALL
      -- A separate thematic meeting two weeks later.
      SELECT p.*, 'THEMATIC', least(p.day + 14, 28), 1
      FROM plan p WHERE p.thematic_month AND p.ht >= 700 AND p.ht < 950 AND NOT p.thematic_skipper
    )
    SELECT gen_random_uuid() AS id, s.id AS branch_id, s.g, s.n, s.weak, s.copier, s.mi, s.kind::"MeetingKind" AS kind, s.slot,
           ((s.m + (s.d - 1))::timestamp + interval '7 hours') AT TIME ZONE 'UTC' AS planned_start,
           ${h("s.id::text || ':s:' || s.mi || ':' || s.slot")} AS hs
    FROM slots s`;

  await client.query("BEGIN");
  await client.query(`SET LOCAL work_mem = '256MB'`);
  // The history is loaded without triggers (owner only); the aggregates are rebuilt once below.
  await client.query(`SET LOCAL session_replication_role = replica`);
  log("Lịch sử 23 tháng (không qua trigger):");
  await client.query(`CREATE TEMP TABLE bench_meeting AS ${meetingsSql(0, MONTHS - 2)}`);
  await client.query(`ALTER TABLE bench_meeting ADD COLUMN state "MeetingState"`);
  // Older months are mostly finalised; the last two are waiting for the overseer or the reviewer.
  await client.query(`
    UPDATE bench_meeting SET state = (CASE
      WHEN mi <= ${MONTHS - 4} THEN CASE WHEN hs < 960 THEN 'FINALISED' WHEN hs < 980 THEN 'CONFIRMED' WHEN hs < 990 THEN 'SELF_SCORED' ELSE 'MINUTES_ADOPTED' END
      WHEN mi = ${MONTHS - 3} THEN CASE WHEN hs < 600 THEN 'FINALISED' WHEN hs < 850 THEN 'CONFIRMED' ELSE 'SELF_SCORED' END
      ELSE CASE WHEN hs < 400 THEN 'CONFIRMED' WHEN hs < 850 THEN 'SELF_SCORED' ELSE 'MINUTES_ADOPTED' END
    END)::"MeetingState"`);
  await client.query(`CREATE INDEX ON bench_meeting (branch_id)`);
  await step(
    "kỳ sinh hoạt",
    `INSERT INTO "Meeting" ("tenantId", "id", "branchId", "kind", "hasThematicPart", "title", "plannedStart", "plannedEnd", "actualStart", "actualEnd", "state", "lockedAt", "noticeSentAt", "updatedAt")
     SELECT $1, id, branch_id, kind, kind <> 'REGULAR',
            CASE kind WHEN 'THEMATIC' THEN 'Sinh hoạt chuyên đề' WHEN 'COMBINED' THEN 'Sinh hoạt thường kỳ kết hợp chuyên đề' ELSE 'Sinh hoạt chi bộ thường kỳ' END
              || ' tháng ' || to_char(planned_start AT TIME ZONE 'Asia/Ho_Chi_Minh', 'MM/YYYY'),
            planned_start, planned_start + interval '2 hours', planned_start,
            planned_start + CASE WHEN weak THEN interval '75 minutes' ELSE interval '125 minutes' END,
            state, CASE WHEN state = 'FINALISED' THEN planned_start + interval '20 days' END, planned_start - interval '3 days', now()
     FROM bench_meeting`,
    [tenant],
  );
  await step(
    "điểm danh (mọi đảng viên của mọi kỳ đã họp)",
    `INSERT INTO "Attendance" ("tenantId", "id", "meetingId", "memberId", "status", "reason", "updatedAt")
     SELECT $1, gen_random_uuid(), bm.id, mb.member_id, x.status, CASE WHEN x.status = 'ABSENT_EXCUSED' THEN 'Công tác' END, now()
     FROM bench_meeting bm JOIN bench_member mb ON mb.branch_id = bm.branch_id
     CROSS JOIN LATERAL (SELECT ${h("bm.id::text || mb.i")} AS r) d
     CROSS JOIN LATERAL (SELECT (CASE
       WHEN mb.i = 24 THEN 'EXEMPT'
       WHEN d.r < CASE WHEN bm.weak THEN 780 ELSE 905 END THEN 'PRESENT'
       WHEN d.r < CASE WHEN bm.weak THEN 900 ELSE 980 END THEN 'ABSENT_EXCUSED'
       ELSE 'ABSENT_UNEXCUSED' END)::"AttendanceStatus" AS status) x`,
    [tenant],
  );
  await step(
    "biên bản",
    `INSERT INTO "Minutes" ("tenantId", "id", "meetingId", "opening", "proceedings", "closing", "adoptedAt", "updatedAt")
     SELECT $1, gen_random_uuid(), id, 'Khai mạc', 'Chi bộ đánh giá kết quả tháng và thảo luận nhiệm vụ tháng tới.', 'Bế mạc',
            planned_start + interval '2 hours' + CASE WHEN weak AND hs % 3 = 0 THEN interval '3 days' ELSE interval '0' END, now()
     FROM bench_meeting`,
    [tenant],
  );
  await step(
    "nghị quyết",
    `INSERT INTO "Resolution" ("tenantId", "id", "meetingId", "number", "body", "adoptedAt", "postedAt", "updatedAt")
     SELECT $1, gen_random_uuid(), id, '01-NQ/CB', 'Chi bộ thống nhất nghị quyết tháng.', planned_start + interval '2 hours',
            CASE WHEN hs % 20 = 0 THEN NULL
                 WHEN weak AND hs % 5 < 2 THEN planned_start + interval '4 days'
                 ELSE planned_start + interval '22 hours' END, now()
     FROM bench_meeting`,
    [tenant],
  );
  const scorecards = (where: string) => `
    INSERT INTO "Scorecard" ("tenantId", "id", "meetingId", "rubricId", "facts", "selfMarks", "selfTotalTenths", "selfLevel", "selfAt",
                             "overseerMarks", "overseerTotalTenths", "overseerLevel", "overseerReason", "overseerAt",
                             "finalTotalTenths", "finalLevel", "finalAt", "updatedAt")
    SELECT $1, gen_random_uuid(), c.id, $2, c.facts, '{"marks": {}, "remarks": {}}', c.self, app_bench_level(c.self), c.planned_start + interval '1 day',
           CASE WHEN c.adjusted THEN '{"marks": {}, "remarks": {}}'::jsonb END,
           CASE WHEN c.state IN ('CONFIRMED', 'FINALISED') THEN c.overseer END,
           CASE WHEN c.state IN ('CONFIRMED', 'FINALISED') THEN app_bench_level(c.overseer) END,
           CASE WHEN c.adjusted THEN 'Qua dự sinh hoạt, nội dung thảo luận chưa sâu.' END,
           CASE WHEN c.state IN ('CONFIRMED', 'FINALISED') THEN c.planned_start + interval '5 days' END,
           CASE WHEN c.state = 'FINALISED' THEN c.overseer END,
           CASE WHEN c.state = 'FINALISED' THEN app_bench_level(c.overseer) END,
           CASE WHEN c.state = 'FINALISED' THEN c.planned_start + interval '15 days' END, now()
    FROM (
      SELECT bm.id, bm.state, bm.planned_start, s.self,
             s.self - CASE WHEN bm.hs % 10 < 3 AND bm.state IN ('CONFIRMED', 'FINALISED') THEN CASE WHEN bm.hs % 37 = 0 THEN 130 ELSE 10 + bm.hs % 40 END ELSE 0 END AS overseer,
             bm.hs % 10 < 3 AND bm.state IN ('CONFIRMED', 'FINALISED') AS adjusted,
             jsonb_build_object('kind', bm.kind, 'hasThematicPart', bm.kind <> 'REGULAR', 'requiredMinutes', CASE WHEN bm.kind = 'COMBINED' THEN 120 ELSE 90 END,
               'actualMinutes', CASE WHEN bm.weak THEN 75 ELSE 125 END, 'present', 21, 'attendanceDenominator', 24, 'absentExcused', 2, 'absentUnexcused', 1,
               'longestExcusedStreak', 1, 'speakers', 11, 'ideologyMinutes', 20, 'documentsLeadMinutes', 2880, 'finalDocumentsDelayMinutes', 1320,
               'hasCommittee', true, 'preMeetingHeld', true, 'preMeetingMinuted', true, 'noticeToAllMembers', true, 'noticeToOverseer', true,
               'previousTargets', NULL, 'draftResolutionExists', true, 'preparedBySecretaryOrDeputy', true, 'minutesComplete', NOT (bm.weak AND bm.hs % 4 = 0)) AS facts
      FROM ${where} bm
      CROSS JOIN LATERAL (SELECT CASE WHEN bm.copier THEN 950 WHEN bm.weak THEN 450 + bm.hs % 400 ELSE 720 + bm.hs % 270 END AS self) s
      WHERE bm.state IN ('SELF_SCORED', 'CONFIRMED', 'FINALISED')
    ) c`;
  await client.query(`
    CREATE OR REPLACE FUNCTION pg_temp.app_bench_level(t integer) RETURNS "Level" LANGUAGE sql IMMUTABLE
    AS $$ SELECT (CASE WHEN t >= 900 THEN 'GOOD' WHEN t >= 700 THEN 'FAIR' WHEN t >= 500 THEN 'AVERAGE' ELSE 'POOR' END)::"Level" $$`);
  await step("phiếu chấm (tự chấm, cấp trên, thẩm định)", scorecards("bench_meeting").replaceAll("app_bench_level", "pg_temp.app_bench_level"), [tenant, rubric!.id]);
  const visits = (where: string) => `
    INSERT INTO "OverseerVisit" ("tenantId", "id", "meetingId", "branchId", "userId", "assignmentId", "status", "recordedAt", "remarks", "approval", "updatedAt")
    SELECT $1, gen_random_uuid(), bm.id, bm.branch_id, a."userId", a."id", 'ATTENDED', bm.planned_start + interval '3 hours', 'Dự và phát biểu chỉ đạo.', 'NOT_NEEDED', now()
    FROM ${where} bm JOIN "OverseerAssignment" a ON a."tenantId" = $1 AND a."branchId" = bm.branch_id
    WHERE bm.slot = 0 AND bm.state NOT IN ('PLANNED', 'NOTIFIED') AND (bm.hs % 100) < CASE WHEN bm.g = 1 THEN 1 ELSE 18 END`;
  await step("cấp ủy viên cấp trên dự sinh hoạt", visits("bench_meeting"), [tenant]);
  await client.query(`SET LOCAL session_replication_role = origin`);
  log("Dựng số liệu tổng hợp một lần (câu lệnh bổ sung số liệu):");
  await step(
    "SELECT app_dashboard_refresh(…) FROM app_dashboard_all_keys(tenant)",
    `SELECT app_dashboard_refresh(k.tenants, k.branches, k.years) FROM app_dashboard_all_keys($1) k`,
    [tenant],
  );
  await client.query("COMMIT");

  // ─── The current month, through the triggers ────────────────────────────────────────────────────
  log("Tháng hiện tại và các chỉnh sửa (qua trigger, như ứng dụng ghi):");
  await client.query("BEGIN");
  await client.query(`SET LOCAL work_mem = '256MB'`);
  await client.query(`CREATE TEMP TABLE bench_live AS ${meetingsSql(MONTHS - 1, MONTHS - 1)}`);
  await client.query(`ALTER TABLE bench_live ADD COLUMN state "MeetingState"`);
  // Meetings of days already past are held (some scored already), the rest are planned.
  await client.query(`
    UPDATE bench_live SET state = (CASE
      WHEN (planned_start AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= DATE '${clock!.today}' THEN 'PLANNED'
      WHEN hs < 350 THEN 'HELD' WHEN hs < 700 THEN 'MINUTES_ADOPTED' ELSE 'SELF_SCORED' END)::"MeetingState"`);
  await step(
    "kỳ sinh hoạt tháng này",
    `INSERT INTO "Meeting" ("tenantId", "id", "branchId", "kind", "hasThematicPart", "title", "plannedStart", "plannedEnd", "actualStart", "actualEnd", "state", "noticeSentAt", "updatedAt")
     SELECT $1, id, branch_id, kind, kind <> 'REGULAR', 'Sinh hoạt chi bộ tháng ' || to_char(planned_start AT TIME ZONE 'Asia/Ho_Chi_Minh', 'MM/YYYY'),
            planned_start, planned_start + interval '2 hours',
            CASE WHEN state <> 'PLANNED' THEN planned_start END,
            CASE WHEN state <> 'PLANNED' THEN planned_start + CASE WHEN weak THEN interval '75 minutes' ELSE interval '125 minutes' END END,
            state, CASE WHEN state <> 'PLANNED' THEN planned_start - interval '3 days' END, now()
     FROM bench_live`,
    [tenant],
  );
  await step(
    "điểm danh tháng này",
    `INSERT INTO "Attendance" ("tenantId", "id", "meetingId", "memberId", "status", "updatedAt")
     SELECT $1, gen_random_uuid(), bm.id, mb.member_id,
            (CASE WHEN mb.i = 24 THEN 'EXEMPT' WHEN ${h("bm.id::text || mb.i")} < 900 THEN 'PRESENT' WHEN ${h("bm.id::text || mb.i")} < 985 THEN 'ABSENT_EXCUSED' ELSE 'ABSENT_UNEXCUSED' END)::"AttendanceStatus", now()
     FROM bench_live bm JOIN bench_member mb ON mb.branch_id = bm.branch_id WHERE bm.state <> 'PLANNED'`,
    [tenant],
  );
  await step(
    "biên bản, nghị quyết tháng này",
    `WITH m AS (SELECT * FROM bench_live WHERE state IN ('MINUTES_ADOPTED', 'SELF_SCORED')),
          mi AS (INSERT INTO "Minutes" ("tenantId", "id", "meetingId", "opening", "proceedings", "closing", "adoptedAt", "updatedAt")
                 SELECT $1, gen_random_uuid(), id, 'Khai mạc', 'Thảo luận', 'Bế mạc', planned_start + interval '2 hours', now() FROM m RETURNING 1)
     INSERT INTO "Resolution" ("tenantId", "id", "meetingId", "body", "adoptedAt", "postedAt", "updatedAt")
     SELECT $1, gen_random_uuid(), id, 'Nghị quyết tháng', planned_start + interval '2 hours', planned_start + interval '1 day', now() FROM m`,
    [tenant],
  );
  await step("phiếu tự chấm tháng này", scorecards("bench_live").replaceAll("app_bench_level", "pg_temp.app_bench_level"), [tenant, rubric!.id]);
  await step("cấp ủy viên dự sinh hoạt tháng này", visits("bench_live"), [tenant]);
  // Edits, as people make them: attendance corrected, meetings moved, scorecards returned, meetings
  // reopened, members transferred (between committees) and struck off.
  await step(
    "sửa điểm danh (2.000 lượt)",
    `UPDATE "Attendance" a SET "status" = CASE WHEN a."status" = 'PRESENT' THEN 'ABSENT_EXCUSED'::"AttendanceStatus" ELSE 'PRESENT'::"AttendanceStatus" END
     FROM (SELECT x."id" FROM "Attendance" x JOIN bench_live bm ON bm.id = x."meetingId" WHERE x."tenantId" = $1 AND x."status" IN ('PRESENT', 'ABSENT_UNEXCUSED') LIMIT 2000) s
     WHERE a."tenantId" = $1 AND a."id" = s."id"`,
    [tenant],
  );
  await step(
    "dời 300 kỳ sinh hoạt tháng trước sang ngày khác (có kỳ sang tháng này)",
    `UPDATE "Meeting" m SET "plannedStart" = m."plannedStart" + interval '20 days', "plannedEnd" = m."plannedEnd" + interval '20 days',
                            "actualStart" = m."actualStart" + interval '20 days', "actualEnd" = m."actualEnd" + interval '20 days'
     FROM (SELECT "id" FROM "Meeting" WHERE "tenantId" = $1 AND "state" = 'MINUTES_ADOPTED' AND "plannedStart" < DATE '${clock!.current}' ORDER BY "id" LIMIT 300) s
     WHERE m."tenantId" = $1 AND m."id" = s."id" AND m."plannedStart" + interval '20 days' < now()`,
    [tenant],
  );
  await step(
    "trả lại 500 phiếu chấm",
    `UPDATE "Meeting" m SET "state" = 'MINUTES_ADOPTED', "stateReason" = 'Đề nghị chấm lại'
     FROM (SELECT "id" FROM "Meeting" WHERE "tenantId" = $1 AND "state" = 'SELF_SCORED' ORDER BY "id" LIMIT 500) s
     WHERE m."tenantId" = $1 AND m."id" = s."id"`,
    [tenant],
  );
  await step(
    "mở lại 100 kỳ đã khóa",
    `UPDATE "Meeting" m SET "state" = 'HELD', "lockedAt" = NULL, "stateReason" = 'Bổ sung biên bản'
     FROM (SELECT "id" FROM "Meeting" WHERE "tenantId" = $1 AND "state" = 'FINALISED' ORDER BY "id" DESC LIMIT 100) s
     WHERE m."tenantId" = $1 AND m."id" = s."id"`,
    [tenant],
  );
  await step(
    "chuyển sinh hoạt 1.000 đảng viên sang đảng bộ cơ sở khác",
    `UPDATE "Member" x SET "branchId" = t.target
     FROM (SELECT mb.member_id, (SELECT b2.id FROM bench_branch b2 WHERE b2.n = (b.n + 4000) % 12000 + 1) AS target
           FROM bench_member mb JOIN bench_branch b ON b.id = mb.branch_id WHERE mb.i = 3 AND b.n % 12 = 0 LIMIT 1000) t
     WHERE x."tenantId" = $1 AND x."id" = t.member_id`,
    [tenant],
  );
  await step(
    "200 đảng viên ra khỏi danh sách",
    `UPDATE "Member" x SET "endedOn" = DATE '${clock!.today}', "endReason" = 'TRANSFERRED_OUT'
     FROM (SELECT member_id FROM bench_member WHERE i = 5 ORDER BY member_id LIMIT 200) t
     WHERE x."tenantId" = $1 AND x."id" = t.member_id`,
    [tenant],
  );
  await client.query("COMMIT");

  log("Thống kê cho bộ lập kế hoạch truy vấn:");
  await step("ANALYZE", "ANALYZE");
  const { rows: [counts] } = await client.query<Record<string, string>>(`
    SELECT (SELECT count(*) FROM "OrgUnit" WHERE "tenantId" = $1 AND "kind" = 'BRANCH') AS branches,
           (SELECT count(*) FROM "Member" WHERE "tenantId" = $1) AS members,
           (SELECT count(*) FROM "Meeting" WHERE "tenantId" = $1) AS meetings,
           (SELECT count(*) FROM "Attendance" WHERE "tenantId" = $1) AS attendance,
           (SELECT count(*) FROM "Scorecard" WHERE "tenantId" = $1) AS scorecards,
           (SELECT count(*) FROM "Meeting" WHERE "tenantId" = $1 AND "state" IN ('SELF_SCORED', 'CONFIRMED')) AS waiting,
           (SELECT count(*) FROM "OverseerVisit" WHERE "tenantId" = $1) AS visits,
           (SELECT count(*) FROM "UnitMonthStats" WHERE "tenantId" = $1) AS unit_months`, [tenant]);
  await client.end();
  const seconds = (performance.now() - started) / 1000;
  const summary = { database: url.replace(/\/\/[^@]*@/, "//"), tenant, seconds: Number(seconds.toFixed(1)), counts: Object.fromEntries(Object.entries(counts!).map(([k, v]) => [k, Number(v)])), timings };
  if (json) console.log(JSON.stringify(summary));
  else {
    log("");
    log(`Xong sau ${seconds.toFixed(0)} s: ${Object.entries(summary.counts).map(([k, v]) => `${k} ${v.toLocaleString("vi-VN")}`).join(", ")}.`);
    log("Chạy `npm run bench` để đo.");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
