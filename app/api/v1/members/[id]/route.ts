// GET /api/v1/members/{id}: one member's record. PATCH: change some of their own fields; the body
// must carry the `version` it was read at (a stale one is a 409). The branch changes by /transfer.
import { apiRoute, readJson } from "@/lib/api/handler";
import { ForbiddenError } from "@/lib/errors";
import { mergePatch } from "@/lib/api/patch";
import messages from "@/lib/i18n/messages";
import { memberDetailJson } from "@/lib/org/member-json";
import { editableFields, getMemberDetail, updateMember } from "@/lib/org/members";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  return { body: memberDetailJson(await getMemberDetail(user, params.id)) };
});

export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  // Fields not sent keep their current values; the update checks access and the version again.
  const detail = await getMemberDetail(user, params.id);
  if (!detail.canManage) throw new ForbiddenError();
  const { version: _version, id: _id, ...current } = editableFields(detail);
  const patched = mergePatch(body, current, { hint: messages.apiServer.patch.memberBranch });
  const { version } = await updateMember(user, { ...patched, id: params.id }, { requestId });
  const member = await getMemberDetail(user, params.id);
  return { body: { ...memberDetailJson(member), version } };
});
