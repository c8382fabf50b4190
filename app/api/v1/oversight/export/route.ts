// GET /api/v1/oversight/export?year=&user=&unit=: the oversight log as XLSX, one row per visit, for
// one overseer or a subtree, streamed as it is produced.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { exportOversightLog } from "@/lib/oversight/export";

export const GET = apiRoute(async ({ request, user, requestId }) => {
  const file = await exportOversightLog(user, searchParamsOf(request), { requestId });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store, no-transform",
    },
  });
});
