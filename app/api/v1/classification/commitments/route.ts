// PUT /api/v1/classification/commitments {memberId, year, content, registeredOn, version}: registers
// or rewrites a member's commitments for a year (the member, or the branch's committee for them).
import { apiRoute, readJson } from "@/lib/api/handler";
import { saveCommitment } from "@/lib/classification/commitments";

export const PUT = apiRoute(async ({ request, user, requestId }) => ({ body: await saveCommitment(user, await readJson(request), { requestId }) }));
