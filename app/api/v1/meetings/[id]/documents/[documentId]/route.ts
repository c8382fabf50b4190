// GET    /api/v1/meetings/{id}/documents/{documentId}: the file (attachment), for anyone who may
//        read the meeting, members of the branch included.
// DELETE /api/v1/meetings/{id}/documents/{documentId}: removes a posted document (the branch's
//        recorder; preparation papers until the meeting, final ones while the record is open).
import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/handler";
import { deleteMeetingDocument, openMeetingDocument } from "@/lib/meetings/documents";

/** RFC 6266: an ASCII fallback plus the UTF-8 name (Vietnamese file names survive). */
function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const GET = apiRoute<{ id: string; documentId: string }>(async ({ user, params }) => {
  const file = await openMeetingDocument(user, params.id, params.documentId);
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.fileName),
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
