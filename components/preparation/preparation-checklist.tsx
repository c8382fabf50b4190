// The four preparation steps at a glance (SPEC §3.1): done, still to do, late, or not applicable.
import clsx from "clsx";

export type StepStatus = "done" | "todo" | "late" | "na";

export interface ChecklistStep {
  id: string;
  label: string;
  status: StepStatus;
  statusLabel: string;
  detail: string;
  href?: string;
}

const marks: Record<StepStatus, { symbol: string; className: string }> = {
  done: { symbol: "✓", className: "bg-success-50 text-success-900 ring-success-700" },
  todo: { symbol: "○", className: "bg-white text-ink-700 ring-ink-300" },
  late: { symbol: "!", className: "bg-warning-50 text-warning-900 ring-warning-600" },
  na: { symbol: "–", className: "bg-ink-50 text-ink-600 ring-ink-200" },
};

export function PreparationChecklist({ steps, label }: { steps: readonly ChecklistStep[]; label: string }) {
  return (
    <ol aria-label={label} className="flex flex-col gap-3">
      {steps.map((step) => {
        const mark = marks[step.status];
        return (
          <li key={step.id} className="flex items-start gap-3">
            <span
              aria-hidden="true"
              className={clsx("mt-0.5 inline-flex size-8 shrink-0 items-center justify-center rounded-full font-bold ring-2", mark.className)}
            >
              {mark.symbol}
            </span>
            <div className="min-w-0">
              <p className="text-base font-semibold text-ink-900">
                {step.href ? (
                  <a href={step.href} className="text-ink-900 underline decoration-ink-300 underline-offset-4 hover:decoration-ink-700">
                    {step.label}
                  </a>
                ) : (
                  step.label
                )}
                <span className="ml-2 text-sm font-medium text-ink-700">({step.statusLabel})</span>
              </p>
              <p className="text-base text-ink-700">{step.detail}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
