// A classification case as its page shows it: where it stands in the workflow and what comes next,
// the columns side by side per criterion (self-assessment, appraisal) with the record beside each
// criterion, the conditions held or failed, the branch's vote, the decision, and the form of the
// step the user may take now.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { CaseView, Column } from "@/lib/classification/cases";
import { LEVEL_LABELS, type ClassificationLevel } from "@/lib/classification/model";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { Points } from "@/lib/exact/ratio";
import { EvidencePanel } from "./evidence-panel";

const pts = (value: number | null | undefined) => (value === null || value === undefined ? "—" : Points.format(Math.round(value * 10), "vi"));

export function LevelBadge({ level }: { level: ClassificationLevel | null | undefined }) {
  if (!level) return null;
  const tone = level === "EXCELLENT" || level === "GOOD" ? "success" : level === "COMPLETED" ? "brand" : "muted";
  return <Badge tone={tone}>{LEVEL_LABELS[level]}</Badge>;
}

const STEPS = ["self", "review", "appraisal", "decision"] as const;

/** The four steps with the one in progress marked; the branch step is left out where it does not apply. */
export async function CaseSteps({ view }: { view: CaseView }) {
  const t = await getTranslations("classification.case");
  const reached = {
    self: view.state !== "DRAFT",
    review: view.review !== null,
    appraisal: view.appraisal !== null,
    decision: view.decision !== null,
  };
  const steps = STEPS.filter((s) => s !== "review" || view.needsBranchReview);
  const current = steps.find((s) => !reached[s]);
  return (
    <ol className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-3" aria-label={t("stepsLabel")}>
      {steps.map((step, i) => (
        <li
          key={step}
          aria-current={step === current ? "step" : undefined}
          className={
            reached[step]
              ? "flex items-center gap-2 rounded-lg bg-success-50 px-3 py-2 text-base text-success-900"
              : step === current
                ? "flex items-center gap-2 rounded-lg bg-brand-50 px-3 py-2 text-base font-semibold text-brand-900 ring-2 ring-brand-700"
                : "flex items-center gap-2 rounded-lg bg-ink-50 px-3 py-2 text-base text-ink-700"
          }
        >
          <span aria-hidden="true">{reached[step] ? "✓" : `${i + 1}.`}</span>
          {t(`steps.${step}`)}
        </li>
      ))}
    </ol>
  );
}

/** Criterion by criterion: maximum, the self-assessment's and the appraisal's marks and remarks, the record. */
export async function CaseColumns({ view, showEvidence = true }: { view: CaseView; showEvidence?: boolean }) {
  const t = await getTranslations("classification.case");
  const self = view.self;
  const appraisal = view.appraisal;
  const mark = (column: Column | null | undefined, code: string) => column?.result.perCriterion.find((c) => c.code === code);
  return (
    <div className="flex flex-col gap-4">
      {view.definition.groups.map((group) => (
        <section key={group.code} aria-labelledby={`group-${group.code}`} className="rounded-xl border border-ink-200 bg-white p-3 sm:p-5">
          <h3 id={`group-${group.code}`} className="text-lg font-semibold text-ink-950">
            {group.name}{" "}
            <span className="font-normal text-ink-700">
              ({t("groupLine", { self: pts(self?.result.groupTotals.find((g) => g.code === group.code)?.points), max: pts(group.points) })})
            </span>
          </h3>
          <ul className="mt-2 flex flex-col divide-y divide-ink-100">
            {group.criteria.map((c) => {
              const s = mark(self, c.code);
              const a = mark(appraisal, c.code);
              return (
                <li key={c.code} className="flex flex-col gap-2 py-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <p className="text-base font-semibold text-ink-950">
                      {c.code}. {c.name}
                    </p>
                    <p className="text-base text-ink-900">
                      {t("markLine", { self: pts(s?.points), max: pts(c.maxPoints) })}
                      {appraisal?.adjusted ? <span className="ml-2 font-semibold text-brand-800">{t("appraisalMark", { points: pts(a?.points) })}</span> : null}
                    </p>
                  </div>
                  {s?.remark ? <p className="text-base text-ink-800">“{s.remark}”</p> : null}
                  {appraisal?.adjusted && a?.remark && a.remark !== s?.remark ? <p className="text-base text-brand-900">{t("appraisalRemark", { remark: a.remark })}</p> : null}
                  {showEvidence
                    ? (c.evidence ?? []).map((key) => (view.evidence.items[key] ? <EvidencePanel key={key} item={view.evidence.items[key]!} /> : null))
                    : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The conditions of the column that counts, held or failed. */
export async function Conditions({ column }: { column: Column }) {
  const t = await getTranslations("classification.case");
  return (
    <ul className="flex flex-col gap-1.5">
      {column.result.conditions.map((c) => (
        <li key={c.code} className={c.held ? "text-base text-success-900" : "text-base text-danger-700"}>
          <span aria-hidden="true">{c.held ? "✓ " : "✗ "}</span>
          <span className="sr-only">{c.held ? t("held") : t("failed")}: </span>
          <strong>{LEVEL_LABELS[c.level]}</strong> — {c.name}. {c.explanation}
        </li>
      ))}
    </ul>
  );
}

/** One line per column already taken: who, when, what level, the vote, the reason. */
export async function CaseHistory({ view }: { view: CaseView }) {
  const t = await getTranslations("classification.case");
  const rows: ReactNode[] = [];
  if (view.self?.submitted) {
    rows.push(
      <li key="self">
        <strong>{t("history.self")}</strong>: {pts(view.self.result.total)} {t("points")} · <LevelBadge level={view.self.level} />
        {view.self.by ? ` · ${view.self.by}` : ""}
        {view.self.at ? `, ${formatDateTime(view.self.at)}` : ""}
      </li>,
    );
  }
  if (view.review) {
    rows.push(
      <li key="review">
        <strong>{t("history.review")}</strong>: <LevelBadge level={view.review.level} />
        {view.review.vote ? ` · ${t("voteLine", { for: view.review.vote.for, eligible: view.review.vote.eligible, against: view.review.vote.against, abstain: view.review.vote.abstain })}` : ""}
        {view.review.meeting ? (
          <>
            {" · "}
            <Link href={`/meetings/${view.review.meeting.id}`} className="text-brand-800 underline">
              {view.review.meeting.title}, {formatCalendarDate(view.review.meeting.day)}
            </Link>
          </>
        ) : null}
        {view.review.comments ? <p className="mt-1 text-ink-800">“{view.review.comments}”</p> : null}
      </li>,
    );
  }
  if (view.appraisal) {
    rows.push(
      <li key="appraisal">
        <strong>{t("history.appraisal")}</strong>: {pts(view.appraisal.result.total)} {t("points")} · <LevelBadge level={view.appraisal.level} />
        {view.appraisal.adjusted ? ` · ${t("adjusted")}` : ` · ${t("confirmed")}`}
        {view.appraisal.by ? ` · ${view.appraisal.by}` : ""}
        {view.appraisal.reason ? <p className="mt-1 text-ink-800">{t("reasonLine", { reason: view.appraisal.reason })}</p> : null}
      </li>,
    );
  }
  if (view.decision) {
    rows.push(
      <li key="decision">
        <strong>{t("history.decision", { unit: view.decidingUnit.name })}</strong>: <LevelBadge level={view.decision.level} /> · {pts(view.decision.total)} {t("points")}
        {view.decision.by ? ` · ${view.decision.by}` : ""}, {formatDateTime(view.decision.at)}
        {view.decision.reason ? <p className="mt-1 text-ink-800">{t("reasonLine", { reason: view.decision.reason })}</p> : null}
      </li>,
    );
  }
  if (rows.length === 0) return null;
  return (
    <Card title={t("historyTitle")}>
      <ul className="flex flex-col gap-3 text-base text-ink-900">{rows}</ul>
    </Card>
  );
}

/** The cap at the deciding level as it stands, for whoever decides. */
export async function CapNotice({ cap }: { cap: NonNullable<CaseView["cap"]> }) {
  const t = await getTranslations("classification.case");
  const whom = t(`capWhom.${cap.whom}`);
  const line = t("capLine", { unit: cap.unit, excellent: cap.excellent, allowed: cap.allowed, percent: String(cap.percent).replace(".", ","), base: cap.baseCount, whom });
  return cap.over > 0 ? (
    <Alert tone="warning" title={t("capOverTitle", { over: cap.over })}>
      <p>{line}</p>
      {cap.names.length > 0 ? <p className="mt-1">{t("capNames", { names: cap.names.join(", ") })}</p> : null}
    </Alert>
  ) : (
    <Alert tone="info">{line}</Alert>
  );
}

export function DownloadLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} download className={buttonClass("secondary")}>
      {children}
    </a>
  );
}
