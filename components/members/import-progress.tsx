import clsx from "clsx";

/**
 * A progress bar (role="progressbar"). `percent` null means "working, amount unknown": the bar
 * pulses and aria-valuenow is left out, as ARIA prescribes for indeterminate progress.
 */
export function ImportProgressBar({ percent, label, detail }: { percent: number | null; label: string; detail?: string }) {
  const value = percent === null ? null : Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-base">
        <span className="font-semibold text-ink-900">{label}</span>
        {value !== null ? <span className="tabular-nums text-ink-700">{value}%</span> : null}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={detail ?? label}
        className="h-4 w-full overflow-hidden rounded-full bg-ink-100"
      >
        <div
          className={clsx("h-full rounded-full bg-brand-700 transition-[width] duration-300", value === null && "w-1/3 animate-pulse")}
          style={value === null ? undefined : { width: `${value}%` }}
        />
      </div>
      {detail ? (
        <p className="text-base text-ink-700" aria-live="polite">
          {detail}
        </p>
      ) : null}
    </div>
  );
}
