// next-intl request configuration (no locale routing): the UI is Vietnamese only, shown in
// Vietnam's time zone. Referenced from next.config.ts through createNextIntlPlugin.
import { getRequestConfig } from "next-intl/server";
import { LOCALE } from "@/lib/i18n/format";
import messages from "@/lib/i18n/messages";
import { TIME_ZONE } from "@/lib/time/days";

export default getRequestConfig(async () => ({
  locale: LOCALE,
  timeZone: TIME_ZONE,
  messages,
}));
