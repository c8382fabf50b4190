// Input schemas of frame administration, shared by the server actions, the /api/v1 twins and the
// OpenAPI registry; the field kinds (codes, names, decimals, texts) are the rubrics' own.
import { z } from "zod";
import { calendarDay } from "@/lib/org/units";
import { decimalField, definitionCodeSchema, definitionNameSchema, nestDottedKeys, optionalText } from "@/lib/scoring/rubric-admin-schemas";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { SUBJECTS } from "./model";

const words = messages.classificationServer.frameInput;

export const frameCodeSchema = definitionCodeSchema(words.frame, "DANG_VIEN_2026");

const frameName = definitionNameSchema(words.frame);

const id = (what: string) => z.string({ error: fill(words.missing, { what }) }).min(1, fill(words.missing, { what }));

/** Checkboxes send nothing, one value or several; the API sends an array. */
export const subjectsSchema = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(SUBJECTS, { error: words.subjectInvalid }))
    .min(1, words.subjectMin)
    .transform((subjects) => SUBJECTS.filter((s) => subjects.includes(s))),
);

export const cloneFrameSchema = z.object({
  sourceId: id(words.sourceFrame),
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
      .number({ error: words.expectedVersion })
      .int(words.expectedVersion)
      .min(1, words.expectedVersion),
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
    unitId: z.string({ error: words.unit }).min(1, words.unit),
    frameCode: z.string({ error: words.frameCode }).trim().min(1, words.frameCode),
    subjects: subjectsSchema,
    validFrom: calendarDay(words.validFrom),
    validTo: z.preprocess((value) => (value === "" || value === undefined ? null : value), calendarDay(words.validTo).nullable()),
  })
  .refine((value) => value.validTo === null || value.validTo.getTime() >= value.validFrom.getTime(), {
    path: ["validTo"],
    message: words.validToOrder,
  });
export type CreateFrameAssignmentInput = z.input<typeof createFrameAssignmentSchema>;

export const endFrameAssignmentSchema = z.object({
  id: id(words.assignment),
  reason: optionalText.pipe(z.string().max(500, words.reason)).optional(),
});
export type EndFrameAssignmentInput = z.input<typeof endFrameAssignmentSchema>;
