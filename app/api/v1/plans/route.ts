// GET /api/v1/plans?year=…: the branches in the caller's scope and whether each has a plan for the year.
// POST /api/v1/plans: create or update a branch's annual plan (same rules as the plan page).
import { apiRoute, readJson, searchParamsOf } from "@/lib/api/handler";
import { generatePlan, listPlanStatus } from "@/lib/meetings/plans";
import { planYear } from "@/lib/meetings/schemas";

export const GET = apiRoute(async ({ request, user }) => ({ body: await listPlanStatus(user, planYear(searchParamsOf(request))) }));

export const POST = apiRoute(async ({ request, user, requestId }) => {
  const result = await generatePlan(user, await readJson(request), { requestId });
  return { body: result, status: result.version === 1 ? 201 : 200 };
});
