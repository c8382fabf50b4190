"use server";

// The targets page's action: the same service and schema as PUT /api/v1/dashboard/targets.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setTargets, setTargetsSchema } from "@/lib/dashboard/targets";

export const setTargetsAction = defineAction(setTargetsSchema, async ({ user, input, requestId }) => {
  const targets = await setTargets(user, input, { requestId });
  revalidatePath("/dashboard");
  revalidatePath("/dashboard/targets");
  return { year: input.year, targets };
});
