// Input schemas of the classification workflow, shared by the server actions, the /api/v1 twins and
// the OpenAPI registry. Forms post flat dotted names ("marks.C1", "facts.latePercent",
// "notes.strengths"); the API posts nested objects; both reach the same schema.
import { z } from "zod";
import { nestDottedKeys } from "@/lib/input/form-fields";
import messages from "@/lib/i18n/messages";
import { CLASSIFICATION_LEVELS } from "./model";

const words = messages.classificationServer.input;

const text = (max: number, message: string) =>
  z
    .string()
    .max(max, message)
    .transform((v) => v.normalize("NFC").trim());

const optionalText = (max: number, message: string) =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => (v ?? "").normalize("NFC").trim())
    .pipe(z.string().max(max, message));

const markValue = z.union([z.number(), z.string().max(20)]);

/** Yes/no from a radio ("yes"/"no"), a checkbox ("on") or JSON; empty: not declared. */
const yesNo = z
  .union([z.boolean(), z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || v === "") return null;
    if (typeof v === "boolean") return v;
    if (v === "yes" || v === "true" || v === "on") return true;
    if (v === "no" || v === "false") return false;
    ctx.addIssue({ code: "custom", message: words.yesNo });
    return z.NEVER;
  });

/** A percentage typed as "12,5" or sent as 12.5; empty: not declared. */
const percentValue = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return null;
    const n = typeof v === "number" ? v : Number(v.trim().replace(",", ".").replace(/\s*%$/, ""));
    if (!Number.isFinite(n) || n < 0 || n > 100 || Math.round(n * 10) !== n * 10) {
      ctx.addIssue({ code: "custom", message: words.percent });
      return z.NEVER;
    }
    return n;
  });

export const factsInputSchema = z
  .object({
    allTasksOnTime: yesNo,
    exceededPercent: percentValue,
    latePercent: percentValue,
    disciplined: yesNo,
  })
  .default({ allTasksOnTime: null, exceededPercent: null, latePercent: null, disciplined: null });

const STALE_VERSION = words.staleVersion;
const version = z.coerce.number({ error: STALE_VERSION }).int(STALE_VERSION).min(0, STALE_VERSION);
const levelField = z.enum(CLASSIFICATION_LEVELS, { error: words.level });
const optionalLevel = z.preprocess((v) => (v === "" ? undefined : v), levelField.optional());
const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());
const reason = optionalText(2000, words.reason);

/** Which case: its id, or the subject (unit or member) and the period ("2026", "2026-Q4", "2020-2025"). */
export const caseRefShape = {
  caseId: z.string().optional(),
  unitId: z.string().optional(),
  memberId: z.string().optional(),
  period: z.union([z.string(), z.number()]).optional(),
};

const columnShape = {
  marks: z.record(z.string(), markValue).default({}),
  remarks: z.record(z.string(), text(1000, words.remark)).default({}),
  facts: factsInputSchema,
};

const flat = <S extends z.ZodType>(schema: S) =>
  z.preprocess((raw) => {
    const nested = nestDottedKeys(raw) as Record<string, unknown>;
    if (!nested || typeof nested !== "object") return nested;
    // Empty mark boxes of a form are "not marked", not "0".
    if (nested.marks && typeof nested.marks === "object") {
      nested.marks = Object.fromEntries(Object.entries(nested.marks as Record<string, unknown>).filter(([, v]) => !(typeof v === "string" && v.trim() === "")));
    }
    if (nested.remarks && typeof nested.remarks === "object") {
      nested.remarks = Object.fromEntries(Object.entries(nested.remarks as Record<string, unknown>).filter(([, v]) => !(typeof v === "string" && v.trim() === "")));
    }
    return nested;
  }, schema);

export const selfAssessmentSchema = flat(
  z.object({
    ...caseRefShape,
    version,
    /** false: keep as a draft (partial marks allowed); true: submit to the branch / superior. */
    submit: checkbox.default(false),
    ...columnShape,
    notes: z
      .object({
        strengths: optionalText(8000, words.notes),
        weaknesses: optionalText(8000, words.notes),
        remedies: optionalText(8000, words.notes),
      })
      .default({ strengths: "", weaknesses: "", remedies: "" }),
    proposedLevel: optionalLevel,
  }),
);
export type SelfAssessmentInput = z.input<typeof selfAssessmentSchema>;

export const branchReviewSchema = z.object({
  caseId: z.string({ error: words.caseId }).min(1, words.caseId),
  version,
  meetingId: z.string({ error: words.meeting }).min(1, words.meeting),
  comments: optionalText(8000, words.comments),
  proposedLevel: levelField,
  voteFor: z.coerce.number({ error: words.votes }).int(words.votes).min(0, words.votes),
  voteAgainst: z.coerce.number({ error: words.votes }).int(words.votes).min(0, words.votes),
  voteAbstain: z.coerce.number({ error: words.votes }).int(words.votes).min(0, words.votes),
});
export type BranchReviewInput = z.input<typeof branchReviewSchema>;

/** confirm: the appraisal keeps the self-assessment's marks; adjust: the superior marks its own column. */
export const appraisalSchema = flat(
  z.object({
    caseId: z.string({ error: words.caseId }).min(1, words.caseId),
    version,
    mode: z.enum(["confirm", "adjust"], { error: words.mode }),
    ...columnShape,
    level: levelField,
    reason,
  }),
);
export type AppraisalInput = z.input<typeof appraisalSchema>;

export const decisionSchema = z.object({
  caseId: z.string({ error: words.caseId }).min(1, words.caseId),
  version,
  level: levelField,
  reason,
});
export type DecisionInput = z.input<typeof decisionSchema>;

export const returnSchema = z.object({
  caseId: z.string({ error: words.caseId }).min(1, words.caseId),
  version,
  reason,
});
export type ReturnInput = z.input<typeof returnSchema>;

export const openCaseSchema = z.object(caseRefShape);

/** Form rows "items.<caseId>.version", "items.<caseId>.level", "items.<caseId>.selected" (or the API's array). */
function bulkItems<S extends z.ZodType>(item: S) {
  return z.preprocess((value) => {
    if (Array.isArray(value)) return value;
    if (!value || typeof value !== "object") return [];
    const rows = Object.entries(value as Record<string, Record<string, unknown>>).filter(([, row]) => row && typeof row === "object");
    // A form sends "selected" only for the ticked rows: once any row carries it, the others are out.
    const ticked = rows.some(([, row]) => "selected" in row);
    return rows.filter(([, row]) => !ticked || row.selected === "on" || row.selected === "true" || row.selected === true).map(([caseId, row]) => ({ ...row, caseId }));
  }, z.array(item).min(1, words.bulkMin).max(500, words.bulkMax));
}

export const bulkReviewSchema = z.preprocess(
  nestDottedKeys,
  z.object({
    meetingId: branchReviewSchema.shape.meetingId,
    comments: optionalText(8000, words.comments),
    voteFor: branchReviewSchema.shape.voteFor,
    voteAgainst: branchReviewSchema.shape.voteAgainst,
    voteAbstain: branchReviewSchema.shape.voteAbstain,
    items: bulkItems(z.object({ caseId: z.string().min(1), version, level: levelField })),
  }),
);
export type BulkReviewInput = z.input<typeof bulkReviewSchema>;

export const bulkDecisionSchema = z.preprocess(nestDottedKeys, z.object({ items: bulkItems(z.object({ caseId: z.string().min(1), version })) }));
export type BulkDecisionInput = z.input<typeof bulkDecisionSchema>;
