"use server";

// Org tree management. Each action parses its form with the service's schema, and the service
// authorizes (org.manage on the unit or its parent), re-validates and writes one audited transaction.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "next/navigation";
import { defineAction, defineSearch } from "@/lib/actions/define-action";
import { searchQuery } from "@/lib/input/search-query";
import {
  closeOrgUnit,
  closeOrgUnitSchema,
  createOrgUnit,
  createOrgUnitSchema,
  mergeBranches,
  mergeBranchesSchema,
  moveOrgUnit,
  moveOrgUnitSchema,
  searchUnitsForPicker,
  updateOrgUnit,
  updateOrgUnitSchema,
  type UnitOption,
  type UnitPickerPurpose,
} from "@/lib/org/units";

function done(unitId: string, what: string): never {
  // The tree, counts and detail pages all change.
  revalidatePath("/org", "layout");
  redirect(`/org/${unitId}?done=${what}`);
}

export const createOrgUnitAction = defineAction(createOrgUnitSchema, async ({ user, input, requestId }): Promise<null> => {
  const { id } = await createOrgUnit(user, input, { requestId });
  done(id, "created");
});

export const updateOrgUnitAction = defineAction(updateOrgUnitSchema, async ({ user, input, requestId }): Promise<null> => {
  await updateOrgUnit(user, input, { requestId });
  done(input.id, "updated");
});

export const moveOrgUnitAction = defineAction(moveOrgUnitSchema, async ({ user, input, requestId }): Promise<null> => {
  await moveOrgUnit(user, input, { requestId });
  done(input.id, "moved");
});

export const closeOrgUnitAction = defineAction(closeOrgUnitSchema, async ({ user, input, requestId }): Promise<null> => {
  await closeOrgUnit(user, input, { requestId });
  done(input.id, "closed");
});

export const mergeBranchesAction = defineAction(mergeBranchesSchema, async ({ user, input, requestId }): Promise<null> => {
  await mergeBranches(user, input, { requestId });
  done(input.targetId, "merged");
});

/** The unit pickers' search (bound to a purpose and unit by the page). Empty when signed out. */
export const searchUnitsAction = defineSearch(
  z.tuple([z.enum(["moveTarget", "mergeTarget", "grant"] satisfies UnitPickerPurpose[]), z.string().max(100).nullable(), searchQuery]),
  async ({ user, args: [purpose, unitId, query] }): Promise<UnitOption[]> =>
    searchUnitsForPicker(user, { purpose, unitId: unitId ?? undefined, q: query }),
  [],
);
