// Issue 14 item 6: a year of đảng phí months for the branch the demo secretary ("bithu") records,
// so the dues grid and the meeting page's "Tình hình nộp đảng phí" have something to show: every
// member paid every month of the year before asOf's month, except two — one a month behind, one
// three months behind without reason (the Art. 8.1 flag). Deterministic (no random draws), so the
// rest of the demo is unchanged.
import { randomUUID } from "node:crypto";
import { withTenant } from "@/lib/db/tenant";
import type { DuesStatus } from "@/lib/generated/prisma/enums";
import type { TenantDataset } from "./demo-data";

export async function seedDemoDues(data: TenantDataset, asOf: Date): Promise<number> {
  const secretaryUser = data.users.find((u) => u.username === "bithu");
  const grant = secretaryUser && data.roleGrants.find((g) => g.userId === secretaryUser.id && g.role === "RECORDER");
  if (!grant) return 0;
  const year = asOf.getUTCFullYear();
  const months = Array.from({ length: asOf.getUTCMonth() }, (_, i) => new Date(Date.UTC(year, i, 1)));
  const last = (month: Date) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0));
  // Members behind demo accounts keep a clean record (as in the demo meetings): they are never the ones behind.
  const withAccount = new Set(data.users.map((u) => u.memberId).filter(Boolean));
  const all = [...new Set(data.branchMemberships.filter((m) => m.branchId === grant.orgUnitId).map((m) => m.memberId))];
  const members = [...all.filter((id) => withAccount.has(id)), ...all.filter((id) => !withAccount.has(id))];
  const behindAt = new Set([withAccount.size + 2, withAccount.size + 4]);
  const rows: { tenantId: string; id: string; memberId: string; branchId: string; month: Date; status: DuesStatus }[] = [];
  members.forEach((memberId, index) => {
    for (const month of months) {
      const on = data.branchMemberships.some(
        (m) => m.memberId === memberId && m.branchId === grant.orgUnitId && m.validFrom.getTime() <= last(month).getTime() && (m.validTo === null || m.validTo.getTime() >= month.getTime()),
      );
      if (!on) continue;
      const behind = months.length - 1 - months.indexOf(month); // 0 = last month
      const status: DuesStatus =
        behindAt.has(index) && ((index === withAccount.size + 2 && behind < 3) || (index === withAccount.size + 4 && behind === 0)) ? "UNPAID" : "PAID";
      rows.push({ tenantId: data.tenant.id, id: randomUUID(), memberId, branchId: grant.orgUnitId, month, status });
    }
  });
  if (rows.length === 0) return 0;
  await withTenant(data.tenant.id, (tx) => tx.duesMonth.createMany({ data: rows }));
  return rows.length;
}
