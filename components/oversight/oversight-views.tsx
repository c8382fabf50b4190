// Read-only pieces of the oversight pages: the quota figure, a meeting line on the desk, the badges
// of a visit. No data access here: pages pass what the services returned.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { meetingStateTone, type Tone } from "@/components/meetings/meeting-badges";
import { DeskMeetingCard } from "@/components/oversight/desk-meeting-card";
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

type VisitBadgeKey = `visitStatus.${VisitStatus}` | `approval.${VisitApproval}` | `exclusionShort.${QuotaExclusion}` | "notCounted";

/** The badges of a visit, in order: its status, the approval of a late record, why it does not count. */
function visitBadgeList(status: VisitStatus, approval: VisitApproval, countsForQuota: boolean, exclusion?: QuotaExclusion | null): { key: VisitBadgeKey; tone: Tone }[] {
  return [
    { key: `visitStatus.${status}`, tone: status === "ATTENDED" ? "success" : status === "PLANNED" ? "brand" : "muted" },
    ...(status === "ATTENDED" && approval !== "NOT_NEEDED"
      ? [{ key: `approval.${approval}` as const, tone: approval === "APPROVED" ? ("success" as const) : approval === "PENDING" ? ("brand" as const) : ("muted" as const) }]
      : []),
    ...(status === "ATTENDED" && !countsForQuota ? [{ key: exclusion ? (`exclusionShort.${exclusion}` as const) : ("notCounted" as const), tone: "muted" as const }] : []),
  ];
}

export function VisitBadges({ status, approval, countsForQuota, exclusion }: { status: VisitStatus; approval: VisitApproval; countsForQuota: boolean; exclusion?: QuotaExclusion | null }) {
  const t = useTranslations("oversight");
  return (
    <span className="flex flex-wrap gap-2">
      {visitBadgeList(status, approval, countsForQuota, exclusion).map((badge) => (
        <Badge key={badge.key} tone={badge.tone}>
          {t(badge.key)}
        </Badge>
      ))}
    </span>
  );
}

/**
 * One meeting on the desk: what, where, when, and the actions under it. The words are worked out
 * here; DeskMeetingCard (a client component) draws them, so the desk's long lists are not sent
 * twice (HTML and RSC payload).
 */
export function DeskMeetingItem({ meeting, children, extra }: { meeting: DeskMeeting; children?: ReactNode; extra?: ReactNode }) {
  const t = useTranslations("oversight.desk");
  const to = useTranslations("oversight");
  const ts = useTranslations("meetings.state");
  const visit = meeting.visit;
  return (
    <DeskMeetingCard
      id={meeting.id}
      title={meeting.title}
      branch={meeting.branch.name}
      when={t("when", { day: formatCalendarDate(meeting.day), time: formatTime(meeting.plannedStart) })}
      place={meeting.place}
      state={{ label: ts(meeting.state), tone: meetingStateTone(meeting.state) }}
      visitBadges={visit ? visitBadgeList(visit.status, visit.approval, visit.countsForQuota).map((badge) => ({ label: to(badge.key), tone: badge.tone })) : null}
      onBehalf={meeting.onBehalfOf ? t("onBehalf", { name: meeting.onBehalfOf }) : null}
      extra={extra}
    >
      {children}
    </DeskMeetingCard>
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
