// POST /api/v1/members/imports/{id}/apply: confirm a validated import (the same service as the
// "Cập nhật vào danh sách" button). Answers the counts written, or 409 when the dry run is stale
// or the file was already applied, 422 when the file has errors, 404 for an unknown import.
import { AppError } from "@/lib/errors";
import { apiRoute } from "@/lib/api/handler";
import { applyImport } from "@/lib/org/roster-import";
import messages from "@/lib/i18n/messages";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  // JSON only: plain HTML forms of other sites cannot send it.
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError(messages.serverErrors.jsonContentType, 415);
  }
  return { body: await applyImport(user, params.id, { requestId }) };
});
