"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth/auth";
import { logoutEverywhere } from "@/lib/auth/session-version";

// "Đăng xuất trên mọi thiết bị": every session of the account ends (this one too, so the person is
// sent to the login page). Allowed with a temporary password: ending sessions is always safe.
export const logoutEverywhereAction = defineAction(
  z.object({}),
  async ({ user, requestId }) => {
    await logoutEverywhere(user, requestId);
    await signOut({ redirectTo: "/login" });
    return null;
  },
  { allowTemporaryPassword: true },
);
