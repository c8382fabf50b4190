// POST /api/v1/members/imports (multipart/form-data: file, scopeUnitId?): the dry run of a roster
// file. Answers an NDJSON stream (application/x-ndjson), one JSON object per line:
//   {"type":"progress","phase":"parsed","done":5000,"total":100000}   while the file is read,
//   {"type":"progress","phase":"validated","done":…,"total":…}       while rows are checked,
//   then one of {"type":"done","import":{id, counts…}}, {"type":"fileError","code","message"}
//   (the whole file is refused, nothing stored) or {"type":"error","message"}.
// Refusals before the work starts (not signed in, no right, file too large) are plain JSON errors.
import { canAnywhere } from "@/lib/auth/permissions";
import { AppError, ForbiddenError } from "@/lib/errors";
import { apiRoute } from "@/lib/api/handler";
import { MAX_FILE_BYTES } from "@/lib/org/roster-layout";
import { RosterFileError, checkImportScope, dryRunImport, type ImportProgress } from "@/lib/org/roster-import";

/** Multipart framing around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
const PROGRESS_INTERVAL_MS = 150;

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export const POST = apiRoute(async ({ request, user, requestId }) => {
  // A cross-site form can post multipart data; only our own pages may start an import.
  if (!sameOrigin(request)) throw new AppError("Yêu cầu không hợp lệ.", 403);
  // Refused before the upload is read: only member.manage may import.
  if (!canAnywhere(user, "member.manage")) throw new ForbiddenError();
  const tooLarge = `Tệp quá lớn. Mỗi lần chỉ nhận tệp tối đa ${MAX_FILE_BYTES / 1024 / 1024} MB: hãy chia danh sách thành nhiều tệp, hoặc lưu dạng Excel (.xlsx).`;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FILE_BYTES + FORM_OVERHEAD_BYTES) throw new AppError(tooLarge, 413);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("Không đọc được tệp tải lên. Hãy chọn lại tệp và thử lại.", 400);
  }
  const file = form.get("file");
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
    throw new AppError("Hãy chọn tệp danh sách (CSV hoặc Excel .xlsx).", 422);
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
          send({ type: "error", message: `Đã có lỗi ngoài dự kiến. Vui lòng thử lại sau (mã tra cứu: ${requestId.slice(0, 8)}).` });
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
});
