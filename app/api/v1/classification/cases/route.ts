// GET /api/v1/classification/cases?unitId=…|memberId=…&period=2026 — one subject's case for a period
// with every column, the evidence from the record and the caller's possible steps; a case not saved
// yet is answered as a draft at version 0 with the frame that would rate it.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { getCase } from "@/lib/classification/workflow";

export const GET = apiRoute(async ({ request, user }) => {
  const q = searchParamsOf(request);
  return { body: await getCase(user, { unitId: q.unitId, memberId: q.memberId, period: q.period }) };
});
