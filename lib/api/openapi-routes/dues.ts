// /api/v1/org-units/{id}/dues: đảng phí status per member per month (issue 14 item 6), registered for the OpenAPI document.
import { z } from "zod";
import { DUES_STATUSES, duesYearQuerySchema, importDuesSchema, setDuesMonthSchema } from "@/lib/dues/dues";
import type { OpenApiRoute } from "./types";

const cell = z.object({
  month: z.number().int(),
  onRoll: z.boolean(),
  status: z.enum(DUES_STATUSES).nullable(),
  goodReason: z.boolean(),
  note: z.string().nullable(),
});

export const duesRoutes: OpenApiRoute[] = [
  {
    method: "GET",
    path: "/api/v1/org-units/{id}/dues",
    summary: "Sổ đảng phí của chi bộ theo tháng trong năm",
    query: duesYearQuerySchema,
    response: z.looseObject({
      branch: z.object({ id: z.string(), name: z.string() }),
      year: z.number().int(),
      canEdit: z.boolean(),
      rows: z.array(
        z.looseObject({
          memberId: z.string(),
          label: z.string(),
          cells: z.array(cell),
          unpaid: z.object({ months: z.array(z.number().int()), status: z.enum(["OK", "WARN", "FLAG"]) }),
        }),
      ),
    }),
  },
  {
    method: "PUT",
    path: "/api/v1/org-units/{id}/dues",
    summary: "Ghi (hoặc xóa) tình hình đảng phí một tháng của một đảng viên",
    request: setDuesMonthSchema,
    bodyFromPath: ["branchId"],
    response: z.object({ changed: z.boolean() }),
  },
  {
    method: "POST",
    path: "/api/v1/org-units/{id}/dues/import",
    summary: "Nhập tình hình đảng phí từ tệp CSV (có lỗi thì không ghi dòng nào)",
    request: importDuesSchema,
    bodyFromPath: ["branchId"],
    response: z.object({ rows: z.number().int(), changed: z.number().int() }),
  },
];
