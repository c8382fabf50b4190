// Bảng tổng hợp tháng: the monthly consolidated sheet of a committee (SPEC §5.5 step 6) — every
// branch of its subtree active in the month, with its members, each meeting of the month (date,
// kind, state), the score and level that count and notes; a branch that did not meet gets a row
// saying so. Streamed as XLSX, branch chunk by branch chunk in short transactions, so 12,000 rows
// never sit in memory; the row count is known first so the browser can show progress.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Principal } from "@/lib/auth/permissions";
import { withTenantReplica, type Tx } from "@/lib/db/tenant";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { Level, MeetingKind, MeetingState } from "@/lib/generated/prisma/enums";
import messages from "@/lib/i18n/messages";
import { effectiveResult } from "@/lib/scoring/annual";
import { XLSX_TYPE, type XlsxFile } from "./export";
import { dashboardMessages, reviewMessages } from "./messages";
import { monthKey } from "./period";
import { pathRange, resolveScope } from "./scope";
import { todayInVietnam, vietnamDayOf, vietnamMonthStart } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";

const text = reviewMessages.sheet;
const BRANCHES_PER_QUERY = 500;

export interface SheetQuery {
  unit?: unknown;
  month?: unknown;
}

export interface SheetRow {
  index: number;
  committee: string | null;
  branch: string;
  members: number;
  day: Date | null;
  kind: MeetingKind | null;
  state: MeetingState | null;
  total: number | null;
  level: Level | null;
  notes: string;
}

interface Branch {
  id: string;
  name: string;
  parentName: string | null;
}

function parseMonth(value: unknown, now: Date): { year: number; month: number } {
  if (value === undefined || value === null || value === "") {
    const today = todayInVietnam(now);
    return { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1 };
  }
  const match = /^(\d{4})-(\d{2})$/.exec(String(value).trim());
  const year = match ? Number(match[1]) : 0;
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12 || year < 2000 || year > 2100) {
    throw new ValidationError(fill(text.badMonth, { value: String(value).slice(0, 20) }), { month: [fill(text.badMonth, { value: String(value).slice(0, 20) })] });
  }
  return { year, month };
}

/** The branches of the sheet: active in the month, by committee then name. */
async function sheetBranches(tx: Tx, tenantId: string, path: string, first: Date, last: Date): Promise<Branch[]> {
  const { lower, upper } = pathRange(path);
  const rows = await tx.$queryRaw<Branch[]>`
    SELECT u."id", u."name", p."name" AS "parentName"
    FROM "OrgUnit" u LEFT JOIN "OrgUnit" p ON p."tenantId" = u."tenantId" AND p."id" = u."parentId"
    WHERE u."tenantId" = ${tenantId}::uuid AND u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}
      AND u."kind" IN ('GRASSROOTS_BRANCH', 'BRANCH')
      AND u."activeFrom" <= ${last}::date AND (u."activeTo" IS NULL OR u."activeTo" >= ${first}::date)`;
  const collator = new Intl.Collator("vi", { numeric: true });
  return rows.sort((a, b) => collator.compare(a.parentName ?? "", b.parentName ?? "") || collator.compare(a.name, b.name));
}

interface MeetingFact {
  id: string;
  branchId: string;
  kind: MeetingKind;
  state: MeetingState;
  start: Date;
  stateReason: string | null;
  selfLevel: Level | null;
  selfTotalTenths: number | null;
  overseerLevel: Level | null;
  overseerTotalTenths: number | null;
  finalLevel: Level | null;
  finalTotalTenths: number | null;
  overseerReason: string | null;
  finalReason: string | null;
  /** False for an extraordinary meeting the tenant does not score (scoring.scoreExtraordinary). */
  scoredKind: boolean;
}

async function chunkFacts(tx: Tx, tenantId: string, ids: readonly string[], from: Date, to: Date, rollDay: Date) {
  const meetings = await tx.$queryRaw<MeetingFact[]>`
    SELECT m."id", m."branchId", m."kind"::text AS "kind", m."state"::text AS "state", coalesce(m."actualStart", m."plannedStart") AS "start",
           m."stateReason", s."selfLevel"::text AS "selfLevel", s."selfTotalTenths", s."overseerLevel"::text AS "overseerLevel", s."overseerTotalTenths",
           s."finalLevel"::text AS "finalLevel", s."finalTotalTenths", s."overseerReason", s."finalReason",
           CASE WHEN m."kind" = 'REVIEW' THEN false
                WHEN m."kind" = 'EXTRAORDINARY'
                THEN app_setting_bool(m."tenantId", 'scoring.scoreExtraordinary', u."path", app_vn_day(coalesce(m."actualStart", m."plannedStart")), false)
                ELSE true END AS "scoredKind"
    FROM "Meeting" m LEFT JOIN "Scorecard" s ON s."tenantId" = m."tenantId" AND s."meetingId" = m."id"
    JOIN "OrgUnit" u ON u."tenantId" = m."tenantId" AND u."id" = m."branchId"
    WHERE m."tenantId" = ${tenantId}::uuid AND m."branchId" = ANY(${ids}::uuid[])
      AND coalesce(m."actualStart", m."plannedStart") >= ${from} AND coalesce(m."actualStart", m."plannedStart") < ${to}
    ORDER BY coalesce(m."actualStart", m."plannedStart"), m."id"`;
  // The roll on the last day of the month (today for the month under way), as attendance reads it.
  const members = await tx.$queryRaw<{ branchId: string; n: number }[]>`
    SELECT b."branchId", count(*)::int AS n FROM "BranchMembership" b
    WHERE b."tenantId" = ${tenantId}::uuid AND b."branchId" = ANY(${ids}::uuid[])
      AND b."validFrom" <= ${rollDay}::date AND (b."validTo" IS NULL OR b."validTo" >= ${rollDay}::date)
    GROUP BY b."branchId"`;
  return { meetings, members: new Map(members.map((m) => [m.branchId, m.n])) };
}

function noteOf(m: MeetingFact, effective: ReturnType<typeof effectiveResult>): string {
  const parts: string[] = [];
  if (m.state === "CANCELLED" || m.state === "POSTPONED") parts.push(fill(text.notes.notHeld, { reason: m.stateReason ?? "" }).trim());
  else if (m.state === "PLANNED" || m.state === "NOTIFIED") parts.push(text.notes.planned);
  else if (m.state === "SELF_SCORED" || m.state === "CONFIRMED") parts.push(text.notes.awaiting);
  else if (m.state === "FINALISED") parts.push(text.notes.finalised);
  else if (!effective) parts.push(m.scoredKind ? text.notes.unscored : text.notes.notScored);
  if (m.finalReason) parts.push(fill(text.notes.finalReason, { reason: m.finalReason }));
  else if (m.overseerReason && (m.state === "CONFIRMED" || m.state === "FINALISED")) parts.push(fill(text.notes.overseerReason, { reason: m.overseerReason }));
  return parts.join(" ");
}

/** The sheet's rows, chunk by chunk (each chunk one short transaction). */
export async function* sheetRows(user: Principal, branches: readonly Branch[], year: number, month: number, rollDay: Date): AsyncGenerator<SheetRow[]> {
  const from = vietnamMonthStart(year, month);
  const to = vietnamMonthStart(year, month + 1);
  let index = 0;
  for (let start = 0; start < branches.length; start += BRANCHES_PER_QUERY) {
    const chunk = branches.slice(start, start + BRANCHES_PER_QUERY);
    const { meetings, members } = await withTenantReplica(user.tenantId, (tx) => chunkFacts(tx, user.tenantId, chunk.map((b) => b.id), from, to, rollDay));
    const byBranch = new Map<string, MeetingFact[]>();
    for (const m of meetings) byBranch.set(m.branchId, [...(byBranch.get(m.branchId) ?? []), m]);
    const rows: SheetRow[] = [];
    for (const b of chunk) {
      const list = byBranch.get(b.id) ?? [];
      const base = { committee: b.parentName, branch: b.name, members: members.get(b.id) ?? 0 };
      if (list.length === 0) {
        rows.push({ index: ++index, ...base, day: null, kind: null, state: null, total: null, level: null, notes: text.notes.noMeeting });
        continue;
      }
      for (const m of list) {
        const effective = effectiveResult(m.state, m);
        rows.push({
          index: ++index,
          ...base,
          day: vietnamDayOf(m.start),
          kind: m.kind,
          state: m.state,
          total: effective?.total ?? null,
          level: effective?.level ?? null,
          notes: noteOf(m, effective),
        });
      }
    }
    yield rows;
  }
}

const COLUMNS = [
  { key: "index", width: 7 },
  { key: "committee", width: 36 },
  { key: "branch", width: 36 },
  { key: "members", width: 11 },
  { key: "day", width: 13 },
  { key: "kind", width: 22 },
  { key: "state", width: 22 },
  { key: "total", width: 9 },
  { key: "level", width: 12 },
  { key: "notes", width: 60 },
] as const;

export interface SheetFile extends XlsxFile {
  rowCount: number;
}

/**
 * The consolidated sheet of `unit` (a committee or a branch the user reviews or reads dashboards
 * of; 404 otherwise) for `month` ("2026-03"; default this month).
 */
export async function consolidatedSheet(user: Principal, query: SheetQuery, options: { now?: Date } = {}): Promise<SheetFile> {
  const { year, month } = parseMonth(query.month, options.now ?? new Date());
  const first = new Date(Date.UTC(year, month - 1, 1));
  const last = new Date(Date.UTC(year, month, 0));
  const today = todayInVietnam(options.now);
  const rollDay = last.getTime() > today.getTime() ? today : last;
  const unitId = typeof query.unit === "string" ? query.unit : null;
  const { unit, branches, rowCount } = await withTenantReplica(user.tenantId, async (tx) => {
    let scope;
    try {
      scope = await resolveScope(tx, user, "score.review", unitId);
    } catch (error) {
      if (!(error instanceof NotFoundError) && !(error instanceof Error && "status" in error && (error as { status: number }).status === 403)) throw error;
      scope = await resolveScope(tx, user, "dashboard.read", unitId);
    }
    const branches = await sheetBranches(tx, user.tenantId, scope.unit.path, first, last);
    const from = vietnamMonthStart(year, month);
    const to = vietnamMonthStart(year, month + 1);
    const { lower, upper } = pathRange(scope.unit.path);
    const [counted] = await tx.$queryRaw<{ meetings: number; branches: number }[]>`
      SELECT count(*)::int AS "meetings", count(DISTINCT m."branchId")::int AS "branches"
      FROM "Meeting" m JOIN "OrgUnit" u ON u."tenantId" = m."tenantId" AND u."id" = m."branchId"
      WHERE m."tenantId" = ${user.tenantId}::uuid AND u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}
        AND u."kind" IN ('GRASSROOTS_BRANCH', 'BRANCH')
        AND u."activeFrom" <= ${last}::date AND (u."activeTo" IS NULL OR u."activeTo" >= ${first}::date)
        AND coalesce(m."actualStart", m."plannedStart") >= ${from} AND coalesce(m."actualStart", m."plannedStart") < ${to}`;
    return { unit: scope.unit, branches, rowCount: branches.length - (counted?.branches ?? 0) + (counted?.meetings ?? 0) };
  });

  const output = new PassThrough();
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    workbook.creator = messages.app.name;
    const sheet = workbook.addWorksheet(fill(text.sheetName, { month, year }).slice(0, 31), { views: [{ state: "frozen", ySplit: 4 }] });
    sheet.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
    const title = sheet.addRow([fill(text.fileTitle, { unit: unit.name, month, year })]);
    title.font = { bold: true, size: 13 };
    title.commit();
    sheet.addRow([fill(text.subtitle, { rows: rowCount, branches: branches.length })]).commit();
    sheet.addRow([]).commit();
    const header = sheet.addRow(COLUMNS.map((c) => text.columns[c.key]));
    header.font = { bold: true };
    header.commit();
    for await (const rows of sheetRows(user, branches, year, month, rollDay)) {
      for (const r of rows) {
        const row = sheet.addRow([
          r.index,
          r.committee,
          r.branch,
          r.members,
          r.day,
          r.kind ? messages.meetings.kind[r.kind] : null,
          r.state ? messages.meetings.state[r.state] : null,
          r.total,
          r.level ? dashboardMessages.levels[r.level] : null,
          r.notes,
        ]);
        row.getCell(5).numFmt = "dd/mm/yyyy";
        row.getCell(8).numFmt = "0.0";
        row.commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => {
    console.error("[review-sheet] XLSX export failed:", error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return {
    fileName: `tong-hop-sinh-hoat-${monthKey(year, month)}.xlsx`,
    contentType: XLSX_TYPE,
    body: Readable.toWeb(output) as ReadableStream<Uint8Array>,
    rowCount,
  };
}
