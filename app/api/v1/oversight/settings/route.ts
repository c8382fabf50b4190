// GET /api/v1/oversight/settings: quotas per committee level and the other oversight rules in force
// (with their history); PUT sets them from a day on (tenant administrators).
import { apiRoute, readJson } from "@/lib/api/handler";
import { getOversightSettings, saveOversightSettings } from "@/lib/oversight/settings";

export const GET = apiRoute(async ({ user }) => ({ body: await getOversightSettings(user) }));

export const PUT = apiRoute(async ({ request, user, requestId }) => ({
  body: await saveOversightSettings(user, await readJson(request), { requestId }),
}));
