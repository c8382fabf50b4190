import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/members/back-link";
import { MinutesForm } from "@/components/record/minutes-form";
import { RecordNav } from "@/components/record/record-nav";
import { ResolutionForm } from "@/components/record/resolution-form";
import { SpeechesPanel } from "@/components/record/speeches-panel";
import { TasksPanel } from "@/components/record/tasks-panel";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getMinutesSheet } from "@/lib/meetings/minutes";
import { formatPercent } from "@/lib/exact/ratio";
import { pageLoader } from "@/lib/pages/page-load";
import {
  addSpeechAction,
  assignTaskAction,
  deleteSpeechAction,
  deleteTaskAction,
  recordTaskResultAction,
  reorderSpeechesAction,
  saveMinutesAction,
  saveResolutionAction,
} from "./actions";

interface Props {
  params: Promise<{ id: string }>;
}

// A foreign id, one outside the user's subtree, or a meeting they may not record are the same 404.
const load = pageLoader(getMinutesSheet, { forbidden: true });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("record.minutes");
  const sheet = await load((await params).id);
  return { title: `${t("title")} — ${sheet.meeting.title}` };
}

export default async function MinutesPage({ params }: Props) {
  const sheet = await load((await params).id);
  const t = await getTranslations("record");
  const day = formatCalendarDate(`${sheet.meeting.day}T00:00:00.000Z`);
  const present = sheet.roll.filter((m) => m.mark === "PRESENT");
  // Chair and thư ký: anyone on the roll not marked absent (attendance may still be under way), and
  // whoever is already chosen, so that saving never clears them silently.
  const people = sheet.roll.filter(
    (m) => m.mark === null || m.mark === "PRESENT" || m.memberId === sheet.chairMemberId || m.memberId === sheet.clerkMemberId,
  );
  const sections = [
    { id: "bien-ban", label: t("minutes.title") },
    { id: "phat-bieu", label: t("speeches.title") },
    { id: "nghi-quyet", label: t("resolution.title") },
    { id: "nhiem-vu", label: t("tasks.title") },
  ];
  return (
    <>
      <BackLink href={`/meetings/${sheet.meeting.id}`} label={t("backToMeeting")} />
      <PageHeader title={t("minutes.pageTitle")} description={t("meetingLine", { title: sheet.meeting.title, branch: sheet.meeting.branchName, day })} />
      <RecordNav meetingId={sheet.meeting.id} current="minutes" />
      <nav aria-label={t("minutes.sectionsLabel")} className="mb-4 flex flex-wrap gap-2">
        {sections.map((s) => (
          <a key={s.id} href={`#${s.id}`} className="inline-flex min-h-11 items-center rounded-full border border-ink-300 bg-white px-4 text-base text-ink-900 hover:bg-ink-50">
            {s.label}
          </a>
        ))}
      </nav>
      {sheet.lockedReason ? (
        <Alert tone="warning" className="mb-4">
          {sheet.lockedReason}
        </Alert>
      ) : null}
      {!sheet.canRecord ? (
        <Alert tone="info" className="mb-4">
          {t("readOnly")}
        </Alert>
      ) : null}
      {!sheet.attendanceComplete && sheet.canEdit ? (
        <Alert tone="info" className="mb-4">
          {t("minutes.attendanceFirst")}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-6">
        <div id="bien-ban" className="scroll-mt-4">
          <Card title={t("minutes.title")}>
            <MinutesForm
              action={saveMinutesAction}
              meetingId={sheet.meeting.id}
              version={sheet.minutes.version}
              opening={sheet.minutes.opening}
              proceedings={sheet.minutes.proceedings}
              closing={sheet.minutes.closing}
              chairMemberId={sheet.chairMemberId}
              clerkMemberId={sheet.clerkMemberId}
              ideologyMinutes={sheet.ideologyMinutes}
              people={people}
              canEdit={sheet.canEdit}
            />
          </Card>
        </div>
        <div id="phat-bieu" className="scroll-mt-4">
          <Card title={t("speeches.title")}>
            <SpeechesPanel
              meetingId={sheet.meeting.id}
              speeches={sheet.speeches}
              presentMembers={present}
              guests={sheet.guests}
              shareText={sheet.speakers.share ? formatPercent(sheet.speakers.share) : null}
              speakers={sheet.speakers.speakers}
              present={sheet.speakers.present}
              canEdit={sheet.canEdit}
              addAction={addSpeechAction}
              deleteAction={deleteSpeechAction}
              reorderAction={reorderSpeechesAction}
            />
          </Card>
        </div>
        <div id="nghi-quyet" className="scroll-mt-4">
          <Card title={t("resolution.title")}>
            <ResolutionForm action={saveResolutionAction} meetingId={sheet.meeting.id} resolution={sheet.resolution} canEdit={sheet.canEdit} />
          </Card>
        </div>
        <div id="nhiem-vu" className="scroll-mt-4">
          <Card title={t("tasks.title")}>
            <TasksPanel
              meetingId={sheet.meeting.id}
              tasks={sheet.tasks}
              members={sheet.roll}
              canEdit={sheet.canEdit}
              assignAction={assignTaskAction}
              deleteAction={deleteTaskAction}
              resultAction={recordTaskResultAction}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
