// The classification JSON twins and outputs as an integration calls them (signed in as in
// record-api.test.ts, only Auth.js's cookie decoding replaced): the preview on the tenant's frames,
// a case through its steps over HTTP, the bản kiểm điểm and the review minutes as DOCX, the XLSX
// lists, the shares against the year's targets, frame administration and the cap setting.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as boardRoute from "@/app/api/v1/classification/route";
import * as casesRoute from "@/app/api/v1/classification/cases/route";
import * as decisionRoute from "@/app/api/v1/classification/cases/[id]/decision/route";
import * as appraisalRoute from "@/app/api/v1/classification/cases/[id]/appraisal/route";
import * as reviewRoute from "@/app/api/v1/classification/cases/[id]/review/route";
import * as selfReviewDocx from "@/app/api/v1/classification/cases/[id]/self-review.docx/route";
import * as exportRoute from "@/app/api/v1/classification/export/route";
import * as framesRoute from "@/app/api/v1/classification/frames/route";
import * as cloneRoute from "@/app/api/v1/classification/frames/[id]/clone/route";
import * as versionsRoute from "@/app/api/v1/classification/frames/[id]/versions/route";
import * as assignmentsRoute from "@/app/api/v1/classification/frame-assignments/route";
import * as previewRoute from "@/app/api/v1/classification/preview/route";
import * as minutesDocx from "@/app/api/v1/classification/review-meetings/[meetingId]/minutes.docx/route";
import * as selfRoute from "@/app/api/v1/classification/self-assessments/route";
import * as settingsRoute from "@/app/api/v1/classification/settings/route";
import * as sharesRoute from "@/app/api/v1/classification/shares/route";
import * as targetsRoute from "@/app/api/v1/classification/targets/route";
import { QD366_MEMBER } from "@/lib/classification/frames";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { docxParagraphs } from "@/tests/fixtures/docx";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

let t: MeetingTenant;
let meetingId: string;
const marks = { C1: 9, C2: 9, C3: 9, N1: 38, N2: 14, N3: 14 }; // 93
const facts = { allTasksOnTime: true, exceededPercent: 40, latePercent: 0 };

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 4 });
  meetingId = (await makeMeeting({ tenant: t, kind: "REVIEW", state: "MINUTES_ADOPTED", title: "Hội nghị kiểm điểm năm 2026", plannedStart: "2026-12-03T07:00:00.000Z" })).id;
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const body = async (response: Response) => (await response.json()) as Record<string, unknown> & { error?: string; fieldErrors?: Record<string, string[]> };

describe("preview", () => {
  test("classifies by frame code without writing; a refused proposal names the condition; bad marks are a 422", async () => {
    signIn(t.leader);
    const before = await ownerDb().classification.count({ where: { tenantId: t.tenantId } });
    const ok = await previewRoute.POST(apiRequest("POST", "/api/v1/classification/preview", { frameCode: "QD366_DANG_VIEN", marks, facts, proposedLevel: "EXCELLENT" }), routeContext({}));
    expect(ok.status).toBe(200);
    expect(await body(ok)).toMatchObject({ total: 93, level: "EXCELLENT", proposed: { allowed: true }, parts: { GENERAL: { points: 27 }, TASKS: { points: 66 } } });
    const refused = await body(await previewRoute.POST(apiRequest("POST", "/api/v1/classification/preview", { frameCode: "QD366_DANG_VIEN", marks, facts: { ...facts, exceededPercent: 10 }, proposedLevel: "EXCELLENT" }), routeContext({})));
    expect(refused).toMatchObject({ level: "GOOD", proposed: { allowed: false } });
    expect((refused.proposed as { reasons: string[] }).reasons[0]).toContain("XS_VUOT_MUC");
    const bad = await previewRoute.POST(apiRequest("POST", "/api/v1/classification/preview", { frame: QD366_MEMBER, marks: { ...marks, N1: 41 }, facts }), routeContext({}));
    expect(bad.status).toBe(422);
    expect((await body(bad)).fieldErrors).toEqual({ "marks.N1": ["Điểm tiêu chí N1 (41) vượt điểm tối đa 40."] });
    expect((await previewRoute.POST(apiRequest("POST", "/api/v1/classification/preview", { frameCode: "KHONG_CO", marks, facts }), routeContext({}))).status).toBe(404);
    expect(await ownerDb().classification.count({ where: { tenantId: t.tenantId } })).toBe(before);
  });
});

describe("a case over HTTP, its documents and the lists", () => {
  let caseId = "";

  test("self-assessment, review, appraisal and decision; a stale version is a 409", async () => {
    const member = t.members[1]!;
    signIn(t.recorder);
    const blank = await body(await casesRoute.GET(apiRequest("GET", `/api/v1/classification/cases?memberId=${member.id}&period=2026`), routeContext({})));
    expect(blank).toMatchObject({ id: null, version: 0, state: "DRAFT", frame: { code: "QD366_DANG_VIEN" } });
    const self = await selfRoute.POST(
      apiRequest("POST", "/api/v1/classification/self-assessments", {
        memberId: member.id,
        period: "2026",
        version: 0,
        submit: true,
        marks,
        remarks: { C2: "Đề xuất cải tiến quy trình thẩm định dự toán" },
        facts,
        notes: { strengths: "Hoàn thành tốt nhiệm vụ chuyên môn.", weaknesses: "Đôi lúc chậm báo cáo.", remedies: "Chủ động hơn." },
        proposedLevel: "EXCELLENT",
      }),
      routeContext({}),
    );
    expect(self.status).toBe(200);
    const saved = await body(self);
    caseId = saved.id as string;
    expect(saved).toMatchObject({ state: "SELF_ASSESSED", version: 1, total: 93, level: "EXCELLENT", href: `/classification/members/${member.id}?period=2026` });
    const reviewed = await body(await reviewRoute.POST(apiRequest("POST", `/api/v1/classification/cases/${caseId}/review`, { version: 1, meetingId, proposedLevel: "EXCELLENT", comments: "Đồng chí gương mẫu, chi bộ thống nhất.", voteFor: 4, voteAgainst: 0, voteAbstain: 0 }), routeContext({ id: caseId })));
    expect(reviewed).toMatchObject({ state: "BRANCH_REVIEWED", version: 2 });
    signIn(t.overseer);
    const stale = await appraisalRoute.POST(apiRequest("POST", `/api/v1/classification/cases/${caseId}/appraisal`, { version: 1, mode: "confirm", level: "EXCELLENT" }), routeContext({ id: caseId }));
    expect(stale.status).toBe(409);
    expect((await body(await appraisalRoute.POST(apiRequest("POST", `/api/v1/classification/cases/${caseId}/appraisal`, { version: 2, mode: "confirm", level: "GOOD", reason: "Giữ trong mức trần của Đảng bộ" }), routeContext({ id: caseId })))).state).toBe("APPRAISED");
    signIn(t.recorder);
    expect((await decisionRoute.POST(apiRequest("POST", `/api/v1/classification/cases/${caseId}/decision`, { version: 3, level: "GOOD" }), routeContext({ id: caseId }))).status).toBe(403);
    signIn(t.reviewer);
    expect(await body(await decisionRoute.POST(apiRequest("POST", `/api/v1/classification/cases/${caseId}/decision`, { version: 3, level: "GOOD" }), routeContext({ id: caseId })))).toMatchObject({ state: "DECIDED", level: "GOOD", total: 93 });
  });

  test("the bản kiểm điểm and the review minutes are Word files with every column and the vote", async () => {
    signIn(t.recorder);
    const docx = await selfReviewDocx.GET(apiRequest("GET", `/api/v1/classification/cases/${caseId}/self-review.docx`), routeContext({ id: caseId }));
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    const text = docxParagraphs(new Uint8Array(await docx.arrayBuffer())).join("\n");
    expect(text).toContain("BẢN KIỂM ĐIỂM CÁ NHÂN");
    expect(text).toContain(`Họ và tên: ${t.members[1]!.fullName}`);
    expect(text).toContain("Đề xuất cải tiến quy trình thẩm định dự toán");
    expect(text).toContain("Tự nhận mức xếp loại: Hoàn thành xuất sắc nhiệm vụ.");
    expect(text).toContain("Chi bộ đề nghị xếp loại: Hoàn thành xuất sắc nhiệm vụ, với 4/4 đồng chí tán thành");
    expect(text).toContain(`${t.g.name} quyết định xếp loại: Hoàn thành tốt nhiệm vụ (93 điểm)`);
    expect(text).toContain("NGƯỜI TỰ KIỂM ĐIỂM");

    const minutes = await minutesDocx.GET(apiRequest("GET", `/api/v1/classification/review-meetings/${meetingId}/minutes.docx`), routeContext({ meetingId }));
    expect(minutes.status).toBe(200);
    const lines = docxParagraphs(new Uint8Array(await minutes.arrayBuffer())).join("\n");
    expect(lines).toContain("Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2026");
    expect(lines).toContain("KẾT QUẢ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI");
    expect(lines).toContain(`Đồng chí ${t.members[1]!.fullName}`);
    expect(lines).toContain("Đồng chí gương mẫu, chi bộ thống nhất.");
    signIn(t.recorderOther);
    expect((await minutesDocx.GET(apiRequest("GET", `/api/v1/classification/review-meetings/${meetingId}/minutes.docx`), routeContext({ meetingId }))).status).toBe(404);
  });

  test("the XLSX lists the classified members with each column; the board and shares count the decision", async () => {
    signIn(t.reviewer);
    const file = await exportRoute.GET(apiRequest("GET", `/api/v1/classification/export?unit=${t.root.id}&period=2026`), routeContext({}));
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets.find((w) => w.name === "Đảng viên")!;
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(["STT", "Họ và tên", "Ngày sinh", "Chi bộ", "Trực thuộc", "Tự chấm (điểm)", "Tự xếp loại", "Chi bộ đề nghị", "Thẩm định (điểm)", "Cấp trên thẩm định", "Quyết định xếp loại", "Điểm quyết định", "Ngày quyết định", "Ghi chú"]);
    const row = (sheet.getRow(4).values as unknown[]).slice(1);
    expect(row.slice(0, 2)).toEqual([1, t.members[1]!.fullName]);
    expect(row.slice(5, 12)).toEqual([93, "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ", 93, "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ", 93]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Tổng hợp kết quả xếp loại", "Tổ chức đảng", "Đảng viên"]);

    const board = await body(await boardRoute.GET(apiRequest("GET", `/api/v1/classification?unit=${t.branch.id}&period=2026`), routeContext({})));
    expect((board.members as { name: string; state: string }[]).find((m) => m.name === t.members[1]!.fullName)?.state).toBe("DECIDED");

    signIn(t.admin);
    const set = await targetsRoute.PUT(apiRequest("PUT", "/api/v1/classification/targets", { year: 2026, targets: { classMemberGood: 90, classMemberExcellent: "15,5" } }), routeContext({}));
    expect(await body(set)).toEqual({ year: 2026, targets: { classMemberGood: 90, classMemberExcellent: 15.5 } });
    const badTarget = await targetsRoute.PUT(apiRequest("PUT", "/api/v1/classification/targets", { year: 2026, targets: { classMemberGood: 120 } }), routeContext({}));
    expect(badTarget.status).toBe(422);
    signIn(t.leader);
    const shares = await body(await sharesRoute.GET(apiRequest("GET", `/api/v1/classification/shares?unit=${t.root.id}&year=2026`), routeContext({})));
    expect(shares.total).toMatchObject({ groups: { members: { decided: 1, total: 7, levels: { GOOD: 1, EXCELLENT: 0 }, goodShare: 1, excellentShare: 0 } } });
    expect(shares.targets).toEqual([
      { indicator: "classMemberGood", group: "members", share: "good", target: 90, actual: 100, status: "met" },
      { indicator: "classMemberExcellent", group: "members", share: "excellent", target: 15.5, actual: 0, status: "behind" },
    ]);
    expect((shares.children as { unit: { id: string } }[]).map((c) => c.unit.id).sort()).toEqual([t.g.id, t.g2.id].sort());
  });
});

describe("frame administration and the cap setting", () => {
  test("clone, save a version, assign it; the next case of the subtree is rated with it", async () => {
    signIn(t.admin);
    const list = await body(await framesRoute.GET(apiRequest("GET", "/api/v1/classification/frames"), routeContext({})));
    const member = (list.frames as { code: string; latest: { id: string } }[]).find((f) => f.code === "QD366_DANG_VIEN")!;
    const cloned = await cloneRoute.POST(apiRequest("POST", `/api/v1/classification/frames/${member.latest.id}/clone`, { code: "DANG_VIEN_KHOI", name: "Khung đảng viên của Khối" }), routeContext({ id: member.latest.id }));
    expect(cloned.status).toBe(201);
    // A version whose criteria no longer add up to their group is refused with the validator's message.
    const broken = await versionsRoute.POST(apiRequest("POST", "/api/v1/classification/frames/DANG_VIEN_KHOI/versions", { expectedLatestVersion: 1, criteria: { N1: { maxPoints: 45 } } }), routeContext({ id: "DANG_VIEN_KHOI" }));
    expect(broken.status).toBe(422);
    expect(JSON.stringify(await body(broken))).toContain("Nhóm N: tổng điểm tối đa các tiêu chí là 75 nhưng điểm của nhóm là 70.");
    const v2 = await versionsRoute.POST(
      apiRequest("POST", "/api/v1/classification/frames/DANG_VIEN_KHOI/versions", { expectedLatestVersion: 1, criteria: { N1: { maxPoints: 45 }, N2: { maxPoints: 10 } }, conditions: { XS_VUOT_MUC: { value: 25 } } }),
      routeContext({ id: "DANG_VIEN_KHOI" }),
    );
    expect(await body(v2)).toMatchObject({ code: "DANG_VIEN_KHOI", version: 2 });
    expect((await versionsRoute.POST(apiRequest("POST", "/api/v1/classification/frames/QD366_DANG_VIEN/versions", { expectedLatestVersion: 1, name: "Sửa khung có sẵn" }), routeContext({ id: "QD366_DANG_VIEN" }))).status).toBe(403);
    const assigned = await assignmentsRoute.POST(apiRequest("POST", "/api/v1/classification/frame-assignments", { unitId: t.g.id, frameCode: "DANG_VIEN_KHOI", subjects: ["MEMBER"], validFrom: "2026-01-01" }), routeContext({}));
    expect(assigned.status).toBe(201);
    const wrongSubject = await assignmentsRoute.POST(apiRequest("POST", "/api/v1/classification/frame-assignments", { unitId: t.g2.id, frameCode: "DANG_VIEN_KHOI", subjects: ["COLLECTIVE"], validFrom: "2026-01-01" }), routeContext({}));
    expect(wrongSubject.status).toBe(422);
    signIn(t.recorder);
    const view = await body(await casesRoute.GET(apiRequest("GET", `/api/v1/classification/cases?memberId=${t.members[2]!.id}&period=2026`), routeContext({})));
    expect(view.frame).toMatchObject({ code: "DANG_VIEN_KHOI", version: 2, source: { kind: "assignment" } });
  });

  test("the cap is a dated setting of the tenant's root administrator", async () => {
    signIn(t.reviewer);
    expect(await body(await settingsRoute.GET(apiRequest("GET", "/api/v1/classification/settings"), routeContext({})))).toMatchObject({ value: { percent: 20, base: "GOOD_OR_BETTER" }, canEdit: false });
    expect((await settingsRoute.PUT(apiRequest("PUT", "/api/v1/classification/settings", { effectiveFrom: "2026-01-01", percent: 25, base: "GOOD" }), routeContext({}))).status).toBe(403);
    signIn(t.admin);
    expect((await settingsRoute.PUT(apiRequest("PUT", "/api/v1/classification/settings", { effectiveFrom: "2026-01-01", percent: 140, base: "GOOD" }), routeContext({}))).status).toBe(422);
    expect(await body(await settingsRoute.PUT(apiRequest("PUT", "/api/v1/classification/settings", { effectiveFrom: "2026-01-01", percent: 25, base: "GOOD" }), routeContext({})))).toEqual({ changed: true });
    const audit = await ownerDb().auditEntry.findFirst({ where: { tenantId: t.tenantId, action: "classification.settings.update" } });
    expect(audit?.after).toMatchObject({ effectiveFrom: "2026-01-01", "classification.excellentCap": { percent: 25, base: "GOOD" } });
  });
});
