// POST /api/v1/classification/preview: points, level and conditions for a frame (by code or inline),
// marks and condition facts; nothing is saved (see lib/classification/preview.ts for the errors).
import { apiRoute, readJson } from "@/lib/api/handler";
import { previewClassification } from "@/lib/classification/preview";

export const POST = apiRoute(async ({ request, user }) => ({ body: await previewClassification(user, await readJson(request)) }));
