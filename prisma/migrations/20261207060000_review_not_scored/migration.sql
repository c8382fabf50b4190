-- A branch's year-end review meeting (kind REVIEW, issue 16) is recorded like any meeting but is
-- not scored on a monthly frame (HD 42 and its peers score the monthly meetings; the review's outcome
-- is the classification). Until now it stayed "awaiting a score" on every dashboard for good.
-- app_dashboard_compute is the function of 20261207020000_extraordinary_not_scored with the one
-- change marked below; the branch-years that hold a review meeting are recounted.

CREATE OR REPLACE FUNCTION app_dashboard_compute(p_tenants uuid[], p_branches uuid[], p_years integer[])
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
             -- A review meeting (year-end classification) is never scored on a monthly frame, and an
             -- extraordinary one only when the setting says so: neither waits for a score otherwise.
             (m."kind" = 'REVIEW' OR (m."kind" = 'EXTRAORDINARY' AND NOT app_setting_bool(m."tenantId", 'scoring.scoreExtraordinary', u."path", app_vn_day(coalesce(m."actualStart", m."plannedStart")), false))) AS not_scored,
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
             count(*) FILTER (WHERE p.held AND p.level IS NULL AND NOT p.not_scored)::integer AS awaiting_score,
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

SELECT app_dashboard_refresh(k.t, k.b, k.y)
FROM (
  SELECT array_agg(x.t) AS t, array_agg(x.b) AS b, array_agg(x.y) AS y
  FROM (
    SELECT DISTINCT m."tenantId" AS t, m."branchId" AS b, app_vn_year(coalesce(m."actualStart", m."plannedStart")) AS y
    FROM "Meeting" m WHERE m."kind" = 'REVIEW'
  ) x
) k
WHERE k.t IS NOT NULL;
