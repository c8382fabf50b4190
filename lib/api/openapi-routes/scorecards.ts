// The scorecard of one meeting (issue 5): the view, the branch's draft and self-score, the overseer's
// confirmation, the reviewer's decision or return, and the score sheet as DOCX. Request bodies are
// the workflow's own zod schemas (their object part: the forms' flat "mark.C1" fields are folded into
// the same nested shape before it) without the meeting id the path carries.
import { z } from "zod";
import { MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import { finaliseSchema, overseerSchema, returnScoreSchema, saveDraftSchema, submitSelfScoreSchema } from "@/lib/scoring/workflow";
import type { OpenApiRoute } from "./types";
import { LEVELS } from "@/lib/domain/levels";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const level = z.enum(LEVELS).nullable();
const column = z.enum(["self", "overseer", "final"]);

const scoreResult = z.looseObject({
  rubric: z.object({ code: z.string(), version: z.number().int(), name: z.string() }),
  perCriterion: z.array(
    z.looseObject({
      code: z.string(),
      name: z.string(),
      group: z.string(),
      mode: z.enum(["AUTO", "MANUAL"]),
      applicable: z.boolean(),
      max: z.number(),
      points: z.number(),
      evidence: z.string().describe("Căn cứ chấm bằng tiếng Việt, ví dụ \"Thời lượng 100/120 phút, thiếu 20 phút → 3 điểm\""),
      overridden: z.boolean(),
    }),
  ),
  groupTotals: z.array(z.object({ code: z.string(), name: z.string(), max: z.number(), points: z.number() })),
  total: z.number(),
  totalTenths: z.number().int(),
  max: z.number(),
  level,
  levelLabel: z.string().nullable(),
  conditions: z.array(z.looseObject({ code: z.string(), name: z.string(), held: z.boolean(), explanation: z.string() })),
  errors: z.array(z.looseObject({ path: z.string().optional(), message: z.string() })),
});

const scoreColumn = z
  .looseObject({
    marks: z.record(z.string(), z.union([z.number(), z.string()])),
    remarks: z.record(z.string(), z.string()),
    overrides: z.record(z.string(), z.object({ points: z.union([z.number(), z.string()]), reason: z.string() })),
    result: scoreResult,
    by: z.object({ id: z.string(), name: z.string() }).nullable(),
    at: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .nullable();

const scorecardView = z.looseObject({
  meeting: z.looseObject({ id: z.string(), title: z.string(), day: z.string(), kind: z.enum(MeetingKind), state: z.enum(MeetingState), version: z.number().int(), lockedAt: z.string().nullable() }),
  rubric: z.looseObject({ id: z.string(), code: z.string(), version: z.number().int(), name: z.string(), builtIn: z.boolean(), source: z.looseObject({ kind: z.string() }) }).nullable(),
  definition: z.looseObject({}).nullable().describe("Khung tiêu chí (nhóm, tiêu chí, hướng dẫn chấm, quy tắc xếp loại)"),
  facts: z.looseObject({}).nullable().describe("Số liệu kỳ sinh hoạt dùng để chấm tự động"),
  inputErrors: z.array(z.looseObject({ path: z.string().optional(), message: z.string() })).describe("Lý do không thể chấm với khung tiêu chí và số liệu này (rỗng khi chấm được)"),
  factsLive: z.boolean(),
  card: z.object({ id: z.string(), version: z.number().int(), notes: z.string().nullable(), updatedAt: z.string() }).nullable(),
  columns: z.object({ self: scoreColumn, overseer: scoreColumn, final: scoreColumn }),
  vote: z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int(), eligible: z.number().int() }).nullable(),
  effective: z.object({ column, total: z.number(), totalTenths: z.number().int(), level }).nullable(),
  can: z.object({ draft: z.boolean(), selfScore: z.boolean(), confirm: z.boolean(), finalise: z.boolean(), returnScore: z.boolean(), reopen: z.boolean() }),
  notScorable: z.string().nullable(),
  deductionNeedsReason: z.boolean(),
});

const stepResult = z.looseObject({
  meetingId: z.string(),
  state: z.enum(MeetingState),
  version: z.number().int().describe("Phiên bản kỳ sinh hoạt"),
  total: z.number(),
  level,
  cardVersion: z.number().int().describe("Phiên bản phiếu chấm, gửi kèm ở bước sau"),
});

const versionNote = "version là phiên bản phiếu chấm đã đọc (0 khi chưa có); phiên bản cũ: 409, không ghi gì.";

export const scorecardRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/scorecard",
    summary: "Phiếu chấm điểm của kỳ sinh hoạt: khung tiêu chí, số liệu, ba cột điểm (tự chấm, cấp trên, thẩm định), kết quả và thao tác được phép",
    tag: "scoring",
    response: scorecardView,
  },
  {
    method: "PUT",
    path: "/api/v1/meetings/{id}/scorecard",
    summary: "Chi bộ lưu nháp phiếu tự chấm (được chấm dở)",
    description: versionNote,
    tag: "scoring",
    request: saveDraftSchema.out,
    bodyFromPath: ["meetingId"],
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/scorecard/self-score",
    summary: "Chi bộ gửi kết quả tự chấm kèm kết quả biểu quyết của chi bộ",
    description: `Cần biên bản đã thông qua, đủ điểm các tiêu chí chấm tay, lý do cho mỗi tiêu chí bị trừ điểm và biểu quyết hợp lệ (422 nêu từng lỗi). ${versionNote}`,
    tag: "scoring",
    request: submitSelfScoreSchema.out,
    bodyFromPath: ["meetingId"],
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/scorecard/confirm",
    summary: "Cấp ủy viên cấp trên xác nhận (mode confirm) hoặc điều chỉnh điểm kèm lý do (mode adjust)",
    description: versionNote,
    tag: "scoring",
    request: overseerSchema.out,
    bodyFromPath: ["meetingId"],
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/scorecard/finalise",
    summary: "Ban Tổ chức thẩm định (mode approve) hoặc điều chỉnh và thẩm định kèm lý do (mode adjust); kỳ sinh hoạt được khóa",
    description: versionNote,
    tag: "scoring",
    request: finaliseSchema.out,
    bodyFromPath: ["meetingId"],
    response: stepResult,
  },
  {
    method: "POST",
    path: "/api/v1/meetings/{id}/scorecard/return",
    summary: "Ban Tổ chức trả lại phiếu chấm cho chi bộ kèm lý do",
    description: versionNote,
    tag: "scoring",
    request: returnScoreSchema,
    bodyFromPath: ["meetingId"],
    response: stepResult,
  },
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/scorecard.docx",
    summary: "Phiếu đánh giá chất lượng sinh hoạt chi bộ (DOCX): tiêu chí, ba cột điểm, tổng điểm, xếp loại, biểu quyết, lý do và chữ ký",
    tag: "documents",
    produces: DOCX,
  },
];
