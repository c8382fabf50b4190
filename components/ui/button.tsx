import clsx from "clsx";
import Link from "next/link";
import type { ComponentProps } from "react";

type Variant = "primary" | "secondary" | "ghost";

/** Size, shape and disabled look: .btn in app/globals.css (one short class on every button). */
const base = "btn";

const variants: Record<Variant, string> = {
  primary: "bg-brand-700 text-white hover:bg-brand-800 active:bg-brand-900",
  secondary: "border border-ink-300 bg-white text-ink-900 hover:bg-ink-50 active:bg-ink-100",
  ghost: "text-ink-800 hover:bg-ink-100 active:bg-ink-200",
};

export function buttonClass(variant: Variant = "primary", className?: string): string {
  return clsx(base, variants[variant], className);
}

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...props
}: ComponentProps<"button"> & { variant?: Variant }) {
  return <button type={type} className={buttonClass(variant, className)} {...props} />;
}

export function ButtonLink({
  variant = "secondary",
  className,
  ...props
}: ComponentProps<typeof Link> & { variant?: Variant }) {
  return <Link className={buttonClass(variant, className)} {...props} />;
}
