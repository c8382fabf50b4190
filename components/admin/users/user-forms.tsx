"use client";

// The forms of one account's page: profile, password reset, enable/disable, grant and revoke roles.
import { useTranslations } from "next-intl";
import { FormError, SelectField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { MemberPicker, UnitPicker } from "@/components/admin/search-picker";
import { TemporaryPassword } from "@/components/admin/users/temporary-password";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { MemberOption } from "@/lib/accounts/users";
import { Role } from "@/lib/generated/prisma/enums";
import type { UnitOption } from "@/lib/org/units";

interface Versioned {
  id: string;
  version: number;
}

function Hidden({ values }: { values: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export function ProfileForm({
  action,
  user,
  searchMembers,
}: {
  action: FormAction<null>;
  user: Versioned & { displayName: string; member: { id: string; fullName: string; branchName: string } | null };
  searchMembers: (query: string) => Promise<MemberOption[]>;
}) {
  const t = useTranslations("users");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <FormError state={state} />
      <Hidden values={{ id: user.id, version: user.version }} />
      <TextField label={t("fields.displayName")} name="displayName" defaultValue={user.displayName} required maxLength={120} errors={fieldErrors.displayName} />
      <MemberPicker name="memberId" label={t("fields.member")} hint={t("fields.memberHint")} search={searchMembers} current={user.member} errors={fieldErrors.memberId} />
      <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
        {pending ? t("saving") : t("detail.saveProfile")}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ action, user }: { action: FormAction<{ temporaryPassword: string }>; user: Versioned & { username: string } }) {
  const t = useTranslations("users");
  const { state, pending, onSubmit } = useKeptAction(action);
  if (state?.ok) return <TemporaryPassword username={user.username} password={state.data.temporaryPassword} />;
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <FormError state={state} />
      <Hidden values={{ id: user.id, version: user.version }} />
      <p className="text-base text-ink-700">{t("detail.resetHint")}</p>
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending} className="self-start">
        {pending ? t("saving") : t("detail.reset")}
      </Button>
    </form>
  );
}

export function DisableForm({ action, user }: { action: FormAction<null>; user: Versioned & { disabled: boolean; isSelf: boolean } }) {
  const t = useTranslations("users");
  // Disabling signs the person out at once: asked first. Enabling again needs no question.
  const { state, pending, onSubmit, dialog } = useKeptAction(action, {
    confirm: () =>
      user.disabled
        ? null
        : { title: t("detail.disableConfirm.title"), body: <p>{t("detail.disableConfirm.body")}</p>, confirmLabel: t("detail.disableConfirm.action"), tone: "danger" },
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      {dialog}
      <FormError state={state} />
      <Hidden values={{ id: user.id, version: user.version, disabled: String(!user.disabled) }} />
      <p className="text-base text-ink-700">
        {user.disabled ? t("detail.enableHint") : user.isSelf ? t("detail.selfDisableHint") : t("detail.disableHint")}
      </p>
      {user.isSelf && !user.disabled ? null : (
        <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending} className="self-start">
          {pending ? t("saving") : user.disabled ? t("detail.enable") : t("detail.disable")}
        </Button>
      )}
    </form>
  );
}

export function GrantForm({
  action,
  userId,
  searchUnits,
}: {
  action: FormAction<null>;
  userId: string;
  searchUnits: (query: string) => Promise<UnitOption[]>;
}) {
  const t = useTranslations();
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5" noValidate>
      <FormError state={state} />
      <Hidden values={{ userId }} />
      <SelectField
        label={t("users.fields.role")}
        name="role"
        defaultValue="RECORDER"
        options={Object.values(Role).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        errors={fieldErrors.role}
      />
      <UnitPicker name="orgUnitId" label={t("users.fields.unit")} hint={t("users.fields.unitHint")} search={searchUnits} errors={fieldErrors.orgUnitId} />
      <Button type="submit" disabled={pending} aria-disabled={pending} className="self-start">
        {pending ? t("users.saving") : t("users.detail.grant")}
      </Button>
    </form>
  );
}

export function RevokeButton({ action, userId, grantId, label }: { action: FormAction<null>; userId: string; grantId: string; label: string }) {
  const t = useTranslations("users");
  const { state, pending, onSubmit, dialog } = useKeptAction(action, {
    confirm: () => ({ title: t("detail.revokeConfirm.title"), body: <p>{t("detail.revokeConfirm.body", { label })}</p>, confirmLabel: t("detail.revokeConfirm.action"), tone: "danger" }),
  });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" noValidate>
      {dialog}
      <FormError state={state} />
      <Hidden values={{ userId, grantId }} />
      <Button type="submit" variant="ghost" disabled={pending} aria-disabled={pending} aria-label={label} className="self-start text-danger-700">
        {pending ? t("saving") : t("detail.revoke")}
      </Button>
    </form>
  );
}
