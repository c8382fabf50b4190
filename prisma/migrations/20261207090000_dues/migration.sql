-- Issue 14 item 6: dues status (đảng phí) per member per month: paid, not paid or exempt, entered by
-- the secretary on the branch's month grid or imported (SPEC §7; payments stay on the state portal).
-- Feeds the dues half of Charter Art. 8.1 (three unpaid months in a year without good reason).
CREATE TYPE "DuesStatus" AS ENUM ('PAID', 'UNPAID', 'EXEMPT');

-- CreateTable
CREATE TABLE "DuesMonth" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "branchId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "status" "DuesStatus" NOT NULL,
    "goodReason" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DuesMonth_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "DuesMonth_tenantId_branchId_month_idx" ON "DuesMonth"("tenantId", "branchId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "DuesMonth_tenantId_memberId_month_key" ON "DuesMonth"("tenantId", "memberId", "month");

-- AddForeignKey
ALTER TABLE "DuesMonth" ADD CONSTRAINT "DuesMonth_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuesMonth" ADD CONSTRAINT "DuesMonth_tenantId_memberId_fkey" FOREIGN KEY ("tenantId", "memberId") REFERENCES "Member"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuesMonth" ADD CONSTRAINT "DuesMonth_tenantId_branchId_fkey" FOREIGN KEY ("tenantId", "branchId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "DuesMonth" ADD CONSTRAINT "DuesMonth_month_check" CHECK (EXTRACT(DAY FROM "month") = 1);

-- Grants and row-level security, as every tenant table.
-- DELETE: clearing a month the secretary marked by mistake (audited like every change).
GRANT SELECT, INSERT, UPDATE, DELETE ON "DuesMonth" TO sosh_app;
ALTER TABLE "DuesMonth" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DuesMonth" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "DuesMonth" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
