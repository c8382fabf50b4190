// GET /api/v1/openapi.json: the OpenAPI 3.1 document of /api/v1, generated from the route registry
// and the zod schemas. Public: it describes the API, it holds no data.
import { buildOpenApiDocument } from "@/lib/api/openapi";

let cached: string | undefined;

export async function GET(): Promise<Response> {
  cached ??= JSON.stringify(buildOpenApiDocument());
  return new Response(cached, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
