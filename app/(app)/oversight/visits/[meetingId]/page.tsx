import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MeetingKindBadge, MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { BackLink } from "@/components/members/back-link";
import { CloseFollowUpForm } from "@/components/oversight/close-follow-up-form";
import { FollowUpForm, RecordVisitForm, VisitNotesForm } from "@/components/oversight/oversight-forms";
import { RegistrationButton } from "@/components/oversight/registration-button";
import { VisitBadges } from "@/components/oversight/oversight-views";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatCalendarDate, formatDateTime, formatNumber, formatTime } from "@/lib/i18n/format";
import { getVisitView } from "@/lib/oversight/visits";
import { pageLoader } from "@/lib/pages/page-load";
import { addFollowUpAction, closeFollowUpAction, recordVisitAction, registerAction, unregisterAction, updateVisitAction } from "../../actions";

interface Props {
  params: Promise<{ meetingId: string }>;
  searchParams: Promise<{ done?: string | string[] }>;
}

// Not an overseer of this meeting's branch: like a page that does not exist.
const load = pageLoader(getVisitView, { forbidden: true });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("oversight.visit");
  const view = await load((await params).meetingId);
  return { title: `${t("title")} — ${view.meeting.title}` };
}

export default async function VisitPage({ params, searchParams }: Props) {
  const [{ meetingId }, { done }] = await Promise.all([params, searchParams]);
  const view = await load(meetingId);
  const t = await getTranslations("oversight");
  const tv = await getTranslations("oversight.visit");
  const tl = await getTranslations("scorecard.levels");
  const { meeting, visit } = view;
  const points = (tenths: number | null) => (tenths === null ? "—" : formatNumber(tenths / 10, { maximumFractionDigits: 1 }));
  const label = `${meeting.title} – ${meeting.branch.name}`;

  return (
    <>
      <BackLink href="/oversight" label={t("desk.title")} />
      <PageHeader title={tv("title")} description={tv("meetingLine", { title: meeting.title, branch: meeting.branch.name, day: formatCalendarDate(meeting.day) })}>
        <p className="flex flex-wrap gap-2">
          <MeetingKindBadge kind={meeting.kind} />
          <MeetingStateBadge state={meeting.state} />
        </p>
      </PageHeader>

      <div className="flex flex-col gap-6">
        {done === "recorded" ? <Alert tone="success">{tv("recorded")}</Alert> : null}

        <Card title={tv("meetingTitle")}>
          <dl className="flex flex-col gap-3 text-base">
            <div>
              <dt className="font-semibold text-ink-900">{tv("when")}</dt>
              <dd className="text-ink-800">
                {formatCalendarDate(meeting.day)} · {formatTime(meeting.actualStart ?? meeting.plannedStart)}
                {meeting.actualEnd ? `–${formatTime(meeting.actualEnd)}` : ""}
              </dd>
            </div>
            <div>
              <dt className="font-semibold text-ink-900">{tv("place")}</dt>
              <dd className="text-ink-800">{meeting.place ?? "—"}</dd>
            </div>
            <div>
              <dt className="font-semibold text-ink-900">{tv("basis")}</dt>
              <dd className="text-ink-800">
                {view.basis ? (view.basis.kind === "assignment" ? tv("basisAssignment", { level: t(`levels.${view.basis.level}`) }) : tv("basisDelegation", { name: view.basis.fromName })) : tv("basisNone")}
              </dd>
            </div>
          </dl>
          <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
            <ButtonLink href={`/meetings/${meeting.id}`} variant="ghost">
              {tv("openMeeting")}
            </ButtonLink>
            <ButtonLink href={`/meetings/${meeting.id}/prepare`} variant="ghost">
              {tv("openPreparation")}
            </ButtonLink>
          </div>
        </Card>

        {view.can.register || view.can.unregister ? (
          <Card title={tv("registrationTitle")}>
            <p className="mb-3 text-base text-ink-700">{view.can.register ? tv("registerHint") : tv("registeredHint", { at: formatDateTime(visit?.registeredAt ?? new Date()) })}</p>
            <RegistrationButton
              action={view.can.register ? registerAction : unregisterAction}
              meetingId={meeting.id}
              mode={view.can.register ? "register" : "unregister"}
              label={view.can.register ? t("desk.upcoming.registerLabel", { meeting: label }) : t("desk.upcoming.unregisterLabel", { meeting: label })}
            />
          </Card>
        ) : null}

        {view.blocked && !view.can.register && !view.can.unregister ? <Alert tone="info">{view.blocked}</Alert> : null}

        {view.can.record ? (
          <Card title={tv("recordTitle")}>
            {visit?.status === "PLANNED" ? <p className="mb-3 text-base text-ink-700">{tv("registeredHint", { at: formatDateTime(visit.registeredAt ?? new Date()) })}</p> : null}
            {view.exclusionPreview ? <Alert tone="info" className="mb-4">{t(`exclusion.${view.exclusionPreview}`)}</Alert> : null}
            <RecordVisitForm action={recordVisitAction} meetingId={meeting.id} wouldNeedApproval={view.wouldNeedApproval} backdateDays={view.backdateDays} />
          </Card>
        ) : null}

        {visit && visit.status !== "PLANNED" ? (
          <Card title={tv("recordTitle")}>
            <div className="flex flex-col gap-4">
              <VisitBadges status={visit.status} approval={visit.approval} countsForQuota={visit.countsForQuota} exclusion={visit.quotaExclusion} />
              <p className="text-base text-ink-800">{tv("recordedAt", { at: formatDateTime(visit.recordedAt ?? new Date()) })}</p>
              {visit.status === "ATTENDED" ? (
                <p className="text-base text-ink-800">
                  {visit.quotaExclusion
                    ? t(`exclusion.${visit.quotaExclusion}`)
                    : visit.approval === "PENDING"
                      ? tv("pending", { days: view.backdateDays })
                      : visit.approval === "REJECTED"
                        ? tv("rejected", { note: visit.reviewNote ?? "—" })
                        : tv("counts")}
                </p>
              ) : null}
              {visit.approval === "APPROVED" && visit.reviewedAt ? <p className="text-base text-ink-700">{tv("approvedAt", { at: formatDateTime(visit.reviewedAt) })}</p> : null}
              {view.can.edit ? (
                <VisitNotesForm action={updateVisitAction} visitId={visit.id} version={visit.version} remarks={visit.remarks ?? ""} guidance={visit.guidance ?? ""} />
              ) : (
                <dl className="flex flex-col gap-3 text-base">
                  <div>
                    <dt className="font-semibold text-ink-900">{t("record.remarks")}</dt>
                    <dd className="whitespace-pre-line text-ink-800">{visit.remarks ?? "—"}</dd>
                  </div>
                  <div>
                    <dt className="font-semibold text-ink-900">{t("record.guidance")}</dt>
                    <dd className="whitespace-pre-line text-ink-800">{visit.guidance ?? "—"}</dd>
                  </div>
                </dl>
              )}
            </div>
          </Card>
        ) : null}

        {visit && visit.status === "ATTENDED" ? (
          <Card title={t("followUps.title")}>
            <div className="flex flex-col gap-4">
              <p className="text-base text-ink-700">{t("followUps.intro")}</p>
              {view.followUps.length === 0 ? (
                <p className="text-base text-ink-700">{t("followUps.none")}</p>
              ) : (
                <ul className="flex flex-col gap-3">
                  {view.followUps.map((f) => (
                    <li key={f.id} className="flex flex-col gap-1 rounded-lg border border-ink-200 p-3">
                      <p className="text-base whitespace-pre-line text-ink-900">{f.text}</p>
                      <p className="text-sm text-ink-700">
                        {f.dueDate ? t("followUps.due", { day: formatCalendarDate(f.dueDate) }) : t("followUps.noDue")}
                        {" · "}
                        {f.closedAt ? t("followUps.closed", { at: formatDateTime(f.closedAt), by: f.closedBy ?? "—" }) : t("followUps.open")}
                      </p>
                      {f.closingNote ? <p className="text-sm text-ink-800">{t("followUps.closingNoteValue", { note: f.closingNote })}</p> : null}
                      {!f.closedAt ? <CloseFollowUpForm action={closeFollowUpAction} id={f.id} version={f.version} label={t("followUps.closeLabel", { text: f.text.slice(0, 60) })} /> : null}
                    </li>
                  ))}
                </ul>
              )}
              {view.can.edit ? <FollowUpForm action={addFollowUpAction} visitId={visit.id} /> : null}
            </div>
          </Card>
        ) : null}

        <Card title={tv("scoreTitle")}>
          <div className="flex flex-col gap-3 text-base">
            {view.score ? (
              <dl className="grid grid-cols-2 gap-3">
                <div>
                  <dt className="font-semibold text-ink-900">{tv("selfScore")}</dt>
                  <dd className="text-ink-800">{view.score.selfTotalTenths !== null ? `${points(view.score.selfTotalTenths)} · ${view.score.selfLevel ? tl(view.score.selfLevel) : "—"}` : "—"}</dd>
                </div>
                <div>
                  <dt className="font-semibold text-ink-900">{tv("overseerScore")}</dt>
                  <dd className="text-ink-800">
                    {view.score.overseerAt ? `${points(view.score.overseerTotalTenths)} · ${view.score.overseerLevel ? tl(view.score.overseerLevel) : "—"}` : tv("notConfirmed")}
                  </dd>
                </div>
                {view.score.overseerReason ? (
                  <div className="col-span-2">
                    <dt className="font-semibold text-ink-900">{tv("overseerReason")}</dt>
                    <dd className="text-ink-800">{view.score.overseerReason}</dd>
                  </div>
                ) : null}
              </dl>
            ) : (
              <p className="text-ink-700">{tv("noScorecard")}</p>
            )}
            <p className="text-ink-700">{view.can.confirmScore ? tv("scoreHint") : tv("scoreLater")}</p>
            <div>
              <ButtonLink href={`/meetings/${meeting.id}/score`} variant={view.can.confirmScore ? "primary" : "secondary"}>
                {view.can.confirmScore ? tv("confirmScore") : tv("viewScore")}
              </ButtonLink>
            </div>
            <p className="text-sm text-ink-600">
              <Link href="/oversight" className="text-brand-800 underline">
                {tv("backToDesk")}
              </Link>
            </p>
          </div>
        </Card>
      </div>
    </>
  );
}
