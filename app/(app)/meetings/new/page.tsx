import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MeetingForm } from "@/components/meetings/meeting-form";
import { BackLink } from "@/components/org/back-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { MeetingKind } from "@/lib/generated/prisma/enums";
import { toLocalDateTimeInput } from "@/lib/i18n/format";
import { listMeetingBranches } from "@/lib/meetings/meetings";
import { DEFAULT_MEETING_TIME, slotInstant } from "@/lib/meetings/plans";
import { createMeetingAction } from "../actions";
import { todayInVietnam } from "@/lib/time/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meetings.new");
  return { title: t("title") };
}

/** The branch's next regular meeting slot (its day and time), to prefill the form. */
function nextSlot(branch: { meetingDay: number | null; meetingTime: string | null }): string {
  if (!branch.meetingDay) return "";
  const today = todayInVietnam();
  let year = today.getUTCFullYear();
  let month = today.getUTCMonth() + 1;
  if (today.getUTCDate() > branch.meetingDay) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return toLocalDateTimeInput(slotInstant(year, month, branch.meetingDay, branch.meetingTime ?? DEFAULT_MEETING_TIME));
}

export default async function NewMeetingPage({ searchParams }: { searchParams: Promise<{ branch?: string; kind?: string }> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "meeting.record")) notFound();
  const [{ branch: wanted, kind: wantedKind }, t] = await Promise.all([searchParams, getTranslations("meetings")]);
  const branches = (await listMeetingBranches(user, "record")).filter((branch) => branch.active);
  const chosen = branches.find((branch) => branch.id === wanted) ?? branches[0];
  const kind = wantedKind && Object.hasOwn(MeetingKind, wantedKind) ? (wantedKind as MeetingKind) : "REGULAR";
  return (
    <>
      <BackLink href="/meetings" label={t("backToList")} />
      <PageHeader title={t("new.title")} description={t("new.intro")} />
      {!chosen ? (
        <EmptyState title={t("new.noBranchTitle")}>{t("new.noBranchHint")}</EmptyState>
      ) : (
        <MeetingForm
          mode="create"
          action={createMeetingAction}
          hidden={{}}
          branches={branches.map((branch) => ({
            id: branch.id,
            label: branch.parentName ? `${branch.name} (${branch.parentName})` : branch.name,
            place: branch.meetingPlace,
          }))}
          cancelHref="/meetings"
          defaults={{
            branchId: chosen.id,
            kind,
            title: "",
            hasThematicPart: false,
            topic: "",
            plannedStart: nextSlot(chosen),
            plannedEnd: "",
            place: chosen.meetingPlace ?? "",
          }}
        />
      )}
    </>
  );
}
