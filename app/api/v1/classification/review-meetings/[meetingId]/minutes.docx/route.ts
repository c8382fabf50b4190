// GET /api/v1/classification/review-meetings/{meetingId}/minutes.docx — the minutes of a branch's
// review meeting (kind REVIEW) with the results of the review: each proposed level and its vote.
import { apiRoute } from "@/lib/api/handler";
import { exportReviewMinutesDocx } from "@/lib/classification/documents";
import { attachmentHeader } from "@/lib/documents/export";

export const GET = apiRoute<{ meetingId: string }>(async ({ user, params }) => {
  const file = await exportReviewMinutesDocx(user, params.meetingId);
  return new Response(new Uint8Array(file.bytes), {
    headers: { "Content-Type": file.contentType, "Content-Disposition": attachmentHeader(file.fileName), "Cache-Control": "private, no-store" },
  });
});
