// GET /api/v1/classification/export?unit=&period= — the lists of classified organisations and
// members of the unit's subtree with the summary per unit one level down, as XLSX.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { exportClassification } from "@/lib/classification/export";
import { attachmentHeader } from "@/lib/documents/export";

export const GET = apiRoute(async ({ request, user }) => {
  const q = searchParamsOf(request);
  const file = await exportClassification(user, { unit: q.unit, period: q.period });
  return new Response(file.body, {
    headers: { "Content-Type": file.contentType, "Content-Disposition": attachmentHeader(file.fileName), "Cache-Control": "no-store, no-transform" },
  });
});
