// GET /api/v1/members/{id}: one member's record. PATCH: change some of their own fields; the body
// must carry the `version` it was read at (a stale one is a 409). The branch changes by /transfer.
import { apiRoute, readJson } from "@/lib/api/handler";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { memberDetailJson } from "@/lib/org/member-json";
import { MEMBER_FORM_FIELDS } from "@/lib/org/member-schemas";
import { editableFields, getMemberDetail, updateMember } from "@/lib/org/members";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  return { body: memberDetailJson(await getMemberDetail(user, params.id)) };
});

const PATCHABLE = new Set<string>([...MEMBER_FORM_FIELDS, "version"]);

export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => {
  const body = await readJson(request);
  const unknown = Object.keys(body).filter((key) => !PATCHABLE.has(key));
  if (unknown.length > 0) {
    const message = `Không sửa được các trường: ${unknown.join(", ")}. Chi bộ được đổi qua POST /api/v1/members/{id}/transfer.`;
    throw new ValidationError(message, Object.fromEntries(unknown.map((key) => [key, [message]])));
  }
  // Fields not sent keep their current values; the update checks access and the version again.
  const detail = await getMemberDetail(user, params.id);
  if (!detail.canManage) throw new ForbiddenError();
  const { version: _version, ...current } = editableFields(detail);
  const { version } = await updateMember(user, { ...current, ...body, id: params.id }, { requestId });
  const member = await getMemberDetail(user, params.id);
  return { body: { ...memberDetailJson(member), version } };
});
