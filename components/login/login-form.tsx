"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

export interface LoginState {
  /** Echoed back so the form keeps what was typed (never the password). */
  username: string;
  error?: string;
}

export function LoginForm({ action, next = null }: { action: (previous: LoginState | null, formData: FormData) => Promise<LoginState>; next?: string | null }) {
  const t = useTranslations("login");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate>
      {state?.error ? <Alert tone="error">{state.error}</Alert> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField
        // React resets the form after each submission; defaultValue puts the typed username back.
        label={t("username")}
        name="username"
        type="text"
        autoComplete="username"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        defaultValue={state?.username ?? ""}
      />
      <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={pending} aria-disabled={pending} className="mt-1 w-full text-lg">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
