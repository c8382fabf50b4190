import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/members/back-link";
import { AttendanceBoard } from "@/components/record/attendance-board";
import { GuestsPanel, TimesForm } from "@/components/record/attendance-extras";
import { RecordNav } from "@/components/record/record-nav";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatCalendarDate } from "@/lib/i18n/format";
import { getAttendanceSheet } from "@/lib/meetings/attendance";
import { attendanceFigures } from "@/lib/meetings/record-rules";
import { requiredDuration } from "@/lib/meetings/rules/duration";
import { rollEntries } from "@/lib/meetings/record-common";
import { pageLoader } from "@/lib/pages/page-load";
import { addGuestAction, removeGuestAction, setTimesAction } from "./actions";

interface Props {
  params: Promise<{ id: string }>;
}

// One read per request for the metadata and the page. A foreign id, one outside the user's
// subtree, or a meeting only their MEMBER grant covers are the same 404.
const load = pageLoader(getAttendanceSheet, { forbidden: true });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("record.attendance");
  const sheet = await load((await params).id);
  return { title: `${t("title")} — ${sheet.meeting.title}` };
}

export default async function AttendancePage({ params }: Props) {
  const sheet = await load((await params).id);
  const t = await getTranslations("record");
  const figures = attendanceFigures(rollEntries(sheet.roll), sheet.marks.map((m) => ({ memberId: m.memberId, mark: m.status })));
  const required = requiredDuration({ kind: sheet.meeting.kind, attendanceDenominator: figures.denominator }, sheet.duration);
  const day = formatCalendarDate(`${sheet.meeting.day}T00:00:00.000Z`);
  return (
    <>
      <BackLink href={`/meetings/${sheet.meeting.id}`} label={t("backToMeeting")} />
      <PageHeader title={t("attendance.title")} description={t("meetingLine", { title: sheet.meeting.title, branch: sheet.meeting.branchName, day })} />
      <RecordNav meetingId={sheet.meeting.id} current="attendance" />
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
      <div className="flex flex-col gap-6">
        <AttendanceBoard sheet={sheet} />
        <Card title={t("times.title")}>
          <TimesForm
            action={setTimesAction}
            meetingId={sheet.meeting.id}
            version={sheet.meeting.version}
            actualStart={sheet.meeting.actualStart}
            actualEnd={sheet.meeting.actualEnd}
            plannedStart={sheet.meeting.plannedStart}
            requiredMinutes={required.minutes}
            requiredExplanation={required.explanation}
            canEdit={sheet.canEdit}
          />
        </Card>
        <Card title={t("guests.title")}>
          <GuestsPanel
            meetingId={sheet.meeting.id}
            guests={sheet.guests}
            overseers={sheet.overseers}
            canEdit={sheet.canEdit}
            addAction={addGuestAction}
            removeAction={removeGuestAction}
          />
        </Card>
      </div>
    </>
  );
}
