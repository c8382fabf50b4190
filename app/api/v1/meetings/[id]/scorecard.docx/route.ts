// GET /api/v1/meetings/{id}/scorecard.docx: the score sheet of the meeting as a Word file (criteria ×
// self / overseer / final columns, totals, levels, the vote, reasons and signatures).
import { apiRoute } from "@/lib/api/handler";
import { attachmentHeader } from "@/lib/documents/export";
import { exportScoreSheetDocx } from "@/lib/documents/score-sheet";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const file = await exportScoreSheetDocx(user, params.id);
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentHeader(file.fileName),
      "Cache-Control": "private, no-store",
    },
  });
});
