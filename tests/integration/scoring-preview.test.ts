// POST /api/v1/scoring/preview as an integration calls it: SPEC §11's worked examples reproduced
// cell by cell through HTTP, under the tenant's rubrics by code (latest version unless named) or an
// inline rubric; every error in Vietnamese; nothing written. Signed in as in record-api.test.ts
// (only Auth.js's cookie decoding is replaced).
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { GET as openApiJson } from "@/app/api/v1/openapi.json/route";
import * as previewRoute from "@/app/api/v1/scoring/preview/route";
import type { Principal } from "@/lib/auth/permissions";
import { createToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import type { ScoreResult } from "@/lib/scoring/engine";
import type { MeetingFacts } from "@/lib/scoring/facts";
import type { Rubric } from "@/lib/scoring/model";
import { HD42_2025 } from "@/lib/scoring/rubrics";
import { rubricColumns } from "@/lib/scoring/rubric-store";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

const HOUR = 60;
const DAY = 24 * HOUR;

const common = {
  kind: "REGULAR",
  hasThematicPart: false,
  requiredMinutes: 90,
  hasCommittee: true,
  preMeetingHeld: true,
  preMeetingMinuted: true,
  noticeToAllMembers: true,
  noticeToOverseer: true,
  draftResolutionExists: true,
  preparedBySecretaryOrDeputy: true,
  minutesComplete: true,
} as const;

// SPEC §11, fact rows and score cells of E1, E2 and E5.
const E1 = {
  facts: {
    ...common,
    actualMinutes: 95,
    present: 20,
    attendanceDenominator: 22,
    absentExcused: 2,
    absentUnexcused: 0,
    longestExcusedStreak: 2,
    speakers: 11,
    ideologyMinutes: 20,
    documentsLeadMinutes: 2 * DAY,
    finalDocumentsDelayMinutes: DAY,
    previousTargets: { met: 8, total: 10 },
  } satisfies MeetingFacts,
  manualMarks: { P1: 2, P2: 2, C1: 5, C2: 12, C4: 2, C6: 1, B1: 2, B2: 3, B3: 2, B4: 1, N1: 1, N2: 1, N3: 1, N4: 1, K1: 2, K2: 2 },
};
const E2 = {
  facts: {
    ...common,
    actualMinutes: 92,
    present: 11,
    attendanceDenominator: 12,
    absentExcused: 1,
    absentUnexcused: 0,
    longestExcusedStreak: 3,
    speakers: 6,
    ideologyMinutes: 15,
    documentsLeadMinutes: 20 * HOUR,
    finalDocumentsDelayMinutes: 3 * DAY,
    previousTargets: { met: 8, total: 10 },
  } satisfies MeetingFacts,
  // Marks arrive from forms as text as often as numbers: "3,5" is B2's half point.
  manualMarks: { P1: 3, P2: 2, C1: 5, C2: 11, C4: 2, C6: 1, B1: 2, B2: "3,5", B3: 3, B4: 1, N1: 1, N2: 2, N3: 1, N4: 1, K1: 2, K2: 2 },
  points: { T1: 5, A1: 4, A2: 1, P1: 3, P2: 2, P3: 2, P4: 1, P5: 0, C1: 5, C2: 11, C3: 0, C4: 2, C5: 5, C6: 1, C7: 1, C8: 1, B1: 2, B2: 3.5, B3: 3, B4: 1, N1: 1, N2: 2, N3: 1, N4: 1, R1: 27, K1: 2, K2: 2, K3: 0 },
  groups: { T: 5, A: 5, P: 8, C: 26, B: 9.5, N: 5, R: 27, K: 4 },
};
const E5 = {
  facts: {
    ...common,
    actualMinutes: 100,
    present: 19,
    attendanceDenominator: 22,
    absentExcused: 3,
    absentUnexcused: 0,
    longestExcusedStreak: 2,
    speakers: 12,
    ideologyMinutes: 20,
    documentsLeadMinutes: 30 * HOUR,
    finalDocumentsDelayMinutes: 3 * HOUR,
    previousTargets: { met: 9, total: 10 },
  } satisfies MeetingFacts,
  manualMarks: { P1: 3, P2: 2, C1: 5, C2: 11, C4: 2, C6: 1, B1: 2, B2: 3, B3: 3, B4: 1, N1: 1, N2: 1, N3: 1, N4: 1, K1: 2, K2: 2 },
};

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 2 });
});

// Any signed-in user may preview: the member account is the least privileged one.
beforeEach(() => signIn(t.member));

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

const preview = (body: unknown) => previewRoute.POST(apiRequest("POST", "/api/v1/scoring/preview", body), routeContext({}));

async function ok(body: unknown): Promise<ScoreResult> {
  const response = await preview(body);
  expect(response.status).toBe(200);
  return (await response.json()) as ScoreResult;
}

async function refused(body: unknown, status: number): Promise<{ error: string; fieldErrors?: Record<string, string[]> }> {
  const response = await preview(body);
  expect(response.status).toBe(status);
  return (await response.json()) as { error: string; fieldErrors?: Record<string, string[]> };
}

describe("SPEC §11 through HTTP", () => {
  test("E2 under HD 42: every cell, the groups, 89.5 and Khá (no rounding), with the evidence", async () => {
    const result = await ok({ rubricCode: "HD42_2025", facts: E2.facts, manualMarks: E2.manualMarks });
    expect(result.errors).toEqual([]);
    expect(result.rubric).toEqual({ code: "HD42_2025", version: 1, name: HD42_2025.name });
    expect(Object.fromEntries(result.perCriterion.map((c) => [c.code, c.points]))).toEqual(E2.points);
    expect(Object.fromEntries(result.groupTotals.map((g) => [g.code, g.points]))).toEqual(E2.groups);
    expect(result).toMatchObject({ total: 89.5, totalTenths: 895, max: 100, level: "FAIR", levelLabel: "Khá" });
    const evidence = Object.fromEntries(result.perCriterion.map((c) => [c.code, c.evidence]));
    expect(evidence.T1).toBe("Thời lượng 92/90 phút, đủ thời lượng → 5 điểm");
    expect(evidence.P5).toBe("Tài liệu đăng trước cuộc họp 20 giờ → 0 điểm");
    expect(evidence.A2).toBe("Chuỗi vắng có lý do liên tiếp dài nhất: 3 kỳ → 1 điểm");
    expect(evidence.B2).toBe("Chấm tay: 3,5/4 điểm.");
    expect(result.perCriterion.find((c) => c.code === "C3")).toMatchObject({ applicable: false, points: 0 });
  });

  test("E5: 93 is Tốt under HD 42 but Khá under the Bình Thuận template (A = 4 fails its condition)", async () => {
    const hd42 = await ok({ rubricCode: "HD42_2025", facts: E5.facts, manualMarks: E5.manualMarks });
    expect(hd42).toMatchObject({ total: 93, level: "GOOD", conditions: [] });

    const binhThuan = await ok({ rubricCode: "BINH_THUAN_HD42", facts: E5.facts, manualMarks: E5.manualMarks });
    expect(binhThuan).toMatchObject({ total: 93, totalTenths: 930, level: "FAIR", levelLabel: "Khá" });
    expect(binhThuan.conditions.filter((c) => !c.held).map((c) => c.code)).toEqual(["A"]);
    expect(binhThuan.conditions.find((c) => c.code === "A")?.explanation).toBe("Nhóm A đạt 4/5 điểm: chưa đạt điểm tối đa.");
  });

  test("E1: exactly 90 is Tốt, by code and version and with the same rubric sent inline", async () => {
    const byCode = await ok({ rubricCode: "HD42_2025", rubricVersion: 1, ...E1 });
    expect(byCode).toMatchObject({ total: 90, level: "GOOD", errors: [] });
    expect(byCode.perCriterion.find((c) => c.code === "R1")).toMatchObject({
      points: 27,
      evidence: "8/10 chỉ tiêu nghị quyết kỳ trước hoàn thành = 80,0 % → 27 điểm",
    });
    const inline = await ok({ rubric: HD42_2025, ...E1 });
    expect(inline).toEqual(byCode);
  });

  test("an AUTO override with its reason replaces the computed points and says so", async () => {
    const result = await ok({ rubricCode: "HD42_2025", ...E2, overrides: { P5: { points: 2, reason: "Tài liệu gửi qua nhóm Zalo từ hôm trước" } } });
    expect(result).toMatchObject({ total: 91.5, level: "GOOD" });
    expect(result.perCriterion.find((c) => c.code === "P5")).toMatchObject({
      points: 2,
      overridden: true,
      computedPoints: 0,
      overrideReason: "Tài liệu gửi qua nhóm Zalo từ hôm trước",
    });
  });
});

describe("a pure check", () => {
  test("writes nothing: no scorecard, no audit entry, no new rubric row on a second preview", async () => {
    await ok({ rubricCode: "HD42_2025", ...E1 });
    const count = async () => ({
      scorecards: await ownerDb().scorecard.count({ where: { tenantId: t.tenantId } }),
      audit: await ownerDb().auditEntry.count({ where: { tenantId: t.tenantId } }),
      rubrics: await ownerDb().rubric.count({ where: { tenantId: t.tenantId } }),
    });
    const before = await count();
    await ok({ rubricCode: "BINH_THUAN_HD42", ...E5 });
    await refused({ rubricCode: "HD42_2025", ...E1, manualMarks: { ...E1.manualMarks, B2: 9 } }, 422);
    expect(await count()).toEqual(before);
    expect(before.scorecards).toBe(0);
  });

  test("missing manual marks still answer: the AUTO points, level null and each unscored criterion", async () => {
    const result = await ok({ rubricCode: "HD42_2025", facts: E2.facts, manualMarks: { P1: 3, P2: 2 } });
    expect(result.level).toBeNull();
    expect(result.total).toBe(5 + 5 + 8 + 5 + 1 + 1 + 27 + 0);
    expect(result.errors).toHaveLength(14);
    expect(result.errors[0]).toEqual({ path: "C1", message: expect.stringMatching(/^Chưa chấm tiêu chí C1 \(/) });
  });

  test("the latest version of a code is used unless one is named", async () => {
    const tenant = await makeMeetingTenant({ members: 1 });
    signIn(tenant.member);
    await ok({ rubricCode: "HD42_2025", ...E1 }); // copies the built-in frames into the tenant
    // The tenant's version 2 of the code asks 95 points for Tốt.
    const stricter: Rubric = {
      ...HD42_2025,
      version: 2,
      scope: "TENANT",
      levelRules: HD42_2025.levelRules.map((r) => (r.level === "GOOD" ? { ...r, minTotal: 95 } : r)),
    };
    await withTenant(tenant.tenantId, (tx) => tx.rubric.create({ data: { tenantId: tenant.tenantId, ...rubricColumns(stricter) } }));
    expect(await ok({ rubricCode: "HD42_2025", ...E1 })).toMatchObject({ rubric: { version: 2 }, total: 90, level: "FAIR" });
    expect(await ok({ rubricCode: "HD42_2025", rubricVersion: 1, ...E1 })).toMatchObject({ rubric: { version: 1 }, level: "GOOD" });
    // Another tenant's rubrics are not reachable.
    signIn(t.member);
    expect(await ok({ rubricCode: "HD42_2025", ...E1 })).toMatchObject({ rubric: { version: 1 }, level: "GOOD" });
  });
});

describe("errors", () => {
  test("signed out: 401", async () => {
    session.current = null;
    expect((await refused({ rubricCode: "HD42_2025", ...E1 }, 401)).error).toMatch(/đăng nhập/);
  });

  test("a personal access token works like the session; a wrong one is a 401", async () => {
    session.current = null;
    const { token } = await createToken(t.member, { name: "Chấm thử", scope: "FULL" });
    const call = (value: string) =>
      previewRoute.POST(apiRequest("POST", "/api/v1/scoring/preview", { rubricCode: "HD42_2025", ...E1 }, { authorization: `Bearer ${value}` }), routeContext({}));
    const response = await call(token);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ total: 90, level: "GOOD" });
    expect((await call(`${token}x`)).status).toBe(401);
  });

  test("an unknown code or version: 404 in Vietnamese", async () => {
    expect((await refused({ rubricCode: "HD99_2030", ...E1 }, 404)).error).toBe("Không tìm thấy khung tiêu chí mã HD99_2030.");
    expect((await refused({ rubricCode: "HD42_2025", rubricVersion: 7, ...E1 }, 404)).error).toBe(
      "Không tìm thấy phiên bản 7 của khung tiêu chí mã HD42_2025.",
    );
  });

  test("facts of the wrong shape and inconsistent facts: 422 with every issue", async () => {
    let body = await refused({ rubricCode: "HD42_2025", ...E1, facts: { ...E1.facts, actualMinutes: -5, kind: "MONTHLY" } }, 422);
    expect(body.error).toBe("Không chấm thử được: dữ liệu gửi lên có 2 lỗi, xem từng lỗi trong fieldErrors.");
    expect(body.fieldErrors).toEqual({
      "facts.actualMinutes": ['Dữ liệu kỳ sinh hoạt tại "actualMinutes": nhỏ hơn mức cho phép.'],
      "facts.kind": ['Dữ liệu kỳ sinh hoạt tại "kind": giá trị không được phép.'],
    });

    body = await refused({ rubricCode: "HD42_2025", ...E1, facts: { ...E1.facts, present: 21, speakers: 22 } }, 422);
    expect(body.fieldErrors).toEqual({
      "facts.attendanceDenominator": [
        "Số có mặt (21) + vắng có lý do (2) + vắng không lý do (0) = 23, phải bằng số đảng viên phải dự (22).",
      ],
      "facts.speakers": ["Số đảng viên phát biểu (22) vượt số có mặt (21)."],
    });
  });

  test("marks above the maximum, off the step or not numbers, and an override without reason: 422 with each", async () => {
    const body = await refused(
      {
        rubricCode: "HD42_2025",
        facts: E1.facts,
        manualMarks: { ...E1.manualMarks, B2: 4.5, B1: "1,3", P1: "hai", T1: 5 },
        overrides: { C5: { points: 3, reason: "  " } },
      },
      422,
    );
    expect(body.fieldErrors).toEqual({
      "manualMarks.B2": ["Điểm tiêu chí B2 (4,5) vượt điểm tối đa 4."],
      "manualMarks.B1": ["Điểm tiêu chí B1 (1,3) phải là bội số của 0,5."],
      "manualMarks.P1": ['Điểm tiêu chí P1 không hợp lệ: "hai" (cần số không âm, tối đa một chữ số thập phân).'],
      "manualMarks.T1": ["Tiêu chí T1 được tính tự động; muốn thay đổi phải ghi đè kèm lý do."],
      "overrides.C5": ["Ghi đè điểm tự động của tiêu chí C5 phải nêu lý do."],
    });
  });

  test("an invalid inline rubric: 422 with its shape or its consistency issues", async () => {
    const { issuer: _issuer, ...withoutIssuer } = HD42_2025;
    let body = await refused({ rubric: withoutIssuer, ...E1 }, 422);
    expect(body.fieldErrors).toEqual({ "rubric.issuer": ['Khung tiêu chí tại "issuer": sai kiểu dữ liệu hoặc bị thiếu.'] });

    const broken: Rubric = { ...HD42_2025, totalPoints: 95, levelRules: [...HD42_2025.levelRules, { level: "GOOD", minTotal: 95 }] };
    body = await refused({ rubric: broken, ...E1, facts: { ...E1.facts, speakers: 30 } }, 422);
    const messages = Object.values(body.fieldErrors ?? {}).flat();
    expect(messages).toContain("Tổng điểm các nhóm là 100 nhưng tổng điểm của khung là 95 (khi không có phần chuyên đề).");
    expect(body.fieldErrors?.["rubric.totalPoints"]).toHaveLength(2); // with and without a thematic part
    expect(messages).toContain("Mức xếp loại Tốt được khai báo nhiều lần.");
    // The facts are checked in the same pass, so one answer lists everything to fix.
    expect(body.fieldErrors?.["facts.speakers"]).toEqual(["Số đảng viên phát biểu (30) vượt số có mặt (20)."]);
  });

  test("a code and a rubric together, or neither: 422", async () => {
    expect((await refused({ rubricCode: "HD42_2025", rubric: HD42_2025, ...E1 }, 422)).fieldErrors).toEqual({
      rubricCode: ["Gửi đúng một trong hai: mã khung tiêu chí (rubricCode) hoặc toàn bộ khung tiêu chí (rubric)."],
    });
    expect((await refused({ ...E1 }, 422)).fieldErrors).toHaveProperty("rubricCode");
    expect((await refused({ rubric: HD42_2025, rubricVersion: 1, ...E1 }, 422)).fieldErrors).toHaveProperty("rubricVersion");
  });

  test("a body that is not JSON: 415", async () => {
    const response = await previewRoute.POST(new Request("http://localhost/api/v1/scoring/preview", { method: "POST", body: "x" }), routeContext({}));
    expect(response.status).toBe(415);
  });
});

test("/api/v1/openapi.json describes the preview: body, 200 answer and the error statuses", async () => {
  const doc = (await (await openApiJson()).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> }; responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> }>> };
  const op = doc.paths["/api/v1/scoring/preview"]?.post;
  expect(Object.keys(op?.requestBody?.content["application/json"]?.schema.properties ?? {})).toEqual(["rubricCode", "rubricVersion", "rubric", "facts", "manualMarks", "overrides"]);
  expect(op?.responses["200"]?.content?.["application/json"]?.schema.properties).toHaveProperty("perCriterion");
  expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["200", "401", "404", "422"]));
  expect(doc.paths["/api/v1/branches/{id}/rating"]?.get?.responses["200"]?.content?.["application/json"]?.schema.properties).toHaveProperty("rollup");
});
