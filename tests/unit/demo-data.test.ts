import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_B_TENANT_CODE, DEMO_TENANT_CODE, DEMO_UNITS, generateDemoBTenant, generateDemoTenant, utcDate, type OrgUnitRow, type TenantDataset } from "@/lib/seed/demo-data";
import { KNOWN_FAMILY_NAMES } from "@/lib/seed/names";
import { createRandom, mulberry32 } from "@/lib/seed/random";
import { addMonths, fullYears } from "@/lib/time/days";

const AS_OF = utcDate("2026-11-21");

function counterIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
}

const demo = generateDemoTenant({ asOf: AS_OF, newId: counterIds() });
const demoB = generateDemoBTenant({ asOf: AS_OF, newId: counterIds() });

const isBranch = (unit: OrgUnitRow) => unit.kind === "BRANCH" || unit.kind === "GRASSROOTS_BRANCH";

function membersOf(data: TenantDataset, unitId: string) {
  return data.members.filter((member) => member.branchId === unitId);
}

function unitByCode(data: TenantDataset, code: string): OrgUnitRow {
  const unit = data.orgUnits.find((candidate) => candidate.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

describe("seeded PRNG", () => {
  it("repeats its sequence for the same seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(first.slice(0, 5));
  });

  it("int() covers both ends of its range", () => {
    const random = createRandom(7);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe("demo tenant generation", () => {
  it("is deterministic for the same day and id factory", () => {
    const again = generateDemoTenant({ asOf: AS_OF, newId: counterIds() });
    expect(again).toEqual(demo);
    expect(generateDemoBTenant({ asOf: AS_OF, newId: counterIds() })).toEqual(demoB);
  });

  it("uses random uuids by default", () => {
    const data = generateDemoTenant({ asOf: AS_OF });
    expect(data.tenant.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(data.members.map((member) => member.id)).size).toBe(data.members.length);
    // Same people, different ids.
    expect(data.members.map((member) => member.fullName)).toEqual(demo.members.map((member) => member.fullName));
  });

  it("builds a consistent tree: one root, ~12 grassroots organisations, a đảng bộ bộ phận, ~40 branches", () => {
    const byId = new Map(demo.orgUnits.map((unit) => [unit.id, unit]));
    const roots = demo.orgUnits.filter((unit) => unit.parentId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.kind).toBe("BLOC_COMMITTEE");
    expect(roots[0]?.path).toBe(`/${roots[0]?.id}/`);
    for (const unit of demo.orgUnits) {
      if (!unit.parentId) continue;
      const parent = byId.get(unit.parentId);
      expect(parent).toBeDefined();
      expect(unit.path).toBe(`${parent?.path}${unit.id}/`);
      expect(unit.depth).toBe((parent?.depth ?? -1) + 1);
      // Parents precede children, so bulk insertion never references a missing parent.
      expect(demo.orgUnits.indexOf(parent as OrgUnitRow)).toBeLessThan(demo.orgUnits.indexOf(unit));
      expect(unit.activeFrom.getTime()).toBeGreaterThanOrEqual(parent?.activeFrom.getTime() ?? 0);
      expect(unit.activeFrom.getTime()).toBeLessThan(AS_OF.getTime());
    }
    const grassroots = demo.orgUnits.filter((unit) => unit.parentId === roots[0]?.id);
    expect(grassroots.length).toBeGreaterThanOrEqual(10);
    expect(grassroots.length).toBeLessThanOrEqual(14);
    expect(grassroots.every((unit) => unit.kind === "GRASSROOTS_COMMITTEE" || unit.kind === "GRASSROOTS_BRANCH")).toBe(true);
    expect(new Set(grassroots.map((unit) => unit.kind)).size).toBe(2);

    const subCommittees = demo.orgUnits.filter((unit) => unit.kind === "SUB_COMMITTEE");
    expect(subCommittees.length).toBeGreaterThanOrEqual(1);
    for (const sub of subCommittees) {
      expect(byId.get(sub.parentId ?? "")?.kind).toBe("GRASSROOTS_COMMITTEE");
      expect(demo.orgUnits.some((unit) => unit.parentId === sub.id && unit.kind === "BRANCH")).toBe(true);
    }

    const branches = demo.orgUnits.filter(isBranch);
    expect(branches.length).toBeGreaterThanOrEqual(35);
    expect(branches.length).toBeLessThanOrEqual(45);
    // Branches hold meetings; they have no child units in this tree.
    expect(branches.every((branch) => !demo.orgUnits.some((unit) => unit.parentId === branch.id))).toBe(true);
    expect(demo.orgUnits.filter((unit) => !isBranch(unit)).every((unit) => membersOf(demo, unit.id).length === 0)).toBe(true);
    expect(new Set(demo.orgUnits.map((unit) => unit.code)).size).toBe(demo.orgUnits.length);
    expect(demo.orgUnits.filter((unit) => unit.parentId !== null).every((unit) => unit.category !== null)).toBe(true);
  });

  it("follows the formation rules: chi bộ cơ sở < 30 members, đảng bộ cơ sở ≥ 30, chi ủy from 9 officials", () => {
    const root = demo.orgUnits.find((unit) => unit.parentId === null);
    for (const unit of demo.orgUnits.filter((candidate) => candidate.parentId === root?.id)) {
      const inSubtree = demo.members.filter((member) =>
        demo.orgUnits.some((branch) => branch.id === member.branchId && branch.path.startsWith(unit.path)),
      ).length;
      if (unit.kind === "GRASSROOTS_BRANCH") expect(inSubtree).toBeLessThan(30);
      else expect(inSubtree).toBeGreaterThanOrEqual(30);
    }
    for (const branch of demo.orgUnits.filter(isBranch)) {
      const officials = membersOf(demo, branch.id).filter((member) => member.status === "OFFICIAL").length;
      expect(officials).toBeGreaterThanOrEqual(3);
      expect(branch.hasCommittee).toBe(officials >= 9);
    }
  });

  it("distributes about 900 members realistically (3 to ~60 per branch, median in the low 20s)", () => {
    const sizes = demo.orgUnits.filter(isBranch).map((branch) => membersOf(demo, branch.id).length);
    expect(demo.members.length).toBeGreaterThanOrEqual(850);
    expect(demo.members.length).toBeLessThanOrEqual(950);
    expect(Math.min(...sizes)).toBe(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(60);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(45);
    expect(median(sizes)).toBeGreaterThanOrEqual(20);
    expect(median(sizes)).toBeLessThanOrEqual(25);
  });

  it("generates plausible Vietnamese names", () => {
    for (const data of [demo, demoB]) {
      for (const member of data.members) {
        const words = member.fullName.split(" ");
        expect(words.length).toBeGreaterThanOrEqual(3);
        expect(words.length).toBeLessThanOrEqual(4);
        expect(KNOWN_FAMILY_NAMES.has(words[0] ?? "")).toBe(true);
        expect(member.fullName).toBe(member.fullName.normalize("NFC"));
        expect(words.every((word) => word.length > 0)).toBe(true);
        expect(new Set(words.slice(1)).size).toBe(words.length - 1);
        // "Thị" is a women's middle name, "Văn" almost always a man's.
        if (words.includes("Thị")) expect(member.gender).toBe("FEMALE");
        if (words[1] === "Văn") expect(member.gender).toBe("MALE");
      }
    }
    const families = new Map<string, number>();
    for (const member of demo.members) {
      const family = member.fullName.split(" ")[0] ?? "";
      families.set(family, (families.get(family) ?? 0) + 1);
    }
    const nguyen = (families.get("Nguyễn") ?? 0) / demo.members.length;
    expect(nguyen).toBeGreaterThan(0.25);
    expect(nguyen).toBeLessThan(0.5);
    expect(families.size).toBeGreaterThanOrEqual(15);
  });

  it("gives members coherent dates, statuses and unique party card numbers", () => {
    const ages = demo.members.map((member) => fullYears(member.birthDate, AS_OF));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(24);
    expect(Math.max(...ages)).toBeLessThanOrEqual(62);

    const probationary = demo.members.filter((member) => member.status === "PROBATIONARY");
    expect(probationary.length / demo.members.length).toBeGreaterThan(0.02);
    expect(probationary.length / demo.members.length).toBeLessThan(0.06);
    for (const member of probationary) {
      expect(member.officialOn).toBeNull();
      expect(member.partyCardNumber).toBeNull();
      expect(member.admittedOn.getTime()).toBeLessThanOrEqual(AS_OF.getTime());
      expect(member.admittedOn.getTime()).toBeGreaterThan(addMonths(AS_OF, -12).getTime());
    }
    for (const member of demo.members.filter((candidate) => candidate.status === "OFFICIAL")) {
      expect(member.officialOn).toEqual(addMonths(member.admittedOn, 12));
      expect(member.officialOn?.getTime()).toBeLessThanOrEqual(AS_OF.getTime());
      expect(fullYears(member.birthDate, member.admittedOn)).toBeGreaterThanOrEqual(18);
      expect(member.partyCardNumber).toMatch(/^79\d{6}$/);
    }
    const cards = demo.members.flatMap((member) => (member.partyCardNumber ? [member.partyCardNumber] : []));
    expect(new Set(cards).size).toBe(cards.length);
    expect(demo.members.every((member) => member.occupation.length > 0 && member.ethnicity.length > 0)).toBe(true);
  });

  it("records one open membership per member, and a few earlier ones closed by a transfer", () => {
    const units = new Map(demo.orgUnits.map((unit) => [unit.id, unit]));
    for (const member of demo.members.filter((candidate) => candidate.endedOn === null)) {
      const rows = demo.branchMemberships.filter((row) => row.memberId === member.id);
      const open = rows.filter((row) => row.validTo === null);
      expect(open).toHaveLength(1);
      expect(open[0]?.branchId).toBe(member.branchId);
      for (const row of rows) {
        expect(row.validFrom.getTime()).toBeGreaterThanOrEqual(member.admittedOn.getTime());
        expect(row.validFrom.getTime()).toBeGreaterThanOrEqual(units.get(row.branchId)?.activeFrom.getTime() ?? 0);
        if (row.validTo) {
          expect(row.branchId).not.toBe(member.branchId);
          expect(row.validTo.getTime()).toBeGreaterThanOrEqual(row.validFrom.getTime());
          expect(row.validTo.getTime()).toBeLessThan(open[0]?.validFrom.getTime() ?? 0);
        }
      }
    }
    const closedByTransfer = demo.branchMemberships.filter(
      (row) => row.validTo !== null && demo.members.find((member) => member.id === row.memberId)?.branchId !== row.branchId,
    );
    expect(closedByTransfer.length).toBeGreaterThanOrEqual(4);
    expect(closedByTransfer.length).toBeLessThanOrEqual(6);
  });

  it("includes one member who left the roll: membership closed the day before, no position, history kept", () => {
    const ended = demo.members.filter((member) => member.endedOn !== null);
    expect(ended).toHaveLength(1);
    const member = ended[0]!;
    expect(member.endReason).toBe("TRANSFERRED_OUT");
    expect(member.endedOn!.getTime()).toBeLessThan(AS_OF.getTime());
    const rows = demo.branchMemberships.filter((row) => row.memberId === member.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ branchId: member.branchId, validTo: new Date(member.endedOn!.getTime() - 86_400_000) });
    expect(rows[0]!.validFrom.getTime()).toBeLessThanOrEqual(rows[0]!.validTo!.getTime());
    expect(demo.positions.some((position) => position.memberId === member.id)).toBe(false);
    expect(demo.users.some((user) => user.memberId === member.id)).toBe(false);
  });

  it("links three working members to their residence (QĐ 213): inside the tenant, outside by name, one exempt", () => {
    expect(demo.residenceLinks).toHaveLength(3);
    const inside = demo.residenceLinks.filter((link) => link.residenceBranchId !== null);
    expect(inside).toHaveLength(1);
    const member = demo.members.find((candidate) => candidate.id === inside[0]!.memberId);
    expect(inside[0]!.residenceBranchId).not.toBe(member?.branchId);
    expect(demo.orgUnits.some((unit) => unit.id === inside[0]!.residenceBranchId && isBranch(unit))).toBe(true);
    expect(demo.residenceLinks.every((link) => (link.residenceBranchId === null) !== (link.residenceBranchName === null))).toBe(true);
    const exempt = demo.residenceLinks.filter((link) => link.exempt);
    expect(exempt).toHaveLength(1);
    expect(exempt[0]!.exemptReason).toBeTruthy();
    // One comment per year and link, for the last full year, received after it ended; none for the exempt link.
    expect(demo.residenceComments).toHaveLength(2);
    for (const comment of demo.residenceComments) {
      const link = demo.residenceLinks.find((candidate) => candidate.id === comment.residenceLinkId);
      expect(link?.exempt).toBe(false);
      expect(comment.year).toBe(2025);
      expect(comment.receivedOn.getTime()).toBeLessThanOrEqual(AS_OF.getTime());
      expect(link!.fromDate.getUTCFullYear()).toBeLessThanOrEqual(comment.year);
    }
    const linked = new Set(demo.residenceLinks.map((link) => link.memberId));
    expect(demo.members.filter((m) => linked.has(m.id)).every((m) => m.endedOn === null && m.admittedOn < demo.residenceLinks[0]!.fromDate)).toBe(true);
  });

  it("seats a secretary in every branch and committee, chi ủy of at most 7, officials only", () => {
    const members = new Map(demo.members.map((member) => [member.id, member]));
    const units = new Map(demo.orgUnits.map((unit) => [unit.id, unit]));
    for (const unit of demo.orgUnits) {
      const positions = demo.positions.filter((position) => position.orgUnitId === unit.id);
      expect(positions.filter((position) => position.kind === "SECRETARY")).toHaveLength(1);
      expect(positions.filter((position) => position.kind === "DEPUTY_SECRETARY").length).toBeLessThanOrEqual(1);
      expect(positions.length).toBeLessThanOrEqual(7);
      expect(new Set(positions.map((position) => position.memberId)).size).toBe(positions.length);
      if (isBranch(unit) && unit.hasCommittee) expect(positions.length).toBeGreaterThanOrEqual(3);
    }
    for (const position of demo.positions) {
      const member = members.get(position.memberId);
      const unit = units.get(position.orgUnitId);
      const branch = units.get(member?.branchId ?? "");
      expect(member?.status).toBe("OFFICIAL");
      expect(member?.officialOn?.getTime()).toBeLessThanOrEqual(position.termFrom.getTime());
      expect(branch?.path.startsWith(unit?.path ?? "?")).toBe(true);
      expect(position.termFrom.getUTCFullYear()).toBe(2025);
      expect(position.termTo).toBeNull();
    }
  });

  it("includes exemptions, temporary transfers (inside and outside the tenant) and suspensions", () => {
    expect(demo.exemptions.length).toBeGreaterThanOrEqual(6);
    expect(demo.exemptions.length).toBeLessThanOrEqual(10);
    for (const exemption of demo.exemptions) {
      const member = demo.members.find((candidate) => candidate.id === exemption.memberId);
      if (exemption.reason.includes("nam trên 60")) {
        expect(member?.gender).toBe("MALE");
        expect(fullYears(member?.birthDate ?? AS_OF, exemption.fromDate)).toBeGreaterThanOrEqual(60);
      }
      if (exemption.reason.includes("nữ trên 55")) {
        expect(member?.gender).toBe("FEMALE");
        expect(fullYears(member?.birthDate ?? AS_OF, exemption.fromDate)).toBeGreaterThanOrEqual(55);
      }
    }
    expect(demo.temporaryTransfers.length).toBeGreaterThanOrEqual(4);
    expect(demo.temporaryTransfers.length).toBeLessThanOrEqual(6);
    expect(demo.temporaryTransfers.every((transfer) => (transfer.hostBranchId === null) !== (transfer.hostName === null))).toBe(true);
    expect(demo.temporaryTransfers.some((transfer) => transfer.hostName === "Chi bộ Học viện Chính trị khu vực I")).toBe(true);
    for (const transfer of demo.temporaryTransfers.filter((candidate) => candidate.hostBranchId)) {
      const member = demo.members.find((candidate) => candidate.id === transfer.memberId);
      expect(transfer.hostBranchId).not.toBe(member?.branchId);
      expect(demo.orgUnits.some((unit) => unit.id === transfer.hostBranchId && isBranch(unit))).toBe(true);
    }
    expect(demo.suspensions.length).toBeGreaterThanOrEqual(1);
    expect(demo.suspensions.length).toBeLessThanOrEqual(2);
    // Nobody is both in a position and in a special case.
    const special = new Set([...demo.exemptions, ...demo.temporaryTransfers, ...demo.suspensions].map((row) => row.memberId));
    expect(demo.positions.some((position) => special.has(position.memberId))).toBe(false);
  });

  it("creates the documented accounts with their grants and member links", () => {
    const expected = Object.entries(DEMO_ACCOUNTS).filter(([, account]) => account.tenantCode === DEMO_TENANT_CODE);
    expect(demo.users.map((user) => user.username).sort()).toEqual(expected.map(([username]) => username).sort());
    for (const [username, account] of expected) {
      const user = demo.users.find((candidate) => candidate.username === username);
      const grants = demo.roleGrants
        .filter((grant) => grant.userId === user?.id)
        .map((grant) => ({ role: grant.role, unitId: grant.orgUnitId }));
      expect(grants).toEqual(account.grants.map((grant) => ({ role: grant.role, unitId: unitByCode(demo, DEMO_UNITS[grant.unit].code).id })));
      const member = demo.members.find((candidate) => candidate.id === user?.memberId);
      expect(member).toBeDefined();
      expect(user?.displayName).toBe(member?.fullName);
      expect(user?.mustChangePassword).toBe(false);
    }
    const holds = (username: string) => {
      const memberId = demo.users.find((user) => user.username === username)?.memberId;
      return demo.positions.filter((position) => position.memberId === memberId);
    };
    const memberOf = (username: string) => {
      const memberId = demo.users.find((user) => user.username === username)?.memberId;
      return demo.members.find((member) => member.id === memberId);
    };
    const budget = unitByCode(demo, DEMO_UNITS.budgetBranch.code);
    const finance = unitByCode(demo, DEMO_UNITS.finance.code);
    const root = unitByCode(demo, DEMO_UNITS.root.code);

    expect(holds("bithu")).toContainEqual(expect.objectContaining({ orgUnitId: budget.id, kind: "SECRETARY" }));
    expect(memberOf("bithu")?.branchId).toBe(budget.id);
    const budgetSize = membersOf(demo, budget.id).length;
    expect(budgetSize).toBeGreaterThanOrEqual(20);
    expect(budgetSize).toBeLessThanOrEqual(30);

    expect(memberOf("dangvien")?.branchId).toBe(budget.id);
    expect(memberOf("dangvien")?.status).toBe("OFFICIAL");
    expect(holds("dangvien")).toEqual([]);

    expect(holds("capuy").some((position) => position.orgUnitId === finance.id)).toBe(true);
    expect(holds("lanhdao")).toContainEqual(expect.objectContaining({ orgUnitId: root.id, kind: "SECRETARY" }));
    expect(demo.adminUserId).toBe(demo.users.find((user) => user.username === "quantri")?.id);
  });

  it("builds the second, small tenant for isolation tests", () => {
    expect(demoB.tenant.code).toBe(DEMO_B_TENANT_CODE);
    expect(demoB.orgUnits.filter(isBranch)).toHaveLength(2);
    expect(demoB.orgUnits).toHaveLength(3);
    expect(demoB.members.length).toBeGreaterThanOrEqual(15);
    expect(demoB.members.length).toBeLessThanOrEqual(25);
    expect(demoB.users.map((user) => user.username).sort()).toEqual(["bithu_b", "quantri_b"]);
    const bithu = demoB.users.find((user) => user.username === "bithu_b");
    const block1 = unitByCode(demoB, DEMO_UNITS.block1B.code);
    expect(demoB.positions).toContainEqual(expect.objectContaining({ memberId: bithu?.memberId, orgUnitId: block1.id, kind: "SECRETARY" }));
    expect(demoB.roleGrants.find((grant) => grant.userId === bithu?.id)).toMatchObject({ role: "RECORDER", orgUnitId: block1.id });
    // Usernames are global: the two demo tenants must not share any.
    const demoNames = new Set(demo.users.map((user) => user.username));
    expect(demoB.users.some((user) => demoNames.has(user.username))).toBe(false);
    expect([demo, demoB].every((data) => data.members.every((member) => member.tenantId === data.tenant.id))).toBe(true);
  });
});
