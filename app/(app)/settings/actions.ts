"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { saveSetting, saveSettingSchema } from "@/lib/settings/admin";

export const saveSettingAction = defineAction(saveSettingSchema, async ({ user, input, requestId }) => {
  const result = await saveSetting(user, input, { requestId });
  revalidatePath("/settings");
  return result;
});
