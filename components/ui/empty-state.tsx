import type { ReactNode } from "react";

/** What is missing, and what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-ink-300 bg-white px-6 py-10 text-center">
      <p className="text-xl font-semibold text-ink-900">{title}</p>
      {children ? <div className="mx-auto mt-2 max-w-xl text-base text-ink-700">{children}</div> : null}
    </div>
  );
}
