// POST /api/v1/members/imports (multipart/form-data: file, scopeUnitId?): the dry run of a roster
// file. Answers an NDJSON stream (application/x-ndjson), one JSON object per line:
//   {"type":"progress","phase":"parsed","done":5000,"total":100000}   while the file is read,
//   {"type":"progress","phase":"validated","done":…,"total":…}       while rows are checked,
//   then one of {"type":"done","import":{id, counts…}}, {"type":"fileError","code","message"}
//   (the whole file is refused, nothing stored) or {"type":"error","message"}.
// Refusals before the work starts (not signed in, no right, file too large) are plain JSON errors.
import { AppError, unexpectedErrorMessage } from "@/lib/errors";
import { apiRoute } from "@/lib/api/handler";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";
import { MAX_FILE_BYTES } from "@/lib/org/roster-layout";
import { RosterFileError, checkImportScope, dryRunImport, type ImportProgress } from "@/lib/org/roster-import";

const words = messages.apiServer.upload;

/** Multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const PROGRESS_INTERVAL_MS = 150;

export const POST = apiRoute(async ({ request, user, requestId }) => {
  // A cross-site form could post multipart data: apiRoute's cross-site check (lib/http/cross-site.ts)
  // has refused it already, and its permission check a caller who may not import (before the
  // upload is read), so only our own pages of a member.manage holder get here.
  const tooLarge = fill(words.rosterTooLarge, { max: MAX_FILE_BYTES / 1024 / 1024 });
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FILE_BYTES + FORM_OVERHEAD_BYTES) throw new AppError(tooLarge, 413);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError(words.unreadable, 400);
  }
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
    throw new AppError(words.rosterFileRequired, 422);
  }
  if (file.size > MAX_FILE_BYTES) throw new AppError(tooLarge, 413);
  const scopeField = form.get("scopeUnitId");
  const scopeUnitId = typeof scopeField === "string" && scopeField !== "" ? scopeField : null;
  // The scope is checked here too, so a refusal is a plain 404/403/422 and not a stream.
  await checkImportScope(user, scopeUnitId);
  const bytes = new Uint8Array(await file.arrayBuffer());

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      let lastSent = 0;
      let lastPhase = "";
      const onProgress = (progress: ImportProgress) => {
        const now = Date.now();
        if (progress.phase === lastPhase && now - lastSent < PROGRESS_INTERVAL_MS) return;
        lastSent = now;
        lastPhase = progress.phase;
        send({ type: "progress", ...progress });
      };
      try {
        const result = await dryRunImport(
          user,
          { fileName: file.name, bytes, scopeUnitId },
          { requestId, onProgress },
        );
        send({
          type: "done",
          import: {
            id: result.id,
            rowCount: result.rowCount,
            createCount: result.createCount,
            updateCount: result.updateCount,
            unchangedCount: result.unchangedCount,
            errorCount: result.errorCount,
          },
        });
      } catch (error) {
        if (error instanceof RosterFileError) send({ type: "fileError", code: error.code, message: error.message });
        else if (error instanceof AppError) send({ type: "error", message: error.message });
        else {
          console.error(`[api ${requestId}] roster dry run failed:`, error);
          send({ type: "error", message: unexpectedErrorMessage(requestId) });
        }
      } finally {
        controller.close();
      }
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      // no-transform: the response is not compressed (compression would hold progress lines back).
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}, { permission: "member.manage" });
