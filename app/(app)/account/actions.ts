"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { changePassword, changePasswordSchema } from "@/lib/auth/account";
import { signIn } from "@/lib/auth/auth";

// Only the signed-in user's own account: no org unit to authorize against. The one action a user
// with a temporary password may run (every other action refuses them until this one succeeds).
export const changePasswordAction = defineAction(
  changePasswordSchema,
  async ({ user, input, requestId }) => {
    await changePassword(user, input, requestId);
    // The change ended every session of the account, this one included: open a fresh one here with
    // the new password, so only the other browsers have to sign in again.
    await signIn("credentials", { username: user.username, password: input.newPassword, redirect: false });
    // The "temporary password" notice in the frame goes away.
    revalidatePath("/", "layout");
    return null;
  },
  { allowTemporaryPassword: true },
);
