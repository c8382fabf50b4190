"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

/** A read-only value (a token, a feed URL) with a copy button; selecting the field also works on phones. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useTranslations("outputs.calendar");
  const id = useId();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-base font-semibold text-ink-900">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="min-h-12 w-full min-w-0 rounded-lg border border-ink-400 bg-ink-50 px-3 py-2 font-mono text-base text-ink-900"
        />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          {copied ? t("copied") : t("copy")}
        </Button>
      </div>
    </div>
  );
}
