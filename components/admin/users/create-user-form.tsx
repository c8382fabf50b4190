"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, SelectField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { MemberPicker, UnitPicker } from "@/components/admin/search-picker";
import { TemporaryPassword } from "@/components/admin/users/temporary-password";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/text-field";
import type { CreateUserResult, MemberOption } from "@/lib/accounts/users";
import { Role } from "@/lib/generated/prisma/enums";
import type { UnitOption } from "@/lib/org/units";

export function CreateUserForm({
  action,
  searchMembers,
  searchUnits,
}: {
  action: FormAction<CreateUserResult>;
  searchMembers: (query: string) => Promise<MemberOption[]>;
  searchUnits: (query: string) => Promise<UnitOption[]>;
}) {
  const t = useTranslations();
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  const [mode, setMode] = useState<"generate" | "manual">("generate");

  if (state?.ok) {
    const created = state.data;
    return (
      <div className="flex max-w-2xl flex-col gap-4">
        {created.temporaryPassword ? (
          <TemporaryPassword username={created.username} password={created.temporaryPassword} />
        ) : (
          <p role="status" className="text-lg text-ink-900">
            {t("users.create.createdTyped", { username: created.username })}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <ButtonLink href={`/admin/users/${created.id}`} variant="primary">
            {t("users.create.open")}
          </ButtonLink>
          <ButtonLink href={`/admin/users/new?again=${created.id}`}>{t("users.create.another")}</ButtonLink>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-6" noValidate>
      <FormError state={state} />
      <Card title={t("users.create.account")} titleAs="h2">
        <div className="flex flex-col gap-5">
          <TextField
            label={t("users.fields.username")}
            name="username"
            hint={t("users.fields.usernameHint")}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={32}
            errors={fieldErrors.username}
          />
          <TextField label={t("users.fields.displayName")} name="displayName" autoComplete="off" required maxLength={120} errors={fieldErrors.displayName} />
          <MemberPicker
            name="memberId"
            label={t("users.fields.member")}
            hint={t("users.fields.memberHint")}
            search={searchMembers}
            errors={fieldErrors.memberId}
          />
        </div>
      </Card>
      <Card title={t("users.create.password")} titleAs="h2">
        <fieldset className="flex flex-col gap-2">
          <legend className="sr-only">{t("users.create.password")}</legend>
          {(["generate", "manual"] as const).map((value) => (
            <label key={value} className="flex min-h-11 cursor-pointer items-center gap-3 text-base text-ink-900">
              <input
                type="radio"
                name="passwordMode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
                className="size-5 accent-brand-700"
              />
              {t(`users.create.mode.${value}`)}
            </label>
          ))}
        </fieldset>
        {mode === "manual" ? (
          <TextField
            className="mt-4"
            label={t("users.fields.password")}
            name="password"
            type="text"
            autoComplete="off"
            hint={t("users.fields.passwordHint")}
            errors={fieldErrors.password}
          />
        ) : null}
        <p className="mt-3 text-sm text-ink-700">{t("users.create.mustChange")}</p>
      </Card>
      <Card title={t("users.create.firstRole")} titleAs="h2">
        <div className="flex flex-col gap-5">
          <p className="text-base text-ink-700">{t("users.create.firstRoleHint")}</p>
          <SelectField
            label={t("users.fields.role")}
            name="role"
            defaultValue=""
            options={[{ value: "", label: t("users.fields.noRole") }, ...Object.values(Role).map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
            errors={fieldErrors.role}
          />
          <UnitPicker name="orgUnitId" label={t("users.fields.unit")} hint={t("users.fields.unitHint")} search={searchUnits} errors={fieldErrors.orgUnitId} />
        </div>
      </Card>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("users.saving") : t("users.create.submit")}
        </Button>
        <Link href="/admin/users" className="inline-flex min-h-11 items-center px-3 text-base font-semibold text-ink-800 underline">
          {t("users.cancel")}
        </Link>
      </div>
    </form>
  );
}
