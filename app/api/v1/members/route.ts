// GET /api/v1/members: the roster page by page (same filters and cursor as /members).
// POST /api/v1/members: add a member (same fields and rules as the "Thêm đảng viên" form).
import { apiRoute, readJson, searchParamsOf } from "@/lib/api/handler";
import { memberDetailJson, memberListJson } from "@/lib/org/member-json";
import { createMember, getMemberDetail, listMembers } from "@/lib/org/members";

export const GET = apiRoute(async ({ request, user }) => {
  const page = await listMembers(user, searchParamsOf(request));
  return { body: memberListJson(page) };
});

export const POST = apiRoute(async ({ request, user, requestId }) => {
  const body = await readJson(request);
  const { id } = await createMember(user, body, { requestId });
  return { body: memberDetailJson(await getMemberDetail(user, id)), status: 201 };
});
