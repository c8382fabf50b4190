import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlanDefaultsForm, PlanGenerateForm, type PlanTopicDefaults } from "@/components/meetings/plan-forms";
import { PlanMeetingTable } from "@/components/meetings/plan-meeting-table";
import { PlanYearNav } from "@/components/meetings/plan-year-nav";
import { BackLink } from "@/components/org/back-link";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { formatDate } from "@/lib/i18n/format";
import { DEFAULT_MEETING_DAY, DEFAULT_MEETING_TIME, getPlan, middleMonth } from "@/lib/meetings/plans";
import { planYear } from "@/lib/meetings/schemas";
import { generatePlanAction, saveMeetingDefaultsAction } from "../actions";
import { vietnamMonthStart } from "@/lib/time/days";
import { orNotFound } from "@/lib/pages/page-load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meetings.plans");
  return { title: t("title") };
}

type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
type Quarter = 1 | 2 | 3 | 4;

export default async function BranchPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ branchId: string }>;
  searchParams: Promise<{ year?: string }>;
}) {
  const user = await requireUser();
  const [{ branchId }, query] = await Promise.all([params, searchParams]);
  const year = planYear(query);
  // getPlan authorizes: 404 for a branch outside the user's meeting scope.
  const view = await orNotFound(getPlan(user, branchId, year));
  const t = await getTranslations("meetings");
  const tRating = await getTranslations("scoring.annual");
  const { branch, plan } = view;
  const quarters: Quarter[] = [1, 2, 3, 4];
  // A quarter is "combined" when the meeting of its middle month is the combined one.
  const combinedQuarter = (q: Quarter) =>
    view.meetings.some((m) => m.kind === "COMBINED" && m.plannedStart.getTime() >= vietnamMonthStart(year, middleMonth(q)).getTime() && m.plannedStart.getTime() < vietnamMonthStart(year, middleMonth(q) + 1).getTime());
  const topicDefaults = Object.fromEntries(
    quarters.map((q) => {
      const topic = plan?.topics.find((x) => x.quarter === q);
      return [q, { title: topic?.title ?? "", description: topic?.description ?? "", combined: combinedQuarter(q) } satisfies PlanTopicDefaults];
    }),
  ) as Record<Quarter, PlanTopicDefaults>;
  const weekendMeetings = view.meetings.filter((m) => m.weekend !== null && m.state !== "CANCELLED");

  return (
    <>
      <BackLink href={`/plans?year=${year}`} label={t("plans.title")} />
      <PageHeader title={t("plans.branchTitle", { year })} description={branch.parentName ? `${branch.name} · ${branch.parentName}` : branch.name}>
        <PlanYearNav year={year} href={(y) => `/plans/${branch.id}?year=${y}`} />
        {/* The rating needs meeting.read; a member-only account would meet a 404 there. */}
        {canAnywhere(user, "meeting.read") ? (
          <ButtonLink href={`/plans/${branch.id}/rating?year=${year}`} className="self-start">
            {tRating("link")}
          </ButtonLink>
        ) : null}
      </PageHeader>

      <div className="flex flex-col gap-6">
        <Card title={t("plans.defaults.title")}>
          <p className="mb-4 text-base text-ink-700">
            {branch.meetingDay
              ? `${t("plans.defaults.summary", { day: branch.meetingDay, time: branch.meetingTime ?? DEFAULT_MEETING_TIME })}${
                  branch.meetingPlace ? ` ${t("plans.defaults.summaryPlace", { place: branch.meetingPlace })}` : ""
                }.`
              : t("plans.defaults.notSet", { day: DEFAULT_MEETING_DAY, time: DEFAULT_MEETING_TIME })}{" "}
            {t("plans.defaults.intro")}
          </p>
          {view.can.editDefaults ? (
            <PlanDefaultsForm
              action={saveMeetingDefaultsAction}
              branchId={branch.id}
              version={branch.version}
              defaults={{
                meetingDay: branch.meetingDay ? String(branch.meetingDay) : "",
                meetingTime: branch.meetingTime ?? "",
                meetingPlace: branch.meetingPlace ?? "",
              }}
            />
          ) : null}
        </Card>

        {view.meetings.length > 0 && (weekendMeetings.length > 0 || view.quartersWithoutThematic.length > 0 || view.quartersWithoutTopic.length > 0) ? (
          <Alert tone="warning" title={t("plans.warnings.title")}>
            <ul className="flex list-disc flex-col gap-1 pl-5">
              {view.quartersWithoutThematic.map((q) => (
                <li key={`t${q}`}>{t("plans.warnings.noThematic", { quarter: t(`quarter.${q as Quarter}`) })}</li>
              ))}
              {view.quartersWithoutTopic
                .filter((q) => !view.quartersWithoutThematic.includes(q))
                .map((q) => (
                  <li key={`p${q}`}>{t("plans.warnings.noTopic", { quarter: t(`quarter.${q as Quarter}`) })}</li>
                ))}
              {weekendMeetings.map((m) => (
                <li key={m.id}>{t("plans.warnings.weekend", { date: formatDate(m.plannedStart), weekday: t(`weekday.${m.weekend as Weekday}`) })}</li>
              ))}
            </ul>
          </Alert>
        ) : null}

        <Card
          title={t("plans.list.title")}
          actions={view.can.generate && branch.openInYear ? <ButtonLink href={`/meetings/new?branch=${branch.id}`}>{t("add")}</ButtonLink> : null}
        >
          {view.meetings.length === 0 ? (
            <EmptyState title={t("plans.list.empty", { year })}>{view.can.generate && branch.openInYear ? t("plans.list.emptyHint") : null}</EmptyState>
          ) : (
            <PlanMeetingTable meetings={view.meetings} />
          )}
        </Card>

        {view.can.generate ? (
          <Card title={plan ? t("plans.generate.titleExisting") : t("plans.generate.title")}>
            {branch.openInYear ? (
              <PlanGenerateForm
                action={generatePlanAction}
                branchId={branch.id}
                year={year}
                version={plan?.version ?? null}
                note={plan?.note ?? ""}
                topics={topicDefaults}
              />
            ) : (
              <Alert tone="info">{t("plans.generate.closed", { year })}</Alert>
            )}
          </Card>
        ) : null}
      </div>
    </>
  );
}
