// GET /api/v1/classification/targets?year= and PUT {year, targets: {classMemberGood: 90, …}}: the
// year's targets for the classification shares (an empty value removes one).
import { apiRoute, queryWith, readJson } from "@/lib/api/handler";
import { getClassificationTargets, setClassificationTargets, targetsYearQuerySchema } from "@/lib/classification/shares";
import { todayInVietnam } from "@/lib/time/days";

export const GET = apiRoute(async ({ request, user }) => {
  const year = queryWith(request, targetsYearQuerySchema).year ?? todayInVietnam().getUTCFullYear();
  return { body: { year, targets: await getClassificationTargets(user, year) } };
});

export const PUT = apiRoute(async ({ request, user, requestId }) => {
  const body = await readJson(request);
  return { body: { year: body.year, targets: await setClassificationTargets(user, body, { requestId }) } };
});
