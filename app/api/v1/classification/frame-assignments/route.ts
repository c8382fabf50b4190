// JSON twins of the frame assignments: which frame code rates which subjects of a subtree.
import { apiRoute, readJson } from "@/lib/api/handler";
import { createFrameAssignment, listFrameAssignments } from "@/lib/classification/frame-admin";

/** GET /api/v1/classification/frame-assignments — assignments in the caller's settings.manage subtrees. */
export const GET = apiRoute(async ({ user }) => ({ body: { items: await listFrameAssignments(user) } }));

/** POST /api/v1/classification/frame-assignments {unitId, frameCode, subjects, validFrom, validTo?} → 201 {id}. */
export const POST = apiRoute(async ({ request, user, requestId }) => ({ body: await createFrameAssignment(user, await readJson(request), { requestId }), status: 201 }));
