// GET    /api/v1/meetings/{id}/documents/{documentId}: the file (attachment), for anyone who may
//        read the meeting, members of the branch included.
// DELETE /api/v1/meetings/{id}/documents/{documentId}: removes a posted document (the branch's
//        recorder; preparation papers until the meeting, final ones while the record is open).
import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/handler";
import { attachmentHeader } from "@/lib/documents/export";
import { deleteMeetingDocument, openMeetingDocument } from "@/lib/meetings/documents";

export const GET = apiRoute<{ id: string; documentId: string }>(async ({ user, params }) => {
  const file = await openMeetingDocument(user, params.id, params.documentId);
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentHeader(file.fileName),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      ETag: `"${file.sha256}"`,
    },
  });
});

export const DELETE = apiRoute<{ id: string; documentId: string }>(async ({ user, params, requestId }) => {
  const removed = await deleteMeetingDocument(user, { meetingId: params.id, documentId: params.documentId }, { requestId });
  return { body: removed };
});
