"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";
import { CopyField } from "./copy-field";

type Action = (previous: ActionResult<{ token: string }> | null, formData: FormData) => Promise<ActionResult<{ token: string }>>;

const noSubscribe = () => () => {};

/** Creates a calendar token and shows the feed URL once (built with this site's own address). */
export function CalendarLink({ action, feedPath }: { action: Action; feedPath: string }) {
  const t = useTranslations("outputs.calendar");
  const [state, formAction, pending] = useActionState(action, null);
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => "");
  return (
    <div className="flex flex-col gap-4">
      <p className="text-base text-ink-700">{t("feedBody")}</p>
      {state?.ok ? (
        <Alert tone="success" title={t("feedCreated")}>
          <div className="mt-2 flex flex-col gap-2">
            <CopyField label={t("feedUrlLabel")} value={`${origin}${feedPath}?token=${state.data.token}`} />
            <p className="text-sm">{t("feedHelp")}</p>
          </div>
        </Alert>
      ) : null}
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? null : (
        <Button
          className="self-start"
          disabled={pending}
          aria-disabled={pending}
          onClick={() => startTransition(() => formAction(new FormData()))}
        >
          {pending ? t("feedCreating") : t("feedCreate")}
        </Button>
      )}
    </div>
  );
}
