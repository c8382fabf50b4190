"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import type { ActionResult } from "@/lib/actions/define-action";
import type { DuesGrid } from "@/lib/dues/dues";
import type { DuesStatus } from "@/lib/generated/prisma/enums";

type SetAction = (previous: ActionResult<{ changed: boolean }> | null, formData: FormData) => Promise<ActionResult<{ changed: boolean }>>;

const STATUSES: readonly DuesStatus[] = ["PAID", "UNPAID", "EXEMPT"];

/**
 * The month grid on a phone: pick a month, then one tap per member (Đã nộp / Chưa nộp / Miễn). Each
 * member's year is shown as a strip of 12 letters under the name, so the arrears are visible at once.
 */
export function DuesBoard({ grid, initialMonth, action }: { grid: DuesGrid; initialMonth: number; action: SetAction }) {
  const t = useTranslations("dues");
  const router = useRouter();
  const [month, setMonth] = useState(initialMonth);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const monthIso = `${grid.year}-${String(month).padStart(2, "0")}`;

  const save = (memberId: string, status: DuesStatus | "", goodReason = false) => {
    const data = new FormData();
    data.set("branchId", grid.branch.id);
    data.set("memberId", memberId);
    data.set("month", monthIso);
    data.set("status", status);
    if (goodReason) data.set("goodReason", "true");
    startTransition(async () => {
      const result = await action(null, data);
      setError(result.ok ? null : result.error);
      router.refresh();
    });
  };

  return (
    <div className="flex flex-col gap-4">
      <label className="flex flex-col gap-1 text-base font-semibold text-ink-900">
        {t("monthPicker")}
        <select
          value={month}
          onChange={(event) => setMonth(Number(event.target.value))}
          className="min-h-11 rounded-lg border border-ink-400 bg-white px-3 text-lg"
        >
          {Array.from({ length: 12 }, (_, i) => (
            <option key={i + 1} value={i + 1}>
              {t("monthLong", { month: i + 1, year: grid.year })}
            </option>
          ))}
        </select>
      </label>
      <p className="text-sm text-ink-700">{t("legend")}</p>
      {error ? (
        <p role="alert" className="rounded-lg bg-danger-50 px-3 py-2 text-base font-medium text-danger-700">
          {error}
        </p>
      ) : null}
      {grid.rows.length === 0 ? <p className="text-base text-ink-700">{t("empty", { year: grid.year })}</p> : null}
      <ul className="flex flex-col gap-3" aria-busy={pending}>
        {grid.rows.map((row) => {
          const cell = row.cells[month - 1]!;
          return (
            <li key={row.memberId} className="rounded-xl border border-ink-200 bg-white p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="text-lg font-semibold text-ink-950">{row.label}</span>
                {row.unpaid.status !== "OK" ? (
                  <Badge tone={row.unpaid.status === "FLAG" ? "neutral" : "muted"} className={row.unpaid.status === "FLAG" ? "bg-danger-50 text-danger-700" : ""}>
                    {t(`flag.${row.unpaid.status}`, { count: row.unpaid.months.length })}
                  </Badge>
                ) : null}
              </div>
              <ol className="mt-2 grid grid-cols-12 gap-0.5 text-center text-xs" aria-label={row.label}>
                {row.cells.map((c) => (
                  <li key={c.month}>
                    <button
                      type="button"
                      onClick={() => setMonth(c.month)}
                      aria-label={t("pickMonth", { month: c.month })}
                      title={t("cellLabel", { name: row.label, month: c.month, year: grid.year, status: c.onRoll ? t(`status.${c.status ?? "none"}`) : t("notOnRoll") })}
                      className={clsx(
                        "w-full rounded py-0.5",
                        c.month === month && "ring-2 ring-brand-700",
                        !c.onRoll ? "bg-ink-50 text-ink-400" : c.status === "UNPAID" ? "bg-danger-50 font-bold text-danger-700" : c.status === "PAID" ? "bg-success-50 text-success-900" : "bg-ink-100 text-ink-700",
                      )}
                    >
                      <span className="block text-[10px] text-ink-500">{c.month}</span>
                      {c.onRoll ? t(`letters.${c.status ?? "none"}`) : "–"}
                    </button>
                  </li>
                ))}
              </ol>
              {cell.onRoll ? (
                grid.canEdit ? (
                  <div className="mt-3 flex flex-col gap-2">
                    <div className="grid grid-cols-3 gap-2" role="group" aria-label={t("cellLabel", { name: row.label, month, year: grid.year, status: t(`status.${cell.status ?? "none"}`) })}>
                      {STATUSES.map((status) => (
                        <button
                          key={status}
                          type="button"
                          disabled={pending}
                          aria-pressed={cell.status === status}
                          onClick={() => save(row.memberId, cell.status === status ? "" : status)}
                          className={clsx(
                            "min-h-11 rounded-lg border px-2 text-base font-semibold",
                            cell.status === status
                              ? status === "UNPAID"
                                ? "border-danger-700 bg-danger-700 text-white"
                                : "border-brand-700 bg-brand-700 text-white"
                              : "border-ink-300 bg-white text-ink-900",
                          )}
                        >
                          {t(`status.${status}`)}
                        </button>
                      ))}
                    </div>
                    {cell.status === "UNPAID" ? (
                      <label className="flex min-h-11 items-center gap-3 text-base text-ink-900">
                        <input
                          type="checkbox"
                          checked={cell.goodReason}
                          disabled={pending}
                          onChange={(event) => save(row.memberId, "UNPAID", event.target.checked)}
                          className="size-5 shrink-0 accent-brand-700"
                        />
                        {t("goodReason")}
                      </label>
                    ) : null}
                  </div>
                ) : (
                  <p className="mt-2 text-base text-ink-800">{t(`status.${cell.status ?? "none"}`)}</p>
                )
              ) : (
                <p className="mt-2 text-sm text-ink-600">{t("notOnRoll")}</p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
