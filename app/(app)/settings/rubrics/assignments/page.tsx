import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { AssignmentForm, EndAssignmentForm, PreviewForm } from "@/components/rubrics/rubric-forms";
import { AssignmentItem, AssignmentList } from "@/components/rubrics/rule-set-parts";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { listAssignments, listRubrics, searchUnitsForRubrics } from "@/lib/scoring/rubric-admin";
import {
  createAssignmentAction,
  endAssignmentAction,
  previewRubricAction,
  searchAssignUnitsAction,
  searchPreviewUnitsAction,
} from "../actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";
import { pageLoader } from "@/lib/pages/page-load";

const DONE = ["created", "ended"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rubrics.assignments");
  return { title: t("title") };
}

// Only admins (settings.manage somewhere) have this page: listAssignments is a 404 for others.
const load = pageLoader(async (user) => {
  const assignments = await listAssignments(user);
  const { rubrics } = await listRubrics(user);
  // The first units of each picker, shown before any search (most tenants have few at the top).
  const assignUnits = await searchUnitsForRubrics(user, { purpose: "assign" });
  const previewUnits = await searchUnitsForRubrics(user, { purpose: "preview" });
  return { assignments, rubrics, assignUnits, previewUnits };
});

export default async function RubricAssignmentsPage({ searchParams }: { searchParams: Promise<{ done?: string | string[] }> }) {
  const [{ assignments, rubrics, assignUnits, previewUnits }, { done }] = await Promise.all([load(), searchParams]);
  const t = await getTranslations("rubrics");
  const tk = await getTranslations("meetings.kind");
  const doneKey = DONE.find((key) => key === done);
  const today = isoDay(todayInVietnam());
  const codes = rubrics.map((r) => ({ value: r.code, label: `${r.code} — ${r.name}` }));

  return (
    <>
      <BackLink href="/settings/rubrics" label={t("title")} />
      <PageHeader title={t("assignments.title")} description={t("assignments.intro")} />
      {doneKey ? (
        <Alert tone="success" className="mb-4">
          {t(`assignments.done.${doneKey}`)}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-6">
        <AssignmentList id="assignment-list" title={t("assignments.listTitle")} empty={assignments.length === 0 ? { title: t("assignments.emptyTitle"), hint: t("assignments.emptyHint") } : null}>
          {assignments.map((a) => (
            <AssignmentItem
              key={a.id}
              id={a.id}
              unit={a.unit.name}
              code={a.rubricCode}
              name={a.rubricName}
              covers={a.meetingKinds.map((k) => tk(k)).join(", ")}
              period={
                a.validTo
                  ? t("list.period", { from: formatCalendarDate(a.validFrom), to: formatCalendarDate(a.validTo) })
                  : t("list.periodOpen", { from: formatCalendarDate(a.validFrom) })
              }
              ended={a.endedAt ? t("assignments.endedAt", { time: formatDateTime(a.endedAt) }) : null}
              active={t("assignments.active")}
              endForm={<EndAssignmentForm action={endAssignmentAction} id={a.id} label={t("assignments.endLabel", { unit: a.unit.name, code: a.rubricCode })} />}
            />
          ))}
        </AssignmentList>

        <Card title={t("assignments.createTitle")}>
          <p className="mb-4 text-base text-ink-700">{t("assignments.createIntro")}</p>
          <AssignmentForm action={createAssignmentAction} searchUnits={searchAssignUnitsAction} initialUnits={assignUnits} codes={codes} today={today} />
        </Card>

        <Card title={t("preview.title")}>
          <p className="mb-4 text-base text-ink-700">
            {t("preview.intro")}{" "}
            <Link href="/settings/rubrics" className="font-semibold text-brand-800 underline">
              {t("preview.listLink")}
            </Link>
          </p>
          <PreviewForm action={previewRubricAction} searchUnits={searchPreviewUnitsAction} initialUnits={previewUnits} today={today} />
        </Card>
      </div>
    </>
  );
}
