"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { createCalendarToken } from "@/lib/auth/tokens";

// "Tạo liên kết lịch": a CALENDAR token (it reads the feed and nothing else) for the calendar app of
// the signed-in user (their own account; no org unit to authorize). The page builds the feed URL
// from it, shown once; it is listed and revocable on the account page.
export const createCalendarLinkAction = defineAction(z.object({}), async ({ user, requestId }) => {
  const t = await getTranslations("outputs.calendar");
  const created = await createCalendarToken(user, t("tokenName"), { requestId });
  revalidatePath("/account");
  return { token: created.token };
});
