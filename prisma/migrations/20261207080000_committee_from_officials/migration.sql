-- Issue 14: whether a branch has a chi ủy follows its official members on the meeting day (SPEC §1.1:
-- ≥ 9 official members elect one), computed by lib/org/committee.ts. The old checkbox becomes a
-- manual decision that overrides the rule, with its reason: NULL means "follow the rule".
ALTER TABLE "OrgUnit" ALTER COLUMN "hasCommittee" DROP NOT NULL;
ALTER TABLE "OrgUnit" ALTER COLUMN "hasCommittee" DROP DEFAULT;
ALTER TABLE "OrgUnit" ADD COLUMN "committeeReason" TEXT;

-- Keep existing data meaningful: where the checkbox agrees with today's count of official members
-- (or the unit is not a branch) it becomes "follow the rule"; where it disagrees, the ticked (or
-- unticked) box stays as a manual decision, with this migration's explanation as its reason.
WITH officials AS (
  SELECT u."tenantId", u."id",
         (SELECT count(*) FROM "BranchMembership" bm
            JOIN "Member" m ON m."tenantId" = bm."tenantId" AND m."id" = bm."memberId"
           WHERE bm."tenantId" = u."tenantId" AND bm."branchId" = u."id"
             AND bm."validFrom" <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
             AND (bm."validTo" IS NULL OR bm."validTo" >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
             AND (m."endedOn" IS NULL OR m."endedOn" >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
             AND m."officialOn" IS NOT NULL AND m."officialOn" <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS n
  FROM "OrgUnit" u
)
UPDATE "OrgUnit" u SET
  "hasCommittee" = CASE
    WHEN u."kind" NOT IN ('BRANCH', 'GRASSROOTS_BRANCH') THEN NULL
    WHEN u."hasCommittee" = (o.n >= 9) THEN NULL
    ELSE u."hasCommittee" END,
  "committeeReason" = CASE
    WHEN u."kind" NOT IN ('BRANCH', 'GRASSROOTS_BRANCH') THEN NULL
    WHEN u."hasCommittee" = (o.n >= 9) THEN NULL
    WHEN u."hasCommittee" THEN 'Chuyển từ ô "Chi bộ có chi ủy" đã đánh dấu trước đây, khi chi bộ có ' || o.n || ' đảng viên chính thức (dưới 9). Xem lại và bỏ nếu không còn đúng.'
    ELSE 'Chuyển từ ô "Chi bộ có chi ủy" chưa đánh dấu trước đây, khi chi bộ có ' || o.n || ' đảng viên chính thức (từ 9 trở lên). Xem lại và bỏ nếu không còn đúng.' END
FROM officials o
WHERE o."tenantId" = u."tenantId" AND o."id" = u."id";
