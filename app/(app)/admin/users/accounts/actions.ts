"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createMemberAccounts, createMemberAccountsSchema } from "@/lib/accounts/member-accounts";

/** Returns the temporary passwords once, for printing; they are never stored in clear. */
export const createMemberAccountsAction = defineAction(createMemberAccountsSchema, async ({ user, input, requestId }) => {
  const result = await createMemberAccounts(user, input, { requestId });
  revalidatePath("/admin/users");
  revalidatePath("/");
  return result;
});
