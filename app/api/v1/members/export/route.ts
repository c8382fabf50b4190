// GET /api/v1/members/export?format=xlsx|csv&unit={orgUnitId}&template=1: the current roster of
// the caller's member.manage subtrees (or of one unit's subtree, e.g. one branch) in the import
// layout, streamed as it is produced. template=1 gives the header row only (a blank form).
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { exportRoster } from "@/lib/org/roster-export";

export const GET = apiRoute(async ({ request, user, requestId }) => {
  const file = await exportRoster(user, searchParamsOf(request), { requestId });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store, no-transform",
    },
  });
});
