// GET /api/v1/meetings/{id}/minutes.docx: the biên bản of the meeting as a Word file (party document layout).
import { apiRoute } from "@/lib/api/handler";
import { attachmentHeader, exportMeetingDocx } from "@/lib/documents/export";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const file = await exportMeetingDocx(user, params.id, "minutes");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentHeader(file.fileName),
      "Cache-Control": "private, no-store",
    },
  });
});
