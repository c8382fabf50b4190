import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import clsx from "clsx";
import { MeetingKindBadge, MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { PlanYearNav } from "@/components/meetings/plan-year-nav";
import { BackLink } from "@/components/org/back-link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { formatCalendarDate, formatNumber } from "@/lib/i18n/format";
import { planYear } from "@/lib/meetings/schemas";
import { annualRating, type AnnualMeetingRow, type AnnualRating, type ScoreColumn } from "@/lib/scoring/annual";
import type { Level } from "@/lib/domain/levels";
import { orNotFound } from "@/lib/pages/page-load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("scoring.annual");
  return { title: t("link") };
}

type Quarter = 1 | 2 | 3 | 4;
type Translate = Awaited<ReturnType<typeof getTranslations<"scoring.annual">>>;

const LEVEL_CLASS: Record<Level, string> = {
  GOOD: "bg-success-50 text-success-900 ring-success-700",
  FAIR: "bg-brand-50 text-brand-800 ring-brand-200",
  AVERAGE: "bg-warning-50 text-warning-900 ring-warning-600",
  POOR: "bg-danger-50 text-danger-900 ring-danger-700",
};

function LevelBadge({ level, label, large = false }: { level: Level; label: string; large?: boolean }) {
  return (
    <span className={clsx("inline-flex items-center rounded-md font-semibold ring-1", large ? "px-3 py-1 text-2xl" : "px-2 py-0.5 text-sm", LEVEL_CLASS[level])}>
      {label}
    </span>
  );
}

/** "Tốt · 92 điểm", or a dash when that column has no score. */
function Score({ column, t }: { column: ScoreColumn; t: Translate }) {
  if (column.level === null) return <span className="text-ink-600">—</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <LevelBadge level={column.level} label={t(`levels.${column.level}`)} />
      {column.total !== null ? <span className="text-ink-800">{t("months.points", { points: formatNumber(column.total, { maximumFractionDigits: 1 }) })}</span> : null}
    </span>
  );
}

function Effective({ row, t }: { row: AnnualMeetingRow; t: Translate }) {
  if (!row.effective) {
    const setAside = row.state === "CANCELLED" || row.state === "POSTPONED";
    return <span className="text-ink-700">{setAside ? t("months.notCounted") : t("months.notScored")}</span>;
  }
  return (
    <span className="flex flex-col gap-0.5">
      <Score column={row.effective} t={t} />
      <span className="text-sm text-ink-700">{t(`months.from.${row.effective.source}`)}</span>
    </span>
  );
}

/** What a month without meetings means: counted at the missing-month level once it is rated. */
function emptyMonthText(rating: AnnualRating, month: number, t: Translate): string {
  return month <= rating.throughMonth ? t("months.none", { level: t(`levels.${rating.rule.missingMonthLevel}`) }) : t("months.notYet");
}

export default async function BranchRatingPage({
  params,
  searchParams,
}: {
  params: Promise<{ branchId: string }>;
  searchParams: Promise<{ year?: string }>;
}) {
  const user = await requireUser();
  const [{ branchId }, query] = await Promise.all([params, searchParams]);
  const year = planYear(query);
  // annualRating authorizes: 404 for a branch outside the user's meeting.read scope.
  const rating = await orNotFound(annualRating(user, { branchId, year }));
  const [t, tm] = await Promise.all([getTranslations("scoring.annual"), getTranslations("meetings")]);
  const { branch, rollup, rule } = rating;
  const months = Array.from({ length: 12 }, (_, i) => i + 1).map((month) => ({ month, rows: rating.meetings.filter((m) => m.month === month) }));
  const levelName = (level: Level) => t(`levels.${level}`);

  return (
    <>
      <BackLink href={`/plans/${branch.id}?year=${year}`} label={t("backToPlan", { year })} />
      <PageHeader title={t("title", { year })} description={branch.parentName ? `${branch.name} · ${branch.parentName}` : branch.name}>
        <PlanYearNav year={year} href={(y) => `/plans/${branch.id}/rating?year=${y}`} />
      </PageHeader>

      <div className="flex flex-col gap-6">
        {rating.provisional && rating.throughMonth > 0 ? <Alert tone="info">{t("provisional", { year, month: rating.throughMonth })}</Alert> : null}
        {rating.unscoredMonths.length > 0 ? (
          <Alert tone="warning">{t("unscored", { months: rating.unscoredMonths.join(", "), level: levelName(rule.missingMonthLevel) })}</Alert>
        ) : null}

        <Card title={t("result.title")}>
          {rollup ? (
            <div className="flex flex-col gap-3">
              <p className="flex flex-wrap items-center gap-3">
                <span className="text-lg font-semibold text-ink-900">{t("result.level")}</span>
                <LevelBadge level={rollup.level} label={levelName(rollup.level)} large />
              </p>
              <p className="text-base text-ink-900">
                <span className="font-semibold">{t("result.explanation")}: </span>
                {rollup.explanation}
              </p>
              <p className="text-base text-ink-700">
                {t("result.rule", {
                  goodFloor: levelName(rule.goodFloor),
                  minGood: rule.minGoodCount,
                  fairFloor: levelName(rule.fairFloor),
                  belowFair: levelName(rule.belowFairLevel),
                  missing: levelName(rule.missingMonthLevel),
                })}
              </p>
            </div>
          ) : (
            <EmptyState title={t("notStarted", { year })} />
          )}
        </Card>

        <Card title={t("months.title")}>
          {/* Phones: one block per month. */}
          <ol className="flex flex-col gap-3 md:hidden">
            {months.map(({ month, rows }) => (
              <li key={month} className="rounded-lg border border-ink-200 px-4 py-3">
                <h3 className="text-base font-semibold text-ink-950">{t("months.monthLabel", { month })}</h3>
                {rows.length === 0 ? (
                  <p className="mt-1 text-base text-ink-700">{emptyMonthText(rating, month, t)}</p>
                ) : (
                  <ul className="mt-2 flex flex-col gap-3">
                    {rows.map((row) => (
                      <li key={row.meetingId} className="flex flex-col gap-1.5">
                        <Link href={`/meetings/${row.meetingId}`} className="font-semibold text-brand-800 underline">
                          {row.title}
                        </Link>
                        <span className="text-base text-ink-800">{formatCalendarDate(row.date)}</span>
                        <span className="flex flex-wrap gap-1.5">
                          <MeetingKindBadge kind={row.kind} />
                          <MeetingStateBadge state={row.state} />
                        </span>
                        <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-1 text-base">
                          <dt className="text-ink-700">{t("months.self")}</dt>
                          <dd>
                            <Score column={row.self} t={t} />
                          </dd>
                          <dt className="text-ink-700">{t("months.overseer")}</dt>
                          <dd>
                            <Score column={row.overseer} t={t} />
                          </dd>
                          <dt className="text-ink-700">{t("months.final")}</dt>
                          <dd>
                            <Score column={row.final} t={t} />
                          </dd>
                          <dt className="font-semibold text-ink-900">{t("months.effective")}</dt>
                          <dd>
                            <Effective row={row} t={t} />
                          </dd>
                        </dl>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>

          {/* From the md breakpoint: one table, a month's meetings grouped under its label. */}
          <table className="hidden w-full border-collapse text-left text-base md:table">
            <thead>
              <tr className="border-b border-ink-300">
                {(["month", "meeting", "self", "overseer", "final", "effective"] as const).map((key) => (
                  <th key={key} scope="col" className="py-2 pr-4 font-semibold text-ink-900 last:pr-0">
                    {t(`months.${key}`)}
                  </th>
                ))}
              </tr>
            </thead>
            {months.map(({ month, rows }) => (
              <tbody key={month} className="border-b border-ink-100">
                {rows.length === 0 ? (
                  <tr className="align-top">
                    <th scope="row" className="py-2 pr-4 font-semibold whitespace-nowrap text-ink-900">
                      {t("months.monthLabel", { month })}
                    </th>
                    <td colSpan={5} className="py-2 text-ink-700">
                      {emptyMonthText(rating, month, t)}
                    </td>
                  </tr>
                ) : (
                  rows.map((row, i) => (
                    <tr key={row.meetingId} className="align-top">
                      {i === 0 ? (
                        <th scope="rowgroup" rowSpan={rows.length} className="py-2 pr-4 font-semibold whitespace-nowrap text-ink-900">
                          {t("months.monthLabel", { month })}
                        </th>
                      ) : null}
                      <td className="py-2 pr-4">
                        <Link href={`/meetings/${row.meetingId}`} className="font-semibold text-brand-800 underline">
                          {row.title}
                        </Link>
                        <span className="mt-1 flex flex-wrap items-center gap-1.5">
                          <span className="text-ink-800">{formatCalendarDate(row.date)}</span>
                          <MeetingKindBadge kind={row.kind} />
                          <MeetingStateBadge state={row.state} />
                        </span>
                      </td>
                      <td className="py-2 pr-4">
                        <Score column={row.self} t={t} />
                      </td>
                      <td className="py-2 pr-4">
                        <Score column={row.overseer} t={t} />
                      </td>
                      <td className="py-2 pr-4">
                        <Score column={row.final} t={t} />
                      </td>
                      <td className="py-2">
                        <Effective row={row} t={t} />
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            ))}
          </table>
        </Card>

        <Card title={t("quota.title")}>
          <p className="mb-4 text-base text-ink-700">{t("quota.intro", { min: 1 })}</p>
          <ul className="grid grid-cols-2 gap-3 md:grid-cols-4">
            {rating.quota.quarters.map((q) => (
              <li key={q.quarter} className="flex flex-col gap-1 rounded-lg border border-ink-200 px-4 py-3">
                <span className="text-base font-semibold text-ink-950">{tm(`quarter.${q.quarter as Quarter}`)}</span>
                <span className="text-base text-ink-800">{t("quota.count", { count: q.count })}</span>
                <span
                  className={clsx(
                    "text-base font-semibold",
                    q.met ? "text-success-900" : q.ended ? "text-danger-900" : "text-ink-700",
                  )}
                >
                  {q.met ? t("quota.met") : q.ended ? t("quota.short") : t("quota.open")}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
