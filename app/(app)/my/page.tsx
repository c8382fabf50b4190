import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { MyMeetingCard } from "@/components/outputs/my-meeting-card";
import { requireUser } from "@/lib/auth/session";
import { memberOverview, type MemberMeeting } from "@/lib/calendar/member-view";
import { documentDownloadUrl, minutesDocxUrl, resolutionDocxUrl } from "@/lib/documents/urls";
import { formatCalendarDate, formatDate, formatDateTime, formatTime } from "@/lib/i18n/format";
import type { MemberMeetingRecord } from "@/lib/meetings/rules";
import { formatRatio } from "@/lib/exact/ratio";
import { vietnamDayOf } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("outputs.my");
  return { title: t("title") };
}

const linkClass = "link-action underline-offset-2";

export default async function MyPage() {
  // The member's own record: everything below is read through the account's linked member, and
  // meeting pages and files are linked only where the meeting rule lets the user read them.
  const user = await requireUser();
  const [t, view] = await Promise.all([getTranslations("outputs"), memberOverview(user)]);
  if (!view) {
    return (
      <>
        <PageHeader title={t("my.title")} />
        <EmptyState title={t("my.notLinkedTitle")}>
          <p>{t("my.notLinkedBody")}</p>
        </EmptyState>
      </>
    );
  }
  const today = vietnamDayOf(new Date()).getTime();
  // Where each counted absence was recorded (the counters follow the member across branches).
  const sources = (records: readonly MemberMeetingRecord[]) =>
    records.map((r) => t("my.sourceItem", { date: formatCalendarDate(r.date), branch: r.branchName ?? view.member.branch.name })).join("; ");
  // Drawn by a client component from its worked-out words (its markup is not sent twice).
  const meetingCard = (m: MemberMeeting, withMark: boolean) => (
    <MyMeetingCard
      key={m.id}
      id={m.id}
      time={formatTime(m.plannedStart)}
      date={formatDate(m.plannedStart)}
      title={m.title}
      readable={m.readable}
      place={m.place ? t("calendar.place", { place: m.place }) : null}
      kind={t(`kind.${m.kind}`)}
      state={{ label: t(`state.${m.state}`), tone: m.state === "CANCELLED" || m.state === "POSTPONED" ? "muted" : "neutral" }}
      mark={withMark ? { label: t("my.yourMark", { mark: t(`attendance.${m.mark ?? "none"}`) }), tone: m.mark === "PRESENT" ? "success" : "muted" } : null}
      reason={withMark && m.reason ? t("my.reason", { reason: m.reason }) : null}
      minutes={m.readable && m.hasMinutes ? { href: minutesDocxUrl(m.id), label: t("my.minutesDocx") } : null}
      resolution={m.readable && m.hasResolution ? { href: resolutionDocxUrl(m.id), label: t("my.resolutionDocx") } : null}
      linkClass={linkClass}
    />
  );
  const { attendance } = view;

  return (
    <>
      <PageHeader title={t("my.title")} description={t("my.description")}>
        <p className="text-lg font-semibold text-ink-900">
          {view.member.fullName} · {t("my.branch", { name: view.member.branch.name })}
        </p>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("my.upcoming")}>
          {view.upcoming.length === 0 ? (
            <p className="text-base text-ink-700">{t("my.upcomingEmpty")}</p>
          ) : (
            <ul className="-mx-4 flex flex-col divide-y divide-ink-200">{view.upcoming.map((m) => meetingCard(m, false))}</ul>
          )}
        </Card>
        <Card title={t("my.attendance", { year: view.year })}>
          {attendance.due + attendance.counts.EXEMPT + attendance.counts.ELSEWHERE + attendance.counts.SPECIAL_DUTY === 0 ? (
            <p className="text-base text-ink-700">{t("my.attendanceEmpty", { year: view.year })}</p>
          ) : (
            <div className="flex flex-col gap-4">
              <p className="text-lg font-semibold text-ink-950">
                {attendance.rate
                  ? t("my.rate", { present: attendance.present, due: attendance.due, rate: `${formatRatio(attendance.rate, 1)}%` })
                  : t("my.rateNone")}
              </p>
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                {(Object.keys(attendance.counts) as (keyof typeof attendance.counts)[])
                  .filter((status) => attendance.counts[status] > 0 || ["PRESENT", "ABSENT_EXCUSED", "ABSENT_UNEXCUSED"].includes(status))
                  .map((status) => (
                    <div key={status} className="rounded-lg bg-ink-50 p-3">
                      <dt className="text-sm text-ink-700">{t(`attendance.${status}`)}</dt>
                      <dd className="text-2xl font-bold text-ink-950">{attendance.counts[status]}</dd>
                    </div>
                  ))}
              </dl>
              {attendance.streak.current >= attendance.maxExcusedStreak ? (
                <Alert tone="warning">
                  <p>{t("my.streakWarning", { count: attendance.streak.current, max: attendance.maxExcusedStreak })}</p>
                  <p className="mt-1 text-sm">{t("my.streakFrom", { list: sources(attendance.streak.currentRun) })}</p>
                </Alert>
              ) : null}
              {attendance.unexcused.status !== "OK" ? (
                <Alert tone={attendance.unexcused.status === "FLAG" ? "error" : "warning"}>
                  <p>{t("my.unexcusedWarning", { count: attendance.unexcused.count })}</p>
                  <p className="mt-1 text-sm">{t("my.unexcusedFrom", { list: sources(attendance.unexcused.sources) })}</p>
                </Alert>
              ) : null}
            </div>
          )}
        </Card>
        {/* The home page's "own tasks" link lands here. */}
        <div id="tasks" className="scroll-mt-4">
          <Card title={t("my.tasks")}>
            {view.tasks.length === 0 ? (
              <p className="text-base text-ink-700">{t("my.tasksEmpty")}</p>
            ) : (
              <ul className="-mx-4 flex flex-col divide-y divide-ink-200">
                {view.tasks.map((task) => {
                  const overdue = task.result === null && task.deadline.getTime() < today;
                  return (
                    <li key={task.id} className="flex flex-col gap-1 p-4">
                      <p className="text-base font-semibold whitespace-pre-line text-ink-950">{task.content}</p>
                      <p className="flex flex-wrap items-center gap-2 text-base text-ink-800">
                        {t("my.deadline", { date: formatCalendarDate(task.deadline) })}
                        {overdue ? <Badge tone="brand">{t("my.overdue")}</Badge> : null}
                        <Badge tone={task.result === "DONE" ? "success" : "muted"}>
                          {task.result ? t(`taskResult.${task.result}`, { percent: task.resultPercent ?? 0 }) : t("taskResult.pending")}
                        </Badge>
                      </p>
                      <p className="text-sm text-ink-700">
                        {t("my.assignedAt", { title: task.meeting.title, date: formatDate(task.meeting.plannedStart) })}
                      </p>
                      {task.reportMeeting ? (
                        <p className="text-sm text-ink-700">
                          {t("my.reportAt", { title: task.reportMeeting.title, date: formatDate(task.reportMeeting.plannedStart) })}
                        </p>
                      ) : null}
                      {task.resultNote ? <p className="text-sm text-ink-700">{t("my.resultNote", { note: task.resultNote })}</p> : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </div>
        <Card title={t("my.documents")}>
          {view.documents.length === 0 ? (
            <p className="text-base text-ink-700">{t("my.documentsEmpty")}</p>
          ) : (
            <ul className="-mx-4 flex flex-col divide-y divide-ink-200">
              {view.documents.map((doc) => (
                <li key={doc.id} className="flex flex-col gap-1 p-4">
                  <a href={documentDownloadUrl(doc.meetingId, doc.id)} download className={linkClass}>
                    {doc.title}
                  </a>
                  <p className="text-sm text-ink-700">
                    {doc.meetingTitle} · {t("my.postedAt", { at: formatDateTime(doc.postedAt) })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("my.past", { year: view.year })} className="lg:col-span-2">
          {view.past.length === 0 ? (
            <p className="text-base text-ink-700">{t("my.pastEmpty", { year: view.year })}</p>
          ) : (
            <ul className="-mx-4 grid divide-y divide-ink-200 lg:grid-cols-2 lg:divide-y-0">{view.past.map((m) => meetingCard(m, true))}</ul>
          )}
        </Card>
      </div>
    </>
  );
}
