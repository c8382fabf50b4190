"use client";

// The submit button of every oversight form: "Đang lưu…" while the action runs.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

export function Submit({ pending, children, variant = "primary", label }: { pending: boolean; children: ReactNode; variant?: "primary" | "secondary" | "ghost"; label?: string }) {
  const t = useTranslations("oversight");
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending} aria-label={label} className="self-start">
      {pending ? t("saving") : children}
    </Button>
  );
}
