// GET /api/v1/plans/missing?year=…: for leaders, the open branches of their subtree without a plan for the year.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { listMissingPlans } from "@/lib/meetings/plans";
import { planYear } from "@/lib/meetings/schemas";

export const GET = apiRoute(async ({ request, user }) => ({ body: await listMissingPlans(user, planYear(searchParamsOf(request))) }));
