// JSON twins of the assignments page: which rubric code scores which meetings of a subtree.
import { apiRoute, readJson } from "@/lib/api/handler";
import { createAssignment, listAssignments } from "@/lib/scoring/rubric-admin";

/** GET /api/v1/rubric-assignments — assignments on units of the caller's settings.manage subtrees. */
export const GET = apiRoute(async ({ user }) => ({ body: { items: await listAssignments(user) } }));

/** POST /api/v1/rubric-assignments {unitId, rubricCode, meetingKinds, validFrom, validTo?} → 201 {id}. */
export const POST = apiRoute(async ({ request, user, requestId }) => ({
  body: await createAssignment(user, await readJson(request), { requestId }),
  status: 201,
}));
