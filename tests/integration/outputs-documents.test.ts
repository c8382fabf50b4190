// The official documents served by /api/v1/meetings/{id}/minutes.docx and /resolution.docx, read
// from the meeting's own record and parsed back; who may download them.
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as minutesDocxRoute from "@/app/api/v1/meetings/[id]/minutes.docx/route";
import * as resolutionDocxRoute from "@/app/api/v1/meetings/[id]/resolution.docx/route";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { docxParagraphs, unzip } from "@/tests/fixtures/docx";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type FixtureMeeting, type FixtureUser, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

let t: MeetingTenant;
let held: FixtureMeeting;
let planned: FixtureMeeting;

function signIn(user: FixtureUser | null): void {
  session.current = user ? { user: { id: user.id }, tenantId: user.tenantId } : null;
}

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 6 });
  const [m0, m1, m2, m3, m4, m5] = t.members;
  held = await makeMeeting({
    tenant: t,
    state: "MINUTES_ADOPTED",
    title: "Sinh hoạt chi bộ thường kỳ tháng 3/2025",
    plannedStart: "2025-03-05T07:00:00.000Z",
    actualStart: "2025-03-05T07:00:00.000Z",
    actualEnd: "2025-03-05T08:45:00.000Z",
    attendance: { [m0!.id]: "PRESENT", [m1!.id]: "PRESENT", [m2!.id]: "PRESENT", [m3!.id]: "PRESENT", [m4!.id]: "ABSENT_EXCUSED", [m5!.id]: "ABSENT_UNEXCUSED" },
    resolution: { number: "05-NQ/CB", body: "Hoàn thành dự toán ngân sách quý II.", votesFor: 4, votesAgainst: 0, votesAbstain: 0 },
  });
  planned = await makeMeeting({ tenant: t, state: "PLANNED", plannedStart: "2025-04-05T07:00:00.000Z" });
  await withTenant(t.tenantId, async (tx) => {
    const tenantId = t.tenantId;
    await tx.attendance.updateMany({ where: { tenantId, meetingId: held.id, memberId: m4!.id }, data: { reason: "Đi công tác" } });
    await tx.meeting.update({
      where: { tenantId_id: { tenantId, id: held.id } },
      data: { chairMemberId: m0!.id, clerkMemberId: m1!.id },
    });
    await tx.position.create({ data: { tenantId, memberId: m0!.id, orgUnitId: t.branch.id, kind: "SECRETARY", termFrom: fixtureDay("2020-01-01") } });
    await tx.meetingGuest.create({ data: { tenantId, meetingId: held.id, name: "Võ Thị Hạnh", title: "Đảng ủy viên Đảng bộ Sở" } });
    await tx.speech.createMany({
      data: [
        { tenantId, meetingId: held.id, memberId: m2!.id, summary: "Đề nghị đẩy nhanh tiến độ giải ngân.", position: 1 },
        { tenantId, meetingId: held.id, memberId: m3!.id, summary: "Thống nhất với dự thảo nghị quyết.", position: 2 },
      ],
    });
    await tx.taskAssignment.createMany({
      data: [
        { tenantId, meetingId: held.id, memberId: m2!.id, content: "Tổng hợp báo cáo giải ngân", deadline: fixtureDay("2025-03-31") },
        { tenantId, meetingId: held.id, memberId: m3!.id, content: "Rà soát hồ sơ quyết toán", deadline: fixtureDay("2025-04-04") },
      ],
    });
    await tx.resolution.updateMany({ where: { tenantId, meetingId: held.id }, data: { voteDenominator: 5 } });
    await tx.setting.create({ data: { tenantId, key: "documents.placeName", value: "Lâm Đồng", effectiveFrom: fixtureDay("2020-01-01") } });
  });
});

beforeEach(() => signIn(t.recorder));

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function get(kind: "minutes" | "resolution", meetingId: string): Promise<Response> {
  const route = kind === "minutes" ? minutesDocxRoute : resolutionDocxRoute;
  return route.GET(apiRequest("GET", `/api/v1/meetings/${meetingId}/${kind}.docx`), routeContext({ id: meetingId }));
}

describe("biên bản DOCX", () => {
  test("a Word file named after the branch and day, with the record's fields", async () => {
    const response = await get("minutes", held.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toContain('filename="bien-ban-chi-bo-phong-ngan-sach-2025-03-05.docx"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(unzip(bytes).has("word/document.xml")).toBe(true);
    const paragraphs = docxParagraphs(bytes);
    const text = paragraphs.join("\n");
    expect(paragraphs).toContain("ĐẢNG BỘ SỞ TÀI CHÍNH");
    expect(paragraphs).toContain("CHI BỘ PHÒNG NGÂN SÁCH");
    expect(paragraphs).toContain("Số 05-BB/CB");
    expect(paragraphs).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(paragraphs).toContain("Lâm Đồng, ngày 05 tháng 3 năm 2025");
    expect(paragraphs).toContain("BIÊN BẢN");
    expect(text).toContain("Bắt đầu lúc 14 giờ 00 phút, ngày 05 tháng 3 năm 2025.");
    expect(text).toContain("Tổng số đảng viên của chi bộ: 6 đồng chí (6 chính thức, 0 dự bị).");
    expect(text).toContain("Có mặt: 4/6 đồng chí, đạt tỷ lệ 66,7%.");
    expect(text).toMatch(/Vắng có lý do: 1 đồng chí \(.+ \(Đi công tác\)\)\./);
    expect(text).toMatch(/Vắng không lý do: 1 đồng chí \(/);
    expect(text).toContain("Đại biểu dự: đồng chí Võ Thị Hạnh – Đảng ủy viên Đảng bộ Sở.");
    expect(text).toContain(`Chủ trì: đồng chí ${t.members[0]!.fullName}.`);
    expect(text).toContain(`Thư ký: đồng chí ${t.members[1]!.fullName}.`);
    expect(text).toContain(`- Đồng chí ${t.members[2]!.fullName}: Đề nghị đẩy nhanh tiến độ giải ngân.`);
    expect(text).toContain("Số đảng viên phát biểu: 2/4 đồng chí có mặt, đạt tỷ lệ 50,0%.");
    expect(text).toContain("Chi bộ thông qua nghị quyết với 4/5 đồng chí tán thành, đạt tỷ lệ 80,0%.");
    expect(text).toContain("Tổng hợp báo cáo giải ngân");
    expect(text).toContain("31/03/2025");
    expect(text).toContain("Buổi sinh hoạt kết thúc lúc 15 giờ 45 phút cùng ngày.");
    expect(paragraphs).toContain("THƯ KÝ");
    expect(paragraphs).toContain("CHỦ TRÌ");
  });

  test("a branch member may download it; a recorder of another branch gets a 404; no session is a 401", async () => {
    signIn(t.member);
    expect((await get("minutes", held.id)).status).toBe(200);
    signIn(t.recorder2);
    const foreign = await get("minutes", held.id);
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/Không tìm thấy kỳ sinh hoạt/);
    signIn(null);
    expect((await get("minutes", held.id)).status).toBe(401);
    signIn(t.recorder);
    expect((await get("minutes", "not-a-uuid")).status).toBe(404);
  });
});

describe("nghị quyết DOCX", () => {
  test("number, vote line with its denominator, recipients and the committee's signature", async () => {
    const response = await get("resolution", held.id);
    expect(response.status).toBe(200);
    const paragraphs = docxParagraphs(new Uint8Array(await response.arrayBuffer()));
    const text = paragraphs.join("\n");
    expect(paragraphs).toContain("Số 05-NQ/CB");
    expect(paragraphs).toContain("NGHỊ QUYẾT");
    expect(text).toContain("CHI BỘ PHÒNG NGÂN SÁCH QUYẾT NGHỊ:");
    expect(text).toContain("Hoàn thành dự toán ngân sách quý II.");
    expect(text).toContain("với 4/5 đồng chí tán thành, đạt tỷ lệ 80,0%");
    expect(paragraphs).toContain("Nơi nhận:");
    expect(paragraphs).toContain("- Đảng bộ Sở Tài chính (để báo cáo),");
    // The fixture branch has a chi ủy; its secretary signs.
    expect(paragraphs).toContain("T/M CHI ỦY");
    expect(paragraphs).toContain("BÍ THƯ");
    expect(paragraphs).toContain(t.members[0]!.fullName);
  });

  test("a meeting without a resolution has none to export: 404 with what to do", async () => {
    const response = await get("resolution", planned.id);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/chưa có nghị quyết/);
    // The minutes of a meeting not yet held still export, as a draft with empty parts.
    const draft = await get("minutes", planned.id);
    expect(draft.status).toBe(200);
    expect(docxParagraphs(new Uint8Array(await draft.arrayBuffer())).join("\n")).toContain("Chưa điểm danh đủ đảng viên");
  });
});
