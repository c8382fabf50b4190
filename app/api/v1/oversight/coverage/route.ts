// GET /api/v1/oversight/coverage?year=&unit=: the coverage view's JSON twin — overseers against their
// quota, branches by their last visit, and the alerts (REVIEWER / LEADER / TENANT_ADMIN, their subtree).
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { getCoverage } from "@/lib/oversight/coverage";

export const GET = apiRoute(async ({ request, user }) => ({ body: await getCoverage(user, searchParamsOf(request)) }));
