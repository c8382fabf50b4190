// POST /api/v1/classification/cases/{id}/appraisal — one step of the workflow (lib/classification/workflow.ts),
// in one transaction with its audit entry and the case's version check (409 when stale).
import { apiRoute, readJson } from "@/lib/api/handler";
import { appraise } from "@/lib/classification/workflow";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await appraise(user, { ...(await readJson(request)), caseId: params.id }, { requestId }),
}));
