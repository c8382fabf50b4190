// Scoring preview (POST /api/v1/scoring/preview): what a meeting would score under a rubric, given
// its facts and manual marks, without saving anything. For integrations and for rubric authors who
// want to try a draft rubric against SPEC §11's worked examples. The rubric is one of the tenant's
// (by code, latest version unless one is named) or a whole rubric JSON sent inline.
import { z } from "zod";
import type { Principal } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { score, type ScoreResult } from "./engine";
import type { MeetingFacts } from "./facts";
import { layoutFor } from "./layout";
import { scoringMessages } from "./messages";
import { CRITERION_MODES, type Rubric, type ScoringIssue } from "./model";
import { ensureBuiltInRubrics } from "./rubric-store";
import { checkFacts, issuesFromZod, meetingFactsSchema, rubricSchema } from "./schemas";
import { validateRubric } from "./validate";
import { fill } from "@/lib/i18n/fill";
import { LEVELS } from "@/lib/domain/levels";

const text = scoringMessages.preview;

const markSchema = z.union([z.number(), z.string()]).describe(text.fields.mark);

export const previewRequestSchema = z.object({
  rubricCode: z.string().trim().min(1).max(100).optional().describe(text.fields.rubricCode),
  rubricVersion: z.number().int().min(1).optional().describe(text.fields.rubricVersion),
  rubric: rubricSchema.optional().describe(text.fields.rubric),
  facts: meetingFactsSchema.describe(text.fields.facts),
  manualMarks: z.record(z.string(), markSchema).default({}).describe(text.fields.manualMarks),
  overrides: z
    .record(z.string(), z.object({ points: markSchema, reason: z.string() }))
    .optional()
    .describe(text.fields.overrides),
});
export type PreviewRequest = z.input<typeof previewRequestSchema>;

export const scoreResultSchema = z.object({
  rubric: z.object({ code: z.string(), version: z.number().int(), name: z.string() }),
  hasThematicPart: z.boolean().nullable(),
  perCriterion: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      group: z.string(),
      mode: z.enum(CRITERION_MODES),
      applicable: z.boolean(),
      max: z.number(),
      points: z.number(),
      evidence: z.string().describe(text.fields.evidence),
      overridden: z.boolean(),
      overrideReason: z.string().optional(),
      computedPoints: z.number().optional(),
    }),
  ),
  groupTotals: z.array(z.object({ code: z.string(), name: z.string(), max: z.number(), points: z.number() })),
  total: z.number().describe(text.fields.total),
  totalTenths: z.number().int().describe(text.fields.totalTenths),
  max: z.number(),
  level: z.enum(LEVELS).nullable().describe(text.fields.level),
  levelLabel: z.string().nullable(),
  conditions: z.array(
    z.object({
      code: z.string(),
      kind: z.enum(["fullPoints", "hardCheck"]),
      level: z.enum(LEVELS),
      name: z.string(),
      held: z.boolean(),
      explanation: z.string(),
    }),
  ),
  errors: z.array(z.object({ path: z.string().optional(), message: z.string() })),
});
// The answer schema must describe the engine's result exactly: this fails to compile when they drift.
const _sameShape: [ScoreResult, z.output<typeof scoreResultSchema>] extends [z.output<typeof scoreResultSchema>, ScoreResult] ? true : never = true;

interface FieldIssue {
  field: string;
  message: string;
}

const WHAT: Record<string, string> = {
  facts: text.what.facts,
  rubric: text.what.rubric,
  manualMarks: text.what.manualMarks,
  overrides: text.what.overrides,
};

/** zod's issues, each in Vietnamese and named after the part of the body it is about. */
function shapeIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const [head, ...rest] = issue.path.map(String);
    const part = head !== undefined && head in WHAT ? head : null;
    const local = part ? { ...issue, path: rest } : issue;
    return issuesFromZod(new z.ZodError([local]), part ? WHAT[part]! : text.what.request).map((i) => ({
      field: issue.path.map(String).join(".") || "_",
      message: i.message,
    }));
  });
}

const prefixed = (prefix: string, issues: readonly ScoringIssue[]): FieldIssue[] =>
  issues.map((i) => ({ field: i.path ? `${prefix}.${i.path}` : prefix, message: i.message }));

function invalid(issues: readonly FieldIssue[]): ValidationError {
  const fieldErrors: Record<string, string[]> = {};
  for (const { field, message } of issues) (fieldErrors[field] ??= []).push(message);
  return new ValidationError(fill(text.invalid, { count: issues.length }), fieldErrors);
}

async function tenantRubric(user: Principal, code: string, version: number | undefined): Promise<Rubric> {
  const row = await withTenant(user.tenantId, async (tx) => {
    // Built-in frames are copied into a tenant lazily (idempotent); a preview may be the first reader.
    await ensureBuiltInRubrics(tx, user.tenantId);
    return tx.rubric.findFirst({
      where: { tenantId: user.tenantId, code, ...(version === undefined ? {} : { version }) },
      orderBy: { version: "desc" },
      select: { definition: true },
    });
  });
  if (!row) throw new NotFoundError(version === undefined ? fill(text.rubricNotFound, { code }) : fill(text.rubricVersionNotFound, { code, version }));
  // Rows are validated before insert; parsing only restores the type.
  return rubricSchema.parse(row.definition);
}

/** Manual criteria left without a mark: a partial preview still answers, with them in `errors`. */
function unmarkedCriteria(rubric: Rubric, facts: MeetingFacts, marks: Readonly<Record<string, unknown>>, overrides: Readonly<Record<string, unknown>>): Set<string> {
  return new Set(
    layoutFor(rubric, facts.hasThematicPart, facts.kind === "THEMATIC")
      .criteria.filter((c) => c.applicable && c.criterion.mode === "MANUAL")
      .map((c) => c.criterion.code)
      .filter((code) => !Object.hasOwn(marks, code) && !Object.hasOwn(overrides, code)),
  );
}

/**
 * The score of `input` (a PreviewRequest) as the engine computes it. Any signed-in user may preview:
 * nothing about a meeting is read and nothing is written, and rubrics are not secret within a tenant.
 * Unknown rubric code → 404; malformed or inconsistent facts, an invalid inline rubric, a mark above
 * its maximum or off its step, an override without a reason → 422 listing every issue found.
 * Manual marks that are simply missing still answer 200, with `level: null` and the missing
 * criteria in `errors`, so a form can show the running total.
 */
export async function previewScore(user: Principal, input: unknown): Promise<ScoreResult> {
  const raw = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const issues: FieldIssue[] = [];
  const hasCode = raw.rubricCode !== undefined;
  if (hasCode === (raw.rubric !== undefined)) issues.push({ field: "rubricCode", message: text.rubricChoice });
  if (raw.rubricVersion !== undefined && !hasCode) issues.push({ field: "rubricVersion", message: text.versionWithoutCode });
  const parsed = previewRequestSchema.safeParse(input);
  if (!parsed.success) issues.push(...shapeIssues(parsed.error));
  if (!parsed.success || issues.length > 0) throw invalid(issues);
  const body = parsed.data;

  let rubric: Rubric;
  if (body.rubricCode !== undefined) {
    rubric = await tenantRubric(user, body.rubricCode, body.rubricVersion);
  } else {
    const check = validateRubric(body.rubric!);
    if (!check.ok) issues.push(...prefixed("rubric", check.errors));
    rubric = body.rubric!;
  }
  const factsCheck = checkFacts(body.facts);
  if (!factsCheck.ok) issues.push(...prefixed("facts", factsCheck.errors));
  if (issues.length > 0 || !factsCheck.ok) throw invalid(issues);

  const marks = body.manualMarks;
  const overrides = body.overrides ?? {};
  const result = score(rubric, factsCheck.facts, marks, { overrides });
  const unmarked = unmarkedCriteria(rubric, factsCheck.facts, marks, overrides);
  // The answer is the documented one (scoreResultSchema): `kind` is for the app's own forms.
  if (result.errors.every((e) => e.path !== undefined && unmarked.has(e.path))) return { ...result, errors: result.errors.map(({ kind: _kind, ...error }) => error) };

  throw invalid(
    result.errors.map((e) => {
      const code = e.path;
      const field =
        code === undefined
          ? "_"
          : Object.hasOwn(overrides, code)
            ? `overrides.${code}`
            : Object.hasOwn(marks, code) || unmarked.has(code)
              ? `manualMarks.${code}`
              : code === "kind"
                ? "facts.kind"
                : code;
      return { field, message: e.message };
    }),
  );
}
