import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FrameAssignmentForm } from "@/components/classification/admin-forms";
import { BackLink } from "@/components/org/back-link";
import { EndAssignmentForm } from "@/components/rubrics/rubric-forms";
import { AssignmentItem, AssignmentList } from "@/components/rubrics/rule-set-parts";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listFrameAssignments, listFrames } from "@/lib/classification/frame-admin";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { orNotFound } from "@/lib/pages/page-load";
import { searchUnitsForRubrics } from "@/lib/scoring/rubric-admin";
import { createFrameAssignmentAction, endFrameAssignmentAction, searchFrameUnitsAction } from "../../actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.frameAdmin");
  return { title: t("assignmentsTitle") };
}

export default async function FrameAssignmentsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireUser();
  const assignments = await orNotFound(listFrameAssignments(user));
  const { frames } = await orNotFound(listFrames(user));
  const units = await searchUnitsForRubrics(user, { purpose: "assign" });
  const t = await getTranslations("classification.frameAdmin");
  const ts = await getTranslations("classification.subject");
  const { done } = await searchParams;
  return (
    <>
      <BackLink href="/classification/frames" label={t("title")} />
      <PageHeader title={t("assignmentsTitle")} description={t("assignmentsIntro")} />
      {done === "created" || done === "ended" ? (
        <Alert tone="success" className="mb-4">
          {t(`assignmentDone.${done}`)}
        </Alert>
      ) : null}
      <div className="flex flex-col gap-6">
        <AssignmentList id="frame-assignment-list" title={t("assignmentList")} empty={assignments.length === 0 ? { title: t("noAssignments"), hint: t("noAssignmentsHint") } : null}>
          {assignments.map((a) => (
            <AssignmentItem
              key={a.id}
              id={a.id}
              unit={a.unit.name}
              code={a.frameCode}
              name={a.frameName}
              covers={a.subjects.map((s) => ts(s)).join(", ")}
              period={a.validTo ? t("period", { from: formatCalendarDate(a.validFrom), to: formatCalendarDate(a.validTo) }) : t("periodOpen", { from: formatCalendarDate(a.validFrom) })}
              ended={a.endedAt ? t("endedAt", { time: formatDateTime(a.endedAt) }) : null}
              active={t("active")}
              endForm={<EndAssignmentForm action={endFrameAssignmentAction} id={a.id} label={t("endLabel", { unit: a.unit.name, code: a.frameCode })} catalog="classification.frameForms" />}
            />
          ))}
        </AssignmentList>
        <Card title={t("assignTitle")}>
          <p className="mb-4 text-base text-ink-700">{t("assignIntro")}</p>
          <FrameAssignmentForm
            action={createFrameAssignmentAction}
            searchUnits={searchFrameUnitsAction}
            initialUnits={units}
            frames={frames.map((f) => ({ code: f.code, name: f.name, subject: f.subject }))}
            today={isoDay(todayInVietnam())}
          />
        </Card>
      </div>
    </>
  );
}
