// Rubric administration (issue 5): built-ins read-only, clone, edits as new versions (old rows and
// the scorecards on them untouched), every validator issue reported with nothing written, stale
// versions refused, JSON round trip, assignments (overlap refused) and the rubric they make
// rubricForMeeting choose, permissions, tenant isolation, and the database refusing UPDATE.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

import * as rubricsRoute from "@/app/api/v1/rubrics/route";
import * as rubricRoute from "@/app/api/v1/rubrics/[id]/route";
import * as cloneRoute from "@/app/api/v1/rubrics/[id]/clone/route";
import * as versionsRoute from "@/app/api/v1/rubrics/[id]/versions/route";
import * as assignmentsRoute from "@/app/api/v1/rubric-assignments/route";
import * as endRoute from "@/app/api/v1/rubric-assignments/[id]/end/route";
import * as previewRoute from "@/app/api/v1/rubric-assignments/preview/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Rubric } from "@/lib/scoring/model";
import { HD42_2025 } from "@/lib/scoring/rubrics";
import {
  READ_ONLY,
  cloneRubric,
  createAssignment,
  endAssignment,
  exportRubric,
  getRubric,
  importRubric,
  listAssignments,
  listRubrics,
  previewRubricChoice,
  saveRubricVersion,
  searchUnitsForRubrics,
} from "@/lib/scoring/rubric-admin";
import { saveRubricVersionSchema } from "@/lib/scoring/rubric-admin-schemas";
import { rubricForMeeting } from "@/lib/scoring/rubric-store";
import { ownerDb } from "@/tests/fixtures/db";
import { fixtureDay, makeMeeting, makeMeetingTenant, type MeetingTenant, type MeetingUnit } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";
import { caught } from "@/tests/fixtures/org-admin";

let t: MeetingTenant;

beforeAll(async () => {
  t = await makeMeetingTenant({ members: 2 });
});

beforeEach(() => {
  session.current = null;
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

let serial = 0;
/** A fresh rubric code per test, so tests do not see each other's versions. */
const newCode = (prefix = "KTC") => `${prefix}_${++serial}_${randomUUID().slice(0, 6).toUpperCase()}`;

/** The id of a built-in rubric as copied into the fixture tenant. */
const builtInId = async (code: string) => {
  const found = (await listRubrics(t.admin)).rubrics.find((r) => r.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found.latest.id;
};

const rowsOf = (code: string, tenantId = t.tenantId) =>
  ownerDb().rubric.findMany({ where: { tenantId, code }, orderBy: { version: "asc" } });

const auditsOf = (entityId: string) =>
  ownerDb().auditEntry.findMany({ where: { tenantId: t.tenantId, entityId }, select: { action: true, actorUserId: true, before: true, after: true } });

/** The HD 42 frame as a tenant file: another code, dates and kinds as given. */
function tenantFile(code: string, overrides: Partial<Rubric> = {}): Rubric {
  return { ...structuredClone(HD42_2025), code, scope: "TENANT", name: `Khung thử ${code}`, ...overrides };
}

/** A user with one role on one unit (the fixture has none for a subtree admin). */
async function addUser(tenant: MeetingTenant, role: "TENANT_ADMIN" | "RECORDER", unit: MeetingUnit): Promise<Principal> {
  const id = randomUUID();
  await withTenant(tenant.tenantId, async (tx) => {
    await tx.user.create({ data: { tenantId: tenant.tenantId, id, username: `u-${id.slice(0, 8)}`, passwordHash: "x", displayName: `${role} ${unit.name}` } });
    await tx.roleGrant.create({ data: { tenantId: tenant.tenantId, userId: id, role, orgUnitId: unit.id } });
  });
  return { id, tenantId: tenant.tenantId, grants: [{ role, orgUnitId: unit.id, path: unit.path }] };
}

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

describe("built-in rubrics", () => {
  test("every reader sees the built-ins; they are read-only, and import refuses their codes", async () => {
    const list = await listRubrics(t.admin);
    const codes = list.rubrics.map((r) => r.code);
    expect(codes.slice(0, 2).sort()).toEqual(["HD12_2018", "HD42_2025"]);
    expect(codes).toContain("BINH_THUAN_HD42");
    const hd42 = list.rubrics.find((r) => r.code === "HD42_2025")!;
    expect(hd42).toMatchObject({ builtIn: true, national: true, editable: false, latest: { version: 1, totalPoints: 100, effectiveFrom: "2025-10-28" } });
    expect(list.canManage).toBe(true);

    // Scorers read them too (score.self, score.confirm, score.review), but may not manage.
    for (const reader of [t.recorder, t.overseer, t.reviewer]) {
      const seen = await listRubrics(reader);
      expect(seen.rubrics.map((r) => r.code)).toContain("HD42_2025");
      expect(seen.canManage).toBe(false);
    }

    const detail = await getRubric(t.admin, hd42.latest.id);
    expect(detail).toMatchObject({ builtIn: true, canEdit: false, canClone: true, editBlockedReason: READ_ONLY });
    expect(detail.rubric.groups.map((g) => g.code)).toEqual(["T", "A", "P", "C", "B", "N", "R", "K"]);

    const refused = await caught(saveRubricVersion(t.admin, { code: "HD42_2025", expectedLatestVersion: 1, name: "Sửa khung quốc gia" }), ForbiddenError);
    expect(refused.message).toBe(READ_ONLY);
    const imported = await caught(importRubric(t.admin, JSON.stringify(HD42_2025)), ValidationError);
    expect(imported.fieldErrors.code?.[0]).toContain("khung tiêu chí có sẵn");
    expect(await rowsOf("HD42_2025")).toHaveLength(1);
  });
});

describe("clone and edit", () => {
  test("a clone is version 1 of a new tenant code; a taken code (in any letter case) is refused", async () => {
    const code = newCode();
    const sourceId = await builtInId("HD42_2025");
    const clone = await cloneRubric(t.admin, { sourceId, code, name: "Khung của Đảng bộ Khối" });
    expect(clone).toMatchObject({ code, version: 1 });
    const [row] = await rowsOf(code);
    expect(row).toMatchObject({ builtIn: false, version: 1, name: "Khung của Đảng bộ Khối", createdById: t.admin.id });
    const definition = row!.definition as unknown as Rubric;
    expect(definition).toMatchObject({ code, version: 1, scope: "TENANT", totalPoints: 100 });
    expect(definition.groups).toEqual(HD42_2025.groups);
    expect(await auditsOf(clone.id)).toEqual([
      expect.objectContaining({ action: "rubric.clone", actorUserId: t.admin.id, after: expect.objectContaining({ sourceCode: "HD42_2025", code }) }),
    ]);

    const again = await caught(cloneRubric(t.admin, { sourceId, code, name: "Bản khác" }), ValidationError);
    expect(again.fieldErrors.code).toEqual([`Mã "${code}" đã được dùng cho một khung tiêu chí khác. Vui lòng chọn mã mới.`]);
    const lower = await caught(cloneRubric(t.admin, { sourceId, code: code.toLowerCase(), name: "Bản khác" }), ValidationError);
    expect(lower.fieldErrors.code?.[0]).toContain("chỉ khác chữ hoa");
    const builtInCode = await caught(cloneRubric(t.admin, { sourceId, code: "HD12_2018", name: "Bản khác" }), ValidationError);
    expect(builtInCode.fieldErrors.code?.[0]).toContain("đã được dùng");
  });

  test("saving the form inserts the next version; the old row and the scorecards scored under it stay as they were", async () => {
    const code = newCode();
    const v1 = await cloneRubric(t.admin, { sourceId: await builtInId("HD42_2025"), code, name: "Khung trước khi sửa" });
    // A meeting already scored under version 1.
    const meeting = await makeMeeting({ tenant: t, state: "HELD", plannedStart: "2026-01-07T07:00:00Z" });
    await withTenant(t.tenantId, (tx) =>
      tx.scorecard.create({ data: { tenantId: t.tenantId, meetingId: meeting.id, rubricId: v1.id, facts: {}, selfMarks: { P1: 3 } }, select: { id: true } }),
    );
    const before = (await rowsOf(code))[0]!;

    // Form fields as the edit page posts them (dotted names, decimals with a comma), parsed by the
    // action's schema and then again by the service.
    const posted = saveRubricVersionSchema.parse({
      code,
      expectedLatestVersion: "1",
      name: "Khung sau khi sửa",
      description: "",
      effectiveFrom: "2026-01-01",
      effectiveTo: "",
      meetingKinds: ["", "REGULAR", "COMBINED"],
      "criteria.P1.maxPoints": "2,5",
      "criteria.P2.maxPoints": "2,5",
      "criteria.P2.guidance": "Có định hướng thảo luận rõ ràng",
      "levels.GOOD.minTotal": "85",
    });
    const v2 = await saveRubricVersion(t.admin, posted);
    expect(v2).toMatchObject({ code, version: 2 });

    const rows = await rowsOf(code);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(before);
    const edited = rows[1]!.definition as unknown as Rubric;
    expect(edited).toMatchObject({ version: 2, name: "Khung sau khi sửa", effectiveFrom: "2026-01-01", meetingKinds: ["REGULAR", "COMBINED"] });
    expect(edited.description).toBeUndefined();
    const p = edited.groups.find((g) => g.code === "P")!;
    expect(p.criteria.find((c) => c.code === "P1")!.maxPoints).toBe(2.5);
    expect(p.criteria.find((c) => c.code === "P2")).toMatchObject({ maxPoints: 2.5, guidance: "Có định hướng thảo luận rõ ràng" });
    expect(edited.levelRules.find((l) => l.level === "GOOD")!.minTotal).toBe(85);
    expect(rows[1]).toMatchObject({ name: "Khung sau khi sửa", effectiveFrom: fixtureDay("2026-01-01"), meetingKinds: ["REGULAR", "COMBINED"] });

    const summary = (await listRubrics(t.admin)).rubrics.find((r) => r.code === code)!;
    expect(summary.versions.map((v) => [v.version, v.scorecards])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    const detail = await getRubric(t.admin, v1.id);
    expect(detail).toMatchObject({ version: 1, latestVersion: 2, latestId: v2.id, scorecards: 1, canEdit: true });
    expect(await auditsOf(v2.id)).toEqual([
      expect.objectContaining({ action: "rubric.version", before: { version: 1 }, after: expect.objectContaining({ version: 2, baseVersion: 1 }) }),
    ]);
  });

  test("invalid rubrics: every Vietnamese issue comes back by field and nothing is written", async () => {
    const code = newCode();
    await cloneRubric(t.admin, { sourceId: await builtInId("HD42_2025"), code, name: "Khung để thử lỗi" });
    const save = (input: Record<string, unknown>) => caught(saveRubricVersion(t.admin, { code, expectedLatestVersion: 1, ...input }), ValidationError);

    // Points that do not add up: T1 raised to 6 while group T stays 5 and the total 100.
    let error = await save({ criteria: { T1: { maxPoints: 6 } } });
    expect(error.message).toContain("chưa hợp lệ nên chưa được lưu");
    // HD 42 scores with and without a thematic part: the sum is checked in both situations.
    expect(error.fieldErrors["groups.T"]).toEqual([
      "Nhóm T: tổng điểm tối đa các tiêu chí là 6 nhưng điểm của nhóm là 5 (khi có phần chuyên đề).",
      "Nhóm T: tổng điểm tối đa các tiêu chí là 6 nhưng điểm của nhóm là 5 (khi không có phần chuyên đề).",
    ]);

    // A gap between two bands of A1, written in the JSON editor.
    const gap = structuredClone(HD42_2025);
    gap.code = code;
    const a1 = gap.groups.find((g) => g.code === "A")!.criteria.find((c) => c.code === "A1")!;
    if (a1.rule?.id !== "bands") throw new Error("A1 has bands");
    a1.rule.bands[1] = { ...a1.rule.bands[1]!, min: 66 };
    error = await save({ definition: JSON.stringify(gap, null, 2) });
    expect(error.fieldErrors["criteria.A1"]).toEqual(["Tiêu chí A1: các mức điểm để hở khoảng giữa 65 % và 66 %."]);

    // Thresholds out of order: Khá above Tốt.
    error = await save({ levels: { FAIR: { minTotal: "95" } } });
    expect(error.fieldErrors.levels).toContainEqual(expect.stringContaining("Ngưỡng xếp loại phải giảm dần theo thứ tự Tốt, Khá, Trung bình, Kém"));

    // A field the form itself cannot read, JSON that is not JSON, and a JSON naming another code.
    error = await save({ "criteria.T1.step": "nửa điểm" });
    expect(error.fieldErrors["criteria.T1.step"]).toEqual(["Nhập một số, ví dụ 4,5."]);
    error = await save({ definition: "{ \"code\": " });
    expect(error.fieldErrors.definition).toEqual(["Nội dung không phải JSON hợp lệ (nội dung bị cắt cụt)."]);
    error = await save({ definition: '{\n  "code": "X",\n  name: 1\n}' });
    expect(error.fieldErrors.definition).toEqual(["Nội dung không phải JSON hợp lệ (lỗi ở dòng 3, cột 3)."]);
    error = await save({ definition: { ...gap, code: "KHAC" } });
    expect(error.fieldErrors.definition?.[0]).toContain("khác mã khung tiêu chí đang sửa");

    expect(await rowsOf(code)).toHaveLength(1);
  });

  test("a stale expectedLatestVersion is a conflict and writes nothing", async () => {
    const code = newCode();
    await cloneRubric(t.admin, { sourceId: await builtInId("HD42_2025"), code, name: "Khung hai người sửa" });
    await saveRubricVersion(t.admin, { code, expectedLatestVersion: 1, name: "Người thứ nhất lưu trước" });
    const stale = await caught(saveRubricVersion(t.admin, { code, expectedLatestVersion: 1, name: "Người thứ hai" }), ConflictError);
    expect(stale.message).toContain("vừa có phiên bản mới (phiên bản 2)");
    expect((await rowsOf(code)).map((r) => r.name)).toEqual(["Khung hai người sửa", "Người thứ nhất lưu trước"]);
  });
});

describe("import and export", () => {
  test("export → import is the next version with the same rules; a new code is version 1; bad files are explained", async () => {
    const code = newCode();
    const v1 = await cloneRubric(t.admin, { sourceId: await builtInId("BINH_THUAN_HD42"), code, name: "Khung Bình Thuận của đơn vị" });
    const exported = await exportRubric(t.admin, v1.id);
    expect(exported.filename).toBe(`khung-tieu-chi-${code}-v1.json`);
    expect(exported.json.startsWith("{\n  ")).toBe(true);

    const again = await importRubric(t.admin, exported.json);
    expect(again).toMatchObject({ code, version: 2, created: false });
    const [first, second] = await rowsOf(code);
    expect({ ...(second!.definition as object), version: 1 }).toEqual(first!.definition);

    const other = newCode("NHAP");
    const created = await importRubric(t.admin, exported.json.replace(`"code": "${code}"`, `"code": "${other}"`));
    expect(created).toMatchObject({ code: other, version: 1, created: true });
    expect(await auditsOf(created.id)).toEqual([expect.objectContaining({ action: "rubric.import", after: expect.objectContaining({ code: other, version: 1 }) })]);

    const notJson = await caught(importRubric(t.admin, "không phải JSON"), ValidationError);
    expect(notJson.fieldErrors.file).toEqual(["Nội dung không phải JSON hợp lệ."]);
    const noCode = await caught(importRubric(t.admin, { ...HD42_2025, code: "1 sai" }), ValidationError);
    expect(noCode.fieldErrors.code?.[0]).toContain("Mã chỉ gồm chữ cái không dấu");
    const broken = await caught(importRubric(t.admin, { ...tenantFile(newCode()), totalPoints: 90 }), ValidationError);
    expect(broken.fieldErrors.totalPoints).toEqual(["Tổng điểm các nhóm là 100 nhưng tổng điểm của khung là 90 (khi có phần chuyên đề).", expect.any(String)]);
  });
});

describe("assignments and the rubric they choose", () => {
  test("an overlapping active assignment of the same unit and a shared kind is refused until the first is ended", async () => {
    const code = newCode();
    await importRubric(t.admin, tenantFile(code, { effectiveFrom: "2025-01-01" }));
    const first = await createAssignment(t.admin, { unitId: t.g.id, rubricCode: code, meetingKinds: ["REGULAR"], validFrom: "2025-01-01" });
    expect(await auditsOf(first.id)).toEqual([expect.objectContaining({ action: "rubricAssignment.create", after: expect.objectContaining({ validFrom: "2025-01-01", validTo: null }) })]);

    const clash = await caught(
      createAssignment(t.admin, { unitId: t.g.id, rubricCode: "HD12_2018", meetingKinds: ["REGULAR", "THEMATIC"], validFrom: "2026-01-01", validTo: "2026-12-31" }),
      ConflictError,
    );
    expect(clash.message).toBe(
      `${t.g.name} đã được áp dụng khung tiêu chí ${code} cho kỳ sinh hoạt Thường kỳ từ 01/01/2025, chưa có ngày kết thúc, trùng thời gian với phân công mới. Hãy kết thúc phân công đó trước, hoặc chọn thời gian hay loại kỳ sinh hoạt khác.`,
    );
    // Another kind, another unit, or dates that do not meet are fine.
    await createAssignment(t.admin, { unitId: t.g.id, rubricCode: "HD12_2018", meetingKinds: ["THEMATIC"], validFrom: "2026-01-01" });
    await createAssignment(t.admin, { unitId: t.branch.id, rubricCode: "HD12_2018", meetingKinds: ["REGULAR"], validFrom: "2026-01-01", validTo: "2026-06-30" });
    await createAssignment(t.admin, { unitId: t.branch.id, rubricCode: "HD12_2018", meetingKinds: ["REGULAR"], validFrom: "2026-07-01" });

    const bad = await caught(createAssignment(t.admin, { unitId: t.branch2.id, rubricCode: "KHONG_CO", meetingKinds: [], validFrom: "2026-02-01", validTo: "2026-01-01" }), ValidationError);
    expect(bad.fieldErrors).toMatchObject({ meetingKinds: ["Chọn ít nhất một loại kỳ sinh hoạt."], validTo: ["Ngày kết thúc áp dụng phải từ ngày bắt đầu trở đi."] });
    const unknownCode = await caught(createAssignment(t.admin, { unitId: t.branch2.id, rubricCode: "KHONG_CO", meetingKinds: ["REGULAR"], validFrom: "2026-02-01" }), ValidationError);
    expect(unknownCode.fieldErrors.rubricCode).toEqual(["Không có khung tiêu chí mã KHONG_CO."]);
    const closed = await caught(createAssignment(t.admin, { unitId: t.closed.id, rubricCode: code, meetingKinds: ["REGULAR"], validFrom: "2026-02-01" }), ValidationError);
    expect(closed.fieldErrors.unitId?.[0]).toContain("đã ngừng hoạt động");

    await endAssignment(t.admin, { id: first.id, reason: "Chuyển sang khung mới" });
    expect(await caught(endAssignment(t.admin, { id: first.id }), ConflictError)).toBeInstanceOf(ConflictError);
    await createAssignment(t.admin, { unitId: t.g.id, rubricCode: "HD12_2018", meetingKinds: ["REGULAR"], validFrom: "2026-01-01" });
    const ended = (await listAssignments(t.admin)).find((a) => a.id === first.id)!;
    expect(ended.endedAt).toBeInstanceOf(Date);
    expect(await auditsOf(first.id)).toContainEqual(expect.objectContaining({ action: "rubricAssignment.end", after: expect.objectContaining({ reason: "Chuyển sang khung mới" }) }));
    // Ended: the row is kept.
    expect(await ownerDb().rubricAssignment.count({ where: { tenantId: t.tenantId, id: first.id } })).toBe(1);
  });

  test("rubricForMeeting: deepest assignment covering the day and kind, then the version of the code in force that day", async () => {
    const tenant = await makeMeetingTenant({ members: 1 });
    const wide = newCode("RONG");
    const deep = newCode("SAU");
    await importRubric(tenant.admin, tenantFile(wide, { effectiveFrom: "2025-01-01" }));
    // Version 2 of the wide code applies from 2026.
    await importRubric(tenant.admin, tenantFile(wide, { effectiveFrom: "2026-01-01", name: "Khung rộng từ 2026" }));
    await importRubric(tenant.admin, tenantFile(deep, { effectiveFrom: "2025-01-01" }));
    await createAssignment(tenant.admin, { unitId: tenant.root.id, rubricCode: wide, meetingKinds: ["REGULAR", "THEMATIC"], validFrom: "2025-01-01" });
    await createAssignment(tenant.admin, { unitId: tenant.g.id, rubricCode: deep, meetingKinds: ["REGULAR"], validFrom: "2025-07-01", validTo: "2025-12-31" });

    const pick = async (unit: MeetingUnit, kind: "REGULAR" | "THEMATIC" | "COMBINED", date: string) => {
      const preview = await previewRubricChoice(tenant.admin, { branchId: unit.id, kind, date });
      return preview.rubric ? `${preview.rubric.code}@${preview.rubric.version}/${preview.source?.kind}` : null;
    };
    expect(await pick(tenant.branch, "REGULAR", "2025-03-01")).toBe(`${wide}@1/assignment`);
    expect(await pick(tenant.branch, "REGULAR", "2025-08-01")).toBe(`${deep}@1/assignment`);
    expect(await pick(tenant.other, "REGULAR", "2025-08-01")).toBe(`${wide}@1/assignment`);
    expect(await pick(tenant.branch, "THEMATIC", "2025-08-01")).toBe(`${wide}@1/assignment`);
    expect(await pick(tenant.branch, "REGULAR", "2026-02-01")).toBe(`${wide}@2/assignment`);
    expect(await pick(tenant.branch, "COMBINED", "2025-08-01")).toBe("HD12_2018@1/national");
    expect(await pick(tenant.branch, "COMBINED", "2026-02-01")).toBe("HD42_2025@1/national");
    const preview = await previewRubricChoice(tenant.admin, { branchId: tenant.branch.id, kind: "REGULAR", date: "2025-08-01" });
    expect(preview.source).toMatchObject({ kind: "assignment", unitName: tenant.g.name });

    // The same answer straight from the store, as the scoring workflow asks it.
    const direct = await withTenant(tenant.tenantId, (tx) =>
      rubricForMeeting(tx, tenant.tenantId, { branchPath: tenant.branch.path, kind: "REGULAR", day: fixtureDay("2026-02-01") }),
    );
    expect(direct?.row).toMatchObject({ code: wide, version: 2, name: "Khung rộng từ 2026" });
  });
});

describe("permissions and isolation", () => {
  test("without settings.manage: readers may read but not change (403); others see nothing (404)", async () => {
    const code = newCode();
    const v1 = await cloneRubric(t.admin, { sourceId: await builtInId("HD42_2025"), code, name: "Khung chỉ quản trị sửa" });
    await caught(cloneRubric(t.recorder, { sourceId: v1.id, code: newCode(), name: "Bản của người ghi" }), ForbiddenError);
    await caught(saveRubricVersion(t.overseer, { code, expectedLatestVersion: 1, name: "Sửa trái phép" }), ForbiddenError);
    await caught(importRubric(t.reviewer, tenantFile(newCode())), ForbiddenError);
    await caught(createAssignment(t.recorder, { unitId: t.branch.id, rubricCode: code, meetingKinds: ["REGULAR"], validFrom: "2026-01-01" }), ForbiddenError);
    expect((await getRubric(t.recorder, v1.id)).canEdit).toBe(false);

    // A member or a leader holds none of the reading permissions.
    for (const outsider of [t.member, t.leader]) {
      await caught(listRubrics(outsider), NotFoundError);
      await caught(getRubric(outsider, v1.id), NotFoundError);
      await caught(cloneRubric(outsider, { sourceId: v1.id, code: newCode(), name: "Bản khác" }), NotFoundError);
      await caught(listAssignments(outsider), NotFoundError);
    }
    expect(await rowsOf(code)).toHaveLength(1);
  });

  test("an admin of a subtree assigns only inside it and cannot re-version a code assigned elsewhere", async () => {
    const t = await makeMeetingTenant({ members: 1 });
    const subAdmin = await addUser(t, "TENANT_ADMIN", t.g);
    const code = newCode();
    const own = await importRubric(subAdmin, tenantFile(code, { effectiveFrom: "2025-01-01" }));
    expect(own).toMatchObject({ version: 1, created: true });
    await createAssignment(subAdmin, { unitId: t.branch.id, rubricCode: code, meetingKinds: ["REGULAR"], validFrom: "2025-01-01" });
    const outside = await caught(createAssignment(subAdmin, { unitId: t.other.id, rubricCode: code, meetingKinds: ["REGULAR"], validFrom: "2025-01-01" }), ValidationError);
    expect(outside.fieldErrors.unitId).toEqual(["Không tìm thấy tổ chức này trong phạm vi bạn quản lý."]);
    expect((await searchUnitsForRubrics(subAdmin, { q: "", purpose: "assign" })).map((u) => u.id)).not.toContain(t.other.id);

    // Once the root admin applies the code to the other subtree, only they may change it.
    const rootAssignment = await createAssignment(t.admin, { unitId: t.other.id, rubricCode: code, meetingKinds: ["REGULAR"], validFrom: "2025-01-01" });
    const blocked = await caught(saveRubricVersion(subAdmin, { code, expectedLatestVersion: 1, name: "Đổi cho cả đơn vị khác" }), ForbiddenError);
    expect(blocked.message).toContain(`đang được áp dụng cho ${t.other.name}, ngoài phạm vi bạn quản lý`);
    expect((await getRubric(subAdmin, own.id)).canEdit).toBe(false);
    await caught(endAssignment(subAdmin, { id: rootAssignment.id }), NotFoundError);
    await saveRubricVersion(t.admin, { code, expectedLatestVersion: 1, name: "Quản trị cấp trên sửa" });
  });

  test("another tenant's rubric or assignment id is not found", async () => {
    const code = newCode();
    const v1 = await cloneRubric(t.admin, { sourceId: await builtInId("HD42_2025"), code, name: "Khung của đơn vị thứ nhất" });
    const assignment = await createAssignment(t.admin, { unitId: t.branch2.id, rubricCode: code, meetingKinds: ["EXTRAORDINARY"], validFrom: "2025-01-01" });
    const stranger = await makeMeetingTenant({ members: 1 });
    await caught(getRubric(stranger.admin, v1.id), NotFoundError);
    await caught(exportRubric(stranger.admin, v1.id), NotFoundError);
    await caught(cloneRubric(stranger.admin, { sourceId: v1.id, code: newCode(), name: "Lấy trộm" }), NotFoundError);
    await caught(saveRubricVersion(stranger.admin, { code, expectedLatestVersion: 1, name: "Sửa trộm" }), NotFoundError);
    await caught(endAssignment(stranger.admin, { id: assignment.id }), NotFoundError);
    const preview = await caught(previewRubricChoice(stranger.admin, { branchId: t.branch.id, kind: "REGULAR", date: "2026-01-01" }), ValidationError);
    expect(preview.fieldErrors.branchId).toBeDefined();
    expect((await listAssignments(stranger.admin)).map((a) => a.id)).not.toContain(assignment.id);
    expect((await listRubrics(stranger.admin)).rubrics.map((r) => r.code)).not.toContain(code);
  });

  test("the application role cannot UPDATE a Rubric row, even inside its own tenant", async () => {
    const code = newCode();
    await cloneRubric(t.admin, { sourceId: await builtInId("HD42_2025"), code, name: "Khung không sửa tại chỗ" });
    await expect(
      withTenant(t.tenantId, (tx) => tx.$executeRaw`UPDATE "Rubric" SET "name" = 'Sửa lén' WHERE "tenantId" = ${t.tenantId}::uuid AND "code" = ${code}`),
    ).rejects.toThrow(/permission denied/i);
    expect((await rowsOf(code)).map((r) => r.name)).toEqual(["Khung không sửa tại chỗ"]);
  });
});

describe("API", () => {
  test("list, export download, clone, a 422 with the validator's issues, import, assignments and the preview", async () => {
    signIn(t.admin);
    let response = await rubricsRoute.GET(apiRequest("GET", "/api/v1/rubrics"), routeContext({}));
    expect(response.status).toBe(200);
    const list = (await response.json()) as { rubrics: { code: string; latest: { id: string } }[] };
    const hd42 = list.rubrics.find((r) => r.code === "HD42_2025")!;

    response = await rubricRoute.GET(apiRequest("GET", `/api/v1/rubrics/${hd42.latest.id}?download=1`), routeContext({ id: hd42.latest.id }));
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="khung-tieu-chi-HD42_2025-v1.json"');
    const file = await response.text();
    expect(JSON.parse(file)).toEqual(HD42_2025);

    const code = newCode("API");
    response = await cloneRoute.POST(apiRequest("POST", `/api/v1/rubrics/${hd42.latest.id}/clone`, { code, name: "Khung qua API" }), routeContext({ id: hd42.latest.id }));
    expect(response.status).toBe(201);
    const clone = (await response.json()) as { id: string; version: number };
    expect(clone.version).toBe(1);

    const definition = { ...(JSON.parse(file) as Rubric), code, totalPoints: 99 };
    response = await versionsRoute.POST(apiRequest("POST", `/api/v1/rubrics/${code}/versions`, { expectedLatestVersion: 1, definition }), routeContext({ id: code }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.totalPoints?.[0]).toContain("tổng điểm của khung là 99");
    response = await versionsRoute.POST(apiRequest("POST", `/api/v1/rubrics/${clone.id}/versions`, { expectedLatestVersion: 1, definition: { ...definition, totalPoints: 100 } }), routeContext({ id: clone.id }));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ code, version: 2 });
    response = await versionsRoute.POST(apiRequest("POST", `/api/v1/rubrics/${code}/versions`, { expectedLatestVersion: 1, name: "Cũ" }), routeContext({ id: code }));
    expect(response.status).toBe(409);

    const imported = newCode("API");
    response = await rubricsRoute.POST(apiRequest("POST", "/api/v1/rubrics", tenantFile(imported, { effectiveFrom: "2025-01-01" })), routeContext({}));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ code: imported, version: 1, created: true });

    response = await assignmentsRoute.POST(
      apiRequest("POST", "/api/v1/rubric-assignments", { unitId: t.branch2.id, rubricCode: imported, meetingKinds: ["COMBINED"], validFrom: "2025-02-01" }),
      routeContext({}),
    );
    expect(response.status).toBe(201);
    const { id: assignmentId } = (await response.json()) as { id: string };
    response = await assignmentsRoute.GET(apiRequest("GET", "/api/v1/rubric-assignments"), routeContext({}));
    expect(((await response.json()) as { items: { id: string }[] }).items.map((a) => a.id)).toContain(assignmentId);
    response = await previewRoute.GET(
      apiRequest("GET", `/api/v1/rubric-assignments/preview?branchId=${t.branch2.id}&kind=COMBINED&date=2025-03-01`),
      routeContext({}),
    );
    expect(await response.json()).toMatchObject({ rubric: { code: imported, version: 1 }, source: { kind: "assignment" } });
    response = await endRoute.POST(apiRequest("POST", `/api/v1/rubric-assignments/${assignmentId}/end`, { reason: "Thử" }), routeContext({ id: assignmentId }));
    expect(response.status).toBe(200);

    signIn(t.recorder);
    response = await rubricsRoute.POST(apiRequest("POST", "/api/v1/rubrics", tenantFile(newCode())), routeContext({}));
    expect(response.status).toBe(403);
    signIn(t.member);
    response = await rubricRoute.GET(apiRequest("GET", `/api/v1/rubrics/${hd42.latest.id}`), routeContext({ id: hd42.latest.id }));
    expect(response.status).toBe(404);
  });
});

describe("thematic variants in the editor form (issue 14)", () => {
  test("a rubric author edits the pure-thematic variant: its description, the criteria that do not apply, a changed maximum; the sums are still checked", async () => {
    const code = newCode();
    await cloneRubric(t.admin, { sourceId: await builtInId("HD42_2025"), code, name: "Khung có biến thể chuyên đề" });
    const form = (fields: Record<string, unknown>) =>
      saveRubricVersionSchema.parse({ code, expectedLatestVersion: "1", name: "Khung có biến thể chuyên đề", ...fields });

    // C3 at 14 leaves group C of a pure thematic meeting at 29: refused, nothing written.
    const short = await caught(saveRubricVersion(t.admin, form({ "variants.1.notApplicable": ["", "C2"], "variants.1.maxPoints.C3": "14" })), ValidationError);
    expect(Object.keys(short.fieldErrors).length).toBeGreaterThan(0);
    const unknown = await caught(saveRubricVersion(t.admin, form({ "variants.1.notApplicable": ["", "Z9"] })), ValidationError);
    expect(unknown.fieldErrors["variants.1.notApplicable"]).toEqual(["Khung tiêu chí không có tiêu chí Z9."]);
    expect(await rowsOf(code)).toHaveLength(1);

    // C2 and C4 not applicable, C3 worth 17: group C is 5 + 17 + 5 + 1 + 1 + 1 = 30.
    await saveRubricVersion(
      t.admin,
      form({
        "variants.1.description": "Chuyên đề riêng: không chấm C2, C4; C3 tối đa 17 điểm.",
        "variants.1.notApplicable": ["", "C2", "C4"],
        "variants.1.maxPoints.C3": "17",
      }),
    );
    const saved = (await rowsOf(code))[1]!.definition as unknown as Rubric;
    expect(saved.thematicVariants![1]).toMatchObject({
      pureThematic: true,
      description: "Chuyên đề riêng: không chấm C2, C4; C3 tối đa 17 điểm.",
      notApplicable: ["C2", "C4"],
      maxPoints: { C3: 17 },
    });
    expect(saved.thematicVariants![0]).toEqual(HD42_2025.thematicVariants![0]);
  });
});
