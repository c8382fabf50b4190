// The sample files shipped for the end-to-end happy path import cleanly into the demo tenant:
// 30 new members, no errors, in CSV and in XLSX (title row above the header, real date cells).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { dryRunImport } from "@/lib/org/roster-import";
import { ownerDb } from "@/tests/fixtures/db";

let quantri: Principal;

// The demo tenant is in every file's database (seeded once per run into the template).
beforeAll(async () => {
  const user = await ownerDb().user.findUniqueOrThrow({
    where: { username: "quantri" },
    select: { id: true, tenantId: true, roleGrants: { select: { role: true, orgUnitId: true, orgUnit: { select: { path: true } } } } },
  });
  quantri = { id: user.id, tenantId: user.tenantId, grants: user.roleGrants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, path: g.orgUnit.path })) };
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

test.each(["csv", "xlsx"])("roster-import-sample.%s is 30 valid new members of the demo tenant", async (extension) => {
  const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/roster-import-sample.${extension}`, import.meta.url)));
  const result = await dryRunImport(quantri, { fileName: `roster-import-sample.${extension}`, bytes });
  expect(result.report.issues).toEqual([]);
  expect(result).toMatchObject({ rowCount: 30, createCount: 30, updateCount: 0, unchangedCount: 0, errorCount: 0 });
  expect(result.report.creates[0]).toEqual({ row: extension === "csv" ? 2 : 3, fullName: "Nguyễn Thị Thanh Hương", branch: "Chi bộ Phòng Ngân sách" });
});
