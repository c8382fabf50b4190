// GET /api/v1/classification/cases/{id}/self-review.docx — the bản kiểm điểm of a member (or the
// self-review report of an organisation) as a Word file in the party's document layout.
import { apiRoute } from "@/lib/api/handler";
import { exportSelfReviewDocx } from "@/lib/classification/documents";
import { attachmentHeader } from "@/lib/documents/export";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const file = await exportSelfReviewDocx(user, params.id);
  return new Response(new Uint8Array(file.bytes), {
    headers: { "Content-Type": file.contentType, "Content-Disposition": attachmentHeader(file.fileName), "Cache-Control": "private, no-store" },
  });
});
