// POST /api/v1/oversight/visits/{id}/decision: a reviewer approves or refuses a visit recorded after
// the tenant's window ({ version, decision: "APPROVE" | "REJECT", note }).
import { apiRoute, readJson } from "@/lib/api/handler";
import { decideVisit } from "@/lib/oversight/visits";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await decideVisit(user, { ...(await readJson(request)), visitId: params.id }, { requestId }),
}));
