// POST /api/v1/org-units/{id}/dues/import {csv}: imports a CSV of the branch's đảng phí months (all
// or nothing; the first bad line is named).
import { apiRoute, readJson } from "@/lib/api/handler";
import { importDuesCsv } from "@/lib/dues/dues";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  return { body: await importDuesCsv(user, { ...body, branchId: params.id }, { requestId }) };
});
