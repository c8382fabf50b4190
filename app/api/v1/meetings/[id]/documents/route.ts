// GET  /api/v1/meetings/{id}/documents: the meeting's documents (anyone who may read the meeting).
// POST /api/v1/meetings/{id}/documents?kind=CONTENT&fileName=bao-cao.pdf[&title=…]: posts a file.
//   The body is the file itself (any binary Content-Type, e.g. application/octet-stream), streamed
//   into storage: at most UPLOAD_MAX_MB (413, refused from Content-Length before reading when it
//   says so), and only PDF, Word, Excel (.xlsx), OpenDocument text, JPEG or PNG as recognised from
//   the bytes (415). Answers 201 with the document.
import { AppError } from "@/lib/errors";
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import messages from "@/lib/i18n/messages";
import { documentJson, listMeetingDocuments, uploadMeetingDocument } from "@/lib/meetings/documents";

/** Content types a plain HTML form of another site can send: never a file upload of ours. */
const FORM_TYPES = /^(multipart\/form-data|application\/x-www-form-urlencoded|text\/plain)\b/i;

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  const documents = await listMeetingDocuments(user, params.id);
  return { body: { documents: documents.map((doc) => documentJson(params.id, doc)) } };
});

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  // Another site's page was already refused by apiRoute's cross-site check (lib/http/cross-site.ts).
  if (FORM_TYPES.test(request.headers.get("content-type") ?? "")) throw new AppError(messages.apiServer.upload.notAForm, 415);
  const document = await uploadMeetingDocument(user, params.id, searchParamsOf(request), request.body, {
    contentLength: request.headers.get("content-length"),
    requestId,
  });
  return { body: documentJson(params.id, document), status: 201 };
});
