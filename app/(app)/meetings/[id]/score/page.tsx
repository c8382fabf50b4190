import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/members/back-link";
import { RubricCard, FactsCard } from "@/components/scoring/scorecard-context";
import { ScorecardEditor, type ScoringMode } from "@/components/scoring/scorecard-editor";
import { MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { ownColumns, scoreSheetDocxUrl } from "@/lib/documents/score-sheet";
import { scorecardEditorView } from "@/lib/scoring/editor-view";
import { getScorecard, type ScorecardView } from "@/lib/scoring/workflow";
import { pageLoader } from "@/lib/pages/page-load";
import { confirmScoreAction, finaliseScoreAction, returnScoreAction, saveScoreDraftAction, submitSelfScoreAction } from "./actions";

interface Props {
  params: Promise<{ id: string }>;
}

// A member of the branch sees the meeting but not its scorecard: like a page that does not exist.
const load = pageLoader(getScorecard, { forbidden: true });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("scorecard");
  const view = await load((await params).id);
  return { title: `${t("title")} — ${view.meeting.title}` };
}

/** One editable column at a time: the branch's draft, else the overseer's, else the reviewer's. */
function modeOf(can: ScorecardView["can"]): ScoringMode | null {
  if (can.draft) return "draft";
  if (can.confirm) return "confirm";
  if (can.finalise || can.returnScore) return "finalise";
  return null;
}

export default async function ScorePage({ params }: Props) {
  const { id } = await params;
  const view = await load(id);
  const t = await getTranslations("scorecard");
  const day = formatCalendarDate(`${view.meeting.day}T00:00:00.000Z`);
  const mode = modeOf(view.can);
  const locked = view.meeting.state === "FINALISED";
  const scorable = view.definition !== null && view.facts !== null && view.rubric !== null;
  // The editor gets only the fields it reads: its props are sent to the browser with the page.
  const editorView = scorable ? scorecardEditorView(view) : null;

  return (
    <>
      <div className="print-hide">
        <BackLink href={`/meetings/${view.meeting.id}`} label={t("backToMeeting")} />
        <PageHeader title={t("title")} description={t("meetingLine", { title: view.meeting.title, branch: view.meeting.branch.name, day })}>
          <div className="flex flex-wrap items-center gap-2">
            <MeetingStateBadge state={view.meeting.state} />
          </div>
        </PageHeader>
      </div>

      <div className="print-hide flex flex-col gap-6">
        {view.notScorable ? <Alert tone="info">{view.notScorable}</Alert> : null}
        {locked ? (
          <Alert tone="success" title={t("locked")}>
            {view.meeting.lockedAt ? t("lockedAt", { time: formatDateTime(view.meeting.lockedAt) }) : t("lockedNoTime")}
            {view.can.reopen ? ` ${t("reopenHint")}` : null}
          </Alert>
        ) : !view.notScorable ? (
          <p className="text-base text-ink-700">{t(`stage.${stageKey(view.meeting.state)}`)}</p>
        ) : null}
        {scorable && !mode && !locked ? <Alert tone="info">{t("readOnly")}</Alert> : null}
        {view.anomalies.length > 0 && (view.can.confirm || view.can.finalise || view.can.returnScore || locked) ? (
          <Alert tone="warning" title={t("anomalies")}>
            <ul className="list-disc pl-5">
              {view.anomalies.map((flag) => (
                <li key={flag.code}>{flag.message}</li>
              ))}
            </ul>
          </Alert>
        ) : null}

        {view.rubric && view.definition && view.facts ? (
          // Folded: each AUTO criterion below already shows the figure it was scored on.
          <details className="group rounded-xl border border-ink-200 bg-white shadow-sm">
            <summary className="flex min-h-14 cursor-pointer items-center px-4 py-3 text-base font-semibold text-ink-900 sm:px-5 sm:text-lg">
              {t("basisSummary", { rubric: view.rubric.name })}
            </summary>
            <div className="grid gap-4 border-t border-ink-100 p-3 sm:p-4 lg:grid-cols-2">
              <RubricCard rubric={view.rubric} definition={view.definition} hasThematicPart={view.facts.hasThematicPart} />
              <FactsCard facts={view.facts} live={view.factsLive} />
            </div>
          </details>
        ) : null}

        {editorView ? (
          <section aria-labelledby="criteria-title" className="flex flex-col gap-4">
            <h2 id="criteria-title" className="sr-only">
              {t("criteria.title")}
            </h2>
            <ScorecardEditor
              view={editorView}
              mode={mode}
              own={ownColumns(view)}
              actions={{
                draft: saveScoreDraftAction,
                selfScore: submitSelfScoreAction,
                confirm: confirmScoreAction,
                finalise: finaliseScoreAction,
                returnScore: returnScoreAction,
              }}
            />
          </section>
        ) : null}
        {scorable ? (
          // The sheet on paper or in Word: after the scoring itself, which is the work of this page.
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {/* A plain link: a file, not a page. */}
            <a href={scoreSheetDocxUrl(view.meeting.id)} download className="link-action">
              {t("download")}
            </a>
            {/* The printable sheet is a page of its own (./print): a phone does not download it with the form. */}
            <Link href={`/meetings/${view.meeting.id}/score/print`} className="link-action">
              {t("print")}
            </Link>
            {locked && view.can.reopen ? (
              <ButtonLink href={`/meetings/${view.meeting.id}`} variant="ghost">
                {t("reopenLink")}
              </ButtonLink>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}

type StageKey = "HELD" | "MINUTES_ADOPTED" | "SELF_SCORED" | "CONFIRMED";

function stageKey(state: ScorecardView["meeting"]["state"]): StageKey {
  return state === "HELD" || state === "MINUTES_ADOPTED" || state === "SELF_SCORED" || state === "CONFIRMED" ? state : "HELD";
}
