// GET /api/v1/classification/frames/{id}[?download=1] — one frame version's definition; with
// download=1 as a JSON file to save, edit and import again.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { exportFrame } from "@/lib/classification/frame-admin";
import { attachmentHeader } from "@/lib/documents/export";

export const GET = apiRoute<{ id: string }>(async ({ request, user, params }) => {
  const exported = await exportFrame(user, params.id);
  if (searchParamsOf(request).download !== "1") return { body: exported.definition };
  return new Response(exported.json, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": attachmentHeader(exported.filename), "Cache-Control": "no-store" },
  });
});
