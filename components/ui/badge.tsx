import clsx from "clsx";
import type { ReactNode } from "react";

type Tone = "neutral" | "brand" | "muted" | "success";

const tones: Record<Tone, string> = {
  neutral: "bg-ink-100 text-ink-800",
  brand: "bg-brand-50 text-brand-800 ring-1 ring-brand-200",
  muted: "bg-ink-50 text-ink-600 ring-1 ring-ink-200",
  success: "bg-success-50 text-success-900",
};

/** Shape and size: .badge in app/globals.css. */
export function Badge({ tone = "neutral", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return (
    <span className={clsx("badge", tones[tone], className)}>
      {children}
    </span>
  );
}
