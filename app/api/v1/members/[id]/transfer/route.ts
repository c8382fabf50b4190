// POST /api/v1/members/{id}/transfer: move the member to another branch from `effectiveOn`
// ({ targetBranchId, effectiveOn, version, note? }), exactly as the "Chuyển sinh hoạt" form.
import { apiRoute, readJson } from "@/lib/api/handler";
import { transferMember } from "@/lib/org/member-lifecycle";
import { memberDetailJson } from "@/lib/org/member-json";
import { getMemberDetail } from "@/lib/org/members";

export const POST = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  await transferMember(user, { ...body, memberId: params.id }, { requestId });
  return { body: memberDetailJson(await getMemberDetail(user, params.id)) };
});
