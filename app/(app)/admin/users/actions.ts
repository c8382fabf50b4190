"use server";

// Account administration. The services decide who may manage which account (user.manage over the
// subtree the account is anchored in) and audit every change.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "next/navigation";
import { defineAction, defineSearch } from "@/lib/actions/define-action";
import { searchQuery } from "@/lib/input/search-query";
import {
  createUser,
  createUserSchema,
  grantRole,
  grantRoleSchema,
  resetPassword,
  revokeRole,
  revokeRoleSchema,
  searchMembersForLink,
  setDisabledSchema,
  setUserDisabled,
  updateUser,
  updateUserSchema,
  userVersionSchema,
  type MemberOption,
} from "@/lib/accounts/users";
import { searchUnitsForPicker, type UnitOption } from "@/lib/org/units";

function done(userId: string, what: string): never {
  revalidatePath("/admin/users", "layout");
  redirect(`/admin/users/${userId}?done=${what}`);
}

/** Returns the generated password so the form can show it once; it is never stored in clear. */
export const createUserAction = defineAction(createUserSchema, async ({ user, input, requestId }) => {
  const created = await createUser(user, input, { requestId });
  revalidatePath("/admin/users");
  return created;
});

export const updateUserAction = defineAction(updateUserSchema, async ({ user, input, requestId }): Promise<null> => {
  await updateUser(user, input, { requestId });
  done(input.id, "updated");
});

export const resetPasswordAction = defineAction(userVersionSchema, async ({ user, input, requestId }) => {
  const result = await resetPassword(user, input, { requestId });
  revalidatePath(`/admin/users/${input.id}`);
  return result;
});

export const setDisabledAction = defineAction(setDisabledSchema, async ({ user, input, requestId }): Promise<null> => {
  await setUserDisabled(user, input, { requestId });
  done(input.id, input.disabled ? "disabled" : "enabled");
});

export const grantRoleAction = defineAction(grantRoleSchema, async ({ user, input, requestId }): Promise<null> => {
  await grantRole(user, input, { requestId });
  done(input.userId, "granted");
});

export const revokeRoleAction = defineAction(revokeRoleSchema, async ({ user, input, requestId }): Promise<null> => {
  await revokeRole(user, input, { requestId });
  done(input.userId, "revoked");
});

export const searchMembersAction = defineSearch(
  z.tuple([searchQuery]),
  async ({ user, args: [query] }): Promise<MemberOption[]> => searchMembersForLink(user, query),
  [],
);

export const searchGrantUnitsAction = defineSearch(
  z.tuple([searchQuery]),
  async ({ user, args: [query] }): Promise<UnitOption[]> => searchUnitsForPicker(user, { purpose: "grant", q: query }),
  [],
);
