// GET /api/ready: 200 when the app can serve (database reachable, migrations current, storage
// writable), 503 with the failing checks otherwise (for a load balancer's readiness probe).
import { readiness } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const result = await readiness();
  return Response.json(result, { status: result.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
