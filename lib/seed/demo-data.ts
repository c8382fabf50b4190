// Pure generator for the demo tenants: returns plain rows and never touches the database, so it is
// unit-testable and fast. lib/seed/demo.ts inserts the rows. Everything random comes from a seeded
// PRNG, so the same `asOf` and id factory give the same data; dates are relative to `asOf` so that,
// for instance, probationary members are always within their 12 months.
import { randomUUID } from "node:crypto";
import type {
  Gender,
  MemberEndReason,
  MemberStatus,
  OrgUnitCategory,
  OrgUnitKind,
  PositionKind,
  Role,
} from "@/lib/generated/prisma/enums";
import { childPath, rootPath } from "@/lib/domain/org-path";
import { randomFullName } from "@/lib/seed/names";
import { createRandom, type Random } from "@/lib/seed/random";
import { addDays, addMonths, DAY_MS } from "@/lib/time/days";

export type IdFactory = () => string;

// ─── Rows (shaped for Prisma createMany) ────────────────────────────────────────────────────────

export interface TenantRow {
  id: string;
  code: string;
  name: string;
}

export interface OrgUnitRow {
  tenantId: string;
  id: string;
  parentId: string | null;
  kind: OrgUnitKind;
  category: OrgUnitCategory | null;
  name: string;
  code: string;
  path: string;
  depth: number;
  /** ≥ 9 official members when generated: the seed's own count, not stored (no manual decision; lib/org/committee.ts counts). */
  hasCommittee: boolean;
  activeFrom: Date;
}

export interface MemberRow {
  tenantId: string;
  id: string;
  branchId: string;
  fullName: string;
  gender: Gender;
  birthDate: Date;
  /** Cards are issued on becoming official, so probationary members have none. */
  partyCardNumber: string | null;
  admittedOn: Date;
  officialOn: Date | null;
  status: MemberStatus;
  ethnicity: string;
  occupation: string;
  /** Left the roll (history kept). */
  endedOn: Date | null;
  endReason: MemberEndReason | null;
}

export interface BranchMembershipRow {
  tenantId: string;
  id: string;
  memberId: string;
  branchId: string;
  validFrom: Date;
  validTo: Date | null;
  note: string | null;
}

export interface PositionRow {
  tenantId: string;
  id: string;
  memberId: string;
  orgUnitId: string;
  kind: PositionKind;
  termFrom: Date;
  termTo: Date | null;
}

export interface ExemptionRow {
  tenantId: string;
  id: string;
  memberId: string;
  fromDate: Date;
  toDate: Date | null;
  reason: string;
}

export interface TemporaryTransferRow {
  tenantId: string;
  id: string;
  memberId: string;
  hostBranchId: string | null;
  hostName: string | null;
  fromDate: Date;
  toDate: Date | null;
  reason: string;
}

/** QĐ 213: a working member's link to the branch where they live (inside the tenant or by name). */
export interface ResidenceLinkRow {
  tenantId: string;
  id: string;
  memberId: string;
  residenceBranchId: string | null;
  residenceBranchName: string | null;
  address: string;
  fromDate: Date;
  toDate: Date | null;
  exempt: boolean;
  exemptReason: string | null;
}

export interface ResidenceCommentRow {
  tenantId: string;
  id: string;
  residenceLinkId: string;
  year: number;
  comment: string;
  commentedBy: string;
  receivedOn: Date;
}

export interface SuspensionRow {
  tenantId: string;
  id: string;
  memberId: string;
  fromDate: Date;
  toDate: Date | null;
  reason: string;
}

/** A user without its password hash (the seed hashes once and adds it). */
export interface UserRow {
  tenantId: string;
  id: string;
  username: string;
  displayName: string;
  memberId: string | null;
  mustChangePassword: boolean;
}

export interface RoleGrantRow {
  tenantId: string;
  id: string;
  userId: string;
  role: Role;
  orgUnitId: string;
}

export interface TenantDataset {
  tenant: TenantRow;
  rootUnitId: string;
  /** The first TENANT_ADMIN and its grant: the subject of the tenant-creation audit entries. */
  adminUserId: string;
  adminGrantId: string;
  orgUnits: OrgUnitRow[];
  members: MemberRow[];
  branchMemberships: BranchMembershipRow[];
  positions: PositionRow[];
  exemptions: ExemptionRow[];
  temporaryTransfers: TemporaryTransferRow[];
  suspensions: SuspensionRow[];
  residenceLinks: ResidenceLinkRow[];
  residenceComments: ResidenceCommentRow[];
  users: UserRow[];
  roleGrants: RoleGrantRow[];
}

// ─── Public constants ───────────────────────────────────────────────────────────────────────────

export const DEMO_PASSWORD = "Demo@2026";
export const DEMO_TENANT_CODE = "demo";
export const DEMO_TENANT_NAME = "Đảng ủy Khối các cơ quan tỉnh (dữ liệu mẫu)";
export const DEMO_B_TENANT_CODE = "demo-b";
export const DEMO_B_TENANT_NAME = "Đảng bộ phường Mẫu B (dữ liệu mẫu)";

/** Org unit codes (OrgUnit.code) the demo accounts refer to. */
export const DEMO_UNITS = {
  root: { code: "DUK", name: "Đảng bộ Khối các cơ quan tỉnh" },
  agency: { code: "DUK-CQ", name: "Chi bộ cơ sở Cơ quan Đảng ủy Khối" },
  finance: { code: "STC", name: "Đảng bộ Sở Tài chính" },
  budgetBranch: { code: "STC-NS", name: "Chi bộ Phòng Ngân sách" },
  rootB: { code: "PMB", name: "Đảng bộ phường Mẫu B" },
  block1B: { code: "PMB-KP1", name: "Chi bộ Khu phố 1" },
} as const;

type DemoUnitKey = keyof typeof DEMO_UNITS;

export interface DemoAccount {
  tenantCode: string;
  grants: readonly { role: Role; unit: DemoUnitKey }[];
  /** Who the account belongs to, for READMEs and test names. */
  description: string;
}

/** Every demo account uses DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = {
  quantri: {
    tenantCode: DEMO_TENANT_CODE,
    grants: [{ role: "TENANT_ADMIN", unit: "root" }],
    description: "Quản trị hệ thống (chuyên viên Văn phòng Đảng ủy Khối), toàn Đảng bộ Khối",
  },
  bantochuc: {
    tenantCode: DEMO_TENANT_CODE,
    grants: [{ role: "REVIEWER", unit: "root" }],
    description: "Cán bộ Ban Tổ chức Đảng ủy Khối, thẩm định điểm toàn Đảng bộ Khối",
  },
  lanhdao: {
    tenantCode: DEMO_TENANT_CODE,
    grants: [{ role: "LEADER", unit: "root" }],
    description: "Bí thư Đảng ủy Khối, xem báo cáo toàn Đảng bộ Khối",
  },
  bithu: {
    tenantCode: DEMO_TENANT_CODE,
    grants: [
      { role: "RECORDER", unit: "budgetBranch" },
      { role: "MEMBER", unit: "budgetBranch" },
    ],
    description: "Bí thư Chi bộ Phòng Ngân sách (Đảng bộ Sở Tài chính)",
  },
  capuy: {
    tenantCode: DEMO_TENANT_CODE,
    grants: [{ role: "OVERSEER", unit: "finance" }],
    description: "Phó Bí thư Đảng ủy Sở Tài chính, theo dõi các chi bộ của Đảng bộ Sở Tài chính",
  },
  dangvien: {
    tenantCode: DEMO_TENANT_CODE,
    grants: [{ role: "MEMBER", unit: "budgetBranch" }],
    description: "Đảng viên Chi bộ Phòng Ngân sách",
  },
  quantri_b: {
    tenantCode: DEMO_B_TENANT_CODE,
    grants: [{ role: "TENANT_ADMIN", unit: "rootB" }],
    description: "Quản trị Đảng bộ phường Mẫu B (đơn vị thứ hai, để kiểm thử cách ly dữ liệu)",
  },
  bithu_b: {
    tenantCode: DEMO_B_TENANT_CODE,
    grants: [{ role: "RECORDER", unit: "block1B" }],
    description: "Bí thư Chi bộ Khu phố 1, Đảng bộ phường Mẫu B",
  },
} as const satisfies Record<string, DemoAccount>;

export type DemoUsername = keyof typeof DEMO_ACCOUNTS;

// ─── Dates (date-only values are UTC midnights) ─────────────────────────────────────────────────


export function utcDate(iso: string): Date {
  const date = new Date(`${iso}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`invalid date: ${iso}`);
  return date;
}

export function todayUtc(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

// ─── Specification of the trees ─────────────────────────────────────────────────────────────────

type Profile =
  | "partyAgency"
  | "agency"
  | "ethnicAffairs"
  | "inspection"
  | "health"
  | "school"
  | "stateEnterprise"
  | "privateEnterprise"
  | "residential";

/** [occupation, weight, minimum age] */
type Occupation = readonly [string, number, number];

interface ProfileSpec {
  maleShare: number;
  ages: Record<Gender, readonly [number, number]>;
  minorityShare: number;
  occupations: readonly Occupation[];
  /** Occupation given to a branch secretary (usually the head of the department). */
  leadTitle?: string;
  /** Residential branches: members past these ages are retired. */
  retiredFrom?: Record<Gender, number>;
}

const WORKING_AGES: Record<Gender, readonly [number, number]> = { MALE: [24, 62], FEMALE: [24, 59] };

const PROFILES: Record<Profile, ProfileSpec> = {
  partyAgency: {
    maleShare: 0.55,
    ages: WORKING_AGES,
    minorityShare: 0.03,
    occupations: [
      ["Chuyên viên Văn phòng Đảng ủy Khối", 4, 24],
      ["Chuyên viên Ban Tổ chức Đảng ủy Khối", 3, 24],
      ["Chuyên viên Ủy ban Kiểm tra Đảng ủy Khối", 3, 24],
      ["Chuyên viên Ban Tuyên giáo và Dân vận Đảng ủy Khối", 3, 24],
      ["Kế toán Văn phòng Đảng ủy Khối", 1, 24],
    ],
  },
  agency: {
    maleShare: 0.55,
    ages: WORKING_AGES,
    minorityShare: 0.03,
    occupations: [
      ["Chuyên viên", 10, 24],
      ["Chuyên viên chính", 5, 32],
      ["Phó Trưởng phòng", 2, 34],
      ["Kế toán", 1, 24],
      ["Văn thư – lưu trữ", 0.6, 24],
    ],
    leadTitle: "Trưởng phòng",
  },
  ethnicAffairs: {
    maleShare: 0.6,
    ages: WORKING_AGES,
    minorityShare: 0.45,
    occupations: [
      ["Chuyên viên", 10, 24],
      ["Chuyên viên chính", 5, 32],
      ["Phó Trưởng phòng", 2, 34],
      ["Kế toán", 1, 24],
    ],
    leadTitle: "Trưởng ban",
  },
  inspection: {
    maleShare: 0.62,
    ages: WORKING_AGES,
    minorityShare: 0.03,
    occupations: [
      ["Thanh tra viên", 10, 24],
      ["Thanh tra viên chính", 5, 32],
      ["Phó Trưởng phòng", 2, 34],
      ["Chuyên viên", 2, 24],
    ],
    leadTitle: "Chánh Thanh tra",
  },
  health: {
    maleShare: 0.38,
    ages: WORKING_AGES,
    minorityShare: 0.03,
    occupations: [
      ["Bác sĩ", 7, 25],
      ["Bác sĩ chuyên khoa I", 3, 30],
      ["Bác sĩ chuyên khoa II", 1.5, 38],
      ["Điều dưỡng", 9, 24],
      ["Hộ sinh", 1, 24],
      ["Dược sĩ", 1.5, 24],
      ["Kỹ thuật viên y", 2, 24],
      ["Chuyên viên", 1, 24],
    ],
    leadTitle: "Trưởng khoa",
  },
  school: {
    maleShare: 0.45,
    ages: WORKING_AGES,
    minorityShare: 0.03,
    occupations: [
      ["Giảng viên", 8, 24],
      ["Giảng viên chính", 4, 33],
      ["Chuyên viên", 2, 24],
      ["Kế toán", 0.5, 24],
    ],
    leadTitle: "Trưởng khoa",
  },
  stateEnterprise: {
    maleShare: 0.7,
    ages: WORKING_AGES,
    minorityShare: 0.03,
    occupations: [
      ["Kỹ sư", 6, 24],
      ["Công nhân kỹ thuật", 4, 24],
      ["Nhân viên kinh doanh", 4, 24],
      ["Chuyên viên", 3, 24],
      ["Kế toán viên", 2, 24],
      ["Phó Trưởng phòng", 1, 34],
    ],
    leadTitle: "Trưởng phòng",
  },
  privateEnterprise: {
    maleShare: 0.55,
    ages: WORKING_AGES,
    minorityShare: 0.03,
    occupations: [
      ["Nhân viên kinh doanh", 4, 24],
      ["Nhân viên văn phòng", 3, 24],
      ["Kế toán viên", 2, 24],
      ["Thủ kho", 1, 24],
      ["Phó Giám đốc", 0.5, 38],
    ],
    leadTitle: "Giám đốc Công ty",
  },
  residential: {
    maleShare: 0.6,
    ages: { MALE: [28, 82], FEMALE: [28, 80] },
    minorityShare: 0.02,
    occupations: [
      ["Kinh doanh tự do", 4, 24],
      ["Công chức phường", 2, 24],
      ["Giáo viên", 2, 24],
      ["Công nhân", 2, 24],
      ["Nhân viên văn phòng", 2, 24],
    ],
    retiredFrom: { MALE: 61, FEMALE: 57 },
  },
};

const MINORITY_ETHNICITIES: readonly (readonly [string, number])[] = [
  ["Tày", 4],
  ["Thái", 3],
  ["Mường", 3],
  ["Nùng", 2],
  ["Dao", 1],
  ["H'Mông", 1],
];

interface UnitSpec {
  code: string;
  name: string;
  kind: OrgUnitKind;
  category?: OrgUnitCategory;
  profile?: Profile;
  activeFrom?: string;
  /** Members of a meeting branch (GRASSROOTS_BRANCH or BRANCH). */
  size?: number;
  /** Occupation of the secretary of a committee (head of the agency). */
  headTitle?: string;
  deputyTitle?: string;
  /** Occupation of the secretary of this branch, when the profile default does not fit. */
  leadTitle?: string;
  /** Branch (code) that provides the committee's secretary and deputy; default: its first two branches. */
  officersFrom?: string;
  children?: readonly UnitSpec[];
}

interface TenantSpec {
  code: string;
  name: string;
  seed: number;
  cardPrefix: string;
  root: UnitSpec;
  /** Term starts: congresses of branches, of committees, then of the top committee. */
  terms: { branch: string; committee: string; root: string };
}

function branch(code: string, name: string, size: number, extra: Partial<UnitSpec> = {}): UnitSpec {
  return { code, name, kind: "BRANCH", size, ...extra };
}

const DEMO_SPEC: TenantSpec = {
  code: DEMO_TENANT_CODE,
  name: DEMO_TENANT_NAME,
  seed: 20_261_121,
  cardPrefix: "79",
  terms: { branch: "2025-03-01", committee: "2025-06-10", root: "2025-09-15" },
  root: {
    code: DEMO_UNITS.root.code,
    name: DEMO_UNITS.root.name,
    kind: "BLOC_COMMITTEE",
    activeFrom: "2008-03-01",
    headTitle: "Bí thư Đảng ủy Khối",
    deputyTitle: "Phó Bí thư Thường trực Đảng ủy Khối",
    // The full-time secretaries of the bloc committee belong to the branch of its own office.
    officersFrom: DEMO_UNITS.agency.code,
    children: [
      {
        code: DEMO_UNITS.agency.code,
        name: DEMO_UNITS.agency.name,
        kind: "GRASSROOTS_BRANCH",
        category: "ADMIN_PUBLIC",
        profile: "partyAgency",
        size: 19,
        leadTitle: "Chánh Văn phòng Đảng ủy Khối",
      },
      {
        code: DEMO_UNITS.finance.code,
        name: DEMO_UNITS.finance.name,
        kind: "GRASSROOTS_COMMITTEE",
        category: "ADMIN_PUBLIC",
        profile: "agency",
        activeFrom: "2008-05-15",
        headTitle: "Giám đốc Sở Tài chính",
        deputyTitle: "Phó Giám đốc Sở Tài chính",
        children: [
          branch("STC-VP", "Chi bộ Văn phòng Sở", 22, { leadTitle: "Chánh Văn phòng Sở" }),
          branch("STC-TCDN", "Chi bộ Phòng Tài chính doanh nghiệp", 18),
          branch(DEMO_UNITS.budgetBranch.code, DEMO_UNITS.budgetBranch.name, 25),
          branch("STC-GCS", "Chi bộ Phòng Quản lý giá và công sản", 8),
          // Formed when the Sở Kế hoạch và Đầu tư merged into the Sở Tài chính (1/3/2025).
          branch("STC-DT", "Chi bộ Phòng Đầu tư", 21, { activeFrom: "2025-03-01" }),
        ],
      },
      {
        code: "SGD",
        name: "Đảng bộ Sở Giáo dục và Đào tạo",
        kind: "GRASSROOTS_COMMITTEE",
        category: "ADMIN_PUBLIC",
        profile: "agency",
        activeFrom: "2008-05-15",
        headTitle: "Giám đốc Sở Giáo dục và Đào tạo",
        deputyTitle: "Phó Giám đốc Sở Giáo dục và Đào tạo",
        children: [
          branch("SGD-VP", "Chi bộ Văn phòng Sở", 24, { leadTitle: "Chánh Văn phòng Sở" }),
          branch("SGD-TH", "Chi bộ Phòng Giáo dục Trung học", 18),
          branch("SGD-MNTH", "Chi bộ Phòng Giáo dục Mầm non – Tiểu học", 23),
          branch("SGD-KT", "Chi bộ Phòng Khảo thí và Quản lý chất lượng", 9),
          branch("SGD-TCCB", "Chi bộ Phòng Tổ chức cán bộ", 11),
        ],
      },
      {
        code: "BVDK",
        name: "Đảng bộ Bệnh viện Đa khoa tỉnh",
        kind: "GRASSROOTS_COMMITTEE",
        category: "ADMIN_PUBLIC",
        profile: "health",
        activeFrom: "2009-01-10",
        headTitle: "Giám đốc Bệnh viện",
        deputyTitle: "Phó Giám đốc Bệnh viện",
        officersFrom: "BVDK-KHHC",
        children: [
          {
            code: "BVDK-NOI",
            name: "Đảng bộ bộ phận Khối Nội",
            kind: "SUB_COMMITTEE",
            activeFrom: "2012-04-01",
            headTitle: "Trưởng khoa Nội tổng hợp",
            deputyTitle: "Phó Trưởng khoa Tim mạch",
            children: [
              branch("BVDK-NOI-NTH", "Chi bộ Khoa Nội tổng hợp", 58),
              branch("BVDK-NOI-TM", "Chi bộ Khoa Tim mạch", 31),
              branch("BVDK-NOI-HSTC", "Chi bộ Khoa Hồi sức tích cực – Chống độc", 27),
              branch("BVDK-NOI-NHI", "Chi bộ Khoa Nhi", 26),
            ],
          },
          branch("BVDK-NGOAI", "Chi bộ Khoa Ngoại tổng hợp", 44),
          branch("BVDK-SAN", "Chi bộ Khoa Phụ sản", 26),
          branch("BVDK-CLS", "Chi bộ Khối Cận lâm sàng", 33),
          branch("BVDK-KHHC", "Chi bộ Phòng Kế hoạch tổng hợp – Hành chính", 23, {
            leadTitle: "Trưởng phòng Kế hoạch tổng hợp",
          }),
        ],
      },
      {
        code: "TCT",
        name: "Đảng bộ Trường Chính trị tỉnh",
        kind: "GRASSROOTS_COMMITTEE",
        category: "SCHOOL_STUDENT",
        profile: "school",
        activeFrom: "2008-09-01",
        headTitle: "Hiệu trưởng Trường Chính trị tỉnh",
        deputyTitle: "Phó Hiệu trưởng Trường Chính trị tỉnh",
        children: [
          branch("TCT-LLCS", "Chi bộ Khoa Lý luận cơ sở", 22),
          branch("TCT-XDD", "Chi bộ Khoa Xây dựng Đảng", 14),
          branch("TCT-NNPL", "Chi bộ Khoa Nhà nước và pháp luật", 14),
          branch("TCT-TCHC", "Chi bộ Phòng Tổ chức – Hành chính", 23, { leadTitle: "Trưởng phòng" }),
        ],
      },
      {
        code: "XSKT",
        name: "Đảng bộ Công ty TNHH MTV Xổ số kiến thiết tỉnh",
        kind: "GRASSROOTS_COMMITTEE",
        category: "STATE_ENTERPRISE",
        profile: "stateEnterprise",
        activeFrom: "2010-04-01",
        headTitle: "Chủ tịch kiêm Giám đốc Công ty",
        deputyTitle: "Phó Giám đốc Công ty",
        children: [
          branch("XSKT-VP", "Chi bộ Văn phòng Công ty", 22, { leadTitle: "Chánh Văn phòng Công ty" }),
          branch("XSKT-KD", "Chi bộ Phòng Kế hoạch – Kinh doanh", 24),
          branch("XSKT-KT", "Chi bộ Phòng Kế toán – Tài vụ", 6, { leadTitle: "Kế toán trưởng" }),
        ],
      },
      {
        code: "DL",
        name: "Đảng bộ Công ty Điện lực tỉnh",
        kind: "GRASSROOTS_COMMITTEE",
        category: "STATE_ENTERPRISE",
        profile: "stateEnterprise",
        activeFrom: "2008-07-01",
        headTitle: "Giám đốc Công ty Điện lực tỉnh",
        deputyTitle: "Phó Giám đốc Công ty Điện lực tỉnh",
        children: [
          branch("DL-VP", "Chi bộ Văn phòng", 18, { leadTitle: "Chánh Văn phòng" }),
          branch("DL-KTAT", "Chi bộ Phòng Kỹ thuật – An toàn", 20),
          branch("DL-TP", "Chi bộ Điện lực Thành phố", 38, { leadTitle: "Giám đốc Điện lực Thành phố" }),
          branch("DL-KVB", "Chi bộ Điện lực khu vực phía Bắc", 28, { leadTitle: "Giám đốc Điện lực khu vực" }),
          branch("DL-KD", "Chi bộ Phòng Kinh doanh", 22),
        ],
      },
      {
        // Formed by the 2025 merger of the Sở Nông nghiệp và PTNT with the Sở Tài nguyên và Môi trường.
        code: "SNNMT",
        name: "Đảng bộ Sở Nông nghiệp và Môi trường",
        kind: "GRASSROOTS_COMMITTEE",
        category: "ADMIN_PUBLIC",
        profile: "agency",
        activeFrom: "2025-03-01",
        headTitle: "Giám đốc Sở Nông nghiệp và Môi trường",
        deputyTitle: "Phó Giám đốc Sở Nông nghiệp và Môi trường",
        children: [
          branch("SNNMT-VP", "Chi bộ Văn phòng Sở", 20, { leadTitle: "Chánh Văn phòng Sở" }),
          branch("SNNMT-TL", "Chi bộ Chi cục Thủy lợi", 21, { leadTitle: "Chi cục trưởng" }),
          branch("SNNMT-KL", "Chi bộ Chi cục Kiểm lâm", 34, { leadTitle: "Chi cục trưởng" }),
          branch("SNNMT-QLDD", "Chi bộ Phòng Quản lý đất đai", 22),
          branch("SNNMT-QTMT", "Chi bộ Trạm Quan trắc môi trường", 3, { leadTitle: "Trạm trưởng" }),
        ],
      },
      {
        code: "SYT",
        name: "Đảng bộ Sở Y tế",
        kind: "GRASSROOTS_COMMITTEE",
        category: "ADMIN_PUBLIC",
        profile: "agency",
        activeFrom: "2008-05-15",
        headTitle: "Giám đốc Sở Y tế",
        deputyTitle: "Phó Giám đốc Sở Y tế",
        children: [
          branch("SYT-VP", "Chi bộ Văn phòng Sở", 22, { leadTitle: "Chánh Văn phòng Sở" }),
          branch("SYT-NVYD", "Chi bộ Phòng Nghiệp vụ Y – Dược", 21),
          branch("SYT-ATTP", "Chi bộ Chi cục An toàn vệ sinh thực phẩm", 12, { leadTitle: "Chi cục trưởng" }),
        ],
      },
      {
        code: "BDT",
        name: "Chi bộ cơ sở Ban Dân tộc tỉnh",
        kind: "GRASSROOTS_BRANCH",
        category: "ADMIN_PUBLIC",
        profile: "ethnicAffairs",
        activeFrom: "2009-02-01",
        size: 18,
      },
      {
        code: "TTT",
        name: "Chi bộ cơ sở Thanh tra tỉnh",
        kind: "GRASSROOTS_BRANCH",
        category: "ADMIN_PUBLIC",
        profile: "inspection",
        activeFrom: "2008-05-15",
        size: 27,
      },
      {
        code: "SACH",
        name: "Chi bộ cơ sở Công ty Cổ phần Sách và Thiết bị trường học tỉnh",
        kind: "GRASSROOTS_BRANCH",
        category: "NON_STATE_ENTERPRISE",
        profile: "privateEnterprise",
        activeFrom: "2012-10-01",
        size: 11,
      },
    ],
  },
};

const DEMO_B_SPEC: TenantSpec = {
  code: DEMO_B_TENANT_CODE,
  name: DEMO_B_TENANT_NAME,
  seed: 20_250_701,
  cardPrefix: "80",
  // Wards were re-formed on 1/7/2025; their committees were designated, not elected, that day.
  terms: { branch: "2025-07-01", committee: "2025-07-01", root: "2025-07-01" },
  root: {
    code: DEMO_UNITS.rootB.code,
    name: DEMO_UNITS.rootB.name,
    kind: "GRASSROOTS_COMMITTEE",
    category: "RESIDENTIAL",
    profile: "residential",
    activeFrom: "2025-07-01",
    headTitle: "Bí thư Đảng ủy phường",
    deputyTitle: "Phó Bí thư Đảng ủy phường",
    children: [
      branch(DEMO_UNITS.block1B.code, DEMO_UNITS.block1B.name, 11),
      branch("PMB-KP2", "Chi bộ Khu phố 2", 9),
    ],
  },
};

// ─── Generation ─────────────────────────────────────────────────────────────────────────────────

export interface GenerateOptions {
  /** The day the data is generated for; dates (ages, probation, terms in force) are relative to it. */
  asOf: Date;
  newId?: IdFactory;
}

const BRANCH_KINDS: ReadonlySet<OrgUnitKind> = new Set(["GRASSROOTS_BRANCH", "BRANCH"]);

interface UnitNode {
  spec: UnitSpec;
  row: OrgUnitRow;
  profile: ProfileSpec;
  children: UnitNode[];
}

/** Mutable state shared by the steps of one tenant's generation. */
class TenantBuilder {
  readonly random: Random;
  readonly tenantId: string;
  readonly data: TenantDataset;
  readonly nodes: UnitNode[] = [];
  readonly byCode = new Map<string, UnitNode>();
  readonly membersByBranch = new Map<string, MemberRow[]>();
  readonly ageOf = new Map<string, number>();
  /** Members holding a position. */
  readonly positioned = new Set<string>();
  /** Members linked to a demo account: kept out of exemptions, transfers and suspensions. */
  readonly reserved = new Set<string>();
  /** memberId → earlier membership (transfer within the tenant). */
  readonly previousBranch = new Map<string, { branch: OrgUnitRow; transferredOn: Date }>();
  private readonly cards = new Set<string>();

  constructor(
    readonly spec: TenantSpec,
    readonly asOf: Date,
    readonly newId: IdFactory,
  ) {
    this.random = createRandom(spec.seed);
    this.tenantId = newId();
    this.data = {
      tenant: { id: this.tenantId, code: spec.code, name: spec.name },
      rootUnitId: "",
      adminUserId: "",
      adminGrantId: "",
      orgUnits: [],
      members: [],
      branchMemberships: [],
      positions: [],
      exemptions: [],
      temporaryTransfers: [],
      suspensions: [],
      residenceLinks: [],
      residenceComments: [],
      users: [],
      roleGrants: [],
    };
  }

  unit(code: string): UnitNode {
    const node = this.byCode.get(code);
    if (!node) throw new Error(`demo data: unknown unit ${code}`);
    return node;
  }

  branches(): UnitNode[] {
    return this.nodes.filter((node) => BRANCH_KINDS.has(node.row.kind));
  }

  /** Meeting branches of a subtree, in tree order. */
  branchesUnder(node: UnitNode): UnitNode[] {
    return this.branches().filter((candidate) => candidate.row.path.startsWith(node.row.path));
  }

  // Step 1: the tree. Parents precede children, so the rows can be inserted in order.
  buildTree(): void {
    type Inherited = { category?: OrgUnitCategory; profile?: Profile; activeFrom?: string };
    const visit = (spec: UnitSpec, parent: UnitNode | null, inherited: Inherited) => {
      const id = this.newId();
      const category = spec.category ?? inherited.category ?? null;
      const profileName = spec.profile ?? inherited.profile ?? "agency";
      const activeFrom = spec.activeFrom ?? inherited.activeFrom ?? "2010-01-01";
      const row: OrgUnitRow = {
        tenantId: this.tenantId,
        id,
        parentId: parent?.row.id ?? null,
        kind: spec.kind,
        category,
        name: spec.name,
        code: spec.code,
        path: parent ? childPath(parent.row.path, id) : rootPath(id),
        depth: parent ? parent.row.depth + 1 : 0,
        hasCommittee: false,
        activeFrom: utcDate(activeFrom),
      };
      const node: UnitNode = { spec, row, profile: PROFILES[profileName], children: [] };
      parent?.children.push(node);
      this.nodes.push(node);
      this.byCode.set(spec.code, node);
      this.data.orgUnits.push(row);
      for (const child of spec.children ?? []) {
        visit(child, node, { category: category ?? undefined, profile: profileName, activeFrom });
      }
    };
    visit(this.spec.root, null, {});
    this.data.rootUnitId = this.data.orgUnits[0]?.id ?? "";
  }

  private drawAge(range: readonly [number, number]): number {
    const [min, max] = range;
    // Mostly a triangle centred on the middle of working life, with a uniform share for the tails.
    const shape = this.random.chance(0.7) ? (this.random.next() + this.random.next()) / 2 : this.random.next();
    return Math.min(max, min + Math.floor(shape * (max - min + 1)));
  }

  private cardNumber(): string {
    for (;;) {
      const card = `${this.spec.cardPrefix}${String(this.random.int(0, 999_999)).padStart(6, "0")}`;
      if (!this.cards.has(card)) {
        this.cards.add(card);
        return card;
      }
    }
  }

  private occupation(profile: ProfileSpec, gender: Gender, age: number): string {
    if (profile.retiredFrom && age >= profile.retiredFrom[gender]) return "Hưu trí";
    const fitting = profile.occupations.filter(([, , minAge]) => age >= minAge);
    return this.random.weighted(fitting.map(([name, weight]) => [name, weight] as const));
  }

  // Step 2: members of every branch.
  buildMembers(): void {
    for (const node of this.branches()) {
      const size = node.spec.size ?? 0;
      const profile = node.profile;
      const list: MemberRow[] = [];
      for (let i = 0; i < size; i++) {
        const gender: Gender = this.random.chance(profile.maleShare) ? "MALE" : "FEMALE";
        // ≈4 % probationary; never in tiny branches, which need 3 official members to exist.
        const probationary = size >= 10 && this.random.chance(0.04);
        const age = probationary ? this.random.int(24, 35) : this.drawAge(profile.ages[gender]);
        const birthDate = addDays(addMonths(this.asOf, -12 * age), -this.random.int(1, 364));
        const minority = this.random.chance(profile.minorityShare);
        const ethnicity = minority ? this.random.weighted(MINORITY_ETHNICITIES) : "Kinh";
        const fullName = randomFullName(this.random, gender, minority);
        let admittedOn: Date;
        if (probationary) {
          admittedOn = addDays(this.asOf, -this.random.int(20, 330));
        } else {
          // Admitted between 20 and 42, and at least 15 months ago so that officialOn is in the past.
          const latest = Math.min(age - 1.25, 42);
          const admissionAge = 20 + this.random.next() * Math.max(0, latest - 20);
          admittedOn = addDays(birthDate, Math.round(admissionAge * 365.25));
        }
        const row: MemberRow = {
          tenantId: this.tenantId,
          id: this.newId(),
          branchId: node.row.id,
          fullName,
          gender,
          birthDate,
          partyCardNumber: probationary ? null : this.cardNumber(),
          admittedOn,
          officialOn: probationary ? null : addMonths(admittedOn, 12),
          status: probationary ? "PROBATIONARY" : "OFFICIAL",
          ethnicity,
          occupation: this.occupation(profile, gender, age),
          endedOn: null,
          endReason: null,
        };
        this.ageOf.set(row.id, age);
        list.push(row);
        this.data.members.push(row);
      }
      this.membersByBranch.set(node.row.id, list);
      const officials = list.filter((member) => member.status === "OFFICIAL").length;
      node.row.hasCommittee = officials >= 9;
    }
  }

  private termStart(base: string, unit: OrgUnitRow, spreadDays: number): Date {
    return laterOf(addDays(utcDate(base), this.random.int(0, spreadDays)), unit.activeFrom);
  }

  /** An official member, official before the term began, preferably unused and old enough. */
  private chooseHolder(
    pool: readonly MemberRow[],
    termFrom: Date,
    minAge: number,
    taken: ReadonlySet<string>,
  ): MemberRow | undefined {
    const eligible = pool.filter(
      (member) =>
        member.status === "OFFICIAL" &&
        member.officialOn !== null &&
        member.officialOn.getTime() <= termFrom.getTime() &&
        !taken.has(member.id),
    );
    const tiers = [
      eligible.filter((member) => !this.positioned.has(member.id) && (this.ageOf.get(member.id) ?? 0) >= minAge),
      eligible.filter((member) => !this.positioned.has(member.id)),
      eligible,
    ];
    const tier = tiers.find((candidates) => candidates.length > 0);
    return tier ? this.random.pick(tier) : undefined;
  }

  private addPosition(member: MemberRow, unit: OrgUnitRow, kind: PositionKind, termFrom: Date): void {
    this.positioned.add(member.id);
    this.data.positions.push({
      tenantId: this.tenantId,
      id: this.newId(),
      memberId: member.id,
      orgUnitId: unit.id,
      kind,
      termFrom,
      termTo: null,
    });
  }

  holderOf(unit: OrgUnitRow, kind: PositionKind): MemberRow | undefined {
    const position = this.data.positions.find((candidate) => candidate.orgUnitId === unit.id && candidate.kind === kind);
    return position ? this.data.members.find((member) => member.id === position.memberId) : undefined;
  }

  // Step 3: positions. Branches first (QĐ 294: a branch with ≥ 9 official members elects a chi ủy of
  // at most 7 with one deputy), then committees bottom-up, whose members include their branches' secretaries.
  buildPositions(): void {
    for (const node of this.branches()) {
      const members = this.membersByBranch.get(node.row.id) ?? [];
      const officials = members.filter((member) => member.status === "OFFICIAL").length;
      const termFrom = this.termStart(this.spec.terms.branch, node.row, 45);
      const taken = new Set<string>();
      const take = (kind: PositionKind, minAge: number) => {
        const holder = this.chooseHolder(members, termFrom, minAge, taken);
        if (!holder) return undefined;
        taken.add(holder.id);
        this.addPosition(holder, node.row, kind, termFrom);
        return holder;
      };
      const secretary = take("SECRETARY", 35);
      const leadTitle = node.spec.leadTitle ?? node.profile.leadTitle;
      if (secretary && leadTitle) secretary.occupation = leadTitle;
      if (node.row.hasCommittee) {
        take("DEPUTY_SECRETARY", 30);
        const committeeSize = officials >= 50 ? 7 : officials >= 30 ? 5 : 3;
        for (let i = 2; i < committeeSize; i++) take("COMMITTEE_MEMBER", 27);
      } else if (officials >= 7) {
        take("DEPUTY_SECRETARY", 30);
      }
    }

    const committees = this.nodes.filter((node) => !BRANCH_KINDS.has(node.row.kind) && node.row.kind !== "PARTY_GROUP");
    // Deepest first, so that a committee can seat the secretaries of the committees below it.
    for (const node of [...committees].sort((a, b) => b.row.depth - a.row.depth)) {
      const isRoot = node.row.parentId === null;
      const termFrom = isRoot
        ? laterOf(utcDate(this.spec.terms.root), node.row.activeFrom)
        : this.termStart(this.spec.terms.committee, node.row, 20);
      const subtree = this.branchesUnder(node);
      const officers = node.spec.officersFrom ? this.unit(node.spec.officersFrom) : undefined;
      const first = officers ?? subtree[0];
      const second = officers ?? subtree[1] ?? first;
      if (!first || !second) continue;
      const taken = new Set<string>();
      const secretary = this.chooseHolder(this.membersByBranch.get(first.row.id) ?? [], termFrom, 40, taken);
      if (secretary) {
        taken.add(secretary.id);
        this.addPosition(secretary, node.row, "SECRETARY", termFrom);
        if (node.spec.headTitle) secretary.occupation = node.spec.headTitle;
      }
      const deputy = this.chooseHolder(this.membersByBranch.get(second.row.id) ?? [], termFrom, 35, taken);
      if (deputy) {
        taken.add(deputy.id);
        this.addPosition(deputy, node.row, "DEPUTY_SECRETARY", termFrom);
        if (node.spec.deputyTitle) deputy.occupation = node.spec.deputyTitle;
      }
      let seats = 5;
      for (const child of node.children) {
        if (seats === 0) break;
        const childSecretary = this.holderOf(child.row, "SECRETARY");
        if (!childSecretary || taken.has(childSecretary.id)) continue;
        taken.add(childSecretary.id);
        this.addPosition(childSecretary, node.row, "COMMITTEE_MEMBER", termFrom);
        seats -= 1;
      }
    }
  }

  /** An official member who holds no position and is not yet used for an account or a special case. */
  ordinaryMember(branchCode: string, predicate: (member: MemberRow) => boolean = () => true): MemberRow {
    const members = this.membersByBranch.get(this.unit(branchCode).row.id) ?? [];
    const candidates = members.filter(
      (member) =>
        member.status === "OFFICIAL" && !this.positioned.has(member.id) && !this.reserved.has(member.id) && predicate(member),
    );
    const chosen = candidates.length > 0 ? this.random.pick(candidates) : undefined;
    if (!chosen) throw new Error(`demo data: no ordinary member left in ${branchCode}`);
    this.reserved.add(chosen.id);
    return chosen;
  }

  addUser(username: DemoUsername, member: MemberRow | null, displayName?: string): UserRow {
    if (member) this.reserved.add(member.id);
    const user: UserRow = {
      tenantId: this.tenantId,
      id: this.newId(),
      username,
      displayName: member?.fullName ?? displayName ?? username,
      memberId: member?.id ?? null,
      mustChangePassword: false,
    };
    this.data.users.push(user);
    for (const grant of DEMO_ACCOUNTS[username].grants) {
      const row: RoleGrantRow = {
        tenantId: this.tenantId,
        id: this.newId(),
        userId: user.id,
        role: grant.role,
        orgUnitId: this.unit(DEMO_UNITS[grant.unit].code).row.id,
      };
      this.data.roleGrants.push(row);
      if (grant.role === "TENANT_ADMIN" && !this.data.adminUserId) {
        this.data.adminUserId = user.id;
        this.data.adminGrantId = row.id;
      }
    }
    return user;
  }

  /** Members free for exemptions, transfers and suspensions, in a shuffled but fixed order. */
  specialPool(): MemberRow[] {
    return this.random.shuffle(
      this.data.members.filter(
        (member) => member.status === "OFFICIAL" && !this.positioned.has(member.id) && !this.reserved.has(member.id),
      ),
    );
  }

  // Last step: one open membership per member, plus the closed one of those transferred.
  buildMemberships(): void {
    const branchById = new Map(this.branches().map((node) => [node.row.id, node.row]));
    for (const member of this.data.members) {
      const current = branchById.get(member.branchId);
      if (!current) throw new Error("demo data: member outside a branch");
      const previous = this.previousBranch.get(member.id);
      if (previous) {
        this.data.branchMemberships.push({
          tenantId: this.tenantId,
          id: this.newId(),
          memberId: member.id,
          branchId: previous.branch.id,
          validFrom: laterOf(member.admittedOn, previous.branch.activeFrom),
          validTo: addDays(previous.transferredOn, -1),
          note: `Chuyển sinh hoạt sang ${current.name}`,
        });
      }
      this.data.branchMemberships.push({
        tenantId: this.tenantId,
        id: this.newId(),
        memberId: member.id,
        branchId: member.branchId,
        validFrom: previous ? previous.transferredOn : laterOf(member.admittedOn, current.activeFrom),
        // A member who left the roll belonged to the branch until the day before.
        validTo: member.endedOn ? addDays(member.endedOn, -1) : null,
        note: previous ? `Chuyển sinh hoạt đến từ ${previous.branch.name}` : null,
      });
    }
  }
}

// ─── Tenant-specific accounts and special cases ─────────────────────────────────────────────────

const RESIDENCE_COMMENTS = [
  "Gương mẫu chấp hành chủ trương của Đảng, pháp luật của Nhà nước và quy định của địa phương; tích cực tham gia sinh hoạt tổ dân phố và các phong trào ở khu dân cư.",
  "Giữ mối liên hệ thường xuyên với chi ủy nơi cư trú; gia đình văn hóa; tham gia đầy đủ các buổi họp khu phố và đóng góp các quỹ vận động.",
] as const;

const EXTERNAL_HOSTS = [
  { hostName: "Chi bộ Học viện Chính trị khu vực I", reason: "Học cao cấp lý luận chính trị hệ tập trung" },
  { hostName: "Chi bộ học viên Học viện Chính trị khu vực III", reason: "Học cao cấp lý luận chính trị hệ tập trung" },
  { hostName: "Chi bộ học viên cao học Trường Đại học Kinh tế Quốc dân", reason: "Học thạc sĩ hệ tập trung" },
] as const;

function addDemoAccounts(builder: TenantBuilder): void {
  const root = builder.unit(DEMO_UNITS.root.code).row;
  const finance = builder.unit(DEMO_UNITS.finance.code).row;
  const budget = builder.unit(DEMO_UNITS.budgetBranch.code).row;
  const need = (member: MemberRow | undefined, what: string): MemberRow => {
    if (!member) throw new Error(`demo data: missing ${what}`);
    return member;
  };

  const admin = builder.ordinaryMember(DEMO_UNITS.agency.code);
  admin.occupation = "Chuyên viên Văn phòng Đảng ủy Khối";
  builder.addUser("quantri", admin);
  const reviewer = builder.ordinaryMember(DEMO_UNITS.agency.code);
  reviewer.occupation = "Chuyên viên Ban Tổ chức Đảng ủy Khối";
  builder.addUser("bantochuc", reviewer);
  builder.addUser("lanhdao", need(builder.holderOf(root, "SECRETARY"), "root secretary"));
  builder.addUser("bithu", need(builder.holderOf(budget, "SECRETARY"), "budget branch secretary"));
  builder.addUser("capuy", need(builder.holderOf(finance, "DEPUTY_SECRETARY"), "finance deputy secretary"));
  builder.addUser("dangvien", builder.ordinaryMember(DEMO_UNITS.budgetBranch.code));
}

function addDemoSpecialCases(builder: TenantBuilder): void {
  const { asOf, random, tenantId, data } = builder;
  const pool = builder.specialPool();
  const used = new Set<string>();
  const take = (predicate: (member: MemberRow) => boolean = () => true): MemberRow | undefined => {
    const member = pool.find((candidate) => !used.has(candidate.id) && predicate(candidate));
    if (member) used.add(member.id);
    return member;
  };
  const age = (member: MemberRow) => builder.ageOf.get(member.id) ?? 0;
  const firstOfMonthAfter = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));

  // Exemptions (≈8): the age grounds of HD 27 and QĐ 24 point 7.1, and long illness.
  const exemption = (member: MemberRow, fromDate: Date, toDate: Date | null, reason: string) =>
    data.exemptions.push({ tenantId, id: builder.newId(), memberId: member.id, fromDate, toDate, reason });
  for (let i = 0; i < 3; i++) {
    const member = take((m) => m.gender === "MALE" && age(m) >= 61);
    if (member) exemption(member, firstOfMonthAfter(addMonths(member.birthDate, 12 * 60)), null, "Tuổi cao (nam trên 60 tuổi)");
  }
  for (let i = 0; i < 2; i++) {
    const member = take((m) => m.gender === "FEMALE" && age(m) >= 56);
    if (member) exemption(member, firstOfMonthAfter(addMonths(member.birthDate, 12 * 55)), null, "Tuổi cao (nữ trên 55 tuổi)");
  }
  const illnessReasons = [
    "Điều trị bệnh dài ngày",
    "Điều trị bệnh dài ngày (trên 3 tháng)",
    "Điều trị bệnh hiểm nghèo dài ngày",
  ];
  while (data.exemptions.length < 8) {
    const member = take();
    if (!member) break;
    const fromDate = addMonths(asOf, -random.int(1, 9));
    exemption(member, fromDate, addMonths(fromDate, 6), random.pick(illnessReasons));
  }

  // Temporary transfers (≈5): study elsewhere (host outside the tenant) and secondments inside it.
  const branches = builder.branches().map((node) => node.row);
  type Host = { hostBranchId: string | null; hostName: string | null };
  const transfer = (member: MemberRow, host: Host, fromDate: Date, toDate: Date | null, reason: string) =>
    data.temporaryTransfers.push({ tenantId, id: builder.newId(), memberId: member.id, ...host, fromDate, toDate, reason });
  for (const external of EXTERNAL_HOSTS) {
    const member = take((m) => age(m) >= 30 && age(m) <= 50);
    if (!member) continue;
    const fromDate = addMonths(asOf, -random.int(2, 8));
    transfer(member, { hostBranchId: null, hostName: external.hostName }, fromDate, addMonths(fromDate, 12), external.reason);
  }
  const internal = [
    { reason: "Biệt phái, tăng cường công tác có thời hạn", startMonthsAgo: 3, months: 12 },
    { reason: "Đi công tác dài ngày", startMonthsAgo: 14, months: 10 },
  ];
  for (const plan of internal) {
    const member = take();
    if (!member) continue;
    const host = random.pick(branches.filter((candidate) => candidate.id !== member.branchId));
    const fromDate = addMonths(asOf, -plan.startMonthsAgo);
    transfer(member, { hostBranchId: host.id, hostName: null }, fromDate, addMonths(fromDate, plan.months), plan.reason);
  }

  // Suspensions: one in force, one that ended.
  const suspension = (member: MemberRow, fromDate: Date, toDate: Date | null, reason: string) =>
    data.suspensions.push({ tenantId, id: builder.newId(), memberId: member.id, fromDate, toDate, reason });
  const suspended = take();
  if (suspended) {
    suspension(suspended, addMonths(asOf, -3), null, "Đình chỉ sinh hoạt đảng trong thời gian bị khởi tố, tạm giam để điều tra");
  }
  const cleared = take();
  if (cleared) {
    suspension(
      cleared,
      addMonths(asOf, -20),
      addMonths(asOf, -14),
      "Đình chỉ sinh hoạt đảng trong thời gian bị điều tra (đã có kết luận, được phục hồi sinh hoạt)",
    );
  }

  // QĐ 213 residence links (3): one to a branch of the tenant, two outside it by name (one exempt
  // under HD 33), with the residence chi ủy's comment for the last full year.
  const commentYear = asOf.getUTCMonth() >= 1 ? asOf.getUTCFullYear() - 1 : asOf.getUTCFullYear() - 2;
  const linkFrom = new Date(Date.UTC(commentYear - 1, 0, 1));
  const receivedOn = new Date(Date.UTC(commentYear + 1, 0, 20));
  const residences = [
    { inside: true, address: "Số 14 đường Trần Phú, phường Trung tâm", exemptReason: null, comment: RESIDENCE_COMMENTS[0] },
    { inside: false, name: "Chi bộ Khu phố 3, phường Phú Hội", address: "Số 27 hẻm 5 đường Lê Lợi, Khu phố 3", exemptReason: null, comment: RESIDENCE_COMMENTS[1] },
    { inside: false, name: "Chi bộ thôn Đông, xã Hòa Tiến", address: "Thôn Đông, xã Hòa Tiến", exemptReason: "Đi học tập trung từ 12 tháng trở lên", comment: null },
  ];
  for (const plan of residences) {
    const member = take((m) => m.admittedOn.getTime() < linkFrom.getTime());
    if (!member) continue;
    const host = plan.inside ? random.pick(branches.filter((candidate) => candidate.id !== member.branchId)) : null;
    const link = {
      tenantId,
      id: builder.newId(),
      memberId: member.id,
      residenceBranchId: host?.id ?? null,
      residenceBranchName: host ? null : (plan.name ?? null),
      address: plan.address,
      fromDate: linkFrom,
      toDate: null,
      exempt: plan.exemptReason !== null,
      exemptReason: plan.exemptReason,
    };
    data.residenceLinks.push(link);
    if (plan.comment) {
      data.residenceComments.push({
        tenantId,
        id: builder.newId(),
        residenceLinkId: link.id,
        year: commentYear,
        comment: plan.comment,
        commentedBy: host ? `Chi ủy ${host.name}` : `Chi ủy ${plan.name ?? ""} và Ban công tác Mặt trận`,
        receivedOn,
      });
    }
  }

  // One member who left the roll a few months ago (moved to a unit outside the tenant).
  const endedOn = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 4, 1));
  const leaving = take((m) => {
    const branch = branches.find((candidate) => candidate.id === m.branchId);
    return branch !== undefined && laterOf(m.admittedOn, branch.activeFrom).getTime() < addDays(endedOn, -1).getTime();
  });
  if (leaving) {
    leaving.endedOn = endedOn;
    leaving.endReason = "TRANSFERRED_OUT";
  }

  // Transfers within the tenant (≈5): an earlier, closed membership in another branch.
  let transfers = 0;
  for (const member of pool) {
    if (transfers === 5) break;
    if (used.has(member.id)) continue;
    const current = branches.find((candidate) => candidate.id === member.branchId);
    const previous = random.pick(branches.filter((candidate) => candidate.id !== member.branchId));
    if (!current) continue;
    const earliest = laterOf(addDays(laterOf(member.admittedOn, previous.activeFrom), 365), addDays(current.activeFrom, 1));
    const latest = addDays(asOf, -60);
    const span = daysBetween(earliest, latest);
    if (span < 0) continue;
    used.add(member.id);
    builder.previousBranch.set(member.id, { branch: previous, transferredOn: addDays(earliest, random.int(0, span)) });
    transfers += 1;
  }
}

function addDemoBAccounts(builder: TenantBuilder): void {
  builder.addUser("quantri_b", null, "Văn phòng Đảng ủy phường Mẫu B");
  const block1 = builder.unit(DEMO_UNITS.block1B.code).row;
  const secretary = builder.holderOf(block1, "SECRETARY");
  if (!secretary) throw new Error("demo data: missing secretary of Khu phố 1");
  builder.addUser("bithu_b", secretary);
}

function generate(
  spec: TenantSpec,
  options: GenerateOptions,
  extras: (builder: TenantBuilder) => void,
): TenantDataset {
  const builder = new TenantBuilder(spec, todayUtc(options.asOf), options.newId ?? randomUUID);
  builder.buildTree();
  builder.buildMembers();
  builder.buildPositions();
  extras(builder);
  builder.buildMemberships();
  return builder.data;
}

export function generateDemoTenant(options: GenerateOptions): TenantDataset {
  return generate(DEMO_SPEC, options, (builder) => {
    addDemoAccounts(builder);
    addDemoSpecialCases(builder);
  });
}

export function generateDemoBTenant(options: GenerateOptions): TenantDataset {
  return generate(DEMO_B_SPEC, options, addDemoBAccounts);
}
