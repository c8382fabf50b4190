// GET /api/v1/classification?unit=&period= — the classification board of a unit for a period (the
// JSON twin of /classification): its organisations and, for a branch, its members with the state of
// each case and the caller's next step; one level down for a committee; the cap where it decides.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { getBoard } from "@/lib/classification/board";

export const GET = apiRoute(async ({ request, user }) => {
  const q = searchParamsOf(request);
  return { body: await getBoard(user, { unit: q.unit, period: q.period }) };
});
