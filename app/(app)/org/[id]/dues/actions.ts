"use server";

// The đảng phí grid: each action hands the form to the service, which parses, authorizes (dues.record
// on the branch) and writes one audited transaction.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { importDuesCsv, setDuesMonth } from "@/lib/dues/dues";

const form = z.looseObject({});

export const setDuesMonthAction = defineAction(form, async ({ user, input, requestId }) => {
  const result = await setDuesMonth(user, input, { requestId });
  revalidatePath(`/org/${String(input.branchId)}/dues`);
  return result;
});

export const importDuesAction = defineAction(form, async ({ user, input, requestId }) => {
  const result = await importDuesCsv(user, input, { requestId });
  revalidatePath(`/org/${String(input.branchId)}/dues`);
  return result;
});
