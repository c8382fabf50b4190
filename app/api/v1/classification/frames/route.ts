// JSON twins of the frames page: the tenant's classification frames, and the import of one as JSON.
import { apiRoute, readJson } from "@/lib/api/handler";
import { importFrame, listFrames } from "@/lib/classification/frame-admin";

/** GET /api/v1/classification/frames — every frame code of the tenant with its versions. */
export const GET = apiRoute(async ({ user }) => ({ body: await listFrames(user) }));

/** POST /api/v1/classification/frames {…a frame as exported…} → 201 {id, code, version, created}. */
export const POST = apiRoute(async ({ request, user, requestId }) => ({ body: await importFrame(user, await readJson(request), { requestId }), status: 201 }));
