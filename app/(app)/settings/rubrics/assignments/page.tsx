import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/org/back-link";
import { AssignmentForm, EndAssignmentForm, PreviewForm } from "@/components/rubrics/rubric-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
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

const DONE = ["created", "ended"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rubrics.assignments");
  return { title: t("title") };
}

async function load() {
  const user = await requireUser();
  try {
    // Only admins (settings.manage somewhere) have this page: listAssignments is a 404 for others.
    const assignments = await listAssignments(user);
    const { rubrics } = await listRubrics(user);
    // The first units of each picker, shown before any search (most tenants have few at the top).
    const assignUnits = await searchUnitsForRubrics(user, { purpose: "assign" });
    const previewUnits = await searchUnitsForRubrics(user, { purpose: "preview" });
    return { assignments, rubrics, assignUnits, previewUnits };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

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
        <section aria-labelledby="assignment-list" className="flex flex-col gap-3">
          <h2 id="assignment-list" className="text-xl font-semibold text-ink-900">
            {t("assignments.listTitle")}
          </h2>
          {assignments.length === 0 ? (
            <EmptyState title={t("assignments.emptyTitle")}>{t("assignments.emptyHint")}</EmptyState>
          ) : (
            <ul className="flex flex-col gap-3">
              {assignments.map((a) => (
                <li key={a.id} id={`assignment-${a.id}`} className="rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div className="flex min-w-0 flex-col gap-1">
                      <p className="text-lg font-semibold break-words text-ink-950">{a.unit.name}</p>
                      <p className="text-base text-ink-800">
                        <span className="font-semibold">{a.rubricCode}</span>
                        {a.rubricName ? ` — ${a.rubricName}` : null}
                      </p>
                      <p className="text-base text-ink-700">
                        {a.meetingKinds.map((k) => tk(k)).join(", ")} ·{" "}
                        {a.validTo
                          ? t("list.period", { from: formatCalendarDate(a.validFrom), to: formatCalendarDate(a.validTo) })
                          : t("list.periodOpen", { from: formatCalendarDate(a.validFrom) })}
                      </p>
                      <p>
                        {a.endedAt ? (
                          <Badge tone="muted">{t("assignments.endedAt", { time: formatDateTime(a.endedAt) })}</Badge>
                        ) : (
                          <Badge tone="success">{t("assignments.active")}</Badge>
                        )}
                      </p>
                    </div>
                    {a.endedAt ? null : (
                      <EndAssignmentForm action={endAssignmentAction} id={a.id} label={t("assignments.endLabel", { unit: a.unit.name, code: a.rubricCode })} />
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

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
