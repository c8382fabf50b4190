"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { changePassword, changePasswordSchema } from "@/lib/auth/account";

// Only the signed-in user's own account: no org unit to authorize against. The one action a user
// with a temporary password may run (every other action refuses them until this one succeeds).
export const changePasswordAction = defineAction(
  changePasswordSchema,
  async ({ user, input, requestId }) => {
    await changePassword(user, input, requestId);
    // The "temporary password" notice in the frame goes away.
    revalidatePath("/", "layout");
    return null;
  },
  { allowTemporaryPassword: true },
);
