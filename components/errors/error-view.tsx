"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { useDocumentRequestId } from "@/components/errors/request-id";
import { isDatabaseUnavailableDigest } from "@/lib/db/error-digest";

function digestOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const digest = (error as { digest?: unknown }).digest;
  return typeof digest === "string" ? digest : null;
}

/**
 * What error boundaries show: a specific page when the database cannot be reached (recognised by
 * the fixed digest DatabaseUnavailableError carries), otherwise a generic message with the
 * digest as a reference for the server log. Never the error's message or stack.
 */
export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations();
  const database = isDatabaseUnavailableDigest(error);
  const requestId = useDocumentRequestId();
  const reference = requestId ?? digestOf(error);
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto flex max-w-2xl flex-col gap-4 rounded-xl border border-ink-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-bold text-ink-950">{database ? t("errors.databaseTitle") : t("errors.title")}</h1>
      <p className="text-lg text-ink-800">{database ? t("errors.database") : t("errors.generic")}</p>
      {reference ? <p className="text-base text-ink-600">{t("errors.reference", { digest: reference })}</p> : null}
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => retry()}>{t("common.retry")}</Button>
        <ButtonLink href="/" variant="secondary">
          {t("common.backHome")}
        </ButtonLink>
      </div>
    </div>
  );
}
