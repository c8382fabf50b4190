// The stored report of a dry run: counts, the first row issues and changes, and the apply's result.
import { z } from "zod";
import type { HeaderMap } from "@/lib/org/roster-file";
import { headerOf } from "@/lib/org/roster-layout";
import type { ImportPlan } from "@/lib/org/roster-import/plan";

/** Stored report: at most this many row issues and listed changes (counts are always complete). */
export const REPORT_DETAIL_LIMIT = 1000;

const reportSchema = z.object({
  v: z.literal(1),
  planHash: z.string(),
  headerRow: z.number(),
  columns: z.array(z.string()),
  ignoredColumns: z.array(z.string()),
  issues: z.array(z.object({ row: z.number(), column: z.string().nullable(), code: z.string(), message: z.string() })),
  issuesTruncated: z.boolean(),
  changes: z.array(
    z.object({
      row: z.number(),
      fullName: z.string(),
      changes: z.array(z.object({ column: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    }),
  ),
  creates: z.array(z.object({ row: z.number(), fullName: z.string(), branch: z.string() })),
  /** When a file with the same content was applied before. */
  sameFileAppliedAt: z.string().nullable(),
  applied: z
    .object({ created: z.number(), updated: z.number(), transferred: z.number(), positions: z.number(), at: z.string() })
    .nullable(),
});

export type ImportReport = z.infer<typeof reportSchema>;

export function buildReport(plan: ImportPlan, header: HeaderMap, sameFileAppliedAt: Date | null): ImportReport {
  const changes: ImportReport["changes"] = [];
  const creates: ImportReport["creates"] = [];
  for (const row of plan.rows) {
    if (row.action === "update" && changes.length < REPORT_DETAIL_LIMIT) {
      changes.push({ row: row.line, fullName: row.values.fullName, changes: row.changes });
    } else if (row.action === "create" && creates.length < REPORT_DETAIL_LIMIT) {
      creates.push({ row: row.line, fullName: row.values.fullName, branch: row.branch.name });
    }
  }
  return {
    v: 1,
    planHash: plan.hash,
    headerRow: header.line,
    columns: [...header.columns.keys()].map(headerOf),
    ignoredColumns: header.ignored,
    issues: plan.issues.slice(0, REPORT_DETAIL_LIMIT).map((entry) => ({ ...entry })),
    issuesTruncated: plan.issues.length > REPORT_DETAIL_LIMIT,
    changes,
    creates,
    sameFileAppliedAt: sameFileAppliedAt ? sameFileAppliedAt.toISOString() : null,
    applied: null,
  };
}

export function parseReport(value: unknown): ImportReport | null {
  const parsed = reportSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
