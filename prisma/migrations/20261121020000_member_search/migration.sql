-- Member search that stays indexed under row-level security.
--
-- With RLS, Postgres only evaluates a query's condition inside an index scan when its operator is
-- LEAKPROOF. LIKE (textlike) is not, so `"searchName" LIKE '%q%'` could never use the trigram index:
-- every search read all members of all tenants. Text comparison (text_ge, text_lt) is leakproof, so
-- the words of each name go into "MemberNameToken" and a query word w becomes the key range
-- token >= w AND token < (w with its last character incremented): the names with a word starting
-- with w, already in list order (sortKey) within each word.

-- The words of a folded name (app_fold output): split at spaces and ASCII punctuation, empty pieces
-- dropped. lib/org/member-search.ts splits query words the same way (a test keeps the two equal).
CREATE FUNCTION app_name_words(folded text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT w FROM regexp_split_to_table(folded, '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+') AS w WHERE w <> ''
  $$;
GRANT EXECUTE ON FUNCTION app_name_words(text) TO sosh_app;

-- CreateTable
CREATE TABLE "MemberNameToken" (
    "tenantId" UUID NOT NULL,
    -- Byte order, so that a word prefix is one contiguous range of the key whatever the locale.
    "token" TEXT COLLATE "C" NOT NULL,
    -- Member."sortKey", in its collation: the list order.
    "sortKey" TEXT NOT NULL,
    "memberId" UUID NOT NULL,

    CONSTRAINT "MemberNameToken_pkey" PRIMARY KEY ("tenantId","token","sortKey","memberId")
);

-- Backfill (migrations run as the owner, who bypasses RLS: see README, DATABASE_URL). A word that
-- occurs twice in a name ("Lê Lê Văn") is stored once; rows go in word order, so that each word's
-- part of the key is written in one pass (a sort on the word alone, in byte order: cheap).
INSERT INTO "MemberNameToken" ("tenantId", "token", "sortKey", "memberId")
SELECT m."tenantId", w.w, m."sortKey", m."id"
FROM "Member" m CROSS JOIN LATERAL (SELECT DISTINCT x AS w FROM app_name_words(m."searchName") x) w
ORDER BY w.w COLLATE "C";

-- The trigram index could not serve search under RLS and made every insert and rename dearer. (It
-- also matched card-less members by exact name in roster imports; without it that lookup is one
-- hash join per batch of 20,000 rows.)
DROP INDEX "Member_searchName_trgm_idx";

-- Kept in step by statement-level triggers with transition tables, so that a bulk import of
-- 100,000 members costs one INSERT … SELECT, not 100,000 trigger calls. They run with the caller's
-- rights, so RLS applies to the token rows too. No foreign key to Member: its per-row check and the
-- index on memberId it needs would double the cost of an import; a member's words are found by
-- their key (tenant, word, sort key, member), which the old row gives.
CREATE FUNCTION app_member_tokens_insert() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO "MemberNameToken" ("tenantId", "token", "sortKey", "memberId")
    SELECT n."tenantId", w.w, n."sortKey", n."id"
    FROM new_members n CROSS JOIN LATERAL (SELECT DISTINCT x AS w FROM app_name_words(n."searchName") x) w
    ORDER BY w.w COLLATE "C";
    RETURN NULL;
  END
  $$;

-- Only members whose name changed are recomputed (most updates touch other fields).
CREATE FUNCTION app_member_tokens_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    DELETE FROM "MemberNameToken" t
    USING old_members o JOIN new_members n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
    CROSS JOIN LATERAL app_name_words(o."searchName") AS w
    WHERE (n."searchName", n."sortKey") IS DISTINCT FROM (o."searchName", o."sortKey")
      AND t."tenantId" = o."tenantId" AND t."token" = w AND t."sortKey" = o."sortKey" AND t."memberId" = o."id";
    INSERT INTO "MemberNameToken" ("tenantId", "token", "sortKey", "memberId")
    SELECT n."tenantId", w.w, n."sortKey", n."id"
    FROM old_members o JOIN new_members n ON n."tenantId" = o."tenantId" AND n."id" = o."id"
    CROSS JOIN LATERAL (SELECT DISTINCT x AS w FROM app_name_words(n."searchName") x) w
    WHERE (n."searchName", n."sortKey") IS DISTINCT FROM (o."searchName", o."sortKey")
    ORDER BY w.w COLLATE "C";
    RETURN NULL;
  END
  $$;

CREATE FUNCTION app_member_tokens_delete() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    DELETE FROM "MemberNameToken" t
    USING old_members o CROSS JOIN LATERAL app_name_words(o."searchName") AS w
    WHERE t."tenantId" = o."tenantId" AND t."token" = w AND t."sortKey" = o."sortKey" AND t."memberId" = o."id";
    RETURN NULL;
  END
  $$;

CREATE TRIGGER "Member_name_tokens_insert" AFTER INSERT ON "Member"
  REFERENCING NEW TABLE AS new_members
  FOR EACH STATEMENT EXECUTE FUNCTION app_member_tokens_insert();
CREATE TRIGGER "Member_name_tokens_update" AFTER UPDATE ON "Member"
  REFERENCING OLD TABLE AS old_members NEW TABLE AS new_members
  FOR EACH STATEMENT EXECUTE FUNCTION app_member_tokens_update();
CREATE TRIGGER "Member_name_tokens_delete" AFTER DELETE ON "Member"
  REFERENCING OLD TABLE AS old_members
  FOR EACH STATEMENT EXECUTE FUNCTION app_member_tokens_delete();

-- Grants and row-level security, as for every tenant table. The application never writes tokens
-- itself, but the triggers run with its rights.
GRANT SELECT, INSERT, DELETE ON "MemberNameToken" TO sosh_app;
ALTER TABLE "MemberNameToken" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MemberNameToken" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MemberNameToken" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
