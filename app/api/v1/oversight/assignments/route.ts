// GET /api/v1/oversight/assignments?unit=&user=&status=current|all: assignments in the
// administrator's subtree, with the overseers and branches they may choose; POST assigns an
// overseer to a branch ({ userId, branchId, committeeLevel, validFrom, validTo, note }).
import { apiRoute, readJson, searchParamsOf } from "@/lib/api/handler";
import { createAssignment, listAssignments } from "@/lib/oversight/assignments";

export const GET = apiRoute(async ({ request, user }) => ({ body: await listAssignments(user, searchParamsOf(request)) }));

export const POST = apiRoute(async ({ request, user, requestId }) => ({
  body: await createAssignment(user, await readJson(request), { requestId }),
  status: 201,
}));
