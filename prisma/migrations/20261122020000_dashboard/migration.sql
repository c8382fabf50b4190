-- Dashboard and review desk (issue 7): monthly aggregates kept in the same transaction as the facts
-- they count, and the tenant's yearly targets (chỉ tiêu).
--
-- BranchMonthStats holds what one branch's own meetings of one month (Vietnam's calendar) add up to.
-- UnitMonthStats holds, for every unit on a branch's path (the branch itself, its committees, the
-- tenant root), the sum over the branches of its subtree: the root dashboard reads 12 rows, a
-- drill-down reads 12 rows per child. UnitMemberStats keeps the current roll per subtree.
--
-- How they stay true: statement-level triggers (transition tables, so a bulk insert costs one
-- refresh, not one per row) name the (branch, year) pairs a change touches; app_dashboard_refresh
-- recounts those branch-years from the facts (app_dashboard_compute), compares with the stored
-- BranchMonthStats rows and adds the difference to every unit on the branch's path. A recount,
-- not a ±1, so edits, reopenings, a meeting moved to another month or year, a returned scorecard
-- and deletions all come out right. Flags that look across months (held every month so far, first
-- thematic meeting of the quarter, first visit of the year) are why the unit of recount is the
-- branch-year. The same function over every branch-year is the backfill and the benchmark's
-- from-scratch recount (app_dashboard_recount).
--
-- Concurrency: two transactions recounting one branch would each add a difference computed from
-- what the other had not committed yet. A refresh therefore takes a transaction advisory lock per
-- branch (and a shared one per tenant; bulk refreshes and tree moves take the tenant's exclusively)
-- before reading; in READ COMMITTED each later statement then sees the other's committed facts
-- and rows. The application never uses a stricter isolation level for these writes.

-- CreateTable
CREATE TABLE "BranchMonthStats" (
    "tenantId" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "meetings" INTEGER NOT NULL DEFAULT 0,
    "meetingsHeld" INTEGER NOT NULL DEFAULT 0,
    "regularBranches" INTEGER NOT NULL DEFAULT 0,
    "regularStreakBranches" INTEGER NOT NULL DEFAULT 0,
    "thematicHeld" INTEGER NOT NULL DEFAULT 0,
    "thematicBranches" INTEGER NOT NULL DEFAULT 0,
    "thematicStreakBranches" INTEGER NOT NULL DEFAULT 0,
    "present" INTEGER NOT NULL DEFAULT 0,
    "attendanceDenominator" INTEGER NOT NULL DEFAULT 0,
    "absentExcused" INTEGER NOT NULL DEFAULT 0,
    "absentUnexcused" INTEGER NOT NULL DEFAULT 0,
    "levelGood" INTEGER NOT NULL DEFAULT 0,
    "levelFair" INTEGER NOT NULL DEFAULT 0,
    "levelAverage" INTEGER NOT NULL DEFAULT 0,
    "levelPoor" INTEGER NOT NULL DEFAULT 0,
    "awaitingScore" INTEGER NOT NULL DEFAULT 0,
    "awaitingReview" INTEGER NOT NULL DEFAULT 0,
    "recordsDue" INTEGER NOT NULL DEFAULT 0,
    "resolutionsOnTime" INTEGER NOT NULL DEFAULT 0,
    "minutesOnTime" INTEGER NOT NULL DEFAULT 0,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "visitedBranches" INTEGER NOT NULL DEFAULT 0,
    "visitedYearBranches" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BranchMonthStats_pkey" PRIMARY KEY ("tenantId","branchId","month")
);

-- CreateTable
CREATE TABLE "UnitMonthStats" (
    "tenantId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "meetings" INTEGER NOT NULL DEFAULT 0,
    "meetingsHeld" INTEGER NOT NULL DEFAULT 0,
    "regularBranches" INTEGER NOT NULL DEFAULT 0,
    "regularStreakBranches" INTEGER NOT NULL DEFAULT 0,
    "thematicHeld" INTEGER NOT NULL DEFAULT 0,
    "thematicBranches" INTEGER NOT NULL DEFAULT 0,
    "thematicStreakBranches" INTEGER NOT NULL DEFAULT 0,
    "present" INTEGER NOT NULL DEFAULT 0,
    "attendanceDenominator" INTEGER NOT NULL DEFAULT 0,
    "absentExcused" INTEGER NOT NULL DEFAULT 0,
    "absentUnexcused" INTEGER NOT NULL DEFAULT 0,
    "levelGood" INTEGER NOT NULL DEFAULT 0,
    "levelFair" INTEGER NOT NULL DEFAULT 0,
    "levelAverage" INTEGER NOT NULL DEFAULT 0,
    "levelPoor" INTEGER NOT NULL DEFAULT 0,
    "awaitingScore" INTEGER NOT NULL DEFAULT 0,
    "awaitingReview" INTEGER NOT NULL DEFAULT 0,
    "recordsDue" INTEGER NOT NULL DEFAULT 0,
    "resolutionsOnTime" INTEGER NOT NULL DEFAULT 0,
    "minutesOnTime" INTEGER NOT NULL DEFAULT 0,
    "visits" INTEGER NOT NULL DEFAULT 0,
    "visitedBranches" INTEGER NOT NULL DEFAULT 0,
    "visitedYearBranches" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UnitMonthStats_pkey" PRIMARY KEY ("tenantId","unitId","month")
);

-- CreateTable
CREATE TABLE "UnitMemberStats" (
    "tenantId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "members" INTEGER NOT NULL DEFAULT 0,
    "officials" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "UnitMemberStats_pkey" PRIMARY KEY ("tenantId","unitId")
);

-- CreateTable
CREATE TABLE "DashboardTarget" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "indicator" TEXT NOT NULL,
    "target" DECIMAL(7,2) NOT NULL,
    "updatedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DashboardTarget_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DashboardTarget_tenantId_year_indicator_key" ON "DashboardTarget"("tenantId", "year", "indicator");

-- AddForeignKey
ALTER TABLE "DashboardTarget" ADD CONSTRAINT "DashboardTarget_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Checks the service also makes. Indicator codes: lib/dashboard/indicators.ts.
ALTER TABLE "DashboardTarget" ADD CONSTRAINT "DashboardTarget_year_check" CHECK ("year" BETWEEN 2000 AND 2100);
ALTER TABLE "DashboardTarget" ADD CONSTRAINT "DashboardTarget_target_check" CHECK ("target" >= 0);
ALTER TABLE "DashboardTarget" ADD CONSTRAINT "DashboardTarget_indicator_check" CHECK ("indicator" IN (
  'regularEveryMonth', 'thematicQuota', 'attendanceRate', 'unexcusedAbsences', 'goodShare', 'fairOrBetterShare',
  'overseerCoverage', 'resolutionsOnTime', 'minutesOnTime'));

-- The review queue lists the meetings waiting for a reviewer, newest first; only those few are indexed.
CREATE INDEX "Meeting_review_queue_idx" ON "Meeting" ("tenantId", "plannedStart") WHERE "state" IN ('SELF_SCORED', 'CONFIRMED');

-- ─── Helpers ────────────────────────────────────────────────────────────────────────────────────

-- The first day of the month, in Vietnam, of an instant. Vietnam keeps UTC+7 all year (as
-- lib/i18n/format.ts), so a fixed offset is exact and the function is immutable.
CREATE FUNCTION app_vn_month(ts timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('month', (ts AT TIME ZONE 'UTC') + interval '7 hours')::date $$;

CREATE FUNCTION app_vn_day(ts timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ((ts AT TIME ZONE 'UTC') + interval '7 hours')::date $$;

-- The unit ids of a materialized path, root first ("/a/b/c/" → {a,b,c}).
CREATE FUNCTION app_path_ids(path text) RETURNS uuid[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(x::uuid ORDER BY n), '{}') FROM unnest(string_to_array(btrim(path, '/'), '/')) WITH ORDINALITY AS p(x, n) WHERE x <> '' $$;

-- Held and recorded (SPEC §3.1): these states count as "the meeting took place".
CREATE FUNCTION app_meeting_held(state "MeetingState") RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT state IN ('HELD', 'MINUTES_ADOPTED', 'SELF_SCORED', 'CONFIRMED', 'FINALISED') $$;

-- Which scorecard column counts, by the meeting's state: the SQL twin of effectiveResult() in
-- lib/scoring/annual.ts (SELF_SCORED → self; CONFIRMED → overseer, else self; FINALISED → final,
-- else overseer, else self; any other state → none). tests/integration/dashboard.test.ts checks the
-- two agree on every combination.
CREATE FUNCTION app_effective_source(state "MeetingState", self_level "Level", overseer_level "Level", final_level "Level") RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN state = 'SELF_SCORED' THEN CASE WHEN self_level IS NOT NULL THEN 'self' END
      WHEN state = 'CONFIRMED' THEN CASE WHEN overseer_level IS NOT NULL THEN 'overseer' WHEN self_level IS NOT NULL THEN 'self' END
      WHEN state = 'FINALISED' THEN CASE WHEN final_level IS NOT NULL THEN 'final' WHEN overseer_level IS NOT NULL THEN 'overseer' WHEN self_level IS NOT NULL THEN 'self' END
    END
  $$;

CREATE FUNCTION app_effective_level(state "MeetingState", self_level "Level", overseer_level "Level", final_level "Level") RETURNS "Level"
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE app_effective_source(state, self_level, overseer_level, final_level)
      WHEN 'final' THEN final_level WHEN 'overseer' THEN overseer_level WHEN 'self' THEN self_level END
  $$;

-- A tenant setting that is a whole number, as lib/settings/resolve.ts reads it: the row of the
-- deepest scope covering the unit in force on the day (then the latest start); rows whose value is
-- not a valid number for the setting are skipped; no row → the documented default.
CREATE FUNCTION app_setting_int(p_tenant uuid, p_key text, p_path text, p_day date, p_min integer, p_max integer, p_default integer) RETURNS integer
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce((
      SELECT (s."value" #>> '{}')::numeric::integer
      FROM "Setting" s LEFT JOIN "OrgUnit" u ON u."tenantId" = s."tenantId" AND u."id" = s."scopeUnitId"
      WHERE s."tenantId" = p_tenant AND s."key" = p_key
        AND s."effectiveFrom" <= p_day AND (s."effectiveTo" IS NULL OR s."effectiveTo" >= p_day)
        AND (u."path" IS NULL OR left(p_path, length(u."path")) = u."path")
        AND jsonb_typeof(s."value") = 'number'
        AND (s."value" #>> '{}')::numeric = trunc((s."value" #>> '{}')::numeric)
        AND (s."value" #>> '{}')::numeric BETWEEN p_min AND p_max
      ORDER BY length(coalesce(u."path", '')) DESC, s."effectiveFrom" DESC
      LIMIT 1), p_default)
  $$;

-- Filed within the limit after the end, counted as lib/meetings/documents.ts counts a delay: whole
-- minutes rounded up, so 48 h and a few seconds is late.
CREATE FUNCTION app_filed_within(filed timestamptz, ended timestamptz, hours integer) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT filed IS NOT NULL AND ended IS NOT NULL AND ceil(extract(epoch FROM (filed - ended)) / 60) <= hours * 60 $$;

CREATE FUNCTION app_vn_year(ts timestamptz) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT extract(year FROM app_vn_month(ts))::integer $$;

-- ─── The recount ────────────────────────────────────────────────────────────────────────────────

-- Superior-committee visits of one meeting that cover its branch. Oversight (issue 6) owns
-- OverseerVisit; migration 20261122030000_dashboard_visits replaces this function with the count
-- of its visits and adds the triggers, so this migration does not depend on theirs.
CREATE FUNCTION app_dashboard_meeting_visits(p_tenant uuid, p_meeting uuid) RETURNS integer
  LANGUAGE sql STABLE
  AS $$ SELECT 0 $$;

-- What the given branch-years' meetings add up to, one row per branch and month with anything in
-- it. Definitions (lib/dashboard/indicators.ts shows them to users):
--   month of a meeting        its day in Vietnam: actualStart, else plannedStart
--   meetings                  not cancelled;  meetingsHeld: HELD … FINALISED
--   regularBranches           1 when a REGULAR or COMBINED meeting was held that month (đủ kỳ)
--   regularStreakBranches     1 when one was held in every month from January (or the month the
--                             branch started) through this one
--   thematicHeld              THEMATIC or COMBINED meetings held
--   thematicBranches          1 in the first month of its quarter with one held: summed over a
--                             quarter, the branches that met the quarterly quota
--   thematicStreakBranches    the same, only when every quarter so far this year met it too
--   present, attendanceDenominator, absentExcused, absentUnexcused
--                             attendance rows of held meetings (D_att = present + excused + unexcused)
--   level*                    held meetings by the effective level (app_effective_level)
--   awaitingScore             held, no effective level yet;  awaitingReview: SELF_SCORED or CONFIRMED
--   recordsDue                held with an actual end;  resolutionsOnTime / minutesOnTime: of those,
--                             the final resolution (FINAL_RESOLUTION document or Resolution.postedAt)
--                             / the minutes (MINUTES document or Minutes.adoptedAt) filed within
--                             the setting meeting.postMeetingPostHours (default 48) after the end
--   visits, visitedBranches, visitedYearBranches
--                             superior-committee visits (migration 20261122030000_dashboard_visits)
CREATE FUNCTION app_dashboard_compute(p_tenants uuid[], p_branches uuid[], p_years integer[])
  RETURNS SETOF "BranchMonthStats"
  LANGUAGE sql STABLE
  AS $$
    -- Shape, on purpose: every fact is read per meeting by a LATERAL lookup on its index, and the
    -- cross-month flags are window functions over the branch's own rows. Nothing joins two derived
    -- sets: the planner cannot know their size (the keys are an array) and a nested loop over two
    -- of them would be quadratic in a bulk refresh of twelve thousand branches.
    WITH keys AS (
      SELECT DISTINCT k.t AS tenant_id, k.b AS branch_id, k.y AS year
      FROM unnest(p_tenants, p_branches, p_years) AS k(t, b, y)
      WHERE k.t IS NOT NULL AND k.b IS NOT NULL AND k.y IS NOT NULL
    ),
    per_meeting AS (
      SELECT k.tenant_id, k.branch_id, k.year, m."kind", m."state",
             greatest(make_date(k.year, 1, 1), date_trunc('month', u."activeFrom")::date) AS start_month,
             app_vn_month(coalesce(m."actualStart", m."plannedStart")) AS month,
             app_meeting_held(m."state") AS held,
             m."actualEnd" IS NOT NULL AND app_meeting_held(m."state") AS due,
             att.present, att.denominator, att.excused, att.unexcused,
             sc.level,
             app_filed_within(least(doc.resolution_posted, doc.resolution_doc), m."actualEnd", lim.hours) AS resolution_ok,
             app_filed_within(least(doc.minutes_adopted, doc.minutes_doc), m."actualEnd", lim.hours) AS minutes_ok,
             app_dashboard_meeting_visits(k.tenant_id, m."id") AS visits
      FROM keys k
      JOIN "OrgUnit" u ON u."tenantId" = k.tenant_id AND u."id" = k.branch_id
      JOIN "Meeting" m ON m."tenantId" = k.tenant_id AND m."branchId" = k.branch_id
        AND app_vn_month(coalesce(m."actualStart", m."plannedStart")) >= make_date(k.year, 1, 1)
        AND app_vn_month(coalesce(m."actualStart", m."plannedStart")) < make_date(k.year + 1, 1, 1)
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE a."status" = 'PRESENT') AS present,
               count(*) FILTER (WHERE a."status" IN ('PRESENT', 'ABSENT_EXCUSED', 'ABSENT_UNEXCUSED')) AS denominator,
               count(*) FILTER (WHERE a."status" = 'ABSENT_EXCUSED') AS excused,
               count(*) FILTER (WHERE a."status" = 'ABSENT_UNEXCUSED') AS unexcused
        FROM "Attendance" a
        WHERE a."tenantId" = m."tenantId" AND a."meetingId" = m."id" AND app_meeting_held(m."state")
      ) att ON true
      LEFT JOIN LATERAL (
        SELECT app_effective_level(m."state", s."selfLevel", s."overseerLevel", s."finalLevel") AS level
        FROM "Scorecard" s
        WHERE s."tenantId" = m."tenantId" AND s."meetingId" = m."id" AND app_meeting_held(m."state")
      ) sc ON true
      LEFT JOIN LATERAL (
        SELECT (SELECT r."postedAt" FROM "Resolution" r WHERE r."tenantId" = m."tenantId" AND r."meetingId" = m."id") AS resolution_posted,
               (SELECT mi."adoptedAt" FROM "Minutes" mi WHERE mi."tenantId" = m."tenantId" AND mi."meetingId" = m."id") AS minutes_adopted,
               min(x."postedAt") FILTER (WHERE x."kind" = 'FINAL_RESOLUTION') AS resolution_doc,
               min(x."postedAt") FILTER (WHERE x."kind" = 'MINUTES') AS minutes_doc
        FROM (SELECT 1) one
        LEFT JOIN "MeetingDocument" x ON x."tenantId" = m."tenantId" AND x."meetingId" = m."id"
        WHERE m."actualEnd" IS NOT NULL AND app_meeting_held(m."state")
      ) doc ON true
      LEFT JOIN LATERAL (
        SELECT app_setting_int(m."tenantId", 'meeting.postMeetingPostHours', u."path", app_vn_day(coalesce(m."actualStart", m."plannedStart")), 0, 720, 48) AS hours
        WHERE m."actualEnd" IS NOT NULL AND app_meeting_held(m."state")
      ) lim ON true
    ),
    per_month AS (
      SELECT p.tenant_id, p.branch_id, p.year, p.month, min(p.start_month) AS start_month,
             (extract(month FROM p.month)::integer - 1) / 3 + 1 AS quarter,
             count(*) FILTER (WHERE p."state" <> 'CANCELLED')::integer AS meetings,
             count(*) FILTER (WHERE p.held)::integer AS meetings_held,
             (count(*) FILTER (WHERE p.held AND p."kind" IN ('REGULAR', 'COMBINED')) > 0)::integer AS regular,
             count(*) FILTER (WHERE p.held AND p."kind" IN ('THEMATIC', 'COMBINED'))::integer AS thematic,
             coalesce(sum(p.present), 0)::integer AS present,
             coalesce(sum(p.denominator), 0)::integer AS denominator,
             coalesce(sum(p.excused), 0)::integer AS excused,
             coalesce(sum(p.unexcused), 0)::integer AS unexcused,
             count(*) FILTER (WHERE p.level = 'GOOD')::integer AS good,
             count(*) FILTER (WHERE p.level = 'FAIR')::integer AS fair,
             count(*) FILTER (WHERE p.level = 'AVERAGE')::integer AS average,
             count(*) FILTER (WHERE p.level = 'POOR')::integer AS poor,
             count(*) FILTER (WHERE p.held AND p.level IS NULL)::integer AS awaiting_score,
             count(*) FILTER (WHERE p."state" IN ('SELF_SCORED', 'CONFIRMED'))::integer AS awaiting_review,
             count(*) FILTER (WHERE p.due)::integer AS records_due,
             count(*) FILTER (WHERE p.resolution_ok)::integer AS resolutions_ok,
             count(*) FILTER (WHERE p.minutes_ok)::integer AS minutes_ok,
             coalesce(sum(p.visits), 0)::integer AS visits
      FROM per_meeting p
      GROUP BY p.tenant_id, p.branch_id, p.year, p.month
    ),
    -- Months without a row had no meeting: they break a run of regular meetings just by being
    -- missing, so "every month since the start" is "as many regular months as months elapsed".
    flags AS (
      SELECT f.*,
             (f.regular = 1 AND f.month >= f.start_month
              AND sum(CASE WHEN f.month >= f.start_month THEN f.regular ELSE 0 END) OVER by_month
                  = (extract(year FROM age(f.month, f.start_month)) * 12 + extract(month FROM age(f.month, f.start_month)) + 1))::integer AS regular_streak,
             (f.thematic > 0 AND coalesce(sum(f.thematic) OVER quarter_before, 0) = 0)::integer AS thematic_first,
             (f.visits > 0 AND coalesce(sum(f.visits) OVER year_before, 0) = 0)::integer AS visited_first,
             CASE WHEN f.start_month > make_date(f.year, 12, 1) THEN 5 ELSE extract(quarter FROM f.start_month)::integer END AS start_quarter
      FROM per_month f
      WINDOW by_month AS (PARTITION BY f.tenant_id, f.branch_id, f.year ORDER BY f.month),
             year_before AS (PARTITION BY f.tenant_id, f.branch_id, f.year ORDER BY f.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
             quarter_before AS (PARTITION BY f.tenant_id, f.branch_id, f.year, f.quarter ORDER BY f.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    ),
    -- One "first thematic month" per quarter that met the quota: every quarter from the start
    -- through this one met it when there are as many of them as quarters elapsed.
    streaks AS (
      SELECT f.*,
             (f.thematic_first = 1 AND f.quarter >= f.start_quarter
              AND sum(CASE WHEN f.quarter >= f.start_quarter THEN f.thematic_first ELSE 0 END) OVER by_month = f.quarter - f.start_quarter + 1)::integer AS thematic_streak
      FROM flags f
      WINDOW by_month AS (PARTITION BY f.tenant_id, f.branch_id, f.year ORDER BY f.month)
    )
    SELECT x.tenant_id, x.branch_id, x.month,
           x.meetings, x.meetings_held, x.regular, x.regular_streak, x.thematic, x.thematic_first, x.thematic_streak,
           x.present, x.denominator, x.excused, x.unexcused,
           x.good, x.fair, x.average, x.poor, x.awaiting_score, x.awaiting_review,
           x.records_due, x.resolutions_ok, x.minutes_ok,
           x.visits, (x.visits > 0)::integer, x.visited_first
    FROM streaks x
    WHERE x.meetings <> 0 OR x.meetings_held <> 0 OR x.thematic <> 0 OR x.present <> 0 OR x.denominator <> 0
       OR x.good + x.fair + x.average + x.poor <> 0 OR x.awaiting_score <> 0 OR x.awaiting_review <> 0
       OR x.records_due <> 0 OR x.visits <> 0
  $$;

-- The units a refresh or a move touched lose their all-zero rows (a meeting moved out of a month).
CREATE FUNCTION app_dashboard_prune(p_tenants uuid[], p_units uuid[]) RETURNS void
  LANGUAGE sql
  AS $$
    DELETE FROM "UnitMonthStats" s
    USING (SELECT DISTINCT t, u FROM unnest(p_tenants, p_units) AS z(t, u)) z
    WHERE s."tenantId" = z.t AND s."unitId" = z.u
      AND s."meetings" = 0 AND s."meetingsHeld" = 0 AND s."regularBranches" = 0 AND s."regularStreakBranches" = 0
      AND s."thematicHeld" = 0 AND s."thematicBranches" = 0 AND s."thematicStreakBranches" = 0
      AND s."present" = 0 AND s."attendanceDenominator" = 0 AND s."absentExcused" = 0 AND s."absentUnexcused" = 0
      AND s."levelGood" = 0 AND s."levelFair" = 0 AND s."levelAverage" = 0 AND s."levelPoor" = 0
      AND s."awaitingScore" = 0 AND s."awaitingReview" = 0 AND s."recordsDue" = 0
      AND s."resolutionsOnTime" = 0 AND s."minutesOnTime" = 0
      AND s."visits" = 0 AND s."visitedBranches" = 0 AND s."visitedYearBranches" = 0
  $$;

-- Serialises refreshes of one branch (see the header). More than a few branches at once (a bulk
-- insert, a settings change) take the tenant's lock exclusively instead of one lock per branch,
-- so a bulk statement never fills the lock table.
CREATE FUNCTION app_dashboard_lock(p_tenants uuid[], p_branches uuid[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    r record;
    n integer;
  BEGIN
    SELECT count(*) INTO n FROM (SELECT DISTINCT t, b FROM unnest(p_tenants, p_branches) AS k(t, b)) d;
    IF n > 32 THEN
      FOR r IN SELECT DISTINCT t FROM unnest(p_tenants) AS k(t) WHERE t IS NOT NULL ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(70061, hashtext(r.t::text));
      END LOOP;
    ELSE
      FOR r IN SELECT DISTINCT t, b FROM unnest(p_tenants, p_branches) AS k(t, b) WHERE t IS NOT NULL AND b IS NOT NULL ORDER BY 1, 2 LOOP
        PERFORM pg_advisory_xact_lock_shared(70061, hashtext(r.t::text));
        PERFORM pg_advisory_xact_lock(70062, hashtext(r.t::text || '/' || r.b::text));
      END LOOP;
    END IF;
  END
  $$;

-- Recounts the given branch-years and moves every difference up the tree.
CREATE FUNCTION app_dashboard_refresh(p_tenants uuid[], p_branches uuid[], p_years integer[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    z_tenants uuid[];
    z_units uuid[];
  BEGIN
    IF coalesce(cardinality(p_branches), 0) = 0 THEN
      RETURN;
    END IF;
    PERFORM app_dashboard_lock(p_tenants, p_branches);

    WITH keys AS (
      SELECT DISTINCT k.t, k.b, k.y FROM unnest(p_tenants, p_branches, p_years) AS k(t, b, y)
      WHERE k.t IS NOT NULL AND k.b IS NOT NULL AND k.y IS NOT NULL
    ),
    fresh AS MATERIALIZED (
      SELECT * FROM app_dashboard_compute(p_tenants, p_branches, p_years)
    ),
    old AS MATERIALIZED (
      SELECT s.* FROM keys k
      JOIN "BranchMonthStats" s ON s."tenantId" = k.t AND s."branchId" = k.b
        AND s."month" >= make_date(k.y, 1, 1) AND s."month" < make_date(k.y + 1, 1, 1)
    ),
    delta AS MATERIALIZED (
      SELECT coalesce(f."tenantId", o."tenantId") AS "tenantId",
             coalesce(f."branchId", o."branchId") AS "branchId",
             coalesce(f."month", o."month") AS "month",
             f."tenantId" IS NOT NULL AS in_fresh,
             f AS fresh_row,
             coalesce(f."meetings", 0) - coalesce(o."meetings", 0) AS "meetings",
             coalesce(f."meetingsHeld", 0) - coalesce(o."meetingsHeld", 0) AS "meetingsHeld",
             coalesce(f."regularBranches", 0) - coalesce(o."regularBranches", 0) AS "regularBranches",
             coalesce(f."regularStreakBranches", 0) - coalesce(o."regularStreakBranches", 0) AS "regularStreakBranches",
             coalesce(f."thematicHeld", 0) - coalesce(o."thematicHeld", 0) AS "thematicHeld",
             coalesce(f."thematicBranches", 0) - coalesce(o."thematicBranches", 0) AS "thematicBranches",
             coalesce(f."thematicStreakBranches", 0) - coalesce(o."thematicStreakBranches", 0) AS "thematicStreakBranches",
             coalesce(f."present", 0) - coalesce(o."present", 0) AS "present",
             coalesce(f."attendanceDenominator", 0) - coalesce(o."attendanceDenominator", 0) AS "attendanceDenominator",
             coalesce(f."absentExcused", 0) - coalesce(o."absentExcused", 0) AS "absentExcused",
             coalesce(f."absentUnexcused", 0) - coalesce(o."absentUnexcused", 0) AS "absentUnexcused",
             coalesce(f."levelGood", 0) - coalesce(o."levelGood", 0) AS "levelGood",
             coalesce(f."levelFair", 0) - coalesce(o."levelFair", 0) AS "levelFair",
             coalesce(f."levelAverage", 0) - coalesce(o."levelAverage", 0) AS "levelAverage",
             coalesce(f."levelPoor", 0) - coalesce(o."levelPoor", 0) AS "levelPoor",
             coalesce(f."awaitingScore", 0) - coalesce(o."awaitingScore", 0) AS "awaitingScore",
             coalesce(f."awaitingReview", 0) - coalesce(o."awaitingReview", 0) AS "awaitingReview",
             coalesce(f."recordsDue", 0) - coalesce(o."recordsDue", 0) AS "recordsDue",
             coalesce(f."resolutionsOnTime", 0) - coalesce(o."resolutionsOnTime", 0) AS "resolutionsOnTime",
             coalesce(f."minutesOnTime", 0) - coalesce(o."minutesOnTime", 0) AS "minutesOnTime",
             coalesce(f."visits", 0) - coalesce(o."visits", 0) AS "visits",
             coalesce(f."visitedBranches", 0) - coalesce(o."visitedBranches", 0) AS "visitedBranches",
             coalesce(f."visitedYearBranches", 0) - coalesce(o."visitedYearBranches", 0) AS "visitedYearBranches"
      FROM fresh f
      FULL JOIN old o ON o."tenantId" = f."tenantId" AND o."branchId" = f."branchId" AND o."month" = f."month"
    ),
    changed AS MATERIALIZED (
      SELECT * FROM delta d
      WHERE d."meetings" <> 0 OR d."meetingsHeld" <> 0 OR d."regularBranches" <> 0 OR d."regularStreakBranches" <> 0
         OR d."thematicHeld" <> 0 OR d."thematicBranches" <> 0 OR d."thematicStreakBranches" <> 0
         OR d."present" <> 0 OR d."attendanceDenominator" <> 0 OR d."absentExcused" <> 0 OR d."absentUnexcused" <> 0
         OR d."levelGood" <> 0 OR d."levelFair" <> 0 OR d."levelAverage" <> 0 OR d."levelPoor" <> 0
         OR d."awaitingScore" <> 0 OR d."awaitingReview" <> 0 OR d."recordsDue" <> 0
         OR d."resolutionsOnTime" <> 0 OR d."minutesOnTime" <> 0
         OR d."visits" <> 0 OR d."visitedBranches" <> 0 OR d."visitedYearBranches" <> 0
    ),
    write_branch AS (
      -- The new rows travel with their differences: no second join of the recount (its size is
      -- unknown to the planner, and a nested loop over two such sets would be quadratic).
      INSERT INTO "BranchMonthStats" AS s
      SELECT (c.fresh_row).* FROM changed c WHERE c.in_fresh
      ON CONFLICT ("tenantId", "branchId", "month") DO UPDATE SET
        "meetings" = EXCLUDED."meetings", "meetingsHeld" = EXCLUDED."meetingsHeld",
        "regularBranches" = EXCLUDED."regularBranches", "regularStreakBranches" = EXCLUDED."regularStreakBranches",
        "thematicHeld" = EXCLUDED."thematicHeld", "thematicBranches" = EXCLUDED."thematicBranches",
        "thematicStreakBranches" = EXCLUDED."thematicStreakBranches",
        "present" = EXCLUDED."present", "attendanceDenominator" = EXCLUDED."attendanceDenominator",
        "absentExcused" = EXCLUDED."absentExcused", "absentUnexcused" = EXCLUDED."absentUnexcused",
        "levelGood" = EXCLUDED."levelGood", "levelFair" = EXCLUDED."levelFair",
        "levelAverage" = EXCLUDED."levelAverage", "levelPoor" = EXCLUDED."levelPoor",
        "awaitingScore" = EXCLUDED."awaitingScore", "awaitingReview" = EXCLUDED."awaitingReview",
        "recordsDue" = EXCLUDED."recordsDue", "resolutionsOnTime" = EXCLUDED."resolutionsOnTime",
        "minutesOnTime" = EXCLUDED."minutesOnTime",
        "visits" = EXCLUDED."visits", "visitedBranches" = EXCLUDED."visitedBranches",
        "visitedYearBranches" = EXCLUDED."visitedYearBranches"
      RETURNING 1
    ),
    drop_branch AS (
      DELETE FROM "BranchMonthStats" s
      USING changed c
      WHERE NOT c.in_fresh AND s."tenantId" = c."tenantId" AND s."branchId" = c."branchId" AND s."month" = c."month"
      RETURNING 1
    )
    INSERT INTO "UnitMonthStats" AS s
    SELECT c."tenantId", a.unit_id, c."month",
           sum(c."meetings"), sum(c."meetingsHeld"), sum(c."regularBranches"), sum(c."regularStreakBranches"),
           sum(c."thematicHeld"), sum(c."thematicBranches"), sum(c."thematicStreakBranches"),
           sum(c."present"), sum(c."attendanceDenominator"), sum(c."absentExcused"), sum(c."absentUnexcused"),
           sum(c."levelGood"), sum(c."levelFair"), sum(c."levelAverage"), sum(c."levelPoor"),
           sum(c."awaitingScore"), sum(c."awaitingReview"), sum(c."recordsDue"),
           sum(c."resolutionsOnTime"), sum(c."minutesOnTime"),
           sum(c."visits"), sum(c."visitedBranches"), sum(c."visitedYearBranches")
    FROM changed c
    JOIN "OrgUnit" u ON u."tenantId" = c."tenantId" AND u."id" = c."branchId"
    CROSS JOIN LATERAL unnest(app_path_ids(u."path")) AS a(unit_id)
    GROUP BY c."tenantId", a.unit_id, c."month"
    ORDER BY 2, 3
    ON CONFLICT ("tenantId", "unitId", "month") DO UPDATE SET
      "meetings" = s."meetings" + EXCLUDED."meetings", "meetingsHeld" = s."meetingsHeld" + EXCLUDED."meetingsHeld",
      "regularBranches" = s."regularBranches" + EXCLUDED."regularBranches",
      "regularStreakBranches" = s."regularStreakBranches" + EXCLUDED."regularStreakBranches",
      "thematicHeld" = s."thematicHeld" + EXCLUDED."thematicHeld",
      "thematicBranches" = s."thematicBranches" + EXCLUDED."thematicBranches",
      "thematicStreakBranches" = s."thematicStreakBranches" + EXCLUDED."thematicStreakBranches",
      "present" = s."present" + EXCLUDED."present",
      "attendanceDenominator" = s."attendanceDenominator" + EXCLUDED."attendanceDenominator",
      "absentExcused" = s."absentExcused" + EXCLUDED."absentExcused",
      "absentUnexcused" = s."absentUnexcused" + EXCLUDED."absentUnexcused",
      "levelGood" = s."levelGood" + EXCLUDED."levelGood", "levelFair" = s."levelFair" + EXCLUDED."levelFair",
      "levelAverage" = s."levelAverage" + EXCLUDED."levelAverage", "levelPoor" = s."levelPoor" + EXCLUDED."levelPoor",
      "awaitingScore" = s."awaitingScore" + EXCLUDED."awaitingScore",
      "awaitingReview" = s."awaitingReview" + EXCLUDED."awaitingReview",
      "recordsDue" = s."recordsDue" + EXCLUDED."recordsDue",
      "resolutionsOnTime" = s."resolutionsOnTime" + EXCLUDED."resolutionsOnTime",
      "minutesOnTime" = s."minutesOnTime" + EXCLUDED."minutesOnTime",
      "visits" = s."visits" + EXCLUDED."visits", "visitedBranches" = s."visitedBranches" + EXCLUDED."visitedBranches",
      "visitedYearBranches" = s."visitedYearBranches" + EXCLUDED."visitedYearBranches";

    SELECT array_agg(z.t), array_agg(z.u) INTO z_tenants, z_units
    FROM (
      SELECT DISTINCT k.t, a.unit_id AS u
      FROM unnest(p_tenants, p_branches) AS k(t, b)
      JOIN "OrgUnit" o ON o."tenantId" = k.t AND o."id" = k.b
      CROSS JOIN LATERAL unnest(app_path_ids(o."path")) AS a(unit_id)
    ) z;
    PERFORM app_dashboard_prune(z_tenants, z_units);
  END
  $$;

-- Every branch-year of a tenant that has meetings: the backfill is
--   SELECT app_dashboard_refresh(t, b, y) FROM app_dashboard_all_keys('<tenant>') AS k(t, b, y);
CREATE FUNCTION app_dashboard_all_keys(p_tenant uuid) RETURNS TABLE (tenants uuid[], branches uuid[], years integer[])
  LANGUAGE sql STABLE
  AS $$
    SELECT array_agg(k.t), array_agg(k.b), array_agg(k.y)
    FROM (
      SELECT DISTINCT m."tenantId" AS t, m."branchId" AS b, app_vn_year(coalesce(m."actualStart", m."plannedStart")) AS y
      FROM "Meeting" m WHERE m."tenantId" = p_tenant
      UNION
      SELECT DISTINCT s."tenantId", s."branchId", extract(year FROM s."month")::integer
      FROM "BranchMonthStats" s WHERE s."tenantId" = p_tenant
    ) k
  $$;

-- The from-scratch recount of a tenant's UnitMonthStats, for the benchmark and the tests:
-- every branch-year recomputed, summed up every path. Compare it with the stored rows. PL/pgSQL so
-- that the recount is planned for the tenant's real number of branch-years (see plan_cache_mode
-- below), not for a guess.
CREATE FUNCTION app_dashboard_recount(p_tenant uuid) RETURNS SETOF "UnitMonthStats"
  LANGUAGE plpgsql STABLE
  AS $$
  DECLARE
    t uuid[];
    b uuid[];
    y integer[];
  BEGIN
    SELECT k.tenants, k.branches, k.years INTO t, b, y FROM app_dashboard_all_keys(p_tenant) k;
    -- The recount is materialised first, planned on its own as in a refresh; inlined into the
    -- sums below, the planner would interleave it with the path joins.
    RETURN QUERY
    WITH fresh AS MATERIALIZED (SELECT * FROM app_dashboard_compute(t, b, y))
    SELECT c."tenantId", a.unit_id, c."month",
           sum(c."meetings")::integer, sum(c."meetingsHeld")::integer, sum(c."regularBranches")::integer,
           sum(c."regularStreakBranches")::integer, sum(c."thematicHeld")::integer, sum(c."thematicBranches")::integer,
           sum(c."thematicStreakBranches")::integer, sum(c."present")::integer, sum(c."attendanceDenominator")::integer,
           sum(c."absentExcused")::integer, sum(c."absentUnexcused")::integer,
           sum(c."levelGood")::integer, sum(c."levelFair")::integer, sum(c."levelAverage")::integer, sum(c."levelPoor")::integer,
           sum(c."awaitingScore")::integer, sum(c."awaitingReview")::integer, sum(c."recordsDue")::integer,
           sum(c."resolutionsOnTime")::integer, sum(c."minutesOnTime")::integer,
           sum(c."visits")::integer, sum(c."visitedBranches")::integer, sum(c."visitedYearBranches")::integer
    FROM fresh c
    JOIN "OrgUnit" u ON u."tenantId" = c."tenantId" AND u."id" = c."branchId"
    CROSS JOIN LATERAL unnest(app_path_ids(u."path")) AS a(unit_id)
    GROUP BY c."tenantId", a.unit_id, c."month";
  END
  $$;

-- ─── Triggers on the facts ──────────────────────────────────────────────────────────────────────

-- Meetings: the branch-years of the old and the new row (a meeting moved to another month or year,
-- or to another branch, refreshes both). Updates that change nothing counted (content, version)
-- cost nothing.
CREATE FUNCTION app_dashboard_meeting_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    b uuid[];
    y integer[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(k.t), array_agg(k.b), array_agg(k.y) INTO t, b, y
      FROM (SELECT DISTINCT n."tenantId" AS t, n."branchId" AS b, app_vn_year(coalesce(n."actualStart", n."plannedStart")) AS y FROM new_rows n) k;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(k.t), array_agg(k.b), array_agg(k.y) INTO t, b, y
      FROM (SELECT DISTINCT o."tenantId" AS t, o."branchId" AS b, app_vn_year(coalesce(o."actualStart", o."plannedStart")) AS y FROM old_rows o) k;
    ELSE
      SELECT array_agg(k.t), array_agg(k.b), array_agg(k.y) INTO t, b, y
      FROM (
        SELECT o."tenantId" AS t, o."branchId" AS b, app_vn_year(coalesce(o."actualStart", o."plannedStart")) AS y
        FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."branchId", o."kind", o."state", o."plannedStart", o."actualStart", o."actualEnd")
              IS DISTINCT FROM (n."branchId", n."kind", n."state", n."plannedStart", n."actualStart", n."actualEnd")
        UNION
        SELECT n."tenantId", n."branchId", app_vn_year(coalesce(n."actualStart", n."plannedStart"))
        FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."branchId", o."kind", o."state", o."plannedStart", o."actualStart", o."actualEnd")
              IS DISTINCT FROM (n."branchId", n."kind", n."state", n."plannedStart", n."actualStart", n."actualEnd")
      ) k;
    END IF;
    PERFORM app_dashboard_refresh(t, b, y);
    RETURN NULL;
  END
  $$;

-- The branch-years of some meetings (rows of the tables that hang off a meeting). `p_only` skips
-- meetings whose state makes the change count for nothing, so the common writes cost no recount:
-- 'held' (attendance only counts once the meeting is held — marks taken during the meeting are
-- counted when it is confirmed held, by the Meeting trigger), 'scored' (a scorecard only counts
-- from SELF_SCORED on), 'filed' (filings only count for a held meeting with an end time).
CREATE FUNCTION app_dashboard_refresh_meetings(p_tenants uuid[], p_meetings uuid[], p_only text DEFAULT NULL) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    b uuid[];
    y integer[];
  BEGIN
    IF coalesce(cardinality(p_meetings), 0) = 0 THEN
      RETURN;
    END IF;
    SELECT array_agg(k.t), array_agg(k.b), array_agg(k.y) INTO t, b, y
    FROM (
      SELECT DISTINCT m."tenantId" AS t, m."branchId" AS b, app_vn_year(coalesce(m."actualStart", m."plannedStart")) AS y
      FROM (SELECT DISTINCT z.t, z.id FROM unnest(p_tenants, p_meetings) AS z(t, id)) z
      JOIN "Meeting" m ON m."tenantId" = z.t AND m."id" = z.id
      WHERE p_only IS NULL
         OR (p_only = 'held' AND app_meeting_held(m."state"))
         OR (p_only = 'scored' AND m."state" IN ('SELF_SCORED', 'CONFIRMED', 'FINALISED'))
         OR (p_only = 'filed' AND app_meeting_held(m."state") AND m."actualEnd" IS NOT NULL)
    ) k;
    -- Marks taken during a meeting, drafts of a scorecard: nothing to recount, nothing more to do.
    IF t IS NOT NULL THEN
      PERFORM app_dashboard_refresh(t, b, y);
    END IF;
  END
  $$;

-- Attendance: marks of held meetings (status, or a row moved to another meeting).
CREATE FUNCTION app_dashboard_attendance_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    m uuid[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (SELECT DISTINCT n."tenantId" AS t, n."meetingId" AS m FROM new_rows n) k;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (SELECT DISTINCT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o) k;
    ELSE
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."status") IS DISTINCT FROM (n."meetingId", n."status")
        UNION
        SELECT n."tenantId", n."meetingId" FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."status") IS DISTINCT FROM (n."meetingId", n."status")
      ) k;
    END IF;
    PERFORM app_dashboard_refresh_meetings(t, m, 'held');
    RETURN NULL;
  END
  $$;

-- Scorecards: the three level columns (with the meeting's state they give the effective level).
CREATE FUNCTION app_dashboard_scorecard_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    m uuid[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (SELECT DISTINCT n."tenantId" AS t, n."meetingId" AS m FROM new_rows n) k;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (SELECT DISTINCT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o) k;
    ELSE
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."selfLevel", o."overseerLevel", o."finalLevel") IS DISTINCT FROM (n."meetingId", n."selfLevel", n."overseerLevel", n."finalLevel")
        UNION
        SELECT n."tenantId", n."meetingId" FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."selfLevel", o."overseerLevel", o."finalLevel") IS DISTINCT FROM (n."meetingId", n."selfLevel", n."overseerLevel", n."finalLevel")
      ) k;
    END IF;
    PERFORM app_dashboard_refresh_meetings(t, m, 'scored');
    RETURN NULL;
  END
  $$;

-- Minutes (adoptedAt), resolutions (postedAt) and final documents (FINAL_RESOLUTION, MINUTES):
-- what "filed within 2 days" reads.
CREATE FUNCTION app_dashboard_filing_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    m uuid[];
  BEGIN
    IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'MeetingDocument' THEN
      -- Preparation papers do not count here.
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT DISTINCT n."tenantId" AS t, n."meetingId" AS m FROM new_rows n WHERE n."kind" IN ('FINAL_RESOLUTION', 'MINUTES')
      ) k;
    ELSIF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'MeetingDocument' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT DISTINCT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o WHERE o."kind" IN ('FINAL_RESOLUTION', 'MINUTES')
      ) k;
    ELSIF TG_OP = 'INSERT' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (SELECT DISTINCT n."tenantId" AS t, n."meetingId" AS m FROM new_rows n) k;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (SELECT DISTINCT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o) k;
    ELSIF TG_TABLE_NAME = 'Minutes' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."adoptedAt") IS DISTINCT FROM (n."meetingId", n."adoptedAt")
        UNION
        SELECT n."tenantId", n."meetingId" FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."adoptedAt") IS DISTINCT FROM (n."meetingId", n."adoptedAt")
      ) k;
    ELSIF TG_TABLE_NAME = 'Resolution' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."postedAt") IS DISTINCT FROM (n."meetingId", n."postedAt")
        UNION
        SELECT n."tenantId", n."meetingId" FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."postedAt") IS DISTINCT FROM (n."meetingId", n."postedAt")
      ) k;
    ELSE
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."kind", o."postedAt") IS DISTINCT FROM (n."meetingId", n."kind", n."postedAt")
        UNION
        SELECT n."tenantId", n."meetingId" FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."kind", o."postedAt") IS DISTINCT FROM (n."meetingId", n."kind", n."postedAt")
      ) k;
    END IF;
    PERFORM app_dashboard_refresh_meetings(t, m, 'filed');
    RETURN NULL;
  END
  $$;

-- The roll per subtree: +1 / −1 for each member who joins or leaves a branch's current roll
-- (added, transferred, ended, deleted), added up every path. Differences commute, so no lock per
-- branch; the shared tenant lock keeps them out of a tree move's way.
CREATE FUNCTION app_dashboard_member_apply(p_tenants uuid[], p_branches uuid[], p_members bigint[], p_officials bigint[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    r record;
  BEGIN
    IF coalesce(cardinality(p_branches), 0) = 0 THEN
      RETURN;
    END IF;
    FOR r IN SELECT DISTINCT k.t FROM unnest(p_tenants) AS k(t) WHERE k.t IS NOT NULL ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock_shared(70061, hashtext(r.t::text));
    END LOOP;
    WITH per_branch AS (
      SELECT k.t, k.b, sum(k.m) AS members, sum(k.o) AS officials
      FROM unnest(p_tenants, p_branches, p_members, p_officials) AS k(t, b, m, o)
      GROUP BY k.t, k.b
      HAVING sum(k.m) <> 0 OR sum(k.o) <> 0
    )
    INSERT INTO "UnitMemberStats" AS s ("tenantId", "unitId", "members", "officials")
    SELECT p.t, a.unit_id, sum(p.members), sum(p.officials)
    FROM per_branch p
    JOIN "OrgUnit" u ON u."tenantId" = p.t AND u."id" = p.b
    CROSS JOIN LATERAL unnest(app_path_ids(u."path")) AS a(unit_id)
    GROUP BY p.t, a.unit_id
    ORDER BY 2
    ON CONFLICT ("tenantId", "unitId") DO UPDATE SET
      "members" = s."members" + EXCLUDED."members", "officials" = s."officials" + EXCLUDED."officials";
  END
  $$;

CREATE FUNCTION app_dashboard_member_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    b uuid[];
    m bigint[];
    o bigint[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(k.t), array_agg(k.b), array_agg(k.m), array_agg(k.o) INTO t, b, m, o
      FROM (
        SELECT n."tenantId" AS t, n."branchId" AS b, count(*) AS m, count(*) FILTER (WHERE n."status" = 'OFFICIAL') AS o
        FROM new_rows n WHERE n."endedOn" IS NULL GROUP BY 1, 2
      ) k;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(k.t), array_agg(k.b), array_agg(k.m), array_agg(k.o) INTO t, b, m, o
      FROM (
        SELECT x."tenantId" AS t, x."branchId" AS b, -count(*) AS m, -count(*) FILTER (WHERE x."status" = 'OFFICIAL') AS o
        FROM old_rows x WHERE x."endedOn" IS NULL GROUP BY 1, 2
      ) k;
    ELSE
      -- A member's roll only changes with these columns.
      SELECT array_agg(k.t), array_agg(k.b), array_agg(k.m), array_agg(k.o) INTO t, b, m, o
      FROM (
        SELECT c.t, c.b, sum(c.m) AS m, sum(c.o) AS o
        FROM (
          SELECT n."tenantId" AS t, n."branchId" AS b, 1 AS m, CASE WHEN n."status" = 'OFFICIAL' THEN 1 ELSE 0 END AS o
          FROM old_rows x JOIN new_rows n ON n."tenantId" = x."tenantId" AND n."id" = x."id"
          WHERE n."endedOn" IS NULL AND (x."branchId", x."endedOn", x."status") IS DISTINCT FROM (n."branchId", n."endedOn", n."status")
          UNION ALL
          SELECT x."tenantId", x."branchId", -1, CASE WHEN x."status" = 'OFFICIAL' THEN -1 ELSE 0 END
          FROM old_rows x JOIN new_rows n ON n."tenantId" = x."tenantId" AND n."id" = x."id"
          WHERE x."endedOn" IS NULL AND (x."branchId", x."endedOn", x."status") IS DISTINCT FROM (n."branchId", n."endedOn", n."status")
        ) c
        GROUP BY c.t, c.b
      ) k;
    END IF;
    IF t IS NOT NULL THEN
      PERFORM app_dashboard_member_apply(t, b, m, o);
    END IF;
    RETURN NULL;
  END
  $$;

-- The tree: a unit moved under another parent (one UPDATE rewrites the paths of its subtree) takes
-- its branches' months and members from the committees it left to those it joined; a changed
-- start date changes "held every month since it started"; a deleted unit's rows go with it.
CREATE FUNCTION app_dashboard_unit_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    r record;
    t uuid[];
    b uuid[];
    y integer[];
    z_tenants uuid[];
    z_units uuid[];
  BEGIN
    IF TG_OP = 'DELETE' THEN
      DELETE FROM "UnitMonthStats" s USING old_rows o WHERE s."tenantId" = o."tenantId" AND s."unitId" = o."id";
      DELETE FROM "BranchMonthStats" s USING old_rows o WHERE s."tenantId" = o."tenantId" AND s."branchId" = o."id";
      DELETE FROM "UnitMemberStats" s USING old_rows o WHERE s."tenantId" = o."tenantId" AND s."unitId" = o."id";
      RETURN NULL;
    END IF;

    IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id" WHERE o."path" <> n."path") THEN
      FOR r IN SELECT DISTINCT n."tenantId" AS t FROM new_rows n ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(70061, hashtext(r.t::text));
      END LOOP;
      WITH moved AS (
        SELECT n."tenantId" AS t, n."id" AS unit_id, app_path_ids(o."path") AS old_ids, app_path_ids(n."path") AS new_ids
        FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE o."path" <> n."path"
      ),
      shift AS (
        SELECT mv.t, a.unit_id, -1 AS sign, mv.unit_id AS owner FROM moved mv CROSS JOIN LATERAL unnest(mv.old_ids) AS a(unit_id)
        WHERE NOT (a.unit_id = ANY (mv.new_ids))
        UNION ALL
        SELECT mv.t, a.unit_id, 1, mv.unit_id FROM moved mv CROSS JOIN LATERAL unnest(mv.new_ids) AS a(unit_id)
        WHERE NOT (a.unit_id = ANY (mv.old_ids))
      )
      INSERT INTO "UnitMonthStats" AS s
      SELECT sh.t, sh.unit_id, x."month",
             sum(sh.sign * x."meetings"), sum(sh.sign * x."meetingsHeld"), sum(sh.sign * x."regularBranches"),
             sum(sh.sign * x."regularStreakBranches"), sum(sh.sign * x."thematicHeld"), sum(sh.sign * x."thematicBranches"),
             sum(sh.sign * x."thematicStreakBranches"), sum(sh.sign * x."present"), sum(sh.sign * x."attendanceDenominator"),
             sum(sh.sign * x."absentExcused"), sum(sh.sign * x."absentUnexcused"),
             sum(sh.sign * x."levelGood"), sum(sh.sign * x."levelFair"), sum(sh.sign * x."levelAverage"), sum(sh.sign * x."levelPoor"),
             sum(sh.sign * x."awaitingScore"), sum(sh.sign * x."awaitingReview"), sum(sh.sign * x."recordsDue"),
             sum(sh.sign * x."resolutionsOnTime"), sum(sh.sign * x."minutesOnTime"),
             sum(sh.sign * x."visits"), sum(sh.sign * x."visitedBranches"), sum(sh.sign * x."visitedYearBranches")
      FROM shift sh JOIN "BranchMonthStats" x ON x."tenantId" = sh.t AND x."branchId" = sh.owner
      GROUP BY sh.t, sh.unit_id, x."month"
      ORDER BY 2, 3
      ON CONFLICT ("tenantId", "unitId", "month") DO UPDATE SET
        "meetings" = s."meetings" + EXCLUDED."meetings", "meetingsHeld" = s."meetingsHeld" + EXCLUDED."meetingsHeld",
        "regularBranches" = s."regularBranches" + EXCLUDED."regularBranches",
        "regularStreakBranches" = s."regularStreakBranches" + EXCLUDED."regularStreakBranches",
        "thematicHeld" = s."thematicHeld" + EXCLUDED."thematicHeld",
        "thematicBranches" = s."thematicBranches" + EXCLUDED."thematicBranches",
        "thematicStreakBranches" = s."thematicStreakBranches" + EXCLUDED."thematicStreakBranches",
        "present" = s."present" + EXCLUDED."present",
        "attendanceDenominator" = s."attendanceDenominator" + EXCLUDED."attendanceDenominator",
        "absentExcused" = s."absentExcused" + EXCLUDED."absentExcused",
        "absentUnexcused" = s."absentUnexcused" + EXCLUDED."absentUnexcused",
        "levelGood" = s."levelGood" + EXCLUDED."levelGood", "levelFair" = s."levelFair" + EXCLUDED."levelFair",
        "levelAverage" = s."levelAverage" + EXCLUDED."levelAverage", "levelPoor" = s."levelPoor" + EXCLUDED."levelPoor",
        "awaitingScore" = s."awaitingScore" + EXCLUDED."awaitingScore",
        "awaitingReview" = s."awaitingReview" + EXCLUDED."awaitingReview",
        "recordsDue" = s."recordsDue" + EXCLUDED."recordsDue",
        "resolutionsOnTime" = s."resolutionsOnTime" + EXCLUDED."resolutionsOnTime",
        "minutesOnTime" = s."minutesOnTime" + EXCLUDED."minutesOnTime",
        "visits" = s."visits" + EXCLUDED."visits", "visitedBranches" = s."visitedBranches" + EXCLUDED."visitedBranches",
        "visitedYearBranches" = s."visitedYearBranches" + EXCLUDED."visitedYearBranches";

      WITH moved AS (
        SELECT n."tenantId" AS t, n."id" AS unit_id, app_path_ids(o."path") AS old_ids, app_path_ids(n."path") AS new_ids
        FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE o."path" <> n."path"
      ),
      own AS (
        SELECT mv.t, mv.unit_id, mv.old_ids, mv.new_ids, count(m."id") AS members, count(m."id") FILTER (WHERE m."status" = 'OFFICIAL') AS officials
        FROM moved mv JOIN "Member" m ON m."tenantId" = mv.t AND m."branchId" = mv.unit_id AND m."endedOn" IS NULL
        GROUP BY mv.t, mv.unit_id, mv.old_ids, mv.new_ids
      ),
      shift AS (
        SELECT o.t, a.unit_id, -o.members AS members, -o.officials AS officials FROM own o CROSS JOIN LATERAL unnest(o.old_ids) AS a(unit_id)
        WHERE NOT (a.unit_id = ANY (o.new_ids))
        UNION ALL
        SELECT o.t, a.unit_id, o.members, o.officials FROM own o CROSS JOIN LATERAL unnest(o.new_ids) AS a(unit_id)
        WHERE NOT (a.unit_id = ANY (o.old_ids))
      )
      INSERT INTO "UnitMemberStats" AS s ("tenantId", "unitId", "members", "officials")
      SELECT sh.t, sh.unit_id, sum(sh.members), sum(sh.officials) FROM shift sh GROUP BY sh.t, sh.unit_id ORDER BY 2
      ON CONFLICT ("tenantId", "unitId") DO UPDATE SET
        "members" = s."members" + EXCLUDED."members", "officials" = s."officials" + EXCLUDED."officials";

      SELECT array_agg(z.t), array_agg(z.u) INTO z_tenants, z_units
      FROM (SELECT DISTINCT o."tenantId" AS t, a.unit_id AS u FROM old_rows o CROSS JOIN LATERAL unnest(app_path_ids(o."path")) AS a(unit_id)) z;
      PERFORM app_dashboard_prune(z_tenants, z_units);
    END IF;

    SELECT array_agg(k.t), array_agg(k.b), array_agg(k.y) INTO t, b, y
    FROM (
      SELECT DISTINCT s."tenantId" AS t, s."branchId" AS b, extract(year FROM s."month")::integer AS y
      FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
      JOIN "BranchMonthStats" s ON s."tenantId" = n."tenantId" AND s."branchId" = n."id"
      WHERE o."activeFrom" <> n."activeFrom"
    ) k;
    PERFORM app_dashboard_refresh(t, b, y);
    RETURN NULL;
  END
  $$;

-- A change of meeting.postMeetingPostHours re-reads "filed within" for the branch-years it covers
-- (rows of the setting's scope, in the months of its period).
CREATE FUNCTION app_dashboard_setting_refresh(p_tenants uuid[], p_scopes uuid[], p_from date[], p_to date[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    b uuid[];
    y integer[];
  BEGIN
    IF coalesce(cardinality(p_tenants), 0) = 0 THEN
      RETURN;
    END IF;
    SELECT array_agg(k.t), array_agg(k.b), array_agg(k.y) INTO t, b, y
    FROM (
      SELECT DISTINCT s."tenantId" AS t, s."branchId" AS b, extract(year FROM s."month")::integer AS y
      FROM unnest(p_tenants, p_scopes, p_from, p_to) AS c(tenant_id, scope_id, from_day, to_day)
      LEFT JOIN "OrgUnit" scope ON scope."tenantId" = c.tenant_id AND scope."id" = c.scope_id
      JOIN "BranchMonthStats" s ON s."tenantId" = c.tenant_id
        AND s."month" >= date_trunc('month', c.from_day)::date
        AND (c.to_day IS NULL OR s."month" <= c.to_day)
      JOIN "OrgUnit" u ON u."tenantId" = s."tenantId" AND u."id" = s."branchId"
      WHERE s."recordsDue" > 0 AND (scope."path" IS NULL OR left(u."path", length(scope."path")) = scope."path")
    ) k;
    PERFORM app_dashboard_refresh(t, b, y);
  END
  $$;

CREATE FUNCTION app_dashboard_setting_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    s uuid[];
    f date[];
    e date[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(n."tenantId"), array_agg(n."scopeUnitId"), array_agg(n."effectiveFrom"), array_agg(n."effectiveTo") INTO t, s, f, e
      FROM new_rows n WHERE n."key" = 'meeting.postMeetingPostHours';
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(o."tenantId"), array_agg(o."scopeUnitId"), array_agg(o."effectiveFrom"), array_agg(o."effectiveTo") INTO t, s, f, e
      FROM old_rows o WHERE o."key" = 'meeting.postMeetingPostHours';
    ELSE
      SELECT array_agg(c.t), array_agg(c.s), array_agg(c.f), array_agg(c.e) INTO t, s, f, e
      FROM (
        SELECT n."tenantId" AS t, n."scopeUnitId" AS s, n."effectiveFrom" AS f, n."effectiveTo" AS e FROM new_rows n WHERE n."key" = 'meeting.postMeetingPostHours'
        UNION ALL
        SELECT o."tenantId", o."scopeUnitId", o."effectiveFrom", o."effectiveTo" FROM old_rows o WHERE o."key" = 'meeting.postMeetingPostHours'
      ) c;
    END IF;
    PERFORM app_dashboard_setting_refresh(t, s, f, e);
    RETURN NULL;
  END
  $$;

CREATE TRIGGER "Meeting_dashboard_insert" AFTER INSERT ON "Meeting" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_meeting_changed();
CREATE TRIGGER "Meeting_dashboard_update" AFTER UPDATE ON "Meeting" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_meeting_changed();
CREATE TRIGGER "Meeting_dashboard_delete" AFTER DELETE ON "Meeting" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_meeting_changed();

CREATE TRIGGER "Attendance_dashboard_insert" AFTER INSERT ON "Attendance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_attendance_changed();
CREATE TRIGGER "Attendance_dashboard_update" AFTER UPDATE ON "Attendance" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_attendance_changed();
CREATE TRIGGER "Attendance_dashboard_delete" AFTER DELETE ON "Attendance" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_attendance_changed();

CREATE TRIGGER "Scorecard_dashboard_insert" AFTER INSERT ON "Scorecard" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_scorecard_changed();
CREATE TRIGGER "Scorecard_dashboard_update" AFTER UPDATE ON "Scorecard" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_scorecard_changed();
CREATE TRIGGER "Scorecard_dashboard_delete" AFTER DELETE ON "Scorecard" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_scorecard_changed();

CREATE TRIGGER "Minutes_dashboard_insert" AFTER INSERT ON "Minutes" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();
CREATE TRIGGER "Minutes_dashboard_update" AFTER UPDATE ON "Minutes" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();
CREATE TRIGGER "Minutes_dashboard_delete" AFTER DELETE ON "Minutes" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();

CREATE TRIGGER "Resolution_dashboard_insert" AFTER INSERT ON "Resolution" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();
CREATE TRIGGER "Resolution_dashboard_update" AFTER UPDATE ON "Resolution" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();
CREATE TRIGGER "Resolution_dashboard_delete" AFTER DELETE ON "Resolution" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();

CREATE TRIGGER "MeetingDocument_dashboard_insert" AFTER INSERT ON "MeetingDocument" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();
CREATE TRIGGER "MeetingDocument_dashboard_update" AFTER UPDATE ON "MeetingDocument" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();
CREATE TRIGGER "MeetingDocument_dashboard_delete" AFTER DELETE ON "MeetingDocument" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_filing_changed();

CREATE TRIGGER "Member_dashboard_insert" AFTER INSERT ON "Member" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_member_changed();
CREATE TRIGGER "Member_dashboard_update" AFTER UPDATE ON "Member" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_member_changed();
CREATE TRIGGER "Member_dashboard_delete" AFTER DELETE ON "Member" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_member_changed();

CREATE TRIGGER "OrgUnit_dashboard_update" AFTER UPDATE ON "OrgUnit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_unit_changed();
CREATE TRIGGER "OrgUnit_dashboard_delete" AFTER DELETE ON "OrgUnit" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_unit_changed();

CREATE TRIGGER "Setting_dashboard_insert" AFTER INSERT ON "Setting" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_setting_changed();
CREATE TRIGGER "Setting_dashboard_update" AFTER UPDATE ON "Setting" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_setting_changed();
CREATE TRIGGER "Setting_dashboard_delete" AFTER DELETE ON "Setting" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_setting_changed();

-- ─── Backfill ───────────────────────────────────────────────────────────────────────────────────

-- Existing data (migrations run as the owner, who bypasses RLS): one refresh per tenant, and the
-- current roll per subtree.
SELECT app_dashboard_refresh(k.tenants, k.branches, k.years)
FROM "Tenant" tn CROSS JOIN LATERAL app_dashboard_all_keys(tn."id") k
WHERE k.tenants IS NOT NULL;

INSERT INTO "UnitMemberStats" ("tenantId", "unitId", "members", "officials")
SELECT m."tenantId", a.unit_id, count(*), count(*) FILTER (WHERE m."status" = 'OFFICIAL')
FROM "Member" m
JOIN "OrgUnit" u ON u."tenantId" = m."tenantId" AND u."id" = m."branchId"
CROSS JOIN LATERAL unnest(app_path_ids(u."path")) AS a(unit_id)
WHERE m."endedOn" IS NULL
GROUP BY m."tenantId", a.unit_id;

-- The refreshes run one large statement whose inputs are arrays: a plan made for their real length
-- (an index lookup for one branch, hash joins for twelve thousand) instead of the cached generic
-- plan, which would assume a handful of rows and loop quadratically over a bulk change.
ALTER FUNCTION app_dashboard_refresh(uuid[], uuid[], integer[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION app_dashboard_member_apply(uuid[], uuid[], bigint[], bigint[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION app_dashboard_setting_refresh(uuid[], uuid[], date[], date[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION app_dashboard_unit_changed() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION app_dashboard_recount(uuid) SET plan_cache_mode = force_custom_plan;

-- ─── Grants and row-level security ──────────────────────────────────────────────────────────────

-- The application never writes the statistics itself, but the triggers run with its rights.
GRANT SELECT, INSERT, UPDATE, DELETE ON "BranchMonthStats", "UnitMonthStats", "UnitMemberStats" TO sosh_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "DashboardTarget" TO sosh_app;
GRANT EXECUTE ON FUNCTION
  app_vn_month(timestamptz), app_vn_day(timestamptz), app_vn_year(timestamptz), app_path_ids(text),
  app_meeting_held("MeetingState"), app_effective_source("MeetingState", "Level", "Level", "Level"),
  app_effective_level("MeetingState", "Level", "Level", "Level"),
  app_setting_int(uuid, text, text, date, integer, integer, integer), app_filed_within(timestamptz, timestamptz, integer),
  app_dashboard_meeting_visits(uuid, uuid), app_dashboard_compute(uuid[], uuid[], integer[]), app_dashboard_prune(uuid[], uuid[]),
  app_dashboard_lock(uuid[], uuid[]), app_dashboard_refresh(uuid[], uuid[], integer[]),
  app_dashboard_all_keys(uuid), app_dashboard_recount(uuid),
  app_dashboard_refresh_meetings(uuid[], uuid[], text), app_dashboard_member_apply(uuid[], uuid[], bigint[], bigint[]),
  app_dashboard_setting_refresh(uuid[], uuid[], date[], date[])
  TO sosh_app;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['BranchMonthStats', 'UnitMonthStats', 'UnitMemberStats', 'DashboardTarget']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant())', t);
  END LOOP;
END
$$;
