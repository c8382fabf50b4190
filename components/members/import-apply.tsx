"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { ImportProgressBar } from "@/components/members/import-progress";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";

export interface AppliedCounts {
  created: number;
  updated: number;
  transferred: number;
  positions: number;
}

type Action = (previous: ActionResult<AppliedCounts> | null, formData: FormData) => Promise<ActionResult<AppliedCounts>>;

/** Confirm → apply, with a busy state while the one big transaction runs, then the counts. */
export function ImportApply({ importId, creates, updates, action }: { importId: string; creates: number; updates: number; action: Action }) {
  const t = useTranslations("rosterImport.apply");
  const format = useFormatter();
  const [state, formAction, pending] = useActionState(action, null);
  const n = (value: number) => format.number(value);

  if (state?.ok) {
    return (
      <Alert tone="success" title={t("successTitle")}>
        {t("success", {
          created: n(state.data.created),
          updated: n(state.data.updated),
          transferred: n(state.data.transferred),
          positions: n(state.data.positions),
        })}
      </Alert>
    );
  }
  return (
    <form noValidate action={formAction} className="flex flex-col gap-4" aria-busy={pending}>
      <input type="hidden" name="importId" value={importId} />
      <p className="text-base text-ink-800">{t("hint", { create: n(creates), update: n(updates) })}</p>
      {pending ? <ImportProgressBar percent={null} label={t("progressLabel")} detail={t("working", { count: n(creates + updates) })} /> : null}
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
