// GET /api/v1/plans/{branchId}?year=…: a branch's plan for the year, its meetings and warnings.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { getPlan } from "@/lib/meetings/plans";
import { planYear } from "@/lib/meetings/schemas";

export const GET = apiRoute<{ branchId: string }>(async ({ request, user, params }) => ({
  body: await getPlan(user, params.branchId, planYear(searchParamsOf(request))),
}));
