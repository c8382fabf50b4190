import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { BackLink } from "@/components/members/back-link";
import { DecisionForms } from "@/components/review/decision-forms";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatCalendarDate, formatDateTime, formatDuration, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getMinutesSheet } from "@/lib/meetings/minutes";
import { getScorecard } from "@/lib/scoring/workflow";
import { pageLoader } from "@/lib/pages/page-load";
import { approveAction, returnAction } from "../actions";

interface Props {
  params: Promise<{ meetingId: string }>;
}

const load = pageLoader(
  async (user, id: string) => {
    const [card, record] = await Promise.all([getScorecard(user, id), getMinutesSheet(user, id)]);
    return { card, record };
  },
  { forbidden: true },
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("review.detail");
  const { card } = await load((await params).meetingId);
  return { title: t("metaTitle", { title: card.meeting.title }) };
}

export default async function ReviewDetailPage({ params }: Props) {
  const { meetingId } = await params;
  const { card, record } = await load(meetingId);
  const [t, lv, marks] = await Promise.all([getTranslations("review.detail"), getTranslations("dashboard.levels"), getTranslations("review.marks")]);
  const day = formatCalendarDate(`${card.meeting.day}T00:00:00.000Z`);
  const facts = card.facts;
  const columns = (["self", "overseer", "final"] as const).filter((c) => card.columns[c] !== null);
  const groups = card.columns.self?.result.groupTotals ?? [];
  const canDecide = card.can.finalise || card.can.returnScore;
  const points = (v: number) => formatNumber(v, { maximumFractionDigits: 1 });

  return (
    <>
      <BackLink href="/review" label={t("back")} />
      <PageHeader title={t("title", { title: card.meeting.title })} description={t("line", { branch: card.meeting.branch.name, day })}>
        <div className="flex flex-wrap items-center gap-3">
          <MeetingStateBadge state={card.meeting.state} />
          <Link href={`/meetings/${card.meeting.id}/score`} className={buttonClass("ghost")}>
            {t("fullScorecard")}
          </Link>
          <Link href={`/meetings/${card.meeting.id}`} className={buttonClass("ghost")}>
            {t("meetingPage")}
          </Link>
        </div>
      </PageHeader>

      <div className="flex flex-col gap-6">
        {card.anomalies.length > 0 ? (
          <Alert tone="warning" title={t("flagsTitle", { count: card.anomalies.length })}>
            <ul className="list-disc pl-5" data-testid="review-flags">
              {card.anomalies.map((f) => (
                <li key={f.code} data-flag={f.code}>
                  {f.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : card.card?.id ? (
          <Alert tone="success">{t("noFlags")}</Alert>
        ) : null}

        {canDecide && card.card ? (
          <DecisionForms meetingId={card.meeting.id} cardVersion={card.card.version} canApprove={card.can.finalise} canReturn={card.can.returnScore} approve={approveAction} giveBack={returnAction} />
        ) : (
          <Alert tone="info">{t("notWaiting")}</Alert>
        )}

        <Card title={t("scoresTitle")}>
          {columns.length === 0 ? (
            <p className="text-base text-ink-700">{t("noScores")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full border-collapse text-left text-base">
                <thead className="bg-ink-50">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("group")}
                    </th>
                    {columns.map((c) => (
                      <th key={c} scope="col" className="px-3 py-2 text-right">
                        {t(`column.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.code} className="border-t border-ink-200">
                      <th scope="row" className="px-3 py-2 font-medium">
                        {`${g.code}. ${g.name}`} <span className="text-sm text-ink-600">{t("max", { max: points(g.max) })}</span>
                      </th>
                      {columns.map((c) => (
                        <td key={c} className="px-3 py-2 text-right tabular-nums">
                          {points(card.columns[c]!.result.groupTotals.find((x) => x.code === g.code)?.points ?? 0)}
                        </td>
                      ))}
                    </tr>
                  ))}
                  <tr className="border-t-2 border-ink-300 font-semibold">
                    <th scope="row" className="px-3 py-2">
                      {t("total")}
                    </th>
                    {columns.map((c) => {
                      const r = card.columns[c]!.result;
                      return (
                        <td key={c} className="px-3 py-2 text-right tabular-nums" data-column={c}>
                          {`${points(r.total)}${r.level ? ` · ${lv(r.level)}` : ""}`}
                        </td>
                      );
                    })}
                  </tr>
                </tbody>
              </table>
              {columns.map((c) =>
                card.columns[c]!.reason ? (
                  <p key={c} className="mt-3 text-base text-ink-800">
                    {t("reason", { column: t(`column.${c}`), reason: card.columns[c]!.reason! })}
                  </p>
                ) : null,
              )}
              {card.vote ? <p className="mt-3 text-base text-ink-700">{t("vote", { for: card.vote.for, eligible: card.vote.eligible })}</p> : null}
            </div>
          )}
        </Card>

        {facts ? (
          <Card title={t("factsTitle")}>
            <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-ink-600">{t("facts.attendance")}</dt>
                <dd className="text-base font-semibold">
                  {t("facts.attendanceValue", {
                    present: facts.present,
                    of: facts.attendanceDenominator,
                    rate: formatPercent(facts.present / Math.max(1, facts.attendanceDenominator)),
                    excused: facts.absentExcused,
                    unexcused: facts.absentUnexcused,
                  })}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-ink-600">{t("facts.duration")}</dt>
                <dd className="text-base font-semibold">{t("facts.durationValue", { actual: facts.actualMinutes, required: facts.requiredMinutes })}</dd>
              </div>
              <div>
                <dt className="text-sm text-ink-600">{t("facts.speakers")}</dt>
                <dd className="text-base font-semibold">{t("facts.speakersValue", { speakers: facts.speakers, present: facts.present })}</dd>
              </div>
              <div>
                <dt className="text-sm text-ink-600">{t("facts.filing")}</dt>
                <dd className="text-base font-semibold">
                  {facts.finalDocumentsDelayMinutes === null ? t("facts.notFiled") : t("facts.filedAfter", { delay: formatDuration(facts.finalDocumentsDelayMinutes) })}
                </dd>
              </div>
            </dl>
          </Card>
        ) : null}

        <Card title={t("attendanceTitle")}>
          <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
            {record.roll.map((m) => (
              <li key={m.memberId} className="flex justify-between gap-3 border-b border-ink-100 py-1.5 text-base">
                <span>{m.fullName}</span>
                <span className={m.mark === "ABSENT_UNEXCUSED" ? "font-semibold text-danger-700" : "text-ink-700"}>{m.mark ? marks(m.mark) : marks("none")}</span>
              </li>
            ))}
          </ul>
        </Card>

        <Card title={t("minutesTitle")}>
          {record.minutes.exists ? (
            <div className="flex flex-col gap-4 text-base">
              {record.minutes.adoptedAt ? <p className="text-sm text-ink-600">{t("adoptedAt", { time: formatDateTime(record.minutes.adoptedAt) })}</p> : null}
              {(["opening", "proceedings", "closing"] as const).map((part) =>
                record.minutes[part] ? (
                  <section key={part}>
                    <h3 className="font-semibold text-ink-900">{t(`minutes.${part}`)}</h3>
                    <p className="whitespace-pre-line text-ink-800">{record.minutes[part]}</p>
                  </section>
                ) : null,
              )}
              {record.speeches.length > 0 ? (
                <section>
                  <h3 className="font-semibold text-ink-900">{t("speeches", { count: record.speeches.length })}</h3>
                  <ul className="list-disc pl-5 text-ink-800">
                    {record.speeches.map((s) => (
                      <li key={s.id}>{`${s.displayName}: ${s.summary}`}</li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </div>
          ) : (
            <p className="text-base text-ink-700">{t("noMinutes")}</p>
          )}
        </Card>
      </div>
    </>
  );
}
