// POST /api/v1/oversight/delegations: the assigned overseer asks a colleague to attend in their place
// for a period ({ assignmentId, toUserId, validFrom, validTo, reason }).
import { apiRoute, readJson } from "@/lib/api/handler";
import { createDelegation } from "@/lib/oversight/assignments";

export const POST = apiRoute(async ({ request, user, requestId }) => ({
  body: await createDelegation(user, await readJson(request), { requestId }),
  status: 201,
}));
