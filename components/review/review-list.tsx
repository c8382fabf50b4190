"use client";

// The review queue: one row per waiting scorecard with its flags and a link to the evidence; the
// clean ones (no flag) can be ticked and approved together. The server checks each again, so the
// ticks are a wish, not a decision; what it skipped is listed with the reason.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import type { BulkResult, ReviewItem } from "@/lib/dashboard/review";
import type { Level } from "@/lib/generated/prisma/enums";
import { formatCalendarDate, formatNumber } from "@/lib/i18n/format";

export function ReviewList({ items, action }: { items: ReviewItem[]; action: FormAction<BulkResult> }) {
  const t = useTranslations("review");
  const lv = useTranslations("dashboard.levels");
  const states = useTranslations("meetings.state");
  const { state, pending, onSubmit, dialog } = useKeptAction(action, {
    confirm: (formData) => {
      const count = formData.getAll("item").length;
      if (count === 0) return null;
      return { title: t("bulk.confirm.title", { count }), body: <p>{t("bulk.confirm.body")}</p>, confirmLabel: t("bulk.confirm.action", { count }) };
    },
  });
  const clean = items.filter((i) => i.flags.length === 0);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const all = clean.length > 0 && clean.every((i) => picked.has(i.meetingId));
  const score = (s: { total: number | null; level: Level | null } | null) =>
    s && s.total !== null ? `${formatNumber(s.total, { maximumFractionDigits: 1 })}${s.level ? ` · ${lv(s.level)}` : ""}` : "—";

  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {dialog}
      <FormError state={state} />
      {state?.ok ? (
        <Alert tone={state.data.skipped.length > 0 ? "warning" : "success"} title={t("bulk.done", { approved: state.data.approved.length, skipped: state.data.skipped.length })}>
          {state.data.skipped.length > 0 ? (
            <ul className="list-disc pl-5">
              {state.data.skipped.map((s) => (
                <li key={s.meetingId}>{`${s.title ?? s.meetingId}: ${s.reason}`}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}

      <div className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:flex-row sm:items-center sm:justify-between">
        <label className="flex min-h-11 cursor-pointer items-center gap-3 text-base font-semibold text-ink-900">
          <input
            type="checkbox"
            className="size-6 accent-brand-700"
            checked={all}
            disabled={clean.length === 0}
            onChange={() => setPicked(all ? new Set() : new Set(clean.map((i) => i.meetingId)))}
          />
          {t("bulk.selectClean", { count: clean.length })}
        </label>
        <Button type="submit" disabled={pending || picked.size === 0}>
          {pending ? t("bulk.approving") : t("bulk.approve", { count: picked.size })}
        </Button>
      </div>

      <ul className="flex flex-col gap-3" aria-label={t("queueTitle")}>
        {items.map((item) => {
          const isClean = item.flags.length === 0;
          return (
            <li key={item.meetingId} className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:flex-row sm:items-start" data-review-item={item.meetingId}>
              <div className="pt-1">
                {isClean ? (
                  <input
                    type="checkbox"
                    name="item"
                    value={`${item.meetingId}:${item.cardVersion}`}
                    checked={picked.has(item.meetingId)}
                    onChange={() => toggle(item.meetingId)}
                    aria-label={t("bulk.pick", { title: item.title, branch: item.branch.name })}
                    className="size-6 accent-brand-700"
                  />
                ) : (
                  <span className="inline-block size-6" aria-hidden="true" />
                )}
              </div>
              <div className="flex min-w-0 flex-1 flex-col gap-1.5">
                <p className="text-lg font-semibold text-ink-900">{item.branch.name}</p>
                {item.branch.parentName ? <p className="text-sm text-ink-600">{item.branch.parentName}</p> : null}
                <p className="text-base text-ink-800">
                  {item.title} · {formatCalendarDate(`${item.day}T00:00:00.000Z`)}
                </p>
                <div className="flex flex-wrap gap-2 text-sm">
                  <Badge tone="neutral">{states(item.state)}</Badge>
                  <span className="text-ink-700">{t("selfScore", { score: score(item.self) })}</span>
                  {item.overseer ? <span className="text-ink-700">{t("overseerScore", { score: score(item.overseer) })}</span> : null}
                </div>
                {isClean ? (
                  <p className="text-sm text-success-900">{t("clean")}</p>
                ) : (
                  <ul className="flex flex-col gap-1" aria-label={t("flagsLabel")}>
                    {item.flags.map((f) => (
                      <li key={f.code} className="rounded-md bg-warning-50 px-2 py-1 text-sm text-warning-900" data-flag={f.code}>
                        {f.message}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <Link href={`/review/${item.meetingId}`} className={buttonClass("secondary", "shrink-0")}>
                {t("open")}
              </Link>
            </li>
          );
        })}
      </ul>
    </form>
  );
}
