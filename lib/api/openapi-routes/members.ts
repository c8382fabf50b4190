// /api/v1/members: the roster (issue 3), registered for the OpenAPI document.
import { z } from "zod";
import { Gender, MemberEndReason, MemberStatus, PositionKind } from "@/lib/generated/prisma/enums";
import {
  createMemberSchema,
  memberListQuerySchema,
  transferMemberSchema,
  updateMemberSchema,
} from "@/lib/org/member-schemas";
import { exportQuerySchema } from "@/lib/org/roster-export";
import type { OpenApiRoute } from "./types";

const day = z.string().describe("Ngày theo lịch Việt Nam, yyyy-mm-dd");
const ref = z.object({ id: z.string(), name: z.string() });

const memberListItem = z.looseObject({
  id: z.string(),
  fullName: z.string(),
  gender: z.enum(Gender),
  birthDate: day,
  status: z.enum(MemberStatus),
  partyCardNumber: z.string().nullable(),
  branch: ref,
  endedOn: day.nullable(),
  endReason: z.enum(MemberEndReason).nullable(),
  exempt: z.boolean(),
  suspended: z.boolean(),
  temporarilyAway: z.boolean(),
});

export const memberListResponse = z.object({
  items: z.array(memberListItem),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const memberDetailResponse = z.looseObject({
  id: z.string(),
  version: z.number().int(),
  fullName: z.string(),
  gender: z.enum(Gender),
  birthDate: day,
  partyCardNumber: z.string().nullable(),
  admittedOn: day,
  officialOn: day.nullable(),
  status: z.enum(MemberStatus),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  branch: ref.extend({ kind: z.string() }),
  memberships: z.array(z.object({ id: z.string(), branch: ref.nullable(), validFrom: day, validTo: day.nullable(), note: z.string().nullable() })),
  positions: z.array(z.object({ id: z.string(), kind: z.enum(PositionKind), orgUnit: ref.extend({ kind: z.string() }), termFrom: day, termTo: day.nullable() })),
});

const importCounts = z.looseObject({
  id: z.string(),
  fileName: z.string(),
  rowCount: z.number().int(),
  createCount: z.number().int(),
  updateCount: z.number().int(),
  unchangedCount: z.number().int(),
  errorCount: z.number().int(),
});

export const memberRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/members",
    summary: "Danh sách đảng viên trong phạm vi được xem (tìm không dấu, lọc, phân trang theo con trỏ)",
    query: memberListQuerySchema,
    response: memberListResponse,
  },
  {
    method: "POST",
    path: "/api/v1/members",
    summary: "Thêm đảng viên (như biểu mẫu “Thêm đảng viên”)",
    request: createMemberSchema,
    response: memberDetailResponse,
    status: 201,
  },
  { method: "GET", path: "/api/v1/members/{id}", summary: "Hồ sơ một đảng viên", response: memberDetailResponse },
  {
    method: "PATCH",
    path: "/api/v1/members/{id}",
    summary: "Sửa hồ sơ đảng viên; gửi kèm version đã đọc (409 nếu đã cũ). Chi bộ đổi qua /transfer.",
    request: updateMemberSchema,
    response: memberDetailResponse,
    status: 200,
  },
  {
    method: "POST",
    path: "/api/v1/members/{id}/transfer",
    summary: "Chuyển sinh hoạt đảng viên sang chi bộ khác từ một ngày",
    request: transferMemberSchema,
    bodyFromPath: ["memberId"],
    response: memberDetailResponse,
    status: 200,
  },
  {
    method: "GET",
    path: "/api/v1/members/export",
    summary: "Xuất danh sách đảng viên (XLSX hoặc CSV) theo mẫu nhập",
    query: exportQuerySchema,
    produces: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  {
    method: "POST",
    path: "/api/v1/members/imports",
    summary: "Kiểm tra thử tệp danh sách (multipart: file, scopeUnitId?); trả luồng NDJSON tiến độ rồi kết quả",
    request: z.object({
      file: z.string().describe("Tệp CSV hoặc XLSX, tối đa 10 MB"),
      scopeUnitId: z.string().optional().describe("Giới hạn phạm vi nhập vào một đơn vị"),
    }),
    requestContentType: "multipart/form-data",
    produces: "application/x-ndjson",
    status: 200,
  },
  {
    method: "POST",
    path: "/api/v1/members/imports/{id}/apply",
    summary: "Áp dụng một lần nhập đã kiểm tra (tất cả hoặc không gì)",
    response: importCounts,
  },
];
