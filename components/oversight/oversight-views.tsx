// Read-only pieces of the oversight pages: the quota figure, a meeting line on the desk, the badges
// of a visit. No data access here: pages pass what the services returned.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { Badge } from "@/components/ui/badge";
import type { QuotaExclusion, VisitApproval, VisitStatus } from "@/lib/generated/prisma/enums";
import { formatCalendarDate, formatNumber, formatTime } from "@/lib/i18n/format";
import type { OverseerCoverage } from "@/lib/oversight/coverage";
import type { DeskMeeting } from "@/lib/oversight/desk";
import type { QuotaStatus } from "@/lib/oversight/rules";

const STATUS_TONE: Record<QuotaStatus, "success" | "brand" | "neutral"> = { MET: "success", ON_TRACK: "brand", BEHIND: "neutral" };

export function QuotaStatusBadge({ status }: { status: QuotaStatus }) {
  const t = useTranslations("oversight.quotaStatus");
  return <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>;
}

/** "Đã dự 7/6 buổi năm 2026" with the level, the pace and what is not counted. */
export function QuotaFigure({ coverage, year }: { coverage: OverseerCoverage; year: number }) {
  const t = useTranslations("oversight");
  return (
    <div className="flex flex-col gap-2">
      <p className="text-3xl font-bold text-ink-950">{t("figure.visits", { counted: coverage.counted, quota: coverage.quota, year })}</p>
      <p className="flex flex-wrap items-center gap-2 text-base text-ink-800">
        <QuotaStatusBadge status={coverage.status} />
        <span>
          {t("figure.level", { level: t(`levels.${coverage.level}`), annual: coverage.annualQuota })}
          {coverage.quota !== coverage.annualQuota ? ` ${t("figure.scaled", { quota: coverage.quota })}` : ""}
        </span>
      </p>
      {coverage.status !== "MET" ? (
        <p className="text-base text-ink-700">{t("figure.expected", { expected: formatNumber(coverage.expected, { maximumFractionDigits: 1 }) })}</p>
      ) : null}
      {coverage.pending > 0 ? <p className="text-base text-warning-900">{t("figure.pending", { count: coverage.pending })}</p> : null}
      {coverage.excluded > 0 ? <p className="text-base text-ink-700">{t("figure.excluded", { count: coverage.excluded })}</p> : null}
    </div>
  );
}

export function VisitBadges({ status, approval, countsForQuota, exclusion }: { status: VisitStatus; approval: VisitApproval; countsForQuota: boolean; exclusion?: QuotaExclusion | null }) {
  const t = useTranslations("oversight");
  return (
    <span className="flex flex-wrap gap-2">
      <Badge tone={status === "ATTENDED" ? "success" : status === "PLANNED" ? "brand" : "muted"}>{t(`visitStatus.${status}`)}</Badge>
      {status === "ATTENDED" && approval !== "NOT_NEEDED" ? (
        <Badge tone={approval === "APPROVED" ? "success" : approval === "PENDING" ? "brand" : "muted"}>{t(`approval.${approval}`)}</Badge>
      ) : null}
      {status === "ATTENDED" && !countsForQuota ? <Badge tone="muted">{exclusion ? t(`exclusionShort.${exclusion}`) : t("notCounted")}</Badge> : null}
    </span>
  );
}

/** One meeting on the desk: what, where, when, and the actions under it. */
export function DeskMeetingItem({ meeting, children, extra }: { meeting: DeskMeeting; children?: ReactNode; extra?: ReactNode }) {
  const t = useTranslations("oversight.desk");
  return (
    <li className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-lg font-semibold break-words text-ink-950">
          <Link href={`/oversight/visits/${meeting.id}`} className="text-brand-800 underline">
            {meeting.title}
          </Link>
        </p>
        <p className="text-base text-ink-800">{meeting.branch.name}</p>
        <p className="text-base text-ink-700">
          {t("when", { day: formatCalendarDate(meeting.day), time: formatTime(meeting.plannedStart) })}
          {meeting.place ? ` · ${meeting.place}` : ""}
        </p>
        <p className="flex flex-wrap items-center gap-2">
          <MeetingStateBadge state={meeting.state} />
          {meeting.visit ? (
            <VisitBadges status={meeting.visit.status} approval={meeting.visit.approval} countsForQuota={meeting.visit.countsForQuota} />
          ) : null}
          {meeting.onBehalfOf ? <Badge tone="muted">{t("onBehalf", { name: meeting.onBehalfOf })}</Badge> : null}
        </p>
        {extra}
      </div>
      {children ? <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-start">{children}</div> : null}
    </li>
  );
}

export function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold text-ink-900">
        {title}
      </h2>
      {intro ? <p className="text-base text-ink-700">{intro}</p> : null}
      {children}
    </section>
  );
}
