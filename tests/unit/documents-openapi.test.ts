// The OpenAPI document of /api/v1: valid 3.1 structure, every registered route with its schemas,
// both ways to authenticate.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, test } from "vitest";
import { GET as openApiJson } from "@/app/api/v1/openapi.json/route";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPENAPI_ROUTES } from "@/lib/api/openapi-routes";

describe("OpenAPI document", () => {
  const doc = JSON.parse(JSON.stringify(buildOpenApiDocument())) as ReturnType<typeof buildOpenApiDocument>;

  test("GET /api/v1/openapi.json answers the document as JSON", async () => {
    const response = await openApiJson();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths).length).toBeGreaterThan(30);
  });

  test("is OpenAPI 3.1 with the cookie and bearer security schemes", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes).toMatchObject({
      sessionCookie: { type: "apiKey", in: "cookie" },
      bearerToken: { type: "http", scheme: "bearer" },
    });
    expect(doc.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
  });

  test("lists the member routes with their request and response schemas", () => {
    const create = doc.paths["/api/v1/members"]?.post as { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> }; responses: Record<string, unknown> };
    expect(create).toBeDefined();
    const body = create.requestBody.content["application/json"]!.schema;
    expect(body.properties).toHaveProperty("fullName");
    expect(body.properties).toHaveProperty("branchId");
    expect(create.responses).toHaveProperty("201");
    expect(create.responses).toHaveProperty("422");
    // The id comes from the path, so it is not asked for in the body.
    const patch = doc.paths["/api/v1/members/{id}"]?.patch as { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> }; parameters: { name: string; in: string }[] };
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: "id", in: "path" }));
    expect(patch.requestBody.content["application/json"]!.schema.properties).not.toHaveProperty("id");
    expect(patch.requestBody.content["application/json"]!.schema.properties).toHaveProperty("version");
    expect(doc.paths["/api/v1/members"]?.get).toMatchObject({ parameters: expect.arrayContaining([expect.objectContaining({ name: "q", in: "query" })]) });
  });

  test("lists the meeting routes of every area (plans, preparation, record, documents)", () => {
    expect(doc.paths["/api/v1/meetings"]?.post).toBeDefined();
    expect(doc.paths["/api/v1/meetings/{id}"]?.get).toBeDefined();
    expect(doc.paths["/api/v1/meetings/{id}/transitions"]?.post).toBeDefined();
    expect(doc.paths["/api/v1/meetings/{id}/notice"]?.post).toBeDefined();
    expect(doc.paths["/api/v1/meetings/{id}/attendance"]).toBeDefined();
    expect(doc.paths["/api/v1/meetings/{id}/resolution"]).toBeDefined();
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const tag of ["members", "documents", "calendar", "tokens"]) expect(tags).toContain(tag);
  });

  test("lists the meeting documents, calendar and token routes; the document itself is public", () => {
    expect(doc.paths["/api/v1/meetings/{id}/minutes.docx"]?.get).toMatchObject({
      responses: { "200": { content: { "application/vnd.openxmlformats-officedocument.wordprocessingml.document": expect.anything() } } },
    });
    expect(doc.paths["/api/v1/calendar.ics"]?.get).toMatchObject({ responses: { "200": { content: { "text/calendar": expect.anything() } } } });
    expect(doc.paths["/api/v1/tokens"]?.post).toBeDefined();
    expect(doc.paths["/api/v1/openapi.json"]?.get).toMatchObject({ security: [] });
  });

  test("every registered route is in the document once, with a unique operation id", () => {
    const registered = Object.values(OPENAPI_ROUTES).flat();
    const ids = new Set<string>();
    for (const route of registered) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()] as { operationId: string } | undefined;
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(ids.has(op!.operationId), op!.operationId).toBe(false);
      ids.add(op!.operationId);
    }
    expect(ids.size).toBe(registered.length);
  });

  test("no reference points outside the document", () => {
    const text = JSON.stringify(doc);
    for (const match of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      const ref = match[1]!;
      expect(ref.startsWith("#/components/schemas/"), ref).toBe(true);
      expect(doc.components.schemas).toHaveProperty(ref.slice("#/components/schemas/".length));
    }
  });

  /** "GET /api/v1/meetings/{id}" → that handler's source, for every handler exported by a route.ts under app/api/v1. */
  function handlerSources(): Map<string, string> {
    const root = join(process.cwd(), "app", "api", "v1");
    const handlers = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/^route\.tsx?$/.test(entry.name)) {
          const path = `/api/v1/${relative(root, dir).split(sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}").replace(/\/$/, "");
          const source = readFileSync(full, "utf8");
          const exports = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)];
          exports.forEach((match, i) => handlers.set(`${match[1]} ${path}`, source.slice(match.index, exports[i + 1]?.index ?? source.length)));
        }
      }
    };
    walk(root);
    return handlers;
  }
  const routeHandlers = () => [...handlerSources().keys()];
  const documented = Object.values(OPENAPI_ROUTES).flat().map((route) => `${route.method} ${route.path}`);

  test("every route handler under app/api/v1 is registered (path and method)", () => {
    const handlers = routeHandlers();
    expect(handlers.length).toBeGreaterThan(20);
    expect(handlers.filter((handler) => !documented.includes(handler))).toEqual([]);
  });

  test("every registered path and method has its route handler under app/api/v1", () => {
    // The other way round: a documented route whose folder is missing (or was never committed)
    // answers 404 to every client that trusts the document.
    const handlers = new Set(routeHandlers());
    expect(documented.length).toBeGreaterThan(20);
    expect(documented.filter((route) => !handlers.has(route))).toEqual([]);
  });

  test("a handler that answers 201 Created is documented so, and one documented so answers it", () => {
    // Actions (transitions, score steps, decisions, mark-read) answer 200; a document that
    // promised 201 for them misled clients and made the attack test fail on a valid random body.
    const sources = handlerSources();
    const wrong = Object.values(OPENAPI_ROUTES)
      .flat()
      .filter((route) => {
        // The handler's code, without the comments (the next handler's doc comment comes before its export).
        const code = (sources.get(`${route.method} ${route.path}`) ?? "").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
        const responses = (doc.paths[route.path] as Record<string, { responses: Record<string, unknown> }>)[route.method.toLowerCase()]!.responses;
        return "201" in responses !== /\b201\b/.test(code);
      })
      .map((route) => `${route.method} ${route.path}`);
    expect(wrong).toEqual([]);
  });
});
