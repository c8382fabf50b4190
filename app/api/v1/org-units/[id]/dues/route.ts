// GET /api/v1/org-units/{id}/dues?year=: the branch's đảng phí month grid (paid / not paid / exempt
//     per member per month, the Art. 8.1 count, the rates in force).
// PUT /api/v1/org-units/{id}/dues {memberId, month: "yyyy-mm", status: PAID|UNPAID|EXEMPT|null,
//     goodReason?, note?}: sets (or clears) one month, as the grid does.
import { apiRoute, queryWith, readJson } from "@/lib/api/handler";
import { duesYearQuerySchema, getDuesGrid, setDuesMonth } from "@/lib/dues/dues";
import { todayInVietnam } from "@/lib/time/days";

export const GET = apiRoute<{ id: string }>(async ({ request, user, params }) => {
  const year = queryWith(request, duesYearQuerySchema).year ?? todayInVietnam().getUTCFullYear();
  return { body: await getDuesGrid(user, params.id, year) };
});

export const PUT = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await setDuesMonth(user, { ...body, branchId: params.id }, { requestId }) };
});
