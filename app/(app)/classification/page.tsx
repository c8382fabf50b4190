import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BoardRows, BoardTrail, CapSummary, ChildrenTable, PeriodSwitch, ReviewMeetings } from "@/components/classification/board-view";
import { BulkReviewForm, DecisionQueue } from "@/components/classification/bulk-forms";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getBoard, ownCaseHref } from "@/lib/classification/board";
import { bulkDecisionAction, bulkReviewAction } from "./actions";
import { todayInVietnam } from "@/lib/time/days";
import { orNotFound } from "@/lib/pages/page-load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.board");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ClassificationBoardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser();
  const query = await searchParams;
  // A member without a reading role has no board: their own case is the page.
  if (!canAnywhere(user, "meeting.read")) {
    const own = await ownCaseHref(user, first(query.period) ?? String(todayInVietnam().getUTCFullYear()));
    if (own) redirect(own);
    notFound();
  }
  const board = await orNotFound(getBoard(user, { unit: first(query.unit), period: first(query.period) }), { forbidden: true, invalid: true });
  const t = await getTranslations("classification.board");
  const toDo = [...board.organisations, ...board.members].filter((r) => r.next !== "done" && r.next !== "waiting" && r.next !== "selfOnBehalf");
  const exportHref = `/api/v1/classification/export?unit=${board.unit.id}&period=${board.period.key}`;
  const toReview = board.members.filter((r): r is typeof r & { caseId: string } => r.next === "review" && r.caseId !== null);
  const done = first(query.done);
  const count = Number(first(query.count) ?? 0);
  const tb = await getTranslations("classification.bulk");
  const boardFields = (
    <>
      <input type="hidden" name="boardUnit" value={board.unit.id} />
      <input type="hidden" name="period" value={board.period.key} />
    </>
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("intro", { unit: board.unit.name, period: board.period.label })}>
        <BoardTrail board={board} />
      </PageHeader>
      <div className="flex flex-col gap-6">
        <div className="flex flex-col gap-4 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end sm:justify-between">
          <PeriodSwitch board={board} />
          <div className="flex flex-wrap gap-3">
            <a href={exportHref} download className={buttonClass("secondary")}>
              {t("export")}
            </a>
            {canAnywhere(user, "settings.manage") ? <ButtonLink href="/classification/frames">{t("frames")}</ButtonLink> : null}
          </div>
        </div>
        {done === "reviewed" || done === "decided" ? <Alert tone="success">{tb(`done.${done}`, { count })}</Alert> : null}
        <Alert tone={toDo.length > 0 || board.queue.total > 0 ? "info" : "success"} title={t("toDoTitle")}>
          {toDo.length + board.queue.total > 0 ? t("toDo", { count: toDo.length + board.queue.total }) : t("nothingToDo")}
        </Alert>
        {board.caps.members ? <CapSummary cap={board.caps.members} whom="members" /> : null}
        {board.caps.organisations ? <CapSummary cap={board.caps.organisations} whom="organisations" /> : null}
        {board.queue.total > 0 ? (
          <section aria-labelledby="classification-queue" className="flex flex-col gap-3">
            <h2 id="classification-queue" className="text-xl font-semibold text-ink-900">
              {tb("queueTitle", { count: board.queue.total })}
            </h2>
            <p className="text-base text-ink-700">{tb("queueIntro")}</p>
            <DecisionQueue action={bulkDecisionAction} rows={board.queue.rows} total={board.queue.total} extra={boardFields} />
          </section>
        ) : null}
        <BoardRows id="classification-organisations" rows={board.organisations} title={t("organisationsTitle")} empty={t("noOrganisations")} />
        {board.unit.isBranch && toReview.length > 1 && board.reviewMeetings.length > 0 ? (
          <Card title={tb("reviewTitle")}>
            <p className="mb-4 text-base text-ink-700">{tb("reviewIntro")}</p>
            <BulkReviewForm action={bulkReviewAction} rows={toReview} meetings={board.reviewMeetings} extra={boardFields} />
          </Card>
        ) : null}
        {board.unit.isBranch ? <BoardRows id="classification-members" rows={board.members} title={t("membersTitle", { count: board.members.length })} empty={t("noMembers")} /> : null}
        {board.unit.isBranch ? <ReviewMeetings board={board} /> : null}
        {board.children.length > 0 ? <ChildrenTable board={board} /> : null}
      </div>
    </>
  );
}

