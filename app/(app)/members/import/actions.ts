"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { applyImport } from "@/lib/org/roster-import";
import messages from "@/lib/i18n/messages";

// applyImport authorizes against the import's scope unit (404 outside the user's subtrees).
export const applyImportAction = defineAction(z.object({ importId: z.string().min(1, messages.apiServer.upload.importIdMissing) }), async ({ user, input, requestId }) => {
  const result = await applyImport(user, input.importId, { requestId });
  // Member lists, the org tree's counts and this report all changed.
  revalidatePath("/members", "layout");
  revalidatePath("/org", "layout");
  return { created: result.created, updated: result.updated, transferred: result.transferred, positions: result.positions };
});
