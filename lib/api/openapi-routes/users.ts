// /api/v1/users: accounts and roles (issue 3), registered for the OpenAPI document.
import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import { createUserSchema, grantRoleSchema, setDisabledSchema, updateUserSchema, userListQuerySchema } from "@/lib/accounts/users";
import type { OpenApiRoute } from "./types";

const userResponse = z.looseObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  version: z.number().int().optional(),
  grants: z.array(z.looseObject({ id: z.string(), role: z.enum(Role) })).optional(),
});

export const userRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/users",
    summary: "Tài khoản trong phạm vi quản trị (50 mỗi trang, tiếp sau tên đăng nhập `after`)",
    query: userListQuerySchema,
    response: z.looseObject({ items: z.array(userResponse), nextAfter: z.string().nullable() }),
  },
  {
    method: "POST",
    path: "/api/v1/users",
    summary: "Tạo tài khoản; mật khẩu tạm thời sinh ra chỉ có trong câu trả lời này",
    request: createUserSchema,
    response: z.object({ id: z.string(), username: z.string(), temporaryPassword: z.string().nullable() }),
    status: 201,
  },
  { method: "GET", path: "/api/v1/users/{id}", summary: "Một tài khoản và các vai trò", response: userResponse },
  { method: "PATCH", path: "/api/v1/users/{id}", summary: "Sửa tên hiển thị, đảng viên liên kết (gửi kèm version)", request: updateUserSchema, response: userResponse, status: 200 },
  {
    method: "PUT",
    path: "/api/v1/users/{id}/disabled",
    summary: "Khóa hoặc mở khóa tài khoản (gửi kèm version)",
    request: setDisabledSchema,
    response: z.object({ ok: z.boolean() }),
    status: 200,
  },
  {
    method: "POST",
    path: "/api/v1/users/{id}/grants",
    summary: "Giao vai trò trên một đơn vị",
    request: grantRoleSchema,
    bodyFromPath: ["userId"],
    response: z.object({ grantId: z.string() }),
    status: 201,
  },
  { method: "DELETE", path: "/api/v1/users/{id}/grants/{grantId}", summary: "Thu hồi một vai trò", response: z.object({ ok: z.boolean() }) },
  {
    method: "POST",
    path: "/api/v1/users/{id}/reset-password",
    summary: "Đặt lại mật khẩu tạm thời (chỉ có trong câu trả lời này); mở khóa đăng nhập",
    request: z.object({ version: z.number().int().min(1) }),
    response: z.looseObject({ temporaryPassword: z.string() }),
    status: 200,
  },
];
