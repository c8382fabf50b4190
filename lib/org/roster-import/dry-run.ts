// Upload → dry run: every row parsed and checked against the roster, the file and its report
// stored as a MemberImport (status VALIDATED); nothing else is written.
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db/tenant";
import { normalizeText } from "@/lib/org/roster-layout";
import { todayInVietnam } from "@/lib/time/days";
import messages from "@/lib/i18n/messages";
import { planImport } from "@/lib/org/roster-import/plan";
import { type ContextOptions, prepareFile } from "@/lib/org/roster-import/prepare";
import { type ImportReport, buildReport } from "@/lib/org/roster-import/report";
import { resolveScope } from "@/lib/org/roster-import/scope";
import { loadSnapshot } from "@/lib/org/roster-import/snapshot";
import { type ImportSummary, summarySelect } from "@/lib/org/roster-import/stored";

const wording = messages.orgServer.rosterImport;

const DRY_RUN_TIMEOUT_MS = 5 * 60_000;

export const dryRunInputSchema = z.object({
  fileName: z
    .string({ error: wording.fileRequired })
    .transform((name) => normalizeText(name.split(/[\\/]/).pop() ?? ""))
    .pipe(z.string().min(1, wording.fileRequired).max(255, wording.fileNameTooLong)),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { error: wording.fileRequired }),
  scopeUnitId: z.string().nullish(),
});

export type DryRunInput = z.input<typeof dryRunInputSchema>;

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Upload → dry run: parses and checks every row against the roster, stores the file and the report
 * (status VALIDATED) and writes nothing else. File-level faults throw RosterFileError and store nothing.
 */
export async function dryRunImport(user: Principal, input: DryRunInput, options: ContextOptions = {}): Promise<ImportSummary & { report: ImportReport }> {
  const data = dryRunInputSchema.parse(input);
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  const progress = options.onProgress;
  const scope = await withTenant(user.tenantId, (tx) => resolveScope(tx, user, data.scopeUnitId));
  progress?.({ phase: "reading", done: 0, total: null });
  const file = await prepareFile(data.bytes, today, progress);
  const fileSha256 = sha256(data.bytes);

  const { plan, sameFileAppliedAt } = await withTenant(
    user.tenantId,
    async (tx) => {
      const snapshot = await loadSnapshot(tx, user.tenantId, scope.path, file.records, today, (done) =>
        progress?.({ phase: "validated", done, total: file.records.length }),
      );
      const plan = planImport(file.records, file.parseIssues, snapshot, { rowCount: file.rowCount, incomplete: file.incomplete });
      const previous = await tx.memberImport.findFirst({
        where: { tenantId: user.tenantId, fileSha256, status: "APPLIED" },
        orderBy: { appliedAt: "desc" },
        select: { appliedAt: true },
      });
      return { plan, sameFileAppliedAt: previous?.appliedAt ?? null };
    },
    { timeout: DRY_RUN_TIMEOUT_MS },
  );

  progress?.({ phase: "saving", done: 0, total: null });
  const report = buildReport(plan, file.header, sameFileAppliedAt);
  const id = randomUUID();
  const created = await withTenant(
    user.tenantId,
    async (tx) => {
      const row = await tx.memberImport.create({
        data: {
          tenantId: user.tenantId,
          id,
          createdById: user.id,
          scopeUnitId: scope.id,
          fileName: data.fileName,
          fileSha256,
          format: file.format,
          // A copy backed by a plain ArrayBuffer (what Prisma's Bytes type takes).
          content: new Uint8Array(data.bytes),
          status: "VALIDATED",
          rowCount: plan.counts.rows,
          createCount: plan.counts.create,
          updateCount: plan.counts.update,
          unchangedCount: plan.counts.unchanged,
          errorCount: plan.counts.error,
          report,
        },
        select: summarySelect,
      });
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "memberImport.validate",
        entityType: "MemberImport",
        entityId: id,
        after: { fileName: data.fileName, fileSha256, scopeUnitId: scope.id, ...plan.counts },
        requestId: options.requestId ?? null,
      });
      return row;
    },
    { timeout: 60_000 },
  );
  return { ...created, scopeName: scope.name, report };
}
