// The page of one classification case (a member's or an organisation's), shared by the two routes
// /classification/members/[memberId] and /classification/units/[unitId]. It reads the case for the
// signed-in user (404 for what they may not read) and composes the views and the form of the step
// they may take now.
import { getTranslations } from "next-intl/server";
import { CapNotice, CaseColumns, CaseHistory, CaseSteps, Conditions, DownloadLink, LevelBadge } from "@/components/classification/case-view";
import { AppraisalForm, BranchReviewForm, CommitmentForm, DecisionForm, ReturnForm, SelfAssessmentForm } from "@/components/classification/step-forms";
import { BackLink } from "@/components/org/back-link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { authorize, canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import type { CaseView } from "@/lib/classification/cases";
import { getCase } from "@/lib/classification/workflow";
import { formatDateTime } from "@/lib/i18n/format";
import { appraisalAction, branchReviewAction, commitmentAction, decisionAction, returnAction, selfAssessmentAction } from "./actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";
import { orNotFound } from "@/lib/pages/page-load";

const DONE = ["saved", "submitted", "reviewed", "appraised", "decided", "returned", "commitment"] as const;
type Search = { period?: string | string[]; done?: string | string[] };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

type NextKey = "selfStart" | "selfContinue" | "review" | "appraise" | "decide" | "done" | `waiting.${CaseView["state"]}`;

/** What the user should do now, said plainly (or who the case waits for). */
function nextKey(view: CaseView): NextKey {
  if (view.can.self) return view.id ? "selfContinue" : "selfStart";
  if (view.can.review) return "review";
  if (view.can.appraise) return "appraise";
  if (view.can.decide) return "decide";
  if (view.state === "DECIDED") return "done";
  return `waiting.${view.state}`;
}

export async function CasePage({ subject, searchParams }: { subject: { memberId: string } | { unitId: string }; searchParams: Promise<Search> }) {
  const user = await requireUser();
  const query = await searchParams;
  const period = first(query.period) ?? String(todayInVietnam().getUTCFullYear());
  const view = await orNotFound(getCase(user, { ...subject, period }), { invalid: true });
  const t = await getTranslations("classification.case");
  const ts = await getTranslations("classification.state");
  const done = DONE.find((d) => d === first(query.done));
  const title = view.member ? view.member.fullName : view.unit.name;
  const boardHref = `/classification?unit=${view.unit.id}&period=${view.period.key}`;
  const here = view.member ? `/classification/members/${view.member.id}?period=${view.period.key}` : `/classification/units/${view.unit.id}?period=${view.period.key}`;
  const planHref = authorize(user, "meeting.record", view.unit) ? `/meetings/new?branch=${view.unit.id}&kind=REVIEW` : null;
  const next = nextKey(view);

  return (
    <>
      {/* A member without a reading role has no board to go back to. */}
      {canAnywhere(user, "meeting.read") ? <BackLink href={boardHref} label={t("backToBoard", { unit: view.unit.name })} /> : null}
      <PageHeader
        title={title}
        description={t("intro", { period: view.period.label, subject: t(`subject.${view.subject}`), unit: view.member ? view.unit.name : view.decidingUnit.name })}
      >
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={view.state === "DECIDED" ? "success" : "brand"}>{ts(view.state)}</Badge>
          {view.effective ? <LevelBadge level={view.effective.level} /> : null}
          {view.member?.posts.map((post) => (
            <Badge key={post}>{post}</Badge>
          ))}
        </div>
      </PageHeader>

      <div className="flex flex-col gap-6">
        {done ? <Alert tone="success">{t(`done.${done}`)}</Alert> : null}
        <CaseSteps view={view} />
        <Alert tone={next === "done" ? "success" : "info"} title={t("nextTitle")}>
          {t(`next.${next}`, { unit: view.decidingUnit.name })}
        </Alert>
        {view.returned && view.state === "DRAFT" ? (
          <Alert tone="warning" title={t("returnedTitle")}>
            {t("returnedLine", { reason: view.returned.reason, by: view.returned.by ?? "—", at: formatDateTime(view.returned.at) })}
          </Alert>
        ) : null}
        {view.cap ? <CapNotice cap={view.cap} /> : null}

        {view.can.self ? (
          // No card around it: the form's own sections are the cards (a phone keeps its width).
          <section aria-labelledby="self-assessment" className="flex flex-col gap-3">
            <h2 id="self-assessment" className="text-xl font-semibold text-ink-900">
              {t("selfTitle")}
            </h2>
            <p className="text-base text-ink-700">{t("selfIntro", { frame: view.frame.name, asOf: view.evidence.asOf.split("-").reverse().join("/") })}</p>
            <SelfAssessmentForm action={selfAssessmentAction} view={view} />
          </section>
        ) : view.self ? (
          <section aria-labelledby="case-columns" className="flex flex-col gap-3">
            <h2 id="case-columns" className="text-xl font-semibold text-ink-900">
              {t("columnsTitle", { total: view.self.result.total.toLocaleString("vi-VN"), max: view.definition.totalPoints })}
            </h2>
            <p className="text-base text-ink-700">{view.evidenceLive ? t("evidenceLive") : t("evidenceKept", { asOf: view.evidence.asOf.split("-").reverse().join("/") })}</p>
            <CaseColumns view={view} />
            <Card title={t("conditionsTitle")}>
              <Conditions column={view.appraisal ?? view.self} />
            </Card>
          </section>
        ) : (
          <Card title={t("selfTitle")}>
            <p className="text-base text-ink-700">{t("notStarted")}</p>
          </Card>
        )}

        {view.self?.submitted && (view.self.notes.strengths || view.self.notes.weaknesses || view.self.notes.remedies) ? (
          <Card title={t(view.member ? "notesMember" : "notesUnit")}>
            <dl className="flex flex-col gap-3 text-base">
              {(["strengths", "weaknesses", "remedies"] as const)
                .filter((k) => view.self!.notes[k])
                .map((k) => (
                  <div key={k}>
                    <dt className="font-semibold text-ink-900">{t(`notes.${k}`)}</dt>
                    <dd className="whitespace-pre-line text-ink-800">{view.self!.notes[k]}</dd>
                  </div>
                ))}
            </dl>
          </Card>
        ) : null}

        <CaseHistory view={view} />

        {view.can.review ? (
          <Card title={t("reviewTitle")}>
            <p className="mb-4 text-base text-ink-700">{t("reviewIntro")}</p>
            <BranchReviewForm action={branchReviewAction} view={view} planHref={planHref} />
          </Card>
        ) : null}
        {view.can.appraise ? (
          <Card title={t("appraiseTitle")}>
            <p className="mb-4 text-base text-ink-700">{t("appraiseIntro")}</p>
            <AppraisalForm action={appraisalAction} view={view} />
          </Card>
        ) : null}
        {view.can.decide ? (
          <Card title={t("decideTitle", { unit: view.decidingUnit.name })}>
            <p className="mb-4 text-base text-ink-700">{t("decideIntro")}</p>
            <DecisionForm action={decisionAction} view={view} />
          </Card>
        ) : null}
        {view.can.returnCase ? <ReturnForm action={returnAction} view={view} /> : null}

        {view.member && view.can.self ? (
          <Card title={t("commitmentTitle", { year: view.period.year })}>
            <CommitmentForm action={commitmentAction} view={view} returnTo={here} today={isoDay(todayInVietnam())} />
          </Card>
        ) : null}

        {view.id && view.self?.submitted ? (
          <div className="flex flex-wrap gap-3">
            <DownloadLink href={`/api/v1/classification/cases/${view.id}/self-review.docx`}>{t(view.member ? "downloadSelfReview" : "downloadUnitReview")}</DownloadLink>
          </div>
        ) : null}
      </div>
    </>
  );
}
