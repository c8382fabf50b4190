"use client";

import { useTranslations } from "next-intl";
import { FormError, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Paste a CSV (or open it in a spreadsheet, copy, paste): all lines or none are written. */
export function DuesImportForm({ branchId, action }: { branchId: string; action: FormAction<{ rows: number; changed: number }> }) {
  const t = useTranslations("dues");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="branchId" value={branchId} />
      <FormError state={state} />
      {state?.ok ? <Alert tone="success">{t("csvImport.done", { rows: state.data.rows, changed: state.data.changed })}</Alert> : null}
      <TextAreaField label={t("csvImport.file")} name="csv" hint={t("csvImport.hint")} rows={6} errors={fieldErrors.csv} />
      <div>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("saving") : t("csvImport.submit")}
        </Button>
      </div>
    </form>
  );
}
