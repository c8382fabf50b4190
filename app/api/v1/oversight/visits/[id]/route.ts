// PATCH /api/v1/oversight/visits/{id}: corrects the remarks and guidance of one's own visit
// ({ version, remarks, guidance }) until the meeting is locked.
import { apiRoute, readJson } from "@/lib/api/handler";
import { updateVisitNotes } from "@/lib/oversight/visits";

export const PATCH = apiRoute<{ id: string }>(async ({ request, user, params, requestId }) => ({
  body: await updateVisitNotes(user, { ...(await readJson(request)), visitId: params.id }, { requestId }),
}));
