// Plain SVG charts, drawn on the server: no charting library, no JavaScript in the browser, nothing
// fetched at runtime. Each chart is an image with a text alternative; the numbers themselves are in
// the table printed under it (the table is the accessible version).
import clsx from "clsx";

export interface Bar {
  label: string;
  /** The bar's height: a share 0–1 (percent charts) or a count. */
  value: number | null;
  /** What the bar's label above it says ("85,6%", "12"). */
  display: string;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 24, right: 8, bottom: 28, left: 40 };

function axisMax(values: readonly (number | null)[], percent: boolean): number {
  if (percent) return 1;
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  if (max <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / magnitude) * magnitude;
}

function gridLabel(v: number, percent: boolean): string {
  return percent ? `${Math.round(v * 100)}%` : v.toLocaleString("vi-VN");
}

/** Vertical bars, one per month (or quarter); `target` draws a dashed line (a share 0–1). */
export function BarChart({
  bars,
  percent,
  label,
  target,
  tone = "brand",
}: {
  bars: readonly Bar[];
  percent: boolean;
  /** The text alternative: what the chart shows. */
  label: string;
  target?: number | null;
  tone?: "brand" | "info" | "success";
}) {
  const max = axisMax(bars.map((b) => b.value), percent);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, bars.length);
  const barW = Math.min(40, slot * 0.6);
  const y = (v: number) => PAD.top + innerH - (Math.min(v, max) / max) * innerH;
  const fill = { brand: "fill-brand-700", info: "fill-info-700", success: "fill-success-700" }[tone];
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="h-auto w-full" preserveAspectRatio="xMidYMid meet">
      {[0, 0.25, 0.5, 0.75, 1].map((f) => (
        <g key={f}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(f * max)} y2={y(f * max)} className="stroke-ink-200" strokeWidth={1} />
          <text x={PAD.left - 6} y={y(f * max) + 4} textAnchor="end" className="fill-ink-600 text-[11px]">
            {gridLabel(f * max, percent)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const x = PAD.left + slot * i + (slot - barW) / 2;
        const top = b.value === null ? y(0) : y(b.value);
        return (
          <g key={b.label}>
            {b.value !== null ? <rect x={x} y={top} width={barW} height={Math.max(0, y(0) - top)} rx={3} className={fill} /> : null}
            <text x={x + barW / 2} y={top - 5} textAnchor="middle" className="fill-ink-800 text-[11px] font-semibold">
              {b.value === null ? "—" : b.display}
            </text>
            <text x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle" className="fill-ink-700 text-[11px]">
              {b.label}
            </text>
          </g>
        );
      })}
      {target !== undefined && target !== null ? (
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(target)} y2={y(target)} className="stroke-warning-600" strokeWidth={2} strokeDasharray="6 4" />
      ) : null}
    </svg>
  );
}

export interface StackSegment {
  key: string;
  label: string;
  className: string;
}

/** Stacked counts per month (the level distribution), with its legend. */
export function StackedBarChart({
  columns,
  segments,
  label,
}: {
  columns: readonly { label: string; values: Record<string, number> }[];
  segments: readonly StackSegment[];
  label: string;
}) {
  const totals = columns.map((c) => segments.reduce((n, s) => n + (c.values[s.key] ?? 0), 0));
  const max = axisMax(totals, false);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, columns.length);
  const barW = Math.min(40, slot * 0.6);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  return (
    <div className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="h-auto w-full" preserveAspectRatio="xMidYMid meet">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(f * max)} y2={y(f * max)} className="stroke-ink-200" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(f * max) + 4} textAnchor="end" className="fill-ink-600 text-[11px]">
              {Math.round(f * max).toLocaleString("vi-VN")}
            </text>
          </g>
        ))}
        {columns.map((c, i) => {
          const x = PAD.left + slot * i + (slot - barW) / 2;
          let base = 0;
          return (
            <g key={c.label}>
              {segments.map((s) => {
                const v = c.values[s.key] ?? 0;
                const rect = v > 0 ? <rect key={s.key} x={x} y={y(base + v)} width={barW} height={y(base) - y(base + v)} className={s.className} /> : null;
                base += v;
                return rect;
              })}
              <text x={x + barW / 2} y={y(base) - 5} textAnchor="middle" className="fill-ink-800 text-[11px] font-semibold">
                {base.toLocaleString("vi-VN")}
              </text>
              <text x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle" className="fill-ink-700 text-[11px]">
                {c.label}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-ink-700" aria-hidden="true">
        {segments.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <svg viewBox="0 0 10 10" className="size-3">
              <rect width={10} height={10} className={s.className} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A horizontal progress bar towards a target (share 0–1 of the target reached). */
export function ProgressBar({ share, tone, label }: { share: number; tone: "success" | "warning" | "muted"; label: string }) {
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} className="h-2.5 w-full rounded-full bg-ink-100">
      <div
        className={clsx("h-2.5 rounded-full", tone === "success" ? "bg-success-700" : tone === "warning" ? "bg-warning-600" : "bg-ink-400")}
        style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%` }}
      />
    </div>
  );
}
