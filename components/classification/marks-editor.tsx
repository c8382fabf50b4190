"use client";

// The frame's criteria as a form, phone first: each criterion with its maximum, its guidance and
// the record beside it (what the year's meetings, tasks and visits show, with the source), a mark
// and a remark; then the facts the levels' conditions test. The pure engine runs as the user types,
// so the total, the parts and the highest level allowed are live; the server classifies again on
// submit and its messages land next to the fields. Used by the self-assessment and by an appraisal
// that marks its own column.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { TextAreaField } from "@/components/admin/form-kit";
import { TextField } from "@/components/ui/text-field";
import { classify } from "@/lib/classification/engine";
import type { EvidenceBundle } from "@/lib/classification/evidence";
import { CONDITION_FACTS, LEVEL_LABELS, type ConditionFact, type ConditionFacts, type Frame } from "@/lib/classification/model";
import { Points } from "@/lib/exact/ratio";
import { EvidencePanel } from "./evidence-panel";

const asInput = (value: number | string | null | undefined) => (value === null || value === undefined ? "" : String(value).replace(".", ","));
const pts = (value: number) => Points.format(Math.round(value * 10), "vi");

export interface MarksDraft {
  marks: Record<string, number | string>;
  remarks: Record<string, string>;
  facts: ConditionFacts;
}

/** The facts a frame's conditions test, in the order of the catalog. */
export function usedFacts(frame: Frame): ConditionFact[] {
  const used = new Set(frame.levels.flatMap((l) => (l.conditions ?? []).map((c) => c.fact)));
  return (Object.keys(CONDITION_FACTS) as ConditionFact[]).filter((f) => used.has(f));
}

function parseFactInput(fact: ConditionFact, value: string): boolean | number | null {
  if (value === "") return null;
  if (CONDITION_FACTS[fact].kind === "boolean") return value === "yes";
  const n = Number(value.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

export function MarksEditor({
  frame,
  evidence,
  initial,
  fieldErrors,
  requireRemarks,
}: {
  frame: Frame;
  evidence: EvidenceBundle;
  initial: MarksDraft;
  fieldErrors: Record<string, string[]>;
  /** Judged criteria need a remark (the self-assessment). */
  requireRemarks: boolean;
}) {
  const t = useTranslations("classification.form");
  const [marks, setMarks] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(initial.marks).map(([k, v]) => [k, asInput(v)])));
  const [facts, setFacts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      usedFacts(frame).map((f) => {
        const v = initial.facts[f];
        return [f, v === null || v === undefined ? "" : typeof v === "boolean" ? (v ? "yes" : "no") : asInput(v)];
      }),
    ),
  );
  const live = useMemo(() => {
    const factValues = Object.fromEntries(Object.entries(facts).map(([f, v]) => [f, parseFactInput(f as ConditionFact, v)])) as ConditionFacts;
    const filled = Object.fromEntries(Object.entries(marks).filter(([, v]) => v.trim() !== ""));
    return classify(frame, { marks: filled, facts: factValues }, { complete: false });
  }, [frame, marks, facts]);
  const marked = live.perCriterion.filter((c) => c.points !== null).length;

  return (
    <div className="flex flex-col gap-6">
      {frame.groups.map((group) => (
        <fieldset key={group.code} className="flex min-w-0 flex-col gap-4 rounded-xl border border-ink-200 bg-white p-3 sm:p-5">
          <legend className="px-1 text-lg font-semibold text-ink-950">
            {group.name} <span className="font-normal text-ink-700">({t("groupMax", { points: pts(group.points) })})</span>
          </legend>
          {group.criteria.map((c) => {
            const judged = (c.evidence ?? []).length === 0;
            const markErrors = fieldErrors[`marks.${c.code}`];
            const remarkErrors = fieldErrors[`remarks.${c.code}`];
            return (
              <div key={c.code} className="flex flex-col gap-3 border-t border-ink-100 pt-4 first:border-t-0 first:pt-0">
                <div>
                  <p className="text-base font-semibold text-ink-950">
                    {c.code}. {c.name}
                  </p>
                  {c.guidance ? <p className="text-sm text-ink-700">{c.guidance}</p> : null}
                </div>
                {judged ? (
                  <p className="rounded-lg bg-ink-50 px-3 py-2 text-sm text-ink-700">{t("judged")}</p>
                ) : (
                  <div className="flex flex-col gap-2">
                    {(c.evidence ?? []).map((key) => (evidence.items[key] ? <EvidencePanel key={key} item={evidence.items[key]!} /> : null))}
                  </div>
                )}
                <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
                  <TextField
                    label={t("mark", { code: c.code })}
                    hint={t("markHint", { max: pts(c.maxPoints), step: pts(c.step) })}
                    name={`marks.${c.code}`}
                    inputMode="decimal"
                    autoComplete="off"
                    value={marks[c.code] ?? ""}
                    onChange={(event) => setMarks((m) => ({ ...m, [c.code]: event.target.value }))}
                    errors={markErrors}
                  />
                  <TextAreaField
                    label={judged && requireRemarks ? t("remarkRequired", { code: c.code }) : t("remark", { code: c.code })}
                    name={`remarks.${c.code}`}
                    defaultValue={initial.remarks[c.code] ?? ""}
                    rows={2}
                    maxLength={1000}
                    errors={remarkErrors}
                  />
                </div>
              </div>
            );
          })}
        </fieldset>
      ))}

      <fieldset className="flex min-w-0 flex-col gap-4 rounded-xl border border-ink-200 bg-white p-3 sm:p-5">
        <legend className="px-1 text-lg font-semibold text-ink-950">{t("factsTitle")}</legend>
        <p className="text-sm text-ink-700">{t("factsHint")}</p>
        {usedFacts(frame).map((fact) =>
          CONDITION_FACTS[fact].kind === "boolean" ? (
            <fieldset key={fact} className="flex flex-col gap-1">
              <legend className="text-base font-semibold text-ink-900">{CONDITION_FACTS[fact].label}</legend>
              <div className="flex flex-wrap gap-2">
                {(["yes", "no"] as const).map((v) => (
                  <label key={v} className={clsx("flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-4 py-2 text-base", facts[fact] === v ? "border-brand-700 bg-brand-50 font-semibold" : "border-ink-300 bg-white")}>
                    <input type="radio" name={`facts.${fact}`} value={v} checked={facts[fact] === v} onChange={() => setFacts((f) => ({ ...f, [fact]: v }))} className="size-5 accent-brand-700" />
                    {t(v)}
                  </label>
                ))}
              </div>
              {fieldErrors[`facts.${fact}`]?.map((message) => (
                <p key={message} className="text-base font-medium text-danger-700">
                  {message}
                </p>
              ))}
            </fieldset>
          ) : (
            <TextField
              key={fact}
              label={`${CONDITION_FACTS[fact].label} (%)`}
              name={`facts.${fact}`}
              inputMode="decimal"
              className="max-w-md"
              value={facts[fact] ?? ""}
              onChange={(event) => setFacts((f) => ({ ...f, [fact]: event.target.value }))}
              errors={fieldErrors[`facts.${fact}`]}
            />
          ),
        )}
      </fieldset>

      <div className="rounded-xl border border-brand-200 bg-brand-50 p-4" aria-live="polite">
        <p className="text-lg font-semibold text-ink-950">{t("liveTotal", { total: pts(live.total), max: pts(live.max), marked, count: live.perCriterion.length })}</p>
        <p className="text-base text-ink-800">{t("liveParts", { general: pts(live.parts.GENERAL.points), tasks: pts(live.parts.TASKS.points) })}</p>
        <p className="text-base text-ink-800">
          {marked === live.perCriterion.length && live.level ? t("liveLevel", { level: LEVEL_LABELS[live.level] }) : t("liveLevelPending")}
        </p>
        {live.errors.length > 0 ? (
          <ul className="mt-2 list-disc pl-5 text-base text-danger-700">
            {live.errors.map((e) => (
              <li key={e.message}>{e.message}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
