"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { createToken } from "@/lib/auth/tokens";

// "Tạo liên kết lịch": a personal access token for the calendar app of the signed-in user (their
// own account; no org unit to authorize). The page builds the feed URL from it, shown once.
export const createCalendarLinkAction = defineAction(z.object({}), async ({ user, requestId }) => {
  const t = await getTranslations("outputs.calendar");
  const created = await createToken(user, { name: t("tokenName"), expiresInDays: 365 }, { requestId });
  revalidatePath("/account");
  return { token: created.token };
});
