// GET /api/v1/branches/{id}/rating?year=…: the branch's annual rating (the rating page's JSON twin).
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { planYear } from "@/lib/meetings/schemas";
import { annualRating } from "@/lib/scoring/annual";

export const GET = apiRoute<{ id: string }>(async ({ request, user, params }) => ({
  body: await annualRating(user, { branchId: params.id, year: planYear(searchParamsOf(request)) }),
}));
