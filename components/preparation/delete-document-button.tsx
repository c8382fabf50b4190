"use client";

// Removing a posted document, after a confirmation (a posted paper may already have been read).
import { useTranslations } from "next-intl";
import type { FormEvent } from "react";
import { useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Button } from "@/components/ui/button";

export function DeleteDocumentButton({
  action,
  meetingId,
  documentId,
  title,
}: {
  action: FormAction<{ id: string }>;
  meetingId: string;
  documentId: string;
  title: string;
}) {
  const t = useTranslations("preparation.documents");
  const { state, pending, onSubmit } = useKeptAction(action);
  function confirmFirst(event: FormEvent<HTMLFormElement>) {
    if (!window.confirm(t("confirmDelete", { title }))) {
      event.preventDefault();
      return;
    }
    onSubmit(event);
  }
  return (
    <form noValidate onSubmit={confirmFirst} className="flex flex-col gap-1">
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="documentId" value={documentId} />
      <Button type="submit" variant="ghost" disabled={pending} aria-disabled={pending} className="text-danger-700">
        {pending ? t("deleting") : t("delete")}
        <span className="sr-only">{title}</span>
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="text-base font-medium text-danger-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
