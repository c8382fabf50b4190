// The oversight log as XLSX (issue 6 §5): one row per visit (registered, attended or not), for one
// overseer or for a subtree, for one year. Rows are read in keyset pages (meeting start, visit id),
// each in a short transaction, and streamed through exceljs' streaming writer, so a large tenant's
// year never sits in memory or in one long transaction. Who exported what is audited.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { canAnywhere, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, withTenantReplica } from "@/lib/db/tenant";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { CommitteeLevel, Level, QuotaExclusion, VisitApproval, VisitStatus } from "@/lib/generated/prisma/enums";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { coverageScope, coverageYear } from "@/lib/oversight/coverage";
import { yearBounds } from "@/lib/oversight/rules";
import { vietnamWallClock, vietnamDayOf } from "@/lib/time/days";

const words = messages.oversightServer.logExport;

export const exportQuerySchema = z.object({
  /** One overseer's log (oneself, or anyone for a viewer of the subtree). */
  user: z.string().trim().optional(),
  /** A subtree (default: the viewer's whole scope). */
  unit: z.string().trim().optional(),
  year: z.coerce.number({ error: words.year }).int(words.year).min(2000, words.year).max(2100, words.year).optional(),
});
export type OversightExportQuery = z.input<typeof exportQuerySchema>;

const PAGE = 500;

const LEVEL_LABELS: Record<CommitteeLevel, string> = messages.oversight.levels;
const STATUS_LABELS: Record<VisitStatus, string> = messages.oversight.visitStatus;
const APPROVAL_LABELS: Record<VisitApproval, string> = words.approval;
const EXCLUSION_LABELS: Record<QuotaExclusion, string> = words.exclusion;
const SCORE_LEVELS: Record<Level, string> = messages.scorecard.levels;

const COLUMNS = [
  { header: words.columns.index, key: "index", width: 6 },
  { header: words.columns.day, key: "day", width: 14, style: { numFmt: "dd/mm/yyyy" } },
  { header: words.columns.branch, key: "branch", width: 34 },
  { header: words.columns.parent, key: "parent", width: 30 },
  { header: words.columns.title, key: "title", width: 40 },
  { header: words.columns.overseer, key: "overseer", width: 26 },
  { header: words.columns.level, key: "level", width: 22 },
  { header: words.columns.basis, key: "basis", width: 26 },
  { header: words.columns.status, key: "status", width: 14 },
  { header: words.columns.counts, key: "counts", width: 26 },
  { header: words.columns.approval, key: "approval", width: 20 },
  { header: words.columns.recordedAt, key: "recordedAt", width: 18, style: { numFmt: "dd/mm/yyyy hh:mm" } },
  { header: words.columns.remarks, key: "remarks", width: 60 },
  { header: words.columns.guidance, key: "guidance", width: 60 },
  { header: words.columns.followUps, key: "followUps", width: 60 },
  { header: words.columns.score, key: "score", width: 20 },
] as const;

interface LogRow {
  id: string;
  plannedStart: Date;
  actualStart: Date | null;
  title: string;
  branchName: string;
  parentName: string | null;
  overseer: string;
  level: CommitteeLevel;
  delegatedBy: string | null;
  status: VisitStatus;
  countsForQuota: boolean;
  quotaExclusion: QuotaExclusion | null;
  approval: VisitApproval;
  recordedAt: Date | null;
  remarks: string | null;
  guidance: string | null;
  followUps: string | null;
  overseerTotalTenths: number | null;
  overseerLevel: Level | null;
}

interface Filter {
  tenantId: string;
  userId: string | null;
  patterns: string[];
  from: Date;
  to: Date;
}

async function* logRows(user: Principal, filter: Filter): AsyncGenerator<LogRow[]> {
  let after: { start: Date; id: string } | null = null;
  for (;;) {
    const cursor: { start: Date; id: string } | null = after;
    const rows: LogRow[] = await withTenantReplica(user.tenantId, (tx) =>
      tx.$queryRaw<LogRow[]>`
        SELECT v."id", m."plannedStart", m."actualStart", m."title", b."name" AS "branchName", p."name" AS "parentName",
          u."displayName" AS "overseer", coalesce(a."committeeLevel", da."committeeLevel") AS "level",
          du."displayName" AS "delegatedBy", v."status", v."countsForQuota", v."quotaExclusion", v."approval", v."recordedAt",
          v."remarks", v."guidance",
          (SELECT string_agg(f."text" || CASE WHEN f."closedAt" IS NULL THEN ${words.followUpOpen}::text ELSE ${words.followUpClosed}::text END, E'\n' ORDER BY f."createdAt")
             FROM "OversightFollowUp" f WHERE f."tenantId" = v."tenantId" AND f."visitId" = v."id") AS "followUps",
          CASE WHEN s."overseerById" = v."userId" THEN s."overseerTotalTenths" END AS "overseerTotalTenths",
          CASE WHEN s."overseerById" = v."userId" THEN s."overseerLevel" END AS "overseerLevel"
        FROM "OverseerVisit" v
        JOIN "Meeting" m ON m."tenantId" = v."tenantId" AND m."id" = v."meetingId"
        JOIN "OrgUnit" b ON b."tenantId" = v."tenantId" AND b."id" = v."branchId"
        LEFT JOIN "OrgUnit" p ON p."tenantId" = b."tenantId" AND p."id" = b."parentId"
        JOIN "User" u ON u."tenantId" = v."tenantId" AND u."id" = v."userId"
        LEFT JOIN "OverseerAssignment" a ON a."tenantId" = v."tenantId" AND a."id" = v."assignmentId"
        LEFT JOIN "OverseerDelegation" d ON d."tenantId" = v."tenantId" AND d."id" = v."delegationId"
        LEFT JOIN "OverseerAssignment" da ON da."tenantId" = d."tenantId" AND da."id" = d."assignmentId"
        LEFT JOIN "User" du ON du."tenantId" = da."tenantId" AND du."id" = da."userId"
        LEFT JOIN "Scorecard" s ON s."tenantId" = v."tenantId" AND s."meetingId" = v."meetingId"
        WHERE v."tenantId" = ${filter.tenantId}::uuid
          AND (${filter.userId}::uuid IS NULL OR v."userId" = ${filter.userId}::uuid)
          AND b."path" LIKE ANY(${filter.patterns}::text[])
          AND (coalesce(m."actualStart", m."plannedStart") AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN ${filter.from}::date AND ${filter.to}::date
          AND (${cursor?.start ?? null}::timestamptz IS NULL OR (m."plannedStart", v."id") > (${cursor?.start ?? null}::timestamptz, ${cursor?.id ?? null}::uuid))
        ORDER BY m."plannedStart", v."id"
        LIMIT ${PAGE}`,
    );
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { start: last.plannedStart, id: last.id };
  }
}

function cells(row: LogRow, index: number): Record<(typeof COLUMNS)[number]["key"], string | number | Date | null> {
  const day = vietnamDayOf(row.actualStart ?? row.plannedStart);
  return {
    index,
    day,
    branch: row.branchName,
    parent: row.parentName,
    title: row.title,
    overseer: row.overseer,
    level: LEVEL_LABELS[row.level],
    basis: row.delegatedBy ? fill(words.delegated, { name: row.delegatedBy }) : words.assigned,
    status: STATUS_LABELS[row.status],
    counts: row.status !== "ATTENDED" ? "—" : row.quotaExclusion ? EXCLUSION_LABELS[row.quotaExclusion] : row.approval === "PENDING" ? words.pending : row.approval === "REJECTED" ? words.rejected : words.counts,
    approval: row.status === "ATTENDED" ? APPROVAL_LABELS[row.approval] : "—",
    // Excel has no time zones: the cell shows Vietnam's wall-clock time.
    recordedAt: row.recordedAt ? vietnamWallClock(row.recordedAt) : null,
    remarks: row.remarks,
    guidance: row.guidance,
    followUps: row.followUps,
    score: row.overseerTotalTenths !== null ? `${(row.overseerTotalTenths / 10).toLocaleString("vi-VN")}${row.overseerLevel ? ` – ${SCORE_LEVELS[row.overseerLevel]}` : ""}` : null,
  };
}

async function writeXlsx(output: PassThrough, rows: AsyncIterable<LogRow[]>, title: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = messages.app.name;
  const sheet = workbook.addWorksheet(words.sheet, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.columns = COLUMNS.map((column) => ({ key: column.key, width: column.width, style: "style" in column ? column.style : {} }));
  const heading = sheet.addRow([title]);
  heading.font = { bold: true, size: 13 };
  heading.commit();
  const header = sheet.addRow(COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  let index = 0;
  for await (const batch of rows) {
    for (const row of batch) {
      index += 1;
      const line = sheet.addRow(cells(row, index));
      line.alignment = { vertical: "top", wrapText: true };
      line.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

export interface OversightExport {
  fileName: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * Starts an export after checking access: a viewer of coverage (dashboard.read) exports their
 * subtree, or one overseer's visits in it; an overseer exports their own log. 404 for a unit or
 * person outside what the caller may see.
 */
export async function exportOversightLog(user: Principal, query: OversightExportQuery, options: { now?: Date; requestId?: string | null } = {}): Promise<OversightExport> {
  const parsed = exportQuerySchema.safeParse(query);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? words.badRequest);
  // Every id is checked before the stream starts (an empty value means "not given"): a bad one is a
  // 404 now, never a file cut off half-way when a query fails on it.
  const input = { ...parsed.data, user: parsed.data.user || undefined, unit: parsed.data.unit || undefined };
  if (input.unit && !isUuid(input.unit)) throw new NotFoundError(words.unitNotFound);
  const { year } = coverageYear(input.year, options.now);
  const { start, end } = yearBounds(year);
  const viewer = canAnywhere(user, "dashboard.read");
  const self = !input.user || input.user === user.id;
  if (input.user && !isUuid(input.user)) throw new NotFoundError(words.personNotFound);
  if (!viewer && !(self && canAnywhere(user, "score.confirm"))) throw new ForbiddenError(words.forbidden);
  const target = input.user ?? (viewer ? null : user.id);

  const { paths, personName, scopeName } = await withTenant(user.tenantId, async (tx) => {
    // An overseer's own log covers every branch they attended; a viewer's, their subtree only.
    const paths = viewer && !(target === user.id && !input.unit) ? await coverageScope(tx, user, input.unit || undefined) : ["/"];
    const person = target
      ? await tx.user.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: target } }, select: { displayName: true } })
      : null;
    if (target && !person) throw new NotFoundError(words.personNotFound);
    const unit = input.unit && isUuid(input.unit)
      ? await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: input.unit } }, select: { name: true } })
      : null;
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "oversight.export",
      entityType: "Tenant",
      entityId: user.tenantId,
      after: { year, userId: target, unitId: input.unit ?? null },
      requestId: options.requestId ?? null,
    });
    return { paths, personName: person?.displayName ?? null, scopeName: unit?.name ?? null };
  });

  const title = fill(words.title, {
    year,
    person: personName ? fill(words.titlePerson, { name: personName }) : "",
    scope: scopeName ? fill(words.titleScope, { name: scopeName }) : "",
  });
  const rows = logRows(user, { tenantId: user.tenantId, userId: target, patterns: paths.map((path) => `${path}%`), from: start, to: end });
  const output = new PassThrough();
  writeXlsx(output, rows, title).catch((error: unknown) => {
    console.error("[oversight-export] XLSX export failed:", error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return {
    fileName: `nhat-ky-du-sinh-hoat-${year}${target ? `-${target.slice(0, 8)}` : ""}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: Readable.toWeb(output) as ReadableStream<Uint8Array>,
  };
}
