import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BoardRows, BoardTrail, CapSummary, ChildrenTable, PeriodSwitch, ReviewMeetings } from "@/components/classification/board-view";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getBoard, ownCaseHref, type Board } from "@/lib/classification/board";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { todayInVietnam } from "@/lib/org/unit-rules";

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
  let board: Board;
  try {
    board = await getBoard(user, { unit: first(query.unit), period: first(query.period) });
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof ValidationError) notFound();
    throw error;
  }
  const t = await getTranslations("classification.board");
  const toDo = [...board.organisations, ...board.members].filter((r) => r.next !== "done" && r.next !== "waiting");
  const exportHref = `/api/v1/classification/export?unit=${board.unit.id}&period=${board.period.key}`;
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
        <Alert tone={toDo.length > 0 ? "info" : "success"} title={t("toDoTitle")}>
          {toDo.length > 0 ? t("toDo", { count: toDo.length }) : t("nothingToDo")}
        </Alert>
        {board.caps.members ? <CapSummary cap={board.caps.members} whom="members" /> : null}
        {board.caps.organisations ? <CapSummary cap={board.caps.organisations} whom="organisations" /> : null}
        <BoardRows id="classification-organisations" rows={board.organisations} title={t("organisationsTitle")} empty={t("noOrganisations")} />
        {board.unit.isBranch ? <BoardRows id="classification-members" rows={board.members} title={t("membersTitle", { count: board.members.length })} empty={t("noMembers")} /> : null}
        {board.unit.isBranch ? <ReviewMeetings board={board} /> : null}
        {board.children.length > 0 ? <ChildrenTable board={board} /> : null}
      </div>
    </>
  );
}
