// Classification preview (POST /api/v1/classification/preview): the points, the level and the
// conditions held or failed for a frame, marks and condition facts, without saving anything — as
// the scoring preview does for meetings. The frame is one of the tenant's (by code, latest version
// unless one is named) or a whole frame JSON sent inline; evidence is the caller's to weigh.
import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { classify, type ClassifyResult } from "./engine";
import { ensureBuiltInFrames } from "./frame-store";
import { classificationMessages } from "./messages";
import { CLASSIFICATION_LEVELS, PARTS, SUBJECTS, conditionFactsSchema, frameSchema, issuesFromZod, type Frame } from "./model";
import { validateFrame } from "./validate";
import { fill } from "@/lib/i18n/fill";

const text = classificationMessages.preview;
const markSchema = z.union([z.number(), z.string()]).describe(text.fields.mark);

export const classificationPreviewSchema = z.object({
  frameCode: z.string().trim().min(1).max(100).optional().describe(text.fields.frameCode),
  frameVersion: z.number().int().min(1).optional().describe(text.fields.frameVersion),
  frame: frameSchema.optional().describe(text.fields.frame),
  marks: z.record(z.string(), markSchema).default({}).describe(text.fields.marks),
  remarks: z.record(z.string(), z.string()).optional().describe(text.fields.remarks),
  facts: conditionFactsSchema.default({}).describe(text.fields.facts),
  proposedLevel: z.enum(CLASSIFICATION_LEVELS).optional().describe(text.fields.proposedLevel),
  requireJudgedRemarks: z.boolean().optional(),
});

const level = z.enum(CLASSIFICATION_LEVELS);
export const classifyResultSchema = z.object({
  frame: z.object({ code: z.string(), version: z.number().int(), name: z.string(), subject: z.enum(SUBJECTS) }),
  perCriterion: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      group: z.string(),
      part: z.enum(PARTS),
      max: z.number(),
      points: z.number().nullable(),
      remark: z.string().nullable(),
      judged: z.boolean(),
      evidence: z.array(z.string()),
    }),
  ),
  groupTotals: z.array(z.object({ code: z.string(), name: z.string(), part: z.enum(PARTS), max: z.number(), points: z.number() })),
  parts: z.object({ GENERAL: z.object({ max: z.number(), points: z.number() }), TASKS: z.object({ max: z.number(), points: z.number() }) }),
  total: z.number().describe(text.fields.total),
  totalTenths: z.number().int().describe(text.fields.totalTenths),
  max: z.number(),
  level: level.nullable().describe(text.fields.level),
  levelLabel: z.string().nullable(),
  conditions: z.array(z.object({ code: z.string(), level, name: z.string(), held: z.boolean(), explanation: z.string() })),
  proposed: z.object({ level, allowed: z.boolean(), reasons: z.array(z.string()) }).nullable(),
  errors: z.array(z.object({ path: z.string().optional(), message: z.string() })),
});

async function tenantFrame(user: Principal, code: string, version: number | undefined): Promise<Frame> {
  const row = await withTenant(user.tenantId, async (tx) => {
    await ensureBuiltInFrames(tx, user.tenantId);
    return tx.classificationFrame.findFirst({
      where: { tenantId: user.tenantId, code, ...(version === undefined ? {} : { version }) },
      orderBy: { version: "desc" },
      select: { definition: true },
    });
  });
  if (!row) throw new NotFoundError(version === undefined ? fill(text.frameNotFound, { code }) : fill(text.frameVersionNotFound, { code, version }));
  return frameSchema.parse(row.definition);
}

function invalid(issues: { field: string; message: string }[]): ValidationError {
  const fieldErrors: Record<string, string[]> = {};
  for (const { field, message } of issues) (fieldErrors[field] ??= []).push(message);
  return new ValidationError(fill(text.invalid, { count: issues.length }), fieldErrors);
}

/**
 * The result of `input` as the engine computes it. Any signed-in user may preview (nothing is read
 * but frames, which are not secret within a tenant, and nothing is written). Unknown frame code →
 * 404; a malformed request or inline frame, a mark above its maximum or off its step → 422 listing
 * every issue. Missing marks still answer 200 with `level: null` and the criteria in `errors`; a
 * proposed level the record does not allow answers 200 with `proposed.allowed: false` and its reasons.
 */
export async function previewClassification(user: Principal, input: unknown): Promise<ClassifyResult> {
  const raw = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const issues: { field: string; message: string }[] = [];
  const hasCode = raw.frameCode !== undefined;
  if (hasCode === (raw.frame !== undefined)) issues.push({ field: "frameCode", message: text.frameChoice });
  const parsed = classificationPreviewSchema.safeParse(input);
  if (!parsed.success) issues.push(...issuesFromZod(parsed.error, text.request).map((i) => ({ field: i.path || "_", message: i.message })));
  if (!parsed.success || issues.length > 0) throw invalid(issues);
  const body = parsed.data;
  let frame: Frame;
  if (body.frameCode !== undefined) frame = await tenantFrame(user, body.frameCode, body.frameVersion);
  else {
    const check = validateFrame(body.frame!);
    if (!check.ok) throw invalid(check.errors.map((e) => ({ field: e.path ? `frame.${e.path}` : "frame", message: e.message })));
    frame = body.frame!;
  }
  const result = classify(frame, { marks: body.marks, remarks: body.remarks, facts: body.facts, proposedLevel: body.proposedLevel ?? null }, { complete: true, requireJudgedRemarks: body.requireJudgedRemarks });
  const answerable = result.errors.every((e) => e.path === "proposedLevel" || e.kind === "unmarked" || e.kind === "remarkMissing");
  if (answerable) return result;
  throw invalid(result.errors.map((e) => ({ field: e.path && e.path !== "proposedLevel" ? `marks.${e.path}` : (e.path ?? "_"), message: e.message })));
}
