// Input schemas of rubric administration, shared by the server actions, the /api/v1 twins and the
// OpenAPI registry. Every schema parses its own output again (the action parses, then the service).
// The field kinds shared with the classification frames live in lib/rule-sets/input.ts.
import { z } from "zod";
import messages from "@/lib/i18n/messages";
import { decimalField, nestDottedKeys } from "@/lib/input/form-fields";
import { MEETING_KINDS } from "@/lib/meetings/rules/types";
import { calendarDay } from "@/lib/org/units";
import { assignmentFields, checkedValues, codeAndCloneSchemas, datesInOrder, endAssignmentSchema, nextVersionFields, type EndAssignmentInput } from "@/lib/rule-sets/input";

const words = messages.ruleSetsServer.rubricInput;

const { code: rubricCodeSchema, clone: cloneRubricSchema } = codeAndCloneSchemas(words.rubric, words.sourceRubric, "PHU_THO_2026");
export { rubricCodeSchema, cloneRubricSchema };
export type CloneRubricInput = z.input<typeof cloneRubricSchema>;

/** Checkboxes send nothing, one value or several; the API sends an array. */
export const meetingKindsSchema = checkedValues(MEETING_KINDS, words.kindInvalid, words.kindMin);

/** The next version of a tenant rubric: the shared fields, and the meeting kinds, total and thematic variants. */
export const saveRubricVersionSchema = z.preprocess(
  nestDottedKeys,
  z.object({
    code: rubricCodeSchema,
    ...nextVersionFields,
    meetingKinds: z.union([z.string(), z.array(z.string())]).optional(),
    totalPoints: decimalField.optional(),
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
    unitId: assignmentFields.unitId,
    rubricCode: z.string({ error: words.rubricCode }).trim().min(1, words.rubricCode),
    meetingKinds: meetingKindsSchema,
    validFrom: assignmentFields.validFrom,
    validTo: assignmentFields.validTo,
  })
  .refine(...datesInOrder);
export type CreateAssignmentInput = z.input<typeof createAssignmentSchema>;

export { endAssignmentSchema, type EndAssignmentInput };

export const previewRubricSchema = z.object({
  branchId: z.string({ error: words.branch }).min(1, words.branch),
  kind: z.enum(MEETING_KINDS, { error: words.kind }),
  date: calendarDay(words.date),
});
export type PreviewRubricInput = z.input<typeof previewRubricSchema>;

export const unitSearchQuerySchema = z.object({
  q: z.string().max(100).default(""),
  /** Units an admin may assign a rubric to, or branches whose rubric a reader may preview. */
  purpose: z.enum(["assign", "preview"]).default("assign"),
});
