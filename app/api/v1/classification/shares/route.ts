// GET /api/v1/classification/shares?unit=&year= — the year's shares per level for the unit and each
// unit one level down, against the year's targets (the leaders' dashboard section).
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { getClassificationShares } from "@/lib/classification/shares";

export const GET = apiRoute(async ({ request, user }) => {
  const q = searchParamsOf(request);
  return { body: await getClassificationShares(user, { unit: q.unit, year: Number(q.year ?? new Date().getUTCFullYear()) }) };
});
