// /api/v1/org-units: the party tree (issue 3), registered for the OpenAPI document.
import { z } from "zod";
import { OrgUnitCategory, OrgUnitKind } from "@/lib/generated/prisma/enums";
import {
  closeOrgUnitSchema,
  createOrgUnitSchema,
  mergeBranchesSchema,
  moveOrgUnitSchema,
  updateOrgUnitSchema,
} from "@/lib/org/units";
import type { OpenApiRoute } from "./types";

const unitResponse = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(OrgUnitKind),
  category: z.enum(OrgUnitCategory).nullable().optional(),
  version: z.number().int().optional(),
});

export const orgUnitRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/org-units",
    summary: "Cây tổ chức đảng trong phạm vi được xem",
    query: z.object({
      q: z.string().max(100).optional().describe("Tìm theo tên (không dấu)"),
      closed: z.enum(["1"]).optional().describe("1: gồm cả tổ chức đã ngừng hoạt động"),
    }),
    response: z.looseObject({}),
  },
  { method: "POST", path: "/api/v1/org-units", summary: "Thêm tổ chức đảng", request: createOrgUnitSchema, response: unitResponse, status: 201 },
  { method: "GET", path: "/api/v1/org-units/{id}", summary: "Một tổ chức đảng, kèm version", response: unitResponse },
  { method: "PATCH", path: "/api/v1/org-units/{id}", summary: "Sửa tổ chức đảng (gửi kèm version)", request: updateOrgUnitSchema, response: unitResponse, status: 200 },
  { method: "POST", path: "/api/v1/org-units/{id}/move", summary: "Chuyển tổ chức đảng sang cấp trên khác", request: moveOrgUnitSchema, response: unitResponse, status: 200 },
  { method: "POST", path: "/api/v1/org-units/{id}/close", summary: "Ngừng hoạt động (giải thể) tổ chức đảng", request: closeOrgUnitSchema, response: unitResponse, status: 200 },
  {
    method: "POST",
    path: "/api/v1/org-units/{id}/merge",
    summary: "Sáp nhập chi bộ vào chi bộ khác",
    request: mergeBranchesSchema,
    bodyFromPath: ["sourceId"],
    response: z.looseObject({}),
    status: 200,
  },
];
