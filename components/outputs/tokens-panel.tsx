"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/actions/define-action";
import { CopyField } from "./copy-field";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  /** Already formatted for display (Vietnam time). */
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  status: "active" | "revoked" | "expired";
  scope: "CALENDAR" | "READ" | "FULL";
}

type CreateAction = (previous: ActionResult<{ token: string; name: string }> | null, formData: FormData) => Promise<ActionResult<{ token: string; name: string }>>;
type RevokeAction = (previous: ActionResult<{ name: string }> | null, formData: FormData) => Promise<ActionResult<{ name: string }>>;

function RevokeForm({ token, action }: { token: TokenRow; action: RevokeAction }) {
  const t = useTranslations("outputs.tokens");
  const [state, formAction, pending] = useActionState(action, null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!window.confirm(t("revokeConfirm", { name: token.name }))) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-2">
      <input type="hidden" name="id" value={token.id} />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
        {pending ? t("revoking") : t("revoke")}
      </Button>
    </form>
  );
}

export function TokensPanel({ tokens, createAction, revokeAction }: { tokens: TokenRow[]; createAction: CreateAction; revokeAction: RevokeAction }) {
  const t = useTranslations("outputs.tokens");
  const [state, formAction, pending] = useActionState(createAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  // Submitting through a transition keeps what was typed when the server refuses.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const statusTone = { active: "success", revoked: "muted", expired: "muted" } as const;

  return (
    <div className="flex flex-col gap-6">
      <p className="text-base text-ink-700">{t("description")}</p>
      {state?.ok ? (
        <Alert tone="success" title={t("created")}>
          <div className="mt-2 flex flex-col gap-2">
            <CopyField label={state.data.name} value={state.data.token} />
            <p className="text-sm">{t("usage")}</p>
          </div>
        </Alert>
      ) : null}
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <form ref={formRef} onSubmit={onSubmit} className="flex max-w-lg flex-col gap-4" noValidate>
        <TextField label={t("name")} name="name" hint={t("nameHint")} maxLength={100} required errors={errors.name} />
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-base font-semibold text-ink-900">{t("scope")}</legend>
          {(["READ", "FULL"] as const).map((scope) => (
            <label key={scope} className="flex min-h-12 items-center gap-3 text-lg text-ink-900">
              <input type="radio" name="scope" value={scope} defaultChecked={scope === "READ"} className="size-5" />
              {t(`scope${scope}`)}
            </label>
          ))}
          <p className="text-sm text-ink-700">{t("scopeHint")}</p>
          {errors.scope ? <p className="text-base font-medium text-danger-700">{errors.scope.join(" ")}</p> : null}
        </fieldset>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="token-expiry" className="text-base font-semibold text-ink-900">
            {t("expiry")}
          </label>
          <select
            id="token-expiry"
            name="expiresInDays"
            defaultValue="90"
            className="min-h-12 rounded-lg border border-ink-400 bg-white px-3 py-2 text-lg text-ink-900"
          >
            <option value="30">{t("expiry30")}</option>
            <option value="90">{t("expiry90")}</option>
            <option value="365">{t("expiry365")}</option>
          </select>
          <p className="text-sm text-ink-700">{t("expiryHint")}</p>
          {errors.expiresInDays ? <p className="text-base font-medium text-danger-700">{errors.expiresInDays.join(" ")}</p> : null}
        </div>
        <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
          {pending ? t("creating") : t("create")}
        </Button>
      </form>
      <div>
        <h3 className="mb-3 text-lg font-semibold text-ink-900">{t("list")}</h3>
        {tokens.length === 0 ? (
          <p className="text-base text-ink-700">{t("empty")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-ink-200 rounded-lg border border-ink-200">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink-950">
                    <span className="break-words">{token.name}</span>
                    <Badge tone={statusTone[token.status]}>{t(token.status)}</Badge>
                    <Badge tone="muted">{t(`scopeBadge.${token.scope}`)}</Badge>
                  </p>
                  <p className="font-mono text-sm text-ink-700">{token.prefix}…</p>
                  <p className="text-sm text-ink-700">
                    {t("createdAt", { at: token.createdAt })} · {token.lastUsedAt ? t("lastUsed", { at: token.lastUsedAt }) : t("neverUsed")} ·{" "}
                    {token.expiresAt ? t("expiresAt", { date: token.expiresAt }) : t("noExpiry")}
                  </p>
                </div>
                {token.status === "active" ? <RevokeForm token={token} action={revokeAction} /> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
