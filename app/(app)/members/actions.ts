"use server";

// Server actions of the roster: parse with the service's own schema, call the service (which
// authorizes on the member's branch and on any target unit, and audits), refresh the pages.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "next/navigation";
import { defineAction, defineSearch } from "@/lib/actions/define-action";
import { searchQuery } from "@/lib/input/search-query";
import {
  addExemption,
  addSuspension,
  addTemporaryTransfer,
  assignPosition,
  endMembership,
  endPeriod,
  endPosition,
  makeOfficial,
  transferMember,
} from "@/lib/org/member-lifecycle";
import { addResidenceLink, saveResidenceComment, updateResidenceLink } from "@/lib/org/member-residence";
import {
  addExemptionSchema,
  addResidenceLinkSchema,
  addSuspensionSchema,
  addTemporaryTransferSchema,
  assignPositionSchema,
  createMemberSchema,
  endMembershipSchema,
  endPeriodSchema,
  endPositionSchema,
  makeOfficialSchema,
  residenceCommentSchema,
  transferMemberSchema,
  updateMemberSchema,
  updateResidenceLinkSchema,
} from "@/lib/org/member-schemas";
import { createMember, searchManagedBranches, updateMember, type BranchChoice } from "@/lib/org/members";

/** Branch search of the change forms when there are too many branches for a select; scoped to the caller. */
export const searchBranchesAction = defineSearch(
  z.tuple([searchQuery]),
  async ({ user, args: [query] }): Promise<BranchChoice[]> => searchManagedBranches(user, query),
  [],
);

function refresh(memberId: string): void {
  revalidatePath(`/members/${memberId}`);
  revalidatePath("/members");
}

// Both end on the member's page: redirect() throws, so the declared null is never returned.
export const createMemberAction = defineAction(createMemberSchema, async ({ user, input, requestId }): Promise<null> => {
  const { id } = await createMember(user, input, { requestId });
  revalidatePath("/members");
  redirect(`/members/${id}`);
});

export const updateMemberAction = defineAction(updateMemberSchema, async ({ user, input, requestId }): Promise<null> => {
  await updateMember(user, input, { requestId });
  refresh(input.id);
  redirect(`/members/${input.id}`);
});

export const transferMemberAction = defineAction(transferMemberSchema, async ({ user, input, requestId }) => {
  await transferMember(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const addExemptionAction = defineAction(addExemptionSchema, async ({ user, input, requestId }) => {
  await addExemption(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const addTemporaryTransferAction = defineAction(addTemporaryTransferSchema, async ({ user, input, requestId }) => {
  await addTemporaryTransfer(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const addSuspensionAction = defineAction(addSuspensionSchema, async ({ user, input, requestId }) => {
  await addSuspension(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const endPeriodAction = defineAction(endPeriodSchema, async ({ user, input, requestId }) => {
  await endPeriod(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const makeOfficialAction = defineAction(makeOfficialSchema, async ({ user, input, requestId }) => {
  const { warnings } = await makeOfficial(user, input, { requestId });
  refresh(input.memberId);
  return warnings.length > 0 ? { ok: true as const, data: null, message: warnings.join(" ") } : null;
});

export const endMembershipAction = defineAction(endMembershipSchema, async ({ user, input, requestId }) => {
  await endMembership(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const assignPositionAction = defineAction(assignPositionSchema, async ({ user, input, requestId }) => {
  await assignPosition(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const endPositionAction = defineAction(endPositionSchema, async ({ user, input, requestId }) => {
  await endPosition(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const addResidenceLinkAction = defineAction(addResidenceLinkSchema, async ({ user, input, requestId }) => {
  await addResidenceLink(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const updateResidenceLinkAction = defineAction(updateResidenceLinkSchema, async ({ user, input, requestId }) => {
  await updateResidenceLink(user, input, { requestId });
  refresh(input.memberId);
  return null;
});

export const saveResidenceCommentAction = defineAction(residenceCommentSchema, async ({ user, input, requestId }) => {
  await saveResidenceComment(user, input, { requestId });
  refresh(input.memberId);
  return null;
});
