"use server";

// Server actions of the annual plan page: the branch's default meeting day and time, and
// generating (or bringing up to date) the plan. The services authorize on the branch and audit.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { generatePlan, saveMeetingDefaults, type GeneratePlanResult } from "@/lib/meetings/plans";
import { generatePlanSchema, meetingDefaultsSchema } from "@/lib/meetings/schemas";

export const saveMeetingDefaultsAction = defineAction(meetingDefaultsSchema, async ({ user, input, requestId }) => {
  const result = await saveMeetingDefaults(user, input, { requestId });
  revalidatePath("/plans", "layout");
  return result;
});

export const generatePlanAction = defineAction(generatePlanSchema, async ({ user, input, requestId }): Promise<GeneratePlanResult> => {
  const result = await generatePlan(user, input, { requestId });
  revalidatePath("/plans", "layout");
  revalidatePath("/meetings", "layout");
  return result;
});
