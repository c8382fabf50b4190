// Input schemas of frame administration, shared by the server actions, the /api/v1 twins and the
// OpenAPI registry; the field kinds shared with the rubrics live in lib/rule-sets/input.ts.
import { z } from "zod";
import messages from "@/lib/i18n/messages";
import { decimalField, nestDottedKeys } from "@/lib/input/form-fields";
import { assignmentFields, checkedValues, codeAndCloneSchemas, datesInOrder, endAssignmentSchema, nextVersionFields, type EndAssignmentInput } from "@/lib/rule-sets/input";
import { SUBJECTS } from "./model";

const words = messages.classificationServer.frameInput;

const { code: frameCodeSchema, clone: cloneFrameSchema } = codeAndCloneSchemas(words.frame, words.sourceFrame, "DANG_VIEN_2026");
export { frameCodeSchema, cloneFrameSchema };
export type CloneFrameInput = z.input<typeof cloneFrameSchema>;

/** Checkboxes send nothing, one value or several; the API sends an array. */
export const subjectsSchema = checkedValues(SUBJECTS, words.subjectInvalid, words.subjectMin);

/** The next version of a tenant frame: the shared fields, and the values of the level conditions. */
export const saveFrameVersionSchema = z.preprocess(
  nestDottedKeys,
  z.object({
    code: frameCodeSchema,
    ...nextVersionFields,
    conditions: z.record(z.string(), z.object({ value: decimalField.optional() })).optional(),
  }),
);
export type SaveFrameVersionInput = z.input<typeof saveFrameVersionSchema>;

export const createFrameAssignmentSchema = z
  .object({
    unitId: assignmentFields.unitId,
    frameCode: z.string({ error: words.frameCode }).trim().min(1, words.frameCode),
    subjects: subjectsSchema,
    validFrom: assignmentFields.validFrom,
    validTo: assignmentFields.validTo,
  })
  .refine(...datesInOrder);
export type CreateFrameAssignmentInput = z.input<typeof createFrameAssignmentSchema>;

export const endFrameAssignmentSchema = endAssignmentSchema;
export type EndFrameAssignmentInput = EndAssignmentInput;
