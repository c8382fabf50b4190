"use server";

// Rubric administration. The service decides who may do what (settings.manage to change, scorers
// to read; versions only where every assignment of the code is inside the admin's subtree) and
// audits every change.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, defineSearch } from "@/lib/actions/define-action";
import { searchQuery } from "@/lib/input/search-query";
import messages from "@/lib/i18n/messages";
import { importFileSchema, importFileText } from "@/lib/rule-sets/input";
import type { UnitOption } from "@/lib/org/units";
import {
  cloneRubric,
  createAssignment,
  endAssignment,
  importRubric,
  previewRubricChoice,
  saveRubricVersion,
  searchUnitsForRubrics,
} from "@/lib/scoring/rubric-admin";
import {
  cloneRubricSchema,
  createAssignmentSchema,
  endAssignmentSchema,
  previewRubricSchema,
  saveRubricVersionSchema,
} from "@/lib/scoring/rubric-admin-schemas";

/** A rubric file is a few tens of kilobytes; anything much larger is not one. */

function opened(id: string, done: string): never {
  revalidatePath("/settings/rubrics", "layout");
  redirect(`/settings/rubrics/${id}?done=${done}`);
}

export const cloneRubricAction = defineAction(cloneRubricSchema, async ({ user, input, requestId }): Promise<null> => {
  const saved = await cloneRubric(user, input, { requestId });
  opened(saved.id, "cloned");
});

/** Both edit forms (the usual fields, and the whole JSON) save through here. */
export const saveRubricVersionAction = defineAction(saveRubricVersionSchema, async ({ user, input, requestId }): Promise<null> => {
  const saved = await saveRubricVersion(user, input, { requestId });
  opened(saved.id, "saved");
});

const rubricWord = messages.ruleSetsServer.rubricInput.rubric;

export const importRubricAction = defineAction(importFileSchema(rubricWord), async ({ user, input, requestId }): Promise<null> => {
  const saved = await importRubric(user, await importFileText(input.file, rubricWord), { requestId });
  opened(saved.id, saved.created ? "imported" : "importedVersion");
});

export const createAssignmentAction = defineAction(createAssignmentSchema, async ({ user, input, requestId }): Promise<null> => {
  const created = await createAssignment(user, input, { requestId });
  revalidatePath("/settings/rubrics", "layout");
  redirect(`/settings/rubrics/assignments?done=created#assignment-${created.id}`);
});

export const endAssignmentAction = defineAction(endAssignmentSchema, async ({ user, input, requestId }): Promise<null> => {
  await endAssignment(user, input, { requestId });
  revalidatePath("/settings/rubrics", "layout");
  redirect("/settings/rubrics/assignments?done=ended");
});

export const previewRubricAction = defineAction(previewRubricSchema, async ({ user, input }) => previewRubricChoice(user, input));

export const searchAssignUnitsAction = defineSearch(
  z.tuple([searchQuery]),
  async ({ user, args: [query] }): Promise<UnitOption[]> => searchUnitsForRubrics(user, { q: query, purpose: "assign" }),
  [],
);

export const searchPreviewUnitsAction = defineSearch(
  z.tuple([searchQuery]),
  async ({ user, args: [query] }): Promise<UnitOption[]> => searchUnitsForRubrics(user, { q: query, purpose: "preview" }),
  [],
);
