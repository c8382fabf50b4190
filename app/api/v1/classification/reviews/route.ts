// POST /api/v1/classification/reviews {meetingId, voteFor, voteAgainst, voteAbstain, comments?,
// items: [{caseId, version, level}]}: the branch's review meeting for several cases at once (all or none).
import { apiRoute, readJson } from "@/lib/api/handler";
import { recordBranchReviews } from "@/lib/classification/workflow";

export const POST = apiRoute(async ({ request, user, requestId }) => ({ body: await recordBranchReviews(user, await readJson(request), { requestId }) }));
