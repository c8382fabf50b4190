// POST /api/v1/classification/self-assessments {caseId | unitId | memberId, period, version, submit,
// marks, remarks, facts, notes, proposedLevel}: saves the self-assessment as a draft or submits it
// (creating the case at version 1 on its first save).
import { apiRoute, readJson } from "@/lib/api/handler";
import { saveSelfAssessment } from "@/lib/classification/workflow";

export const POST = apiRoute(async ({ request, user, requestId }) => ({ body: await saveSelfAssessment(user, await readJson(request), { requestId }) }));
