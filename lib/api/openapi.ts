// The OpenAPI 3.1 document of /api/v1, generated from the route registry (lib/api/openapi-routes)
// and the routes' own zod schemas with zod 4's z.toJSONSchema. OpenAPI 3.1 schemas are JSON Schema
// 2020-12, which is zod's default target, so the converted schemas go in as they are.
import { z } from "zod";
import { OPENAPI_ROUTES } from "@/lib/api/openapi-routes";
import type { OpenApiRoute } from "@/lib/api/openapi-routes/types";
import messages from "@/lib/i18n/messages";

const wording = messages.apiServer.openapi;

type JsonObject = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, JsonObject>>;
  components: { securitySchemes: JsonObject; schemas: Record<string, JsonObject> };
  security: Record<string, string[]>[];
}

const ERROR_SCHEMA: JsonObject = {
  type: "object",
  description: wording.errorSchema,
  properties: {
    error: { type: "string" },
    fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    requestId: { type: "string" },
  },
  required: ["error"],
};

const ERROR_RESPONSES: Readonly<Record<string, string>> = wording.errorResponses;

const SUCCESS_DESCRIPTION: Readonly<Record<string, string>> = wording.success;

/**
 * A zod schema as JSON Schema 2020-12. Request bodies and queries are described as the client sends
 * them (io: "input"), answers as the server returns them; what JSON cannot express (dates inside
 * transforms, custom refinements) becomes an unconstrained schema instead of failing the document.
 */
export function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def;
      if (def?.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as JsonObject;
  delete json.$schema;
  return json;
}

/** `/api/v1/meetings/{id}/x` → "getApiV1MeetingsByIdX"-like stable operation ids. */
function operationId(route: OpenApiRoute): string {
  const words = route.path
    .split("/")
    .filter((part) => part && part !== "api" && part !== "v1")
    .map((part) => (part.startsWith("{") ? `by-${part.slice(1, -1)}` : part))
    .join("-")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1));
  return `${route.method.toLowerCase()}${words.join("")}`;
}

function pathParameters(path: string): JsonObject[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => ({
    name: match[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

function queryParameters(query: z.ZodType | undefined): JsonObject[] {
  if (!query) return [];
  const json = schemaOf(query, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.has(name),
    schema,
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
  }));
}

/** The documented success status of a route: 200 unless the route says otherwise (201 for creations). */
export function successStatus(route: OpenApiRoute): number {
  return route.status ?? 200;
}

function operation(route: OpenApiRoute, area: string): JsonObject {
  const status = String(successStatus(route));
  const media = route.produces ?? "application/json";
  const successContent =
    status === "204"
      ? undefined
      : {
          [media]: {
            schema: route.response
              ? schemaOf(route.response, "output")
              : media === "application/json"
                ? { type: "object" }
                : { type: "string", ...(media.startsWith("text/") ? {} : { contentEncoding: "binary" }) },
          },
        };
  const responses: Record<string, JsonObject> = {
    [status]: { description: SUCCESS_DESCRIPTION[String(Number(status))] ?? wording.success["200"], ...(successContent ? { content: successContent } : {}) },
  };
  for (const [code, description] of Object.entries(ERROR_RESPONSES)) {
    if (route.public && (code === "401" || code === "403")) continue;
    if (!route.request && (code === "415" || code === "400")) continue;
    responses[code] = { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  const op: JsonObject = {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag ?? area],
    parameters: [...pathParameters(route.path), ...queryParameters(route.query)],
    responses,
  };
  if (route.description) op.description = route.description;
  if (route.request) {
    const schema = schemaOf(route.request, "input");
    // Fields the route takes from the path are not part of the body.
    const fromPath = new Set([...(route.bodyFromPath ?? []), ...[...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)]);
    if (schema.properties && typeof schema.properties === "object") {
      for (const name of fromPath) delete (schema.properties as JsonObject)[name];
      if (Array.isArray(schema.required)) schema.required = (schema.required as string[]).filter((name) => !fromPath.has(name));
    }
    op.requestBody = { required: true, content: { [route.requestContentType ?? "application/json"]: { schema } } };
  }
  if (route.public) op.security = [];
  return op;
}

/** Moves any $defs a schema produced into components and points their references there. */
function hoistDefinitions(document: OpenApiDocument): OpenApiDocument {
  const text = JSON.stringify(document, (key, value: unknown) => {
    if (key === "$defs" && value && typeof value === "object") {
      for (const [name, schema] of Object.entries(value as Record<string, JsonObject>)) document.components.schemas[name] ??= schema;
      return undefined;
    }
    return value;
  });
  return JSON.parse(text.replaceAll('"#/$defs/', '"#/components/schemas/')) as OpenApiDocument;
}

export function buildOpenApiDocument(
  routes: Record<string, readonly OpenApiRoute[]> = OPENAPI_ROUTES,
  options: { serverUrl?: string } = {},
): OpenApiDocument {
  const document: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: wording.title,
      version: "1.0.0",
      description: wording.description,
    },
    servers: [{ url: options.serverUrl ?? "/" }],
    tags: [],
    paths: {},
    components: {
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: wording.sessionCookie,
        },
        bearerToken: { type: "http", scheme: "bearer", bearerFormat: "sosh_pat_…", description: wording.bearerToken },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
  };
  const tags = new Set<string>();
  for (const [area, list] of Object.entries(routes)) {
    for (const route of list) {
      const op = operation(route, area);
      (op.tags as string[]).forEach((tag) => tags.add(tag));
      const item = (document.paths[route.path] ??= {});
      const method = route.method.toLowerCase();
      if (item[method]) throw new Error(`OpenAPI: ${route.method} ${route.path} is registered twice`);
      item[method] = op;
    }
  }
  document.tags = [...tags].sort().map((name) => ({ name }));
  document.paths = Object.fromEntries(Object.entries(document.paths).sort(([a], [b]) => a.localeCompare(b)));
  return hoistDefinitions(document);
}
