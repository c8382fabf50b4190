// Year-end classification, QĐ 366 (issue 16): the board, cases and the workflow's steps, the
// preview, documents and lists, the dashboard shares and targets, the cap setting, members'
// commitments and frame administration.
import { z } from "zod";
import { commitmentSchema } from "@/lib/classification/commitments";
import { cloneFrameSchema, createFrameAssignmentSchema, endFrameAssignmentSchema, saveFrameVersionSchema } from "@/lib/classification/frame-admin-schemas";
import { CLASSIFICATION_LEVELS, PERIOD_KINDS, SUBJECTS, frameSchema } from "@/lib/classification/model";
import { classificationPreviewSchema, classifyResultSchema } from "@/lib/classification/preview";
import { appraisalSchema, branchReviewSchema, bulkDecisionSchema, bulkReviewSchema, decisionSchema, returnSchema, selfAssessmentSchema } from "@/lib/classification/schemas";
import { capSettingSchema } from "@/lib/classification/settings";
import { CLASSIFICATION_INDICATORS, SHARE_GROUPS, classificationTargetsSchema } from "@/lib/classification/shares";
import type { OpenApiRoute } from "./types";

const TAG = "classification";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const level = z.enum(CLASSIFICATION_LEVELS);
const state = z.enum(["DRAFT", "SELF_ASSESSED", "BRANCH_REVIEWED", "APPRAISED", "DECIDED"]);
const periodQuery = z.string().describe('Kỳ đánh giá: năm "2026", quý "2026-Q4" hoặc nhiệm kỳ "2020-2025"');

const stepResult = z.object({ id: z.string(), state, version: z.number().int(), total: z.number(), level: level.nullable(), href: z.string().describe("Trang của hồ sơ") });

const column = z.looseObject({
  marks: z.object({ marks: z.record(z.string(), z.union([z.number(), z.string()])), remarks: z.record(z.string(), z.string()) }),
  facts: z.looseObject({}),
  result: classifyResultSchema,
  level: level.nullable(),
  by: z.string().nullable(),
  at: z.string().nullable(),
  reason: z.string().nullable(),
});

const caseView = z.looseObject({
  id: z.string().nullable().describe("Null khi hồ sơ chưa được lưu lần nào"),
  version: z.number().int(),
  state,
  subject: z.enum(SUBJECTS),
  unit: z.looseObject({ id: z.string(), name: z.string() }),
  member: z.looseObject({ id: z.string(), fullName: z.string(), posts: z.array(z.string()) }).nullable(),
  period: z.looseObject({ key: z.string(), kind: z.enum(PERIOD_KINDS), label: z.string(), start: z.string(), end: z.string(), year: z.number().int() }),
  decidingUnit: z.object({ id: z.string(), name: z.string() }),
  frame: z.looseObject({ id: z.string(), code: z.string(), version: z.number().int(), name: z.string() }),
  definition: frameSchema,
  needsBranchReview: z.boolean(),
  evidence: z.looseObject({ items: z.record(z.string(), z.looseObject({ title: z.string(), lines: z.array(z.string()), source: z.string() })), suggestedFacts: z.looseObject({}), asOf: z.string() }),
  evidenceLive: z.boolean(),
  self: column.extend({ notes: z.looseObject({}), submitted: z.boolean() }).nullable(),
  review: z.looseObject({ level: level.nullable(), comments: z.string().nullable(), vote: z.looseObject({ for: z.number(), eligible: z.number() }).nullable() }).nullable(),
  appraisal: column.extend({ adjusted: z.boolean() }).nullable(),
  decision: z.looseObject({ level, total: z.number(), reason: z.string().nullable(), at: z.string() }).nullable(),
  returned: z.looseObject({ reason: z.string(), at: z.string() }).nullable(),
  effective: z.object({ level, source: z.enum(["decision", "appraisal", "review", "self"]) }).nullable(),
  can: z.object({ self: z.boolean(), review: z.boolean(), appraise: z.boolean(), decide: z.boolean(), returnCase: z.boolean() }),
  cap: z.looseObject({ percent: z.number(), excellent: z.number().int(), baseCount: z.number().int(), allowed: z.number().int(), over: z.number().int() }).nullable(),
});

const boardRow = z.looseObject({
  caseId: z.string().nullable(),
  subjectId: z.string(),
  name: z.string(),
  state: state.nullable(),
  levels: z.object({ self: level.nullable(), review: level.nullable(), appraisal: level.nullable(), decision: level.nullable() }),
  total: z.number().nullable(),
  href: z.string(),
  next: z.enum(["self", "selfOnBehalf", "review", "appraise", "decide", "done", "waiting"]),
});

const groupShares = z.object({ total: z.number().int(), decided: z.number().int(), levels: z.record(level, z.number().int()), goodShare: z.number().nullable(), excellentShare: z.number().nullable() });
const shareRow = z.object({ unit: z.object({ id: z.string(), name: z.string() }), groups: z.record(z.enum(SHARE_GROUPS), groupShares) });
const saved = z.object({ id: z.string(), code: z.string(), version: z.number().int() });
const frameVersion = z.looseObject({ id: z.string(), version: z.number().int(), effectiveFrom: z.string(), effectiveTo: z.string().nullable(), classifications: z.number().int() });

export const classificationRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/classification",
    summary: "Bảng xếp loại của một đơn vị trong kỳ: tổ chức đảng, đảng viên (nếu là chi bộ), trạng thái từng hồ sơ và bước tiếp theo của người gọi",
    tag: TAG,
    query: z.object({ unit: z.string().optional(), period: periodQuery.optional() }),
    response: z.looseObject({ organisations: z.array(boardRow), members: z.array(boardRow), children: z.array(z.looseObject({})) }),
  },
  {
    method: "GET",
    path: "/api/v1/classification/export",
    summary: "Danh sách tổ chức đảng và đảng viên đã xếp loại của đơn vị (kèm tổng hợp theo đơn vị cấp dưới), tệp XLSX",
    tag: TAG,
    query: z.object({ unit: z.string().optional(), period: periodQuery }),
    produces: XLSX,
  },
  {
    method: "GET",
    path: "/api/v1/classification/shares",
    summary: "Tỷ lệ từng mức xếp loại năm của đơn vị và từng đơn vị cấp dưới trực tiếp, so với chỉ tiêu năm",
    tag: TAG,
    query: z.object({ unit: z.string().optional(), year: z.string() }),
    response: z.looseObject({ year: z.number().int(), total: shareRow, children: z.array(shareRow), targets: z.array(z.looseObject({ indicator: z.enum(CLASSIFICATION_INDICATORS), target: z.number(), actual: z.number().nullable(), status: z.enum(["met", "behind", "noData"]) })) }),
  },
  {
    method: "GET",
    path: "/api/v1/classification/targets",
    summary: "Chỉ tiêu xếp loại của năm (phần trăm)",
    tag: TAG,
    query: z.object({ year: z.string() }),
    response: z.object({ year: z.number().int(), targets: z.partialRecord(z.enum(CLASSIFICATION_INDICATORS), z.number()) }),
  },
  {
    method: "PUT",
    path: "/api/v1/classification/targets",
    summary: "Đặt chỉ tiêu xếp loại của năm; để trống một chỉ tiêu là bỏ chỉ tiêu đó (quản trị viên toàn đơn vị)",
    tag: TAG,
    request: classificationTargetsSchema,
    response: z.object({ year: z.number().int(), targets: z.partialRecord(z.enum(CLASSIFICATION_INDICATORS), z.number()) }),
  },
  {
    method: "GET",
    path: "/api/v1/classification/settings",
    summary: 'Mức trần "hoàn thành xuất sắc" đang áp dụng (thiết lập chưa được xác nhận; mặc định 20 % số hoàn thành tốt trở lên) và lịch sử',
    tag: TAG,
    response: z.looseObject({ value: z.object({ percent: z.number(), base: z.enum(["GOOD_OR_BETTER", "GOOD"]) }), canEdit: z.boolean() }),
  },
  {
    method: "PUT",
    path: "/api/v1/classification/settings",
    summary: 'Đặt mức trần "hoàn thành xuất sắc" từ một ngày (quản trị viên toàn đơn vị)',
    tag: TAG,
    request: capSettingSchema,
    response: z.object({ changed: z.boolean() }),
  },
  {
    method: "POST",
    path: "/api/v1/classification/preview",
    summary: "Xếp loại thử theo khung đánh giá (không lưu gì): điểm, mức và các điều kiện đạt hay chưa",
    description:
      "Gửi mã khung của đơn vị (frameCode, tùy chọn frameVersion) hoặc toàn bộ khung (frame), điểm từng tiêu chí (marks), các điều kiện (facts) và tùy chọn mức đề nghị (proposedLevel). " +
      "Mã khung không có: 404. Yêu cầu hoặc khung sai, điểm vượt tối đa hay sai bước: 422 nêu mọi lỗi. Thiếu điểm: vẫn 200 với level null. " +
      "Mức đề nghị chưa đủ điều kiện: 200 với proposed.allowed = false và từng lý do.",
    tag: TAG,
    request: classificationPreviewSchema,
    response: classifyResultSchema,
  },
  {
    method: "GET",
    path: "/api/v1/classification/cases",
    summary: "Hồ sơ xếp loại của một tổ chức đảng (unitId) hoặc đảng viên (memberId) trong kỳ, kèm căn cứ từ sổ sách; chưa lưu thì là bản nháp phiên bản 0",
    tag: TAG,
    query: z.object({ unitId: z.string().optional(), memberId: z.string().optional(), period: periodQuery }),
    response: caseView,
  },
  {
    method: "GET",
    path: "/api/v1/classification/cases/{id}",
    summary: "Hồ sơ xếp loại với các cột tự đánh giá, chi bộ, thẩm định và quyết định",
    tag: TAG,
    response: caseView,
  },
  {
    method: "POST",
    path: "/api/v1/classification/self-assessments",
    summary: "Lưu nháp hoặc gửi bản tự đánh giá (submit = true): đủ điểm, nhận xét tiêu chí tự đánh giá, các điều kiện và mức tự nhận",
    description: "Nêu hồ sơ bằng caseId, hoặc unitId / memberId cùng period. Điểm sai: 422; mức tự nhận chưa đủ điều kiện: 422 nêu từng điều kiện; phiên bản cũ: 409.",
    tag: TAG,
    request: selfAssessmentSchema,
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/classification/cases/{id}/review",
    summary: "Ghi kết quả hội nghị kiểm điểm của chi bộ (kỳ sinh hoạt loại REVIEW đã họp): ý kiến, mức chi bộ đề nghị và biểu quyết",
    tag: TAG,
    request: branchReviewSchema,
    bodyFromPath: ["caseId"],
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/classification/cases/{id}/appraisal",
    summary: "Thẩm định của cấp ủy cấp trên: giữ nguyên điểm (confirm) hoặc chấm lại có lý do (adjust), và mức đề nghị",
    tag: TAG,
    request: appraisalSchema,
    bodyFromPath: ["caseId"],
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/classification/cases/{id}/decision",
    summary: 'Quyết định xếp loại của cấp có thẩm quyền (khóa hồ sơ); vượt mức trần "xuất sắc" tại cấp quyết định: 422 nêu số vượt',
    tag: TAG,
    request: decisionSchema,
    bodyFromPath: ["caseId"],
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/classification/cases/{id}/return",
    summary: "Trả hồ sơ về bước tự đánh giá, có lý do",
    tag: TAG,
    request: returnSchema,
    bodyFromPath: ["caseId"],
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/classification/reviews",
    summary: "Ghi kết quả hội nghị kiểm điểm cho nhiều hồ sơ cùng lúc (một hội nghị, một kết quả biểu quyết, mức đề nghị từng hồ sơ); một hồ sơ không hợp lệ thì không ghi hồ sơ nào",
    tag: TAG,
    request: bulkReviewSchema,
    response: z.object({ count: z.number().int(), href: z.string().nullable() }),
  },
  {
    method: "POST",
    path: "/api/v1/classification/decisions",
    summary: "Quyết định xếp loại theo mức thẩm định cho nhiều hồ sơ cùng lúc; mức trần xuất sắc được kiểm tra với từng quyết định; một hồ sơ bị từ chối thì không ghi hồ sơ nào",
    tag: TAG,
    request: bulkDecisionSchema,
    response: z.object({ count: z.number().int() }),
  },
  {
    method: "GET",
    path: "/api/v1/classification/cases/{id}/self-review.docx",
    summary: "Bản kiểm điểm cá nhân (hoặc báo cáo kiểm điểm tập thể), tệp Word theo thể thức văn bản của Đảng",
    tag: TAG,
    produces: DOCX,
  },
  {
    method: "GET",
    path: "/api/v1/classification/review-meetings/{meetingId}/minutes.docx",
    summary: "Biên bản hội nghị kiểm điểm của chi bộ kèm kết quả biểu quyết mức xếp loại, tệp Word",
    tag: TAG,
    produces: DOCX,
  },
  {
    method: "PUT",
    path: "/api/v1/classification/commitments",
    summary: "Ghi bản đăng ký cam kết tu dưỡng, rèn luyện, phấn đấu của đảng viên trong năm (version 0 khi đăng ký lần đầu)",
    tag: TAG,
    request: commitmentSchema,
    response: z.object({ id: z.string(), version: z.number().int() }),
  },
  {
    method: "GET",
    path: "/api/v1/classification/frames",
    summary: "Các khung đánh giá, xếp loại của đơn vị (có sẵn theo QĐ 366 và tự tạo), mỗi mã với các phiên bản",
    tag: TAG,
    response: z.looseObject({ frames: z.array(z.looseObject({ code: z.string(), name: z.string(), subject: z.enum(SUBJECTS), builtIn: z.boolean(), latest: frameVersion, versions: z.array(frameVersion) })), canManage: z.boolean() }),
  },
  {
    method: "POST",
    path: "/api/v1/classification/frames",
    summary: "Nhập khung đánh giá từ JSON: mã mới thành phiên bản 1, mã đã có thành phiên bản kế tiếp; mã khung có sẵn bị từ chối",
    tag: TAG,
    request: frameSchema,
    response: saved.extend({ created: z.boolean() }),
    status: 201,
  },
  {
    method: "GET",
    path: "/api/v1/classification/frames/{id}",
    summary: "Xuất một phiên bản khung đánh giá (JSON); ?download=1 trả về tệp để tải",
    tag: TAG,
    query: z.object({ download: z.enum(["1"]).optional() }),
    response: frameSchema,
  },
  {
    method: "POST",
    path: "/api/v1/classification/frames/{id}/clone",
    summary: "Sao chép một phiên bản khung đánh giá thành khung mới của đơn vị, phiên bản 1",
    tag: TAG,
    request: cloneFrameSchema,
    bodyFromPath: ["sourceId"],
    response: saved,
    status: 201,
  },
  {
    method: "POST",
    path: "/api/v1/classification/frames/{id}/versions",
    summary: "Lưu phiên bản mới của khung tự tạo ({id} là mã hoặc id một phiên bản); gửi kèm expectedLatestVersion",
    description: "Gửi `definition` (toàn bộ khung) hoặc các trường: name, description, effectiveFrom, effectiveTo, groups.{mã}.points, criteria.{mã}.maxPoints/step/guidance, levels.{mức}.minTotal, conditions.{mã}.value. Khung sai: 422; phiên bản cũ: 409; khung có sẵn: 403.",
    tag: TAG,
    request: saveFrameVersionSchema,
    bodyFromPath: ["code", "baseId"],
    response: saved,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/v1/classification/frame-assignments",
    summary: "Các phân công khung đánh giá trên tổ chức thuộc phạm vi quản trị của người gọi",
    tag: TAG,
    response: z.object({ items: z.array(z.looseObject({ id: z.string(), frameCode: z.string(), subjects: z.array(z.enum(SUBJECTS)), validFrom: z.string(), validTo: z.string().nullable(), endedAt: z.string().nullable() })) }),
  },
  {
    method: "POST",
    path: "/api/v1/classification/frame-assignments",
    summary: "Áp dụng một mã khung đánh giá cho đối tượng của tổ chức và cấp dưới từ một ngày; trùng với phân công đang áp dụng: 409",
    tag: TAG,
    request: createFrameAssignmentSchema,
    response: z.object({ id: z.string() }),
    status: 201,
  },
  {
    method: "POST",
    path: "/api/v1/classification/frame-assignments/{id}/end",
    summary: "Kết thúc một phân công khung đánh giá (không xóa)",
    tag: TAG,
    request: endFrameAssignmentSchema,
    bodyFromPath: ["id"],
    response: z.object({ endedAt: z.string() }),
  },
];
