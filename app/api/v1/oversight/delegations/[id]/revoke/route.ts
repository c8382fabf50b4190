// POST /api/v1/oversight/delegations/{id}/revoke: withdraws a delegation.
import { apiRoute } from "@/lib/api/handler";
import { revokeDelegation } from "@/lib/oversight/assignments";

export const POST = apiRoute<{ id: string }>(async ({ user, params, requestId }) => ({
  body: await revokeDelegation(user, { id: params.id }, { requestId }),
}));
