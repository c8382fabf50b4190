// Issue 14 item 5 (last part): whether a branch has a chi ủy follows its official members on the
// meeting day (SPEC §1.1: ≥ 9 elect one), unless the unit records a manual decision with a reason.
// Before, it was a checkbox: a branch that grew to 9 officials stayed "no chi ủy" (P3 full marks
// without a chi ủy meeting) until someone ticked it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ValidationError } from "@/lib/errors";
import { loadMeeting } from "@/lib/meetings/access";
import { getPreparation } from "@/lib/meetings/preparation";
import { hasCommitteeOn } from "@/lib/org/committee";
import { getOrgUnitForEdit, updateOrgUnit } from "@/lib/org/units";
import { deriveMeetingFacts } from "@/lib/scoring/meeting-facts";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { addMember } from "@/tests/fixtures/record";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant();
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const committee = (branchId: string, day: string) => withTenant(t.tenantId, (tx) => hasCommitteeOn(tx, t.tenantId, branchId, fixtureDay(day)));
const facts = (meetingId: string) =>
  withTenant(t.tenantId, async (tx) => (await deriveMeetingFacts(tx, await loadMeeting(tx, t.recorder2, meetingId))).facts);

describe("a branch's chi ủy on the meeting day", () => {
  test("follows the official members on the day: 8 → none, 9 → a chi ủy; a probationary member or one who joins later does not count", async () => {
    // branch2 has 2 officials; 6 more officials, a probationary member and one who joins in June.
    for (let i = 0; i < 6; i += 1) await addMember(t, t.branch2.id);
    await addMember(t, t.branch2.id, { probationary: true });
    await addMember(t, t.branch2.id, { from: "2025-06-01" });
    expect(await committee(t.branch2.id, "2025-03-05")).toMatchObject({ hasCommittee: false, source: "officials", officials: 8, threshold: 9 });
    expect(await committee(t.branch2.id, "2025-06-05")).toMatchObject({ hasCommittee: true, source: "officials", officials: 9 });

    // The scorecard's facts and the preparation page read the same answer on the meeting's day.
    const march = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "HELD", plannedStart: "2025-03-05T07:00:00.000Z" });
    const june = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "HELD", plannedStart: "2025-06-05T07:00:00.000Z" });
    expect((await facts(march.id)).hasCommittee).toBe(false);
    expect((await facts(june.id)).hasCommittee).toBe(true);
    expect((await getPreparation(t.recorder2, june.id)).meeting.branch.hasCommittee).toBe(true);
    expect((await getPreparation(t.recorder2, march.id)).meeting.branch.committeeRule).toMatchObject({ source: "officials", officials: 8 });
  });

  test("the fixture branch's 5 officials keep a chi ủy by a manual decision with its reason", async () => {
    expect(await committee(t.branch.id, "2025-03-05")).toMatchObject({
      hasCommittee: true,
      source: "override",
      officials: 5,
      reason: "Giữ chi ủy đã bầu đến hết nhiệm kỳ (dữ liệu thử).",
    });
  });

  test("a manual decision needs a reason (Vietnamese, on the field), is audited, and 'automatic' goes back to the count", async () => {
    const unit = (await getOrgUnitForEdit(t.admin, t.branch2.id))!;
    expect(unit.committeeToday).toMatchObject({ hasCommittee: true, source: "officials" });
    const base = { id: unit.id, name: unit.name, kind: unit.kind, category: "", code: "" };

    const error = await updateOrgUnit(t.admin, { ...base, version: unit.version, hasCommittee: "no", committeeReason: "  " }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      committeeReason: ["Vui lòng ghi lý do khi quyết định riêng chi bộ có hay không có chi ủy (không theo quy tắc 9 đảng viên chính thức)."],
    });

    const reason = "Đảng ủy cấp trên chưa chuẩn y kết quả bầu chi ủy.";
    await updateOrgUnit(t.admin, { ...base, version: unit.version, hasCommittee: "no", committeeReason: reason });
    expect(await committee(t.branch2.id, "2025-06-05")).toMatchObject({ hasCommittee: false, source: "override", officials: 9, reason });
    const audit = await ownerDb().auditEntry.findFirstOrThrow({
      where: { tenantId: t.tenantId, entityId: t.branch2.id, action: "orgUnit.update" },
      orderBy: { at: "desc" },
    });
    expect(audit.before).toEqual({ hasCommittee: null, committeeReason: null });
    expect(audit.after).toEqual({ hasCommittee: false, committeeReason: reason });

    await updateOrgUnit(t.admin, { ...base, version: unit.version + 1, hasCommittee: "auto", committeeReason: "bỏ qua" });
    expect(await committee(t.branch2.id, "2025-06-05")).toMatchObject({ hasCommittee: true, source: "officials", reason: null });
  });
});
