// Superior-committee oversight (issue 6): the overseer's desk, "I will attend", the visit record and
// its corrections, follow-ups, the reviewer's approval of late records, assignments and delegations,
// coverage, the tenant's quota settings and the XLSX log. Request bodies are the services' own zod
// schemas, without the ids the path carries.
import { z } from "zod";
import { CommitteeLevel, QuotaExclusion, VisitApproval, VisitStatus } from "@/lib/generated/prisma/enums";
import {
  assignmentQuerySchema,
  changeAssignmentSchema,
  createAssignmentSchema,
  createDelegationSchema,
  endAssignmentSchema,
} from "@/lib/oversight/assignments";
import { coverageQuerySchema } from "@/lib/oversight/coverage";
import { exportQuerySchema } from "@/lib/oversight/export";
import { addFollowUpSchema, closeFollowUpSchema } from "@/lib/oversight/follow-ups";
import { oversightSettingsSchema } from "@/lib/oversight/settings";
import { decideVisitSchema, recordVisitSchema, updateVisitSchema } from "@/lib/oversight/visits";
import type { OpenApiRoute } from "./types";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const id = z.object({ id: z.string() });

const recordResult = z.object({
  visitId: z.string(),
  meetingId: z.string(),
  status: z.enum(VisitStatus),
  approval: z.enum(VisitApproval).describe("PENDING: ghi nhận quá thời hạn, chờ Ban Tổ chức duyệt, chưa được tính vào định mức"),
  countsForQuota: z.boolean(),
  quotaExclusion: z.enum(QuotaExclusion).nullable().describe("Lý do không tính vào định mức: chi bộ nơi cư trú, chi bộ mình sinh hoạt, dự thay"),
  followUpIds: z.array(z.string()),
  version: z.number().int(),
});

const overseerFigure = z.looseObject({
  user: z.object({ id: z.string(), displayName: z.string() }),
  level: z.enum(CommitteeLevel),
  annualQuota: z.number().int(),
  quota: z.number().int(),
  expected: z.number(),
  counted: z.number().int(),
  pending: z.number().int(),
  excluded: z.number().int(),
  status: z.enum(["MET", "ON_TRACK", "BEHIND"]),
  lastVisit: z.string().nullable(),
});

const branchFigure = z.looseObject({
  branch: z.object({ id: z.string(), name: z.string(), parentName: z.string().nullable() }),
  lastVisit: z.string().nullable(),
  monthsWithoutVisit: z.number().int(),
  neverVisited: z.boolean(),
  visitsThisYear: z.number().int(),
  overseers: z.array(z.object({ id: z.string(), displayName: z.string(), level: z.enum(CommitteeLevel) })),
  alert: z.boolean(),
});

export const oversightDeskRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/oversight/desk",
    summary: "Bàn làm việc của cấp ủy viên theo dõi chi bộ: kỳ sắp tới, kỳ chờ ghi nhận, phiếu chờ xác nhận điểm, số buổi đã dự năm nay",
    tag: "oversight",
    response: z.looseObject({
      year: z.number().int(),
      backdateDays: z.number().int(),
      coverage: overseerFigure.nullable(),
      followed: z.array(z.looseObject({ assignmentId: z.string() })),
      upcoming: z.array(z.looseObject({ id: z.string(), title: z.string(), canRegister: z.boolean() })),
      awaitingRecord: z.array(z.looseObject({ id: z.string(), wouldNeedApproval: z.boolean() })),
      awaitingScore: z.array(z.looseObject({ id: z.string(), wouldNeedApproval: z.boolean() })),
      recent: z.array(z.looseObject({ id: z.string() })),
    }),
  },
  {
    method: "POST",
    path: "/api/v1/oversight/meetings/{id}/registration",
    summary: "Đăng ký dự kỳ sinh hoạt (“Tôi sẽ dự”): người gọi được thêm vào danh sách đại biểu của kỳ",
    description: "Chỉ với kỳ chưa diễn ra của chi bộ mà người gọi được phân công theo dõi (hoặc được ủy quyền dự thay) vào ngày họp. Đăng ký lần hai: 409.",
    tag: "oversight",
    response: z.object({ visitId: z.string(), meetingId: z.string(), guestId: z.string().nullable() }),
    status: 201,
  },
  {
    method: "DELETE",
    path: "/api/v1/oversight/meetings/{id}/registration",
    summary: "Hủy đăng ký dự trước khi kỳ sinh hoạt diễn ra",
    tag: "oversight",
    response: z.object({ meetingId: z.string() }),
  },
  {
    method: "GET",
    path: "/api/v1/oversight/meetings/{id}/visit",
    summary: "Lượt dự của người gọi tại một kỳ sinh hoạt, các vấn đề cần theo dõi và việc có thể làm",
    tag: "oversight",
  },
  {
    method: "POST",
    path: "/api/v1/oversight/meetings/{id}/visit",
    summary: "Ghi nhận dự sinh hoạt (có dự hay không, nhận xét, ý kiến chỉ đạo, vấn đề cần chi bộ khắc phục)",
    description:
      "Chỉ với kỳ đã thực sự diễn ra (đã họp trở đi, không hủy, không tạm hoãn), chưa khóa, của chi bộ người gọi theo dõi hoặc được ủy quyền dự thay vào ngày họp; " +
      "mỗi người một bản ghi cho một kỳ (409 nếu đã có). Ghi nhận quá oversight.backdateDays ngày sau kỳ họp: approval = PENDING, chờ Ban Tổ chức duyệt.",
    tag: "oversight",
    request: recordVisitSchema,
    bodyFromPath: ["meetingId"],
    response: recordResult,
    status: 201,
  },
  {
    method: "PATCH",
    path: "/api/v1/oversight/visits/{id}",
    summary: "Sửa nhận xét, ý kiến chỉ đạo của lượt dự của mình (theo phiên bản; không sửa được sau khi kỳ sinh hoạt đã khóa)",
    tag: "oversight",
    request: updateVisitSchema,
    bodyFromPath: ["visitId"],
    response: z.object({ visitId: z.string(), version: z.number().int() }),
  },
  {
    method: "POST",
    path: "/api/v1/oversight/visits/{id}/follow-ups",
    summary: "Nêu thêm một vấn đề chi bộ cần khắc phục tại lượt dự của mình",
    tag: "oversight",
    request: addFollowUpSchema,
    bodyFromPath: ["visitId"],
    response: id,
    status: 201,
  },
  {
    method: "POST",
    path: "/api/v1/oversight/follow-ups/{id}/close",
    summary: "Đóng một vấn đề cần theo dõi, kèm kết quả khắc phục (người ghi sổ của chi bộ hoặc cấp ủy viên đã nêu)",
    tag: "oversight",
    request: closeFollowUpSchema,
    bodyFromPath: ["id"],
    response: z.object({ id: z.string(), version: z.number().int() }),
  },
];

export const oversightReviewRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/oversight/approvals",
    summary: "Các lượt dự ghi nhận quá thời hạn đang chờ người gọi duyệt (cán bộ thẩm định)",
    tag: "oversight",
    response: z.object({ items: z.array(z.looseObject({ id: z.string(), version: z.number().int(), daysLate: z.number().int() })) }),
  },
  {
    method: "POST",
    path: "/api/v1/oversight/visits/{id}/decision",
    summary: "Duyệt hoặc không duyệt một lượt dự ghi nhận quá thời hạn; chỉ khi được duyệt mới tính vào định mức",
    tag: "oversight",
    request: decideVisitSchema,
    bodyFromPath: ["visitId"],
    response: z.object({ visitId: z.string(), approval: z.enum(VisitApproval), version: z.number().int() }),
  },
  {
    method: "GET",
    path: "/api/v1/oversight/coverage",
    summary: "Tình hình dự sinh hoạt: theo cấp ủy viên (số buổi so với định mức), theo chi bộ (lần dự gần nhất, số tháng chưa được dự) và cảnh báo",
    tag: "oversight",
    query: coverageQuerySchema,
    response: z.looseObject({
      year: z.number().int(),
      asOf: z.string(),
      midYearPassed: z.boolean(),
      overseers: z.array(overseerFigure),
      branches: z.array(branchFigure),
      alerts: z.object({ branches: z.array(branchFigure), overseersBehind: z.array(overseerFigure) }),
    }),
  },
  {
    method: "GET",
    path: "/api/v1/oversight/export",
    summary: "Nhật ký dự sinh hoạt (XLSX) của một cấp ủy viên hoặc của một đơn vị, theo năm",
    tag: "oversight",
    query: exportQuerySchema,
    produces: XLSX,
  },
];

export const oversightAdminRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/oversight/assignments",
    summary: "Phân công cấp ủy viên theo dõi chi bộ trong phạm vi quản trị (đang hiệu lực hoặc cả lịch sử)",
    tag: "oversight",
    query: assignmentQuerySchema,
  },
  {
    method: "POST",
    path: "/api/v1/oversight/assignments",
    summary: "Phân công một cấp ủy viên (có vai trò theo dõi chi bộ) theo dõi một chi bộ, với cấp ủy và thời hạn",
    description: "Trùng thời gian với phân công đã có của cùng người, cùng chi bộ: 409.",
    tag: "oversight",
    request: createAssignmentSchema,
    response: id,
    status: 201,
  },
  {
    method: "POST",
    path: "/api/v1/oversight/assignments/{id}/change",
    summary: "Thay đổi cấp ủy hoặc thời hạn từ một ngày: phân công cũ kết thúc ngày hôm trước, phân công mới được tạo (giữ lịch sử)",
    tag: "oversight",
    request: changeAssignmentSchema,
    bodyFromPath: ["id"],
    response: id,
    status: 201,
  },
  {
    method: "POST",
    path: "/api/v1/oversight/assignments/{id}/end",
    summary: "Kết thúc phân công theo dõi vào một ngày, kèm lý do",
    tag: "oversight",
    request: endAssignmentSchema,
    bodyFromPath: ["id"],
    response: z.object({ id: z.string(), version: z.number().int() }),
  },
  {
    method: "POST",
    path: "/api/v1/oversight/delegations",
    summary: "Ủy quyền cho đồng chí khác dự thay trong một khoảng thời gian (lượt dự thay không tính vào định mức của ai)",
    tag: "oversight",
    request: createDelegationSchema,
    response: id,
    status: 201,
  },
  {
    method: "POST",
    path: "/api/v1/oversight/delegations/{id}/revoke",
    summary: "Thu hồi ủy quyền dự thay",
    tag: "oversight",
    response: id,
  },
  {
    method: "GET",
    path: "/api/v1/oversight/settings",
    summary: "Định mức dự sinh hoạt theo cấp ủy và các quy định liên quan đang áp dụng, kèm lịch sử",
    tag: "oversight",
  },
  {
    method: "PUT",
    path: "/api/v1/oversight/settings",
    summary: "Đặt định mức và quy định dự sinh hoạt cho toàn đơn vị từ một ngày (quản trị hệ thống)",
    tag: "oversight",
    request: oversightSettingsSchema,
    response: z.object({ changed: z.array(z.string()) }),
  },
];
