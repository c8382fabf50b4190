// JSON twins of the rubric list and the JSON import: same services as the settings pages.
import { apiRoute, readJson } from "@/lib/api/handler";
import { importRubric, listRubrics } from "@/lib/scoring/rubric-admin";

/** GET /api/v1/rubrics — every rubric code of the tenant with its versions. */
export const GET = apiRoute(async ({ user }) => ({ body: await listRubrics(user) }));

/**
 * POST /api/v1/rubrics {…a rubric definition as exported…} → 201 {id, code, version, created}:
 * a new code becomes version 1, a code the tenant already has its next version.
 */
export const POST = apiRoute(async ({ request, user, requestId }) => ({
  body: await importRubric(user, await readJson(request), { requestId }),
  status: 201,
}));
