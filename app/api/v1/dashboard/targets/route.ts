// GET /api/v1/dashboard/targets?year=: the tenant's targets (chỉ tiêu) of a year.
// PUT /api/v1/dashboard/targets { year, targets: { indicator: value | null } }: sets them (the
// targets page's JSON twin; an administrator of the tenant's root only).
import { apiRoute, readJson, searchParamsOf } from "@/lib/api/handler";
import { getTargets, setTargets } from "@/lib/dashboard/targets";
import { todayInVietnam } from "@/lib/time/days";

export const GET = apiRoute(async ({ request, user }) => {
  const year = searchParamsOf(request).year;
  return { body: { targets: await getTargets(user, year ? Number(year) : todayInVietnam().getUTCFullYear()) } };
});

export const PUT = apiRoute(async ({ request, user, requestId }) => ({
  body: { targets: await setTargets(user, await readJson(request), { requestId }) },
}));
