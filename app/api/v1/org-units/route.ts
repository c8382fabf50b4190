// JSON twins of the org management actions: same services, same zod schemas, same authorization.
import { apiRoute, readJson, searchParamsOf } from "@/lib/api/handler";
import { NotFoundError } from "@/lib/errors";
import { getOrgTree } from "@/lib/org/tree";
import { createOrgUnit } from "@/lib/org/units";

/** GET /api/v1/org-units?q=…&closed=1 — the tree the caller may read (org.read). */
export const GET = apiRoute(async ({ request, user }) => {
  const params = searchParamsOf(request);
  const tree = await getOrgTree(user, { q: params.q?.slice(0, 100) ?? null, includeClosed: params.closed === "1" });
  if (!tree) throw new NotFoundError();
  return { body: tree };
});

/** POST /api/v1/org-units {parentId, name, kind, category?, code?, hasCommittee?, activeFrom} */
export const POST = apiRoute(async ({ request, user, requestId }) => {
  const created = await createOrgUnit(user, await readJson(request), { requestId });
  return { body: created, status: 201 };
});
