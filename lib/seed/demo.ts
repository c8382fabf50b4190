// Loads the demo tenants (code "demo", and the small "demo-b" used by isolation tests). Idempotent:
// a tenant whose code already exists is left alone. The rows come from the pure generator in
// demo-data.ts; this file only inserts them, in bulk, one transaction per tenant.
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError } from "@/lib/errors";
import { recordTenantCreation } from "@/lib/org/tenants";
import { isUniqueViolation } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { insertRows } from "@/lib/seed/bulk";
import {
  DEMO_PASSWORD,
  DEMO_TENANT_CODE,
  generateDemoBTenant,
  generateDemoTenant,
  todayUtc,
  type TenantDataset,
} from "@/lib/seed/demo-data";
import { generateDemoMeetings, insertDemoMeetings, writeDemoFiles, type DemoMeetingDataset } from "@/lib/seed/demo-meetings";
import { seedDemoScorecards, type DemoScoreUsers } from "@/lib/seed/demo-scores";
import { seedDemoOversight } from "@/lib/seed/demo-oversight";
import { seedDemoClassification } from "@/lib/seed/demo-classification";
import { seedDemoDues } from "@/lib/seed/demo-dues";

export {
  DEMO_ACCOUNTS,
  DEMO_B_TENANT_CODE,
  DEMO_B_TENANT_NAME,
  DEMO_PASSWORD,
  DEMO_TENANT_CODE,
  DEMO_TENANT_NAME,
  DEMO_UNITS,
  type DemoUsername,
} from "@/lib/seed/demo-data";

export interface SeedDemoOptions {
  log?: (line: string) => void;
  /** The day the demo is generated for (default: today). Tests pin it. */
  asOf?: Date;
}

/** Bulk inserts of ~3,000 rows need more than a request's transaction budget. */
const SEED_TIMEOUT_MS = 120_000;

/** Inserts one tenant's dataset; false when a tenant with the same code already exists. */
async function insertDataset(data: TenantDataset, passwordHash: string, meetings?: DemoMeetingDataset): Promise<boolean> {
  const admin = data.users.find((user) => user.id === data.adminUserId);
  const adminGrant = data.roleGrants.find((grant) => grant.id === data.adminGrantId);
  const root = data.orgUnits.find((unit) => unit.id === data.rootUnitId);
  if (!admin || !adminGrant || !root) throw new Error("demo data: missing root unit or administrator");

  try {
    await withTenant(
      data.tenant.id,
      async (tx) => {
        // First statement: if the code is taken, the unique index stops us before any bulk work.
        await tx.tenant.create({ data: data.tenant, select: { id: true } });
        // One statement per table (lib/seed/bulk.ts), parents first; OrgUnit, Member and User carry
        // Prisma's @updatedAt, which the client (not the database) fills.
        const stamp = new Date();
        // The chi ủy follows the official members on each meeting day (lib/org/committee.ts): the
        // demo's branches make no manual decision, so the seed's own count stays out of the table.
        await insertRows(tx, "OrgUnit", data.orgUnits.map(({ hasCommittee: _counted, ...unit }) => unit), { updatedAt: stamp });
        await insertRows(tx, "Member", data.members, { updatedAt: stamp });
        await insertRows(tx, "BranchMembership", data.branchMemberships);
        await insertRows(tx, "Position", data.positions);
        await insertRows(tx, "Exemption", data.exemptions);
        await insertRows(tx, "TemporaryTransfer", data.temporaryTransfers);
        await insertRows(tx, "Suspension", data.suspensions);
        await insertRows(tx, "ResidenceLink", data.residenceLinks);
        await insertRows(tx, "ResidenceComment", data.residenceComments);
        await insertRows(tx, "User", data.users.map((user) => ({ ...user, passwordHash })), { updatedAt: stamp });
        await insertRows(tx, "RoleGrant", data.roleGrants);
        if (meetings) await insertDemoMeetings(tx, meetings);

        // Audit: the tenant's creation (as createTenant records it) plus one summary entry for the
        // bulk load. One audit row per seeded member would bury the real trail under ~3,000 rows
        // that nobody did.
        await recordTenantCreation(tx, {
          tenant: data.tenant,
          rootUnit: { id: root.id, kind: root.kind, name: root.name, path: root.path, activeFrom: root.activeFrom },
          adminUser: admin,
          roleGrant: adminGrant,
        });
        await recordAudit(tx, {
          tenantId: data.tenant.id,
          actorUserId: null,
          action: "tenant.seedDemo",
          entityType: "Tenant",
          entityId: data.tenant.id,
          after: {
            orgUnits: data.orgUnits.length,
            members: data.members.length,
            branchMemberships: data.branchMemberships.length,
            positions: data.positions.length,
            exemptions: data.exemptions.length,
            temporaryTransfers: data.temporaryTransfers.length,
            suspensions: data.suspensions.length,
            residenceLinks: data.residenceLinks.length,
            residenceComments: data.residenceComments.length,
            users: data.users.length,
            roleGrants: data.roleGrants.length,
          },
        });
      },
      { timeout: SEED_TIMEOUT_MS },
    );
    return true;
  } catch (error) {
    if (isUniqueViolation(error, "Tenant_code_key")) return false;
    if (isUniqueViolation(error, "User_username_key")) {
      const usernames = data.users.map((user) => user.username).join(", ");
      throw new ConflictError(
        `Không nạp được dữ liệu mẫu "${data.tenant.code}": một trong các tên đăng nhập mẫu (${usernames}) đã được dùng ở đơn vị khác. Hãy đổi tên tài khoản đó rồi chạy lại.`,
      );
    }
    throw error;
  }
}

/** The demo accounts that act in the scoring workflow, with the units their grants cover. */
function scoreUsers(data: TenantDataset): DemoScoreUsers {
  const grantOf = (username: string, role: string) => {
    const user = data.users.find((u) => u.username === username);
    const grant = user && data.roleGrants.find((g) => g.userId === user.id && g.role === role);
    const unit = grant && data.orgUnits.find((u) => u.id === grant.orgUnitId);
    return user && unit ? { id: user.id, unit } : null;
  };
  const recorder = grantOf("bithu", "RECORDER");
  const overseer = grantOf("capuy", "OVERSEER");
  const reviewer = grantOf("bantochuc", "REVIEWER");
  return {
    recorder: recorder ? { id: recorder.id, branchId: recorder.unit.id } : null,
    overseer: overseer ? { id: overseer.id, path: overseer.unit.path } : null,
    reviewer: reviewer ? { id: reviewer.id } : null,
  };
}

function describe(data: TenantDataset): string {
  const count = (kinds: readonly string[]) => data.orgUnits.filter((unit) => kinds.includes(unit.kind)).length;
  const grassroots = count(["GRASSROOTS_COMMITTEE", "GRASSROOTS_BRANCH"]);
  const branches = count(["GRASSROOTS_BRANCH", "BRANCH"]);
  return [
    `${data.orgUnits.length} tổ chức đảng (${grassroots} tổ chức cơ sở đảng, ${branches} chi bộ)`,
    `${data.members.length} đảng viên`,
    `${data.users.length} tài khoản`,
  ].join(", ");
}

/**
 * Creates the demo tenants unless they exist. `created` is true when at least one was created.
 * All demo accounts use DEMO_PASSWORD and are not forced to change it.
 */
export async function seedDemo(options: SeedDemoOptions = {}): Promise<{ created: boolean }> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const asOf = todayUtc(options.asOf);
  // One argon2id hash shared by every demo account: hashing each would cost ~50 ms apiece.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = false;
  for (const generate of [generateDemoTenant, generateDemoBTenant]) {
    const data = generate({ asOf });
    // Twelve months of meetings for the main demo tenant (lib/seed/demo-meetings.ts).
    const meetings = data.tenant.code === DEMO_TENANT_CODE ? generateDemoMeetings(data, { asOf, newId: randomUUID, placeName: "Lâm Đồng" }) : undefined;
    if (await insertDataset(data, passwordHash, meetings)) {
      if (meetings) {
        await writeDemoFiles(meetings.files);
        const cards = await seedDemoScorecards(data.tenant.id, asOf, scoreUsers(data));
        log(`Phiếu chấm mẫu: ${Object.entries(cards).map(([state, n]) => `${state} ${n}`).join(", ")}.`);
        // Issue 6: assignments and a year of visits (after the scorecards, which some visits confirm).
        const visits = await seedDemoOversight(data.tenant.id, asOf, data);
        log(`Dự sinh hoạt mẫu: ${Object.entries(visits).map(([kind, n]) => `${kind} ${n}`).join(", ")}.`);
        log(await seedDemoClassification(data, asOf)); // Issue 16: the year-end classification under way.
        await seedDemoDues(data, asOf); // Issue 14: the secretary's branch has a year of dues months.
      }
      created = true;
      const meetingCount = meetings ? `, ${meetings.meetings.length} kỳ sinh hoạt trong 12 tháng` : "";
      log(`Đã tạo dữ liệu mẫu "${data.tenant.code}" (${data.tenant.name}): ${describe(data)}${meetingCount}.`);
    } else {
      log(`Dữ liệu mẫu "${data.tenant.code}" đã có, bỏ qua.`);
    }
  }
  if (created) {
    const ms = Math.round(performance.now() - started);
    log(`Nạp dữ liệu mẫu xong sau ${ms} ms. Mật khẩu các tài khoản mẫu: ${DEMO_PASSWORD}`);
  }
  return { created };
}
