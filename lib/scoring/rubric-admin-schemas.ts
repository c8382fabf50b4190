// Input schemas of rubric administration, shared by the server actions, the /api/v1 twins and the
// OpenAPI registry. Every schema parses its own output again (the action parses, then the service).
import { z } from "zod";
import { MEETING_KINDS } from "@/lib/meetings/rules/types";
import { calendarDay } from "@/lib/org/units";

const CODE = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The code and the name of a versioned definition typed in a form (a rubric here, a classification
 * frame in lib/classification): `what` names it in the messages, `example` shows a valid code.
 */
export function definitionCodeSchema(what: string, example: string) {
  return z
    .string({ error: `Vui lòng nhập mã ${what}.` })
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(2, `Mã ${what} cần ít nhất 2 ký tự.`)
        .max(40, `Mã ${what} không được dài quá 40 ký tự.`)
        .regex(CODE, `Mã chỉ gồm chữ cái không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ cái (ví dụ ${example}).`),
    );
}

export function definitionNameSchema(what: string) {
  return z
    .string({ error: `Vui lòng nhập tên ${what}.` })
    .transform((value) => value.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(z.string().min(3, `Tên ${what} cần ít nhất 3 ký tự.`).max(300, `Tên ${what} không được dài quá 300 ký tự.`));
}

export const rubricCodeSchema = definitionCodeSchema("khung tiêu chí", "PHU_THO_2026");

const rubricName = definitionNameSchema("khung tiêu chí");

const id = (what: string) => z.string({ error: `Thiếu ${what}.` }).min(1, `Thiếu ${what}.`);

/** Checkboxes send nothing, one value or several; the API sends an array. */
export const meetingKindsSchema = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(MEETING_KINDS, { error: "Loại kỳ sinh hoạt không hợp lệ." }))
    .min(1, "Chọn ít nhất một loại kỳ sinh hoạt.")
    .transform((kinds) => MEETING_KINDS.filter((kind) => kinds.includes(kind))),
);

/** A decimal typed in a form ("4,5" or "4.5") or sent as a JSON number. */
export const decimalField = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === "number") return value;
  const text = value.trim().replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "Nhập một số, ví dụ 4,5." });
    return z.NEVER;
  }
  return Number(text);
});

export const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value ?? "").normalize("NFC").trim());

/** "criteria.T1.maxPoints" (form field names) → { criteria: { T1: { maxPoints } } }. */
export function nestDottedKeys(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const parts = key.split(".");
    if (parts.length === 1 || parts.some((part) => part === "" || part === "__proto__" || part === "constructor" || part === "prototype")) {
      out[key] = value;
      continue;
    }
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = Object.hasOwn(node, part) ? node[part] : undefined;
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = value;
  }
  return out;
}

export const cloneRubricSchema = z.object({
  sourceId: id("khung tiêu chí nguồn"),
  code: rubricCodeSchema,
  name: rubricName,
});
export type CloneRubricInput = z.input<typeof cloneRubricSchema>;

const criterionFields = z.object({
  maxPoints: decimalField.optional(),
  step: decimalField.optional(),
  guidance: optionalText.optional(),
});

/**
 * The next version of a tenant rubric, either as a whole definition (`definition`: the JSON text of
 * the editor or, from the API, the object) or as the fields of the form applied to the version
 * `baseId` (default: the latest). `expectedLatestVersion` is the latest version the editor saw.
 */
export const saveRubricVersionSchema = z.preprocess(
  nestDottedKeys,
  z.object({
    code: rubricCodeSchema,
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
    meetingKinds: z.union([z.string(), z.array(z.string())]).optional(),
    totalPoints: decimalField.optional(),
    groups: z.record(z.string(), z.object({ points: decimalField.optional() })).optional(),
    criteria: z.record(z.string(), criterionFields).optional(),
    levels: z.record(z.string(), z.object({ minTotal: decimalField.optional() })).optional(),
    /**
     * Issue 14: the thematic variants (by their index in the rubric): their description, the
     * criteria that do not apply (the form sends an empty value next to its checkboxes), and the
     * maximum of a criterion they change (empty: the criterion keeps its own maximum).
     */
    variants: z
      .record(
        z.string(),
        z.object({
          description: z.string().optional(),
          notApplicable: z.union([z.string(), z.array(z.string())]).optional(),
          maxPoints: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
        }),
      )
      .optional(),
  }),
);
export type SaveRubricVersionInput = z.input<typeof saveRubricVersionSchema>;

export const createAssignmentSchema = z
  .object({
    unitId: z.string({ error: "Vui lòng chọn tổ chức áp dụng." }).min(1, "Vui lòng chọn tổ chức áp dụng."),
    rubricCode: z.string({ error: "Vui lòng chọn khung tiêu chí." }).trim().min(1, "Vui lòng chọn khung tiêu chí."),
    meetingKinds: meetingKindsSchema,
    validFrom: calendarDay("Vui lòng nhập ngày bắt đầu áp dụng hợp lệ."),
    validTo: z.preprocess((value) => (value === "" || value === undefined ? null : value), calendarDay("Ngày kết thúc áp dụng không hợp lệ.").nullable()),
  })
  .refine((value) => value.validTo === null || value.validTo.getTime() >= value.validFrom.getTime(), {
    path: ["validTo"],
    message: "Ngày kết thúc áp dụng phải từ ngày bắt đầu trở đi.",
  });
export type CreateAssignmentInput = z.input<typeof createAssignmentSchema>;

export const endAssignmentSchema = z.object({
  id: id("phân công"),
  reason: optionalText.pipe(z.string().max(500, "Lý do không được dài quá 500 ký tự.")).optional(),
});
export type EndAssignmentInput = z.input<typeof endAssignmentSchema>;

export const previewRubricSchema = z.object({
  branchId: z.string({ error: "Vui lòng chọn chi bộ." }).min(1, "Vui lòng chọn chi bộ."),
  kind: z.enum(MEETING_KINDS, { error: "Vui lòng chọn loại kỳ sinh hoạt." }),
  date: calendarDay("Vui lòng nhập ngày sinh hoạt hợp lệ."),
});
export type PreviewRubricInput = z.input<typeof previewRubricSchema>;

export const unitSearchQuerySchema = z.object({
  q: z.string().max(100).default(""),
  /** Units an admin may assign a rubric to, or branches whose rubric a reader may preview. */
  purpose: z.enum(["assign", "preview"]).default("assign"),
});
