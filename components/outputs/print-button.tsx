"use client";

import { Button } from "@/components/ui/button";

export function PrintButton({ label, variant = "primary" }: { label: string; variant?: "primary" | "secondary" | "ghost" }) {
  return (
    <Button onClick={() => window.print()} variant={variant} className={variant === "ghost" ? "px-0 text-brand-800 underline" : "w-full sm:w-auto"}>
      {label}
    </Button>
  );
}
