// Input schemas of frame administration, shared by the server actions, the /api/v1 twins and the
// OpenAPI registry; the field kinds (codes, names, decimals, texts) are the rubrics' own.
import { z } from "zod";
import { calendarDay } from "@/lib/org/units";
import { decimalField, definitionCodeSchema, definitionNameSchema, nestDottedKeys, optionalText } from "@/lib/scoring/rubric-admin-schemas";
import { SUBJECTS } from "./model";

export const frameCodeSchema = definitionCodeSchema("khung đánh giá", "DANG_VIEN_2026");

const frameName = definitionNameSchema("khung đánh giá");

const id = (what: string) => z.string({ error: `Thiếu ${what}.` }).min(1, `Thiếu ${what}.`);

/** Checkboxes send nothing, one value or several; the API sends an array. */
export const subjectsSchema = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(SUBJECTS, { error: "Đối tượng đánh giá không hợp lệ." }))
    .min(1, "Chọn ít nhất một đối tượng đánh giá.")
    .transform((subjects) => SUBJECTS.filter((s) => subjects.includes(s))),
);

export const cloneFrameSchema = z.object({
  sourceId: id("khung đánh giá nguồn"),
  code: frameCodeSchema,
  name: frameName,
});
export type CloneFrameInput = z.input<typeof cloneFrameSchema>;

/**
 * The next version of a tenant frame: the whole definition (`definition`, JSON text or object) or
 * the fields of the form applied to the version `baseId` (default: the latest).
 */
export const saveFrameVersionSchema = z.preprocess(
  nestDottedKeys,
  z.object({
    code: frameCodeSchema,
    expectedLatestVersion: z.coerce
      .number({ error: "Thiếu phiên bản đang sửa, vui lòng tải lại trang." })
      .int("Thiếu phiên bản đang sửa, vui lòng tải lại trang.")
      .min(1, "Thiếu phiên bản đang sửa, vui lòng tải lại trang."),
    definition: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    baseId: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    effectiveFrom: z.string().optional(),
    effectiveTo: z.string().optional(),
    groups: z.record(z.string(), z.object({ points: decimalField.optional() })).optional(),
    criteria: z.record(z.string(), z.object({ maxPoints: decimalField.optional(), step: decimalField.optional(), guidance: optionalText.optional() })).optional(),
    levels: z.record(z.string(), z.object({ minTotal: decimalField.optional() })).optional(),
    conditions: z.record(z.string(), z.object({ value: decimalField.optional() })).optional(),
  }),
);
export type SaveFrameVersionInput = z.input<typeof saveFrameVersionSchema>;

export const createFrameAssignmentSchema = z
  .object({
    unitId: z.string({ error: "Vui lòng chọn tổ chức áp dụng." }).min(1, "Vui lòng chọn tổ chức áp dụng."),
    frameCode: z.string({ error: "Vui lòng chọn khung đánh giá." }).trim().min(1, "Vui lòng chọn khung đánh giá."),
    subjects: subjectsSchema,
    validFrom: calendarDay("Vui lòng nhập ngày bắt đầu áp dụng hợp lệ."),
    validTo: z.preprocess((value) => (value === "" || value === undefined ? null : value), calendarDay("Ngày kết thúc áp dụng không hợp lệ.").nullable()),
  })
  .refine((value) => value.validTo === null || value.validTo.getTime() >= value.validFrom.getTime(), {
    path: ["validTo"],
    message: "Ngày kết thúc áp dụng phải từ ngày bắt đầu trở đi.",
  });
export type CreateFrameAssignmentInput = z.input<typeof createFrameAssignmentSchema>;

export const endFrameAssignmentSchema = z.object({
  id: id("phân công"),
  reason: optionalText.pipe(z.string().max(500, "Lý do không được dài quá 500 ký tự.")).optional(),
});
export type EndFrameAssignmentInput = z.input<typeof endFrameAssignmentSchema>;
