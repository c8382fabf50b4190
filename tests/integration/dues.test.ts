// Issue 14 item 6: đảng phí status per member per month (paid / not paid / exempt), entered by the
// branch's secretary on the month grid or imported from CSV, announced on the meeting page (who has
// not paid for earlier months), and feeding the dues half of Charter Art. 8.1: three months unpaid
// without good reason in the year → flagged, like the absence counter. Before, none of it existed.
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as duesRoute from "@/app/api/v1/org-units/[id]/dues/route";
import * as duesImportRoute from "@/app/api/v1/org-units/[id]/dues/import/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getDuesGrid, importDuesCsv, setDuesMonth } from "@/lib/dues/dues";
import { getDuesAnnouncement } from "@/lib/meetings/dues-announcement";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { attendanceSheetJson, getAttendanceSheet, membersToWatch } from "@/lib/meetings/attendance";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";
import { addMember, at14 } from "@/tests/fixtures/record";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));
const signIn = (user: Principal) => {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
};

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant();
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const card = (memberId: string) => `MC-${memberId.slice(0, 13)}`;

describe("đảng phí per member per month", () => {
  test("the secretary marks months on the grid; each change is audited; the grid shows the Art. 8.1 count", async () => {
    const [a, b] = t.members.map((m) => m.id);
    for (const month of ["2026-01", "2026-02"]) await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: a!, month, status: "UNPAID" });
    await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: a!, month: "2026-03", status: "UNPAID", goodReason: true, note: "Ốm nằm viện" });
    await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: b!, month: "2026-01", status: "PAID" });
    // The same tap again writes nothing; an empty status clears the month (a mistake undone).
    expect(await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: b!, month: "2026-01", status: "PAID" })).toEqual({ changed: false });
    await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: b!, month: "2026-02", status: "EXEMPT" });
    expect(await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: b!, month: "2026-02", status: "" })).toEqual({ changed: true });

    const grid = await getDuesGrid(t.recorder, t.branch.id, 2026);
    const rowA = grid.rows.find((r) => r.memberId === a)!;
    expect(rowA.cells.slice(0, 4).map((c) => c.status)).toEqual(["UNPAID", "UNPAID", "UNPAID", null]);
    expect(rowA.unpaid).toEqual({ months: [1, 2], status: "WARN" });
    expect(grid.rows.find((r) => r.memberId === b)!.cells.slice(0, 2).map((c) => c.status)).toEqual(["PAID", null]);
    expect(grid.canEdit).toBe(true);
    expect(grid.rates).toMatchObject({ ruleSet: "QD01_2026", rates: expect.arrayContaining([{ basis: "PENSION", percent: 0.5, fixedDong: null }]) });

    const audits = await ownerDb().auditEntry.count({ where: { tenantId: t.tenantId, action: "dues.set", entityId: a } });
    expect(audits).toBe(3);

    // A fourth unpaid month without reason: three counted → flagged.
    await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: a!, month: "2026-04", status: "UNPAID" });
    expect((await getDuesGrid(t.recorder, t.branch.id, 2026)).rows.find((r) => r.memberId === a)!.unpaid).toEqual({ months: [1, 2, 4], status: "FLAG" });
  });

  test("refusals: a month the member was not on the roll, a bad status, another branch's secretary, a member account", async () => {
    const late = await addMember(t, t.branch.id, { from: "2026-05-10" });
    const error = await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: late.id, month: "2026-04", status: "PAID" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.memberId).toEqual(["Đảng viên này không sinh hoạt ở chi bộ trong tháng 4/2026, nên không ghi đảng phí ở đây."]);
    await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: late.id, month: "2026-05", status: "PAID" });

    const bad = await setDuesMonth(t.recorder, { branchId: t.branch.id, memberId: late.id, month: "2026-13", status: "MAYBE" }).catch((e: unknown) => e);
    expect((bad as ValidationError).fieldErrors).toMatchObject({
      month: ["Tháng không hợp lệ: ghi theo dạng năm-tháng, ví dụ 2026-03."],
      status: ["Trạng thái không hợp lệ: chọn Đã nộp, Chưa nộp hoặc Miễn."],
    });
    await expect(setDuesMonth(t.recorder2, { branchId: t.branch.id, memberId: late.id, month: "2026-05", status: "UNPAID" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDuesGrid(t.member, t.branch.id, 2026)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("CSV import: all lines or none, the bad line named", async () => {
    const [, , c, d] = t.members.map((m) => m.id);
    const bad = `Số thẻ;Tháng;Trạng thái\n${card(c!)};2026-01;Đã nộp\nMC-khong-co;2026-01;Chưa nộp\n`;
    const error = await importDuesCsv(t.recorder, { branchId: t.branch.id, csv: bad }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors.csv).toEqual(["Dòng 3: không tìm thấy đảng viên có số thẻ MC-khong-co."]);
    expect(await ownerDb().duesMonth.count({ where: { tenantId: t.tenantId, memberId: c } })).toBe(0);

    signIn(t.recorder);
    const csv = `Số thẻ,Tháng,Trạng thái,Lý do chính đáng,Ghi chú\n${card(c!)},2026-01,Đã nộp,,\n${card(d!)},2026-01,Miễn,,Điều trị dài ngày\n${card(d!)},2026-02,chưa nộp,có,\n`;
    const response = await duesImportRoute.POST(apiRequest("POST", `/api/v1/org-units/${t.branch.id}/dues/import`, { csv }), routeContext({ id: t.branch.id }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ rows: 3, changed: 3 });
    const grid = await (await duesRoute.GET(apiRequest("GET", `/api/v1/org-units/${t.branch.id}/dues?year=2026`), routeContext({ id: t.branch.id }))).json();
    const rowD = (grid as Awaited<ReturnType<typeof getDuesGrid>>).rows.find((r) => r.memberId === d)!;
    expect(rowD.cells.slice(0, 2)).toMatchObject([{ status: "EXEMPT", note: "Điều trị dài ngày" }, { status: "UNPAID", goodReason: true }]);
    expect(rowD.unpaid.status).toBe("OK");
  });

  test("the meeting announces who has not paid for earlier months of the year, with the Art. 8.1 flag", async () => {
    const [a] = t.members.map((m) => m.id);
    const may = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14("2026-05-06") });
    const said = await getDuesAnnouncement(t.recorder, may.id);
    expect(said.throughMonth).toBe(4);
    expect(said.unpaid.find((m) => m.memberId === a)).toMatchObject({ months: [1, 2, 4], goodReasonMonths: [3], status: "FLAG" });
    // A March meeting reads January and February only.
    const march = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14("2026-03-04") });
    expect((await getDuesAnnouncement(t.recorder, march.id)).unpaid.find((m) => m.memberId === a)).toMatchObject({ months: [1, 2], status: "WARN" });
    const january = await makeMeeting({ tenant: t, state: "NOTIFIED", plannedStart: at14("2026-01-07") });
    expect(await getDuesAnnouncement(t.recorder, january.id)).toMatchObject({ throughMonth: 0, unpaid: [] });
  });

  test("the attendance page's members to watch carry the dues flag: three months unpaid without good reason", async () => {
    // branch2 has no dues yet. members2[0]: January–March unpaid without reason → FLAG. members2[1]:
    // two unpaid, one more with a good reason → WARN. members2[2]: only May, the meeting's own month
    // (not yet due at the meeting) → not watched.
    const [flagged, warned] = t.members2.map((m) => m.id);
    const current = (await addMember(t, t.branch2.id, { from: "2025-01-01" })).id;
    const set = (memberId: string, month: string, goodReason = false) =>
      setDuesMonth(t.recorder2, { branchId: t.branch2.id, memberId, month, status: "UNPAID", goodReason });
    for (const month of ["2026-01", "2026-02", "2026-03"]) await set(flagged!, month);
    await set(warned!, "2026-01");
    await set(warned!, "2026-02");
    await set(warned!, "2026-03", true);
    await set(current, "2026-05");

    const meeting = await makeMeeting({ tenant: t, branchId: t.branch2.id, state: "NOTIFIED", plannedStart: at14("2026-05-12") });
    const sheet = await getAttendanceSheet(t.recorder2, meeting.id);
    const watch = Object.fromEntries(membersToWatch(sheet).map((w) => [w.memberId, w]));
    expect(watch[flagged!]).toMatchObject({
      duesUnpaidMonths: [1, 2, 3],
      duesStatus: "FLAG",
      duesExplanation: "Chưa nộp đảng phí 3 tháng không có lý do chính đáng (tháng 1, 2, 3/2026): xem xét xóa tên (Điều 8 Điều lệ Đảng).",
      // No absences: the dues counter alone puts them on the list.
      unexcusedStatus: "OK",
    });
    expect(watch[warned!]).toMatchObject({
      duesUnpaidMonths: [1, 2],
      duesStatus: "WARN",
      duesExplanation: "Chưa nộp đảng phí 2 tháng không có lý do chính đáng (tháng 1, 2/2026): cần nhắc nhở.",
    });
    expect(watch[current]).toBeUndefined();
    // The board reads the same counter from the sheet; the JSON twin lists the same members.
    expect(sheet.dues[flagged!]).toEqual({ months: [1, 2, 3], status: "FLAG" });
    expect(
      attendanceSheetJson(sheet)
        .watch.map((w) => w.memberId)
        .sort(),
    ).toEqual([flagged!, warned!].sort());
  });
});
