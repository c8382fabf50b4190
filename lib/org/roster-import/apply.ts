// Confirm → apply: the stored file planned again inside one transaction, refused if the plan
// differs from the dry run's, then every row written in bulk (all or nothing) and audited.
import { recordAudit } from "@/lib/audit/record";
import type { Principal } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, isUniqueViolation, ValidationError } from "@/lib/errors";
import type { PositionKind } from "@/lib/generated/prisma/enums";
import { isoDay, todayInVietnam } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { type CreateRow, type UpdateRow, planImport } from "@/lib/org/roster-import/plan";
import { type ContextOptions, prepareFile } from "@/lib/org/roster-import/prepare";
import { parseReport } from "@/lib/org/roster-import/report";
import { chunks, loadSnapshot } from "@/lib/org/roster-import/snapshot";
import { loadImportForUser } from "@/lib/org/roster-import/stored";

const wording = messages.orgServer.rosterImport;

/** One statement writes at most this many rows (keeps parameter arrays and memory moderate). */
const WRITE_CHUNK = 5000;
/** Applying 100,000 rows takes well over a request's 15 s transaction budget. */
export const APPLY_TIMEOUT_MS = 10 * 60_000;

export interface ApplyResult {
  id: string;
  created: number;
  updated: number;
  transferred: number;
  positions: number;
  unchanged: number;
}

function dateText(date: Date | null): string | null {
  return date ? isoDay(date) : null;
}

async function insertMembers(tx: Tx, tenantId: string, rows: readonly CreateRow[]): Promise<void> {
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    const col = <T>(pick: (row: CreateRow) => T) => batch.map(pick);
    await tx.$executeRaw`
      INSERT INTO "Member" ("tenantId", "id", "branchId", "fullName", "gender", "birthDate", "partyCardNumber", "admittedOn",
                            "officialOn", "status", "ethnicity", "hometown", "occupation", "phone", "email", "updatedAt")
      SELECT ${tenantId}::uuid, t.id, t.branch, t.name, t.gender::"Gender", t.birth, t.card, t.admitted, t.official,
             t.status::"MemberStatus", t.ethnicity, t.hometown, t.occupation, t.phone, t.email, now()
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.values.branchId)}::uuid[], ${col((r) => r.values.fullName)}::text[],
                  ${col((r) => r.values.gender)}::text[], ${col((r) => isoDay(r.values.birthDate))}::date[],
                  ${col((r) => r.values.partyCardNumber)}::text[], ${col((r) => isoDay(r.values.admittedOn))}::date[],
                  ${col((r) => dateText(r.values.officialOn))}::date[], ${col((r) => r.values.status)}::text[],
                  ${col((r) => r.values.ethnicity)}::text[], ${col((r) => r.values.hometown)}::text[],
                  ${col((r) => r.values.occupation)}::text[], ${col((r) => r.values.phone)}::text[], ${col((r) => r.values.email)}::text[])
        AS t(id, branch, name, gender, birth, card, admitted, official, status, ethnicity, hometown, occupation, phone, email)`;
    // History starts with admission: the branch is the only one we know of.
    await tx.$executeRaw`
      INSERT INTO "BranchMembership" ("tenantId", "id", "memberId", "branchId", "validFrom", "note")
      SELECT ${tenantId}::uuid, gen_random_uuid(), t.id, t.branch, t.admitted, ${wording.createdNote}::text
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.values.branchId)}::uuid[], ${col((r) => isoDay(r.values.admittedOn))}::date[])
        AS t(id, branch, admitted)`;
  }
}

async function updateMembers(tx: Tx, tenantId: string, rows: readonly UpdateRow[]): Promise<void> {
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    const col = <T>(pick: (row: UpdateRow) => T) => batch.map(pick);
    // The version guard: a member changed by someone else since the plan was made is not overwritten.
    const count = await tx.$executeRaw`
      UPDATE "Member" m SET "fullName" = t.name, "gender" = t.gender::"Gender", "birthDate" = t.birth, "partyCardNumber" = t.card,
             "admittedOn" = t.admitted, "officialOn" = t.official, "status" = t.status::"MemberStatus", "ethnicity" = t.ethnicity,
             "hometown" = t.hometown, "occupation" = t.occupation, "phone" = t.phone, "email" = t.email, "branchId" = t.branch,
             "version" = m."version" + 1, "updatedAt" = now()
      FROM unnest(${col((r) => r.member.id)}::uuid[], ${col((r) => r.member.version)}::int[], ${col((r) => r.values.branchId)}::uuid[],
                  ${col((r) => r.values.fullName)}::text[], ${col((r) => r.values.gender)}::text[], ${col((r) => isoDay(r.values.birthDate))}::date[],
                  ${col((r) => r.values.partyCardNumber)}::text[], ${col((r) => isoDay(r.values.admittedOn))}::date[],
                  ${col((r) => dateText(r.values.officialOn))}::date[], ${col((r) => r.values.status)}::text[],
                  ${col((r) => r.values.ethnicity)}::text[], ${col((r) => r.values.hometown)}::text[],
                  ${col((r) => r.values.occupation)}::text[], ${col((r) => r.values.phone)}::text[], ${col((r) => r.values.email)}::text[])
        AS t(id, version, branch, name, gender, birth, card, admitted, official, status, ethnicity, hometown, occupation, phone, email)
      WHERE m."tenantId" = ${tenantId}::uuid AND m."id" = t.id AND m."version" = t.version`;
    if (count !== batch.length) throw staleError();
  }
}

/** Branch changes: the open membership ends the day before the import, a new one starts on it. */
async function transferMembers(tx: Tx, tenantId: string, rows: readonly UpdateRow[], day: Date): Promise<void> {
  const iso = isoDay(day);
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    const ids = batch.map((row) => row.member.id);
    const oldBranches = batch.map((row) => row.member.branchId);
    const newBranches = batch.map((row) => row.values.branchId);
    // Positions held in the old branch (and its party groups) end with the membership.
    await tx.$executeRaw`
      UPDATE "Position" p SET "termTo" = GREATEST(p."termFrom", ${iso}::date - 1)
      FROM unnest(${ids}::uuid[], ${oldBranches}::uuid[]) AS t(id, old)
      JOIN "OrgUnit" o ON o."tenantId" = ${tenantId}::uuid AND o."id" = t.old
      JOIN "OrgUnit" u ON u."tenantId" = ${tenantId}::uuid AND u."path" LIKE o."path" || '%'
      WHERE p."tenantId" = ${tenantId}::uuid AND p."memberId" = t.id AND p."orgUnitId" = u."id"
        AND (p."termTo" IS NULL OR p."termTo" >= ${iso}::date)`;
    await tx.$executeRaw`
      UPDATE "BranchMembership" b SET "validTo" = ${iso}::date - 1
      WHERE b."tenantId" = ${tenantId}::uuid AND b."memberId" = ANY(${ids}::uuid[])
        AND b."validFrom" < ${iso}::date AND (b."validTo" IS NULL OR b."validTo" >= ${iso}::date)`;
    // A membership that starts today (or later) is a same-day correction: it moves instead.
    await tx.$executeRaw`
      UPDATE "BranchMembership" b SET "branchId" = t.branch
      FROM unnest(${ids}::uuid[], ${newBranches}::uuid[]) AS t(id, branch)
      WHERE b."tenantId" = ${tenantId}::uuid AND b."memberId" = t.id AND b."validFrom" >= ${iso}::date AND b."validTo" IS NULL`;
    await tx.$executeRaw`
      INSERT INTO "BranchMembership" ("tenantId", "id", "memberId", "branchId", "validFrom", "note")
      SELECT ${tenantId}::uuid, gen_random_uuid(), t.id, t.branch, ${iso}::date, ${wording.transferNote}::text
      FROM unnest(${ids}::uuid[], ${newBranches}::uuid[]) AS t(id, branch)
      WHERE NOT EXISTS (
        SELECT 1 FROM "BranchMembership" b
        WHERE b."tenantId" = ${tenantId}::uuid AND b."memberId" = t.id AND (b."validTo" IS NULL OR b."validTo" >= ${iso}::date))`;
  }
}

/** Opens the positions the file names; another position the member holds in that branch ends. */
async function openPositions(tx: Tx, tenantId: string, items: readonly { memberId: string; branchId: string; kind: PositionKind }[], day: Date): Promise<void> {
  const iso = isoDay(day);
  for (const batch of chunks(items, WRITE_CHUNK)) {
    const ids = batch.map((item) => item.memberId);
    const branches = batch.map((item) => item.branchId);
    const kinds = batch.map((item) => item.kind);
    await tx.$executeRaw`
      UPDATE "Position" p SET "termTo" = GREATEST(p."termFrom", ${iso}::date - 1)
      FROM unnest(${ids}::uuid[], ${branches}::uuid[], ${kinds}::text[]) AS t(id, branch, kind)
      WHERE p."tenantId" = ${tenantId}::uuid AND p."memberId" = t.id AND p."orgUnitId" = t.branch
        AND p."kind"::text <> t.kind AND (p."termTo" IS NULL OR p."termTo" >= ${iso}::date)`;
    await tx.$executeRaw`
      INSERT INTO "Position" ("tenantId", "id", "memberId", "orgUnitId", "kind", "termFrom")
      SELECT ${tenantId}::uuid, gen_random_uuid(), t.id, t.branch, t.kind::"PositionKind", ${iso}::date
      FROM unnest(${ids}::uuid[], ${branches}::uuid[], ${kinds}::text[]) AS t(id, branch, kind)`;
  }
}

async function auditUpdates(
  tx: Tx,
  tenantId: string,
  actorUserId: string,
  importId: string,
  rows: readonly UpdateRow[],
  requestId: string | null,
): Promise<void> {
  for (const batch of chunks(rows, WRITE_CHUNK)) {
    const before = batch.map((row) => JSON.stringify(Object.fromEntries(row.changes.map((change) => [change.column, change.from]))));
    const after = batch.map((row) =>
      JSON.stringify({ ...Object.fromEntries(row.changes.map((change) => [change.column, change.to])), importId, row: row.line }),
    );
    await tx.$executeRaw`
      INSERT INTO "AuditEntry" ("tenantId", "id", "actorUserId", "action", "entityType", "entityId", "before", "after", "requestId")
      SELECT ${tenantId}::uuid, gen_random_uuid(), ${actorUserId}::uuid, t.action, 'Member', t.id::text, t.before::jsonb, t.after::jsonb, ${requestId}
      FROM unnest(${batch.map((row) => row.member.id)}::uuid[], ${batch.map((row) => (row.transfer ? "member.transfer" : "member.update"))}::text[],
                  ${before}::text[], ${after}::text[]) AS t(id, action, before, after)`;
  }
}

function staleError(): ConflictError {
  return new ConflictError(wording.stale);
}

/**
 * Confirm → apply: re-reads the stored file, plans it again against the roster inside one
 * transaction and refuses when the plan differs from the dry run's (something changed since), when
 * the import (or the same file) was already applied, or when the file has errors. Then writes
 * everything in bulk; any failure rolls all of it back.
 */
export async function applyImport(user: Principal, importId: string, options: ContextOptions = {}): Promise<ApplyResult> {
  const now = options.now ?? new Date();
  const today = todayInVietnam(now);
  const progress = options.onProgress;
  const requestId = options.requestId ?? null;

  // The file is parsed outside the write transaction (CPU work needs no locks).
  const stored = await withTenant(user.tenantId, async (tx) => {
    const { row } = await loadImportForUser(tx, user, importId, false);
    const content = await tx.memberImport.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: row.id } },
      select: { content: true },
    });
    return { row, content: content!.content };
  });
  if (stored.row.status === "APPLIED") throw alreadyApplied(stored.row.appliedAt);
  if (stored.row.errorCount > 0) {
    throw new ValidationError(fill(wording.errorRows, { count: stored.row.errorCount.toLocaleString("vi-VN") }));
  }
  progress?.({ phase: "parsed", done: 0, total: stored.row.rowCount });
  const file = await prepareFile(stored.content, today);

  try {
    return await withTenant(
      user.tenantId,
      async (tx) => {
        const { row, scope } = await loadImportForUser(tx, user, importId, true);
        if (row.status === "APPLIED") throw alreadyApplied(row.appliedAt);
        const sameFile = await tx.memberImport.findFirst({
          where: { tenantId: user.tenantId, fileSha256: row.fileSha256, status: "APPLIED" },
          select: { appliedAt: true },
        });
        if (sameFile) throw alreadyApplied(sameFile.appliedAt);
        const report = parseReport(row.report);

        progress?.({ phase: "validated", done: 0, total: file.records.length });
        const snapshot = await loadSnapshot(tx, user.tenantId, scope.path, file.records, today, (done) =>
          progress?.({ phase: "validated", done, total: file.records.length }),
        );
        const plan = planImport(file.records, file.parseIssues, snapshot, { rowCount: file.rowCount, incomplete: file.incomplete });
        if (!report || plan.hash !== report.planHash) throw staleError();
        if (plan.counts.error > 0) throw new ValidationError(wording.hasErrors);
        const creates = plan.rows.filter((r): r is CreateRow => r.action === "create");
        const updates = plan.rows.filter((r): r is UpdateRow => r.action === "update");
        if (creates.length === 0 && updates.length === 0) {
          throw new ValidationError(wording.noChanges);
        }

        const total = creates.length + updates.length;
        progress?.({ phase: "applying", done: 0, total });
        await insertMembers(tx, user.tenantId, creates);
        progress?.({ phase: "applying", done: creates.length, total });
        await updateMembers(tx, user.tenantId, updates);
        const transfers = updates.filter((r) => r.transfer);
        await transferMembers(tx, user.tenantId, transfers, today);
        const positions = [
          ...creates.flatMap((r) => (r.position ? [{ memberId: r.id, branchId: r.values.branchId, kind: r.position }] : [])),
          ...updates.flatMap((r) => (r.position ? [{ memberId: r.member.id, branchId: r.values.branchId, kind: r.position }] : [])),
        ];
        await openPositions(tx, user.tenantId, positions, today);
        await auditUpdates(tx, user.tenantId, user.id, row.id, updates, requestId);

        const result: ApplyResult = {
          id: row.id,
          created: creates.length,
          updated: updates.length,
          transferred: transfers.length,
          positions: positions.length,
          unchanged: plan.counts.unchanged,
        };
        const appliedAt = new Date();
        await tx.memberImport.update({
          where: { tenantId_id: { tenantId: user.tenantId, id: row.id } },
          data: {
            status: "APPLIED",
            appliedAt,
            report: { ...report, applied: { ...result, at: appliedAt.toISOString() } },
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          tenantId: user.tenantId,
          actorUserId: user.id,
          action: "memberImport.apply",
          entityType: "MemberImport",
          entityId: row.id,
          before: { status: "VALIDATED" },
          after: { status: "APPLIED", fileName: row.fileName, fileSha256: row.fileSha256, scopeUnitId: scope.id, importDate: isoDay(today), ...result },
          requestId,
        });
        progress?.({ phase: "applying", done: total, total });
        return result;
      },
      { timeout: APPLY_TIMEOUT_MS },
    );
  } catch (error) {
    // Someone created a member with one of the file's card numbers after our re-check.
    if (isUniqueViolation(error)) throw staleError();
    throw error;
  }
}

function alreadyApplied(at: Date | null): ConflictError {
  return new ConflictError(
    at
      ? fill(wording.alreadyAppliedAt, {
          at: at.toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" }),
        })
      : wording.alreadyApplied,
  );
}
