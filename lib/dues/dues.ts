// Đảng phí status per member per month (SPEC §7, QĐ 01-QĐ/TW 2026): paid, not paid or exempt,
// entered by the branch's secretary on a month grid or imported from CSV. No amounts: payment stays
// on the state portal. Two readers: the meeting page announces, when the meeting opens, who has not
// paid for earlier months of the year (SPEC §3.2, opening); and the dues half of Charter Art. 8.1 —
// months unpaid without good reason, warned and flagged at the same thresholds as the absence
// counter (attendance.unexcusedMonthsWarn / Flag).
//
// Who: anyone who may read the branch's members sees its grid; its recorder (the secretary's
// account) and the tenant's administrators change it. The grid lists the branch's own members
// (BranchMembership) for the months they belonged; a month outside their membership is refused.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { authorize, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { fieldError, ForbiddenError, NotFoundError, parseInput } from "@/lib/errors";
import type { DuesStatus } from "@/lib/generated/prisma/enums";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { distinctNames, namedMemberSelect } from "@/lib/org/member-names";
import { isBranchKind } from "@/lib/org/unit-rules";
import { settingsFor } from "@/lib/settings/resolve";
import { duesRatesOn, type DuesRateVersion } from "./rates";

const text = messages.dues.errors;

export const DUES_STATUSES = ["PAID", "UNPAID", "EXEMPT"] as const satisfies readonly DuesStatus[];

// ─── The Art. 8.1 counter (pure) ────────────────────────────────────────────────────────────────

export type DuesFlag = "OK" | "WARN" | "FLAG";

export interface UnpaidMonths {
  /** Months (1–12) of the year marked unpaid without good reason, in order. */
  months: number[];
  status: DuesFlag;
}

/** Months unpaid without good reason in the year, up to `beforeMonth` (exclusive) when given. */
export function unpaidDuesMonths(
  records: readonly { month: number; status: DuesStatus; goodReason: boolean }[],
  thresholds: { warnAt: number; flagAt: number },
  beforeMonth = 13,
): UnpaidMonths {
  const months = [...new Set(records.filter((r) => r.status === "UNPAID" && !r.goodReason && r.month < beforeMonth).map((r) => r.month))].sort(
    (a, b) => a - b,
  );
  const status: DuesFlag = months.length >= thresholds.flagAt ? "FLAG" : months.length >= thresholds.warnAt ? "WARN" : "OK";
  return { months, status };
}

// ─── Inputs ─────────────────────────────────────────────────────────────────────────────────────

const monthField = z
  .string({ error: text.month })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, text.month)
  .transform((value) => new Date(`${value}-01T00:00:00.000Z`));

const statusField = z
  .union([z.enum(DUES_STATUSES), z.literal(""), z.null()], { error: text.status })
  .transform((value) => (value === "" ? null : value));

const note = z
  .string()
  .nullish()
  .transform((value) => value?.normalize("NFC").trim() || null)
  .pipe(z.string().max(300, text.noteTooLong).nullable());

const goodReason = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""])])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

export const setDuesMonthSchema = z.object({
  branchId: z.string({ error: text.branch }),
  memberId: z.string({ error: text.member }),
  month: monthField,
  /** Empty or null clears the month (nothing recorded). */
  status: statusField,
  goodReason,
  note,
});
export type SetDuesMonthInput = z.input<typeof setDuesMonthSchema>;

export const importDuesSchema = z.object({
  branchId: z.string({ error: text.branch }),
  csv: z.string({ error: text.csvEmpty }).min(1, text.csvEmpty).max(500_000, text.csvTooLarge),
});
export type ImportDuesInput = z.input<typeof importDuesSchema>;

// ─── Loading ────────────────────────────────────────────────────────────────────────────────────

async function loadBranch(tx: Tx, user: Principal, branchId: string, permission: "member.read" | "dues.record") {
  const branch = isUuid(branchId)
    ? await tx.orgUnit.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id: branchId } }, select: { id: true, name: true, path: true, kind: true } })
    : null;
  if (!branch || !isBranchKind(branch.kind) || !authorize(user, "member.read", branch)) throw new NotFoundError(text.branchNotFound);
  if (permission === "dues.record" && !authorize(user, "dues.record", branch)) throw new ForbiddenError();
  return branch;
}

const monthEnd = (month: Date) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0));
const isoMonth = (month: Date) => month.toISOString().slice(0, 7);

/** The branch's own members whose membership overlaps the year, with the months (1–12) they belonged. */
async function yearRoll(tx: Tx, tenantId: string, branchId: string, year: number) {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year, 11, 31));
  const rows = await tx.branchMembership.findMany({
    where: { tenantId, branchId, validFrom: { lte: to }, OR: [{ validTo: null }, { validTo: { gte: from } }] },
    select: { validFrom: true, validTo: true, member: { select: { ...namedMemberSelect, sortKey: true, endedOn: true, partyCardNumber: true } } },
    orderBy: [{ member: { sortKey: "asc" } }, { memberId: "asc" }],
  });
  const byMember = new Map<string, { member: (typeof rows)[number]["member"]; months: Set<number> }>();
  for (const row of rows) {
    const entry = byMember.get(row.member.id) ?? { member: row.member, months: new Set<number>() };
    for (let m = 1; m <= 12; m += 1) {
      const first = new Date(Date.UTC(year, m - 1, 1));
      const last = monthEnd(first);
      const ended = row.member.endedOn !== null && row.member.endedOn.getTime() < first.getTime();
      if (!ended && row.validFrom.getTime() <= last.getTime() && (row.validTo === null || row.validTo.getTime() >= first.getTime())) entry.months.add(m);
    }
    byMember.set(row.member.id, entry);
  }
  return [...byMember.values()].filter((entry) => entry.months.size > 0);
}

// ─── The month grid ─────────────────────────────────────────────────────────────────────────────

export interface DuesCell {
  month: number;
  /** The member belonged to the branch that month (only those cells may be set). */
  onRoll: boolean;
  status: DuesStatus | null;
  goodReason: boolean;
  note: string | null;
}

export interface DuesGrid {
  branch: { id: string; name: string };
  year: number;
  canEdit: boolean;
  rows: { memberId: string; label: string; partyCardNumber: string | null; cells: DuesCell[]; unpaid: UnpaidMonths }[];
  thresholds: { warnAt: number; flagAt: number };
  rates: DuesRateVersion | null;
}

export async function getDuesGrid(user: Principal, branchId: string, year: number): Promise<DuesGrid> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw fieldError("year", text.year);
  return withTenant(user.tenantId, async (tx) => {
    const branch = await loadBranch(tx, user, branchId, "member.read");
    const roll = await yearRoll(tx, user.tenantId, branch.id, year);
    const stored = await tx.duesMonth.findMany({
      where: { tenantId: user.tenantId, memberId: { in: roll.map((r) => r.member.id) }, month: { gte: new Date(Date.UTC(year, 0, 1)), lte: new Date(Date.UTC(year, 11, 1)) } },
      select: { memberId: true, month: true, status: true, goodReason: true, note: true },
    });
    const settings = await settingsFor(tx, user.tenantId, branch.path, new Date(Date.UTC(year, 11, 31)));
    const thresholds = { warnAt: settings["attendance.unexcusedMonthsWarn"], flagAt: settings["attendance.unexcusedMonthsFlag"] };
    const key = (memberId: string, month: number) => `${memberId}/${month}`;
    const cellOf = new Map(stored.map((row) => [key(row.memberId, row.month.getUTCMonth() + 1), row]));
    const labels = distinctNames(roll.map((r) => r.member));
    return {
      branch: { id: branch.id, name: branch.name },
      year,
      canEdit: authorize(user, "dues.record", branch),
      thresholds,
      rates: duesRatesOn(`${year}-12-31`) ?? duesRatesOn(`${year}-01-01`),
      rows: roll.map(({ member, months }) => {
        const cells = Array.from({ length: 12 }, (_, i) => {
          const row = cellOf.get(key(member.id, i + 1));
          return { month: i + 1, onRoll: months.has(i + 1), status: row?.status ?? null, goodReason: row?.goodReason ?? false, note: row?.note ?? null };
        });
        return {
          memberId: member.id,
          label: labels.get(member.id) ?? member.fullName,
          partyCardNumber: member.partyCardNumber,
          cells,
          unpaid: unpaidDuesMonths(
            cells.filter((c) => c.status !== null).map((c) => ({ month: c.month, status: c.status!, goodReason: c.goodReason })),
            thresholds,
          ),
        };
      }),
    };
  });
}

type SetData = z.output<typeof setDuesMonthSchema>;

/** Writes (or clears) one cell with its audit entry, in the caller's transaction. */
async function writeCell(tx: Tx, user: Principal, branchId: string, data: Omit<SetData, "branchId">, requestId: string | null | undefined): Promise<boolean> {
  const where = { tenantId_memberId_month: { tenantId: user.tenantId, memberId: data.memberId, month: data.month } };
  const before = await tx.duesMonth.findUnique({ where, select: { status: true, goodReason: true, note: true, branchId: true } });
  const after = data.status === null ? null : { status: data.status, goodReason: data.status === "UNPAID" && data.goodReason, note: data.note };
  const same = before && after ? before.status === after.status && before.goodReason === after.goodReason && before.note === after.note : !before && !after;
  if (same) return false;
  if (after === null) await tx.duesMonth.delete({ where });
  else await tx.duesMonth.upsert({ where, create: { tenantId: user.tenantId, memberId: data.memberId, branchId, month: data.month, ...after }, update: { ...after, branchId } });
  await recordAudit(tx, {
    tenantId: user.tenantId,
    actorUserId: user.id,
    action: "dues.set",
    entityType: "Member",
    entityId: data.memberId,
    before: before ? { month: isoMonth(data.month), status: before.status, goodReason: before.goodReason, note: before.note } : null,
    after: after ? { month: isoMonth(data.month), ...after } : { month: isoMonth(data.month), status: null },
    requestId,
  });
  return true;
}

async function assertOnRoll(tx: Tx, tenantId: string, branchId: string, memberId: string, month: Date, field: string, line?: number): Promise<void> {
  const last = monthEnd(month);
  const on = isUuid(memberId)
    ? await tx.branchMembership.count({
        where: { tenantId, branchId, memberId, validFrom: { lte: last }, OR: [{ validTo: null }, { validTo: { gte: month } }], member: { OR: [{ endedOn: null }, { endedOn: { gte: month } }] } },
      })
    : 0;
  if (on === 0) {
    const message = fill(text.notOnRoll, { month: `${month.getUTCMonth() + 1}/${month.getUTCFullYear()}` });
    throw fieldError(field, line === undefined ? message : fill(text.atLine, { line, message }));
  }
}

/** Sets one member's month on the branch's grid (the secretary's tap). */
export async function setDuesMonth(user: Principal, input: SetDuesMonthInput | Record<string, unknown>, context: { requestId?: string | null } = {}): Promise<{ changed: boolean }> {
  const data = parseInput(setDuesMonthSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const branch = await loadBranch(tx, user, data.branchId, "dues.record");
    await assertOnRoll(tx, user.tenantId, branch.id, data.memberId, data.month, "memberId");
    return { changed: await writeCell(tx, user, branch.id, data, context.requestId) };
  });
}

/** A CSV status: the code (PAID, UNPAID, EXEMPT) or the word the grid shows (catalog), any case. */
function csvStatus(value: string): DuesStatus | null {
  const word = value.normalize("NFC").trim().toLowerCase();
  return DUES_STATUSES.find((status) => status.toLowerCase() === word || messages.dues.status[status].toLowerCase() === word) ?? null;
}

/**
 * Imports a CSV of "số thẻ đảng, tháng (yyyy-mm), trạng thái[, lý do chính đáng (có/không), ghi chú]"
 * with a header line (comma or semicolon). All or nothing: one bad line refuses the whole file
 * with the line named, and nothing is written.
 */
export async function importDuesCsv(user: Principal, input: ImportDuesInput | Record<string, unknown>, context: { requestId?: string | null } = {}): Promise<{ rows: number; changed: number }> {
  const data = parseInput(importDuesSchema, input);
  return withTenant(user.tenantId, async (tx) => {
    const branch = await loadBranch(tx, user, data.branchId, "dues.record");
    const lines = data.csv.replace(/^\uFEFF/, "").split(/\r?\n/).map((line) => line.trim());
    const body = lines.slice(1).map((line, i) => ({ line, number: i + 2 })).filter((l) => l.line.length > 0);
    if (body.length === 0) throw fieldError("csv", text.csvEmpty);
    const cards = new Map<string, string>();
    const parsed: (Omit<SetData, "branchId"> & { number: number })[] = [];
    for (const { line, number } of body) {
      const cols = line.split(line.includes(";") ? ";" : ",").map((c) => c.trim().replace(/^"|"$/g, ""));
      const [card, month, status, reason, lineNote] = cols;
      const bad = (message: string) => fieldError("csv", fill(text.atLine, { line: number, message }));
      if (!card) throw bad(text.cardMissing);
      if (!cards.has(card)) {
        const member = await tx.member.findFirst({ where: { tenantId: user.tenantId, partyCardNumber: card }, select: { id: true } });
        if (!member) throw bad(fill(text.cardUnknown, { card }));
        cards.set(card, member.id);
      }
      const monthParsed = monthField.safeParse(month ?? "");
      if (!monthParsed.success) throw bad(text.month);
      const statusValue = csvStatus(status ?? "");
      if (!statusValue) throw bad(text.status);
      const good = [messages.common.yes.toLowerCase(), "yes", "x", "1"].includes((reason ?? "").normalize("NFC").trim().toLowerCase());
      parsed.push({ memberId: cards.get(card)!, month: monthParsed.data, status: statusValue, goodReason: good, note: lineNote?.trim() || null, number });
    }
    let changed = 0;
    for (const row of parsed) {
      await assertOnRoll(tx, user.tenantId, branch.id, row.memberId, row.month, "csv", row.number);
      if (await writeCell(tx, user, branch.id, row, context.requestId)) changed += 1;
    }
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "dues.import",
      entityType: "OrgUnit",
      entityId: branch.id,
      after: { rows: parsed.length, changed },
      requestId: context.requestId,
    });
    return { rows: parsed.length, changed };
  });
}

// ─── The months due by a meeting ────────────────────────────────────────────────────────────────

export type DuesRecord = { month: number; status: DuesStatus; goodReason: boolean };

/**
 * The dues recorded for these members in the months of the day's year before the day's month (the
 * months due by then: the meeting announces them, and the Art. 8.1 counter counts them).
 */
export async function duesBeforeMonthOf(
  tx: Tx,
  tenantId: string,
  memberIds: readonly string[],
  day: Date,
): Promise<{ year: number; throughMonth: number; byMember: Map<string, DuesRecord[]> }> {
  const year = day.getUTCFullYear();
  const throughMonth = day.getUTCMonth();
  const stored =
    throughMonth === 0 || memberIds.length === 0
      ? []
      : await tx.duesMonth.findMany({
          where: { tenantId, memberId: { in: [...memberIds] }, month: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year, throughMonth, 1)) } },
          select: { memberId: true, month: true, status: true, goodReason: true },
        });
  const byMember = new Map<string, DuesRecord[]>();
  for (const row of stored) byMember.set(row.memberId, [...(byMember.get(row.memberId) ?? []), { month: row.month.getUTCMonth() + 1, status: row.status, goodReason: row.goodReason }]);
  return { year, throughMonth, byMember };
}

/**
 * Whose dues a branch answers for on a day, for the meeting's announcement and the attendance page's
 * members to watch alike (so the two cannot disagree): its own members on the roll, suspended ones
 * included (a suspension stops the meetings, not the dues); a member attached here pays at home.
 */
export function answersForDuesHere(entry: { attachedFrom: string | null }): boolean {
  return entry.attachedFrom === null;
}

/**
 * The dues half of Art. 8.1 for the members on a meeting's roll, as of the meeting day: the members
 * at WARN or FLAG only (the attendance page's members to watch), with their counted months. The
 * caller has authorized the meeting; the counter follows the member, wherever they sit that day.
 */
export async function duesWatchOn(
  tx: Tx,
  tenantId: string,
  memberIds: readonly string[],
  day: Date,
  thresholds: { warnAt: number; flagAt: number },
): Promise<Record<string, UnpaidMonths>> {
  const { byMember } = await duesBeforeMonthOf(tx, tenantId, memberIds, day);
  const out: Record<string, UnpaidMonths> = {};
  for (const [memberId, records] of byMember) {
    const counted = unpaidDuesMonths(records, thresholds);
    if (counted.status !== "OK") out[memberId] = counted;
  }
  return out;
}

/** ?year= of the grid: a calendar year (default: this year in Vietnam). */
export const duesYearQuerySchema = z.object({
  year: z.coerce.number({ error: text.year }).int(text.year).min(2000, text.year).max(2100, text.year).optional(),
});
