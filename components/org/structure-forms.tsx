"use client";

// Move, close and merge: the forms that change the shape of the tree.
import { useTranslations } from "next-intl";
import { FormError, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { UnitPicker } from "@/components/admin/search-picker";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { UnitOption } from "@/lib/org/units";

function Actions({ pending, submit, cancelHref }: { pending: boolean; submit: string; cancelHref: string }) {
  const t = useTranslations("orgAdmin");
  return (
    <div className="flex flex-wrap gap-3">
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? t("saving") : submit}
      </Button>
      <ButtonLink href={cancelHref} variant="ghost">
        {t("cancel")}
      </ButtonLink>
    </div>
  );
}

export function MoveForm({
  action,
  unit,
  initial,
  search,
}: {
  action: FormAction<null>;
  unit: { id: string; version: number; parentName: string | null };
  initial: UnitOption[];
  search: (query: string) => Promise<UnitOption[]>;
}) {
  const t = useTranslations("orgAdmin.move");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5" noValidate>
      <FormError state={state} />
      <input type="hidden" name="id" value={unit.id} />
      <input type="hidden" name="version" value={unit.version} />
      {unit.parentName ? <p className="text-base text-ink-800">{t("current", { name: unit.parentName })}</p> : null}
      <UnitPicker
        name="newParentId"
        label={t("newParent")}
        hint={t("newParentHint")}
        initial={initial}
        search={search}
        errors={fieldErrors.newParentId}
      />
      <Alert tone="info">{t("note")}</Alert>
      <Actions pending={pending} submit={t("submit")} cancelHref={`/org/${unit.id}`} />
    </form>
  );
}

export function CloseForm({
  action,
  unit,
  today,
}: {
  action: FormAction<null>;
  unit: { id: string; version: number };
  today: string;
}) {
  const t = useTranslations("orgAdmin.close");
  const { state, pending, onSubmit, fieldErrors, dialog } = useKeptAction(action, {
    confirm: () => ({ title: t("confirm.title"), body: <p>{t("confirm.body")}</p>, confirmLabel: t("confirm.action"), tone: "danger" }),
  });
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5" noValidate>
      {dialog}
      <FormError state={state} />
      <input type="hidden" name="id" value={unit.id} />
      <input type="hidden" name="version" value={unit.version} />
      <TextField label={t("date")} name="activeTo" type="date" defaultValue={today} hint={t("dateHint")} required errors={fieldErrors.activeTo} />
      <TextAreaField label={t("reason")} name="closeReason" hint={t("reasonHint")} required maxLength={500} errors={fieldErrors.closeReason} />
      <Actions pending={pending} submit={t("submit")} cancelHref={`/org/${unit.id}`} />
    </form>
  );
}

export function MergeForm({
  action,
  unit,
  siblings,
  search,
  today,
}: {
  action: FormAction<null>;
  unit: { id: string; version: number };
  siblings: UnitOption[];
  search: (query: string) => Promise<UnitOption[]>;
  today: string;
}) {
  const t = useTranslations("orgAdmin.merge");
  const { state, pending, onSubmit, fieldErrors, dialog } = useKeptAction(action, {
    confirm: () => ({ title: t("confirm.title"), body: <p>{t("confirm.body")}</p>, confirmLabel: t("confirm.action"), tone: "danger" }),
  });
  return (
    <form onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5" noValidate>
      {dialog}
      <FormError state={state} />
      <input type="hidden" name="sourceId" value={unit.id} />
      <input type="hidden" name="version" value={unit.version} />
      <UnitPicker name="targetId" label={t("target")} hint={t("targetHint")} initial={siblings} search={search} errors={fieldErrors.targetId} />
      <TextField
        label={t("date")}
        name="effectiveFrom"
        type="date"
        defaultValue={today}
        hint={t("dateHint")}
        required
        errors={fieldErrors.effectiveFrom}
      />
      <TextAreaField label={t("reason")} name="closeReason" hint={t("reasonHint")} maxLength={500} errors={fieldErrors.closeReason} />
      <Actions pending={pending} submit={t("submit")} cancelHref={`/org/${unit.id}`} />
    </form>
  );
}
