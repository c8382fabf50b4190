// GET /api/v1/dashboard?unit=&year=&month=: the leaders' dashboard of a subtree (the page's JSON
// twin): this month, the year to date, quarters, trends, one level down or a branch's meetings,
// progress against targets. Nonsense filters are ignored and listed in `notes`; a unit outside the
// caller's grant is a 404.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { getDashboard } from "@/lib/dashboard/dashboard";

export const GET = apiRoute(async ({ request, user }) => {
  const q = searchParamsOf(request);
  return { body: await getDashboard(user, { unit: q.unit, year: q.year, month: q.month }) };
});
