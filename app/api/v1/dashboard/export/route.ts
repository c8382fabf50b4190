// GET /api/v1/dashboard/export?unit=&year=&month=&table=: one of the dashboard's tables (each chart
// has one), or all of them (table=all, the default), as XLSX.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { exportDashboard } from "@/lib/dashboard/export";

export const GET = apiRoute(async ({ request, user }) => {
  const q = searchParamsOf(request);
  const file = await exportDashboard(user, { unit: q.unit, year: q.year, month: q.month, table: q.table });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store, no-transform",
    },
  });
});
