import clsx from "clsx";
import type { ReactNode } from "react";

export function Card({
  title,
  titleAs: Heading = "h2",
  actions,
  children,
  className,
}: {
  title?: ReactNode;
  titleAs?: "h2" | "h3";
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <section className={clsx("rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6", className)}>
      {title || actions ? (
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          {title ? <Heading className="text-xl font-semibold text-ink-900">{title}</Heading> : null}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}
