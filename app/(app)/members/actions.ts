"use server";

// Server actions of the roster: parse with the service's own schema, call the service (which
// authorizes on the member's branch and on any target unit, and audits), refresh the pages.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "next/navigation";
import { defineAction, defineSearch } from "@/lib/actions/define-action";
import { noData, serviceAction } from "@/lib/actions/service-action";
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
  for (const path of memberPages({ memberId })) revalidatePath(path);
}

/** The member's page and the roster, where every change of a member shows. */
const memberPages = ({ memberId }: { memberId: string }) => [`/members/${memberId}`, "/members"];

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

export const transferMemberAction = serviceAction(transferMemberSchema, transferMember, memberPages, noData);

export const addExemptionAction = serviceAction(addExemptionSchema, addExemption, memberPages, noData);

export const addTemporaryTransferAction = serviceAction(addTemporaryTransferSchema, addTemporaryTransfer, memberPages, noData);

export const addSuspensionAction = serviceAction(addSuspensionSchema, addSuspension, memberPages, noData);

export const endPeriodAction = serviceAction(endPeriodSchema, endPeriod, memberPages, noData);

export const makeOfficialAction = serviceAction(makeOfficialSchema, makeOfficial, memberPages, ({ warnings }) =>
  warnings.length > 0 ? { ok: true as const, data: null, message: warnings.join(" ") } : null,
);

export const endMembershipAction = serviceAction(endMembershipSchema, endMembership, memberPages, noData);

export const assignPositionAction = serviceAction(assignPositionSchema, assignPosition, memberPages, noData);

export const endPositionAction = serviceAction(endPositionSchema, endPosition, memberPages, noData);

export const addResidenceLinkAction = serviceAction(addResidenceLinkSchema, addResidenceLink, memberPages, noData);

export const updateResidenceLinkAction = serviceAction(updateResidenceLinkSchema, updateResidenceLink, memberPages, noData);

export const saveResidenceCommentAction = serviceAction(residenceCommentSchema, saveResidenceComment, memberPages, noData);
