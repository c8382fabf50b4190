// The permanent attack suite (issue 13). Every route of the OpenAPI registry is attacked:
//   1. cross-site: every non-GET route, posted from another site with the session cookie (any body,
//      none included), answers 403 and writes nothing at all in the tenant;
//   2. hostile input (fast-check): generated bodies, queries and path ids (NUL, lone surrogates,
//      huge and nested values, ids of the other tenant, wrong types, broken JSON) sent as every role
//      of two tenants. Never a 500; only a status the OpenAPI document lists for the route; never a
//      change in the other tenant, nor outside the caller's subtree (fingerprints of the rows before
//      and after).
// Bounded by count (runs per route), not by time, so a busy machine is slower but never flaky.
import { existsSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { OPENAPI_ROUTES } from "@/lib/api/openapi-routes";
import type { OpenApiRoute } from "@/lib/api/openapi-routes/types";
import { schemaOf, successStatus } from "@/lib/api/openapi";
import { db } from "@/lib/db/client";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type FixtureUser, type MeetingTenant } from "@/tests/fixtures/meetings";
import { routeContext } from "@/tests/fixtures/members";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string; sessionVersion?: number } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current, signIn: async () => undefined, signOut: async () => undefined }));

/** Runs of the hostile-input property per route and tenant (two tenants: twice this per route). */
const RUNS_PER_ROUTE = 2;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: (OpenApiRoute & { handler: Handler })[] = [];

async function loadRoutes(): Promise<void> {
  for (const route of Object.values(OPENAPI_ROUTES).flat()) {
    if (route.public) continue;
    const folder = `app${route.path.replace(/\{([^}]+)\}/g, "[$1]")}`;
    // An entry documented ahead of its handler is the registry test's business (documents-openapi).
    if (!existsSync(join(process.cwd(), folder, "route.ts"))) continue;
    const file = `@/${folder}/route`;
    const routeModule = (await import(/* @vite-ignore */ file)) as Record<string, Handler | undefined>;
    const handler = routeModule[route.method];
    if (!handler) throw new Error(`${route.method} ${route.path}: no handler`);
    ROUTES.push({ ...route, handler });
  }
}

let a: MeetingTenant;
let b: MeetingTenant;
const ids: string[] = [];
/** Per tenant: a held meeting of its main branch, to aim the NUL sweep at real records. */
const heldMeeting = new Map<string, string>();

async function seedTenant(tenant: MeetingTenant): Promise<void> {
  const states = ["PLANNED", "NOTIFIED", "HELD", "MINUTES_ADOPTED"] as const;
  for (const [i, state] of states.entries()) {
    const meeting = await makeMeeting({
      tenant,
      state,
      plannedStart: new Date(Date.UTC(2025, 8 + i, 5, 7)).toISOString(),
      attendance: state === "PLANNED" || state === "NOTIFIED" ? undefined : "present",
      minutes: state === "MINUTES_ADOPTED",
      resolution: state === "MINUTES_ADOPTED",
    });
    ids.push(meeting.id);
    if (state === "HELD") heldMeeting.set(tenant.tenantId, meeting.id);
  }
  const other = await makeMeeting({ tenant, branchId: tenant.other.id, state: "HELD", plannedStart: "2025-10-12T07:00:00.000Z", attendance: "present" });
  ids.push(other.id);
  ids.push(tenant.root.id, tenant.g.id, tenant.branch.id, tenant.other.id, ...tenant.members.map((m) => m.id), tenant.membersOther[0]!.id);
  ids.push(tenant.admin.id, tenant.recorder.id, tenant.overseer.id, tenant.member.id);
  const grants = await ownerDb().roleGrant.findMany({ where: { tenantId: tenant.tenantId }, select: { id: true } });
  ids.push(...grants.slice(0, 3).map((g) => g.id));
}

const callersOf = (t: MeetingTenant): { name: string; user: FixtureUser; subtree: boolean }[] => [
  { name: "admin", user: t.admin, subtree: false },
  { name: "recorder", user: t.recorder, subtree: true },
  { name: "recorder2", user: t.recorder2, subtree: true },
  { name: "overseer", user: t.overseer, subtree: true },
  { name: "reviewer", user: t.reviewer, subtree: false },
  { name: "leader", user: t.leader, subtree: false },
  { name: "member", user: t.member, subtree: true },
];

beforeAll(async () => {
  [a, b] = [await makeMeetingTenant({ members: 3 }), await makeMeetingTenant({ members: 2 })];
  await seedTenant(a);
  await seedTenant(b);
}, 300_000); // bounded work; a safety net, not a speed limit

beforeEach(() => {
  session.current = null;
});

afterAll(async () => {
  await db().$disconnect();
  await ownerDb().$disconnect();
});

// ─── Fingerprints ───────────────────────────────────────────────────────────────────────────────

let tenantTables: string[] | undefined;

/** A hash of every row of every tenant table for one tenant (the audit trail included). */
async function tenantFingerprint(tenantId: string): Promise<string> {
  tenantTables ??= (
    await ownerDb().$queryRaw<{ table_name: string }[]>`
      SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.column_name = 'tenantId' ORDER BY c.table_name`
  ).map((row) => row.table_name);
  const parts = tenantTables.map(
    (table) => `SELECT '${table}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${table}" x WHERE x."tenantId" = $1::uuid`,
  );
  const rows = await ownerDb().$queryRawUnsafe<{ t: string; h: string }[]>(`${parts.join(" UNION ALL ")}`, tenantId);
  return rows.map((row) => `${row.t}:${row.h}`).join(",");
}

/**
 * A hash of what lies outside the subtrees of the subtree-scoped roles of tenant A (the `other`
 * branch under g2: its unit, members, meetings and everything recorded on those meetings).
 */
async function outsideSubtreeFingerprint(t: MeetingTenant): Promise<string> {
  const [row] = await ownerDb().$queryRaw<{ h: string }[]>`
    WITH m AS (SELECT "id" FROM "Meeting" WHERE "tenantId" = ${t.tenantId}::uuid AND "branchId" = ${t.other.id}::uuid)
    SELECT md5(concat_ws('#',
      (SELECT string_agg(u::text, '|' ORDER BY u."id") FROM "OrgUnit" u WHERE u."tenantId" = ${t.tenantId}::uuid AND u."id" IN (${t.other.id}::uuid, ${t.g2.id}::uuid)),
      (SELECT string_agg(x::text, '|' ORDER BY x."id") FROM "Member" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."branchId" = ${t.other.id}::uuid),
      (SELECT string_agg(x::text, '|' ORDER BY x."id") FROM "Meeting" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."id" IN (SELECT "id" FROM m)),
      (SELECT string_agg(x::text, '|' ORDER BY x."id") FROM "Attendance" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."meetingId" IN (SELECT "id" FROM m)),
      (SELECT string_agg(x::text, '|' ORDER BY x."id") FROM "MeetingGuest" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."meetingId" IN (SELECT "id" FROM m)),
      (SELECT string_agg(x::text, '|' ORDER BY x."id") FROM "Speech" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."meetingId" IN (SELECT "id" FROM m)),
      (SELECT string_agg(x::text, '|' ORDER BY x."id") FROM "TaskAssignment" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."meetingId" IN (SELECT "id" FROM m)),
      (SELECT string_agg(x::text, '|' ORDER BY x."meetingId") FROM "Minutes" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."meetingId" IN (SELECT "id" FROM m)),
      (SELECT string_agg(x::text, '|' ORDER BY x."meetingId") FROM "Resolution" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."meetingId" IN (SELECT "id" FROM m)),
      (SELECT string_agg(x::text, '|' ORDER BY x."meetingId") FROM "Scorecard" x WHERE x."tenantId" = ${t.tenantId}::uuid AND x."meetingId" IN (SELECT "id" FROM m))
    )) AS h`;
  return row!.h;
}

// ─── Requests ───────────────────────────────────────────────────────────────────────────────────

async function signIn(user: { id: string; tenantId: string }): Promise<void> {
  const row = await ownerDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: user.tenantId, id: user.id } }, select: { sessionVersion: true } });
  session.current = { user: { id: user.id }, tenantId: user.tenantId, sessionVersion: row.sessionVersion };
}

function concretePath(route: OpenApiRoute, params: Record<string, string>): string {
  // A URL cannot carry a lone surrogate (it becomes U+FFFD); the handler still gets the raw value in params.
  return route.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent((params[name] ?? "x").toWellFormed()));
}

function send(route: OpenApiRoute & { handler: Handler }, input: { params: Record<string, string>; query: string; body?: string; headers?: Record<string, string> }): Promise<Response> {
  const url = `http://localhost${concretePath(route, input.params)}${input.query ? `?${input.query}` : ""}`;
  const request = new Request(url, {
    method: route.method,
    headers: { host: "localhost", ...(input.body !== undefined ? { "content-type": "application/json" } : {}), ...input.headers },
    body: input.body,
  });
  return route.handler(request, routeContext(input.params));
}

/** The statuses the OpenAPI document lists for a route (lib/api/openapi.ts). */
function documentedStatuses(route: OpenApiRoute): Set<number> {
  const success = successStatus(route);
  const errors = [401, 403, 404, 409, 422];
  if (route.request) errors.push(400, 415);
  // Uploads and imports also refuse what is too large.
  if (route.requestContentType === "multipart/form-data" || route.path.endsWith("/documents")) errors.push(413, 415);
  return new Set([success, ...errors]);
}

function fieldNames(schema: unknown): string[] {
  try {
    const json = schemaOf(schema as Parameters<typeof schemaOf>[0], "input") as { properties?: Record<string, unknown> };
    return Object.keys(json.properties ?? {});
  } catch {
    return [];
  }
}

/** Path ids that exist in the tenant, by what the route's path names (so a request gets past the 404). */
function plausibleParams(route: OpenApiRoute, t: MeetingTenant): Record<string, string> {
  const first = route.path.split("/")[3];
  const id =
    first === "org-units" ? t.branch.id : first === "members" ? t.members[0]!.id : first === "users" ? t.recorder.id : first === "branches" || first === "plans" ? t.branch.id : heldMeeting.get(t.tenantId)!;
  return { id, memberId: t.members[0]!.id, branchId: t.branch.id, guestId: id, speechId: id, taskId: id, documentId: id, grantId: id };
}

// ─── Arbitraries ────────────────────────────────────────────────────────────────────────────────

/** Text Postgres cannot store or no person typed: a NUL or a lone surrogate inside ordinary text. */
const unsafeText = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\u0000", "\ud800", "\udfff", "\u0000\u0000"), fc.string({ maxLength: 8 }))
  .map(([left, bad, right]) => `${left}${bad}x${right}`);
const hostileText = fc.oneof(
  { weight: 3, arbitrary: unsafeText },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom("' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "null", "-1", "1e309", "NaN", "abc", "") },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.repeat(4000)) },
  { weight: 1, arbitrary: fc.constantFrom("2025-02-30", "2025-13-01T25:61", "9999-12-31", "0000-01-01") },
);
// Ids of both tenants (filled in beforeAll, so picked lazily), random uuids and junk.
const knownId = fc.nat().map((i) => ids[i % Math.max(1, ids.length)] ?? "x");
const idValue = () => fc.oneof({ weight: 4, arbitrary: knownId }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileText });
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileText,
    idValue(),
    fc.integer(),
    fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5, -0.0001),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("__proto__", "constructor", "id", "tenantId", "version", "a"), tie("value"), { maxKeys: 3 }),
  ),
})).value;

function bodyFor(route: OpenApiRoute): fc.Arbitrary<string | undefined> {
  if (route.method === "GET" || route.method === "DELETE") return fc.constant(undefined);
  const keys = [...fieldNames(route.request), "tenantId", "id", "version"];
  const object = fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: keys.length }).map((value) => JSON.stringify(value));
  return fc.oneof({ weight: 6, arbitrary: object }, { weight: 1, arbitrary: fc.constantFrom("{", "null", "[]", '"x"', "{\"a\":\"\\u0000\"}", "{\"name\":\"\\ud800\"}") });
}

function queryFor(route: OpenApiRoute): fc.Arbitrary<string> {
  const keys = [...fieldNames(route.query), "unit", "user", "page", "q"];
  return fc
    .dictionary(fc.constantFrom(...keys), fc.oneof(hostileText, idValue()), { maxKeys: 4 })
    .map((query) => new URLSearchParams(query as Record<string, string>).toString());
}

function paramsFor(route: OpenApiRoute): fc.Arbitrary<Record<string, string>> {
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return fc.record(Object.fromEntries(names.map((name) => [name, idValue().map(String)]))) as fc.Arbitrary<Record<string, string>>;
}

// ─── 1. Cross-site ──────────────────────────────────────────────────────────────────────────────

describe("cross-site requests with the session cookie", () => {
  test("every non-GET route answers 403 to another site, whatever the body, and writes nothing", async () => {
    const writes = ROUTES.filter((route) => route.method !== "GET");
    expect(writes.length).toBeGreaterThan(40);
    const before = await tenantFingerprint(a.tenantId);
    const params = { id: ids[2]!, memberId: a.members[0]!.id, guestId: ids[0]!, speechId: ids[0]!, taskId: ids[0]!, documentId: ids[0]!, branchId: a.branch.id, grantId: ids[0]! };
    const refused: string[] = [];
    for (const route of writes) {
      for (const [who, headers, body] of [
        ["admin", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, "{}"],
        ["recorder", { origin: "https://evil.example" }, undefined],
      ] as const) {
        await signIn(who === "admin" ? a.admin : a.recorder);
        const response = await send(route, { params, query: "", body, headers });
        if (response.status !== 403) refused.push(`${route.method} ${route.path} as ${who}: ${response.status}`);
      }
    }
    expect(refused).toEqual([]);
    expect(await tenantFingerprint(a.tenantId)).toBe(before);
  });
});

// ─── 2. Hostile input ───────────────────────────────────────────────────────────────────────────

// The routes are known when the file is collected, so each gets its own test (and its own report).
await loadRoutes();

describe("hostile bodies, queries and ids, as every role of two tenants", () => {
  test.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s: never a 500, only documented statuses, nothing changed in the other tenant or outside the subtree",
    async (_name, route) => {
      const problems: string[] = [];
      const documented = documentedStatuses(route);
      for (const [own, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const callers = callersOf(own);
        const otherBefore = await tenantFingerprint(other.tenantId);
        // A sweep first: every field of the body and of the query holds a NUL, on real records, as
        // the role that may usually write there (the random runs below rarely line all that up).
        const fields = [...fieldNames(route.request), "name"];
        const nul = JSON.stringify(Object.fromEntries(fields.map((field) => [field, "a\u0000b"])));
        const query = new URLSearchParams(Object.fromEntries([...fieldNames(route.query), "q", "unit", "user"].map((key) => [key, "\u0000"]))).toString();
        {
          const caller = /^\/api\/v1\/(meetings|tasks|plans)\//.test(route.path) ? own.recorder : own.admin;
          await signIn(caller);
          const response = await send(route, { params: plausibleParams(route, own), query, body: route.method === "GET" || route.method === "DELETE" ? undefined : nul, headers: { "sec-fetch-site": "same-origin" } });
          await response.arrayBuffer();
          if (response.status === 500 || !documented.has(response.status)) problems.push(`NUL sweep as ${caller.username}: ${response.status}`);
        }
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...callers), paramsFor(route), queryFor(route), bodyFor(route), async (caller, params, query, body) => {
            const outsideBefore = caller.subtree ? await outsideSubtreeFingerprint(own) : null;
            await signIn(caller.user);
            const response = await send(route, { params, query, body, headers: { "sec-fetch-site": "same-origin" } });
            // Streams (exports) are read to the end: a failure half-way must show too.
            await response.arrayBuffer();
            if (response.status === 500 || !documented.has(response.status)) {
              problems.push(`as ${caller.name}: ${response.status} (params ${JSON.stringify(params).slice(0, 200)}, query ${query.slice(0, 200)}, body ${String(body).slice(0, 200)})`);
            }
            if (outsideBefore !== null && (await outsideSubtreeFingerprint(own)) !== outsideBefore) {
              problems.push(`as ${caller.name}: changed outside the caller's subtree`);
            }
          }),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        );
        if ((await tenantFingerprint(other.tenantId)) !== otherBefore) problems.push("changed the other tenant");
      }
      expect(problems).toEqual([]);
    },
    // A safety net only: the work is bounded by RUNS_PER_ROUTE, not by time.
    120_000,
  );
});
