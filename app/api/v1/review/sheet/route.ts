// GET /api/v1/review/sheet?unit=&month=2026-03: the monthly consolidated sheet of a committee as
// XLSX, streamed while it is produced; X-Row-Count says how many rows are coming (for progress).
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { attachmentHeader } from "@/lib/documents/export";
import { consolidatedSheet } from "@/lib/dashboard/review-sheet";

export const GET = apiRoute(async ({ request, user }) => {
  const q = searchParamsOf(request);
  const file = await consolidatedSheet(user, { unit: q.unit, month: q.month });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentHeader(file.fileName),
      "Cache-Control": "no-store, no-transform",
      "X-Row-Count": String(file.rowCount),
    },
  });
});
