import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MeetingKindBadge, MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { AttendanceSection, DocumentsSection, MinutesSection, PreparationSection } from "@/components/meetings/meeting-sections";
import { MeetingTransitions } from "@/components/meetings/meeting-transitions";
import { ScoringSection } from "@/components/scoring/scoring-section";
import { BackLink } from "@/components/org/back-link";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { DuesAnnouncementCard } from "@/components/dues/dues-announcement";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { qrSvg } from "@/lib/documents/qr";
import { minutesDocxUrl, noticeUrl, printUrl, requestOrigin, resolutionDocxUrl, signInThenUrl } from "@/lib/documents/urls";
import { QrCode } from "@/components/outputs/qr-code";
import { headers } from "next/headers";
import type { MeetingState } from "@/lib/generated/prisma/enums";
import { formatDate, formatDateTime, formatTime, toLocalDateTimeInput } from "@/lib/i18n/format";
import { getDuesAnnouncement } from "@/lib/meetings/dues-announcement";
import { getMeetingHub } from "@/lib/meetings/meetings";
import { TRANSITIONS, type MeetingTransition } from "@/lib/meetings/states";
import { scorecardSummary } from "@/lib/scoring/scorecard-summary";
import { transitionAction } from "../../actions";
import { vietnamDayOf } from "@/lib/time/days";
import { pageLoader } from "@/lib/pages/page-load";

type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** States after which the record (and so the official documents) exists. */
const RECORDED: readonly MeetingState[] = ["HELD", "MINUTES_ADOPTED", "SELF_SCORED", "CONFIRMED", "FINALISED"];

// The title in the metadata and the page share one read per request (pageLoader).
const load = pageLoader(getMeetingHub);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const t = await getTranslations("meetings");
  try {
    const { meeting } = await load((await params).id);
    return { title: meeting.title };
  } catch {
    return { title: t("title") };
  }
}

export default async function MeetingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  // getMeetingHub authorizes (404 outside the user's scope) and lists only the moves they may make.
  const { meeting, preparation, record } = await load(id);
  const t = await getTranslations("meetings");
  const doneMessage =
    done === "created" || done === "updated"
      ? t(`done.${done}`)
      : done && Object.hasOwn(TRANSITIONS, done)
        ? t(`transition.${done as MeetingTransition}.done`)
        : null;
  const weekday = vietnamDayOf(meeting.plannedStart).getUTCDay() as Weekday;
  const timeRange = (start: Date, end: Date | null) =>
    `${t(`weekday.${vietnamDayOf(start).getUTCDay() as Weekday}`)}, ${formatDate(start)} · ${formatTime(start)}${end ? `–${formatTime(end)}` : ""}`;
  const base = `/meetings/${meeting.id}`;
  const held = RECORDED.includes(meeting.state);
  const user = await requireUser();
  // Asked for together, so they share one transaction. The scorecard is null for a member of the
  // branch (they do not see scorecards); the dues situation is announced at the opening (SPEC
  // §3.2), for those who read or record the branch's meetings.
  const [scoring, dues] = await Promise.all([
    held ? scorecardSummary(user, meeting.id) : null,
    meeting.can.read || meeting.can.record ? getDuesAnnouncement(user, meeting.id) : null,
  ]);
  const recordLinks = meeting.can.read || meeting.can.record;
  // Before the meeting: a notice to print or send as an image, and its QR code, for members who
  // have no account or e-mail (the QR opens the notice and documents after signing in).
  const upcoming = meeting.state === "PLANNED" || meeting.state === "NOTIFIED" || meeting.state === "POSTPONED";
  const shareLink = upcoming ? signInThenUrl(requestOrigin(await headers()), noticeUrl(meeting.id)) : null;
  const shareQr = shareLink ? await qrSvg(shareLink) : null;
  const ts = await getTranslations("preparation.share");

  return (
    <>
      <BackLink href="/meetings" label={t("backToList")} />
      <PageHeader title={meeting.title} description={meeting.branch.parentName ? `${meeting.branch.name} · ${meeting.branch.parentName}` : meeting.branch.name}>
        <div className="flex flex-wrap items-center gap-2">
          <MeetingKindBadge kind={meeting.kind} />
          <MeetingStateBadge state={meeting.state} />
          {meeting.lockedAt ? <span className="text-sm text-ink-700">{t("detail.lockedAt", { time: formatDateTime(meeting.lockedAt) })}</span> : null}
        </div>
      </PageHeader>

      <div className="flex flex-col gap-6">
        {doneMessage ? <Alert tone="success">{doneMessage}</Alert> : null}

        <Card>
          <dl className="grid gap-x-6 gap-y-3 text-base sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold text-ink-900">{t("detail.planned")}</dt>
            <dd className="text-ink-800">
              <time dateTime={meeting.plannedStart.toISOString()}>{timeRange(meeting.plannedStart, meeting.plannedEnd)}</time>
              {weekday === 0 || weekday === 6 ? (
                <span className="ml-2 text-sm text-warning-900">({t("detail.weekend", { weekday: t(`weekday.${weekday}`) })})</span>
              ) : null}
            </dd>
            {meeting.actualStart ? (
              <>
                <dt className="font-semibold text-ink-900">{t("detail.actual")}</dt>
                <dd className="text-ink-800">{timeRange(meeting.actualStart, meeting.actualEnd)}</dd>
              </>
            ) : null}
            <dt className="font-semibold text-ink-900">{t("detail.place")}</dt>
            <dd className="text-ink-800">{meeting.place ?? t("detail.placeUnknown")}</dd>
            {meeting.topic ? (
              <>
                <dt className="font-semibold text-ink-900">{t("detail.topic")}</dt>
                <dd className="text-ink-800">{meeting.topic}</dd>
              </>
            ) : null}
            {meeting.stateReason ? (
              <>
                <dt className="font-semibold text-ink-900">{t("detail.reason")}</dt>
                <dd className="text-ink-800">{meeting.stateReason}</dd>
              </>
            ) : null}
            <dt className="font-semibold text-ink-900">{t("detail.planLabel")}</dt>
            <dd className="text-ink-800">
              {meeting.plan ? (
                <Link href={`/plans/${meeting.branch.id}?year=${meeting.plan.year}`} className="font-semibold text-brand-800 underline">
                  {t("detail.plan", { year: meeting.plan.year })}
                </Link>
              ) : (
                t("detail.notPlanned")
              )}
            </dd>
          </dl>
          <p className="mt-4 text-base text-ink-700">{t(`next.${meeting.state}`)}</p>
          {meeting.can.edit ? (
            <div className="mt-4">
              <ButtonLink href={`${base}/edit`}>{t("edit.link")}</ButtonLink>
            </div>
          ) : null}
        </Card>

        {meeting.can.record || meeting.can.transitions.length > 0 ? (
          <Card title={t("detail.actions")}>
            <MeetingTransitions
              action={transitionAction}
              meetingId={meeting.id}
              version={meeting.version}
              transitions={meeting.can.transitions}
              prepareHref={`${base}/prepare`}
              defaults={{
                actualStart: toLocalDateTimeInput(meeting.actualStart ?? meeting.plannedStart),
                actualEnd: meeting.actualEnd || meeting.plannedEnd ? toLocalDateTimeInput((meeting.actualEnd ?? meeting.plannedEnd)!) : "",
              }}
            />
          </Card>
        ) : null}

        {dues ? <DuesAnnouncementCard announcement={dues} branchId={meeting.branch.id} /> : null}

        <section aria-labelledby="meeting-sections" className="flex flex-col gap-3">
          <h2 id="meeting-sections" className="text-xl font-semibold text-ink-900">
            {t("detail.sections")}
          </h2>
          <div className="grid gap-4 md:grid-cols-2">
            <PreparationSection summary={preparation} href={`${base}/prepare`} />
            <AttendanceSection summary={record} href={recordLinks ? `${base}/attendance` : null} />
            <MinutesSection summary={record} href={recordLinks ? `${base}/minutes` : null} />
            <DocumentsSection
              links={held ? { print: printUrl(meeting.id), minutesDocx: minutesDocxUrl(meeting.id), resolutionDocx: resolutionDocxUrl(meeting.id) } : null}
            />
            {scoring ? <ScoringSection summary={scoring} href={`${base}/score`} /> : null}
          </div>
        </section>

        {shareQr ? (
          <Card title={ts("card")}>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
              <QrCode svg={shareQr} label={ts("qrLabel")} className="size-36 shrink-0 [&>svg]:size-full" />
              <div className="flex flex-col gap-3">
                <p className="text-base text-ink-700">{ts("cardHint")}</p>
                <ButtonLink href={noticeUrl(meeting.id)} className="self-start">
                  {ts("open")}
                </ButtonLink>
              </div>
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
