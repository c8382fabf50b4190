// GET /api/v1/oversight/approvals: visits recorded after the window and waiting for the caller's
// approval (reviewers, over their subtree).
import { apiRoute } from "@/lib/api/handler";
import { listPendingVisits } from "@/lib/oversight/visits";

export const GET = apiRoute(async ({ user }) => ({ body: { items: await listPendingVisits(user) } }));
