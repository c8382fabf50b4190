// The lists Ban Tổ chức reports upward, as one XLSX per unit and period: a summary per unit one
// level down (how many organisations and members at each level), the classified party
// organisations and the classified members, each with the self-assessment, the branch's proposal,
// the appraisal and the decision. Streamed by exceljs as the dashboard's sheets are.
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { canAnywhere, type Principal } from "@/lib/auth/permissions";
import { withTenantReplica } from "@/lib/db/tenant";
import { XLSX_TYPE, sheetName, type XlsxFile } from "@/lib/dashboard/export";
import { pathRange, resolveScope } from "@/lib/dashboard/scope";
import { ValidationError } from "@/lib/errors";
import { foldForSearch } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { classificationMessages } from "./messages";
import { CLASSIFICATION_LEVELS, LEVEL_LABELS, type ClassificationLevel } from "./model";
import { parsePeriod } from "./period";
import { getClassificationShares, SHARE_GROUPS } from "./shares";
import { fill } from "@/lib/i18n/fill";

const text = classificationMessages.export;

interface ListRow {
  subject: string;
  name: string;
  birthDate: Date | null;
  unitName: string;
  unitKind: string;
  parentName: string | null;
  state: string;
  selfTotalTenths: number | null;
  selfLevel: ClassificationLevel | null;
  reviewLevel: ClassificationLevel | null;
  appraisalTotalTenths: number | null;
  appraisalLevel: ClassificationLevel | null;
  decisionTotalTenths: number | null;
  decisionLevel: ClassificationLevel | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

const level = (l: ClassificationLevel | null) => (l ? LEVEL_LABELS[l] : null);
const points = (t: number | null) => (t === null ? null : t / 10);

/** The XLSX of a unit's classification for a period (meeting.read over the unit; 404 outside). */
export async function exportClassification(user: Principal, query: { unit?: string | null; period?: string | null }): Promise<XlsxFile> {
  const period = parsePeriod(query.period ?? "");
  if (!period) throw new ValidationError(classificationMessages.cases.badPeriod, { period: [classificationMessages.cases.badPeriod] });
  const { unit, rows } = await withTenantReplica(user.tenantId, async (tx) => {
    const scope = await resolveScope(tx, user, "meeting.read", query.unit ?? null);
    const { lower, upper } = pathRange(scope.unit.path);
    const rows = await tx.$queryRaw<ListRow[]>`
      SELECT c."subject"::text AS subject, coalesce(m."fullName", u."name") AS name, m."birthDate", u."name" AS "unitName", u."kind"::text AS "unitKind",
             p."name" AS "parentName", c."state"::text AS state, c."selfTotalTenths", c."selfLevel", c."reviewLevel", c."appraisalTotalTenths",
             c."appraisalLevel", c."decisionTotalTenths", c."decisionLevel", c."decidedAt", c."decisionReason"
      FROM "Classification" c
      JOIN "OrgUnit" u ON u."tenantId" = c."tenantId" AND u."id" = c."unitId"
      LEFT JOIN "OrgUnit" p ON p."tenantId" = u."tenantId" AND p."id" = u."parentId"
      LEFT JOIN "Member" m ON m."tenantId" = c."tenantId" AND m."id" = c."memberId"
      WHERE c."tenantId" = ${user.tenantId}::uuid AND u."path" ~>=~ ${lower} AND u."path" ~<~ ${upper}
        AND c."periodKind" = ${period.kind}::"ClassificationPeriodKind" AND c."periodStart" = ${period.start}
      ORDER BY u."path", m."sortKey" NULLS FIRST`;
    return { unit: scope.unit, rows };
  });
  const shares = period.kind === "YEAR" && canAnywhere(user, "dashboard.read") ? await getClassificationShares(user, { unit: unit.id, year: period.year }).catch(() => null) : null;

  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = messages.app.name;
  const used = new Set<string>();
  const heading = fill(text.heading, { unit: unit.name, period: period.label });
  const sheet = (title: string, columns: { label: string; width: number }[]) => {
    const ws = workbook.addWorksheet(sheetName(title, used), { views: [{ state: "frozen", ySplit: 3 }] });
    ws.columns = columns.map((c, i) => ({ key: String(i), width: c.width }));
    const t = ws.addRow([title]);
    t.font = { bold: true, size: 13 };
    t.commit();
    ws.addRow([heading]).commit();
    const h = ws.addRow(columns.map((c) => c.label));
    h.font = { bold: true };
    h.commit();
    return ws;
  };
  (async () => {
    if (shares) {
      const ws = sheet(text.summary, [
        { label: text.columns.unit, width: 40 },
        { label: text.columns.group, width: 22 },
        { label: text.columns.total, width: 12 },
        { label: text.columns.decided, width: 12 },
        ...CLASSIFICATION_LEVELS.map((l) => ({ label: LEVEL_LABELS[l], width: 16 })),
        { label: text.columns.goodShare, width: 16 },
        { label: text.columns.excellentShare, width: 16 },
      ]);
      for (const row of [shares.total, ...shares.children]) {
        for (const group of SHARE_GROUPS) {
          const g = row.groups[group];
          if (g.total === 0 && g.decided === 0) continue;
          const r = ws.addRow([row.unit.name, text.groups[group], g.total, g.decided, ...CLASSIFICATION_LEVELS.map((l) => g.levels[l]), g.goodShare, g.excellentShare]);
          r.getCell(9).numFmt = "0.0%";
          r.getCell(10).numFmt = "0.0%";
          r.commit();
        }
      }
      ws.commit();
    }
    const common = [
      { label: text.columns.selfTotal, width: 12 },
      { label: text.columns.selfLevel, width: 24 },
      { label: text.columns.reviewLevel, width: 24 },
      { label: text.columns.appraisalTotal, width: 12 },
      { label: text.columns.appraisalLevel, width: 24 },
      { label: text.columns.decisionLevel, width: 26 },
      { label: text.columns.decisionTotal, width: 12 },
      { label: text.columns.decidedAt, width: 14 },
      { label: text.columns.note, width: 40 },
    ];
    const tail = (r: ListRow) => [
      points(r.selfTotalTenths),
      level(r.selfLevel),
      level(r.reviewLevel),
      points(r.appraisalTotalTenths),
      level(r.appraisalLevel),
      level(r.decisionLevel),
      points(r.decisionTotalTenths),
      r.decidedAt,
      r.state === "DECIDED" ? (r.decisionReason ?? "") : classificationMessages.state[r.state as keyof typeof classificationMessages.state],
    ];
    const orgs = sheet(text.organisations, [{ label: text.columns.index, width: 6 }, { label: text.columns.organisation, width: 40 }, { label: text.columns.kind, width: 18 }, { label: text.columns.parent, width: 32 }, ...common]);
    rows
      .filter((r) => r.subject === "COLLECTIVE")
      .forEach((r, i) => {
        const row = orgs.addRow([i + 1, r.name, classificationMessages.unitKind[r.unitKind as keyof typeof classificationMessages.unitKind] ?? r.unitKind, r.parentName, ...tail(r)]);
        row.getCell(12).numFmt = "dd/mm/yyyy";
        row.commit();
      });
    orgs.commit();
    const members = sheet(text.members, [{ label: text.columns.index, width: 6 }, { label: text.columns.fullName, width: 30 }, { label: text.columns.birthDate, width: 14 }, { label: text.columns.branch, width: 32 }, { label: text.columns.parent, width: 32 }, ...common]);
    rows
      .filter((r) => r.subject !== "COLLECTIVE")
      .forEach((r, i) => {
        const row = members.addRow([i + 1, r.name, r.birthDate, r.unitName, r.parentName, ...tail(r)]);
        row.getCell(3).numFmt = "dd/mm/yyyy";
        row.getCell(13).numFmt = "dd/mm/yyyy";
        row.commit();
      });
    members.commit();
    await workbook.commit();
  })().catch((error: unknown) => {
    console.error("[classification-export] XLSX export failed:", error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const slug = foldForSearch(unit.name).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
  return { fileName: `xep-loai-${slug}-${period.key}.xlsx`, contentType: XLSX_TYPE, body: Readable.toWeb(output) as ReadableStream<Uint8Array> };
}
