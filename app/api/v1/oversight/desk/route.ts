// GET /api/v1/oversight/desk: the caller's desk as an overseer (followed branches, upcoming meetings
// with documents, held meetings waiting for their record, scorecards waiting for confirmation, recent
// visits, their own figure for the year).
import { apiRoute } from "@/lib/api/handler";
import { getDesk } from "@/lib/oversight/desk";

export const GET = apiRoute(async ({ user }) => ({ body: await getDesk(user) }));
