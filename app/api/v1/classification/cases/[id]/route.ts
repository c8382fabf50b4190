// GET /api/v1/classification/cases/{id} — a saved case with every column side by side.
import { apiRoute } from "@/lib/api/handler";
import { getCase } from "@/lib/classification/workflow";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => ({ body: await getCase(user, { caseId: params.id }) }));
