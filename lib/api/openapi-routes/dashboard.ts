// The leaders' dashboard and the review desk (issue 7), registered for the OpenAPI document.
import {
  bulkApproveRequestSchema,
  bulkApproveResponseSchema,
  dashboardQuerySchema,
  dashboardResponseSchema,
  exportQuerySchema,
  reviewQuerySchema,
  reviewResponseSchema,
  sheetQuerySchema,
  targetsQuerySchema,
  targetsRequestSchema,
  targetsResponseSchema,
} from "@/lib/dashboard/schemas";
import type { OpenApiRoute } from "./types";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const dashboardRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/dashboard",
    summary: "Bảng điều khiển của lãnh đạo: tình hình sinh hoạt chi bộ của một tổ chức đảng và các đơn vị trực thuộc",
    description:
      "Tháng được chọn và lũy kế từ đầu năm: chi bộ sinh hoạt đủ kỳ, chỉ tiêu chuyên đề theo quý, tỷ lệ đảng viên dự, vắng không lý do, " +
      "xếp loại chất lượng, cấp ủy viên cấp trên dự, nghị quyết và biên bản đăng trong 2 ngày; diễn biến theo tháng; bảng một cấp dưới " +
      "(hoặc các kỳ sinh hoạt khi đơn vị là chi bộ); tiến độ so với chỉ tiêu năm. Mọi vai trò được xem (LEADER, REVIEWER, TENANT_ADMIN) thấy cùng số liệu. " +
      "Đơn vị ngoài phạm vi được phân quyền: 404. Năm, tháng không hợp lệ được bỏ qua và nêu trong notes.",
    tag: "dashboard",
    query: dashboardQuerySchema,
    response: dashboardResponseSchema,
  },
  {
    method: "GET",
    path: "/api/v1/dashboard/export",
    summary: "Xuất bảng số liệu của bảng điều khiển (mỗi biểu đồ một bảng, hoặc tất cả) ra tệp XLSX",
    tag: "dashboard",
    query: exportQuerySchema,
    produces: XLSX,
  },
  {
    method: "GET",
    path: "/api/v1/dashboard/targets",
    summary: "Chỉ tiêu năm của đơn vị theo từng chỉ số",
    tag: "dashboard",
    query: targetsQuerySchema,
    response: targetsResponseSchema,
  },
  {
    method: "PUT",
    path: "/api/v1/dashboard/targets",
    summary: "Đặt chỉ tiêu năm (quản trị viên của toàn đơn vị)",
    description: "Chỉ số có giá trị được đặt, giá trị rỗng hoặc null bỏ chỉ tiêu, chỉ số không nêu giữ nguyên. Giá trị sai: 422 nêu từng chỉ số.",
    tag: "dashboard",
    request: targetsRequestSchema,
    response: targetsResponseSchema,
  },
  {
    method: "GET",
    path: "/api/v1/review",
    summary: "Danh sách phiếu chấm chờ thẩm định trong phạm vi của cán bộ Ban Tổ chức, kèm cảnh báo bất thường",
    description:
      "Lọc theo tháng, đơn vị, xếp loại, cảnh báo và trạng thái; giá trị lọc không hợp lệ được bỏ qua và nêu trong notes. " +
      "Thẩm định hoặc trả lại từng phiếu: POST /api/v1/meetings/{id}/scorecard/finalise và /return.",
    tag: "review",
    query: reviewQuerySchema,
    response: reviewResponseSchema,
  },
  {
    method: "POST",
    path: "/api/v1/review/bulk-approve",
    summary: "Thẩm định hàng loạt các phiếu chấm không có cảnh báo",
    description: "Mỗi phiếu được kiểm tra lại (còn chờ thẩm định, trong phạm vi, không có cảnh báo, đúng phiên bản) và thẩm định trong một giao dịch riêng; phiếu không đạt nằm trong skipped kèm lý do.",
    tag: "review",
    request: bulkApproveRequestSchema,
    response: bulkApproveResponseSchema,
  },
  {
    method: "GET",
    path: "/api/v1/review/sheet",
    summary: "Bảng tổng hợp kết quả sinh hoạt chi bộ trong tháng của một cấp ủy (XLSX, tải dần; X-Row-Count cho biết số dòng)",
    tag: "review",
    query: sheetQuerySchema,
    produces: XLSX,
  },
];
