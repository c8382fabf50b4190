// GET /api/v1/review?month=&unit=&level=&anomaly=&state=&page=: the review desk's queue (the page's
// JSON twin): scorecards waiting for a reviewer in the caller's subtree, with their anomaly flags.
// Filter values that make no sense are ignored and listed in `notes`. Decisions go through
// POST /api/v1/meetings/{id}/scorecard/finalise and /return (the scoring workflow), or
// POST /api/v1/review/bulk-approve for the clean ones.
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { reviewQueue } from "@/lib/dashboard/review";

export const GET = apiRoute(async ({ request, user }) => {
  const queue = await reviewQueue(user, searchParamsOf(request));
  return {
    body: {
      unit: { id: queue.scope.unit.id, name: queue.scope.unit.name },
      filters: queue.filters,
      notes: queue.notes,
      total: queue.total,
      page: queue.page,
      pageSize: queue.pageSize,
      items: queue.items,
    },
  };
});
