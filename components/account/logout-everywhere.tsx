"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/define-action";

type Action = (previous: ActionResult<null> | null, formData: FormData) => Promise<ActionResult<null>>;

/** "Đăng xuất trên mọi thiết bị": ends every session of the account (the server then sends this browser to the login page). */
export function LogoutEverywhere({ action }: { action: Action }) {
  const t = useTranslations("account.sessions");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-base text-ink-700">{t("body")}</p>
      <p className="text-sm text-ink-700">{t("tokensNote")}</p>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <Button
        variant="secondary"
        className="self-start"
        disabled={pending}
        aria-disabled={pending}
        onClick={() => {
          if (!window.confirm(t("confirm"))) return;
          startTransition(() => formAction(new FormData()));
        }}
      >
        {pending ? t("loggingOut") : t("logoutEverywhere")}
      </Button>
    </div>
  );
}
