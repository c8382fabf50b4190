// What is in the database, read once per dry run / apply: the units, the members the rows may be
// (by card number, or by name and birth date when cardless), their open positions and the secretaries.
import type { Tx } from "@/lib/db/tenant";
import type { PositionKind } from "@/lib/generated/prisma/enums";
import { foldForSearch } from "@/lib/i18n/format";
import { isoDay } from "@/lib/time/days";
import { type ExistingMember, type RosterSnapshot, personKey } from "@/lib/org/roster-import/plan";
import type { RosterRecord } from "@/lib/org/roster-import/rows";

/** Reads of existing members go by this many card numbers at a time (progress in between). */
const READ_CHUNK = 20_000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function loadSnapshot(
  tx: Tx,
  tenantId: string,
  scopePath: string,
  records: readonly RosterRecord[],
  today: Date,
  onProgress?: (done: number) => void,
): Promise<RosterSnapshot> {
  const units = await tx.orgUnit.findMany({
    where: { tenantId },
    select: { id: true, name: true, code: true, kind: true, path: true, activeTo: true },
  });

  const membersByCard = new Map<string, ExistingMember>();
  const cardless = new Map<string, ExistingMember[]>();
  const cards = records.flatMap((record) => (record.values.partyCardNumber !== null ? [record.values.partyCardNumber] : []));
  // Progress counts lookups: every card, then every row that no card matched.
  let looked = 0;
  const step = (count: number, expected: number) => {
    looked += count;
    onProgress?.(Math.min(records.length, Math.round((looked / Math.max(expected, 1)) * records.length)));
  };
  for (const batch of chunks(cards, READ_CHUNK)) {
    const found = await tx.$queryRaw<ExistingMember[]>`
      SELECT m."id", m."version", m."branchId", u."path" AS "branchPath", m."fullName", m."gender"::text AS "gender",
             m."birthDate", m."partyCardNumber", m."admittedOn", m."officialOn", m."status"::text AS "status",
             m."ethnicity", m."hometown", m."occupation", m."phone", m."email", m."endedOn"
      FROM "Member" m JOIN "OrgUnit" u ON u."tenantId" = m."tenantId" AND u."id" = m."branchId"
      WHERE m."tenantId" = ${tenantId}::uuid AND m."partyCardNumber" = ANY(${batch}::text[])`;
    for (const row of found) membersByCard.set(row.partyCardNumber!, row);
    step(batch.length, cards.length + records.length);
  }

  // Rows without a known card may be a member who has no card yet (same name and birth date).
  const unmatched = records.filter((record) => record.values.partyCardNumber === null || !membersByCard.has(record.values.partyCardNumber));
  const expected = cards.length + unmatched.length;
  looked = cards.length;
  step(0, expected);
  for (const batch of chunks(unmatched, READ_CHUNK)) {
    const names = batch.map((record) => foldForSearch(record.values.fullName));
    const births = batch.map((record) => isoDay(record.values.birthDate));
    const found = await tx.$queryRaw<ExistingMember[]>`
      SELECT m."id", m."version", m."branchId", u."path" AS "branchPath", m."fullName", m."gender"::text AS "gender",
             m."birthDate", m."partyCardNumber", m."admittedOn", m."officialOn", m."status"::text AS "status",
             m."ethnicity", m."hometown", m."occupation", m."phone", m."email", m."endedOn"
      FROM "Member" m JOIN "OrgUnit" u ON u."tenantId" = m."tenantId" AND u."id" = m."branchId"
      WHERE m."tenantId" = ${tenantId}::uuid AND m."partyCardNumber" IS NULL AND m."endedOn" IS NULL
        AND (m."searchName", m."birthDate") IN (SELECT * FROM unnest(${names}::text[], ${births}::date[]))`;
    for (const row of found) {
      const key = personKey(row.fullName, row.birthDate);
      const list = cardless.get(key);
      if (!list) cardless.set(key, [row]);
      else if (!list.some((existing) => existing.id === row.id)) list.push(row);
    }
    step(batch.length, expected);
  }

  const memberIds = [...membersByCard.values(), ...[...cardless.values()].flat()].map((member) => member.id);
  const positions = new Map<string, { kind: PositionKind; orgUnitId: string }[]>();
  for (const batch of chunks(memberIds, READ_CHUNK)) {
    const found = await tx.$queryRaw<{ memberId: string; orgUnitId: string; kind: PositionKind }[]>`
      SELECT "memberId", "orgUnitId", "kind"::text AS "kind" FROM "Position"
      WHERE "tenantId" = ${tenantId}::uuid AND "memberId" = ANY(${batch}::uuid[])
        AND ("termTo" IS NULL OR "termTo" >= ${isoDay(today)}::date) AND "termFrom" <= ${isoDay(today)}::date`;
    for (const row of found) {
      const list = positions.get(row.memberId);
      if (list) list.push(row);
      else positions.set(row.memberId, [row]);
    }
  }
  const secretaryRows = records.some((record) => record.values.position === "SECRETARY")
    ? await tx.$queryRaw<{ orgUnitId: string; memberId: string; fullName: string }[]>`
        SELECT p."orgUnitId", p."memberId", m."fullName" FROM "Position" p
        JOIN "Member" m ON m."tenantId" = p."tenantId" AND m."id" = p."memberId"
        WHERE p."tenantId" = ${tenantId}::uuid AND p."kind" = 'SECRETARY'
          AND (p."termTo" IS NULL OR p."termTo" >= ${isoDay(today)}::date)`
    : [];
  const secretaries = new Map(secretaryRows.map((row) => [row.orgUnitId, { memberId: row.memberId, fullName: row.fullName }]));
  onProgress?.(records.length);
  return { scopePath, today, units, membersByCard, cardless, positions, secretaries };
}
