import clsx from "clsx";
import type { ReactNode } from "react";

type Tone = "info" | "success" | "warning" | "error";

const tones: Record<Tone, string> = {
  info: "border-info-700 bg-info-50 text-info-900",
  success: "border-success-700 bg-success-50 text-success-900",
  warning: "border-warning-600 bg-warning-50 text-warning-900",
  error: "border-danger-700 bg-danger-50 text-danger-900",
};

/**
 * A message box. Errors and warnings use role="alert" so they are announced when they appear;
 * info and success use role="status" (polite).
 */
export function Alert({
  tone = "info",
  title,
  children,
  className,
}: {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "error" || tone === "warning" ? "alert" : "status"}
      className={clsx("rounded-lg border-l-4 px-4 py-3 text-base", tones[tone], className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={clsx(title && "mt-1")}>{children}</div> : null}
    </div>
  );
}
