import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MeetingStateBadge } from "@/components/meetings/meeting-badges";
import { BackLink } from "@/components/members/back-link";
import { DecideVisitForm } from "@/components/oversight/oversight-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { formatCalendarDate, formatDateTime } from "@/lib/i18n/format";
import { listPendingVisits } from "@/lib/oversight/visits";
import { decideVisitAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("oversight.approvals");
  return { title: t("title") };
}

export default async function ApprovalsPage() {
  const user = await requireUser();
  let pending;
  try {
    pending = await listPendingVisits(user);
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    throw error;
  }
  const t = await getTranslations("oversight");
  const ta = await getTranslations("oversight.approvals");
  return (
    <>
      <BackLink href="/oversight/coverage" label={t("coverage.title")} />
      <PageHeader title={ta("title")} description={ta("intro")} />
      {pending.length === 0 ? (
        <EmptyState title={ta("emptyTitle")}>{ta("empty")}</EmptyState>
      ) : (
        <ul className="flex flex-col gap-4">
          {pending.map((visit) => (
            <li key={visit.id} className="flex flex-col gap-3 rounded-xl border border-ink-200 bg-white p-4 shadow-sm">
              <div className="flex flex-col gap-1">
                <p className="text-lg font-semibold text-ink-950">{visit.user.displayName}</p>
                <p className="text-base text-ink-800">
                  <Link href={`/meetings/${visit.meeting.id}`} className="text-brand-800 underline">
                    {visit.meeting.title}
                  </Link>{" "}
                  – {visit.meeting.branch.name}
                </p>
                <p className="text-base text-ink-700">
                  {ta("late", { day: formatCalendarDate(visit.meeting.day), at: formatDateTime(visit.recordedAt), days: visit.daysLate })}
                </p>
                <p>
                  <MeetingStateBadge state={visit.meeting.state} />
                </p>
                {visit.remarks ? (
                  <p className="text-base whitespace-pre-line text-ink-800">
                    <span className="font-semibold">{t("record.remarks")}: </span>
                    {visit.remarks}
                  </p>
                ) : null}
              </div>
              <DecideVisitForm
                action={decideVisitAction}
                visitId={visit.id}
                version={visit.version}
                label={ta("formLabel", { name: visit.user.displayName, meeting: `${visit.meeting.title} – ${visit.meeting.branch.name}` })}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
