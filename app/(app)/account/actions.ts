"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { changePassword, changePasswordSchema } from "@/lib/auth/account";
import { signIn } from "@/lib/auth/auth";

// Only the signed-in user's own account: no org unit to authorize against. The one action a user
// with a temporary password may run (every other action refuses them until this one succeeds).
export const changePasswordAction = defineAction(
  changePasswordSchema,
  async ({ user, input, requestId }): Promise<null> => {
    await changePassword(user, input, requestId);
    // The change ended every session of the account, this one included: open a fresh one here with
    // the new password, so only the other browsers have to sign in again.
    await signIn("credentials", { username: user.username, password: input.newPassword, redirect: false });
    // A redirect, not a re-render: Auth.js reads the session from the request's Cookie header, which
    // in this request is still the old (now ended) cookie; Next.js forwards the new cookie to the
    // page it redirects to. The page then says the change is done (and the temporary-password notice
    // is gone).
    redirect("/account?done=password#change-password");
  },
  { allowTemporaryPassword: true },
);
