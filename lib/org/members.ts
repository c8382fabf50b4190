// The roster: list (search, filters, keyset pages), one member's record, and creating or editing a
// member. Every function takes the signed-in principal, works inside one tenant transaction and
// decides access itself through authorize() on the member's branch, so the server actions, the
// /api/v1 handlers and the pages cannot differ. Lifecycle changes (transfer, exemption, positions…)
// are in member-lifecycle.ts, QĐ 213 residence links in member-residence.ts.
import { authorize, canAnywhere, scopeRoots, type Permission, type Principal } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { isUuid, withTenant, type Tx } from "@/lib/db/tenant";
import { ConflictError, NotFoundError, ValidationError, parseInput } from "@/lib/errors";
import { Prisma, type Member } from "@/lib/generated/prisma/client";
import type {
  Gender,
  MemberEndReason,
  MemberStatus,
  OrgUnitKind,
  PositionKind,
} from "@/lib/generated/prisma/enums";
import { foldForSearch } from "@/lib/i18n/format";
import { escapeLike, formatDay, loadManagedBranch, lockMemberForWrite, MEMBER_NOT_FOUND, scopeCondition, violates } from "@/lib/org/member-access";
import { covers } from "@/lib/org/member-dates";
import type { MemberRecord, MemberValues } from "@/lib/org/member-record";
import {
  createMemberSchema,
  decodeCursor,
  encodeCursor,
  MEMBER_SEARCH_MIN_LENGTH,
  memberListQuerySchema,
  updateMemberSchema,
  type CreateMemberInput,
  type Cursor,
  type MemberListQuery,
  type MemberListQueryInput,
  type MemberRoll,
  type UpdateMemberInput,
} from "@/lib/org/member-schemas";
import {
  nameHasToken,
  nameHasWord,
  planSearch,
  rarestFirst,
  searchStatsSql,
  searchWords,
  tokenRange,
  type SearchPlan,
} from "@/lib/org/member-search";
import { pathIds } from "@/lib/domain/org-path";
import { isoDay, isoDayOrNull, todayInVietnam } from "@/lib/time/days";
import { BRANCH_UNIT_KINDS } from "@/lib/org/unit-rules";
import { HELD_STATES } from "@/lib/domain/meeting-states";
import messages from "@/lib/i18n/messages";
import { fill } from "@/lib/i18n/fill";
import type { ServiceContext } from "@/lib/service-context";

const wording = messages.orgServer.members;

export { decodeCursor, encodeCursor, type Cursor } from "@/lib/org/member-schemas";

export const CARD_TAKEN = wording.cardTaken;
export const STALE_MEMBER =
  wording.stale;

// ─── List ───────────────────────────────────────────────────────────────────────────────────────

/** Counts stop here: beyond it the list says "more than 1,000" instead of counting 300,000 rows. */
export const MEMBER_COUNT_CAP = 1000;

export interface MemberListItem {
  id: string;
  fullName: string;
  gender: Gender;
  birthDate: Date;
  status: MemberStatus;
  partyCardNumber: string | null;
  branchId: string;
  branchName: string;
  endedOn: Date | null;
  endReason: MemberEndReason | null;
  /** Positions held today (any unit). */
  positions: PositionKind[];
  /** In force today. */
  exempt: boolean;
  suspended: boolean;
  temporarilyAway: boolean;
}

export interface MemberListPage {
  items: MemberListItem[];
  /** Opaque cursor of the next page, null on the last one. */
  nextCursor: string | null;
  /** Members matching the filters: exact up to MEMBER_COUNT_CAP, else `more`. */
  total: { count: number; more: boolean };
  /** The search as applied; `tooShort` when the query was ignored (fewer than 2 letters). */
  search: { query: string; tooShort: boolean } | null;
  filters: { status: MemberStatus | null; position: PositionKind | null; branch: string | null; exempt: boolean; roll: MemberRoll };
}

export interface MemberListRow {
  id: string;
  sortKey: string;
  fullName: string;
  gender: Gender;
  birthDate: Date;
  status: MemberStatus;
  partyCardNumber: string | null;
  branchId: string;
  branchName: string;
  endedOn: Date | null;
  endReason: MemberEndReason | null;
  positions: PositionKind[] | null;
  exempt: boolean;
  suspended: boolean;
  temporarilyAway: boolean;
  /** All matches of a search read from a small scope (see memberListSql's countInPage). */
  matched?: number;
}

/** The list's own filters (no search), the cursor, and the day positions and exemptions are in force. */
function memberFilters(user: Principal, query: MemberListQuery, cursor: Cursor | null, today: Date) {
  const tenantId = user.tenantId;
  const day = isoDay(today);
  const inForce = (alias: string, from: string, to: string) => {
    const [start, end] = [Prisma.raw(`${alias}."${from}"`), Prisma.raw(`${alias}."${to}"`)];
    return Prisma.sql`${start} <= ${day}::date AND (${end} IS NULL OR ${end} >= ${day}::date)`;
  };
  const where: Prisma.Sql[] = [
    Prisma.sql`m."tenantId" = ${tenantId}::uuid`,
    Prisma.sql`m."branchId" IN (SELECT o."id" FROM "OrgUnit" o WHERE o."tenantId" = ${tenantId}::uuid AND ${scopeCondition(user, "member.read", "o")})`,
  ];
  if (query.branch) where.push(Prisma.sql`m."branchId" = ${query.branch}::uuid`);
  // The branches of the reader's scope (subtree, branch filter): OrgUnit o.
  const scopeUnits = Prisma.sql`o."tenantId" = ${tenantId}::uuid AND ${scopeCondition(user, "member.read", "o")}
    ${query.branch ? Prisma.sql`AND o."id" = ${query.branch}::uuid` : Prisma.empty}`;
  if (query.status) where.push(Prisma.sql`m."status" = ${query.status}::"MemberStatus"`);
  if (query.roll === "current") where.push(Prisma.sql`m."endedOn" IS NULL`);
  if (query.roll === "ended") where.push(Prisma.sql`m."endedOn" IS NOT NULL`);
  if (query.position) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Position" p WHERE p."tenantId" = m."tenantId" AND p."memberId" = m."id"
      AND p."kind" = ${query.position}::"PositionKind" AND ${inForce("p", "termFrom", "termTo")})`);
  }
  if (query.exempt) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Exemption" e WHERE e."tenantId" = m."tenantId" AND e."memberId" = m."id"
      AND ${inForce("e", "fromDate", "toDate")})`);
  }
  // Keyset: (sortKey, id) after the cursor. The first conjunct is a plain range on the index.
  const after = cursor
    ? Prisma.sql`AND m."sortKey" >= ${cursor.sortKey} AND (m."sortKey" > ${cursor.sortKey} OR m."id" > ${cursor.id}::uuid)`
    : Prisma.empty;
  return { filtered: Prisma.join(where, " AND "), scopeUnits, after, inForce };
}

/** The search's first statement (see member-search.ts), with every fact: word counts and tokens, sample, scope size. */
export function memberSearchStatsSql(user: Principal, query: MemberListQuery, today: Date, words: readonly string[]): Prisma.Sql {
  return searchStatsSql(user.tenantId, words, memberFilters(user, query, null, today).scopeUnits);
}

/** Chooses how to read a search (member-search.ts), inside the list's transaction. */
export function planMemberSearch(tx: Tx, user: Principal, query: MemberListQuery, today: Date, words: readonly string[]): Promise<SearchPlan> {
  const roots = scopeRoots(user, "member.read").map((root) => root.path).sort();
  const scopeKey = `scope:${user.tenantId}:${roots.join(",")}:${query.branch ?? ""}`;
  return planSearch(tx, user.tenantId, words, memberFilters(user, query, null, today).scopeUnits, scopeKey);
}

/**
 * The members (sortKey, memberId) after the cursor that hold the driver word, read from the token
 * index alone: one index range per token the word's prefix covers, each already in list order.
 * A member holding two of those tokens ("Thị Thu" for "th") is read under the first one only (the
 * later branches skip sort keys with an earlier token as a word), so the branches never overlap
 * and merge without a sort. A rare word whose prefix covers too many tokens to list is read as one
 * range, de-duplicated, in no particular order.
 */
function driverCandidates(tenantId: string, plan: Extract<SearchPlan, { kind: "tokens" }>, cursor: Cursor | null): Prisma.Sql {
  const after = cursor ? Prisma.sql`AND (t."sortKey", t."memberId") > (${cursor.sortKey}, ${cursor.id}::uuid)` : Prisma.empty;
  if (!plan.merged) {
    return Prisma.sql`SELECT DISTINCT t."sortKey", t."memberId" FROM "MemberNameToken" t
      WHERE t."tenantId" = ${tenantId}::uuid AND ${tokenRange("t", plan.driver.word)} ${after}`;
  }
  const tokens = plan.driver.tokens;
  const branches = tokens.map((token, i) => {
    const first = i === 0 ? Prisma.empty : Prisma.sql`AND NOT ${nameHasToken(Prisma.sql`t."sortKey"`, tokens.slice(0, i))}`;
    return Prisma.sql`SELECT t."sortKey", t."memberId" FROM "MemberNameToken" t
      WHERE t."tenantId" = ${tenantId}::uuid AND t."token" = ${token} ${first} ${after} ORDER BY t."sortKey", t."memberId"`;
  });
  if (branches.length === 1) return branches[0]!;
  return Prisma.sql`SELECT u."sortKey", u."memberId"
    FROM (${Prisma.join(branches.map((branch) => Prisma.sql`(${branch})`), " UNION ALL ")}) u ORDER BY u."sortKey", u."memberId"`;
}

/**
 * The two statements of a list page (exported for the benchmark's EXPLAIN): the page itself, and
 * the capped count. The filters are shared; the subtree is a path-prefix subquery on OrgUnit; a
 * search adds its plan (member-search.ts).
 */
export function memberListSql(
  user: Principal,
  query: MemberListQuery,
  cursor: Cursor | null,
  today: Date,
  search: SearchPlan | null = null,
): { page: Prisma.Sql; count: Prisma.Sql; countInPage: boolean } {
  const tenantId = user.tenantId;
  const { filtered: listFilters, scopeUnits, after, inForce } = memberFilters(user, query, cursor, today);
  // Word tests on a member row in hand (scope read, list walk), the rarest word first.
  const holdsWords = (searchName: Prisma.Sql) => (search ? rarestFirst(search.words).map((w) => nameHasWord(searchName, w.word)) : []);
  const columns = Prisma.sql`m."id", m."sortKey", m."fullName", m."gender", m."birthDate", m."status", m."partyCardNumber",
             m."branchId", m."endedOn", m."endReason"`;

  const limit = query.limit + 1;
  let rows: Prisma.Sql;
  let counted: Prisma.Sql;
  if (search?.kind === "tokens") {
    // The driver's candidates come from its index entries, which carry the sort key, and the sort
    // key holds the folded full name: the other words are tested on it, without reading Member.
    // Only the survivors are fetched by key and checked against the list's own filters.
    const others = (sortKey: Prisma.Sql) => search.others.map((w) => nameHasWord(sortKey, w.word));
    const holdsOthers = search.others.length > 0 ? Prisma.sql`WHERE ${Prisma.join(others(Prisma.sql`c."sortKey"`), " AND ")}` : Prisma.empty;
    const member = (select: Prisma.Sql) =>
      Prisma.sql`(SELECT ${select} FROM "Member" m WHERE m."id" = c."memberId" AND ${listFilters} OFFSET 0)`;
    // In list order (merged over the driver's tokens), so that the page fills from the first ones.
    rows = Prisma.sql`
      SELECT m.* FROM (${driverCandidates(tenantId, search, cursor)}) c
      CROSS JOIN LATERAL ${member(columns)} m
      ${holdsOthers}
      ORDER BY c."sortKey", c."memberId"
      LIMIT ${limit}`;
    counted = Prisma.sql`
      SELECT 1 FROM (${driverCandidates(tenantId, search, null)}) c
      ${holdsOthers}${search.others.length > 0 ? Prisma.sql` AND` : Prisma.sql` WHERE`} EXISTS ${member(Prisma.sql`1`)}`;
  } else if (search?.kind === "scope") {
    // The scope's members branch by branch (branch index), those whose folded name holds every
    // word, sorted.
    const scopeMembers = Prisma.sql`
      FROM "OrgUnit" o
      CROSS JOIN LATERAL (SELECT ${columns} FROM "Member" m
        WHERE m."tenantId" = ${tenantId}::uuid AND m."branchId" = o."id" AND ${Prisma.join([listFilters, ...holdsWords(Prisma.sql`m."searchName"`)], " AND ")}
        OFFSET 0) m
      WHERE ${scopeUnits}`;
    // All of the scope's matches are in hand anyway: the page carries their number ("matched"),
    // so the count statement is needed only for a page past the end.
    rows = Prisma.sql`
      SELECT m.* FROM (SELECT m.*, count(*) OVER ()::int AS "matched" ${scopeMembers}) m
      WHERE TRUE ${after}
      ORDER BY m."sortKey", m."id"
      LIMIT ${limit}`;
    counted = Prisma.sql`SELECT 1 ${scopeMembers}`;
  } else {
    const filtered = Prisma.join([listFilters, ...holdsWords(Prisma.sql`m."searchName"`)], " AND ");
    rows = Prisma.sql`
      SELECT ${columns}
      FROM "Member" m
      WHERE ${filtered} ${after}
      ORDER BY m."sortKey", m."id"
      LIMIT ${limit}`;
    counted = Prisma.sql`SELECT 1 FROM "Member" m WHERE ${filtered}`;
  }

  // The flags are computed for the page's rows only (after the LIMIT), not for every candidate.
  const page = Prisma.sql`
    WITH page AS (${rows})
    SELECT page.*, o."name" AS "branchName",
      ARRAY(SELECT DISTINCT p."kind"::text FROM "Position" p
            WHERE p."tenantId" = ${tenantId}::uuid AND p."memberId" = page."id" AND ${inForce("p", "termFrom", "termTo")}) AS "positions",
      EXISTS (SELECT 1 FROM "Exemption" e
              WHERE e."tenantId" = ${tenantId}::uuid AND e."memberId" = page."id" AND ${inForce("e", "fromDate", "toDate")}) AS "exempt",
      EXISTS (SELECT 1 FROM "Suspension" s
              WHERE s."tenantId" = ${tenantId}::uuid AND s."memberId" = page."id" AND ${inForce("s", "fromDate", "toDate")}) AS "suspended",
      EXISTS (SELECT 1 FROM "TemporaryTransfer" tt
              WHERE tt."tenantId" = ${tenantId}::uuid AND tt."memberId" = page."id" AND ${inForce("tt", "fromDate", "toDate")}) AS "temporarilyAway"
    FROM page
    JOIN "OrgUnit" o ON o."tenantId" = ${tenantId}::uuid AND o."id" = page."branchId"
    ORDER BY page."sortKey", page."id"`;
  const count = Prisma.sql`SELECT count(*)::int AS n FROM (${counted} LIMIT ${MEMBER_COUNT_CAP + 1}) capped`;
  return { page, count, countInPage: search?.kind === "scope" };
}

/**
 * Reads one page (query.limit + 1 rows, the extra one telling that more follow) and the capped
 * count by the given plan, inside the caller's tenant transaction. Exported so that the tests can
 * hold every plan to the same answer.
 */
export async function readMemberPage(
  tx: Tx,
  user: Principal,
  query: MemberListQuery,
  cursor: Cursor | null,
  today: Date,
  plan: SearchPlan | null,
): Promise<{ rows: MemberListRow[]; count: number }> {
  const sql = memberListSql(user, query, cursor, today, plan);
  const rows = await tx.$queryRaw<MemberListRow[]>(sql.page);
  // A first page that is not full is the whole answer: no count to take.
  if (!cursor && rows.length <= query.limit) return { rows, count: rows.length };
  if (sql.countInPage && rows[0]?.matched !== undefined) return { rows, count: Math.min(rows[0].matched, MEMBER_COUNT_CAP + 1) };
  const counted = await tx.$queryRaw<{ n: number }[]>(sql.count);
  return { rows, count: counted[0]?.n ?? 0 };
}

/**
 * One page of the members the user may read (member.read), in Vietnamese order (given name, then
 * full name; ties by id), after the cursor. The subtree is a path-prefix subquery on OrgUnit, the
 * order and the cursor follow the (tenantId, sortKey, id) index, and a search matches the beginnings
 * of name words through the MemberNameToken index (member-search.ts: one more, cheap statement
 * chooses how). The count is capped, so no page ever counts the whole tenant.
 */
export async function listMembers(user: Principal, input: MemberListQueryInput = {}): Promise<MemberListPage> {
  const query = parseInput(memberListQuerySchema, input);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) {
    throw new ValidationError(wording.cursorLink, {
      cursor: [wording.cursorInvalid],
    });
  }
  const folded = query.q ? foldForSearch(query.q) : "";
  const search = query.q ? { query: query.q, tooShort: folded.length < MEMBER_SEARCH_MIN_LENGTH } : null;
  const filters = {
    status: query.status,
    position: query.position,
    branch: query.branch,
    exempt: query.exempt,
    roll: query.roll,
  };
  if (!canAnywhere(user, "member.read")) {
    return { items: [], nextCursor: null, total: { count: 0, more: false }, search, filters };
  }

  const today = todayInVietnam();
  const words = search && !search.tooShort ? searchWords(query.q!) : null;
  const { rows, count } = await withTenant(user.tenantId, async (tx) => {
    let plan: SearchPlan | null = null;
    if (words) {
      // Only punctuation, or a word no name starts with: nobody, without reading the roster.
      if (words.length === 0) return { rows: [], count: 0 };
      plan = await planMemberSearch(tx, user, query, today, words);
      if (plan.kind === "none") return { rows: [], count: 0 };
    }
    return readMemberPage(tx, user, query, cursor, today, plan);
  });

  const hasMore = rows.length > query.limit;
  const pageRows = hasMore ? rows.slice(0, query.limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((row) => ({
      id: row.id,
      fullName: row.fullName,
      gender: row.gender,
      birthDate: row.birthDate,
      status: row.status,
      partyCardNumber: row.partyCardNumber,
      branchId: row.branchId,
      branchName: row.branchName,
      endedOn: row.endedOn,
      endReason: row.endReason,
      positions: row.positions ?? [],
      exempt: row.exempt,
      suspended: row.suspended,
      temporarilyAway: row.temporarilyAway,
    })),
    nextCursor: hasMore && last ? encodeCursor({ sortKey: last.sortKey, id: last.id }) : null,
    total: count > MEMBER_COUNT_CAP ? { count: MEMBER_COUNT_CAP, more: true } : { count, more: false },
    search,
    filters,
  };
}

// ─── Branch choices ─────────────────────────────────────────────────────────────────────────────

export interface BranchOption {
  id: string;
  name: string;
  /** The unit above, to tell apart branches with the same name ("Chi bộ Văn phòng"). */
  parentName: string | null;
  active: boolean;
}

/** Above this many branches the list filter offers no select (links with ?branch= still work). */
export const BRANCH_FILTER_LIMIT = 1000;

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

async function branchOptions(
  tx: Tx,
  user: Principal,
  permission: Permission,
  options: { activeOn?: Date } = {},
): Promise<BranchOption[]> {
  const roots = scopeRoots(user, permission);
  if (roots.length === 0) return [];
  const units = await tx.orgUnit.findMany({
    where: {
      tenantId: user.tenantId,
      kind: { in: [...BRANCH_UNIT_KINDS] },
      OR: roots.map((root) => ({ path: { startsWith: root.path } })),
    },
    select: { id: true, name: true, activeFrom: true, activeTo: true, parent: { select: { name: true } } },
  });
  const today = options.activeOn ?? todayInVietnam();
  return units
    .map((unit) => ({
      id: unit.id,
      name: unit.name,
      parentName: unit.parent?.name ?? null,
      active: covers({ from: unit.activeFrom, to: unit.activeTo }, today),
    }))
    .filter((unit) => !options.activeOn || unit.active)
    .sort((a, b) => collator.compare(a.parentName ?? "", b.parentName ?? "") || collator.compare(a.name, b.name));
}

/** Above this many branches the change forms offer a search (searchManagedBranches) instead of a select. */
export const BRANCH_SELECT_LIMIT = 300;

function countBranches(tx: Tx, user: Principal, permission: Permission): Promise<number> {
  const roots = scopeRoots(user, permission);
  if (roots.length === 0) return Promise.resolve(0);
  return tx.orgUnit.count({
    where: {
      tenantId: user.tenantId,
      kind: { in: [...BRANCH_UNIT_KINDS] },
      OR: roots.map((root) => ({ path: { startsWith: root.path } })),
    },
  });
}

/** Branches for the list's filter (member.read), or null when there are too many for a select. */
export async function getMemberFilterBranches(user: Principal): Promise<BranchOption[] | null> {
  if (!canAnywhere(user, "member.read")) return [];
  return withTenant(user.tenantId, async (tx) =>
    (await countBranches(tx, user, "member.read")) > BRANCH_FILTER_LIMIT ? null : branchOptions(tx, user, "member.read"),
  );
}

/**
 * Open branches the user may add members to (member.manage), or null when there are too many for
 * a select (the form then searches with searchManagedBranches).
 */
export async function getManagedBranches(user: Principal): Promise<BranchOption[] | null> {
  if (!canAnywhere(user, "member.manage")) return [];
  return withTenant(user.tenantId, async (tx) =>
    (await countBranches(tx, user, "member.manage")) > BRANCH_SELECT_LIMIT
      ? null
      : branchOptions(tx, user, "member.manage", { activeOn: todayInVietnam() }),
  );
}

export interface BranchChoice {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentName: string | null;
}

/** Open branches the user manages members of whose name contains the query (accent-insensitive), at most 30. */
export async function searchManagedBranches(user: Principal, query: string): Promise<BranchChoice[]> {
  if (!canAnywhere(user, "member.manage")) return [];
  const needle = foldForSearch(query.slice(0, 100));
  const today = isoDay(todayInVietnam());
  return withTenant(user.tenantId, (tx) =>
    tx.$queryRaw<BranchChoice[]>`
      SELECT u."id", u."name", u."kind"::text AS "kind", p."name" AS "parentName"
      FROM "OrgUnit" u
      LEFT JOIN "OrgUnit" p ON p."tenantId" = u."tenantId" AND p."id" = u."parentId"
      WHERE u."tenantId" = ${user.tenantId}::uuid
        AND ${scopeCondition(user, "member.manage", "u")}
        AND u."kind" IN ('GRASSROOTS_BRANCH', 'BRANCH')
        AND u."activeFrom" <= ${today}::date AND (u."activeTo" IS NULL OR u."activeTo" >= ${today}::date)
        AND app_fold(u."name") LIKE ${`%${escapeLike(needle)}%`}
      ORDER BY u."name", u."id"
      LIMIT 30`,
  );
}

// ─── One member ─────────────────────────────────────────────────────────────────────────────────

interface UnitRef {
  id: string;
  name: string;
  /** Whether the user may open the unit's page (org.read). */
  readable: boolean;
}

export interface MemberDetail extends MemberRecord {
  endReason: MemberEndReason | null;
  createdAt: Date;
  updatedAt: Date;
  branch: UnitRef & { kind: OrgUnitKind };
  memberships: { id: string; branch: UnitRef; validFrom: Date; validTo: Date | null; note: string | null; current: boolean }[];
  positions: {
    id: string;
    kind: PositionKind;
    orgUnit: UnitRef & { kind: OrgUnitKind };
    termFrom: Date;
    termTo: Date | null;
    current: boolean;
  }[];
  exemptions: {
    id: string;
    fromDate: Date;
    toDate: Date | null;
    reason: string;
    current: boolean;
    /** The meeting that decided it (SPEC §7), when recorded. */
    decidedAtMeeting: { id: string; plannedStart: Date; title: string } | null;
  }[];
  temporaryTransfers: {
    id: string;
    hostBranch: UnitRef | null;
    hostName: string | null;
    fromDate: Date;
    toDate: Date | null;
    reason: string | null;
    current: boolean;
  }[];
  suspensions: { id: string; fromDate: Date; toDate: Date | null; reason: string; current: boolean }[];
  residenceLinks: {
    id: string;
    version: number;
    residenceBranch: UnitRef | null;
    residenceBranchName: string | null;
    address: string | null;
    fromDate: Date;
    toDate: Date | null;
    exempt: boolean;
    exemptReason: string | null;
    current: boolean;
    comments: { id: string; year: number; comment: string; commentedBy: string | null; receivedOn: Date }[];
  }[];
  /** member.manage on the member's branch: edit controls are shown and the services accept writes. */
  canManage: boolean;
  /** audit.read on the member's branch: the "Lịch sử thay đổi" link is shown. */
  canReadAudit: boolean;
}

const unitRefSelect = { id: true, name: true, path: true } as const;

const detailSelect = {
  id: true,
  version: true,
  fullName: true,
  gender: true,
  birthDate: true,
  partyCardNumber: true,
  admittedOn: true,
  officialOn: true,
  status: true,
  ethnicity: true,
  hometown: true,
  occupation: true,
  phone: true,
  email: true,
  endedOn: true,
  endReason: true,
  createdAt: true,
  updatedAt: true,
  branch: { select: { ...unitRefSelect, kind: true } },
  branchMemberships: {
    select: { id: true, validFrom: true, validTo: true, note: true, branch: { select: unitRefSelect } },
    orderBy: { validFrom: "desc" },
  },
  positions: {
    select: { id: true, kind: true, termFrom: true, termTo: true, orgUnit: { select: { ...unitRefSelect, kind: true } } },
    orderBy: { termFrom: "desc" },
  },
  exemptions: {
    select: { id: true, fromDate: true, toDate: true, reason: true, decidedAtMeeting: { select: { id: true, plannedStart: true, title: true } } },
    orderBy: { fromDate: "desc" },
  },
  temporaryTransfers: {
    select: { id: true, hostName: true, fromDate: true, toDate: true, reason: true, hostBranch: { select: unitRefSelect } },
    orderBy: { fromDate: "desc" },
  },
  suspensions: { select: { id: true, fromDate: true, toDate: true, reason: true }, orderBy: { fromDate: "desc" } },
  residenceLinks: {
    select: {
      id: true,
      version: true,
      residenceBranchName: true,
      address: true,
      fromDate: true,
      toDate: true,
      exempt: true,
      exemptReason: true,
      residenceBranch: { select: unitRefSelect },
      comments: {
        select: { id: true, year: true, comment: true, commentedBy: true, receivedOn: true },
        orderBy: { year: "desc" },
      },
    },
    orderBy: { fromDate: "desc" },
  },
} as const satisfies Prisma.MemberSelect;

/**
 * One member's whole record as the user may see it (member.read on their current branch). Throws
 * NotFoundError for anything the user must not learn about, so pages and handlers answer 404 alike.
 */
export async function getMemberDetail(user: Principal, id: string): Promise<MemberDetail> {
  if (!isUuid(id)) throw new NotFoundError(MEMBER_NOT_FOUND);
  const row = await withTenant(user.tenantId, (tx) =>
    tx.member.findUnique({ where: { tenantId_id: { tenantId: user.tenantId, id } }, select: detailSelect }),
  );
  if (!row || !authorize(user, "member.read", row.branch)) throw new NotFoundError(MEMBER_NOT_FOUND);

  const today = todayInVietnam();
  const ref = (unit: { id: string; name: string; path: string }): UnitRef => ({
    id: unit.id,
    name: unit.name,
    readable: authorize(user, "org.read", unit),
  });
  const current = (from: Date, to: Date | null) => covers({ from, to }, today);
  return {
    id: row.id,
    version: row.version,
    fullName: row.fullName,
    gender: row.gender,
    birthDate: row.birthDate,
    partyCardNumber: row.partyCardNumber,
    admittedOn: row.admittedOn,
    officialOn: row.officialOn,
    status: row.status,
    ethnicity: row.ethnicity,
    hometown: row.hometown,
    occupation: row.occupation,
    phone: row.phone,
    email: row.email,
    endedOn: row.endedOn,
    endReason: row.endReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    branch: { ...ref(row.branch), kind: row.branch.kind },
    memberships: row.branchMemberships.map((m) => ({
      id: m.id,
      branch: ref(m.branch),
      validFrom: m.validFrom,
      validTo: m.validTo,
      note: m.note,
      current: current(m.validFrom, m.validTo),
    })),
    positions: row.positions.map((p) => ({
      id: p.id,
      kind: p.kind,
      orgUnit: { ...ref(p.orgUnit), kind: p.orgUnit.kind },
      termFrom: p.termFrom,
      termTo: p.termTo,
      current: current(p.termFrom, p.termTo),
    })),
    exemptions: row.exemptions.map((e) => ({ ...e, current: current(e.fromDate, e.toDate) })),
    temporaryTransfers: row.temporaryTransfers.map((t) => ({
      id: t.id,
      hostBranch: t.hostBranch ? ref(t.hostBranch) : null,
      hostName: t.hostName,
      fromDate: t.fromDate,
      toDate: t.toDate,
      reason: t.reason,
      current: current(t.fromDate, t.toDate),
    })),
    suspensions: row.suspensions.map((s) => ({ ...s, current: current(s.fromDate, s.toDate) })),
    residenceLinks: row.residenceLinks.map((link) => ({
      id: link.id,
      version: link.version,
      residenceBranch: link.residenceBranch ? ref(link.residenceBranch) : null,
      residenceBranchName: link.residenceBranchName,
      address: link.address,
      fromDate: link.fromDate,
      toDate: link.toDate,
      exempt: link.exempt,
      exemptReason: link.exemptReason,
      current: current(link.fromDate, link.toDate),
      comments: link.comments,
    })),
    canManage: authorize(user, "member.manage", row.branch),
    canReadAudit: authorize(user, "audit.read", row.branch),
  };
}

export interface UnitOption {
  id: string;
  name: string;
  kind: OrgUnitKind;
}

export interface MemberManageOptions {
  /** Open branches in the user's member.manage subtrees other than the member's own; null: too many, search instead. */
  branches: BranchOption[] | null;
  /** Units where the member can hold a position: their branch, the committees above it, its party groups. */
  positionUnits: UnitOption[];
  /** Held meetings of the member's branch, newest first: the one that decided an exemption (SPEC §7). */
  decidingMeetings: { id: string; plannedStart: Date; title: string }[];
}

/** Choices for the change forms of a member page; NotFound/Forbidden exactly as for a change. */
export async function getMemberManageOptions(user: Principal, memberId: string): Promise<MemberManageOptions> {
  return withTenant(user.tenantId, async (tx) => {
    if (!isUuid(memberId)) throw new NotFoundError(MEMBER_NOT_FOUND);
    const member = await tx.member.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id: memberId } },
      select: { branchId: true, branch: { select: { id: true, path: true } } },
    });
    if (!member || !authorize(user, "member.read", member.branch)) throw new NotFoundError(MEMBER_NOT_FOUND);
    if (!authorize(user, "member.manage", member.branch)) return { branches: [], positionUnits: [], decidingMeetings: [] };
    const today = todayInVietnam();
    // One connection per transaction: queries run one after the other.
    const branches =
      (await countBranches(tx, user, "member.manage")) > BRANCH_SELECT_LIMIT
        ? null
        : await branchOptions(tx, user, "member.manage", { activeOn: today });
    const units = await tx.orgUnit.findMany({
        where: {
          tenantId: user.tenantId,
          OR: [{ id: { in: pathIds(member.branch.path) } }, { parentId: member.branchId, kind: "PARTY_GROUP" }],
        },
        select: { id: true, name: true, kind: true, path: true, depth: true, activeFrom: true, activeTo: true },
        orderBy: { depth: "asc" },
      });
    const decidingMeetings = await tx.meeting.findMany({
      where: { tenantId: user.tenantId, branchId: member.branchId, state: { in: [...HELD_STATES] } },
      select: { id: true, plannedStart: true, title: true },
      orderBy: { plannedStart: "desc" },
      take: 24,
    });
    return {
      decidingMeetings,
      branches: branches?.filter((branch) => branch.id !== member.branchId) ?? null,
      positionUnits: units
        .filter((unit) => authorize(user, "member.manage", unit) && covers({ from: unit.activeFrom, to: unit.activeTo }, today))
        .map((unit) => ({ id: unit.id, name: unit.name, kind: unit.kind })),
    };
  });
}

// ─── Create and edit ────────────────────────────────────────────────────────────────────────────

/** What the audit trail keeps of a member's own fields (calendar days as yyyy-mm-dd). */
export function memberSnapshot(member: MemberValues & Partial<Pick<Member, "endedOn" | "endReason" | "version">>): Prisma.InputJsonObject {
  return {
    fullName: member.fullName,
    gender: member.gender,
    birthDate: isoDay(member.birthDate),
    partyCardNumber: member.partyCardNumber,
    admittedOn: isoDay(member.admittedOn),
    officialOn: isoDayOrNull(member.officialOn),
    status: member.status,
    ethnicity: member.ethnicity,
    hometown: member.hometown,
    occupation: member.occupation,
    phone: member.phone,
    email: member.email,
    branchId: member.branchId,
    endedOn: isoDayOrNull(member.endedOn),
    endReason: member.endReason ?? null,
    ...(member.version !== undefined ? { version: member.version } : {}),
  };
}

const snapshotSelect = {
  fullName: true,
  gender: true,
  birthDate: true,
  partyCardNumber: true,
  admittedOn: true,
  officialOn: true,
  status: true,
  ethnicity: true,
  hometown: true,
  occupation: true,
  phone: true,
  email: true,
  branchId: true,
  endedOn: true,
  endReason: true,
  version: true,
} as const satisfies Prisma.MemberSelect;

function cardTaken(): ValidationError {
  return new ValidationError(CARD_TAKEN, { partyCardNumber: [CARD_TAKEN] });
}

/**
 * Adds a member to a branch the user manages, with their first BranchMembership (from
 * `membershipFrom`, or the later of admittedOn and the branch's founding day). Card numbers are
 * unique in the tenant: a clash is a field error, never a second record.
 */
export async function createMember(
  user: Principal,
  input: CreateMemberInput,
  context: ServiceContext = {},
): Promise<{ id: string }> {
  const data = parseInput(createMemberSchema, input);
  try {
    return await withTenant(user.tenantId, async (tx) => {
      // The branch must be open today; the membership starts when both the member and the branch existed.
      const branch = await loadManagedBranch(tx, user, data.branchId, { field: "branchId", day: todayInVietnam() });
      const validFrom = data.membershipFrom ?? laterDay(data.admittedOn, branch.activeFrom);
      if (validFrom.getTime() < branch.activeFrom.getTime()) {
        const message = fill(wording.branchOpensOn, { day: formatDay(branch.activeFrom) });
        throw new ValidationError(message, { membershipFrom: [message] });
      }
      if (data.partyCardNumber) await assertCardFree(tx, user.tenantId, data.partyCardNumber, null);
      const { membershipFrom: _membershipFrom, ...fields } = data;
      const member = await tx.member.create({
        data: { tenantId: user.tenantId, ...fields, branchId: branch.id },
        select: { id: true, ...snapshotSelect },
      });
      const membership = await tx.branchMembership.create({
        data: { tenantId: user.tenantId, memberId: member.id, branchId: branch.id, validFrom },
        select: { id: true },
      });
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "member.create",
        entityType: "Member",
        entityId: member.id,
        after: { ...memberSnapshot(member), membershipId: membership.id, membershipValidFrom: isoDay(validFrom) },
        requestId: context.requestId,
      });
      return { id: member.id };
    });
  } catch (error) {
    if (violates(error, "Member_tenantId_partyCardNumber_key")) throw cardTaken();
    throw error;
  }
}

function laterDay(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

async function assertCardFree(tx: Tx, tenantId: string, card: string, exceptId: string | null): Promise<void> {
  const holder = await tx.member.findFirst({
    where: { tenantId, partyCardNumber: card, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (holder) throw cardTaken();
}

/**
 * Edits a member's own fields, guarded by `version`: a stale version (someone saved in between) is
 * refused with ConflictError and nothing is written. The branch is changed by a transfer.
 */
export async function updateMember(
  user: Principal,
  input: UpdateMemberInput,
  context: ServiceContext = {},
): Promise<{ id: string; version: number }> {
  const data = parseInput(updateMemberSchema, input);
  try {
    return await withTenant(user.tenantId, async (tx) => {
      await lockMemberForWrite(tx, user, data.id);
      const before = await tx.member.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: user.tenantId, id: data.id } },
        select: snapshotSelect,
      });
      if (before.version !== data.version) throw new ConflictError(STALE_MEMBER);
      if (data.partyCardNumber && data.partyCardNumber !== before.partyCardNumber) {
        await assertCardFree(tx, user.tenantId, data.partyCardNumber, data.id);
      }
      const { id, version, ...fields } = data;
      const { count } = await tx.member.updateMany({
        where: { tenantId: user.tenantId, id, version },
        data: { ...fields, version: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError(STALE_MEMBER);
      const after = await tx.member.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: user.tenantId, id } },
        select: snapshotSelect,
      });
      await recordAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "member.update",
        entityType: "Member",
        entityId: id,
        before: memberSnapshot(before),
        after: memberSnapshot(after),
        requestId: context.requestId,
      });
      return { id, version: after.version };
    });
  } catch (error) {
    if (violates(error, "Member_tenantId_partyCardNumber_key")) throw cardTaken();
    if (violates(error, "Member_official_after_admitted_check")) {
      throw new ValidationError(wording.officialBeforeAdmittedPlain, {
        officialOn: [wording.officialBeforeAdmittedPlain],
      });
    }
    throw error;
  }
}

/** A member's own fields as the edit form and PATCH carry them (calendar days as yyyy-mm-dd). */
export function editableFields(detail: MemberDetail) {
  return {
    id: detail.id,
    version: detail.version,
    fullName: detail.fullName,
    gender: detail.gender,
    birthDate: isoDay(detail.birthDate),
    partyCardNumber: detail.partyCardNumber ?? "",
    admittedOn: isoDay(detail.admittedOn),
    officialOn: isoDayOrNull(detail.officialOn) ?? "",
    status: detail.status,
    ethnicity: detail.ethnicity ?? "",
    hometown: detail.hometown ?? "",
    occupation: detail.occupation ?? "",
    phone: detail.phone ?? "",
    email: detail.email ?? "",
  };
}

/** The edit form, prefilled (version included); a 404 for anyone who may not manage the member. */
export async function getMemberForEdit(user: Principal, id: string) {
  const detail = await getMemberDetail(user, id);
  if (!detail.canManage) throw new NotFoundError(MEMBER_NOT_FOUND);
  return { ...editableFields(detail), branchName: detail.branch.name };
}
