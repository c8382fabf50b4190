import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { formatDateTime, formatDuration } from "@/lib/i18n/format";
import type { PreparationSummary } from "@/lib/meetings/preparation";
import type { RecordSummary } from "@/lib/meetings/record-summary";

function Section({ title, hint, children, links }: { title: string; hint: string; children?: ReactNode; links: ReactNode }) {
  return (
    <section className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-col gap-1">
        <h3 className="text-lg font-semibold text-ink-900">{title}</h3>
        <p className="text-sm text-ink-600">{hint}</p>
      </div>
      {children ? <ul className="flex flex-col gap-1.5 text-base text-ink-800">{children}</ul> : null}
      <div className="mt-auto flex flex-wrap gap-2 pt-1">{links}</div>
    </section>
  );
}

function Line({ children, tone }: { children: ReactNode; tone?: "ok" | "warn" }) {
  return (
    <li className="flex items-start gap-2">
      {tone ? (
        <Badge tone={tone === "ok" ? "success" : "muted"} className="mt-0.5 shrink-0">
          {tone === "ok" ? "✓" : "!"}
        </Badge>
      ) : null}
      <span className="min-w-0 flex-1">{children}</span>
    </li>
  );
}

/** Minutes as "48 giờ" / "35 phút". */
export function PreparationSection({ summary, href }: { summary: PreparationSummary | null; href: string }) {
  const t = useTranslations("meetings");
  return (
    <Section
      title={t("detail.prepare")}
      hint={t("detail.prepareHint")}
      links={
        <Link href={href} className={buttonClass("secondary")}>
          {t("detail.prepareLink")}
        </Link>
      }
    >
      {summary ? (
        <>
          <Line tone={summary.content.hasContent && summary.content.hasDraftResolution ? "ok" : "warn"}>
            {summary.content.hasContent ? t("hub.contentReady") : t("hub.contentMissing")}
            {" · "}
            {summary.content.hasDraftResolution ? t("hub.draftReady") : t("hub.draftMissing")}
            {summary.content.preparedBy ? ` · ${t("hub.preparedBy", { name: summary.content.preparedBy })}` : null}
          </Line>
          {summary.preMeeting.applicable ? (
            <Line tone={summary.preMeeting.held ? "ok" : "warn"}>
              {summary.preMeeting.held && summary.preMeeting.heldAt
                ? t("hub.preMeetingHeld", { time: formatDateTime(summary.preMeeting.heldAt) })
                : t("hub.preMeetingMissing")}
            </Line>
          ) : (
            <Line>{t("hub.preMeetingNotApplicable")}</Line>
          )}
          <Line tone={summary.documents.leadOk === null ? "warn" : summary.documents.leadOk ? "ok" : "warn"}>
            {summary.documents.count === 0
              ? t("hub.noDocuments")
              : summary.documents.leadMinutes === null
                ? t("hub.documents", { count: summary.documents.count })
                : t(summary.documents.leadMinutes >= 0 ? "hub.documentsLead" : "hub.documentsLag", {
                    count: summary.documents.count,
                    lead: formatDuration(summary.documents.leadMinutes),
                    required: summary.documents.requiredLeadHours,
                  })}
          </Line>
          <Line tone={summary.notice.sentAt ? "ok" : "warn"}>
            {summary.notice.sentAt
              ? t("hub.noticeSent", {
                  time: formatDateTime(summary.notice.lastSentAt ?? summary.notice.sentAt),
                  count: summary.notice.recipientCount ?? 0,
                })
              : t("detail.noticeNotSent")}
            {summary.notice.sentAt && summary.notice.toOverseer ? ` (${t("detail.noticeToOverseer")})` : null}
          </Line>
        </>
      ) : (
        <Line>{t("detail.summaryUnavailable")}</Line>
      )}
    </Section>
  );
}

export function AttendanceSection({ summary, href }: { summary: RecordSummary | null; href: string | null }) {
  const t = useTranslations("meetings");
  return (
    <Section
      title={t("detail.attendance")}
      hint={t("detail.attendanceHint")}
      links={
        href ? (
          <Link href={href} className={buttonClass("secondary")}>
            {t("detail.attendanceLink")}
          </Link>
        ) : null
      }
    >
      {summary ? (
        <>
          <Line tone={summary.attendance.complete ? "ok" : "warn"}>
            {t("hub.marked", { marked: summary.attendance.marked, summoned: summary.attendance.summoned })}
          </Line>
          {summary.attendance.marked > 0 ? (
            <Line>
              {t("hub.present", {
                present: summary.attendance.present,
                denominator: summary.attendance.denominator,
                rate: summary.attendance.rateText ?? "—",
              })}
              {" · "}
              {t("hub.absences", { excused: summary.attendance.absentExcused, unexcused: summary.attendance.absentUnexcused })}
            </Line>
          ) : null}
          {summary.attendance.guests > 0 ? <Line>{t("hub.guests", { count: summary.attendance.guests })}</Line> : null}
          {summary.times.durationMinutes !== null ? <Line>{t("hub.duration", { minutes: summary.times.durationMinutes })}</Line> : null}
        </>
      ) : (
        <Line>{t("detail.summaryUnavailable")}</Line>
      )}
    </Section>
  );
}

export function MinutesSection({ summary, href }: { summary: RecordSummary | null; href: string | null }) {
  const t = useTranslations("meetings");
  const minutesText = !summary
    ? ""
    : summary.minutes.adopted
      ? t("hub.minutesAdopted")
      : summary.minutes.complete
        ? t("hub.minutesComplete")
        : summary.minutes.exists
          ? t("hub.minutesDraft")
          : t("hub.minutesMissing");
  return (
    <Section
      title={t("detail.minutes")}
      hint={t("detail.minutesHint")}
      links={
        href ? (
          <Link href={href} className={buttonClass("secondary")}>
            {t("detail.minutesLink")}
          </Link>
        ) : null
      }
    >
      {summary ? (
        <>
          <Line tone={summary.minutes.complete ? "ok" : "warn"}>{minutesText}</Line>
          {summary.speakers.speakers > 0 ? (
            <Line>
              {t("hub.speakers", { speakers: summary.speakers.speakers, present: summary.speakers.present, share: summary.speakers.shareText ?? "—" })}
            </Line>
          ) : null}
          <Line tone={summary.resolution.valid === true ? "ok" : "warn"}>
            {!summary.resolution.exists
              ? t("hub.resolutionMissing")
              : summary.resolution.valid === null
                ? t("hub.resolutionNoVote", { number: summary.resolution.number ?? "—" })
                : t(summary.resolution.valid ? "hub.resolutionValid" : "hub.resolutionInvalid", {
                    number: summary.resolution.number ?? "—",
                    votes: summary.resolution.votesFor ?? 0,
                    denominator: summary.resolution.voteDenominator ?? 0,
                  })}
          </Line>
          {summary.tasks.assigned > 0 ? <Line>{t("hub.tasks", { count: summary.tasks.assigned })}</Line> : null}
          {summary.previousTargets.due > 0 ? (
            // Nothing is a share before a result is recorded: "0 %" would read as a failure.
            <Line>
              {summary.previousTargets.evaluated === 0
                ? t("hub.previousTargetsPending", { due: summary.previousTargets.due })
                : t("hub.previousTargets", { due: summary.previousTargets.due, share: summary.previousTargets.shareText ?? "—" })}
            </Line>
          ) : null}
        </>
      ) : (
        <Line>{t("detail.summaryUnavailable")}</Line>
      )}
    </Section>
  );
}

export function DocumentsSection({ links }: { links: { print: string; minutesDocx: string; resolutionDocx: string } | null }) {
  const t = useTranslations("meetings");
  return (
    <Section
      title={t("detail.documents")}
      hint={links ? t("detail.documentsHint") : t("hub.documentsAfterMeeting")}
      links={
        links ? (
          <>
            <Link href={links.print} className={buttonClass("secondary")}>
              {t("detail.print")}
            </Link>
            <a href={links.minutesDocx} className={buttonClass("secondary")} download>
              {t("detail.minutesDocx")}
            </a>
            <a href={links.resolutionDocx} className={buttonClass("secondary")} download>
              {t("detail.resolutionDocx")}
            </a>
          </>
        ) : null
      }
    />
  );
}
