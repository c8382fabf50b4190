// Export of one rubric version: its definition as JSON, the same file the import takes back.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { exportRubric } from "@/lib/scoring/rubric-admin";

/** GET /api/v1/rubrics/{id}[?download=1] — the definition; with download=1 as a file to save. */
export const GET = apiRoute<{ id: string }>(async ({ request, user, params }) => {
  const exported = await exportRubric(user, params.id);
  if (searchParamsOf(request).download !== "1") return { body: exported.definition };
  return new Response(exported.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
