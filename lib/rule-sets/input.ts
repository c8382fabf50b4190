// Input of the versioned rule sets a tenant administers (rubrics, classification frames): the code
// and name typed in a form, the version the editor saw, and the dates and end of an assignment.
// `what` names the kind of rule set in the messages.
import { z } from "zod";
import { fill } from "@/lib/i18n/fill";
import { ValidationError } from "@/lib/errors";
import messages from "@/lib/i18n/messages";
import { decimalField, optionalText } from "@/lib/input/form-fields";
import { calendarDay } from "@/lib/org/units";

const words = messages.ruleSetsServer.input;
const CODE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A code typed in a form; `example` shows a valid one. */
export function definitionCodeSchema(what: string, example: string) {
  return z
    .string({ error: fill(words.codeRequired, { what }) })
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(2, fill(words.codeMin, { what }))
        .max(40, fill(words.codeMax, { what }))
        .regex(CODE, fill(words.codePattern, { example })),
    );
}

export function definitionNameSchema(what: string) {
  return z
    .string({ error: fill(words.nameRequired, { what }) })
    .transform((value) => value.normalize("NFC").trim().replace(/\s+/g, " "))
    .pipe(z.string().min(3, fill(words.nameMin, { what })).max(300, fill(words.nameMax, { what })));
}

/** An id the form always sends: missing only when the page is broken. */
export const requiredId = (what: string) => z.string({ error: fill(words.missing, { what }) }).min(1, fill(words.missing, { what }));

const MAX_FILE_BYTES = 512 * 1024;

/** A JSON file of a definition chosen in the import form. */
export function importFileSchema(what: string) {
  const required = fill(words.fileRequired, { what });
  return z.object({ file: z.instanceof(File, { error: required }).refine((file) => file.size > 0, required) });
}

/** The text of an imported file; one too large to be a definition is refused before it is read. */
export async function importFileText(file: File, what: string): Promise<string> {
  if (file.size > MAX_FILE_BYTES) {
    const message = fill(words.fileTooLarge, { what });
    throw new ValidationError(message, { file: [message] });
  }
  return file.text();
}

/** The code of a kind (`what`, with a valid `example`) and the clone of a version (from `source`) under a new code. */
export function codeAndCloneSchemas(what: string, source: string, example: string) {
  const code = definitionCodeSchema(what, example);
  return { code, clone: z.object({ sourceId: requiredId(source), code, name: definitionNameSchema(what) }) };
}

/**
 * The fields of the next version both kinds share: either the whole definition (`definition`, the
 * editor's JSON text or the API's object) or the form's fields applied to the version `baseId`
 * (default: the latest). `expectedLatestVersion` is the latest version the editor saw.
 */
export const nextVersionFields = {
  expectedLatestVersion: z.coerce.number({ error: words.expectedVersion }).int(words.expectedVersion).min(1, words.expectedVersion),
  definition: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  baseId: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  effectiveFrom: z.string().optional(),
  effectiveTo: z.string().optional(),
  groups: z.record(z.string(), z.object({ points: decimalField.optional() })).optional(),
  criteria: z.record(z.string(), z.object({ maxPoints: decimalField.optional(), step: decimalField.optional(), guidance: optionalText.optional() })).optional(),
  levels: z.record(z.string(), z.object({ minTotal: decimalField.optional() })).optional(),
};

/** The unit and dates of an assignment of a code; each kind adds the code and what it covers. */
export const assignmentFields = {
  unitId: z.string({ error: words.unit }).min(1, words.unit),
  validFrom: calendarDay(words.validFrom),
  validTo: z.preprocess((value) => (value === "" || value === undefined ? null : value), calendarDay(words.validTo).nullable()),
};

/** The refinement of an assignment's dates: the end, if any, is not before the start. */
export const datesInOrder: [(value: { validFrom: Date; validTo: Date | null }) => boolean, { path: string[]; message: string }] = [
  (value) => value.validTo === null || value.validTo.getTime() >= value.validFrom.getTime(),
  { path: ["validTo"], message: words.validToOrder },
];

export const endAssignmentSchema = z.object({
  id: requiredId(words.assignment),
  reason: optionalText.pipe(z.string().max(500, words.reason)).optional(),
});
export type EndAssignmentInput = z.input<typeof endAssignmentSchema>;

/** Checkboxes send nothing, one value or several; the API sends an array. Kept in `values`' order. */
export function checkedValues<const T extends readonly [string, ...string[]]>(values: T, invalid: string, none: string) {
  return z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(z.enum(values, { error: invalid }))
      .min(1, none)
      .transform((chosen): T[number][] => values.filter((value) => chosen.includes(value))),
  );
}
