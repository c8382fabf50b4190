// The leaders' dashboard against the facts: every number the dashboard shows (this month, the year
// to date, the quarters, one level down, a branch's meetings) is recounted here by direct SQL over
// Meeting, Attendance, Scorecard, Resolution, Minutes, MeetingDocument and OverseerVisit, and must
// agree — on the fixture data, and again after attendance is corrected, a meeting moves to another
// month, a locked meeting is reopened, a scorecard is returned, a member is transferred, a branch
// moves to another committee, a meeting is deleted, a visit is approved and the filing deadline
// setting changes. After each change the stored aggregates also equal a from-scratch recount
// (app_dashboard_recount). Plus: the same numbers for every role, 404 outside the grant, nonsense
// filters ignored with a note, targets, and the SQL twin of the "which score counts" rule.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as dashboardRoute from "@/app/api/v1/dashboard/route";
import ExcelJS from "exceljs";
import * as exportRoute from "@/app/api/v1/dashboard/export/route";
import * as reviewRoute from "@/app/api/v1/review/route";
import * as bulkRoute from "@/app/api/v1/review/bulk-approve/route";
import * as sheetRoute from "@/app/api/v1/review/sheet/route";
import type { Principal } from "@/lib/auth/permissions";
import { getDashboard, type Dashboard, type PeriodFigures } from "@/lib/dashboard/dashboard";
import { bulkApprove, reviewQueue } from "@/lib/dashboard/review";
import { getTargets, setTargets } from "@/lib/dashboard/targets";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { AttendanceStatus, Level, MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { markAttendance } from "@/lib/meetings/attendance";
import { transition } from "@/lib/meetings/lifecycle";
import { transferMember } from "@/lib/org/member-lifecycle";
import { moveOrgUnit } from "@/lib/org/units";
import { countedSources } from "@/lib/scoring/annual";
import { layoutFor } from "@/lib/scoring/layout";
import { ensureBuiltInRubrics } from "@/lib/scoring/rubric-store";
import { HD42_2025 } from "@/lib/scoring/rubrics";
import { confirmScore, finaliseScore, getScorecard, returnScore, submitSelfScore } from "@/lib/scoring/workflow";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, makeTenantUser, type MeetingTenant } from "@/tests/fixtures/dashboard";
import { followBranch } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";
import { FACTS } from "@/tests/fixtures/scorecard-view";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

/** 20 June 2025, noon in Vietnam: June is the month under way. */
const NOW = new Date("2025-06-20T05:00:00.000Z");
const HOUR = 3_600_000;

let t: MeetingTenant;
let rubricId: string;
const m: Record<string, string> = {};

interface CardColumns {
  self?: [Level, number];
  overseer?: [Level, number];
  final?: [Level, number];
}

async function meeting(
  key: string,
  branchId: string,
  at: string,
  state: MeetingState,
  options: { kind?: MeetingKind; card?: CardColumns; attendance?: "present" | Record<string, AttendanceStatus>; minutes?: boolean; resolution?: boolean } = {},
): Promise<string> {
  const made = await makeMeeting({
    tenant: t,
    branchId,
    state,
    kind: options.kind ?? "REGULAR",
    plannedStart: at,
    attendance: options.attendance,
    minutes: options.minutes,
    resolution: options.resolution,
  });
  if (options.card) {
    const c = options.card;
    await ownerDb().scorecard.create({
      data: {
        tenantId: t.tenantId,
        meetingId: made.id,
        rubricId,
        facts: { ...FACTS, kind: options.kind ?? "REGULAR", hasThematicPart: (options.kind ?? "REGULAR") !== "REGULAR" },
        selfMarks: { marks: {}, remarks: {} },
        selfLevel: c.self?.[0] ?? null,
        selfTotalTenths: c.self?.[1] ?? null,
        overseerLevel: c.overseer?.[0] ?? null,
        overseerTotalTenths: c.overseer?.[1] ?? null,
        overseerMarks: c.overseer ? {} : undefined,
        overseerReason: c.overseer ? "Điều chỉnh theo thực tế" : null,
        finalLevel: c.final?.[0] ?? null,
        finalTotalTenths: c.final?.[1] ?? null,
        selfAt: c.self ? new Date(at) : null,
      },
    });
  }
  m[key] = made.id;
  return made.id;
}

const ended = async (id: string) =>
  (await ownerDb().meeting.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } }, select: { actualEnd: true } })).actualEnd!;

async function postResolution(id: string, afterEndMs: number): Promise<void> {
  const end = await ended(id);
  await withTenant(t.tenantId, (tx) => tx.resolution.update({ where: { tenantId_meetingId: { tenantId: t.tenantId, meetingId: id } }, data: { postedAt: new Date(end.getTime() + afterEndMs) } }));
}

async function postDocument(id: string, kind: "FINAL_RESOLUTION" | "MINUTES", afterEndMs: number): Promise<void> {
  const end = await ended(id);
  await withTenant(t.tenantId, (tx) =>
    tx.meetingDocument.create({
      data: {
        tenantId: t.tenantId,
        meetingId: id,
        kind,
        title: kind === "MINUTES" ? "Biên bản" : "Nghị quyết",
        fileName: "van-ban.pdf",
        mimeType: "application/pdf",
        sizeBytes: 10,
        sha256: "0".repeat(64),
        storageKey: `test/${randomUUID()}`,
        postedAt: new Date(end.getTime() + afterEndMs),
        postedById: t.recorder.id,
      },
    }),
  );
}

let assignmentId: string;
async function visit(meetingId: string, branchId: string, approval: "NOT_NEEDED" | "PENDING" = "NOT_NEEDED"): Promise<string> {
  const row = await ownerDb().overseerVisit.create({
    data: {
      tenantId: t.tenantId,
      meetingId,
      branchId,
      userId: t.overseer.id,
      assignmentId,
      status: "ATTENDED",
      recordedAt: new Date("2025-06-01T00:00:00.000Z"),
      approval,
    },
  });
  return row.id;
}

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 5 });
  await withTenant(t.tenantId, (tx) => ensureBuiltInRubrics(tx, t.tenantId));
  rubricId = (await ownerDb().rubric.findFirstOrThrow({ where: { tenantId: t.tenantId, code: "HD12_2018" } })).id;
  const [a, b, c, d, e] = t.members.map((x) => x.id) as [string, string, string, string, string];

  // Chi bộ Phòng Ngân sách (branch): every month so far, a thematic meeting in Q1 only.
  await meeting("b1", t.branch.id, "2025-01-08T07:00:00.000Z", "FINALISED", { card: { self: ["GOOD", 920], overseer: ["FAIR", 880], final: ["GOOD", 910] } });
  await meeting("b2", t.branch.id, "2025-02-05T07:00:00.000Z", "FINALISED", { card: { self: ["FAIR", 800] } });
  await meeting("b2t", t.branch.id, "2025-02-20T07:00:00.000Z", "CONFIRMED", { kind: "THEMATIC", card: { self: ["GOOD", 950], overseer: ["AVERAGE", 650] } });
  await meeting("b3", t.branch.id, "2025-03-05T07:00:00.000Z", "SELF_SCORED", {
    card: { self: ["POOR", 400] },
    attendance: { [a]: "PRESENT", [b]: "ABSENT_UNEXCUSED", [c]: "ABSENT_EXCUSED", [d]: "EXEMPT", [e]: "PRESENT" },
  });
  await meeting("b4", t.branch.id, "2025-04-09T07:00:00.000Z", "MINUTES_ADOPTED");
  await meeting("b5", t.branch.id, "2025-05-07T07:00:00.000Z", "HELD", { attendance: { [a]: "PRESENT", [b]: "PRESENT", [c]: "PRESENT", [d]: "ABSENT_EXCUSED" } });
  await meeting("b6", t.branch.id, "2025-06-25T07:00:00.000Z", "PLANNED");

  // Chi bộ Phòng Kế hoạch (branch2): February missed; a combined meeting in May; one cancelled.
  await meeting("c1", t.branch2.id, "2025-01-15T07:00:00.000Z", "FINALISED", { card: { self: ["FAIR", 850], final: ["GOOD", 905] } });
  await meeting("c2", t.branch2.id, "2025-03-12T07:00:00.000Z", "MINUTES_ADOPTED");
  await meeting("c3", t.branch2.id, "2025-05-14T07:00:00.000Z", "SELF_SCORED", { kind: "COMBINED", card: { self: ["FAIR", 820] } });
  await meeting("c4", t.branch2.id, "2025-04-16T07:00:00.000Z", "CANCELLED");

  // Chi bộ Phòng Quy hoạch (other, under g2): one at 01:00 on 1 January in Vietnam, one this month.
  await meeting("o1", t.other.id, "2024-12-31T18:00:00.000Z", "HELD", { attendance: "present" });
  await meeting("o2", t.other.id, "2025-06-04T07:00:00.000Z", "HELD", { attendance: { [t.membersOther[0]!.id]: "ABSENT_UNEXCUSED" } });

  // Filing: on time by the resolution, by a document at 47 h 59 min, late by 30 seconds, late by days.
  await postResolution(m.b1!, HOUR);
  await postDocument(m.b2!, "FINAL_RESOLUTION", 48 * HOUR - 60_000);
  await postResolution(m.b3!, 48 * HOUR + 30_000);
  await postResolution(m.b4!, 72 * HOUR);
  await postDocument(m.b5!, "MINUTES", 10 * HOUR);

  // The overseer follows the branch; one visit counts, one waits for approval.
  assignmentId = (
    await ownerDb().overseerAssignment.create({
      data: { tenantId: t.tenantId, userId: t.overseer.id, branchId: t.branch.id, committeeLevel: "GRASSROOTS", validFrom: new Date("2025-01-01T00:00:00.000Z") },
    })
  ).id;
  await ownerDb().overseerAssignment.create({
    data: { tenantId: t.tenantId, userId: t.overseer.id, branchId: t.branch2.id, committeeLevel: "GRASSROOTS", validFrom: new Date("2025-01-01T00:00:00.000Z") },
  });
  await visit(m.b3!, t.branch.id);
  m.pendingVisit = await visit(m.c2!, t.branch2.id, "PENDING");
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

// ─── The recount ────────────────────────────────────────────────────────────────────────────────

interface Counted {
  branches: number;
  meetingsHeld: number;
  regular: [number, number] | null;
  attendance: [number, number];
  absentExcused: number;
  absentUnexcused: number;
  levels: { GOOD: number; FAIR: number; AVERAGE: number; POOR: number; unscored: number };
  coverage: [number, number];
  visits: number;
  resolutionsOnTime: [number, number];
  minutesOnTime: [number, number];
  awaitingReview: number;
}

const q = <T,>(sql: string, ...params: unknown[]) => ownerDb().$queryRawUnsafe<T[]>(sql, ...params);

/**
 * Straight from the facts, for the branches under `unitPath`, months a..b of `year`: the meeting's
 * month is its day in Vietnam; a meeting is held from HELD on; the score that counts is the final,
 * else the overseer's, else the self-score, as far as the state allows; filed on time is within
 * `hours` of the end, rounded up to the minute; a visit covers when attended and not pending.
 */
async function recount(unitPath: string, year: number, a: number, b: number, regularAt: number | "month", hours = 48): Promise<Counted> {
  const from = `${year}-${String(a).padStart(2, "0")}-01`;
  const base = `
    WITH br AS (
      SELECT id, "activeFrom", "activeTo" FROM "OrgUnit"
      WHERE "tenantId" = $1::uuid AND left("path", length($2)) = $2 AND "kind" IN ('BRANCH', 'GRASSROOTS_BRANCH')
    ),
    mt AS (
      SELECT x.*, (coalesce(x."actualStart", x."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day
      FROM "Meeting" x WHERE x."tenantId" = $1::uuid AND x."branchId" IN (SELECT id FROM br)
    ),
    inrange AS (SELECT * FROM mt WHERE extract(year FROM day) = $3::int AND extract(month FROM day) BETWEEN $4::int AND $5::int),
    held AS (SELECT * FROM inrange WHERE "state" IN ('HELD', 'MINUTES_ADOPTED', 'SELF_SCORED', 'CONFIRMED', 'FINALISED'))`;
  const params = [t.tenantId, unitPath, year, a, b];
  const [row] = await q<Record<string, number | null>>(
    `${base}
    SELECT
      (SELECT count(*) FROM br WHERE "activeFrom" <= (make_date($3::int, $5::int, 1) + interval '1 month - 1 day')::date
          AND ("activeTo" IS NULL OR "activeTo" >= $6::date))::int AS branches,
      (SELECT count(*) FROM held)::int AS held,
      (SELECT count(*) FROM "Attendance" x JOIN held h ON h.id = x."meetingId" WHERE x."status" = 'PRESENT')::int AS present,
      (SELECT count(*) FROM "Attendance" x JOIN held h ON h.id = x."meetingId" WHERE x."status" IN ('PRESENT', 'ABSENT_EXCUSED', 'ABSENT_UNEXCUSED'))::int AS denominator,
      (SELECT count(*) FROM "Attendance" x JOIN held h ON h.id = x."meetingId" WHERE x."status" = 'ABSENT_EXCUSED')::int AS excused,
      (SELECT count(*) FROM "Attendance" x JOIN held h ON h.id = x."meetingId" WHERE x."status" = 'ABSENT_UNEXCUSED')::int AS unexcused,
      (SELECT count(*) FROM held WHERE "state" IN ('SELF_SCORED', 'CONFIRMED'))::int AS awaiting,
      (SELECT count(*) FROM held WHERE "actualEnd" IS NOT NULL)::int AS due,
      (SELECT count(*) FROM held h WHERE h."actualEnd" IS NOT NULL AND ceil(extract(epoch FROM (
          least((SELECT "postedAt" FROM "Resolution" r WHERE r."meetingId" = h.id),
                (SELECT min("postedAt") FROM "MeetingDocument" d WHERE d."meetingId" = h.id AND d."kind" = 'FINAL_RESOLUTION'))
          - h."actualEnd")) / 60) <= $7::int * 60)::int AS resolutions,
      (SELECT count(*) FROM held h WHERE h."actualEnd" IS NOT NULL AND ceil(extract(epoch FROM (
          least((SELECT "adoptedAt" FROM "Minutes" r WHERE r."meetingId" = h.id),
                (SELECT min("postedAt") FROM "MeetingDocument" d WHERE d."meetingId" = h.id AND d."kind" = 'MINUTES'))
          - h."actualEnd")) / 60) <= $7::int * 60)::int AS minutes,
      (SELECT count(*) FROM "OverseerVisit" v JOIN inrange i ON i.id = v."meetingId" WHERE v."status" = 'ATTENDED' AND v."approval" IN ('NOT_NEEDED', 'APPROVED'))::int AS visits,
      (SELECT count(DISTINCT i."branchId") FROM "OverseerVisit" v JOIN inrange i ON i.id = v."meetingId" WHERE v."status" = 'ATTENDED' AND v."approval" IN ('NOT_NEEDED', 'APPROVED'))::int AS covered`,
    ...params,
    from,
    hours,
  );
  const levels = await q<{ level: Level | null; n: number }>(
    `${base}
    SELECT CASE
        WHEN h."state" = 'FINALISED' THEN coalesce(s."finalLevel", s."overseerLevel", s."selfLevel")
        WHEN h."state" = 'CONFIRMED' THEN coalesce(s."overseerLevel", s."selfLevel")
        WHEN h."state" = 'SELF_SCORED' THEN s."selfLevel"
      END AS level, count(*)::int AS n
    FROM held h LEFT JOIN "Scorecard" s ON s."meetingId" = h.id GROUP BY 1`,
    ...params,
  );
  const level = (l: Level | null) => levels.find((x) => x.level === l)?.n ?? 0;

  let regular: [number, number] | null;
  if (regularAt === "month") {
    // Branches that held a regular (or combined) meeting in the month.
    const [r] = await q<{ n: number }>(`${base} SELECT count(DISTINCT "branchId")::int AS n FROM held WHERE "kind" IN ('REGULAR', 'COMBINED')`, ...params);
    regular = [r!.n, row!.branches!];
  } else if (regularAt < 1) {
    regular = null;
  } else {
    // Branches active in month T that held one in every month from January (or their start) to T.
    const [r] = await q<{ n: number; of: number }>(
      `${base.replace("inrange AS (SELECT * FROM mt WHERE extract(year FROM day) = $3::int AND extract(month FROM day) BETWEEN $4::int AND $5::int)", "inrange AS (SELECT * FROM mt WHERE extract(year FROM day) = $3::int)")}
      , active AS (SELECT * FROM br WHERE "activeFrom" <= (make_date($3::int, $4::int, 1) + interval '1 month - 1 day')::date AND ("activeTo" IS NULL OR "activeTo" >= make_date($3::int, $4::int, 1)))
      SELECT (SELECT count(*) FROM active x WHERE NOT EXISTS (
          SELECT 1 FROM generate_series(CASE WHEN x."activeFrom" < make_date($3::int, 1, 1) THEN 1 ELSE extract(month FROM x."activeFrom")::int END, $4::int) g
          WHERE NOT EXISTS (SELECT 1 FROM held h WHERE h."branchId" = x.id AND h."kind" IN ('REGULAR', 'COMBINED') AND extract(month FROM h.day) = g)))::int AS n,
        (SELECT count(*) FROM active)::int AS of`,
      t.tenantId,
      unitPath,
      year,
      regularAt,
    );
    regular = [r!.n, r!.of];
  }
  return {
    branches: row!.branches!,
    meetingsHeld: row!.held!,
    regular,
    attendance: [row!.present!, row!.denominator!],
    absentExcused: row!.excused!,
    absentUnexcused: row!.unexcused!,
    levels: { GOOD: level("GOOD"), FAIR: level("FAIR"), AVERAGE: level("AVERAGE"), POOR: level("POOR"), unscored: level(null) },
    coverage: [row!.covered!, row!.branches!],
    visits: row!.visits!,
    resolutionsOnTime: [row!.resolutions!, row!.due!],
    minutesOnTime: [row!.minutes!, row!.due!],
    awaitingReview: row!.awaiting!,
  };
}

/** Branches with a thematic (or combined) meeting held in months a..b. */
async function thematicBranches(unitPath: string, year: number, a: number, b: number): Promise<number> {
  const [r] = await q<{ n: number }>(
    `SELECT count(DISTINCT x."branchId")::int AS n FROM "Meeting" x JOIN "OrgUnit" u ON u."tenantId" = x."tenantId" AND u.id = x."branchId"
     WHERE x."tenantId" = $1::uuid AND left(u."path", length($2)) = $2 AND x."kind" IN ('THEMATIC', 'COMBINED')
       AND x."state" IN ('HELD', 'MINUTES_ADOPTED', 'SELF_SCORED', 'CONFIRMED', 'FINALISED')
       AND extract(year FROM (coalesce(x."actualStart", x."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')) = $3::int
       AND extract(month FROM (coalesce(x."actualStart", x."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')) BETWEEN $4::int AND $5::int`,
    t.tenantId,
    unitPath,
    year,
    a,
    b,
  );
  return r!.n;
}

/** Branches active in quarter q that held a thematic (or combined) meeting in every quarter from January (or their start) through q. */
async function thematicEveryQuarter(unitPath: string, year: number, q: number): Promise<[number, number]> {
  const [r] = await q_<{ n: number; of: number }>(
    `WITH br AS (
       SELECT * FROM "OrgUnit" x WHERE x."tenantId" = $1::uuid AND left(x."path", length($2)) = $2 AND x."kind" IN ('BRANCH', 'GRASSROOTS_BRANCH')
         AND x."activeFrom" <= (make_date($3::int, $4::int * 3, 1) + interval '1 month - 1 day')::date
         AND (x."activeTo" IS NULL OR x."activeTo" >= make_date($3::int, $4::int * 3 - 2, 1)))
     SELECT (SELECT count(*) FROM br x WHERE NOT EXISTS (
              SELECT 1 FROM generate_series(CASE WHEN x."activeFrom" < make_date($3::int, 1, 1) THEN 1 ELSE extract(quarter FROM x."activeFrom")::int END, $4::int) g
              WHERE NOT EXISTS (
                SELECT 1 FROM "Meeting" m WHERE m."tenantId" = x."tenantId" AND m."branchId" = x.id AND m."kind" IN ('THEMATIC', 'COMBINED')
                  AND m."state" IN ('HELD', 'MINUTES_ADOPTED', 'SELF_SCORED', 'CONFIRMED', 'FINALISED')
                  AND extract(year FROM (coalesce(m."actualStart", m."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')) = $3::int
                  AND extract(quarter FROM (coalesce(m."actualStart", m."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')) = g)))::int AS n,
            (SELECT count(*) FROM br)::int AS of`,
    t.tenantId,
    unitPath,
    year,
    q,
  );
  return [r!.n, r!.of];
}
const q_ = <T,>(sql: string, ...params: unknown[]) => ownerDb().$queryRawUnsafe<T[]>(sql, ...params);

function ratioSum(a: { value: number; of: number }, b: { value: number; of: number }) {
  const value = a.value + b.value;
  const of = a.of + b.of;
  return { value, of, rate: of > 0 ? value / of : null };
}

function shown(f: PeriodFigures): Counted {
  return {
    branches: f.branches,
    meetingsHeld: f.meetingsHeld,
    regular: f.regular ? [f.regular.value, f.regular.of] : null,
    attendance: [f.attendance.value, f.attendance.of],
    absentExcused: f.absentExcused,
    absentUnexcused: f.absentUnexcused,
    levels: f.levels,
    coverage: [f.coverage.value, f.coverage.of],
    visits: f.visits,
    resolutionsOnTime: [f.resolutionsOnTime.value, f.resolutionsOnTime.of],
    minutesOnTime: [f.minutesOnTime.value, f.minutesOnTime.of],
    awaitingReview: f.awaitingReview,
  };
}

/** The dashboard of a unit for a month agrees with the recount, this month and the year to date, and so do its children and quarters. */
async function expectDashboardMatchesFacts(user: Principal, unitPath: string, unitId: string, month: number, hours = 48, now = NOW): Promise<Dashboard> {
  const d = await getDashboard(user, { unit: unitId, year: "2025", month: String(month) }, { now });
  const through = d.period.completeThrough;
  const monthCount = await recount(unitPath, 2025, month, month, "month", hours);
  expect(shown(d.month)).toEqual(monthCount);
  const ytdCount = await recount(unitPath, 2025, 1, month, through, hours);
  // The year-to-date coverage counts branches, not branch-months.
  expect(shown(d.ytd)).toEqual(ytdCount);
  for (const quarter of d.quarters) {
    if (quarter.ahead) continue;
    const first = quarter.quarter * 3 - 2;
    expect(quarter.met.value).toBe(await thematicBranches(unitPath, 2025, first, Math.min(quarter.quarter * 3, month)));
  }
  if (d.thematicEveryQuarter) {
    const [n, of] = await thematicEveryQuarter(unitPath, 2025, d.period.quartersEnded);
    expect([d.thematicEveryQuarter.value, d.thematicEveryQuarter.of]).toEqual([n, of]);
  }
  for (const child of d.children ?? []) {
    const childPath = `${unitPath}${child.id}/`;
    expect(shown(child.month)).toEqual(await recount(childPath, 2025, month, month, "month", hours));
    expect(shown(child.ytd)).toEqual(await recount(childPath, 2025, 1, month, through, hours));
  }
  return d;
}

/** The stored aggregates equal a recount of every branch-year from the facts. */
async function expectAggregatesEqualRecount(): Promise<void> {
  const [row] = await q<{ stored_only: number; recount_only: number }>(
    `WITH stored AS (SELECT * FROM "UnitMonthStats" WHERE "tenantId" = $1::uuid),
          fresh AS (SELECT * FROM app_dashboard_recount($1::uuid))
     SELECT (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM fresh) x)::int AS stored_only,
            (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT * FROM stored) x)::int AS recount_only`,
    t.tenantId,
  );
  expect(row).toEqual({ stored_only: 0, recount_only: 0 });
  const [members] = await q<{ wrong: number }>(
    `SELECT count(*)::int AS wrong FROM "OrgUnit" u
     LEFT JOIN "UnitMemberStats" s ON s."tenantId" = u."tenantId" AND s."unitId" = u.id
     WHERE u."tenantId" = $1::uuid AND coalesce(s."members", 0) <> (
       SELECT count(*) FROM "Member" x JOIN "OrgUnit" b ON b."tenantId" = x."tenantId" AND b.id = x."branchId"
       WHERE x."tenantId" = u."tenantId" AND x."endedOn" IS NULL AND left(b."path", length(u."path")) = u."path")`,
    t.tenantId,
  );
  expect(members!.wrong).toBe(0);
}

// ─── Tests ──────────────────────────────────────────────────────────────────────────────────────

describe("the dashboard on the fixture data", () => {
  test("the tenant's numbers, this month and the year to date, are the facts recounted", async () => {
    const d = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 6);
    // Read by hand, so the recount itself is checked too: three active branches (one closed in 2024).
    expect(d.month.branches).toBe(3);
    // Through May: only branch met every month (branch2 missed February, other met in January only).
    expect(d.ytd.regular).toMatchObject({ value: 1, of: 3 });
    expect(d.month.regular).toMatchObject({ value: 1, of: 3 }); // only "other" has met in June so far
    expect(d.ytd.levels).toEqual({ GOOD: 2, FAIR: 2, AVERAGE: 1, POOR: 1, unscored: 5 });
    expect(d.ytd.resolutionsOnTime).toMatchObject({ value: 2, of: 11 });
    expect(d.ytd.coverage).toMatchObject({ value: 1, of: 3 });
    expect(d.ytd.absentUnexcused).toBe(2);
    expect(d.members).toEqual({ members: 8, officials: 8 });
    await expectAggregatesEqualRecount();
  });

  test("a past month, a committee and a branch agree with the facts too", async () => {
    const march = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 3);
    expect(march.period.inProgress).toBe(false);
    expect(march.ytd.regular).toMatchObject({ value: 1, of: 3 }); // branch held January to March
    expect(march.quarters[0]).toMatchObject({ quarter: 1, ended: true, met: { value: 1, of: 3 } });
    // Every quarter so far (Q1): only branch had a thematic meeting.
    expect(march.thematicEveryQuarter).toMatchObject({ value: 1, of: 3 });
    // In May, Q2 is still running: branch2's combined meeting counts for Q2, the streak still ends at Q1.
    const may = await getDashboard(t.leader, { unit: t.root.id, year: "2025", month: "5" }, { now: NOW });
    expect(may.quarters[1]).toMatchObject({ quarter: 2, ended: false, met: { value: 1, of: 3 } });
    expect(may.thematicEveryQuarter).toMatchObject({ value: 1, of: 3 });
    await expectDashboardMatchesFacts(t.leader, t.g.path, t.g.id, 6);
    const branch = await expectDashboardMatchesFacts(t.leader, t.branch.path, t.branch.id, 6);
    expect(branch.children).toBeNull();
    // The branch's meeting list adds up to its figures (June's planned meeting is listed, not held).
    const rows = branch.meetings!;
    expect(rows.map((r) => r.id)).toEqual([m.b1, m.b2, m.b2t, m.b3, m.b4, m.b5, m.b6]);
    expect(rows.filter((r) => r.held).length).toBe(branch.ytd.meetingsHeld);
    expect(rows.reduce((n, r) => n + r.present, 0)).toBe(branch.ytd.attendance.value);
    expect(rows.reduce((n, r) => n + r.attendanceDenominator, 0)).toBe(branch.ytd.attendance.of);
    expect(rows.filter((r) => r.resolutionOnTime).length).toBe(branch.ytd.resolutionsOnTime.value);
    expect(rows.filter((r) => r.minutesOnTime).length).toBe(branch.ytd.minutesOnTime.value);
    expect(rows.find((r) => r.id === m.b2t)?.effective).toEqual({ level: "AVERAGE", total: 65, source: "overseer" });
    expect(rows.find((r) => r.id === m.b1)?.effective).toEqual({ level: "GOOD", total: 91, source: "final" });
    expect(rows.find((r) => r.id === m.b3)?.resolutionOnTime).toBe(false); // 48 h and 30 s is late
    expect(rows.find((r) => r.id === m.b2)?.resolutionOnTime).toBe(true); // 47 h 59 min
    expect(rows.reduce((n, r) => n + r.visits, 0)).toBe(branch.ytd.visits);
  });

  test("a meeting at 01:00 on 1 January in Vietnam counts in January, not in December", async () => {
    const d = await getDashboard(t.leader, { unit: t.other.id, year: "2025", month: "1" }, { now: NOW });
    expect(d.month.meetingsHeld).toBe(1);
    expect(d.month.regular).toMatchObject({ value: 1, of: 1 });
  });

  test("every role that may read dashboards sees the same numbers", async () => {
    const strip = (d: Dashboard) => ({ ...d, roots: undefined });
    const leader = await getDashboard(t.leader, { unit: t.root.id }, { now: NOW });
    expect(strip(await getDashboard(t.reviewer, { unit: t.root.id }, { now: NOW }))).toEqual(strip(leader));
    expect(strip(await getDashboard(t.admin, { unit: t.root.id }, { now: NOW }))).toEqual(strip(leader));
  });
});

describe("after changes to the facts", () => {
  test("attendance corrected on a held meeting", async () => {
    await markAttendance(t.recorderOther, { meetingId: m.o2!, memberId: t.membersOther[0]!.id, status: "PRESENT" });
    const d = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 6);
    expect(d.month.absentUnexcused).toBe(0);
    await expectAggregatesEqualRecount();
  });

  test("marks tapped at the same time on one held meeting keep the aggregates exact", async () => {
    // Each tap is its own transaction; refreshes of one branch take turns (advisory lock), so no
    // difference is computed from facts another transaction has not committed yet.
    const statuses: AttendanceStatus[] = ["ABSENT_UNEXCUSED", "PRESENT", "ABSENT_EXCUSED"];
    await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        markAttendance(t.recorder, { meetingId: m.b5!, memberId: t.members[i % 5]!.id, status: statuses[i % 3]!, reason: statuses[i % 3] === "ABSENT_EXCUSED" ? "Ốm" : "" }),
      ),
    );
    await expectDashboardMatchesFacts(t.leader, t.branch.path, t.branch.id, 5);
    await expectAggregatesEqualRecount();
  });

  test("a meeting moved to another month, and back across the year boundary", async () => {
    const day = (iso: string) => new Date(iso);
    await withTenant(t.tenantId, (tx) =>
      tx.meeting.update({
        where: { tenantId_id: { tenantId: t.tenantId, id: m.c2! } },
        data: { plannedStart: day("2025-02-26T07:00:00.000Z"), actualStart: day("2025-02-26T07:00:00.000Z"), actualEnd: day("2025-02-26T09:00:00.000Z") },
      }),
    );
    const d = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 3);
    expect(d.month.meetingsHeld).toBe(1); // March keeps only branch's meeting
    await withTenant(t.tenantId, (tx) =>
      tx.meeting.update({
        where: { tenantId_id: { tenantId: t.tenantId, id: m.o1! } },
        data: { plannedStart: day("2024-12-30T07:00:00.000Z"), actualStart: day("2024-12-30T07:00:00.000Z"), actualEnd: day("2024-12-30T09:00:00.000Z") },
      }),
    );
    await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 1);
    const dec = await getDashboard(t.leader, { unit: t.other.id, year: "2024", month: "12" }, { now: NOW });
    expect(dec.month.meetingsHeld).toBe(1);
    await expectAggregatesEqualRecount();
  });

  test("a locked meeting reopened by the reviewer no longer counts its level", async () => {
    await transition(t.reviewer, { id: m.b1!, transition: "reopen", reason: "Mở lại để bổ sung biên bản", version: 1 }, { now: NOW });
    const d = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 6);
    expect(d.ytd.levels.GOOD).toBe(1);
    await expectAggregatesEqualRecount();
  });

  test("a scorecard returned to the branch leaves the review queue and the level distribution", async () => {
    const card = await ownerDb().scorecard.findUniqueOrThrow({ where: { tenantId_meetingId: { tenantId: t.tenantId, meetingId: m.c3! } } });
    const before = await getDashboard(t.leader, { unit: t.root.id, month: "5", year: "2025" }, { now: NOW });
    await returnScore(t.reviewer, { meetingId: m.c3!, version: card.version, reason: "Chưa ghi lý do trừ điểm" });
    const after = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 5);
    expect(after.month.awaitingReview).toBe(before.month.awaitingReview - 1);
    expect(after.month.levels.FAIR).toBe(before.month.levels.FAIR - 1);
    await expectAggregatesEqualRecount();
  });

  test("a member transferred to a branch of another committee moves in the member counts", async () => {
    const member = t.members[4]!;
    const row = await ownerDb().member.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: member.id } }, select: { version: true } });
    const before = await getDashboard(t.leader, { unit: t.root.id }, { now: NOW });
    await transferMember(t.admin, { memberId: member.id, version: row.version, targetBranchId: t.other.id, effectiveOn: "2025-06-01" });
    const after = await getDashboard(t.leader, { unit: t.root.id }, { now: NOW });
    const members = (d: Dashboard, id: string) => d.children!.find((c) => c.id === id)!.members;
    expect(after.members.members).toBe(before.members.members);
    expect(members(after, t.g.id)).toBe(members(before, t.g.id) - 1);
    expect(members(after, t.g2.id)).toBe(members(before, t.g2.id) + 1);
    await expectAggregatesEqualRecount();
  });

  test("a branch moved under another committee takes its numbers with it", async () => {
    const unit = await ownerDb().orgUnit.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.branch2.id } }, select: { version: true } });
    const before = await getDashboard(t.leader, { unit: t.root.id, month: "5", year: "2025" }, { now: NOW });
    const child = (d: Dashboard, id: string) => d.children!.find((c) => c.id === id)!;
    const own = child(await getDashboard(t.leader, { unit: t.g.id, month: "5", year: "2025" }, { now: NOW }), t.branch2.id);
    expect(own.ytd.meetingsHeld).toBe(3);
    await moveOrgUnit(t.admin, { id: t.branch2.id, version: unit.version, newParentId: t.g2.id });
    const moved = `${t.g2.path}${t.branch2.id}/`;
    const after = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 5);
    expect(child(after, t.g.id).ytd.meetingsHeld).toBe(child(before, t.g.id).ytd.meetingsHeld - 3);
    expect(child(after, t.g2.id).ytd.meetingsHeld).toBe(child(before, t.g2.id).ytd.meetingsHeld + 3);
    expect(child(after, t.g2.id).ytd.attendance).toEqual(ratioSum(child(before, t.g2.id).ytd.attendance, own.ytd.attendance));
    expect(child(after, t.g2.id).members).toBe(child(before, t.g2.id).members + own.members);
    expect(after.ytd).toEqual(before.ytd);
    await expectDashboardMatchesFacts(t.leader, moved, t.branch2.id, 5);
    await expectAggregatesEqualRecount();
  });

  test("a planned meeting deleted, a visit approved, and the filing deadline changed", async () => {
    await withTenant(t.tenantId, (tx) => tx.meeting.delete({ where: { tenantId_id: { tenantId: t.tenantId, id: m.b6! } } }));
    await withTenant(t.tenantId, (tx) =>
      tx.overseerVisit.update({
        where: { tenantId_id: { tenantId: t.tenantId, id: m.pendingVisit! } },
        data: { approval: "APPROVED", reviewedAt: NOW, reviewedById: t.reviewer.id },
      }),
    );
    let d = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 6);
    expect(d.ytd.coverage).toMatchObject({ value: 2, of: 3 });
    expect(d.ytd.visits).toBe(2);
    // A tenant that allows 72 hours: the meeting filed after 3 days is now on time.
    const before = d.ytd.resolutionsOnTime.value;
    await withTenant(t.tenantId, (tx) =>
      tx.setting.create({ data: { tenantId: t.tenantId, key: "meeting.postMeetingPostHours", value: 72, effectiveFrom: new Date("2025-01-01T00:00:00.000Z") } }),
    );
    d = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 6, 72);
    expect(d.ytd.resolutionsOnTime.value).toBe(before + 2);
    await expectAggregatesEqualRecount();
  });
});

describe("the quarterly streak", () => {
  test("a thematic meeting in the second quarter carries the branch's streak through June", async () => {
    await meeting("b5t", t.branch.id, "2025-05-21T07:00:00.000Z", "HELD", { kind: "THEMATIC", attendance: "present" });
    const october = new Date("2025-10-15T05:00:00.000Z");
    const june = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 6, 72, october);
    expect(june.period.quartersEnded).toBe(2);
    expect(june.thematicEveryQuarter).toMatchObject({ value: 1, of: 3 });
    const september = await expectDashboardMatchesFacts(t.leader, t.root.path, t.root.id, 9, 72, october);
    expect(september.thematicEveryQuarter).toMatchObject({ value: 0 });
    await expectAggregatesEqualRecount();
  });
});

describe("access and bad input", () => {
  test("a subtree outside the grant, another tenant's unit, or nonsense is a 404", async () => {
    const narrow = await makeTenantUser(t, "LEADER", t.g);
    await expect(getDashboard(narrow, { unit: t.g2.id }, { now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDashboard(narrow, { unit: t.root.id }, { now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDashboard(narrow, { unit: "không-phải-mã" }, { now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    const other = await makeMeetingTenant({ members: 1 });
    await expect(getDashboard(t.leader, { unit: other.root.id }, { now: NOW })).rejects.toBeInstanceOf(NotFoundError);
    // Inside the grant it works, and defaults to the grant's own unit.
    expect((await getDashboard(narrow, {}, { now: NOW })).unit.id).toBe(t.g.id);
    // Roles without dashboard.read are refused outright.
    await expect(getDashboard(t.recorder, {}, { now: NOW })).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("the JSON twin answers 404 outside the grant and never 500 on nonsense filters", async () => {
    const narrow = await makeTenantUser(t, "LEADER", t.g);
    signIn(narrow);
    const outside = await dashboardRoute.GET(apiRequest("GET", `/api/v1/dashboard?unit=${t.g2.id}`), routeContext({}));
    expect(outside.status).toBe(404);
    signIn(t.leader);
    const odd = await dashboardRoute.GET(apiRequest("GET", "/api/v1/dashboard?year=abc&month=13&foo=bar"), routeContext({}));
    expect(odd.status).toBe(200);
    const body = (await odd.json()) as { notes: string[]; period: { year: number } };
    expect(body.notes).toHaveLength(2);
    expect(body.notes[0]).toMatch(/abc/);
    expect(body.period.year).toBe(new Date().getUTCFullYear());
  });

  test("nonsense periods are ignored with a note", async () => {
    const d = await getDashboard(t.leader, { year: "hai nghìn", month: "0" }, { now: NOW });
    expect(d.period).toMatchObject({ year: 2025, month: 6 });
    expect(d.notes).toHaveLength(2);
    const future = await getDashboard(t.leader, { month: "2031-02" }, { now: NOW });
    expect(future.period).toMatchObject({ year: 2025, month: 6 });
    expect(future.notes[0]).toMatch(/2\/2031/);
  });

  test("the XLSX export of a chart's table is a spreadsheet, 404 outside the grant", async () => {
    signIn(t.leader);
    const response = await exportRoute.GET(apiRequest("GET", `/api/v1/dashboard/export?unit=${t.root.id}&year=2025&month=6&table=attendance`), routeContext({}));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/spreadsheetml/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe("PK");
    const narrow = await makeTenantUser(t, "LEADER", t.g);
    signIn(narrow);
    const outside = await exportRoute.GET(apiRequest("GET", `/api/v1/dashboard/export?unit=${t.g2.id}&table=attendance`), routeContext({}));
    expect(outside.status).toBe(404);
  });
});

describe("targets", () => {
  test("a tenant administrator sets yearly targets; the dashboard shows progress against them", async () => {
    await setTargets(t.admin, { year: 2025, targets: { attendanceRate: "90", unexcusedAbsences: 1, goodShare: "50,5", minutesOnTime: "" } });
    const targets = await getTargets(t.leader, 2025);
    expect(targets.map((x) => [x.indicator, x.target])).toEqual([
      ["attendanceRate", 90],
      ["unexcusedAbsences", 1],
      ["goodShare", 50.5],
    ]);
    const d = await getDashboard(t.leader, { unit: t.root.id, year: "2025", month: "6" }, { now: NOW });
    const attendance = d.targets.find((x) => x.indicator === "attendanceRate")!;
    expect(attendance.actual).toBe(Math.round((d.ytd.attendance.rate ?? 0) * 1000) / 10);
    expect(attendance.status).toBe(attendance.actual! >= 90 ? "met" : "behind");
    const unexcused = d.targets.find((x) => x.indicator === "unexcusedAbsences")!;
    expect(unexcused).toMatchObject({ actual: d.ytd.absentUnexcused, status: d.ytd.absentUnexcused <= 1 ? "met" : "behind" });
    const audit = await ownerDb().auditEntry.count({ where: { tenantId: t.tenantId, action: "dashboard.targets.set" } });
    expect(audit).toBe(1);
  });

  test("only a tenant administrator of the whole tenant may set them; nonsense is refused with field errors", async () => {
    await expect(setTargets(t.leader, { year: 2025, targets: { attendanceRate: 90 } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setTargets(t.admin, { year: 2025, targets: { attendanceRate: "chín mươi" } })).rejects.toMatchObject({ fieldErrors: { "targets.attendanceRate": expect.any(Array) } });
    await expect(setTargets(t.admin, { year: 2025, targets: { attendanceRate: 120 } })).rejects.toMatchObject({ fieldErrors: { "targets.attendanceRate": expect.any(Array) } });
  });
});

describe("the rule for which score counts", () => {
  test("the SQL twin agrees with countedSources() for every state and every set of columns", async () => {
    const states: MeetingState[] = ["PLANNED", "NOTIFIED", "HELD", "MINUTES_ADOPTED", "SELF_SCORED", "CONFIRMED", "FINALISED", "POSTPONED", "CANCELLED"];
    const levels: (Level | null)[] = [null, "GOOD"];
    const cases = states.flatMap((state) => levels.flatMap((self) => levels.flatMap((overseer) => levels.map((final) => ({ state, self, overseer: overseer && "FAIR", final: final && "POOR" })))));
    for (const c of cases) {
      const [row] = await q<{ source: string | null; level: Level | null }>(
        `SELECT app_effective_source($1::"MeetingState", $2::"Level", $3::"Level", $4::"Level") AS source,
                app_effective_level($1::"MeetingState", $2::"Level", $3::"Level", $4::"Level") AS level`,
        c.state,
        c.self,
        c.overseer,
        c.final,
      );
      const columns = { self: c.self, overseer: c.overseer, final: c.final } as Record<string, Level | null>;
      const source = countedSources(c.state).find((s) => columns[s] !== null) ?? null;
      expect(row, JSON.stringify(c)).toEqual({ source, level: source ? columns[source] : null });
    }
  });

  test("the SQL default of the filing deadline is the setting's documented default", async () => {
    const { defaultSetting } = await import("@/lib/settings/registry");
    const [row] = await q<{ def: string }>(`SELECT pg_get_functiondef('app_dashboard_compute(uuid[], uuid[], integer[])'::regprocedure) AS def`);
    const literal = /'meeting\.postMeetingPostHours', [^;]*?, 0, 720, (\d+)\)/.exec(row!.def);
    expect(Number(literal?.[1])).toBe(defaultSetting("meeting.postMeetingPostHours"));
  });
});

// ─── The review desk ────────────────────────────────────────────────────────────────────────────

describe("the review desk", () => {
  let r: MeetingTenant;
  const ids: Record<string, string> = {};
  const vote = (n: number) => ({ voteFor: n, voteAgainst: 0, voteAbstain: 0 });

  /** Full marks on every MANUAL criterion that applies, or with one deduction (and its reason). */
  function marks(deduct = false): { marks: Record<string, number>; remarks: Record<string, string> } {
    const layout = layoutFor(HD42_2025, false);
    const full = Object.fromEntries(layout.criteria.filter((c) => c.applicable && c.criterion.mode === "MANUAL").map((c) => [c.criterion.code, c.maxTenths / 10]));
    return deduct ? { marks: { ...full, C1: 2, B2: 1 }, remarks: { C1: "Chưa đủ các bước", B2: "Chủ trì chưa gợi mở thảo luận" } } : { marks: full, remarks: {} };
  }

  async function scored(key: string, branchId: string, at: string, recorder: Principal, voters: number, deduct = false): Promise<string> {
    const made = await makeMeeting({ tenant: r, branchId, state: "MINUTES_ADOPTED", plannedStart: at });
    await submitSelfScore(recorder, { meetingId: made.id, version: 0, ...marks(deduct), ...vote(voters) });
    ids[key] = made.id;
    return made.id;
  }

  const cardVersion = async (meetingId: string) =>
    (await ownerDb().scorecard.findUniqueOrThrow({ where: { tenantId_meetingId: { tenantId: r.tenantId, meetingId } }, select: { version: true } })).version;
  const stateOf = async (meetingId: string) =>
    (await ownerDb().meeting.findUniqueOrThrow({ where: { tenantId_id: { tenantId: r.tenantId, id: meetingId } }, select: { state: true } })).state;

  beforeAll(async () => {
    r = await makeMeetingTenant({ members: 5 });
    await followBranch(r, r.overseer, r.branch2);
    // The branch gives itself the same full marks three months running: the identical-scores flag.
    await scored("jan", r.branch.id, "2026-01-07T07:00:00.000Z", r.recorder, 5);
    await scored("feb", r.branch.id, "2026-02-04T07:00:00.000Z", r.recorder, 5);
    await scored("mar", r.branch.id, "2026-03-04T07:00:00.000Z", r.recorder, 5);
    // branch2 scores honestly: two different totals, no flag.
    await scored("clean1", r.branch2.id, "2026-02-11T07:00:00.000Z", r.recorder2, 2);
    await scored("clean2", r.branch2.id, "2026-03-11T07:00:00.000Z", r.recorder2, 2, true);
    // The overseer confirms branch2's March card.
    await confirmScore(r.overseer, { meetingId: ids.clean2!, version: await cardVersion(ids.clean2!), mode: "confirm" });
    // Another committee's branch, outside a narrow reviewer's subtree.
    await scored("other", r.other.id, "2026-03-18T07:00:00.000Z", r.recorderOther, 1);
  });

  test("the queue lists the waiting scorecards with the very flags the scorecard page shows", async () => {
    const queue = await reviewQueue(r.reviewer, {});
    expect(queue.total).toBe(6);
    expect(queue.items.map((i) => i.meetingId)).toEqual([ids.other, ids.clean2, ids.mar, ids.clean1, ids.feb, ids.jan]);
    for (const item of queue.items) {
      const view = await getScorecard(r.reviewer, item.meetingId);
      expect(item.flags, item.title).toEqual(view.anomalies);
    }
    const codes = (id: string) => queue.items.find((i) => i.meetingId === id)!.flags.map((f) => f.code);
    expect(codes(ids.mar!)).toContain("IDENTICAL_MONTHS");
    expect(codes(ids.clean1!)).toEqual([]);
    expect(codes(ids.clean2!)).toEqual([]);
    const confirmed = queue.items.find((i) => i.meetingId === ids.clean2)!;
    expect(confirmed.state).toBe("CONFIRMED");
    expect(confirmed.overseer).not.toBeNull();
  });

  test("filters: month, unit, level, anomaly and state", async () => {
    const ofIds = async (query: Record<string, string>) => (await reviewQueue(r.reviewer, query)).items.map((i) => i.meetingId).sort();
    expect(await ofIds({ month: "2026-02" })).toEqual([ids.clean1, ids.feb].sort());
    expect(await ofIds({ unit: r.branch2.id })).toEqual([ids.clean1, ids.clean2].sort());
    expect(await ofIds({ unit: r.g2.id })).toEqual([ids.other]);
    expect(await ofIds({ state: "CONFIRMED" })).toEqual([ids.clean2]);
    expect(await ofIds({ anomaly: "IDENTICAL_MONTHS" })).toEqual([ids.jan, ids.feb, ids.mar].sort());
    expect(await ofIds({ anomaly: "none", unit: r.g.id })).toEqual([ids.clean1, ids.clean2].sort());
    const deducted = (await reviewQueue(r.reviewer, { unit: r.branch2.id })).items.find((i) => i.meetingId === ids.clean2)!.effective.level;
    expect(await ofIds({ level: deducted! })).toContain(ids.clean2);
    expect(await ofIds({ level: "POOR" })).toEqual([]);
  });

  test("nonsense filters are ignored with a note; a unit outside the grant is a 404", async () => {
    const queue = await reviewQueue(r.reviewer, { month: "tháng ba", level: "XUẤT SẮC", anomaly: "DROP TABLE", state: "FINALISED", page: "-2", unit: "abc" });
    expect(queue.notes).toHaveLength(6);
    expect(queue.total).toBe(6);
    const narrow = await makeTenantUser(r, "REVIEWER", r.g);
    await expect(reviewQueue(narrow, { unit: r.g2.id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await reviewQueue(narrow, {})).items.map((i) => i.meetingId)).not.toContain(ids.other);
    await expect(reviewQueue(r.leader, {})).rejects.toBeInstanceOf(ForbiddenError);

    signIn(r.reviewer);
    const response = await reviewRoute.GET(apiRequest("GET", "/api/v1/review?month=13-2026&anomaly=%27%3B--&page=x"), routeContext({}));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { notes: string[] }).notes).toHaveLength(3);
    signIn(narrow);
    expect((await reviewRoute.GET(apiRequest("GET", `/api/v1/review?unit=${r.g2.id}`), routeContext({}))).status).toBe(404);
  });

  test("bulk approval finalises only the clean cards; flagged, stale and foreign ones are skipped with the reason", async () => {
    const narrow = await makeTenantUser(r, "REVIEWER", r.g);
    const before = await getDashboard(r.leader, { unit: r.root.id, year: "2026", month: "3" });
    const result = await bulkApprove(narrow, {
      item: [`${ids.clean1}:${await cardVersion(ids.clean1!)}`, `${ids.mar}:${await cardVersion(ids.mar!)}`, `${ids.clean2}:99`, `${ids.other}:${await cardVersion(ids.other!)}`],
    });
    expect(result.approved.map((a) => a.meetingId)).toEqual([ids.clean1]);
    expect(result.skipped.map((s) => s.meetingId)).toEqual([ids.mar, ids.clean2, ids.other]);
    expect(result.skipped[0]!.reason).toMatch(/cảnh báo/);
    expect(result.skipped[1]!.reason).toMatch(/tải lại/);
    expect(await stateOf(ids.clean1!)).toBe("FINALISED");
    expect(await stateOf(ids.mar!)).toBe("SELF_SCORED");
    expect(await stateOf(ids.other!)).toBe("SELF_SCORED");
    const after = await getDashboard(r.leader, { unit: r.root.id, year: "2026", month: "3" });
    expect(after.ytd.awaitingReview).toBe(before.ytd.awaitingReview - 1);

    signIn(r.reviewer);
    const response = await bulkRoute.POST(apiRequest("POST", "/api/v1/review/bulk-approve", { items: [{ meetingId: ids.clean2, version: await cardVersion(ids.clean2!) }] }), routeContext({}));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { approved: unknown[] }).approved).toHaveLength(1);
    expect(await stateOf(ids.clean2!)).toBe("FINALISED");
    const empty = await bulkRoute.POST(apiRequest("POST", "/api/v1/review/bulk-approve", { items: [] }), routeContext({}));
    expect(empty.status).toBe(422);
  });

  test("a reviewer approves one card and returns a flagged one with a reason", async () => {
    await finaliseScore(r.reviewer, { meetingId: ids.other!, version: await cardVersion(ids.other!), mode: "approve" });
    expect(await stateOf(ids.other!)).toBe("FINALISED");
    await expect(returnScore(r.reviewer, { meetingId: ids.feb!, version: await cardVersion(ids.feb!), reason: "" })).rejects.toBeInstanceOf(ValidationError);
    await returnScore(r.reviewer, { meetingId: ids.feb!, version: await cardVersion(ids.feb!), reason: "Điểm giống hệt các tháng trước, đề nghị chấm lại theo thực tế" });
    expect(await stateOf(ids.feb!)).toBe("MINUTES_ADOPTED");
    const queue = await reviewQueue(r.reviewer, {});
    expect(queue.items.map((i) => i.meetingId).sort()).toEqual([ids.jan, ids.mar].sort());
    await expectAggregatesEqualRecountOf(r.tenantId);
  });

  test("the consolidated sheet streams every branch of the committee with its meetings", async () => {
    signIn(r.reviewer);
    const response = await sheetRoute.GET(apiRequest("GET", `/api/v1/review/sheet?unit=${r.g.id}&month=2026-03`), routeContext({}));
    expect(response.status).toBe(200);
    // branch (March meeting), branch2 (March meeting); the closed branch is not active in 2026.
    expect(response.headers.get("X-Row-Count")).toBe("2");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const body = rows.slice(3);
    expect(body).toHaveLength(2);
    expect(body.map((row) => row[3])).toEqual([r.branch.name, r.branch2.name].sort((a, b) => a.localeCompare(b, "vi")));
    const nonsense = await sheetRoute.GET(apiRequest("GET", `/api/v1/review/sheet?unit=${r.g.id}&month=tháng-ba`), routeContext({}));
    expect(nonsense.status).toBe(422);
    const narrow = await makeTenantUser(r, "REVIEWER", r.g);
    signIn(narrow);
    expect((await sheetRoute.GET(apiRequest("GET", `/api/v1/review/sheet?unit=${r.g2.id}`), routeContext({}))).status).toBe(404);
  });
});

async function expectAggregatesEqualRecountOf(tenantId: string): Promise<void> {
  const [row] = await q<{ diff: number }>(
    `SELECT (SELECT count(*) FROM (SELECT * FROM "UnitMonthStats" WHERE "tenantId" = $1::uuid EXCEPT SELECT * FROM app_dashboard_recount($1::uuid)) a)::int
          + (SELECT count(*) FROM (SELECT * FROM app_dashboard_recount($1::uuid) EXCEPT SELECT * FROM "UnitMonthStats" WHERE "tenantId" = $1::uuid) b)::int AS diff`,
    tenantId,
  );
  expect(row!.diff).toBe(0);
}
