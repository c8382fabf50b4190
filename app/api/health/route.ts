// GET /api/health: the process is up and answering (for a monitor's liveness probe). No database.
import { health } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(health(), { headers: { "Cache-Control": "no-store" } });
}
