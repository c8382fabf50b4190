"use client";

// Lists that act on many cases at once: the branch's review meeting for every member it voted on
// (one meeting, one vote, a level per member), and Ban Tổ chức's queue, where the cases appraised
// may be decided at their appraised level in one go (the cap checked as for single decisions).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { FormError, SelectField, TextAreaField, useKeptAction, type FormAction } from "@/components/admin/form-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { BoardRow, QueueRow } from "@/lib/classification/board";
import { CLASSIFICATION_LEVELS, LEVEL_LABELS } from "@/lib/classification/model";
import { formatCalendarDate } from "@/lib/i18n/format";

type Action = FormAction<null>;

export function BulkReviewForm({
  action,
  rows,
  meetings,
  extra,
}: {
  action: Action;
  rows: (BoardRow & { caseId: string })[];
  meetings: { id: string; title: string; day: string }[];
  /** Hidden fields of the page (where to come back to). */
  extra?: ReactNode;
}) {
  const t = useTranslations("classification.bulk");
  const tf = useTranslations("classification.form");
  const { state, pending, onSubmit, fieldErrors } = useKeptAction(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {extra}
      <FormError state={state} />
      <SelectField label={tf("reviewMeeting")} name="meetingId" options={meetings.map((m) => ({ value: m.id, label: `${m.title} — ${formatCalendarDate(m.day)}` }))} errors={fieldErrors.meetingId} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-base font-semibold text-ink-900">{t("levels")}</legend>
        <p className="text-sm text-ink-700">{t("levelsHint")}</p>
        <ul className="flex flex-col divide-y divide-ink-100 rounded-lg border border-ink-200">
          {rows.map((row) => (
            <li key={row.caseId} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
              <label className="flex min-h-11 items-center gap-3 text-base font-semibold text-ink-900">
                <input type="checkbox" name={`items.${row.caseId}.selected`} defaultChecked className="size-6 accent-brand-700" />
                {row.name}
              </label>
              <input type="hidden" name={`items.${row.caseId}.version`} value={row.version} />
              <select
                name={`items.${row.caseId}.level`}
                aria-label={t("levelFor", { name: row.name })}
                defaultValue={row.levels.self ?? "GOOD"}
                className="min-h-11 rounded-lg border border-ink-400 bg-white px-3 py-2 text-base text-ink-900"
              >
                {CLASSIFICATION_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {LEVEL_LABELS[l]}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextAreaField label={tf("reviewComments")} hint={t("commentsHint")} name="comments" rows={3} errors={fieldErrors.comments} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-base font-semibold text-ink-900">{tf("vote")}</legend>
        <p className="text-sm text-ink-700">{t("voteHint")}</p>
        <div className="grid grid-cols-3 gap-3">
          <TextField label={tf("voteFor")} name="voteFor" inputMode="numeric" errors={fieldErrors.voteFor} />
          <TextField label={tf("voteAgainst")} name="voteAgainst" inputMode="numeric" defaultValue="0" errors={fieldErrors.voteAgainst} />
          <TextField label={tf("voteAbstain")} name="voteAbstain" inputMode="numeric" defaultValue="0" errors={fieldErrors.voteAbstain} />
        </div>
      </fieldset>
      <Button type="submit" disabled={pending} aria-disabled={pending} className="w-full sm:w-auto sm:self-start">
        {pending ? tf("saving") : t("submitReview")}
      </Button>
    </form>
  );
}

export function DecisionQueue({ action, rows, total, extra }: { action: Action; rows: QueueRow[]; total: number; extra?: ReactNode }) {
  const t = useTranslations("classification.bulk");
  const tn = useTranslations("classification.board.next");
  const tf = useTranslations("classification.form");
  const { state, pending, onSubmit } = useKeptAction(action);
  const decidable = rows.filter((r) => r.decidable);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(decidable.map((r) => r.caseId)));
  const toggle = (id: string) =>
    setChosen((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      {extra}
      <FormError state={state} />
      {total > rows.length ? <p className="text-base text-ink-700">{t("more", { shown: rows.length, total })}</p> : null}
      <ul className="flex flex-col gap-2">
        {rows.map((row) => {
          const level = row.levels.appraisal ?? row.levels.review ?? row.levels.self;
          return (
            <li key={row.caseId} className="flex flex-col gap-2 rounded-xl border border-ink-200 bg-white p-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="flex min-w-0 items-start gap-3">
                {row.decidable ? (
                  <>
                    <input
                      type="checkbox"
                      id={`decide-${row.caseId}`}
                      name={`items.${row.caseId}.selected`}
                      checked={chosen.has(row.caseId)}
                      onChange={() => toggle(row.caseId)}
                      className="mt-1 size-6 shrink-0 accent-brand-700"
                      aria-label={t("choose", { name: row.name })}
                    />
                    {chosen.has(row.caseId) ? <input type="hidden" name={`items.${row.caseId}.version`} value={row.version} /> : null}
                  </>
                ) : null}
                <div className="flex min-w-0 flex-col gap-1">
                  <Link href={row.href} className="text-base font-semibold text-brand-800 underline-offset-2 hover:underline">
                    {row.name}
                  </Link>
                  <p className="text-sm text-ink-700">{row.unitName}</p>
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone="brand">{tn(row.next)}</Badge>
                    {level ? <Badge tone={level === "EXCELLENT" ? "success" : "neutral"}>{LEVEL_LABELS[level]}</Badge> : null}
                  </div>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      {decidable.length > 0 ? (
        <div className="sticky bottom-0 flex flex-col gap-2 rounded-xl border border-ink-200 bg-white/95 p-3 shadow-md sm:flex-row sm:items-center sm:justify-between">
          <p className="text-base text-ink-900">{t("chosen", { count: chosen.size })}</p>
          <Button type="submit" disabled={pending || chosen.size === 0} aria-disabled={pending || chosen.size === 0}>
            {pending ? tf("saving") : t("decideChosen")}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
