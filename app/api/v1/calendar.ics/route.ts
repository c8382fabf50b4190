// GET /api/v1/calendar.ics?token=<calendar link token>: the caller's meetings as an iCal feed.
// Calendar apps cannot send headers, so this one route also accepts a token in the query string,
// and only a CALENDAR token ("Tạo liên kết lịch"): a token that can do more never travels in a URL.
// Authorization: Bearer (any token scope that may read) and the session cookie work too.
import { randomUUID } from "node:crypto";
import { createTranslator } from "next-intl";
import messages from "@/lib/i18n/messages";
import { callerFor, errorResponse } from "@/lib/api/handler";
import { authenticateToken } from "@/lib/auth/tokens";
import { calendarFeed, type CalendarItem } from "@/lib/calendar/upcoming";
import { PasswordChangeRequiredError, UnauthenticatedError } from "@/lib/errors";
import { assertSafeInput } from "@/lib/input/unsafe-text";

/** The address the caller used (behind a proxy: its forwarded host), for the links in the events. */
function publicOrigin(request: Request, url: URL): string {
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(/:$/, "");
  return host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `${proto === "https" ? "https" : "http"}://${host}` : url.origin;
}

export async function GET(request: Request): Promise<Response> {
  const requestId = randomUUID();
  try {
    const url = new URL(request.url);
    const queryToken = url.searchParams.get("token");
    let user;
    if (queryToken !== null) {
      assertSafeInput(queryToken);
      const found = await authenticateToken(queryToken.trim());
      user = found?.tokenScope === "CALENDAR" ? found : null;
      if (!user) throw new UnauthenticatedError(messages.apiServer.calendar.feedLink);
      if (user.mustChangePassword) throw new PasswordChangeRequiredError();
    } else {
      user = await callerFor(request, { tokens: "calendar" });
    }
    // A plain translator: a feed is not rendered by React, and the catalog is the same.
    const t = createTranslator({ locale: "vi", messages, namespace: "outputs" });
    const ics = await calendarFeed(user, {
      origin: publicOrigin(request, url),
      labels: {
        calendarName: t("calendar.feedName", { name: "displayName" in user ? String(user.displayName) : "" }),
        describe: (item: CalendarItem) =>
          [
            t("calendar.feedDescription", { kind: t(`kind.${item.kind}`), state: t(`state.${item.state}`) }),
            item.topic ? t("calendar.feedTopic", { topic: item.topic }) : null,
            item.stateReason ? t("calendar.reason", { reason: item.stateReason }) : null,
          ]
            .filter(Boolean)
            .join("\n"),
      },
    });
    return new Response(ics, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": 'inline; filename="lich-sinh-hoat.ics"',
        "Cache-Control": "private, no-store",
        "Referrer-Policy": "no-referrer",
        "X-Request-Id": requestId,
      },
    });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
