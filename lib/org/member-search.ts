// Member search by name words, indexed under row-level security.
//
// Postgres only evaluates a query's condition inside an index scan of an RLS table when the
// operator is LEAKPROOF; LIKE is not, so `searchName LIKE '%q%'` scanned every member of every
// tenant. The database keeps the words of each folded name in "MemberNameToken" (triggers on
// Member, see the 20261121020000_member_search migration), and a query word w is the leakproof
// range token >= w AND token < w⁺ (w with its last character incremented): the names that have a
// word STARTING with w. Every query word must match: "van an" finds "Nguyễn Văn An"; "guyen" no
// longer finds "Nguyễn" (people type the beginnings of words).
//
// How a page is read depends on cheap facts taken first (searchStatsSql, chooseSearchPlan), so
// that no plan reads the tenant's whole roster, whatever the planner would guess:
// - a word that starts no name word: nobody, no further statement;
// - a scope under SCOPE_READ_LIMIT members (a branch, a grassroots organisation): its members are
//   read branch by branch, those whose folded name holds every word are sorted;
// - otherwise the rarest word drives. Its index entries carry the sort key (the folded given name,
//   then the folded full name), so they come in list order, merged across the few tokens its
//   prefix covers, and the other words are tested on the sort key in hand; only the survivors are
//   fetched from Member, for the list's own filters, until the page is full. (Walking the list
//   order and testing each member fails on given names: "thuy" sits near the end of a list
//   ordered by given name.)
// - only when every word is a very short, common prefix ("t h", common together in a sample of
//   names) is the list order walked.
import type { Tx } from "@/lib/db/tenant";
import { Prisma } from "@/lib/generated/prisma/client";
import { foldForSearch } from "@/lib/i18n/format";

/** Words of a query beyond this are ignored (the longest are kept: they narrow the most). */
export const MAX_SEARCH_WORDS = 5;
/** Word counts stop here: below it a word is rare and counted exactly. */
export const WORD_COUNT_CAP = 2000;
/** Names sampled (the tenant's first members by id, on its key) to rank a query's common words. */
export const SAMPLE_MEMBERS = 500;
/**
 * Scope sizes are counted up to here. A smaller scope (a branch, a grassroots organisation) is read
 * whole, branch by branch, and the members holding every word are sorted: bounded by the scope.
 */
export const SCOPE_READ_LIMIT = 10_000;
/**
 * A scope's size and the sample of names change slowly and only steer the plan, never the answer:
 * each process keeps them this long (per tenant and scope), which spares most searches of a
 * session (a user typing a name) the dearest of the cheap facts.
 */
export const FACTS_TTL_MS = 5 * 60_000;
const FACTS_MAX = 1000;
const facts = new Map<string, { value: number | string[]; expires: number }>();

function recall<T extends number | string[]>(key: string, now: number): T | undefined {
  const fact = facts.get(key);
  if (!fact || fact.expires <= now) return undefined;
  return fact.value as T;
}

function remember(key: string, value: number | string[], now: number): void {
  if (facts.size >= FACTS_MAX) facts.delete(facts.keys().next().value!);
  facts.set(key, { value, expires: now + FACTS_TTL_MS });
}

/** Share of the sample holding all the words above which one-letter words walk the list. */
export const WALK_SAMPLE_SHARE = 0.05;
/** A prefix covering more tokens than this ("t") is not merged: sorted if rare, else the list walk. */
export const MAX_MERGED_TOKENS = 24;

/**
 * Splits a folded name or query into words exactly as the database's app_name_words() does:
 * at every ASCII character other than a letter or digit (space, punctuation, controls). Other
 * characters (letters outside Vietnamese, which app_fold keeps) belong to words.
 */
export function splitWords(folded: string): string[] {
  const words: string[] = [];
  let current = "";
  for (const char of folded) {
    const code = char.codePointAt(0)!;
    const wordChar = code > 0x7f || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (wordChar) current += char;
    else if (current) {
      words.push(current);
      current = "";
    }
  }
  if (current) words.push(current);
  return words;
}

/**
 * The words a query requires, folded like names (accents, đ, case). Repeated words and words that
 * begin another query word add nothing ("ng nguyen" = "nguyen"); at most MAX_SEARCH_WORDS remain.
 */
export function searchWords(query: string): string[] {
  const unique = [...new Set(splitWords(foldForSearch(query)))];
  return unique
    .filter((word) => !unique.some((other) => other !== word && other.startsWith(word)))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .slice(0, MAX_SEARCH_WORDS);
}

/**
 * The smallest string above every string that starts with `prefix`, in code point order (the "C"
 * collation of the token column): the last character incremented. A last character at U+10FFFF
 * carries over to the one before; null when there is no such string (no upper bound needed).
 */
export function prefixUpperBound(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 0) {
    let next = chars.pop()!.codePointAt(0)! + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000; // surrogates are not characters
    if (next <= 0x10ffff) return chars.join("") + String.fromCodePoint(next);
  }
  return null;
}

/** `alias."token"` starts with `word`, as an index range. */
export function tokenRange(alias: string, word: string): Prisma.Sql {
  const token = Prisma.raw(`${alias}."token"`);
  const upper = prefixUpperBound(word);
  return upper === null
    ? Prisma.sql`${token} >= ${word}`
    : Prisma.sql`${token} >= ${word} AND ${token} < ${upper}`;
}

// Where app_name_words() splits: ASCII other than letters and digits.
const SEPARATOR = String.raw`[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]`;
const WORD_START = `(^|${SEPARATOR})`;
const WORD_END = `(${SEPARATOR}|$)`;

/**
 * A folded name (Member.searchName, or a sort key, which is the folded given name then the folded
 * full name) has a word starting with `word`: a regex anchored at the start or after a separator,
 * exactly where app_name_words() splits. Used on rows already in hand (a token's sort key, a
 * member read by branch), where it costs no index probe. The word can hold no regex syntax: every
 * ASCII character other than a letter or digit separates words, so none is ever part of one.
 */
export function nameHasWord(searchName: Prisma.Sql, word: string): Prisma.Sql {
  return Prisma.sql`${searchName} ~ ${`${WORD_START}${word}`}`;
}

/** The folded name has one of `tokens` as a whole word. */
export function nameHasToken(searchName: Prisma.Sql, tokens: readonly string[]): Prisma.Sql {
  return Prisma.sql`${searchName} ~ ${`${WORD_START}(${tokens.join("|")})${WORD_END}`}`;
}

export interface WordStats {
  word: string;
  /** Members with a name word starting with `word`, counted up to WORD_COUNT_CAP. */
  count: number;
  /** How many names of the sample (SAMPLE_MEMBERS) have a word starting with `word`. */
  sample: number;
  /** The distinct tokens starting with `word`, in order, at most MAX_MERGED_TOKENS + 1. */
  tokens: string[];
}

/**
 * Words from the rarest: counted exactly below WORD_COUNT_CAP, beyond it ranked by how often they
 * appear in the sample ("quan" before "ngoc" before "thi"), then longer before shorter.
 */
export function rarestFirst(words: readonly WordStats[]): WordStats[] {
  return [...words].sort((a, b) => a.count - b.count || a.sample - b.sample || b.word.length - a.word.length);
}

export type SearchPlan =
  /** Some word starts no name word of the tenant: nobody matches. */
  | { kind: "none"; words: WordStats[] }
  /** A small scope: read its members branch by branch, keep those holding every word, sort. */
  | { kind: "scope"; words: WordStats[] }
  /**
   * Read the driver word's members from the token index, testing the others on their sort keys:
   * in list order merged over its tokens, or (a rare word whose prefix covers too many tokens to
   * merge) sorted.
   */
  | {
      kind: "tokens";
      driver: WordStats;
      /** The other words, rarest first. */
      others: WordStats[];
      words: WordStats[];
      merged: boolean;
    }
  /** Every word a very short, common prefix ("t h"): walk the list order, testing each member. */
  | { kind: "walk"; words: WordStats[] };

/**
 * One statement of cheap facts: per word, its member count (capped) and its first tokens (a loose
 * index scan); unless already known, a sample of the tenant's folded names (its first members by
 * id) and how many members the branches of the reader's scope hold (`scopeUnits`: a condition on
 * OrgUnit o), counted up to SCOPE_READ_LIMIT branch by branch on the branch index (never a scan of
 * Member). It also sets the planner up for the search's other statements (see below).
 */
export function searchStatsSql(
  tenantId: string,
  words: readonly string[],
  scopeUnits: Prisma.Sql,
  want: { sample: boolean; scope: boolean } = { sample: true, scope: true },
): Prisma.Sql {
  const columns = words.map((word, i) => {
    const upper = prefixUpperBound(word);
    const below = upper === null ? Prisma.empty : Prisma.sql`AND t."token" < ${upper}`;
    return Prisma.sql`
      (SELECT count(*)::int FROM (SELECT 1 FROM "MemberNameToken" t
         WHERE t."tenantId" = ${tenantId}::uuid AND ${tokenRange("t", word)} ORDER BY t."token" LIMIT ${WORD_COUNT_CAP}) c) AS ${Prisma.raw(`"count${i}"`)},
      ARRAY(WITH RECURSIVE k("token") AS (
          (SELECT t."token" FROM "MemberNameToken" t
           WHERE t."tenantId" = ${tenantId}::uuid AND ${tokenRange("t", word)} ORDER BY t."token" LIMIT 1)
          UNION ALL
          SELECT (SELECT t."token" FROM "MemberNameToken" t
                  WHERE t."tenantId" = ${tenantId}::uuid AND t."token" > k."token" ${below} ORDER BY t."token" LIMIT 1)
          FROM k WHERE k."token" IS NOT NULL)
        SELECT k."token" FROM k WHERE k."token" IS NOT NULL LIMIT ${MAX_MERGED_TOKENS + 1}) AS ${Prisma.raw(`"tokens${i}"`)}`;
  });
  if (want.sample) {
    columns.push(Prisma.sql`ARRAY(SELECT m."searchName" FROM "Member" m
      WHERE m."tenantId" = ${tenantId}::uuid ORDER BY m."id" LIMIT ${SAMPLE_MEMBERS}) AS "sample"`);
  }
  if (want.scope) {
    columns.push(Prisma.sql`(SELECT count(*)::int FROM (
       SELECT 1 FROM "OrgUnit" o
       CROSS JOIN LATERAL (SELECT 1 FROM "Member" m
         WHERE m."tenantId" = ${tenantId}::uuid AND m."branchId" = o."id" LIMIT ${SCOPE_READ_LIMIT}) b
       WHERE ${scopeUnits} LIMIT ${SCOPE_READ_LIMIT}) s) AS "scope"`);
  }
  // For the rest of this transaction (the page and the count): no JIT, since a search's cost
  // estimate can pass jit_above_cost while it runs in milliseconds and compiling takes hundreds;
  // and no bitmap scans, since the statements are shaped to read a word's index range in list
  // order and stop early, whereas the planner, before VACUUM has set the visibility map after a
  // bulk import, prefers a bitmap scan of the whole range plus a sort (10-40 ms instead of 1).
  return Prisma.sql`SELECT set_config('jit', 'off', true) AS "jit", set_config('enable_bitmapscan', 'off', true) AS "bitmap",
    ${Prisma.join(columns, ", ")}`;
}

export type SearchStatsRow = Record<string, number | string[]>;

/** Chooses how to read the page from the facts of searchStatsSql (with the sample and the scope). */
export function chooseSearchPlan(words: readonly string[], row: SearchStatsRow): SearchPlan {
  const sample = (row.sample as string[] | undefined) ?? [];
  const stats: WordStats[] = words.map((word, i) => ({
    word,
    count: row[`count${i}`] as number,
    sample: sample.filter((name) => splitWords(name).some((nameWord) => nameWord.startsWith(word))).length,
    tokens: row[`tokens${i}`] as string[],
  }));
  if (stats.some((s) => s.count === 0)) return { kind: "none", words: stats };
  if ((row.scope as number) < SCOPE_READ_LIMIT) return { kind: "scope", words: stats };
  const [driver, ...others] = rarestFirst(stats);
  const merged = driver!.tokens.length <= MAX_MERGED_TOKENS;
  if (!merged && driver!.count >= WORD_COUNT_CAP) return { kind: "walk", words: stats };
  // Initials only ("t h"), common together in the sample: walking the list fills a page within a
  // few hundred members, quicker than merging the many tokens of a one-letter word.
  const together = sample.filter((name) => words.every((word) => splitWords(name).some((nameWord) => nameWord.startsWith(word)))).length;
  if (driver!.word.length === 1 && sample.length > 0 && together >= sample.length * WALK_SAMPLE_SHARE) return { kind: "walk", words: stats };
  return { kind: "tokens", driver: driver!, others, words: stats, merged };
}

/**
 * Takes the cheap facts (the sample and the scope's size from this process's memory when known)
 * and chooses the plan. `scopeKey` names the reader's scope (tenant, subtree roots, branch filter).
 */
export async function planSearch(
  tx: Tx,
  tenantId: string,
  words: readonly string[],
  scopeUnits: Prisma.Sql,
  scopeKey: string,
  now = Date.now(),
): Promise<SearchPlan> {
  const sampleKey = `sample:${tenantId}`;
  let sample = recall<string[]>(sampleKey, now);
  let scope = recall<number>(scopeKey, now);
  const [row] = await tx.$queryRaw<SearchStatsRow[]>(
    searchStatsSql(tenantId, words, scopeUnits, { sample: sample === undefined, scope: scope === undefined }),
  );
  if (sample === undefined) remember(sampleKey, (sample = row!.sample as string[]), now);
  if (scope === undefined) remember(scopeKey, (scope = row!.scope as number), now);
  return chooseSearchPlan(words, { ...row!, sample, scope });
}
