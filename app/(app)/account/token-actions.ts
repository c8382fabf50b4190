"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createToken, createTokenSchema, revokeToken, revokeTokenSchema } from "@/lib/auth/tokens";

// Personal access tokens of the signed-in user's own account: no org unit to authorize against.
// The clear token travels back once, in this answer, and is never stored.
export const createTokenAction = defineAction(createTokenSchema, async ({ user, input, requestId }) => {
  const created = await createToken(user, input, { requestId });
  revalidatePath("/account");
  return { token: created.token, name: created.name };
});

export const revokeTokenAction = defineAction(revokeTokenSchema, async ({ user, input, requestId }) => {
  const revoked = await revokeToken(user, input, { requestId });
  revalidatePath("/account");
  return { name: revoked.name };
});
