"use client";

import { Button } from "@/components/ui/button";

/** Prints the page (its print styles decide what goes to paper). `link`: drawn as a text link among others. */
export function PrintButton({ label, variant = "primary" }: { label: string; variant?: "primary" | "secondary" | "link" }) {
  if (variant === "link") {
    return (
      <button type="button" onClick={() => window.print()} className="link-action">
        {label}
      </button>
    );
  }
  return (
    <Button onClick={() => window.print()} variant={variant} className="w-full sm:w-auto">
      {label}
    </Button>
  );
}
