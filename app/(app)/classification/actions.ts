"use server";

// Year-end classification: the workflow's steps, members' commitments, the cap setting, the year's
// targets and frame administration. Each action parses its form with the service's own schema and
// calls the service, which authorizes, checks the version and audits in one transaction.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { getCurrentUser } from "@/lib/auth/session";
import { saveCommitment, commitmentSchema } from "@/lib/classification/commitments";
import { cloneFrame, createFrameAssignment, endFrameAssignment, importFrame, saveFrameVersion } from "@/lib/classification/frame-admin";
import { cloneFrameSchema, createFrameAssignmentSchema, endFrameAssignmentSchema, saveFrameVersionSchema } from "@/lib/classification/frame-admin-schemas";
import { appraisalSchema, branchReviewSchema, bulkDecisionSchema, bulkReviewSchema, decisionSchema, returnSchema, selfAssessmentSchema } from "@/lib/classification/schemas";
import { capSettingSchema, saveCapSetting } from "@/lib/classification/settings";
import { classificationTargetsSchema, setClassificationTargets } from "@/lib/classification/shares";
import { appraise, decide, decideMany, recordBranchReview, recordBranchReviews, returnCase, saveSelfAssessment, type StepResult } from "@/lib/classification/workflow";
import messages from "@/lib/i18n/messages";
import { importFileSchema, importFileText } from "@/lib/rule-sets/input";
import type { UnitOption } from "@/lib/org/units";
import { searchUnitsForRubrics } from "@/lib/scoring/rubric-admin";


function back(result: StepResult, done: string): never {
  revalidatePath("/classification", "layout");
  redirect(`${result.href}&done=${done}`);
}

export const selfAssessmentAction = defineAction(selfAssessmentSchema, async ({ user, input, requestId }): Promise<null> => {
  const result = await saveSelfAssessment(user, input, { requestId });
  back(result, input.submit ? "submitted" : "saved");
});

export const branchReviewAction = defineAction(branchReviewSchema, async ({ user, input, requestId }): Promise<null> => back(await recordBranchReview(user, input, { requestId }), "reviewed"));

export const appraisalAction = defineAction(appraisalSchema, async ({ user, input, requestId }): Promise<null> => back(await appraise(user, input, { requestId }), "appraised"));

export const decisionAction = defineAction(decisionSchema, async ({ user, input, requestId }): Promise<null> => back(await decide(user, input, { requestId }), "decided"));

export const returnAction = defineAction(returnSchema, async ({ user, input, requestId }): Promise<null> => back(await returnCase(user, input, { requestId }), "returned"));

/** The board's lists: many cases of one unit at once; back to the board with the count. */
const boardFields = z.object({ boardUnit: z.string().min(1), period: z.string().min(1) });

export const bulkReviewAction = defineAction(z.intersection(bulkReviewSchema, boardFields), async ({ user, input, requestId }): Promise<null> => {
  const { count } = await recordBranchReviews(user, input, { requestId });
  revalidatePath("/classification", "layout");
  redirect(`/classification?unit=${encodeURIComponent(input.boardUnit)}&period=${encodeURIComponent(input.period)}&done=reviewed&count=${count}`);
});

export const bulkDecisionAction = defineAction(z.intersection(bulkDecisionSchema, boardFields), async ({ user, input, requestId }): Promise<null> => {
  const { count } = await decideMany(user, input, { requestId });
  revalidatePath("/classification", "layout");
  revalidatePath("/dashboard");
  redirect(`/classification?unit=${encodeURIComponent(input.boardUnit)}&period=${encodeURIComponent(input.period)}&done=decided&count=${count}`);
});

const commitmentFormSchema = commitmentSchema.extend({ returnTo: z.string().startsWith("/classification/") });

export const commitmentAction = defineAction(commitmentFormSchema, async ({ user, input, requestId }): Promise<null> => {
  await saveCommitment(user, input, { requestId });
  revalidatePath("/classification", "layout");
  redirect(`${input.returnTo}&done=commitment`);
});

export const capSettingAction = defineAction(capSettingSchema, async ({ user, input, requestId }): Promise<null> => {
  await saveCapSetting(user, input, { requestId });
  revalidatePath("/classification", "layout");
  redirect("/classification/frames?done=cap");
});

export const classificationTargetsAction = defineAction(classificationTargetsSchema, async ({ user, input, requestId }): Promise<null> => {
  await setClassificationTargets(user, input, { requestId });
  revalidatePath("/dashboard");
  redirect(`/classification/targets?year=${input.year}&done=saved`);
});

// ─── Frames ─────────────────────────────────────────────────────────────────────────────────────

function openedFrame(id: string, done: string): never {
  revalidatePath("/classification/frames", "layout");
  redirect(`/classification/frames/${id}?done=${done}`);
}

export const cloneFrameAction = defineAction(cloneFrameSchema, async ({ user, input, requestId }): Promise<null> => openedFrame((await cloneFrame(user, input, { requestId })).id, "cloned"));

export const saveFrameVersionAction = defineAction(saveFrameVersionSchema, async ({ user, input, requestId }): Promise<null> => openedFrame((await saveFrameVersion(user, input, { requestId })).id, "saved"));

const frameWord = messages.classificationServer.frameInput.frame;

export const importFrameAction = defineAction(importFileSchema(frameWord), async ({ user, input, requestId }): Promise<null> => {
  const saved = await importFrame(user, await importFileText(input.file, frameWord), { requestId });
  openedFrame(saved.id, saved.created ? "imported" : "importedVersion");
});

export const createFrameAssignmentAction = defineAction(createFrameAssignmentSchema, async ({ user, input, requestId }): Promise<null> => {
  const created = await createFrameAssignment(user, input, { requestId });
  revalidatePath("/classification", "layout");
  redirect(`/classification/frames/assignments?done=created#assignment-${created.id}`);
});

export const endFrameAssignmentAction = defineAction(endFrameAssignmentSchema, async ({ user, input, requestId }): Promise<null> => {
  await endFrameAssignment(user, input, { requestId });
  revalidatePath("/classification", "layout");
  redirect("/classification/frames/assignments?done=ended");
});

/** Units an administrator may assign a frame to (the same picker as rubric assignments). */
export async function searchFrameUnitsAction(query: string): Promise<UnitOption[]> {
  const user = await getCurrentUser();
  if (!user || typeof query !== "string") return [];
  return searchUnitsForRubrics(user, { q: query.slice(0, 100), purpose: "assign" });
}
