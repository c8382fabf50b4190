// GET /api/v1/my: the members' view of the caller (their meetings, documents, attendance, tasks).
import { apiRoute } from "@/lib/api/handler";
import { memberOverviewJson } from "@/lib/calendar/json";
import { memberOverview } from "@/lib/calendar/member-view";

export const GET = apiRoute(async ({ user }) => ({ body: memberOverviewJson(await memberOverview(user)) }));
