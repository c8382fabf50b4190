import type { ReactNode } from "react";

export function PageHeader({ title, description, children }: { title: string; description?: ReactNode; children?: ReactNode }) {
  return (
    <header className="mb-6 flex flex-col gap-2">
      <h1 className="text-2xl font-bold text-ink-950 sm:text-3xl">{title}</h1>
      {description ? <p className="max-w-3xl text-lg text-ink-700">{description}</p> : null}
      {children}
    </header>
  );
}
