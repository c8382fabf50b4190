// /api/v1/rubrics and /api/v1/rubric-assignments: rubric administration (issue 5).
import { z } from "zod";
import { MEETING_KINDS } from "@/lib/meetings/rules/types";
import { rubricSchema } from "@/lib/scoring/schemas";
import {
  cloneRubricSchema,
  createAssignmentSchema,
  endAssignmentSchema,
  saveRubricVersionSchema,
} from "@/lib/scoring/rubric-admin-schemas";
import type { OpenApiRoute } from "./types";

const saved = z.object({ id: z.string(), code: z.string(), version: z.number().int() });

const versionSummary = z.looseObject({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  meetingKinds: z.array(z.enum(MEETING_KINDS)),
  totalPoints: z.number(),
  scorecards: z.number().int(),
});

const assignment = z.looseObject({
  id: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  rubricCode: z.string(),
  rubricName: z.string().nullable(),
  meetingKinds: z.array(z.enum(MEETING_KINDS)),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  endedAt: z.string().nullable(),
});

export const rubricRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/rubrics",
    summary: "Các khung tiêu chí của đơn vị (có sẵn và tự tạo), mỗi mã với các phiên bản và số phiếu chấm đã dùng",
    response: z.looseObject({
      rubrics: z.array(
        z.looseObject({
          code: z.string(),
          name: z.string(),
          builtIn: z.boolean(),
          national: z.boolean(),
          editable: z.boolean(),
          latest: versionSummary,
          versions: z.array(versionSummary),
        }),
      ),
      canManage: z.boolean(),
    }),
  },
  {
    method: "POST",
    path: "/api/v1/rubrics",
    summary: "Nhập khung tiêu chí từ JSON (như tệp xuất): mã mới thành phiên bản 1, mã đã có thành phiên bản kế tiếp; mã của khung có sẵn bị từ chối",
    request: rubricSchema,
    response: saved.extend({ created: z.boolean() }),
    status: 201,
  },
  {
    method: "GET",
    path: "/api/v1/rubrics/{id}",
    summary: "Xuất một phiên bản khung tiêu chí (JSON); ?download=1 trả về tệp để tải",
    query: z.object({ download: z.enum(["1"]).optional() }),
    response: rubricSchema,
  },
  {
    method: "POST",
    path: "/api/v1/rubrics/{id}/clone",
    summary: "Sao chép một phiên bản (có sẵn hoặc tự tạo) thành khung tiêu chí mới của đơn vị, phiên bản 1",
    request: cloneRubricSchema,
    bodyFromPath: ["sourceId"],
    response: saved,
    status: 201,
  },
  {
    method: "POST",
    path: "/api/v1/rubrics/{id}/versions",
    summary: "Lưu phiên bản mới của khung tiêu chí tự tạo ({id} là mã khung hoặc id một phiên bản); gửi kèm expectedLatestVersion",
    description:
      "Gửi `definition` (toàn bộ khung tiêu chí) hoặc các trường hay sửa (name, description, effectiveFrom, effectiveTo, meetingKinds, " +
      "totalPoints, groups.{mã}.points, criteria.{mã}.maxPoints/step/guidance, levels.{mức}.minTotal). Khung chưa hợp lệ: 422 với từng lỗi; " +
      "phiên bản cũ (expectedLatestVersion không còn là mới nhất): 409; khung có sẵn: 403.",
    request: saveRubricVersionSchema,
    bodyFromPath: ["code", "baseId"],
    response: saved,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/v1/rubric-assignments",
    summary: "Các phân công khung tiêu chí trên tổ chức thuộc phạm vi quản trị của người gọi (đang áp dụng trước)",
    response: z.object({ items: z.array(assignment) }),
  },
  {
    method: "POST",
    path: "/api/v1/rubric-assignments",
    summary: "Áp dụng một mã khung tiêu chí cho tổ chức và cấp dưới, theo loại kỳ sinh hoạt và thời gian; trùng với phân công đang áp dụng: 409",
    request: createAssignmentSchema,
    response: z.object({ id: z.string() }),
    status: 201,
  },
  {
    method: "POST",
    path: "/api/v1/rubric-assignments/{id}/end",
    summary: "Kết thúc một phân công (không xóa, vẫn giữ trong lịch sử)",
    request: endAssignmentSchema,
    response: z.object({ endedAt: z.string() }),
  },
  {
    method: "GET",
    path: "/api/v1/rubric-assignments/preview",
    summary: "Khung tiêu chí sẽ dùng để chấm một kỳ sinh hoạt của chi bộ theo loại kỳ và ngày",
    query: z.object({ branchId: z.string(), kind: z.enum(MEETING_KINDS), date: z.string().describe("YYYY-MM-DD") }),
    response: z.looseObject({
      rubric: z.object({ id: z.string(), code: z.string(), version: z.number().int(), name: z.string(), builtIn: z.boolean() }).nullable(),
      source: z.looseObject({ kind: z.enum(["assignment", "national"]) }).nullable(),
    }),
  },
];
