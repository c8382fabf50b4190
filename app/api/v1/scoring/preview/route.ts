// POST /api/v1/scoring/preview: the score a meeting would get under a rubric (by code or inline)
// from its facts and manual marks. Nothing is saved; see lib/scoring/preview.ts for the errors.
import { apiRoute, readJson } from "@/lib/api/handler";
import { previewScore } from "@/lib/scoring/preview";

export const POST = apiRoute(async ({ request, user }) => ({ body: await previewScore(user, await readJson(request)) }));
