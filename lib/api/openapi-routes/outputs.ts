// Official documents, calendar, members' view, personal access tokens and this document itself.
import { z } from "zod";
import { createTokenSchema } from "@/lib/auth/tokens";
import { tokenResponseSchema } from "@/lib/auth/token-json";
import { calendarQuerySchema, calendarResponseSchema, memberOverviewSchema } from "@/lib/calendar/json";
import type { OpenApiRoute } from "./types";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const documentRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/minutes.docx",
    summary: "Biên bản sinh hoạt chi bộ (DOCX, thể thức văn bản của Đảng)",
    tag: "documents",
    produces: DOCX,
  },
  {
    method: "GET",
    path: "/api/v1/meetings/{id}/resolution.docx",
    summary: "Nghị quyết của kỳ sinh hoạt (DOCX); 404 khi chưa có nghị quyết",
    tag: "documents",
    produces: DOCX,
  },
];

export const calendarRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/calendar",
    summary: "Các kỳ sinh hoạt sắp tới của người gọi (chi bộ của mình và các đơn vị phụ trách)",
    tag: "calendar",
    query: calendarQuerySchema,
    response: calendarResponseSchema,
  },
  {
    method: "GET",
    path: "/api/v1/calendar.ics",
    summary: "Lịch iCal của người gọi; ứng dụng lịch gửi mã truy cập qua ?token=",
    description:
      "Xác thực bằng mã truy cập cá nhân trong chuỗi truy vấn (?token=sosh_pat_…), tiêu đề Authorization: Bearer, hoặc cookie phiên. " +
      "Mỗi kỳ sinh hoạt là một VEVENT (UID cố định theo kỳ, SEQUENCE theo phiên bản), giờ theo Asia/Ho_Chi_Minh.",
    tag: "calendar",
    query: z.object({ token: z.string().optional().describe("Mã truy cập cá nhân (sosh_pat_…)") }),
    produces: "text/calendar",
  },
  {
    method: "GET",
    path: "/api/v1/my",
    summary: "Trang “Sinh hoạt của tôi”: kỳ họp, tài liệu, điểm danh năm nay và nhiệm vụ của đảng viên gắn với tài khoản",
    tag: "members-view",
    response: memberOverviewSchema,
  },
];

export const tokenRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/tokens",
    summary: "Các mã truy cập cá nhân của người gọi (không bao giờ trả lại mã)",
    tag: "tokens",
    response: z.object({ items: z.array(tokenResponseSchema) }),
  },
  {
    method: "POST",
    path: "/api/v1/tokens",
    summary: "Tạo mã truy cập cá nhân; mã chỉ có trong câu trả lời này",
    tag: "tokens",
    request: createTokenSchema,
    response: tokenResponseSchema.extend({ token: z.string() }),
    status: 201,
  },
  {
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    summary: "Thu hồi một mã truy cập của người gọi",
    tag: "tokens",
    response: tokenResponseSchema,
  },
];

export const metaRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "Tài liệu OpenAPI 3.1 này",
    tag: "meta",
    public: true,
    response: z.looseObject({ openapi: z.string() }),
  },
];
