import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { FrameAssignmentForm } from "@/components/classification/admin-forms";
import { BackLink } from "@/components/org/back-link";
import { EndAssignmentForm } from "@/components/rubrics/rubric-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listFrameAssignments, listFrames } from "@/lib/classification/frame-admin";
import { NotFoundError } from "@/lib/errors";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { searchUnitsForRubrics } from "@/lib/scoring/rubric-admin";
import { createFrameAssignmentAction, endFrameAssignmentAction, searchFrameUnitsAction } from "../../actions";
import { isoDay, todayInVietnam } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.frameAdmin");
  return { title: t("assignmentsTitle") };
}

export default async function FrameAssignmentsPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requireUser();
  let assignments;
  let frames;
  try {
    assignments = await listFrameAssignments(user);
    frames = (await listFrames(user)).frames;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
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
        <section aria-labelledby="frame-assignment-list" className="flex flex-col gap-3">
          <h2 id="frame-assignment-list" className="text-xl font-semibold text-ink-900">
            {t("assignmentList")}
          </h2>
          {assignments.length === 0 ? (
            <EmptyState title={t("noAssignments")}>{t("noAssignmentsHint")}</EmptyState>
          ) : (
            <ul className="flex flex-col gap-3">
              {assignments.map((a) => (
                <li key={a.id} id={`assignment-${a.id}`} className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="flex min-w-0 flex-col gap-1">
                      <p className="text-lg font-semibold break-words text-ink-950">{a.unit.name}</p>
                      <p className="text-base text-ink-800">
                        <span className="font-semibold">{a.frameCode}</span>
                        {a.frameName ? ` — ${a.frameName}` : null}
                      </p>
                      <p className="text-base text-ink-700">
                        {a.subjects.map((s) => ts(s)).join(", ")} ·{" "}
                        {a.validTo ? t("period", { from: formatCalendarDate(a.validFrom), to: formatCalendarDate(a.validTo) }) : t("periodOpen", { from: formatCalendarDate(a.validFrom) })}
                      </p>
                      <p>{a.endedAt ? <Badge tone="muted">{t("endedAt", { time: formatDateTime(a.endedAt) })}</Badge> : <Badge tone="success">{t("active")}</Badge>}</p>
                    </div>
                    {a.endedAt ? null : <EndAssignmentForm action={endFrameAssignmentAction} id={a.id} label={t("endLabel", { unit: a.unit.name, code: a.frameCode })} catalog="classification.frameForms" />}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
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
