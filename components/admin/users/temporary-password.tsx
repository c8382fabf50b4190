"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** A temporary password, shown once: large, copyable, with what to do with it. */
export function TemporaryPassword({ username, password }: { username: string; password: string }) {
  const t = useTranslations("users.password");
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Alert tone="success" title={t("title")}>
      <p>{t("giveTo", { username })}</p>
      <p className="my-3 flex flex-wrap items-center gap-3">
        <code className="rounded-md bg-white px-3 py-2 font-mono text-2xl font-bold tracking-wider break-all text-ink-950 ring-1 ring-success-700/30">
          {password}
        </code>
        <Button variant="secondary" onClick={copy}>
          {copied ? t("copied") : t("copy")}
        </Button>
      </p>
      <p>{t("once")}</p>
    </Alert>
  );
}
