"use server";

// A user's own notifications: mark read (one, or all), and open one (mark it read, then follow its link).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { markNotificationsRead, markReadSchema } from "@/lib/notifications/notifications";

export const markReadAction = defineAction(markReadSchema, async ({ user, input, requestId }) => {
  const result = await markNotificationsRead(user, input, { requestId });
  // The header badge is in the layout of every page.
  revalidatePath("/", "layout");
  return { updated: result.updated };
});

export const openNotificationAction = defineAction(markReadSchema, async ({ user, input, requestId }): Promise<{ updated: number }> => {
  const result = await markNotificationsRead(user, input, { requestId });
  revalidatePath("/", "layout");
  if (result.link) redirect(result.link);
  return { updated: result.updated };
});
