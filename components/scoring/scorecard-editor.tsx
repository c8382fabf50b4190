"use client";

// The scorecard screen: every criterion of the rubric, grouped, with the three columns side by side
// (Tự chấm / Cấp ủy cấp trên / Thẩm định). The column the user may score now is editable: MANUAL
// criteria take a mark and a remark, AUTO criteria keep the record's evidence unless overridden with
// a reason. The pure engine runs here as the user types, so totals, level and conditions are live;
// the server scores again on submit and its Vietnamese errors land next to the fields.
import clsx from "clsx";
import { useTranslations } from "next-intl";
import { startTransition as outerTransition, useEffect, useMemo, useRef, useState, useTransition, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { TextAreaField } from "@/components/admin/form-kit";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/actions/define-action";
import { formatDateTime } from "@/lib/i18n/format";
import { score, type AutoOverride, type ScoreResult } from "@/lib/scoring/engine";
import { Points } from "@/lib/scoring/exact";
import { layoutFor, type CriterionLayout } from "@/lib/scoring/layout";
import type { Level } from "@/lib/scoring/model";
import type { ColumnName, ScoreColumn, ScorecardView } from "@/lib/scoring/workflow";

export type ScoringMode = "draft" | "confirm" | "finalise";
type Step = "draft" | "selfScore" | "confirm" | "adjust" | "approve" | "adjustFinalise" | "return";
const STEPS: readonly Step[] = ["draft", "selfScore", "confirm", "adjust", "approve", "adjustFinalise", "return"];

type StepAnswer = { total: number; level: Level | null };
/** A server action of actions.ts (defineAction): (previous state, form) → result. */
export type ScoreAction = (previous: null, formData: FormData) => Promise<ActionResult<StepAnswer>>;
export interface ScoreActions {
  draft: ScoreAction;
  selfScore: ScoreAction;
  confirm: ScoreAction;
  finalise: ScoreAction;
  returnScore: ScoreAction;
}

const COLUMNS: readonly ColumnName[] = ["self", "overseer", "final"];
const EDITED: Record<ScoringMode, ColumnName> = { draft: "self", confirm: "overseer", finalise: "final" };

/** 4.5 → "4,5". */
function pts(points: number): string {
  return Points.format(Math.round(points * 10), "vi");
}

interface Draft {
  marks: Record<string, string>;
  remarks: Record<string, string>;
  overrides: Record<string, { points: string; reason: string; open: boolean }>;
}

const asInput = (value: number | string) => String(value).replace(".", ",");

function draftOf(column: ScoreColumn | null): Draft {
  return {
    marks: Object.fromEntries(Object.entries(column?.marks ?? {}).map(([code, v]) => [code, asInput(v)])),
    remarks: { ...(column?.remarks ?? {}) },
    overrides: Object.fromEntries(
      Object.entries(column?.overrides ?? {}).map(([code, o]) => [code, { points: asInput(o.points), reason: o.reason, open: true }]),
    ),
  };
}

/** What the form posts, as the service folds it: blank marks and closed overrides are left out. */
function postedMarks(draft: Draft): Record<string, string> {
  return Object.fromEntries(Object.entries(draft.marks).filter(([, v]) => v.trim() !== ""));
}

function postedOverrides(draft: Draft): Record<string, AutoOverride> {
  return Object.fromEntries(
    Object.entries(draft.overrides)
      .filter(([, o]) => o.open && (o.points.trim() !== "" || o.reason.trim() !== ""))
      .map(([code, o]) => [code, { points: o.points.trim(), reason: o.reason }]),
  );
}

/** Marks and overrides as the service compares them (remarks do not make an adjustment). */
function fingerprint(draft: Draft): string {
  const norm = (entries: [string, string][]) => entries.map(([k, v]) => [k, v.trim().replace(",", ".")]).sort();
  return JSON.stringify([
    norm(Object.entries(postedMarks(draft))),
    norm(Object.entries(postedOverrides(draft)).map(([k, o]) => [k, String(o.points)])),
  ]);
}

interface Outcome {
  step: Step;
  result: ActionResult<StepAnswer>;
}

export function ScorecardEditor({
  view,
  mode,
  own,
  actions,
}: {
  view: ScorecardView;
  /** What the user may score now; null: read-only. */
  mode: ScoringMode | null;
  /** Whether the overseer and final columns scored on their own (else they confirm the one before). */
  own: Record<ColumnName, boolean>;
  actions: ScoreActions;
}) {
  const t = useTranslations("scorecard");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome) bannerRef.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [outcome]);
  const fieldErrors = outcome && !outcome.result.ok ? (outcome.result.fieldErrors ?? {}) : {};
  let banner: ReactNode = null;
  if (outcome?.result.ok) {
    const { total, level } = outcome.result.data;
    banner = <Alert tone="success">{t(`done.${outcome.step}`, { total: pts(total), level: level ? t(`levels.${level}`) : t("totals.noLevel") })}</Alert>;
  } else if (outcome && !outcome.result.ok) {
    const underFields = Object.entries(fieldErrors)
      .filter(([key]) => key !== "_")
      .flatMap(([, messages]) => messages);
    banner = <Alert tone="error">{underFields.includes(outcome.result.error) ? t("checkFields") : outcome.result.error}</Alert>;
  }
  // A new card version or state (after any save, here or elsewhere) starts the form over from the server's data.
  const key = `${view.card?.version ?? 0}:${view.meeting.state}:${mode ?? "read"}`;
  return (
    <ScorecardBody
      key={key}
      view={view}
      mode={mode}
      own={own}
      actions={actions}
      fieldErrors={fieldErrors}
      banner={<div ref={bannerRef}>{banner}</div>}
      onOutcome={setOutcome}
    />
  );
}

function ScorecardBody({
  view,
  mode,
  own,
  actions,
  fieldErrors,
  banner,
  onOutcome,
}: {
  view: ScorecardView;
  mode: ScoringMode | null;
  own: Record<ColumnName, boolean>;
  actions: ScoreActions;
  fieldErrors: Record<string, string[]>;
  banner: ReactNode;
  onOutcome: (outcome: Outcome) => void;
}) {
  const t = useTranslations("scorecard");
  const definition = view.definition!;
  const facts = view.facts!;
  const layout = useMemo(() => layoutFor(definition, facts.hasThematicPart), [definition, facts]);
  const editing = mode ? EDITED[mode] : null;
  // The overseer starts from the self-score, the reviewer from the overseer's column (or the self-score).
  const source = mode === "finalise" ? (view.columns.overseer ?? view.columns.self) : view.columns.self;
  const initial = useMemo(() => draftOf(source), [source]);
  const [draft, setDraft] = useState<Draft>(initial);
  const [pending, startTransition] = useTransition();

  const live = useMemo(
    () => (editing ? score(definition, facts, postedMarks(draft), { overrides: postedOverrides(draft) }) : null),
    [editing, definition, facts, draft],
  );
  // AUTO evidence for a meeting nobody has scored yet.
  const blank = useMemo(() => score(definition, facts, {}), [definition, facts]);
  const results: Record<ColumnName, ScoreResult | null> = {
    self: editing === "self" ? live : (view.columns.self?.result ?? null),
    overseer: editing === "overseer" ? live : (view.columns.overseer?.result ?? null),
    final: editing === "final" ? live : (view.columns.final?.result ?? null),
  };
  const marksIn = (column: ColumnName): Record<string, unknown> | null =>
    column === editing ? postedMarks(draft) : (view.columns[column]?.marks ?? null);
  const focusColumn: ColumnName | null = editing ?? view.effective?.column ?? (view.columns.self ? "self" : null);
  const focus = (focusColumn ? results[focusColumn] : null) ?? blank;
  const changed = mode !== null && mode !== "draft" && fingerprint(draft) !== fingerprint(initial);

  const liveIssues = (code: string) =>
    (live?.errors ?? []).filter((e) => e.path === code && !e.message.startsWith("Chưa chấm")).map((e) => e.message);
  const errorsFor = (...keys: string[]) => {
    const list = keys.flatMap((key) => fieldErrors[key] ?? []);
    return list.length > 0 ? list : undefined;
  };

  function cellText(column: ColumnName, c: CriterionLayout): string {
    const result = results[column];
    const code = c.criterion.code;
    if (!result || !c.applicable) return "—";
    const scored = result.perCriterion.find((p) => p.code === code);
    if (!scored) return "—";
    if (scored.mode === "MANUAL" && marksIn(column)?.[code] === undefined) return "—";
    if (column === editing && result.errors.some((e) => e.path === code)) return "?";
    return pts(scored.points);
  }

  function route(step: Step): { action: ScoreAction; mode?: string } {
    switch (step) {
      case "draft":
        return { action: actions.draft };
      case "selfScore":
        return { action: actions.selfScore };
      case "confirm":
      case "adjust":
        return { action: actions.confirm, mode: step };
      case "approve":
        return { action: actions.finalise, mode: "approve" };
      case "adjustFinalise":
        return { action: actions.finalise, mode: "adjust" };
      case "return":
        return { action: actions.returnScore };
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const step = (submitter instanceof HTMLButtonElement ? submitter.value : "") as Step;
    if (!STEPS.includes(step)) return;
    const formData = new FormData(event.currentTarget);
    const { action, mode: stepMode } = route(step);
    if (stepMode) formData.set("mode", stepMode);
    startTransition(async () => {
      const result = await action(null, formData);
      outerTransition(() => onOutcome({ step, result }));
    });
  }

  // Enter in a mark field must not trigger the first button (e.g. "Xác nhận"): every step is an explicit click.
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
  }

  const setMark = (code: string, value: string) => setDraft((d) => ({ ...d, marks: { ...d.marks, [code]: value } }));
  const setRemark = (code: string, value: string) => setDraft((d) => ({ ...d, remarks: { ...d.remarks, [code]: value } }));
  const setOverride = (code: string, patch: Partial<Draft["overrides"][string]>) =>
    setDraft((d) => ({ ...d, overrides: { ...d.overrides, [code]: { points: "", reason: "", open: false, ...d.overrides[code], ...patch } } }));

  const columnLabel = (column: ColumnName) => t(`columns.${column}`);
  const levelText = (result: ScoreResult | null) => (result?.level ? t(`levels.${result.level}`) : t("totals.noLevel"));
  const missing = live ? live.errors.filter((e) => e.message.startsWith("Chưa chấm")).length : 0;

  return (
    <form onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate className="flex flex-col gap-6">
      <input type="hidden" name="meetingId" value={view.meeting.id} />
      <input type="hidden" name="version" value={String(view.card?.version ?? 0)} />

      {layout.groups.map((g) => {
        const headingId = `group-${g.group.code}`;
        return (
          <section key={g.group.code} aria-labelledby={headingId} className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6">
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h3 id={headingId} className="text-xl font-semibold text-ink-900">
                {t("criteria.group", { code: g.group.code, name: g.group.name })}
              </h3>
              <span className="text-base text-ink-700">{t("criteria.groupMax", { max: Points.format(g.pointsTenths) })}</span>
            </div>
            <ol className="flex flex-col">
              {g.criteria.map((c) => {
                const code = c.criterion.code;
                const auto = c.criterion.mode === "AUTO";
                const evidence = focus.perCriterion.find((p) => p.code === code)?.evidence;
                const override = draft.overrides[code];
                const markValue = draft.marks[code] ?? "";
                const parsed = Points.parse(markValue);
                const needsRemark = view.deductionNeedsReason && parsed !== null && parsed < c.maxTenths;
                return (
                  <li key={code} className={clsx("border-t border-ink-100 py-4 first:border-t-0", !c.applicable && "opacity-70")}>
                    <div className="flex flex-col gap-3 lg:grid lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-6">
                      <div className="flex min-w-0 flex-col gap-1.5">
                        <p className="text-lg text-ink-900">
                          <span className="mr-2 font-mono font-bold">{code}</span>
                          <span className="font-semibold">{c.criterion.name}</span>
                        </p>
                        <p className="flex flex-wrap items-center gap-2 text-sm text-ink-700">
                          <span>{c.applicable ? t("criteria.max", { max: Points.format(c.maxTenths) }) : t("criteria.notApplicable")}</span>
                          <Badge tone={auto ? "brand" : "neutral"}>{auto ? t("criteria.auto") : t("criteria.manual")}</Badge>
                        </p>
                        {c.criterion.guidance ? <p className="text-sm text-ink-600">{c.criterion.guidance}</p> : null}
                        {auto && c.applicable && evidence ? (
                          <p className="rounded-md bg-info-50 px-3 py-2 text-base text-info-900">
                            <span className="font-semibold">{t("criteria.evidence")}: </span>
                            {evidence}
                          </p>
                        ) : null}
                        {COLUMNS.filter((column) => column !== editing && own[column]).map((column) => {
                          const remark = view.columns[column]?.remarks[code]?.trim();
                          return remark ? (
                            <p key={column} className="text-base text-ink-800">
                              <span className="font-semibold">{t("criteria.remarkOf", { column: columnLabel(column) })}: </span>
                              {remark}
                            </p>
                          ) : null;
                        })}
                      </div>
                      <div className="flex flex-col gap-3">
                        <dl className="grid grid-cols-3 gap-2 text-center">
                          {COLUMNS.map((column) => (
                            <div
                              key={column}
                              className={clsx(
                                "flex flex-col justify-between gap-1 rounded-lg px-1 py-2",
                                column === editing ? "bg-brand-50 ring-1 ring-brand-200" : "bg-ink-50",
                              )}
                            >
                              <dt className="text-xs font-semibold text-ink-700">{columnLabel(column)}</dt>
                              <dd className="text-lg font-semibold text-ink-900">{cellText(column, c)}</dd>
                            </div>
                          ))}
                        </dl>
                        {editing && c.applicable && !auto ? (
                          <>
                            <TextField
                              label={t("input.mark", { code })}
                              name={`mark.${code}`}
                              value={markValue}
                              onChange={(e) => setMark(code, e.target.value)}
                              inputMode="decimal"
                              autoComplete="off"
                              hint={t("input.markHint", { max: Points.format(c.maxTenths), step: Points.format(c.stepTenths) })}
                              errors={errorsFor(`mark.${code}`, `marks.${code}`) ?? (liveIssues(code).length ? liveIssues(code) : undefined)}
                            />
                            <TextField
                              label={t("input.remark", { code })}
                              name={`remark.${code}`}
                              value={draft.remarks[code] ?? ""}
                              onChange={(e) => setRemark(code, e.target.value)}
                              autoComplete="off"
                              aria-required={needsRemark || undefined}
                              hint={needsRemark ? t("input.remarkRequired") : undefined}
                              errors={errorsFor(`remark.${code}`, `remarks.${code}`)}
                            />
                          </>
                        ) : null}
                        {editing && c.applicable && auto ? (
                          <div className="flex flex-col gap-3">
                            <Button
                              variant="ghost"
                              className="self-start underline"
                              aria-expanded={override?.open ?? false}
                              onClick={() => setOverride(code, { open: !(override?.open ?? false) })}
                            >
                              {override?.open ? t("input.overrideCancel", { code }) : t("input.overrideOpen", { code })}
                            </Button>
                            {override?.open ? (
                              <>
                                <TextField
                                  label={t("input.overridePoints", { code })}
                                  name={`override.${code}.points`}
                                  value={override.points}
                                  onChange={(e) => setOverride(code, { points: e.target.value })}
                                  inputMode="decimal"
                                  autoComplete="off"
                                  hint={t("input.markHint", { max: Points.format(c.maxTenths), step: Points.format(c.stepTenths) })}
                                />
                                <TextField
                                  label={t("input.overrideReason", { code })}
                                  name={`override.${code}.reason`}
                                  value={override.reason}
                                  onChange={(e) => setOverride(code, { reason: e.target.value })}
                                  autoComplete="off"
                                  hint={t("input.overrideHint")}
                                  errors={errorsFor(`override.${code}.reason`, `overrides.${code}.reason`)}
                                />
                              </>
                            ) : null}
                            {(() => {
                              const errors = errorsFor(`mark.${code}`, `overrides.${code}.points`) ?? (liveIssues(code).length ? liveIssues(code) : undefined);
                              return errors ? (
                                <ul className="flex flex-col gap-0.5 text-base font-medium text-danger-700">
                                  {errors.map((m) => (
                                    <li key={m}>{m}</li>
                                  ))}
                                </ul>
                              ) : null;
                            })()}
                          </div>
                        ) : null}
                      </div>
                    </div>
                  </li>
                );
              })}
            </ol>
            <div className="mt-2 flex flex-col gap-2 border-t border-ink-200 pt-3 lg:grid lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-6">
              <p className="text-base font-semibold text-ink-900">{t("totals.group", { code: g.group.code })}</p>
              <dl className="grid grid-cols-3 gap-2 text-center">
                {COLUMNS.map((column) => {
                  const total = results[column]?.groupTotals.find((x) => x.code === g.group.code);
                  return (
                    <div key={column} className="flex flex-col gap-1">
                      <dt className="text-xs font-semibold text-ink-700">{columnLabel(column)}</dt>
                      <dd className="text-base font-semibold text-ink-900">
                        {total ? t("totals.points", { points: pts(total.points), max: pts(total.max) }) : "—"}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            </div>
          </section>
        );
      })}

      <section aria-labelledby="score-summary" className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6">
        <h3 id="score-summary" className="mb-4 text-xl font-semibold text-ink-900">
          {t("totals.title")}
        </h3>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[20rem] border-collapse text-left text-base">
            <thead>
              <tr className="border-b border-ink-300">
                <th scope="col" className="py-2 pr-2 font-semibold text-ink-700">
                  <span className="sr-only">{t("totals.item")}</span>
                </th>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col" className={clsx("px-2 py-2 text-center font-semibold", column === editing ? "text-brand-800" : "text-ink-900")}>
                    {columnLabel(column)}
                    {column === editing ? <span className="block text-xs font-normal">{t("totals.running")}</span> : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="border-b border-ink-100">
                <th scope="row" className="py-2 pr-2 font-semibold text-ink-900">
                  {t("totals.total", { max: pts(focus.max) })}
                </th>
                {COLUMNS.map((column) => (
                  <td key={column} className="px-2 py-2 text-center text-xl font-bold text-ink-950" data-testid={`total-${column}`}>
                    {results[column] ? pts(results[column].total) : "—"}
                  </td>
                ))}
              </tr>
              <tr className="border-b border-ink-100">
                <th scope="row" className="py-2 pr-2 font-semibold text-ink-900">
                  {t("totals.level")}
                </th>
                {COLUMNS.map((column) => (
                  <td key={column} className="px-2 py-2 text-center font-semibold text-ink-900" data-testid={`level-${column}`}>
                    {results[column] ? levelText(results[column]) : "—"}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row" className="py-2 pr-2 align-top font-semibold text-ink-900">
                  {t("totals.by")}
                </th>
                {COLUMNS.map((column) => {
                  const c = view.columns[column];
                  return (
                    <td key={column} className="px-2 py-2 text-center align-top text-sm text-ink-700">
                      {c?.at ? t("totals.byValue", { name: c.by?.name || "—", time: formatDateTime(c.at) }) : column === "self" && c ? t("totals.draft") : "—"}
                    </td>
                  );
                })}
              </tr>
            </tbody>
          </table>
        </div>
        {editing && missing > 0 ? <p className="mt-3 text-base text-warning-900">{t("totals.incomplete", { count: missing })}</p> : null}
        {view.columns.overseer?.reason ? (
          <p className="mt-3 text-base text-ink-800">
            <span className="font-semibold">{own.overseer ? t("reasons.overseerAdjust") : t("reasons.overseerConfirm")}: </span>
            {view.columns.overseer.reason}
          </p>
        ) : null}
        {view.columns.final?.reason ? (
          <p className="mt-2 text-base text-ink-800">
            <span className="font-semibold">{t("reasons.final")}: </span>
            {view.columns.final.reason}
          </p>
        ) : null}
        {view.vote && mode !== "draft" ? (
          <p className="mt-2 text-base text-ink-800">
            <span className="font-semibold">{t("vote.title")}: </span>
            {t("vote.summary", { for: view.vote.for, against: view.vote.against, abstain: view.vote.abstain, eligible: view.vote.eligible })}
          </p>
        ) : null}
        {view.card?.notes && mode !== "draft" ? (
          <p className="mt-2 text-base text-ink-800">
            <span className="font-semibold">{t("actions.notes")}: </span>
            {view.card.notes}
          </p>
        ) : null}

        <div className="mt-5">
          <h4 className="text-lg font-semibold text-ink-900">
            {focusColumn ? t("conditions.titleOf", { column: columnLabel(focusColumn) }) : t("conditions.title")}
          </h4>
          {focus.conditions.length === 0 ? (
            <p className="mt-1 text-base text-ink-700">{t("conditions.none")}</p>
          ) : (
            <ul className="mt-2 flex flex-col gap-2">
              {focus.conditions.map((condition) => (
                <li key={condition.code} className="flex items-start gap-2">
                  <Badge tone={condition.held ? "success" : "muted"} className="mt-0.5 shrink-0">
                    {condition.held ? t("conditions.held") : t("conditions.failed")}
                  </Badge>
                  <span className="min-w-0 flex-1 text-base text-ink-800">
                    <span className="font-semibold">{condition.name}</span>
                    {` (${t("conditions.for", { level: t(`levels.${condition.level}`) })}): `}
                    {condition.explanation}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      {mode ? (
        <section aria-labelledby="score-actions" className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-6 print:hidden">
          <h3 id="score-actions" className="mb-4 text-xl font-semibold text-ink-900">
            {t("actions.title")}
          </h3>
          <div className="flex flex-col gap-4">
            {mode === "draft" ? (
              <>
                <p className="text-base text-ink-700">{t("actions.draftHint")}</p>
                <TextAreaField label={t("actions.notes")} name="notes" defaultValue={view.card?.notes ?? ""} rows={3} errors={errorsFor("notes")} />
                {view.can.selfScore ? (
                  <fieldset className="flex flex-col gap-3">
                    <legend className="text-base font-semibold text-ink-900">{t("vote.title")}</legend>
                    <p className="text-sm text-ink-600">{t("vote.hint")}</p>
                    <div className="grid gap-3 sm:grid-cols-3">
                      <TextField label={t("vote.for")} name="voteFor" type="number" inputMode="numeric" min={0} defaultValue={view.vote ? String(view.vote.for) : ""} errors={errorsFor("voteFor")} />
                      <TextField label={t("vote.against")} name="voteAgainst" type="number" inputMode="numeric" min={0} defaultValue={view.vote ? String(view.vote.against) : "0"} errors={errorsFor("voteAgainst")} />
                      <TextField label={t("vote.abstain")} name="voteAbstain" type="number" inputMode="numeric" min={0} defaultValue={view.vote ? String(view.vote.abstain) : "0"} errors={errorsFor("voteAbstain")} />
                    </div>
                  </fieldset>
                ) : (
                  <Alert tone="info">{t("actions.selfNeedsAdopted")}</Alert>
                )}
              </>
            ) : (
              <>
                <p className="text-base text-ink-700">{mode === "confirm" ? t("actions.confirmHint") : t("actions.finaliseHint")}</p>
                <TextAreaField
                  label={t("actions.reason")}
                  name="reason"
                  rows={3}
                  hint={mode === "confirm" ? t("actions.reasonConfirmHint") : t("actions.reasonFinaliseHint")}
                  errors={errorsFor("reason")}
                />
                {changed ? (
                  <div className="flex flex-col gap-2 rounded-lg bg-warning-50 px-4 py-3 text-base text-warning-900 sm:flex-row sm:items-center sm:justify-between">
                    <p>{mode === "confirm" ? t("actions.changedConfirm") : t("actions.changedFinalise")}</p>
                    <Button variant="secondary" onClick={() => setDraft(initial)}>
                      {t("actions.restore")}
                    </Button>
                  </div>
                ) : null}
              </>
            )}
            {banner}
            <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
              {mode === "draft" ? (
                <>
                  <Button type="submit" name="step" value="draft" variant="secondary" disabled={pending}>
                    {t("actions.saveDraft")}
                  </Button>
                  {view.can.selfScore ? (
                    <Button type="submit" name="step" value="selfScore" disabled={pending}>
                      {t("actions.submitSelf")}
                    </Button>
                  ) : null}
                </>
              ) : null}
              {mode === "confirm" ? (
                <>
                  <Button type="submit" name="step" value="confirm" disabled={pending || changed}>
                    {t("actions.confirm")}
                  </Button>
                  <Button type="submit" name="step" value="adjust" variant="secondary" disabled={pending}>
                    {t("actions.adjust")}
                  </Button>
                </>
              ) : null}
              {mode === "finalise" ? (
                <>
                  {view.can.finalise ? (
                    <>
                      <Button type="submit" name="step" value="approve" disabled={pending || changed}>
                        {t("actions.approve")}
                      </Button>
                      <Button type="submit" name="step" value="adjustFinalise" variant="secondary" disabled={pending}>
                        {t("actions.adjustFinalise")}
                      </Button>
                    </>
                  ) : null}
                  {view.can.returnScore ? (
                    <Button type="submit" name="step" value="return" variant="secondary" disabled={pending}>
                      {t("actions.return")}
                    </Button>
                  ) : null}
                </>
              ) : null}
            </div>
            {pending ? (
              <p role="status" className="text-base text-ink-700">
                {t("actions.working")}
              </p>
            ) : null}
          </div>
        </section>
      ) : (
        banner
      )}
    </form>
  );
}
