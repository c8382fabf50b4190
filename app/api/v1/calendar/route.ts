// GET /api/v1/calendar?days=90: the caller's upcoming meetings (as the /calendar page shows them).
import { apiRoute, searchParamsOf } from "@/lib/api/handler";
import { ValidationError } from "@/lib/errors";
import { calendarJson, calendarQuerySchema } from "@/lib/calendar/json";
import { calendarItems, upcomingWindow } from "@/lib/calendar/upcoming";
import messages from "@/lib/i18n/messages";

const words = messages.apiServer.calendar;

export const GET = apiRoute(
  async ({ request, user }) => {
  const query = calendarQuerySchema.safeParse(searchParamsOf(request));
  if (!query.success) throw new ValidationError(words.days, { days: [words.days] });
    return { body: calendarJson(await calendarItems(user, upcomingWindow(new Date(), query.data.days ?? 90))) };
  },
  // The calendar link's token may read this JSON twin of the feed too (and nothing else).
  { tokens: "calendar" },
);
