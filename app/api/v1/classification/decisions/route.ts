// POST /api/v1/classification/decisions {items: [{caseId, version}]}: decisions at the appraised level
// for several cases at once, the cap checked with each (all or none).
import { apiRoute, readJson } from "@/lib/api/handler";
import { decideMany } from "@/lib/classification/workflow";

export const POST = apiRoute(async ({ request, user, requestId }) => ({ body: await decideMany(user, await readJson(request), { requestId }) }));
