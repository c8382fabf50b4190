-- Dashboard (issue 7), part two: superior-committee visits (OverseerVisit, migration
-- 20261122010000_oversight) in the monthly aggregates. Kept apart so that the dashboard's own
-- migration does not depend on the oversight tables.
--
-- A visit covers a branch as lib/oversight/coverage.ts says: attended, and not waiting for or
-- refused approval (NOT_NEEDED or APPROVED). It belongs to the branch and month of its meeting.

CREATE OR REPLACE FUNCTION app_dashboard_meeting_visits(p_tenant uuid, p_meeting uuid) RETURNS integer
  LANGUAGE sql STABLE
  AS $$
    SELECT count(*)::integer FROM "OverseerVisit" v
    WHERE v."tenantId" = p_tenant AND v."meetingId" = p_meeting
      AND v."status" = 'ATTENDED' AND v."approval" IN ('NOT_NEEDED', 'APPROVED')
  $$;

-- Visits: a visit recorded, approved, refused, moved to another meeting or deleted.
CREATE FUNCTION app_dashboard_visit_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    t uuid[];
    m uuid[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT DISTINCT n."tenantId" AS t, n."meetingId" AS m FROM new_rows n WHERE n."status" = 'ATTENDED'
      ) k;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT DISTINCT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o WHERE o."status" = 'ATTENDED'
      ) k;
    ELSE
      SELECT array_agg(k.t), array_agg(k.m) INTO t, m FROM (
        SELECT o."tenantId" AS t, o."meetingId" AS m FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."status", o."approval") IS DISTINCT FROM (n."meetingId", n."status", n."approval")
        UNION
        SELECT n."tenantId", n."meetingId" FROM old_rows o JOIN new_rows n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
        WHERE (o."meetingId", o."status", o."approval") IS DISTINCT FROM (n."meetingId", n."status", n."approval")
      ) k;
    END IF;
    PERFORM app_dashboard_refresh_meetings(t, m);
    RETURN NULL;
  END
  $$;
GRANT EXECUTE ON FUNCTION app_dashboard_visit_changed() TO sosh_app;

CREATE TRIGGER "OverseerVisit_dashboard_insert" AFTER INSERT ON "OverseerVisit" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_visit_changed();
CREATE TRIGGER "OverseerVisit_dashboard_update" AFTER UPDATE ON "OverseerVisit" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_visit_changed();
CREATE TRIGGER "OverseerVisit_dashboard_delete" AFTER DELETE ON "OverseerVisit" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_visit_changed();

-- Visits already recorded: recount the branch-years that have any.
SELECT app_dashboard_refresh(k.tenants, k.branches, k.years)
FROM (
  SELECT array_agg(x.t) AS tenants, array_agg(x.b) AS branches, array_agg(x.y) AS years
  FROM (
    SELECT DISTINCT m."tenantId" AS t, m."branchId" AS b, app_vn_year(coalesce(m."actualStart", m."plannedStart")) AS y
    FROM "OverseerVisit" v JOIN "Meeting" m ON m."tenantId" = v."tenantId" AND m."id" = v."meetingId"
  ) x
) k
WHERE k.tenants IS NOT NULL;
