// POST /api/v1/review/bulk-approve { items: [{ meetingId, version }] }: approves the clean
// scorecards among them (each re-checked: waiting, in the caller's subtree, no anomaly flag, same
// version) one transaction each; the others come back in `skipped` with the reason.
import { apiRoute, readJson } from "@/lib/api/handler";
import { bulkApprove } from "@/lib/dashboard/review";

export const POST = apiRoute(async ({ request, user, requestId }) => ({ body: await bulkApprove(user, await readJson(request), { requestId }) }));
