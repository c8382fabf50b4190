-- Roster: accent-insensitive member search, Vietnamese name order, members leaving the roll,
-- org unit merges, QĐ 213 residence links, roster imports, and history that cannot overlap.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateEnum
CREATE TYPE "MemberEndReason" AS ENUM ('TRANSFERRED_OUT', 'DECEASED', 'STRUCK_OFF', 'EXPELLED');
CREATE TYPE "ImportStatus" AS ENUM ('VALIDATED', 'APPLIED');
CREATE TYPE "ImportFormat" AS ENUM ('CSV', 'XLSX');

-- Folds Vietnamese text for search: no diacritics, đ → d, lower case, single spaces. Written with
-- translate() so it is IMMUTABLE (usable in generated columns) and independent of the locale;
-- lib/org/search.ts folds queries the same way (a test keeps the two equal).
CREATE FUNCTION app_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT btrim(regexp_replace(lower(translate(value,
      'ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ',
      'AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYDaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd')),
      '\s+', ' ', 'g'))
  $$;
GRANT EXECUTE ON FUNCTION app_fold(text) TO sosh_app;

-- AlterTable
ALTER TABLE "OrgUnit" ADD COLUMN "closeReason" TEXT,
ADD COLUMN "mergedIntoId" UUID;

ALTER TABLE "Member" ADD COLUMN "endReason" "MemberEndReason",
ADD COLUMN "endedOn" DATE,
ADD COLUMN "searchName" TEXT NOT NULL GENERATED ALWAYS AS (app_fold("fullName")) STORED,
-- Vietnamese lists are ordered by the given name (the last word), then the whole name.
ADD COLUMN "sortKey" TEXT NOT NULL GENERATED ALWAYS AS (app_fold(regexp_replace("fullName", '^.*\s', '')) || ' ' || app_fold("fullName")) STORED,
ADD CONSTRAINT "Member_end_check" CHECK (("endedOn" IS NULL) = ("endReason" IS NULL));

-- CreateTable
CREATE TABLE "ResidenceLink" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "residenceBranchId" UUID,
    "residenceBranchName" TEXT,
    "address" TEXT,
    "fromDate" DATE NOT NULL,
    "toDate" DATE,
    "exempt" BOOLEAN NOT NULL DEFAULT false,
    "exemptReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "ResidenceLink_pkey" PRIMARY KEY ("tenantId","id"),
    CONSTRAINT "ResidenceLink_range_check" CHECK ("toDate" IS NULL OR "toDate" >= "fromDate"),
    CONSTRAINT "ResidenceLink_branch_check" CHECK ("residenceBranchId" IS NOT NULL OR "residenceBranchName" IS NOT NULL)
);

CREATE TABLE "ResidenceComment" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "residenceLinkId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "comment" TEXT NOT NULL,
    "commentedBy" TEXT,
    "receivedOn" DATE NOT NULL,
    CONSTRAINT "ResidenceComment_pkey" PRIMARY KEY ("tenantId","id")
);

CREATE TABLE "MemberImport" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "scopeUnitId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "format" "ImportFormat" NOT NULL,
    "content" BYTEA NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "createCount" INTEGER NOT NULL,
    "updateCount" INTEGER NOT NULL,
    "unchangedCount" INTEGER NOT NULL,
    "errorCount" INTEGER NOT NULL,
    "report" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMPTZ(3),
    CONSTRAINT "MemberImport_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
DROP INDEX "Member_tenantId_branchId_idx";
CREATE INDEX "Member_tenantId_branchId_sortKey_idx" ON "Member"("tenantId", "branchId", "sortKey");
CREATE INDEX "Member_tenantId_sortKey_id_idx" ON "Member"("tenantId", "sortKey", "id");
CREATE INDEX "Member_searchName_trgm_idx" ON "Member" USING gin ("searchName" gin_trgm_ops);
CREATE INDEX "ResidenceLink_tenantId_memberId_idx" ON "ResidenceLink"("tenantId", "memberId");
CREATE INDEX "ResidenceLink_tenantId_residenceBranchId_idx" ON "ResidenceLink"("tenantId", "residenceBranchId");
CREATE UNIQUE INDEX "ResidenceComment_tenantId_residenceLinkId_year_key" ON "ResidenceComment"("tenantId", "residenceLinkId", "year");
CREATE INDEX "MemberImport_tenantId_createdAt_idx" ON "MemberImport"("tenantId", "createdAt");

-- History that cannot overlap (all end dates are inclusive last days):
-- one branch at a time per member, and one bí thư at a time per org unit.
ALTER TABLE "BranchMembership" ADD CONSTRAINT "BranchMembership_no_overlap"
  EXCLUDE USING gist ("tenantId" WITH =, "memberId" WITH =, daterange("validFrom", "validTo", '[]') WITH &&);
ALTER TABLE "Position" ADD CONSTRAINT "Position_one_secretary"
  EXCLUDE USING gist ("tenantId" WITH =, "orgUnitId" WITH =, daterange("termFrom", "termTo", '[]') WITH &&)
  WHERE ("kind" = 'SECRETARY');

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_tenantId_mergedIntoId_fkey" FOREIGN KEY ("tenantId", "mergedIntoId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ResidenceLink" ADD CONSTRAINT "ResidenceLink_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ResidenceLink" ADD CONSTRAINT "ResidenceLink_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ResidenceLink" ADD CONSTRAINT "ResidenceLink_tenantId_residenceBranchId_fkey" FOREIGN KEY ("tenantId", "residenceBranchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ResidenceComment" ADD CONSTRAINT "ResidenceComment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ResidenceComment" ADD CONSTRAINT "ResidenceComment_tenantId_residenceLinkId_fkey" FOREIGN KEY ("tenantId", "residenceLinkId") REFERENCES "ResidenceLink"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "MemberImport" ADD CONSTRAINT "MemberImport_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "MemberImport" ADD CONSTRAINT "MemberImport_tenantId_createdById_fkey" FOREIGN KEY ("tenantId", "createdById") REFERENCES "User"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Grants and row-level security for the new tenant tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON "ResidenceLink", "ResidenceComment", "MemberImport" TO sosh_app;
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['ResidenceLink', 'ResidenceComment', 'MemberImport']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant())', t);
  END LOOP;
END
$$;
