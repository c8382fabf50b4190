// The JSON twins of the score page: the same workflow services and schemas behind /api/v1, errors as
// JSON with an HTTP status, and the score sheet as DOCX. Signed in as in record-api.test.ts (only
// Auth.js's cookie decoding is replaced).
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as scorecardRoute from "@/app/api/v1/meetings/[id]/scorecard/route";
import * as selfScoreRoute from "@/app/api/v1/meetings/[id]/scorecard/self-score/route";
import * as confirmRoute from "@/app/api/v1/meetings/[id]/scorecard/confirm/route";
import * as finaliseRoute from "@/app/api/v1/meetings/[id]/scorecard/finalise/route";
import * as returnRoute from "@/app/api/v1/meetings/[id]/scorecard/return/route";
import * as sheetRoute from "@/app/api/v1/meetings/[id]/scorecard.docx/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { layoutFor } from "@/lib/scoring/layout";
import { HD42_2025 } from "@/lib/scoring/rubrics";
import { scorecardSummary } from "@/lib/scoring/scorecard-summary";
import type { ScorecardView } from "@/lib/scoring/workflow";
import { ownerDb } from "@/tests/fixtures/db";
import { docxParagraphs } from "@/tests/fixtures/docx";
import { makeMeeting, makeMeetingTenant, type FixtureMeeting, type MeetingTenant, followBranch } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

let t: MeetingTenant;
let elsewhere: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 5 });
  await followBranch(t);
  elsewhere = await makeMeetingTenant({ members: 1 });
});

beforeEach(() => signIn(t.recorder));

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const NOVEMBER = "2025-11-05T07:00:00.000Z";
const vote = { voteFor: 5, voteAgainst: 0, voteAbstain: 0 };

/** Full points on every MANUAL criterion that applies (the AUTO ones come from the record). */
const FULL: Record<string, number> = Object.fromEntries(
  layoutFor(HD42_2025, false)
    .criteria.filter((c) => c.applicable && c.criterion.mode === "MANUAL")
    .map((c) => [c.criterion.code, c.maxTenths / 10]),
);

const path = (meeting: FixtureMeeting, step = "") => `/api/v1/meetings/${meeting.id}/scorecard${step}`;
const ctx = (meeting: FixtureMeeting) => routeContext({ id: meeting.id });

async function getView(meeting: FixtureMeeting): Promise<ScorecardView> {
  const response = await scorecardRoute.GET(apiRequest("GET", path(meeting)), ctx(meeting));
  expect(response.status).toBe(200);
  return (await response.json()) as ScorecardView;
}

const audits = (meetingId: string) =>
  ownerDb().auditEntry.findMany({
    where: { tenantId: t.tenantId, entityId: meetingId, action: { startsWith: "scorecard." } },
    select: { action: true },
    orderBy: { at: "asc" },
  });

describe("draft → self-score → overseer adjusts → reviewer finalises, through the API", () => {
  let meeting: FixtureMeeting;
  let selfTotal = 0;

  beforeAll(async () => {
    meeting = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: NOVEMBER });
  });

  test("GET shows the rubric, the facts and what the branch may do; PUT saves a partial draft", async () => {
    const view = await getView(meeting);
    expect(view.rubric).toMatchObject({ code: "HD42_2025" });
    expect(view.facts).toMatchObject({ present: 5, attendanceDenominator: 5 });
    expect(view.card).toBeNull();
    expect(view.can).toMatchObject({ draft: true, selfScore: true, confirm: false, finalise: false });

    const response = await scorecardRoute.PUT(apiRequest("PUT", path(meeting), { version: 0, marks: { C1: "4,5" }, remarks: { C1: "Còn thiếu bước kiểm điểm" } }), ctx(meeting));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ meetingId: meeting.id, state: "MINUTES_ADOPTED", cardVersion: 1, level: null });
    const after = await getView(meeting);
    expect(after.card?.version).toBe(1);
    expect(after.columns.self?.marks).toEqual({ C1: "4,5" });
    expect(after.columns.self?.remarks).toEqual({ C1: "Còn thiếu bước kiểm điểm" });
    expect(after.effective).toBeNull();
  });

  test("a stale version is a 409 and nothing is written; a bad mark a 422 on its field", async () => {
    let response = await scorecardRoute.PUT(apiRequest("PUT", path(meeting), { version: 0, marks: { C1: 1 } }), ctx(meeting));
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: string }).error).toMatch(/vừa được người khác cập nhật/);

    response = await scorecardRoute.PUT(apiRequest("PUT", path(meeting), { version: 1, marks: { C1: 7 } }), ctx(meeting));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ fieldErrors: { "mark.C1": [expect.stringContaining("vượt điểm tối đa")] } });
    expect((await getView(meeting)).columns.self?.marks).toEqual({ C1: "4,5" });
  });

  test("another tenant's user gets a 404 for the meeting, its scorecard and its sheet, and writes nothing", async () => {
    signIn(elsewhere.recorder);
    expect((await scorecardRoute.GET(apiRequest("GET", path(meeting)), ctx(meeting))).status).toBe(404);
    expect((await scorecardRoute.PUT(apiRequest("PUT", path(meeting), { version: 1, marks: { C1: 1 } }), ctx(meeting))).status).toBe(404);
    expect((await sheetRoute.GET(apiRequest("GET", `/api/v1/meetings/${meeting.id}/scorecard.docx`), ctx(meeting))).status).toBe(404);
    signIn(t.recorder);
    expect((await getView(meeting)).card?.version).toBe(1);
  });

  test("the self-score with the branch vote moves the meeting to SELF_SCORED", async () => {
    const response = await selfScoreRoute.POST(apiRequest("POST", path(meeting, "/self-score"), { version: 1, marks: FULL, ...vote }), ctx(meeting));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { state: string; cardVersion: number; total: number; level: string };
    expect(body).toMatchObject({ state: "SELF_SCORED", cardVersion: 2 });
    selfTotal = body.total;
    const view = await getView(meeting);
    expect(view.vote).toEqual({ for: 5, against: 0, abstain: 0, eligible: 5 });
    expect(view.effective).toMatchObject({ column: "self", total: selfTotal });
  });

  test("the overseer adjusts with a reason (without one: 422 on reason); the branch may not confirm", async () => {
    let response = await confirmRoute.POST(apiRequest("POST", path(meeting, "/confirm"), { version: 2, mode: "confirm" }), ctx(meeting));
    expect(response.status).toBe(403);

    signIn(t.overseer);
    const marks = { ...FULL, C2: 10 };
    const remarks = { C2: "Nội dung thường kỳ chưa sát nhiệm vụ chính trị" };
    response = await confirmRoute.POST(apiRequest("POST", path(meeting, "/confirm"), { version: 2, mode: "adjust", marks, remarks }), ctx(meeting));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ fieldErrors: { reason: [expect.stringContaining("lý do điều chỉnh")] } });

    response = await confirmRoute.POST(
      apiRequest("POST", path(meeting, "/confirm"), { version: 2, mode: "adjust", marks, remarks, reason: "Nội dung sinh hoạt còn chung chung" }),
      ctx(meeting),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: "CONFIRMED", cardVersion: 3, total: selfTotal - 5 });
  });

  test("the reviewer finalises: the meeting locks, the final column is the overseer's, the hub summary says so", async () => {
    signIn(t.reviewer);
    const response = await finaliseRoute.POST(apiRequest("POST", path(meeting, "/finalise"), { version: 3, mode: "approve" }), ctx(meeting));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: "FINALISED", cardVersion: 4, total: selfTotal - 5 });

    signIn(t.recorder);
    const view = await getView(meeting);
    expect(view.meeting.lockedAt).not.toBeNull();
    expect(view.columns.self?.result.total).toBe(selfTotal);
    expect(view.columns.overseer?.result.total).toBe(selfTotal - 5);
    expect(view.columns.final?.result.total).toBe(selfTotal - 5);
    expect(view.effective).toMatchObject({ column: "final", total: selfTotal - 5 });
    expect(view.can).toMatchObject({ draft: false, selfScore: false, confirm: false, finalise: false });
    expect(await scorecardSummary(t.recorder, meeting.id)).toEqual({
      effective: { column: "final", total: selfTotal - 5, level: view.effective?.level },
      started: true,
      notScored: false,
    });
    // A member of the branch sees the meeting but not its scorecard.
    expect(await scorecardSummary(t.member, meeting.id)).toBeNull();

    // Nothing moves on a locked card.
    const late = await scorecardRoute.PUT(apiRequest("PUT", path(meeting), { version: 4, marks: FULL }), ctx(meeting));
    expect(late.status).toBe(422);
    expect((await audits(meeting.id)).map((a) => a.action)).toEqual(["scorecard.draft", "scorecard.selfScore", "scorecard.adjust", "scorecard.finalise"]);
  });

  test("the score sheet DOCX has the three columns' totals and levels", async () => {
    const view = await getView(meeting);
    const response = await sheetRoute.GET(apiRequest("GET", `/api/v1/meetings/${meeting.id}/scorecard.docx`), ctx(meeting));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toContain('filename="phieu-cham-chi-bo-phong-ngan-sach-2025-11-05.docx"');
    const paragraphs = docxParagraphs(new Uint8Array(await response.arrayBuffer()));
    expect(paragraphs).toContain("PHIẾU ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT CHI BỘ");
    const label = (name: string) => paragraphs.indexOf(name);
    const points = (n: number) => String(n).replace(".", ",");
    expect(paragraphs.slice(label("TỔNG ĐIỂM") + 1, label("TỔNG ĐIỂM") + 5)).toEqual(["100", points(selfTotal), points(selfTotal - 5), points(selfTotal - 5)]);
    const levels = paragraphs.slice(label("XẾP LOẠI") + 1, label("XẾP LOẠI") + 5);
    expect(levels[1]).toBe(view.columns.self?.result.levelLabel);
    expect(levels[2]).toBe(view.columns.overseer?.result.levelLabel);
    expect(levels[3]).toBe(view.columns.final?.result.levelLabel);
    expect(paragraphs.join("\n")).toContain("Lý do điều chỉnh: Nội dung sinh hoạt còn chung chung");
  });
});

describe("return", () => {
  test("the reviewer returns a self-score with a reason (none: 422); the branch drafts again", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: NOVEMBER });
    await selfScoreRoute.POST(apiRequest("POST", path(meeting, "/self-score"), { version: 0, marks: FULL, ...vote }), ctx(meeting));
    signIn(t.reviewer);
    let response = await returnRoute.POST(apiRequest("POST", path(meeting, "/return"), { version: 1 }), ctx(meeting));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ fieldErrors: { reason: [expect.stringContaining("lý do trả lại")] } });
    response = await returnRoute.POST(apiRequest("POST", path(meeting, "/return"), { version: 1, reason: "Thiếu minh chứng cho tiêu chí C1" }), ctx(meeting));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: "MINUTES_ADOPTED", cardVersion: 2 });

    signIn(t.recorder);
    const view = await getView(meeting);
    expect(view.can).toMatchObject({ draft: true, selfScore: true });
    expect(view.effective).toBeNull();
    expect(await scorecardSummary(t.recorder, meeting.id)).toEqual({ effective: null, started: true, notScored: false });
  });

  test("a body that is not JSON never reaches the service", async () => {
    const meeting = await makeMeeting({ tenant: t, state: "MINUTES_ADOPTED", plannedStart: NOVEMBER });
    const response = await scorecardRoute.PUT(apiRequest("PUT", path(meeting), "version=0", { "content-type": "application/x-www-form-urlencoded" }), ctx(meeting));
    expect(response.status).toBe(415);
    expect(await scorecardSummary(t.recorder, meeting.id)).toEqual({ effective: null, started: false, notScored: false });
  });
});
