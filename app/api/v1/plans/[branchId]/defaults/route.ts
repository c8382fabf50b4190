// PUT /api/v1/plans/{branchId}/defaults: the branch's regular meeting day, time and place (with the branch's `version`).
import { apiRoute, readJson } from "@/lib/api/handler";
import { saveMeetingDefaults } from "@/lib/meetings/plans";

export const PUT = apiRoute<{ branchId: string }>(async ({ request, user, params, requestId }) => ({
  body: await saveMeetingDefaults(user, { ...(await readJson(request)), branchId: params.branchId }, { requestId }),
}));
