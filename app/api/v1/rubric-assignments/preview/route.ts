import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { previewRubricChoice } from "@/lib/scoring/rubric-admin";

/** GET /api/v1/rubric-assignments/preview?branchId=…&kind=REGULAR&date=2026-03-05 — the rubric that would score it. */
export const GET = apiRoute(async ({ request, user }) => ({ body: await previewRubricChoice(user, searchParamsOf(request)) }));
